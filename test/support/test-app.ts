import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN = { username: 'admin', password: 'mat-khau-quan-tri-1' };

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real application, wired exactly as in production, listening on port 0 over a fresh
 * database. ADMIN_* creates a known admin account.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: String(database.poolSize),
      LOG_LEVEL: 'error',
      SERVE_CLIENT: 'false',
      SEED_SAMPLE_DATA: 'false',
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    });
    const running = await createApp(config);
    await running.app.listen(0, '127.0.0.1');
    const address = running.app.getHttpServer().address() as { port: number };
    return {
      app: running.app,
      baseUrl: `http://127.0.0.1:${address.port}`,
      database,
      close: async () => {
        await running.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** The session cookie (`name=value`) of a sign-in, for a socket.io handshake. */
export async function sessionCookie(baseUrl: string, credentials = TEST_ADMIN): Promise<string> {
  const response = await request(baseUrl).post('/api/auth/login').send(credentials);
  const cookie = (response.headers['set-cookie'] as unknown as string[] | undefined)?.[0];
  if (response.status !== 200 || cookie === undefined)
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return cookie.split(';')[0];
}

/** Settings of a test app for the live final: the sample bank, limits out of the way. */
export const LIVE_TEST_ENV = {
  SEED_SAMPLE_DATA: 'true',
  LOGIN_RATE_LIMIT: '1000',
  API_RATE_LIMIT: '100000',
};

/** A supertest agent that keeps cookies, signed in as the given account. */
export async function signedInAgent(baseUrl: string, credentials = TEST_ADMIN) {
  const agent = request.agent(baseUrl);
  const response = await agent.post('/api/auth/login').send(credentials);
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return agent;
}
