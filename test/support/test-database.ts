import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';
import { templateDatabase, testRunId, TEST_DB_PREFIX, withDatabase } from './pg-url';

export interface TestDatabase {
  url: string;
  kind: 'postgres' | 'embedded';
  /** Connections a client may open: one on the embedded server (see loadConfig). */
  poolSize: number;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template, or a new in-memory PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const embedded = await EmbeddedPostgres.start({ maxConnections: 8 });
    return { url: embedded.url, kind: 'embedded', poolSize: 1, drop: () => embedded.stop() };
  }
  const name = `${TEST_DB_PREFIX}${testRunId()}_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
  return {
    url: withDatabase(url, name),
    kind: 'postgres',
    poolSize: 4,
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** One query on its own connection to the database at `url`: the rows. */
export async function queryDatabase<T>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
