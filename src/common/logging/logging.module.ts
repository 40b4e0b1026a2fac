import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';

/**
 * Structured logs: JSON in production, pretty in development; secrets never logged. Every
 * request is logged with its own request id, except health checks, metrics and the timed
 * rounds' autosave: a participant's every click, up to thousands a second on a contest
 * evening, where a log line and a per-request child logger were a tenth of the server's CPU
 * per save (docs/benchmarks.md). Their count and latency are in /metrics, the answers in the
 * database with their time, and their errors are still logged.
 */
export const UNLOGGED_ROUTES = [
  // Paths without the global prefix 'api' (Nest adds it).
  { method: RequestMethod.PUT, path: 'attempts/:id/answers/:position' },
];

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          exclude: UNLOGGED_ROUTES,
          pinoHttp: {
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            level: config.log.level,
            transport: config.log.pretty
              ? {
                  target: 'pino-pretty',
                  options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                }
              : undefined,
            redact: {
              paths: [
                'req.headers.cookie',
                'req.headers.authorization',
                'res.headers["set-cookie"]',
              ],
              censor: '[ẩn]',
            },
            autoLogging: { ignore: (req) => /^\/(api\/health|metrics)/.test(req.url ?? '') },
            quietReqLogger: true,
          },
        }),
      ],
    };
  }
}
