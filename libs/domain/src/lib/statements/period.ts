import { assertBusinessDate } from '../time';

function assertPeriod(from: string, to: string): void {
  assertBusinessDate(from, 'period start');
  assertBusinessDate(to, 'period end');
  if (from > to) {
    throw new RangeError(
      `a period cannot end (${to}) before it starts (${from})`,
    );
  }
}

/**
 * True when two periods of inclusive `YYYY-MM-DD` dates share at least one day — used to
 * supersede overlapping drafts and to refuse postings into closed periods. Periods that
 * merely touch (one ends the day before the other starts) do not overlap. Throws RangeError
 * on a date that is not a real calendar date or a period that ends before it starts.
 */
export function periodsOverlap(
  aFrom: string,
  aTo: string,
  bFrom: string,
  bTo: string,
): boolean {
  assertPeriod(aFrom, aTo);
  assertPeriod(bFrom, bTo);
  // Zero-padded YYYY-MM-DD text orders exactly like the dates it writes.
  return aFrom <= bTo && bFrom <= aTo;
}

/** True when business date `date` lies in the inclusive period from `from` to `to`. */
export function isDateInPeriod(
  date: string,
  from: string,
  to: string,
): boolean {
  assertBusinessDate(date, 'date');
  assertPeriod(from, to);
  return from <= date && date <= to;
}
