import { MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { Decimal, toDecimal, type DecimalInput } from '../decimal';

/**
 * Self-tuning thresholds (docs/forecasting.md "Thresholds"): min = demand over the lead time +
 * safety stock at a service level; max = min + an economic cycle quantity. Statistics are
 * floating-point; the quantities that reach a policy are decimals rounded up to the item's
 * decimals.
 */

/** Standard normal cumulative distribution Φ(x) (Abramowitz–Stegun 26.2.17, absolute error < 7.5e-8). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) {
    throw new RangeError('x must be a number');
  }
  if (x === Infinity) {
    return 1;
  }
  if (x === -Infinity) {
    return 0;
  }
  const z = Math.abs(x);
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

/** Inverse of Φ (Acklam's rational approximation, relative error < 1.2e-9), for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`a probability strictly between 0 and 1 is required, got ${p}`);
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Standard deviation of demand over a lead time when both demand and lead time vary:
 * σ_DLT = √(L · σ_d² + d² · σ_L²), with L the mean lead time (days), σ_L its standard
 * deviation, d the mean daily demand and σ_d the daily forecast error.
 */
export function leadTimeDemandStdDev(leadTimeDays: number, leadTimeStdDays: number, avgDaily: number, sigmaDaily: number): number {
  if ([leadTimeDays, leadTimeStdDays, avgDaily, sigmaDaily].some((x) => !Number.isFinite(x) || x < 0)) {
    throw new RangeError('lead time, its deviation, demand and its deviation must be finite and not negative');
  }
  return Math.sqrt(leadTimeDays * sigmaDaily * sigmaDaily + avgDaily * avgDaily * leadTimeStdDays * leadTimeStdDays);
}

/**
 * Probability (0–1) that demand over one lead time exceeds `reorderPoint`, demand over the lead
 * time being normal with mean `leadTimeDemand` and deviation `sigma` — the stock-out risk per
 * replenishment cycle of a min. With no variability the risk is 1 when demand exceeds it, else 0.
 */
export function stockOutRisk(reorderPoint: number, leadTimeDemand: number, sigma: number): number {
  if (sigma <= 0) {
    return leadTimeDemand > reorderPoint ? 1 : 0;
  }
  return 1 - normalCdf((reorderPoint - leadTimeDemand) / sigma);
}

/** Costs behind the economic cycle quantity. */
export interface CycleCosts {
  /** Cost of placing one call-off, in the price's currency. */
  orderCost: number;
  /** Yearly holding cost as a share of the unit price (0.25 = 25 % a year). */
  holdingRatePerYear: number;
  /** Bounds of the cycle in days of demand. */
  minCycleDays: number;
  maxCycleDays: number;
  /** Cycle in days of demand when the price is unknown. */
  defaultCycleDays: number;
}

export const DEFAULT_CYCLE_COSTS: CycleCosts = { orderCost: 50, holdingRatePerYear: 0.25, minCycleDays: 7, maxCycleDays: 60, defaultCycleDays: 14 };

/**
 * Economic cycle quantity: the economic order quantity √(2 · D · S ÷ (i · c)) for yearly demand
 * D = 365 · d, order cost S, holding rate i and unit price c, bounded to 7–60 days of demand;
 * 14 days of demand when there is no price. 0 without demand.
 */
export function economicCycleQty(avgDaily: number, unitPrice: number | null, costs: CycleCosts = DEFAULT_CYCLE_COSTS): number {
  if (!(avgDaily > 0)) {
    return 0;
  }
  if (unitPrice === null || !(unitPrice > 0) || !(costs.holdingRatePerYear > 0)) {
    return avgDaily * costs.defaultCycleDays;
  }
  const eoq = Math.sqrt((2 * 365 * avgDaily * costs.orderCost) / (costs.holdingRatePerYear * unitPrice));
  return Math.min(Math.max(eoq, avgDaily * costs.minCycleDays), avgDaily * costs.maxCycleDays);
}

export interface ThresholdInput {
  /** Daily forecasts from tomorrow on (at least as many days as the lead time, else the last is repeated). */
  forecast: readonly number[];
  /** The chosen method's daily error (back-test RMSE). */
  sigmaDaily: number;
  leadTimeDays: number;
  leadTimeStdDays: number;
  /** Target probability of not running out in a cycle, e.g. 0.95. */
  serviceLevel: number;
  unitPrice: number | null;
  currentMin: DecimalInput;
  currentMax: DecimalInput;
  /** Decimals of the item: suggested quantities are rounded up to them. */
  decimals: number;
  costs?: CycleCosts;
}

export interface ThresholdSuggestionResult {
  min: Decimal;
  max: Decimal;
  /** Mean daily demand over the lead time. */
  avgDaily: number;
  leadTimeDemand: number;
  safetyStock: number;
  cycleQty: number;
  z: number;
  sigmaLeadTime: number;
  /** Stock-out probability per cycle, 0–1, at the current and at the suggested min. */
  riskCurrent: number;
  riskSuggested: number;
}

/** Σ of the forecast over `days` days (fractional days count pro rata; past the horizon, its last day repeats). */
export function demandOver(forecast: readonly number[], days: number): number {
  if (!(days > 0) || forecast.length === 0) {
    return 0;
  }
  let total = 0;
  const whole = Math.floor(days);
  const last = forecast[forecast.length - 1] as number;
  for (let k = 0; k < whole; k++) {
    total += k < forecast.length ? (forecast[k] as number) : last;
  }
  const frac = days - whole;
  if (frac > 0) {
    total += frac * (whole < forecast.length ? (forecast[whole] as number) : last);
  }
  return total;
}

const roundUp = (x: number, decimals: number): Decimal =>
  new Decimal(Math.max(x, 0).toFixed(9)).toDecimalPlaces(Math.min(decimals, MAX_QTY_DECIMALS), Decimal.ROUND_CEIL);

/**
 * Suggests min and max of a stock policy:
 * - demand over the lead time D_L = Σ forecast over the next L days, d = D_L ÷ L;
 * - σ_DLT = √(L · σ_d² + d² · σ_L²); safety stock SS = z · σ_DLT, z = Φ⁻¹(service level);
 * - min = ⌈D_L + SS⌉, max = ⌈min + Q⌉ with Q the economic cycle quantity (rounded up to the item's decimals);
 * - stock-out risk per cycle at a min m: 1 − Φ((m − D_L) ÷ σ_DLT).
 */
export function suggestThresholds(input: ThresholdInput): ThresholdSuggestionResult {
  const { leadTimeDays: L, leadTimeStdDays: sL, serviceLevel } = input;
  if (!(serviceLevel > 0 && serviceLevel < 1)) {
    throw new RangeError(`service level must be strictly between 0 and 1, got ${serviceLevel}`);
  }
  if (!Number.isInteger(input.decimals) || input.decimals < 0) {
    throw new RangeError('decimals must be a non-negative whole number');
  }
  const leadTimeDemand = demandOver(input.forecast, L);
  const avgDaily = L > 0 ? leadTimeDemand / L : (input.forecast[0] ?? 0);
  const sigmaLeadTime = leadTimeDemandStdDev(L, sL, avgDaily, input.sigmaDaily);
  const z = normalQuantile(serviceLevel);
  const safetyStock = Math.max(z * sigmaLeadTime, 0);
  const min = roundUp(leadTimeDemand + safetyStock, input.decimals);
  const cycleQty = economicCycleQty(avgDaily, input.unitPrice, input.costs);
  const max = roundUp(min.toNumber() + cycleQty, input.decimals);
  return {
    min,
    max: Decimal.max(max, min),
    avgDaily,
    leadTimeDemand,
    safetyStock,
    cycleQty,
    z,
    sigmaLeadTime,
    riskCurrent: stockOutRisk(toDecimal(input.currentMin).toNumber(), leadTimeDemand, sigmaLeadTime),
    riskSuggested: stockOutRisk(min.toNumber(), leadTimeDemand, sigmaLeadTime),
  };
}

/**
 * Whether a suggestion is worth a planner's time: min or max moves by more than 10 % of its
 * current value (and by more than one unit of the item's resolution).
 */
export function isMaterialChange(current: DecimalInput, suggested: DecimalInput, decimals: number, relative = '0.1'): boolean {
  const c = toDecimal(current);
  const diff = toDecimal(suggested).minus(c).abs();
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(decimals));
  return diff.gt(unit) && diff.gt(c.abs().times(relative));
}

