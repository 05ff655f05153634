import type { ForecastMethod, ForecastSelection } from '@stockbridge/shared';
import { CANDIDATE_METHODS, MEAN, SEASON_DAYS, type MethodSpec } from './methods';

/** Defaults of the forecast (docs/forecasting.md). */
export const FORECAST_DEFAULTS = {
  /** Days forecast ahead. */
  horizonDays: 28,
  /** Back-test origins (rolling origin), one per week. */
  folds: 4,
  /** Days forecast from each back-test origin. */
  foldDays: SEASON_DAYS,
  /** Fewest training days before the first back-test origin. */
  minTrainingDays: 3 * SEASON_DAYS,
} as const;

export interface ForecastOptions {
  horizonDays?: number;
  folds?: number;
  foldDays?: number;
  minTrainingDays?: number;
}

/** The back-test accuracy of one competing method. */
export interface CandidateResult {
  method: ForecastMethod;
  params: Record<string, number>;
  /** Σ|actual − forecast| ÷ Σ actual × 100; null when nothing was consumed in the back-test window. */
  wapePct: number | null;
  /** Mean of |actual − forecast| ÷ actual × 100 over back-test days with consumption; null when none. */
  mapePct: number | null;
  /** Mean absolute error per back-test day. */
  mae: number;
  /** Root mean square error per back-test day (what intermittent demand is ranked by). */
  rmse: number;
}

export interface ForecastResult {
  method: ForecastMethod;
  selection: ForecastSelection;
  params: Record<string, number>;
  /** Daily forecasts for the horizon, first = the day after the history. */
  horizon: number[];
  /** Mean of `horizon`. */
  avgDaily: number;
  wapePct: number | null;
  mapePct: number | null;
  /** The chosen method's back-test RMSE per day (for a fallback: the history's standard deviation). */
  rmseDaily: number;
  /** Every method that competed, in the order of CANDIDATE_METHODS. */
  candidates: CandidateResult[];
  /** Days of history used: from the first day with consumption to the end. */
  historyDays: number;
  /** At least half of the history days had no consumption. */
  intermittent: boolean;
}

/** Errors within this tolerance count as equal (floating-point noise); then the simpler method wins. */
const TIE = 1e-9;

function metrics(actual: number[], forecast: number[]): { abs: number; sq: number; sumActual: number; ape: number; apeDays: number } {
  let abs = 0;
  let sq = 0;
  let sumActual = 0;
  let ape = 0;
  let apeDays = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = Math.abs(a - (forecast[i] as number));
    abs += e;
    sq += e * e;
    sumActual += Math.abs(a);
    if (a > 0) {
      ape += e / a;
      apeDays++;
    }
  }
  return { abs, sq, sumActual, ape, apeDays };
}

/**
 * Rolling-origin back-test of one method: origins at n − folds·foldDays, … , n − foldDays;
 * parameters chosen once on the training part (everything before the first origin), the
 * recursion re-run up to each origin, `foldDays` forecast from each.
 */
function backtest(spec: MethodSpec, series: readonly number[], folds: number, foldDays: number): CandidateResult & { absError: number; sqError: number } | null {
  const n = series.length;
  const firstOrigin = n - folds * foldDays;
  const training = series.slice(0, firstOrigin);
  if (training.length < spec.minTraining || !spec.applies(training)) {
    return null;
  }
  const fitted = spec.fit(training);
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let origin = firstOrigin; origin < n; origin += foldDays) {
    const days = Math.min(foldDays, n - origin);
    const f = fitted.forecast(series.slice(0, origin), days);
    for (let k = 0; k < days; k++) {
      actual.push(series[origin + k] as number);
      predicted.push(f[k] as number);
    }
  }
  const m = metrics(actual, predicted);
  return {
    method: spec.method,
    params: fitted.params,
    wapePct: m.sumActual > 0 ? (m.abs / m.sumActual) * 100 : null,
    mapePct: m.apeDays > 0 ? (m.ape / m.apeDays) * 100 : null,
    mae: actual.length ? m.abs / actual.length : 0,
    rmse: actual.length ? Math.sqrt(m.sq / actual.length) : 0,
    absError: m.abs,
    sqError: m.sq,
  };
}

