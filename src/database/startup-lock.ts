import type { DataSource } from 'typeorm';

/** Keys of the session advisory locks taken at start-up (arbitrary, fixed for this app). */
export const STARTUP_LOCKS = {
  migrations: 7_240_001,
  sampleData: 7_240_002,
  firstAdmin: 7_240_003,
} as const;

/**
 * Runs `work` while holding a PostgreSQL session advisory lock, so that instances starting at
 * the same time (two app containers on a fresh database) run migrations, create the first admin
 * and load the sample data one after the other instead of racing. The lock is held on a connection of its own; with
 * a pool of one connection (the embedded database, which only one process can open anyway) no
 * lock is taken. A session lock needs a direct connection, not PgBouncer in transaction mode:
 * see docs/deployment.md.
 */
export async function withStartupLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
): Promise<T> {
  const extra = dataSource.options.extra as { max?: number } | undefined;
  const poolSize = extra?.max ?? 10;
  if (poolSize <= 1) return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
