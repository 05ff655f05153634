import { Module } from '@nestjs/common';
import { CallOffsModule } from '../call-offs/call-offs.module';
import { ForecastingModule } from '../forecasting/forecasting.module';
import { SupplierInventoryModule } from '../supplier-inventory/supplier-inventory.module';
import { DashboardAnalyticsController } from './dashboard-analytics.controller';
import { DashboardAnalyticsService } from './dashboard-analytics.service';
import { WarningEngine } from './warning-engine';
import { WarningsController } from './warnings.controller';
import { WarningsService } from './warnings.service';

/**
 * Warnings (raised, re-graded and resolved from the warning outbox, the supplier inventory's
 * change hook and a periodic job), replenishment proposals and stock-health analytics.
 */
@Module({
  imports: [SupplierInventoryModule, CallOffsModule, ForecastingModule],
  controllers: [WarningsController, DashboardAnalyticsController],
  providers: [WarningEngine, WarningsService, DashboardAnalyticsService],
  exports: [WarningEngine],
})
export class WarningsModule {}
