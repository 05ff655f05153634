import type { TestApp } from '../support/test-app';
import { receiveStock } from './stock';
import type { World } from './world';

const DAY_MS = 86_400_000;

/** A weekly pattern by weekday (days since 1970-01-01 modulo 7), zero on one day. */
export const WEEKLY_PATTERN: readonly number[] = [0, 10, 12, 8, 10, 15, 3];

export const utcToday = (): string => new Date().toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The weekly pattern's value on a business date. */
export const weeklyQty = (date: string): number => WEEKLY_PATTERN[Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS) % 7] as number;

export interface HistoryOptions {
  location: { id: string; code: string };
  item: { id: string; code: string };
  supplier: { id: string };
  /** Days of history, ending yesterday. */
  days: number;
  /** Quantity consumed on a business date (0 or null: nothing that day). */
  qtyOn: (date: string) => number | null;
  /** Stock received first (default: exactly what the history consumes, plus `extraStock`). */
  extraStock?: number;
}

/**
 * A synthetic consumption history with a known answer, posted the real way: the stock is
 * received, then consumed through POST /consumptions/batch with back-dated business dates
 * (one line per day with consumption). Returns what was consumed in total.
 */
export async function seedConsumptionHistory(t: TestApp, w: World, o: HistoryOptions): Promise<{ consumed: number; received: number }> {
  const today = utcToday();
  const lines: Array<{ locationCode: string; itemCode: string; qty: string; effectiveDate: string }> = [];
  let consumed = 0;
  for (let k = o.days; k >= 1; k--) {
    const date = addDays(today, -k);
    const q = o.qtyOn(date);
    if (q && q > 0) {
      lines.push({ locationCode: o.location.code, itemCode: o.item.code, qty: String(q), effectiveDate: date });
      consumed += q;
    }
  }
  const received = consumed + (o.extraStock ?? 0);
  if (received > 0) await receiveStock(t, w, { supplier: o.supplier, location: o.location, item: o.item, qty: String(received) });
  for (let i = 0; i < lines.length; i += 1000) {
    const res = await t.api('post', '/consumptions/batch', w.users.warehouse).send({ lines: lines.slice(i, i + 1000) });
    if (res.status !== 201) throw new Error(`seeding consumption failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { consumed, received };
}
