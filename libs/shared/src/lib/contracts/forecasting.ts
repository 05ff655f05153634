// Contract interfaces of demand forecasting and self-tuning thresholds (docs/forecasting.md).
import type { BusinessDate, DecimalString, Timestamp } from './common';

/**
 * Forecasting methods. MEAN is only the fallback of a history too short to back-test; the
 * others compete per (location, item) on back-test error.
 */
export const FORECAST_METHODS = ['NAIVE', 'SES', 'CROSTON', 'WEEKDAY_PROFILE', 'HOLT_WINTERS', 'MEAN'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** How the method was chosen: by back-test error, or the fallback of a short or empty history. */
export type ForecastSelection = 'BACKTEST' | 'FALLBACK';

/** One row of GET /forecasts. */
export interface ForecastSummary {
  locationCode: string;
  itemCode: string;
  method: ForecastMethod;
  selection: ForecastSelection;
  /** Weighted absolute percentage error of the back-test, in %, 2 decimals; null when nothing was consumed in the back-test window. */
  wapePct: DecimalString | null;
  /** Mean absolute percentage error over back-test days with consumption, in %, 2 decimals; null when there were none. */
  mapePct: DecimalString | null;
  /** Mean of the daily forecasts over the horizon. */
  avgDailyForecast: DecimalString;
  onHand: DecimalString;
  /** On hand ÷ average daily forecast, 2 decimals; null when no demand is forecast. */
  daysOfCover: DecimalString | null;
  /** Days of consumption history the forecast used (from the first consumption in the look-back window). */
  historyDays: number;
  intermittent: boolean;
  /** The first forecast day; the history ends the day before. */
  asOf: BusinessDate;
  computedAt: Timestamp;
}

export interface ForecastCandidate {
  method: ForecastMethod;
  params: Record<string, number>;
  wapePct: DecimalString | null;
  mapePct: DecimalString | null;
  /** Mean absolute error per back-test day. */
  mae: DecimalString;
  /** Root mean square error per back-test day (intermittent demand is ranked by it). */
  rmse: DecimalString;
  chosen: boolean;
}

/** GET /forecasts/{locationCode}/{itemCode}. */
export interface ForecastDetail extends ForecastSummary {
  params: Record<string, number>;
  lookbackDays: number;
  horizonDays: number;
  /** Root mean square error of the chosen method's back-test, per day (the σ of safety stock). */
  rmseDaily: DecimalString;
  history: Array<{ date: BusinessDate; qty: DecimalString }>;
  forecast: Array<{ date: BusinessDate; qty: DecimalString }>;
  candidates: ForecastCandidate[];
}

export interface ForecastQuery {
  locationCode?: string;
  itemCode?: string;
  method?: ForecastMethod;
  limit?: number;
  cursor?: string;
  sort?: 'location' | 'wape' | 'avgDailyForecast' | 'daysOfCover';
  order?: 'asc' | 'desc';
}

/** POST /forecasts/refresh. */
export interface ForecastRefreshResult {
  asOf: BusinessDate;
  pairs: number;
  suggestionsCreated: number;
  seconds: number;
}

export const THRESHOLD_SUGGESTION_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'SUPERSEDED'] as const;
export type ThresholdSuggestionStatus = (typeof THRESHOLD_SUGGESTION_STATUSES)[number];

/** One row of GET /stock-policies/suggestions. */
export interface ThresholdSuggestion {
  id: string;
  status: ThresholdSuggestionStatus;
  locationCode: string;
  itemCode: string;
  /** The policy's min/max when the suggestion was made. */
  currentMinQty: DecimalString;
  currentMaxQty: DecimalString;
  suggestedMinQty: DecimalString;
  suggestedMaxQty: DecimalString;
  /** The policy as it is now (after an accept, the suggested values). */
  policyMinQty: DecimalString | null;
  policyMaxQty: DecimalString | null;
  avgDailyForecast: DecimalString;
  leadTimeDays: DecimalString;
  leadTimeStdDays: DecimalString;
  leadTimeDemand: DecimalString;
  safetyStock: DecimalString;
  cycleQty: DecimalString;
  serviceLevelPct: DecimalString;
  /** Probability of a stock-out per replenishment cycle with the current min, in %. */
  stockOutRiskCurrentPct: DecimalString;
  /** … and with the suggested min. */
  stockOutRiskSuggestedPct: DecimalString;
  method: ForecastMethod;
  wapePct: DecimalString | null;
  reason: string;
  createdAt: Timestamp;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
  comment: string | null;
}

export interface ThresholdSuggestionQuery {
  status?: ThresholdSuggestionStatus;
  locationCode?: string;
  itemCode?: string;
  limit?: number;
  cursor?: string;
}

export interface RejectThresholdSuggestionRequest {
  comment?: string;
}

/** Inbox priority of a warning: LOW when planners keep acknowledging it without acting. */
export const WARNING_PRIORITIES = ['NORMAL', 'LOW'] as const;
export type WarningPriority = (typeof WARNING_PRIORITIES)[number];
