import { Decimal, roundMoney, toDecimal, type DecimalInput } from '../decimal';
import { compareInstants } from '../time';

/** A price-list entry of one supplier and item, valid from `validFrom` until `validTo` (exclusive). */
export interface PriceEntry {
  unitPrice: DecimalInput;
  currency: string;
  /** ISO instant the price was set: it applies from this moment on. */
  validFrom: string;
  /** ISO instant a later price replaced it (exclusive), or null while it is current. */
  validTo: string | null;
}

/** The money side of a title transfer. */
export interface PricedTransfer {
  /** qty × unit price, exact, then rounded half-up to 2 decimals ("12.35"). */
  amount: string;
}

/**
 * Prices one title transfer: the exact product of quantity and unit price, rounded half-up
 * to cents once, per line. Rounding per line (not per statement) is what makes a statement's
 * total equal the sum of the lines a supplier sees.
 */
export function priceTransfer(
  qty: DecimalInput,
  unitPrice: DecimalInput,
): PricedTransfer {
  return { amount: roundMoney(toDecimal(qty).times(toDecimal(unitPrice))) };
}

/**
 * The price-list entry in force at instant `at`: validFrom ≤ at < validTo. A price applies
 * from the moment it is set and never reaches back, so a later entry cannot change the price
 * of an earlier instant. If entries overlap (a price set before the previous one was closed)
 * the most recently set one wins. Returns null when no price was in force.
 */
export function selectPriceAt<T extends PriceEntry>(
  entries: readonly T[],
  at: string,
): T | null {
  let best: T | null = null;
  for (const entry of entries) {
    const started = compareInstants(entry.validFrom, at) <= 0;
    const ended =
      entry.validTo !== null && compareInstants(entry.validTo, at) <= 0;
    if (
      started &&
      !ended &&
      (best === null || compareInstants(entry.validFrom, best.validFrom) > 0)
    ) {
      best = entry;
    }
  }
  return best;
}

const MONEY_TEXT = /^-?\d+(\.\d+)?$/;

function moneyValue(amount: string): Decimal {
  if (!MONEY_TEXT.test(amount)) {
    throw new RangeError(`"${amount}" is not a decimal amount`);
  }
  return new Decimal(amount);
}

/**
 * Adds amounts given as decimal strings exactly and writes the sum with 2 decimals. The
 * amounts are already rounded per line, so the sum is exact too; "0.00" for none.
 */
export function sumAmounts(amounts: readonly string[]): string {
  return roundMoney(
    amounts.reduce(
      (sum, amount) => sum.plus(moneyValue(amount)),
      new Decimal(0),
    ),
  );
}

/** A total in one currency. */
export interface CurrencyTotal {
  currency: string;
  amount: string;
}

/**
 * Totals amounts per currency (amounts in different currencies are never added together),
 * sorted by currency code so the result is stable.
 */
export function totalsByCurrency(
  lines: readonly CurrencyTotal[],
): CurrencyTotal[] {
  const totals = new Map<string, Decimal>();
  for (const { currency, amount } of lines) {
    totals.set(
      currency,
      (totals.get(currency) ?? new Decimal(0)).plus(moneyValue(amount)),
    );
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, total]) => ({ currency, amount: roundMoney(total) }));
}
