import type {
  ScorecardGrade,
  ScorecardMetric,
  ScorecardMetrics,
} from '@stockbridge/shared';
import { SCORECARD_METRICS } from '@stockbridge/shared';
import { Decimal, toDecimal, type DecimalInput } from '../decimal';

/**
 * How much each metric counts in the overall score (they sum to 100). Delivery performance
 * (on time, in full) dominates, as in most SRM practice; stock health and responsiveness
 * follow; disputes count least because a disputed line may be the buyer's mistake.
 */
export const SCORECARD_WEIGHTS: Readonly<Record<ScorecardMetric, number>> = {
  onTimeDelivery: 30,
  fillRate: 25,
  confirmationLeadTime: 10,
  shortClose: 10,
  agedStock: 10,
  turnover: 10,
  disputes: 5,
};

/** A call-off confirmed within this many hours scores 100 … */
export const CONFIRMATION_TARGET_HOURS = 24;
/** … and one confirmed after this many hours (or later) scores 0, linearly in between. */
export const CONFIRMATION_LIMIT_HOURS = 120;
/** Annualised consignment turnover that scores 100 (stock for about a month); less scores pro rata. */
export const TURNOVER_TARGET_PER_YEAR = 12;

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

/** What the database counted and summed for one supplier over one period (or bucket). */
export interface ScorecardFacts {
  /** Deliveries = distinct (receipt, call-off line) received in the period with a promised date. */
  deliveries: number;
  /** …of which received on or before the promised date. */
  onTimeDeliveries: number;
  /** Σ (receipt date − promised date) in days over the late deliveries. */
  daysLateTotal: DecimalInput;
  /** Confirmed call-off lines (confirmed qty > 0) promised in the period and due by then. */
  fillLines: number;
  confirmedQty: DecimalInput;
  /** Σ least(received, confirmed) over those lines: over-delivery never lifts the rate above 100 %. */
  receivedQty: DecimalInput;
  /** Call-offs first confirmed in the period and the hours from creation to that confirmation. */
  confirmations: number;
  medianConfirmationHours: DecimalInput | null;
  avgConfirmationHours: DecimalInput | null;
  /** ASNs shipped in the period, their declared quantity and what of it was closed short. */
  shipments: number;
  shipmentsClosedShort: number;
  shippedQty: DecimalInput;
  shortClosedQty: DecimalInput;
  /** Title transfers of the period, net of reversals. */
  consumedQty: DecimalInput;
  /** Average end-of-day consignment on hand over the elapsed days of the period. */
  avgOnHandQty: DecimalInput;
  /** Days of the period that have happened (the turnover is annualised over them). */
  elapsedDays: number;
  /** Consignment on hand at the period's as-of date, and the part in layers older than agingDays. */
  onHandQty: DecimalInput;
  agedQty: DecimalInput;
  agingDays: number;
  /** Issued statements whose period ends in this one, their lines, and the disputed ones. */
  statements: number;
  statementLines: number;
  disputedLines: number;
}

/** A scorecard's figures, sub-scores (0–100 per metric), weighted score and grade. */
export interface ScoredScorecard {
  metrics: ScorecardMetrics;
  subscores: Record<ScorecardMetric, string | null>;
  score: string | null;
  grade: ScorecardGrade | null;
}

const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const fixed2 = (d: Decimal | null) =>
  d === null ? null : round2(d).toFixed(2);
const qty = (v: DecimalInput) =>
  toDecimal(v).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6);
const clamp100 = (d: Decimal) => Decimal.min(Decimal.max(d, ZERO), HUNDRED);

/** part ÷ whole × 100 to 2 decimals (half-up); null when whole is not positive. */
export function percentOf(
  part: DecimalInput,
  whole: DecimalInput,
): Decimal | null {
  const w = toDecimal(whole);
  return w.gt(0) ? round2(toDecimal(part).times(100).dividedBy(w)) : null;
}

