/**
 * Forecasting methods for daily demand (docs/forecasting.md). Forecasts are statistical
 * estimates, so plain floating-point numbers are used here; quantities leave the API as decimal
 * strings. Every method is split in `fit` (choose parameters on a training series, by grid
 * search on one-step-ahead in-sample squared error) and `forecast` (run the recursion over a
 * series with fixed parameters and project `h` days), so that the back-test can re-run the
 * recursion at each origin with the parameters chosen on the training part.
 *
 * Series are consecutive days, oldest first, zero-demand days included. Seasonal methods use
 * a weekly season: position t and t + 7 are the same weekday.
 */

import type { ForecastMethod } from '@stockbridge/shared';

export const SEASON_DAYS = 7;

/** A fitted method: its parameters and a forecaster that projects `h` days after `series`. */
export interface FittedMethod {
  method: ForecastMethod;
  params: Record<string, number>;
  /** Forecasts the `h` days after the end of `series` (never negative). */
  forecast(series: readonly number[], h: number): number[];
}

/** A method that competes in the back-test. */
export interface MethodSpec {
  method: ForecastMethod;
  /** Fewest training days the method needs. */
  minTraining: number;
  /** Whether the method applies to this training series at all (e.g. Croston on smooth demand). */
  applies(training: readonly number[]): boolean;
  fit(training: readonly number[]): FittedMethod;
}

const clamp0 = (x: number): number => (x > 0 && Number.isFinite(x) ? x : 0);
const repeat = (value: number, h: number): number[] => Array.from({ length: h }, () => clamp0(value));

function mean(xs: readonly number[], from = 0, to = xs.length): number {
  if (to <= from) {
    return 0;
  }
  let s = 0;
  for (let i = from; i < to; i++) {
    s += xs[i] as number;
  }
  return s / (to - from);
}

/** The grid of a smoothing constant: 0.05, 0.10, …, 0.95. */
export const ALPHA_GRID: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

// ------------------------------------------------------------------ naive

/** Naive: tomorrow (and every later day) is like the last day. */
export const NAIVE: MethodSpec = {
  method: 'NAIVE',
  minTraining: 1,
  applies: () => true,
  fit: () => ({
    method: 'NAIVE',
    params: {},
    forecast: (series, h) => repeat(series.length ? (series[series.length - 1] as number) : 0, h),
  }),
};

// ------------------------------------------------------------------ simple exponential smoothing

/** Days averaged to start the SES level. */
const SES_INIT_DAYS = 7;

/** Runs SES over `series`; returns the final level and the in-sample one-step squared error. */
function sesRun(series: readonly number[], alpha: number): { level: number; sse: number } {
  const init = Math.min(SES_INIT_DAYS, series.length);
  let level = mean(series, 0, init);
  let sse = 0;
  for (let t = init; t < series.length; t++) {
    const y = series[t] as number;
    const e = y - level;
    sse += e * e;
    level += alpha * e;
  }
  return { level, sse };
}

/**
 * Simple exponential smoothing: level ← level + α (y − level), started at the mean of the
 * first 7 days; the forecast is the last level, flat. α from {0.05 … 0.95} minimising the
 * one-step squared error on the training series (ties: the smaller α).
 */
export const SES: MethodSpec = {
  method: 'SES',
  minTraining: SES_INIT_DAYS,
  applies: () => true,
  fit(training) {
    let best = { alpha: ALPHA_GRID[0] as number, sse: Infinity };
    for (const alpha of ALPHA_GRID) {
      const { sse } = sesRun(training, alpha);
      if (sse < best.sse - 1e-12) {
        best = { alpha, sse };
      }
    }
    const alpha = best.alpha;
    return { method: 'SES', params: { alpha }, forecast: (series, h) => repeat(sesRun(series, alpha).level, h) };
  },
};

// ------------------------------------------------------------------ Croston (SBA)

const CROSTON_ALPHAS: readonly number[] = [0.05, 0.1, 0.2, 0.3];
/** Croston applies to intermittent demand only: at least this share of zero days. */
export const INTERMITTENT_ZERO_SHARE = 0.3;

