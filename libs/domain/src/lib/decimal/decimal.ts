import { Decimal as DecimalJs } from 'decimal.js';
import { MONEY_DECIMALS } from '@stockbridge/shared';

/**
 * The decimal type of Stockbridge: a dedicated decimal.js constructor so that no other
 * library's global `Decimal.set()` can change how quantities and money are computed.
 *
 * - 40 significant digits: a 6-decimal quantity times a price never loses a digit.
 * - ROUND_HALF_UP (ties away from zero), the same as PostgreSQL's `round(numeric)`, so the
 *   API and the database agree to the cent.
 * - exponent notation switched off: `toString()` always writes plain digits ("0.0000001",
 *   never "1e-7"), which is what the JSON contract promises.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** An exact decimal value (quantity, price, amount or percentage). */
export type Decimal = DecimalJs;

/** What the rules accept as a decimal: an instance (of any decimal.js constructor) or a decimal string. */
export type DecimalInput = Decimal | string;

/**
 * Converts to a Stockbridge `Decimal`. Instances made by another decimal.js constructor are
 * re-wrapped so that arithmetic on them uses this library's precision, not theirs.
 */
export function toDecimal(value: DecimalInput): Decimal {
  return new Decimal(value);
}

/** Why a quantity was refused; the same codes the upload reports per row. */
export type QuantityRejection =
  | 'INVALID_NUMBER'
  | 'TOO_MANY_DECIMALS'
  | 'NEGATIVE';

/** The outcome of `parseQuantity`: a value, or a reason that can be shown to the user. */
export type ParsedQuantity =
  | { ok: true; value: Decimal }
  | { ok: false; reason: QuantityRejection; message: string };

/** Options of `parseQuantity`. */
export interface ParseQuantityOptions {
  /** Negative quantities are refused with NEGATIVE unless this is true (only signed differences need it). */
  allowNegative?: boolean;
}

// Plain decimal notation only: exponent forms and a leading '+' or '.' are refused so that
// what a user typed is exactly what is stored.
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Parses a quantity from a decimal string or a JSON number.
 *
 * A number is read through its shortest round-trip text (`String(n)`), so `12.5` is exactly
 * 12.5 and `0.1 + 0.2` is refused as TOO_MANY_DECIMALS instead of being silently rounded.
 * NaN, Infinity and exponent forms (`1e21`, `1e-7`) are INVALID_NUMBER. Trailing zeros do not
 * count as decimals ("12.5000000" is 12.5), because they add no precision.
 */
export function parseQuantity(
  input: string | number,
  maxDecimals: number,
  options: ParseQuantityOptions = {},
): ParsedQuantity {
  if (!Number.isInteger(maxDecimals) || maxDecimals < 0) {
    throw new RangeError(
      `maxDecimals must be a non-negative integer, got ${maxDecimals}`,
    );
  }
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      return invalid(`${input} is not a finite number`);
    }
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return invalid('a quantity must be a decimal string or a number');
  }
  if (!PLAIN_DECIMAL.test(text)) {
    return invalid(`"${text}" is not a plain decimal number`);
  }
  const places = decimalPlaces(text);
  if (places !== null && places > maxDecimals) {
    return {
      ok: false,
      reason: 'TOO_MANY_DECIMALS',
      message: `"${text}" has ${places} decimals, at most ${maxDecimals} allowed`,
    };
  }
  const value = new Decimal(text);
  if (value.isZero()) {
    // "-0" is a valid zero, not a negative quantity.
    return { ok: true, value: new Decimal(0) };
  }
  if (value.isNegative() && options.allowNegative !== true) {
    return { ok: false, reason: 'NEGATIVE', message: `"${text}" is negative` };
  }
  return { ok: true, value };
}

function invalid(message: string): ParsedQuantity {
  return { ok: false, reason: 'INVALID_NUMBER', message };
}

/**
 * Number of significant decimal places written in a plain decimal string: digits after the
 * point, ignoring trailing zeros ("1.2500" → 2, "7" → 0). Returns null for anything that is
 * not a plain decimal (exponents, words, empty text).
 */
export function decimalPlaces(text: string): number | null {
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) {
    return null;
  }
  const point = trimmed.indexOf('.');
  if (point < 0) {
    return 0;
  }
  return trimmed.slice(point + 1).replace(/0+$/, '').length;
}

/**
 * Writes a decimal with exactly `decimals` places, rounding half-up (ties away from zero):
 * `formatQuantity(new Decimal('12.5'), 6)` → "12.500000". This is the response format of
 * quantities in the API.
 */
export function formatQuantity(value: DecimalInput, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new RangeError(
      `decimals must be a non-negative integer, got ${decimals}`,
    );
  }
  const rounded = toDecimal(value).toDecimalPlaces(
    decimals,
    Decimal.ROUND_HALF_UP,
  );
  // A value that rounds to zero must not print as "-0.00".
  const text = rounded.isZero() ? '0' : rounded.toString();
  if (decimals === 0) {
    return text;
  }
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(decimals, '0')}`;
}

/**
 * Rounds an amount of money half-up (ties away from zero, as PostgreSQL does) to 2 decimals
 * and writes it with exactly 2 places: 12.345 → "12.35", 3 → "3.00".
 */
export function roundMoney(value: DecimalInput): string {
  return formatQuantity(value, MONEY_DECIMALS);
}

/**
 * Writes a decimal in its shortest exact form without exponent ("65", "12.5", "0.0000001"),
 * for messages meant for people.
 */
export function formatPlain(value: DecimalInput): string {
  const d = toDecimal(value);
  return d.isZero() ? '0' : d.toString();
}
