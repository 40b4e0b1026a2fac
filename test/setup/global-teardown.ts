import { Client } from 'pg';
import { templateDatabase } from '../support/pg-url';
import { dropTestDatabases } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const prefix = templateDatabase().replace(/template$/, '');
    await dropTestDatabases(admin, (datname) => datname.startsWith(prefix));
  } finally {
    await admin.end();
  }
}
