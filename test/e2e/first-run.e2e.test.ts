import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runServerToExit, ServerProcess, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-database';

/**
 * What a newcomer meets: `npm start` (the built server) on an empty embedded database, or on
 * TEST_DATABASE_URL's PostgreSQL when set. Runs the real process, not a test module.
 */
describe('first run of the server process', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-first-run-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start with an invalid variable and names it', async () => {
    const { code, output } = await runServerToExit({ PORT: 'abc', DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toMatch(/PORT="abc"/);
    const bad = await runServerToExit({
      NODE_ENV: 'staging',
      LOGIN_MAX_FAILURES: '0',
      DATA_DIR: dataDir,
    });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/NODE_ENV/);
    expect(bad.output).toMatch(/LOGIN_MAX_FAILURES/);
  });

  it('creates the first admin with a one-time password printed once in the log (development)', async () => {
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_SAMPLE_DATA: 'false',
    });
    const health = await request(server.baseUrl).get('/api/health');
    expect(health.status).toBe(200);
    const entry = server.logs.find((l) => l.firstAdmin) as
      { firstAdmin: { username: string; oneTimePassword: string } } | undefined;
    expect(entry?.firstAdmin.username).toBe('admin');
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ username: 'admin', password: entry!.firstAdmin.oneTimePassword });
    expect(login.status).toBe(200);
    expect(login.body.account.mustChangePassword).toBe(true);
  });

  it('refuses a second process on the same data folder', async () => {
    const second = await runServerToExit({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/in use by another process/);
  });

  it('stops cleanly on SIGTERM and reuses the data on restart without a new admin', async () => {
    const oneTime = (
      server!.logs.find((l) => l.firstAdmin) as { firstAdmin: { oneTimePassword: string } }
    ).firstAdmin.oneTimePassword;
    expect(await server!.stop('SIGTERM')).toBe(0);
    server = await startServerProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_SAMPLE_DATA: 'false',
    });
    expect(server.logs.some((l) => l.firstAdmin)).toBe(false);
    const login = await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ username: 'admin', password: oneTime });
    expect(login.status).toBe(200);
  });

  it('logs every request with its id but the autosaves (counted in /metrics instead)', async () => {
    const attempt = '00000000-0000-4000-8000-000000000000';
    await request(server!.baseUrl).get('/api/banks').expect(401);
    await request(server!.baseUrl)
      .put(`/api/attempts/${attempt}/answers/0`)
      .send({ chosen: [0] })
      .expect(401);
    await request(server!.baseUrl).post(`/api/attempts/${attempt}/submit`).send({}).expect(401);
    const urls = () =>
      server!.logs.flatMap((l) => {
        const req = l.req as { url?: string; id?: unknown } | undefined;
        return req?.url && req.id !== undefined ? [req.url] : [];
      });
    for (let i = 0; i < 50 && !urls().includes(`/api/attempts/${attempt}/submit`); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(urls()).toEqual(
      expect.arrayContaining(['/api/banks', `/api/attempts/${attempt}/submit`]),
    );
    expect(urls()).not.toContain(`/api/attempts/${attempt}/answers/0`);
    const metrics = await request(server!.baseUrl).get('/metrics');
    const counted = metrics.text
      .split('\n')
      .find(
        (line) =>
          line.startsWith('http_request_duration_seconds_count{') &&
          line.includes('method="PUT"') &&
          line.includes('route="/api/attempts/:id/answers/:position"'),
      );
    expect(counted?.split(' ').at(-1)).toBe('1');
  });
});

describe('production mode', () => {
  it('creates no default account, and ADMIN_* creates the named admin', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchc-prod-'));
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        SEED_SAMPLE_DATA: 'false',
      });
      expect(server.logs.some((l) => l.firstAdmin)).toBe(false);
      expect(server.output()).toMatch(/No account exists/);
      expect(
        (
          await request(server.baseUrl)
            .post('/api/auth/login')
            .send({ username: 'admin', password: 'x' })
        ).status,
      ).toBe(401);
      await server.stop();

      server = await startServerProcess({
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        SEED_SAMPLE_DATA: 'false',
        ADMIN_USERNAME: 'quantri',
        ADMIN_PASSWORD: 'mat-khau-san-xuat-1',
      });
      const login = await request(server.baseUrl)
        .post('/api/auth/login')
        .send({ username: 'quantri', password: 'mat-khau-san-xuat-1' });
      expect(login.status).toBe(200);
      expect(login.headers['set-cookie'][0]).toMatch(/Secure/);
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('with DATABASE_URL', () => {
  it('runs on that PostgreSQL server: migrations, first admin, sample bank, health', async () => {
    const database = await createTestDatabase();
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DB_POOL_SIZE: String(database.poolSize),
      });
      expect(server.output()).toMatch(/database: PostgreSQL from DATABASE_URL/);
      expect((await request(server.baseUrl).get('/api/health')).body.info.database.status).toBe(
        'up',
      );
      expect(server.logs.some((l) => l.firstAdmin)).toBe(true);
      expect(server.output()).toMatch(/Loaded the sample question bank: \d+ questions/);
      expect((await request(server.baseUrl).get('/api/practice/topics')).body.items.length).toBe(7);
    } finally {
      await server?.stop();
      await database.drop();
    }
  });
});
