import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { join } from 'node:path';
import { AuditModule } from './audit/audit.module';
import { throttlers } from './common/http/throttling';
import { WindowThrottlerStorage } from './common/http/window-throttler-storage';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock/clock.module';
import { CatchAllFilter, DomainErrorFilter } from './common/errors/http-exception.filter';
import { LoggingModule } from './common/logging/logging.module';
import { validationPipe } from './common/http/validation.pipe';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { PracticeModule } from './practice/practice.module';
import { QuestionBanksModule } from './question-banks/question-banks.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SharedThrottlerStorage } from './redis/throttler-storage';
import { RoundDashboardModule } from './rounds/dashboard/round-dashboard.module';
import { RoundsModule } from './rounds/rounds.module';
import { UnitsModule } from './units/units.module';

export const CLIENT_DIST = join(__dirname, '..', 'client', 'dist');

@Module({})
export class AppModule {
  /** `config.database.url` must already point at a server (bootstrap starts the embedded one). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        ClockModule,
        DatabaseModule,
        ThrottlerModule.forRoot({
          throttlers: throttlers(config),
          storage: config.redis.url
            ? new SharedThrottlerStorage(config.redis.url)
            : new WindowThrottlerStorage(),
        }),
        // Express tries routes in the order they were registered, and Nest registers them in
        // the order of these modules: the participants' hot routes (autosave, submit, practice
        // answers) come first, not behind a hundred others (docs/benchmarks.md).
        RoundsModule,
        PracticeModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        HealthModule,
        RealtimeModule,
        QuestionBanksModule,
        UnitsModule,
        RoundDashboardModule,
        LiveModule,
        ...(config.http.serveClient
          ? [
              ServeStaticModule.forRoot({
                rootPath: CLIENT_DIST,
                exclude: ['/api/{*path}', '/metrics', '/socket.io/{*path}'],
                serveStaticOptions: { maxAge: '1h', index: 'index.html' },
              }),
            ]
          : []),
      ],
      providers: [
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: CatchAllFilter },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }
}
