import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { Db, READ_TIMEOUT_MARGIN_MS } from './db.service';

/** The pool, TypeORM (entities for reads; migrations own the schema) and the Db transaction service. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          // Fail fast when the database is away (503), recover by itself when it is back.
          retryAttempts: 0,
          extra: {
            max: config.dbPoolSize,
            connectionTimeoutMillis: 3000,
            idleTimeoutMillis: 30000,
            statement_timeout: config.dbStatementTimeoutMs,
            // Client side: no answer this long after the server would have cancelled → error (503).
            query_timeout: config.dbStatementTimeoutMs + READ_TIMEOUT_MARGIN_MS,
            idle_in_transaction_session_timeout: 60000,
            application_name: 'stockbridge-api',
          },
        }),
      ],
      providers: [Db],
      exports: [Db],
    };
  }
}