function stdDev(xs: readonly number[]): number {
  if (xs.length === 0) {
    return 0;
  }
  const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mu) * (b - mu), 0) / xs.length);
}

/**
 * Forecasts daily demand from a daily consumption history (consecutive days, oldest first,
 * zero days included; negative net days — reversals beyond the day's consumption — count as 0).
 *
 * - Leading days before the first consumption are dropped (the item may not have been stocked).
 * - With at least `minTrainingDays` + one week of history, every candidate method (NAIVE, SES,
 *   CROSTON on intermittent demand, WEEKDAY_PROFILE, HOLT_WINTERS) is back-tested over up to
 *   `folds` weekly origins at the end of the history; the one with the smallest total absolute
 *   error wins — the same ranking as WAPE, which has the same denominator for all of them, and
 *   still defined when nothing was consumed — ties going to the simpler method. It is then
 *   re-fitted on the whole history to forecast the horizon.
 * - Intermittent demand (at least half the days without consumption) is ranked by the squared
 *   error (RMSE) instead: on mostly-zero days the absolute error — and so WAPE — is smallest for
 *   a forecast of 0 (its optimum is the median, 0), which would never replenish anything; the
 *   squared error's optimum is the mean demand.
 * - A shorter history falls back to MEAN (the mean of the days there are); an empty one
 *   forecasts 0.
 */
export function forecastDemand(history: readonly number[], options: ForecastOptions = {}): ForecastResult {
  const horizonDays = options.horizonDays ?? FORECAST_DEFAULTS.horizonDays;
  const maxFolds = options.folds ?? FORECAST_DEFAULTS.folds;
  const foldDays = options.foldDays ?? FORECAST_DEFAULTS.foldDays;
  const minTraining = options.minTrainingDays ?? FORECAST_DEFAULTS.minTrainingDays;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || !Number.isInteger(maxFolds) || maxFolds < 1 || !Number.isInteger(foldDays) || foldDays < 1) {
    throw new RangeError('horizonDays, folds and foldDays must be positive whole numbers');
  }
  const clean = history.map((y) => (Number.isFinite(y) && y > 0 ? y : 0));
  const first = clean.findIndex((y) => y > 0);
  const series = first < 0 ? [] : clean.slice(first);
  const n = series.length;
  const zeros = series.filter((y) => y === 0).length;
  const intermittent = n > 0 && zeros * 2 >= n;

  const folds = Math.min(maxFolds, Math.floor((n - minTraining) / foldDays));
  if (folds < 1) {
    const fitted = MEAN.fit(series);
    const horizon = fitted.forecast(series, horizonDays);
    return {
      method: 'MEAN',
      selection: 'FALLBACK',
      params: {},
      horizon,
      avgDaily: horizon.reduce((a, b) => a + b, 0) / horizonDays,
      wapePct: null,
      mapePct: null,
      rmseDaily: stdDev(series),
      candidates: [],
      historyDays: n,
      intermittent,
    };
  }

  let best: { spec: MethodSpec; result: CandidateResult; score: number } | null = null;
  const candidates: CandidateResult[] = [];
  for (const spec of CANDIDATE_METHODS) {
    const r = backtest(spec, series, folds, foldDays);
    if (!r) {
      continue;
    }
    const { absError, sqError, ...pub } = r;
    candidates.push(pub);
    const score = intermittent ? sqError : absError;
    if (!best || score < best.score - TIE * (1 + best.score)) {
      best = { spec, result: pub, score };
    }
  }
  // NAIVE always competes, so there is a best one.
  const chosen = best as { spec: MethodSpec; result: CandidateResult };
  const final = chosen.spec.fit(series);
  const horizon = final.forecast(series, horizonDays);
  return {
    method: chosen.spec.method,
    selection: 'BACKTEST',
    params: final.params,
    horizon,
    avgDaily: horizon.reduce((a, b) => a + b, 0) / horizonDays,
    wapePct: chosen.result.wapePct,
    mapePct: chosen.result.mapePct,
    rmseDaily: chosen.result.rmse,
    candidates,
    historyDays: n,
    intermittent,
  };
}
