import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TEMPLATE_DB, withDatabase } from '../support/pg-url';

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
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    process.stdout.write(`\nDatabase tests run on PostgreSQL ${version} (TEST_DATABASE_URL).\n`);
    await dropTestDatabases(admin);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const dataSource = new DataSource(dataSourceOptions(withDatabase(url, TEMPLATE_DB), 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** Leftovers of an interrupted earlier run. */
export async function dropTestDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'cchc_test_%'`,
  );
  for (const { datname } of rows)
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