function zeroShare(series: readonly number[]): number {
  let zeros = 0;
  for (const y of series) {
    if (y === 0) {
      zeros++;
    }
  }
  return series.length ? zeros / series.length : 1;
}

/** Croston's recursion with the Syntetos–Boylan correction; returns the final rate and the in-sample one-step squared error. */
function crostonRun(series: readonly number[], alpha: number): { rate: number; sse: number } {
  const nonZero = series.filter((y) => y > 0);
  if (nonZero.length === 0) {
    return { rate: 0, sse: 0 };
  }
  // Start the demand size at the first demand and the interval at the mean interval.
  let size = nonZero[0] as number;
  let interval = series.length / nonZero.length;
  const sba = 1 - alpha / 2;
  let sinceLast = 0;
  let seen = false;
  let sse = 0;
  for (const y of series) {
    sinceLast++;
    if (seen) {
      const e = y - (sba * size) / interval;
      sse += e * e;
    }
    if (y > 0) {
      if (seen) {
        size += alpha * (y - size);
        interval += alpha * (sinceLast - interval);
      }
      seen = true;
      sinceLast = 0;
    }
  }
  return { rate: (sba * size) / interval, sse };
}

/**
 * Croston's method for intermittent demand (SBA variant): demand sizes and the intervals
 * between demands are smoothed separately; the daily rate is (1 − α/2) · size ÷ interval.
 * Competes only when at least 30 % of the training days had no consumption and there were
 * at least two demands.
 */
export const CROSTON: MethodSpec = {
  method: 'CROSTON',
  minTraining: SES_INIT_DAYS,
  applies: (training) => zeroShare(training) >= INTERMITTENT_ZERO_SHARE && training.filter((y) => y > 0).length >= 2,
  fit(training) {
    let best = { alpha: CROSTON_ALPHAS[0] as number, sse: Infinity };
    for (const alpha of CROSTON_ALPHAS) {
      const { sse } = crostonRun(training, alpha);
      if (sse < best.sse - 1e-12) {
        best = { alpha, sse };
      }
    }
    const alpha = best.alpha;
    return { method: 'CROSTON', params: { alpha }, forecast: (series, h) => repeat(crostonRun(series, alpha).rate, h) };
  },
};

// ------------------------------------------------------------------ weekday profile

/** Weeks averaged per weekday by the weekday profile. */
export const PROFILE_WEEKS = 8;

/**
 * Weekday profile: each future day is the mean of the same weekday over the last 8 weeks (or
 * as many whole or partial weeks as there are, at least two).
 */
export const WEEKDAY_PROFILE: MethodSpec = {
  method: 'WEEKDAY_PROFILE',
  minTraining: 2 * SEASON_DAYS,
  applies: () => true,
  fit: () => ({
    method: 'WEEKDAY_PROFILE',
    params: { weeks: PROFILE_WEEKS },
    forecast(series, h) {
      const n = series.length;
      const from = Math.max(0, n - PROFILE_WEEKS * SEASON_DAYS);
      const sums = new Array<number>(SEASON_DAYS).fill(0);
      const counts = new Array<number>(SEASON_DAYS).fill(0);
      for (let t = from; t < n; t++) {
        const j = t % SEASON_DAYS;
        sums[j] = (sums[j] as number) + (series[t] as number);
        counts[j] = (counts[j] as number) + 1;
      }
      return Array.from({ length: h }, (_, k) => {
        const j = (n + k) % SEASON_DAYS;
        return clamp0((counts[j] as number) ? (sums[j] as number) / (counts[j] as number) : 0);
      });
    },
  }),
};

// ------------------------------------------------------------------ Holt-Winters (additive, weekly)

interface HwParams {
  alpha: number;
  /** 0 = no trend (the trend is held at 0). */
  beta: number;
  gamma: number;
}

const HW_ALPHAS: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7];
const HW_BETAS: readonly number[] = [0, 0.05, 0.15];
const HW_GAMMAS: readonly number[] = [0.05, 0.1, 0.2, 0.3];
const HW_INIT_DAYS = 2 * SEASON_DAYS;

interface HwState {
  level: number;
  trend: number;
  season: number[];
  sse: number;
}