/** 100 at or below the target hours, 0 at or beyond the limit, linear in between. */
export function confirmationSubscore(
  medianHours: DecimalInput | null,
): Decimal | null {
  if (medianHours === null) return null;
  const h = toDecimal(medianHours);
  if (h.lte(CONFIRMATION_TARGET_HOURS)) return HUNDRED;
  if (h.gte(CONFIRMATION_LIMIT_HOURS)) return ZERO;
  return round2(
    new Decimal(CONFIRMATION_LIMIT_HOURS)
      .minus(h)
      .times(100)
      .dividedBy(CONFIRMATION_LIMIT_HOURS - CONFIRMATION_TARGET_HOURS),
  );
}

/** Annualised turnover against the target: 12 turns a year or more → 100. */
export function turnoverSubscore(
  annualized: DecimalInput | null,
): Decimal | null {
  if (annualized === null) return null;
  return clamp100(
    round2(
      toDecimal(annualized).times(100).dividedBy(TURNOVER_TARGET_PER_YEAR),
    ),
  );
}

/** A ≥ 90, B ≥ 75, C ≥ 60, D below; null without a score. */
export function gradeOf(score: DecimalInput | null): ScorecardGrade | null {
  if (score === null) return null;
  const s = toDecimal(score);
  if (s.gte(90)) return 'A';
  if (s.gte(75)) return 'B';
  if (s.gte(60)) return 'C';
  return 'D';
}

/**
 * The weighted mean of the sub-scores that exist (a metric without data neither helps nor
 * hurts: its weight is left out of the denominator), 2 decimals half-up; null when none exists.
 */
export function weightedScore(
  subscores: Record<ScorecardMetric, DecimalInput | null>,
  weights: Readonly<Record<ScorecardMetric, number>> = SCORECARD_WEIGHTS,
): Decimal | null {
  let sum = ZERO;
  let weight = 0;
  for (const m of SCORECARD_METRICS) {
    const s = subscores[m];
    const w = weights[m];
    if (s === null || w <= 0) continue;
    sum = sum.plus(toDecimal(s).times(w));
    weight += w;
  }
  return weight === 0 ? null : round2(sum.dividedBy(weight));
}

/**
 * Turns one supplier's facts into its scorecard: ratios to 2 decimals (half-up), each metric
 * normalised to 0–100 from its rounded ratio (so the figures shown are the figures scored),
 * and the weighted score.
 */
