import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example and README.md (Configuration).\n`);
      process.exit(1);
    }
    throw error;
  }

  const running = await createApp(config);
  await running.app.listen(config.port, config.host);
  const logger = new Logger('Main');
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const { port } = running.app.getHttpServer().address() as { port: number };
  logger.log(
    `Hội thi CCHC is listening on http://${shown}:${port} ` +
      `(database: ${running.embedded ? `embedded, ${config.database.dataDir}` : 'PostgreSQL from DATABASE_URL'})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    running
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