/** Formats a number for a human reason: at most `dp` decimals, trailing zeros dropped. */
export function plainNumber(x: number, dp = 2): string {
  return new Decimal(x.toFixed(dp)).toString();
}

/** The human reason of a threshold suggestion. */
export function thresholdReason(r: ThresholdSuggestionResult, ctx: {
  method: string;
  wapePct: number | null;
  leadTimeDays: number;
  leadTimeStdDays: number;
  serviceLevel: number;
  currentMin: DecimalInput;
  currentMax: DecimalInput;
}): string {
  const pct = (p: number) => `${plainNumber(p * 100, 1)} %`;
  const accuracy = ctx.wapePct === null ? ctx.method : `${ctx.method}, WAPE ${plainNumber(ctx.wapePct, 1)} %`;
  return (
    `forecast ${plainNumber(r.avgDaily)}/day (${accuracy}); lead time ${plainNumber(ctx.leadTimeDays, 1)} ± ${plainNumber(ctx.leadTimeStdDays, 1)} days; ` +
    `demand over lead time ${plainNumber(r.leadTimeDemand)} + safety stock ${plainNumber(r.safetyStock)} at ${pct(ctx.serviceLevel)} service → ` +
    `min ${r.min.toString()} (now ${toDecimal(ctx.currentMin).toString()}: stock-out risk per cycle ${pct(r.riskCurrent)} → ${pct(r.riskSuggested)}); ` +
    `max = min + cycle ${plainNumber(r.cycleQty)} → ${r.max.toString()} (now ${toDecimal(ctx.currentMax).toString()})`
  );
}
