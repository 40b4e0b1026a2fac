import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import {
  newTestRunId,
  runStartedAt,
  setTestRunId,
  templateDatabase,
  TEST_DB_PREFIX,
  withDatabase,
} from '../support/pg-url';

/** A run interrupted before its teardown leaves databases behind; older than this they go. */
const LEFTOVER_AGE_MS = 6 * 60 * 60 * 1000;

/**
 * With TEST_DATABASE_URL (a real PostgreSQL), migrate a template database once; each test file
 * then clones it (CREATE DATABASE … TEMPLATE), which is much faster than migrating per file.
 * Without it, each test file starts its own in-memory embedded database instead.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    process.stdout.write(
      '\nDatabase tests run on embedded PGlite (set TEST_DATABASE_URL for a real PostgreSQL).\n',
    );
    return;
  }
  setTestRunId(newTestRunId());
  const template = templateDatabase();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    process.stdout.write(`\nDatabase tests run on PostgreSQL ${version} (TEST_DATABASE_URL).\n`);
    await dropTestDatabases(admin, (datname) => {
      const started = runStartedAt(datname);
      return started === null || Date.now() - started > LEFTOVER_AGE_MS;
    });
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const dataSource = new DataSource(dataSourceOptions(withDatabase(url, template), 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** Drops the test databases `which` selects: this run's at the end, old leftovers at the start. */
export async function dropTestDatabases(
  admin: Client,
  which: (datname: string) => boolean,
): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
    [TEST_DB_PREFIX],
  );
  for (const { datname } of rows.filter((row) => which(row.datname)))
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
