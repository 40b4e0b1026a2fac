import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { STARTUP_LOCKS, withStartupLock } from './startup-lock';

/**
 * TypeORM on PostgreSQL (real, or the embedded server started by bootstrap). Pending
 * migrations run at start-up (under an advisory lock: several instances may start at once); a real server that is not up yet is retried with a log line.
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
          logging: ['warn', 'migration'],
          retryAttempts: config.nodeEnv === 'test' ? 0 : 10,
          retryDelay: 3000,
        };
      },
      // Pending migrations run before any other module starts, one instance at a time.
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no data source options');
        const dataSource = await new DataSource(options).initialize();
        try {
          await withStartupLock(dataSource, STARTUP_LOCKS.migrations, () =>
            dataSource.runMigrations({ transaction: 'each' }),
          );
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
