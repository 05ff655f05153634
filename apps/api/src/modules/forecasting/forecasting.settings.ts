/**
 * Settings of forecasting and threshold suggestions, read once at boot from the configuration's
 * environment (never process.env). A malformed value stops the boot.
 */
export interface ForecastingSettings {
  /** Days of consumption history read from the ledger (FORECAST_LOOKBACK_DAYS, 120). */
  lookbackDays: number;
  /** Days forecast ahead (FORECAST_HORIZON_DAYS, 28). */
  horizonDays: number;
  /**
   * How often the job looks for stale forecasts; 0 = never (FORECAST_JOB_INTERVAL_MS, 600000;
   * 0 under NODE_ENV=test, where suites call the job themselves). The first pass runs 30 s
   * after start (or after one interval if shorter), so a fresh start has forecasts soon.
   */
  jobIntervalMs: number;
  /** (location, item) pairs per history query and upsert (FORECAST_CHUNK, 2000). */
  chunk: number;
  /** Target probability of no stock-out per cycle behind suggested mins (THRESHOLD_SERVICE_LEVEL, 0.95). */
  serviceLevel: number;
  /** Cost of one call-off in the price's currency, for the economic cycle (THRESHOLD_ORDER_COST, 50). */
  orderCost: number;
  /** Yearly holding cost as a share of the unit price (THRESHOLD_HOLDING_RATE, 0.25). */
  holdingRate: number;
  /** Days after a rejection during which no new suggestion is made for that policy (THRESHOLD_REJECT_QUIET_DAYS, 14). */
  rejectQuietDays: number;
}

export const FORECASTING_SETTINGS = Symbol('FORECASTING_SETTINGS');

type Env = Readonly<Record<string, string | undefined>>;

function num(env: Env, name: string, def: number, min: number, max: number, whole: boolean): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return def;
  const ok = whole ? /^\d+$/.test(raw) : /^\d+(\.\d+)?$/.test(raw);
  const n = Number(raw);
  if (!ok || n < min || n > max) throw new Error(`${name} must be a ${whole ? 'whole ' : ''}number between ${min} and ${max}, got "${raw}"`);
  return n;
}

export function forecastingSettingsFromEnv(env: Env, nodeEnv: string = env['NODE_ENV'] ?? 'development'): ForecastingSettings {
  const serviceLevel = num(env, 'THRESHOLD_SERVICE_LEVEL', 0.95, 0.5, 0.9999, false);
  return {
    lookbackDays: num(env, 'FORECAST_LOOKBACK_DAYS', 120, 28, 730, true),
    horizonDays: num(env, 'FORECAST_HORIZON_DAYS', 28, 7, 180, true),
    jobIntervalMs: num(env, 'FORECAST_JOB_INTERVAL_MS', nodeEnv === 'test' ? 0 : 600_000, 0, 86_400_000, true),
    chunk: num(env, 'FORECAST_CHUNK', 2000, 1, 20_000, true),
    serviceLevel,
    orderCost: num(env, 'THRESHOLD_ORDER_COST', 50, 0, 1e9, false),
    holdingRate: num(env, 'THRESHOLD_HOLDING_RATE', 0.25, 0.0001, 10, false),
    rejectQuietDays: num(env, 'THRESHOLD_REJECT_QUIET_DAYS', 14, 0, 365, true),
  };
}