export function scoreScorecard(
  f: ScorecardFacts,
  weights: Readonly<Record<ScorecardMetric, number>> = SCORECARD_WEIGHTS,
): ScoredScorecard {
  for (const [name, n] of Object.entries({
    deliveries: f.deliveries,
    onTimeDeliveries: f.onTimeDeliveries,
    fillLines: f.fillLines,
    confirmations: f.confirmations,
    shipments: f.shipments,
    shipmentsClosedShort: f.shipmentsClosedShort,
    elapsedDays: f.elapsedDays,
    agingDays: f.agingDays,
    statements: f.statements,
    statementLines: f.statementLines,
    disputedLines: f.disputedLines,
  })) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
    }
  }
  if (f.onTimeDeliveries > f.deliveries) {
    throw new RangeError('more on-time deliveries than deliveries');
  }
  const late = f.deliveries - f.onTimeDeliveries;
  const onTimePct = percentOf(String(f.onTimeDeliveries), String(f.deliveries));
  const fillPct = percentOf(f.receivedQty, f.confirmedQty);
  const median =
    f.medianConfirmationHours === null
      ? null
      : round2(toDecimal(f.medianConfirmationHours));
  const avg =
    f.avgConfirmationHours === null
      ? null
      : round2(toDecimal(f.avgConfirmationHours));
  const shortPct = percentOf(f.shortClosedQty, f.shippedQty);
  const avgOnHand = toDecimal(f.avgOnHandQty);
  const rawTurnover = avgOnHand.gt(0)
    ? toDecimal(f.consumedQty).dividedBy(avgOnHand)
    : null;
  const annualized =
    rawTurnover !== null && f.elapsedDays > 0
      ? round2(rawTurnover.times(365).dividedBy(f.elapsedDays))
      : null;
  const agedPct = percentOf(f.agedQty, f.onHandQty);
  const disputedPct = percentOf(
    String(f.disputedLines),
    String(f.statementLines),
  );

  const subscores: Record<ScorecardMetric, Decimal | null> = {
    onTimeDelivery: onTimePct,
    fillRate: fillPct === null ? null : clamp100(fillPct),
    confirmationLeadTime: confirmationSubscore(median),
    shortClose: shortPct === null ? null : clamp100(HUNDRED.minus(shortPct)),
    agedStock: agedPct === null ? null : clamp100(HUNDRED.minus(agedPct)),
    turnover: turnoverSubscore(annualized),
    disputes:
      disputedPct === null ? null : clamp100(HUNDRED.minus(disputedPct)),
  };
  const score = weightedScore(subscores, weights);
  return {
    metrics: {
      onTimeDelivery: {
        deliveries: f.deliveries,
        onTime: f.onTimeDeliveries,
        late,
        pct: fixed2(onTimePct),
        avgDaysLate:
          late > 0 ? fixed2(toDecimal(f.daysLateTotal).dividedBy(late)) : null,
      },
      fillRate: {
        lines: f.fillLines,
        confirmedQty: qty(f.confirmedQty),
        receivedQty: qty(f.receivedQty),
        pct: fixed2(fillPct),
      },
      confirmationLeadTime: {
        confirmations: f.confirmations,
        medianHours: fixed2(median),
        avgHours: fixed2(avg),
      },
      shortClose: {
        shipments: f.shipments,
        shipmentsClosedShort: f.shipmentsClosedShort,
        shippedQty: qty(f.shippedQty),
        shortClosedQty: qty(f.shortClosedQty),
        pct: fixed2(shortPct),
      },
      consignment: {
        consumedQty: qty(f.consumedQty),
        avgOnHandQty: qty(f.avgOnHandQty),
        turnover: fixed2(rawTurnover),
        annualizedTurnover: fixed2(annualized),
        onHandQty: qty(f.onHandQty),
        agedQty: qty(f.agedQty),
        agedSharePct: fixed2(agedPct),
        agingDays: f.agingDays,
      },
      disputes: {
        statements: f.statements,
        statementLines: f.statementLines,
        disputedLines: f.disputedLines,
        pct: fixed2(disputedPct),
      },
    },
    subscores: Object.fromEntries(
      SCORECARD_METRICS.map((m) => [m, fixed2(subscores[m])]),
    ) as Record<ScorecardMetric, string | null>,
    score: fixed2(score),
    grade: gradeOf(score),
  };
}

/** What `rankScorecards` needs of a row. */
export interface Rankable {
  score: string | null;
  supplierCode: string;
}

/**
 * Orders scorecards best first (score descending, then supplier code) and numbers them with
 * competition ranking: equal scores share a rank and the next rank skips (1, 2, 2, 4). A
 * supplier without a score is listed last and not ranked (rank null).
 */
export function rankScorecards<T extends Rankable>(
  rows: readonly T[],
): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else {
      const c = toDecimal(b.score).comparedTo(toDecimal(a.score));
      if (c !== 0) return c;
    }
    return a.supplierCode < b.supplierCode
      ? -1
      : a.supplierCode > b.supplierCode
        ? 1
        : 0;
  });
  let rank = 0;
  let previous: Decimal | null = null;
  return sorted.map((row, i) => {
    if (row.score === null) return { ...row, rank: null };
    const s = toDecimal(row.score);
    if (previous === null || !s.eq(previous)) rank = i + 1;
    previous = s;
    return { ...row, rank };
  });
}
