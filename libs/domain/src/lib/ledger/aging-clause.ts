/**
 * The consignment aging clause of an agreement: a receipt layer may stay the supplier's
 * consignment stock for at most `maxConsignmentDays`; then title passes to the buyer (at the
 * price in force at that moment). An AGING warning announces it `agingNoticeDays` before.
 *
 * Ages count from the layer's receipt (`receivedAt`), which a layer keeps through inter-site
 * transfers, so moving stock never resets its clock.
 */

const DAY_MS = 86_400_000;

/** When an agreement sets a clause without a notice period. */
export const DEFAULT_AGING_NOTICE_DAYS = 14;

export type AgingNoticeSeverity = 'YELLOW' | 'ORANGE' | 'RED';

function instant(value: string | Date): number {
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(value)}`);
  return t;
}

/** The instant a layer received at `receivedAt` falls due under the clause. */
export function agingClauseDueAt(receivedAt: string | Date, maxConsignmentDays: number): Date {
  return new Date(instant(receivedAt) + maxConsignmentDays * DAY_MS);
}

/** True when the layer is due at `now` (due at exactly its due instant). */
export function isAgingClauseDue(receivedAt: string | Date, maxConsignmentDays: number, now: string | Date): boolean {
  return agingClauseDueAt(receivedAt, maxConsignmentDays).getTime() <= instant(now);
}

/** Whole days since receipt (what warnings and the stock page call a layer's age). */
export function ageInDays(receivedAt: string | Date, now: string | Date): number {
  return Math.floor((instant(now) - instant(receivedAt)) / DAY_MS);
}

/**
 * Grade of the AGING notice of the clause, from the whole days left before the transfer:
 * null outside the notice period; RED when due (the job transfers it on its next run, or could
 * not: no price, closed period); ORANGE in the last third of the notice period; YELLOW before.
 */
export function agingClauseSeverity(daysLeft: number, agingNoticeDays: number): AgingNoticeSeverity | null {
  if (daysLeft <= 0) return 'RED';
  if (daysLeft > agingNoticeDays) return null;
  return daysLeft <= Math.ceil(agingNoticeDays / 3) ? 'ORANGE' : 'YELLOW';
}

/** The notice of one layer at `now`, or null when the clause does not apply yet (or at all). */
export function agingClauseNotice(input: {
  receivedAt: string | Date;
  maxConsignmentDays: number | null;
  agingNoticeDays?: number;
  now: string | Date;
}): { severity: AgingNoticeSeverity; daysLeft: number; dueAt: Date } | null {
  if (input.maxConsignmentDays === null) return null;
  const daysLeft = input.maxConsignmentDays - ageInDays(input.receivedAt, input.now);
  const severity = agingClauseSeverity(daysLeft, input.agingNoticeDays ?? DEFAULT_AGING_NOTICE_DAYS);
  return severity === null ? null : { severity, daysLeft, dueAt: agingClauseDueAt(input.receivedAt, input.maxConsignmentDays) };
}
