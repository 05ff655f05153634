import { BUSINESS_DATE_PATTERN } from '@stockbridge/shared';

// Offsets are whole minutes, so once two instants agree to the millisecond the digits below
// the millisecond (PostgreSQL keeps microseconds) can be compared as written.
const SUB_MILLISECOND = /\.\d{3}(\d*)/;
const MS_PER_DAY = 86_400_000;

function epochMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new RangeError(`"${iso}" is not an ISO-8601 instant`);
  }
  return ms;
}

function subMillisecondDigits(iso: string): string {
  const match = SUB_MILLISECOND.exec(iso);
  return (match?.[1] ?? '').padEnd(9, '0');
}

/**
 * Orders two ISO-8601 instants (negative, zero or positive, like a sort comparator).
 * Instants with different offsets compare by the moment they denote, and microseconds
 * beyond JavaScript's millisecond clock still count. Throws RangeError on text that is
 * not an instant.
 */
export function compareInstants(a: string, b: string): number {
  const diff = epochMillis(a) - epochMillis(b);
  if (diff !== 0) {
    return diff < 0 ? -1 : 1;
  }
  const subA = subMillisecondDigits(a);
  const subB = subMillisecondDigits(b);
  return subA === subB ? 0 : subA < subB ? -1 : 1;
}

/**
 * Whole days elapsed from `from` to `asOf` (both ISO instants), rounded down; negative when
 * `asOf` is earlier. The clock is passed in so that ages are reproducible.
 */
export function wholeDaysBetween(from: string, asOf: string): number {
  return Math.floor((epochMillis(asOf) - epochMillis(from)) / MS_PER_DAY);
}

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isBusinessDate(text: string): boolean {
  if (!BUSINESS_DATE_PATTERN.test(text)) {
    return false;
  }
  const parsed = new Date(`${text}T00:00:00Z`);
  // A date that JavaScript rolled over (Feb 30 → Mar 2) does not survive the round trip.
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === text
  );
}

/** Throws RangeError unless `text` is a real `YYYY-MM-DD` business date. */
export function assertBusinessDate(text: string, what = 'date'): void {
  if (!isBusinessDate(text)) {
    throw new RangeError(`${what} "${text}" is not a YYYY-MM-DD business date`);
  }
}

/** The business date (`YYYY-MM-DD`, UTC, as the API defines it) on which an instant falls. */
export function businessDateOf(instant: string): string {
  return new Date(epochMillis(instant)).toISOString().slice(0, 10);
}