/**
 * Runs additive Holt-Winters over `series`. Initial state from the first two weeks: the trend
 * is the difference of their means ÷ 7, the trend line passes through the first week's mean
 * at its middle day, the seasonal indices are the mean deviations from that line (summing to
 * zero), and the level is the line's value at the end of week two. A linear or a purely
 * weekly series is therefore reproduced exactly from the start.
 */
function hwRun(series: readonly number[], p: HwParams): HwState {
  const m1 = mean(series, 0, SEASON_DAYS);
  const m2 = mean(series, SEASON_DAYS, HW_INIT_DAYS);
  const slope = p.beta > 0 ? (m2 - m1) / SEASON_DAYS : 0;
  // Without a trend the line is flat at the mean of the two weeks.
  const base = p.beta > 0 ? m1 : (m1 + m2) / 2;
  const mid = p.beta > 0 ? (SEASON_DAYS - 1) / 2 : HW_INIT_DAYS / 2 - 0.5;
  const line = (t: number) => base + (t - mid) * slope;
  const season = new Array<number>(SEASON_DAYS).fill(0);
  for (let t = 0; t < HW_INIT_DAYS; t++) {
    const j = t % SEASON_DAYS;
    season[j] = (season[j] as number) + ((series[t] as number) - line(t)) / 2;
  }
  const sMean = mean(season);
  for (let j = 0; j < SEASON_DAYS; j++) {
    season[j] = (season[j] as number) - sMean;
  }
  let level = line(HW_INIT_DAYS - 1);
  let trend = slope;
  let sse = 0;
  for (let t = HW_INIT_DAYS; t < series.length; t++) {
    const y = series[t] as number;
    const j = t % SEASON_DAYS;
    const s = season[j] as number;
    const e = y - (level + trend + s);
    sse += e * e;
    const prevLevel = level;
    level = p.alpha * (y - s) + (1 - p.alpha) * (level + trend);
    if (p.beta > 0) {
      trend = p.beta * (level - prevLevel) + (1 - p.beta) * trend;
    }
    season[j] = p.gamma * (y - level) + (1 - p.gamma) * s;
  }
  return { level, trend, season, sse };
}

/**
 * Holt-Winters, additive weekly season, with an optional (undamped) trend: (α, β, γ) from a
 * grid (β = 0 meaning no trend) minimising the one-step squared error on the training series
 * after the two initial weeks. Forecast for day n + k: level + (k + 1) · trend + season.
 */
export const HOLT_WINTERS: MethodSpec = {
  method: 'HOLT_WINTERS',
  minTraining: HW_INIT_DAYS + SEASON_DAYS,
  applies: () => true,
  fit(training) {
    let best: { p: HwParams; sse: number } = { p: { alpha: HW_ALPHAS[0] as number, beta: 0, gamma: HW_GAMMAS[0] as number }, sse: Infinity };
    for (const beta of HW_BETAS) {
      for (const alpha of HW_ALPHAS) {
        for (const gamma of HW_GAMMAS) {
          const p = { alpha, beta, gamma };
          const { sse } = hwRun(training, p);
          if (best.sse === Infinity || sse < best.sse - 1e-9 * (1 + best.sse)) {
            best = { p, sse };
          }
        }
      }
    }
    const p = best.p;
    return {
      method: 'HOLT_WINTERS',
      params: { alpha: p.alpha, beta: p.beta, gamma: p.gamma },
      forecast(series, h) {
        const st = hwRun(series, p);
        const n = series.length;
        return Array.from({ length: h }, (_, k) => clamp0(st.level + (k + 1) * st.trend + (st.season[(n + k) % SEASON_DAYS] as number)));
      },
    };
  },
};

// ------------------------------------------------------------------ mean (fallback)

/** The fallback of a history too short to back-test: the mean of the days there are. */
export const MEAN: MethodSpec = {
  method: 'MEAN',
  minTraining: 0,
  applies: () => true,
  fit: () => ({ method: 'MEAN', params: {}, forecast: (series, h) => repeat(mean(series), h) }),
};

/** The competing methods, simplest first: on equal back-test error the simpler one wins. */
export const CANDIDATE_METHODS: readonly MethodSpec[] = [NAIVE, SES, CROSTON, WEEKDAY_PROFILE, HOLT_WINTERS];
