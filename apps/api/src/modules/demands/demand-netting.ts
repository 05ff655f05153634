import { Decimal, formatPlain, replenishmentReason, suggestedQty, toDecimal, type DecimalInput } from '@stockbridge/domain';

/**
 * Demand netting of a replenishment proposal (docs/warnings.md "Demands and netting"). Pure:
 * the proposals query supplies the position and the OPEN demand of (location, item) due on or
 * before the horizon (today + the chosen supplier's lead time).
 */
export interface NettingPosition {
  min: DecimalInput;
  max: DecimalInput;
  onHand: DecimalInput;
  inTransit: DecimalInput;
  openCallOffQty: DecimalInput;
  /** Σ qty of OPEN demand with need-by ≤ horizon (0 when none). */
  demandQty: DecimalInput;
  /** The latest need-by among that demand; null when none. */
  demandDueBy: string | null;
  /** The lead time the horizon was taken with (days). */
  leadTimeDays: number;
}

export interface NettedProposal {
  suggestedQty: Decimal;
  reason: string;
  /** Above min now; only the demand takes the position to min or below. */
  demandDriven: boolean;
}

/**
 * - **At or below min** (on hand + in transit ≤ min): suggested = max − (on hand + in transit +
 *   open call-offs) + demand, never below 0.
 * - **Above min, but demand pulls it down**: when on hand + in transit + open call-offs − demand
 *   ≤ min, the same quantity is proposed (`demandDriven`).
 * - Otherwise, or when the quantity is not above 0: no proposal (null).
 *
 * Without demand the answer (quantity and reason) is exactly API.md's rule.
 */
export function netDemand(p: NettingPosition): NettedProposal | null {
  const demand = toDecimal(p.demandQty);
  const available = toDecimal(p.onHand).plus(toDecimal(p.inTransit));
  const covered = available.plus(toDecimal(p.openCallOffQty));
  const min = toDecimal(p.min);
  const base = { max: p.max, onHand: p.onHand, inTransit: p.inTransit, openCallOffQty: p.openCallOffQty };
  if (!demand.gt(0)) {
    if (available.gt(min)) return null;
    const qty = suggestedQty(base);
    return qty.gt(0) ? { suggestedQty: qty, reason: replenishmentReason({ ...base, min: p.min }), demandDriven: false } : null;
  }
  const atOrBelowMin = available.lte(min);
  const projected = covered.minus(demand);
  if (!atOrBelowMin && projected.gt(min)) return null;
  const qty = Decimal.max(toDecimal(p.max).minus(covered).plus(demand), 0);
  if (!qty.gt(0)) return null;
  const due = `demand ${formatPlain(demand)} due by ${p.demandDueBy ?? '—'}`;
  const stock = `on hand ${formatPlain(p.onHand)} + in transit ${formatPlain(p.inTransit)} + open call-offs ${formatPlain(p.openCallOffQty)}`;
  const order = `order ${formatPlain(qty)} to reach max ${formatPlain(p.max)} + ${due}`;
  if (atOrBelowMin) {
    return { suggestedQty: qty, reason: `${stock} ${covered.lt(min) ? '<' : '≥'} min ${formatPlain(p.min)}; ${order}`, demandDriven: false };
  }
  return {
    suggestedQty: qty,
    reason: `${stock} − ${due} = ${formatPlain(projected)} ≤ min ${formatPlain(p.min)} within the lead time of ${p.leadTimeDays} days; ${order}`,
    demandDriven: true,
  };
}

/** The last need-by date netted: today (UTC business date) + lead time days. */
export function demandHorizon(today: string, leadTimeDays: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + leadTimeDays);
  return d.toISOString().slice(0, 10);
}
