import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ForecastJob } from './forecast.job';
import { ForecastReader } from './forecast-reader';
import { ForecastsController, ThresholdSuggestionsController } from './forecasting.controller';
import { ForecastingService } from './forecasting.service';
import { FORECASTING_SETTINGS, forecastingSettingsFromEnv } from './forecasting.settings';
import { ConsumptionHistory } from './persistence/consumption-history';
import { ThresholdSuggestionsService } from './threshold-suggestions.service';
import { WarningPriorityService } from './warning-priority.service';

/**
 * Demand forecasting (per site and item, from the ledger's consumption), self-tuning stock
 * policy thresholds and the inbox priority of warnings (docs/forecasting.md). Exports the
 * reader that adds forecast fields to proposals and stock health, and the priority service
 * the warnings inbox calls when a warning is acknowledged.
 */
@Module({
  controllers: [ThresholdSuggestionsController, ForecastsController],
  providers: [
    { provide: FORECASTING_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => forecastingSettingsFromEnv(config.env, config.nodeEnv) },
    ConsumptionHistory,
    WarningPriorityService,
    ThresholdSuggestionsService,
    ForecastingService,
    ForecastReader,
    ForecastJob,
  ],
  exports: [ForecastReader, WarningPriorityService, ForecastingService],
})
export class ForecastingModule {}
