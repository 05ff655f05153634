import type { ScorecardGranularity } from '@stockbridge/shared';
import { assertBusinessDate } from '../time';

/** An inclusive range of business dates (`YYYY-MM-DD`, UTC). */
export interface DatePeriod {
  from: string;
  to: string;
}

const MS_PER_DAY = 86_400_000;

function toUtc(date: string, what: string): Date {
  assertBusinessDate(date, what);
  return new Date(`${date}T00:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative: back). */
export function addDays(date: string, days: number): string {
  return format(new Date(toUtc(date, 'date').getTime() + days * MS_PER_DAY));
}

/** Days from `from` to `to`, both counted (2026-01-01 → 2026-01-31 is 31); 0 when `to` is before `from`. */
export function daysInclusive(from: string, to: string): number {
  const diff = Math.round(
    (toUtc(to, 'period end').getTime() -
      toUtc(from, 'period start').getTime()) /
      MS_PER_DAY,
  );
  return diff < 0 ? 0 : diff + 1;
}

/** The first day of `date`'s calendar month. */
export function monthStart(date: string): string {
  toUtc(date, 'date');
  return `${date.slice(0, 7)}-01`;
}

/** The last day of `date`'s calendar month. */
export function monthEnd(date: string): string {
  const d = toUtc(date, 'date');
  return format(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** The Monday of `date`'s ISO week. */
export function weekStart(date: string): string {
  const d = toUtc(date, 'date');
  const offset = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -offset);
}

/**
 * The period a scorecard covers when the caller names none or only one end: the calendar
 * month of `today` by default; only `from` → to the end of that month; only `to` → from the
 * start of that month. With `months` > 1 (trends), the default reaches back that many
 * calendar months, the current one included.
 */
export function resolveScorecardPeriod(
  today: string,
  from?: string,
  to?: string,
  months = 1,
): DatePeriod {
  if (!Number.isInteger(months) || months < 1) {
    throw new RangeError(`months must be a positive integer, got ${months}`);
  }
  if (from !== undefined && to !== undefined) {
    assertBusinessDate(from, 'period start');
    assertBusinessDate(to, 'period end');
    return { from, to };
  }
  if (from !== undefined) return { from, to: monthEnd(from) };
  if (to !== undefined) return { from: monthStart(to), to };
  const end = monthEnd(today);
  const t = toUtc(today, 'today');
  const start = format(
    new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - (months - 1), 1)),
  );
  return { from: start, to: end };
}

/**
 * Splits an inclusive period into trend buckets: calendar months or ISO weeks, the first and
 * last clipped to the period (2026-01-15 → 2026-03-10 by month: Jan 15–31, Feb, Mar 1–10).
 * Throws RangeError when the period ends before it starts.
 */
export function scorecardBuckets(
  from: string,
  to: string,
  granularity: ScorecardGranularity,
): DatePeriod[] {
  toUtc(from, 'period start');
  toUtc(to, 'period end');
  if (from > to) {
    throw new RangeError(
      `a period cannot end (${to}) before it starts (${from})`,
    );
  }
  const buckets: DatePeriod[] = [];
  let start = from;
  while (start <= to) {
    const natural =
      granularity === 'month' ? monthEnd(start) : addDays(weekStart(start), 6);
    const end = natural < to ? natural : to;
    buckets.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return buckets;
}

/**
 * The days of a period that have happened by `today`: from `from` to the earlier of `to` and
 * `today`, both counted; 0 when the period starts after today.
 */
export function elapsedDays(from: string, to: string, today: string): number {
  return daysInclusive(from, to < today ? to : today);
}
