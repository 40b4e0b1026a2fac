import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';

/**
 * TypeORM on PostgreSQL (real, or the embedded server started by bootstrap). Pending
 * migrations run at start-up; a real server that is not up yet is retried with a log line.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.database.url)
          throw new Error('database.url must be resolved before the module starts');
        return {
          ...dataSourceOptions(config.database.url, config.database.poolSize),
          migrationsRun: true,
          logging: ['warn', 'migration'],
          retryAttempts: config.nodeEnv === 'test' ? 0 : 10,
          retryDelay: 3000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
