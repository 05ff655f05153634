import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { FORECASTING_SETTINGS, type ForecastingSettings } from './forecasting.settings';
import { ForecastingService } from './forecasting.service';

/**
 * Every FORECAST_JOB_INTERVAL_MS: recomputes the forecasts of tenants whose forecasts are not of
 * today (then their threshold suggestions) and refreshes every tenant's warning priorities.
 * Safe with several API instances: a tenant is refreshed under a session advisory lock, so a
 * second instance skips it; what is computed is persisted chunk by chunk.
 */
@Injectable()
export class ForecastJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ForecastJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly forecasts: ForecastingService,
    @Inject(FORECASTING_SETTINGS) private readonly settings: ForecastingSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.jobIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.stopped || this.running) return;
      this.running = this.forecasts
        .runScheduled()
        .catch((e) => this.logger.error(`forecast job failed: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
        });
    }, this.settings.jobIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
