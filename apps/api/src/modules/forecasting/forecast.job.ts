import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { FORECASTING_SETTINGS, type ForecastingSettings } from './forecasting.settings';
import { ForecastingService } from './forecasting.service';

/** Delay of the first pass after start. */
const FIRST_PASS_MS = 30_000;

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
  private first: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly forecasts: ForecastingService,
    @Inject(FORECASTING_SETTINGS) private readonly settings: ForecastingSettings,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.settings.jobIntervalMs;
    if (interval <= 0) return;
    const pass = () => {
      if (this.stopped || this.running) return;
      this.running = this.forecasts
        .runScheduled()
        .catch((e) => this.logger.error(`forecast job failed: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
        });
    };
    // A first pass soon after start (the demo world has forecasts within a minute), then periodic.
    this.first = setTimeout(pass, Math.min(FIRST_PASS_MS, interval));
    this.first.unref();
    this.timer = setInterval(pass, interval);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
