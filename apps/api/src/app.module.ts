import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { correlationIdFor } from './common/http/correlation';
import { ProblemFilter } from './common/http/problem.filter';
import { loggableUrl } from './common/http/log-redaction';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { AuthModule } from './modules/auth/auth.module';
import { CallOffsModule } from './modules/call-offs/call-offs.module';
import { HealthController } from './modules/health/health.controller';
import { LedgerModule } from './modules/ledger/ledger.module';
import { StockModule } from './modules/stock/stock.module';
import { MasterDataModule } from './modules/master-data/master-data.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ShipmentsModule } from './modules/shipments/shipments.module';
import { StatementsModule } from './modules/statements/statements.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SupplierInventoryModule } from './modules/supplier-inventory/supplier-inventory.module';
import { WarningsModule } from './modules/warnings/warnings.module';
import { TransfersModule } from './modules/transfers/transfers.module';
import { AgingClauseModule } from './modules/aging-clause/aging-clause.module';
import { ScorecardsModule } from './modules/scorecards/scorecards.module';
import { ForecastingModule } from './modules/forecasting/forecasting.module';
import { DemandsModule } from './modules/demands/demands.module';
import { SeedModule } from './seed/seed.module';

/** Feature modules, one per bounded context; later contexts append themselves here. */
export const FEATURE_MODULES = [AuthModule, OrganizationsModule, MasterDataModule, CallOffsModule, ShipmentsModule, LedgerModule, StockModule, SupplierInventoryModule, StatementsModule, WarningsModule, ReportsModule, ScorecardsModule, TransfersModule, AgingClauseModule, ForecastingModule, DemandsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => correlationIdFor(req),
            customProps: (req: IncomingMessage) => ({ correlationId: correlationIdFor(req) }),
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: loggableUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        DatabaseModule.forRoot(config, databaseUrl),
        ...FEATURE_MODULES,
        SeedModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [APP_CONFIG],
    };
  }
}
