import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'question-banks');

/** `npm run bank -- …` as organizers' scripts run it: the built CLI, its stdout and exit code. */
function bank(
  database: TestDatabase,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'bank.js'), ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        DB_POOL_SIZE: String(database.poolSize),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the bank command line', () => {
  let database: TestDatabase;
  let out: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    out = mkdtempSync(join(tmpdir(), 'cchc-bank-cli-'));
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('checks a file with --dry-run --json and writes nothing', async () => {
    const res = await bank(database, [
      'import',
      join(FIXTURES, 'ok', 'ngan-hang.json'),
      '--bank',
      'Thử',
      '--dry-run',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout.trim());
    expect(report).toMatchObject({ format: 'json', imported: 0, errors: [] });
    expect(report.questions).toBeGreaterThan(0);
    const stats = JSON.parse((await bank(database, ['stats', '--json'])).stdout.trim());
    expect(stats.total).toBe(0);
  });

  it('imports the sample bank and reports statistics over the seven topic groups', async () => {
    const res = await bank(database, [
      'import',
      join(ROOT, 'question-banks', 'cchc-mau.json'),
      '--bank',
      'Mẫu',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout.trim());
    expect(report.imported).toBeGreaterThanOrEqual(150);
    const stats = JSON.parse((await bank(database, ['stats', '--json'])).stdout.trim());
    expect(stats.total).toBe(report.imported);
    expect(Object.keys(stats.byTopic)).toHaveLength(7);
    expect(Object.values(stats.byTopic).reduce((a: number, b) => a + (b as number), 0)).toBe(
      stats.total,
    );
  });

  it('refuses a bad file with exit code 1 and the same error list as the web', async () => {
    const file = join(FIXTURES, 'not-ok', 'thieu-dap-an.xlsx');
    const expected = JSON.parse(readFileSync(`${file}.expected.json`, 'utf8'));
    const res = await bank(database, ['import', file, '--bank', 'Mẫu', '--json']);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout.trim());
    expect(report.imported).toBe(0);
    expect(report.errors).toHaveLength(expected.problems.length);
    expect(report.errors[0]).toMatchObject({
      sheet: expected.problems[0].sheet,
      row: expected.problems[0].row,
      column: expected.problems[0].column,
    });
  });

  it('exports a bank to a file that imports back', async () => {
    const file = join(out, 'mau.xlsx');
    const res = await bank(database, ['export', 'Mẫu', '--format', 'xlsx', '--out', file]);
    expect(res.code).toBe(0);
    const again = JSON.parse(
      (
        await bank(database, ['import', file, '--bank', 'Mẫu', '--dry-run', '--json'])
      ).stdout.trim(),
    );
    expect(again.errors).toEqual([]);
    expect(again.questions).toBeGreaterThanOrEqual(150);
    expect(again.duplicates).toHaveLength(again.questions); // every exported question is already in the bank
  });

  it('prints usage and exits 2 on a wrong call', async () => {
    const res = await bank(database, ['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Usage/);
  });
});
