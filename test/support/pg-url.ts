/**
 * Every database a test run creates on a real PostgreSQL is named `cchc_test_<run>_…`, where
 * `<run>` is set once by the global setup (base-36 start time + random suffix) and inherited by
 * the workers. Two runs against the same server (a developer's and CI's) thus never drop each
 * other's databases; leftovers of an interrupted run are dropped once they are old enough.
 */
export const TEST_DB_PREFIX = 'cchc_test_';
const RUN_ENV = 'CCHC_TEST_RUN';

export function newTestRunId(now = Date.now()): string {
  const suffix = Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${now.toString(36)}${suffix}`;
}

export function testRunId(): string {
  const run = process.env[RUN_ENV];
  if (!run) throw new Error(`${RUN_ENV} is not set: the jest global setup did not run`);
  return run;
}

export function setTestRunId(run: string): void {
  process.env[RUN_ENV] = run;
}

export function templateDatabase(run = testRunId()): string {
  return `${TEST_DB_PREFIX}${run}_template`;
}

/** When the run that created `datname` started, or null for a name not made by newTestRunId. */
export function runStartedAt(datname: string): number | null {
  const match = /^cchc_test_([0-9a-z]+)[0-9a-z]{4}_/.exec(datname);
  if (!match) return null;
  const started = parseInt(match[1], 36);
  return Number.isFinite(started) ? started : null;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
