import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { EmbeddedPostgres } from './database/embedded/embedded-postgres';
import { AppIoAdapter } from './realtime/io.adapter';

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Set when the app started its own embedded database. */
  embedded?: EmbeddedPostgres;
  /** Closes the app, then the embedded database (in that order: connections first). */
  close(): Promise<void>;
}

/**
 * Builds the whole application from a validated configuration. main.ts and the tests both use
 * it, so tests exercise exactly the production wiring (pipes, filters, guards, adapters).
 */
export async function createApp(config: AppConfig): Promise<RunningApp> {
  let embedded: EmbeddedPostgres | undefined;
  let effective = config;
  if (!config.database.url) {
    embedded = await EmbeddedPostgres.start({
      dataDir: config.database.dataDir,
      maxConnections: config.database.poolSize + 2,
    });
    effective = { ...config, database: { ...config.database, url: embedded.url } };
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(effective), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    });
    app.useLogger(app.get(PinoLogger));
    configureApp(app, effective);
    await app.init();
    return {
      app,
      config: effective,
      embedded,
      close: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  if (config.http.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The client is served from the same origin; socket.io uses ws(s) to it.
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.enableCors(
    config.http.corsOrigins.length > 0
      ? { origin: config.http.corsOrigins, credentials: true }
      : { origin: false },
  );
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useWebSocketAdapter(new AppIoAdapter(app, config));

  const openApi = new DocumentBuilder()
    .setTitle('Hội thi CCHC — API')
    .setDescription('API của hệ thống hội thi tìm hiểu về cải cách hành chính')
    .setVersion('0.1.0')
    .addCookieAuth('cchc_session')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
}
