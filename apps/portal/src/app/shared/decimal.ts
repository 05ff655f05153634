import { DecimalString } from '@stockbridge/shared';

/*
 * Decimal strings from the API are compared by their digits, never turned into JavaScript
 * numbers: the portal only needs to know whether a quantity is zero or positive.
 */

/** "0", "0.000", "-0" → true. */
export function isZeroQty(value: DecimalString | null | undefined): boolean {
  return !value || !/[1-9]/.test(value);
}

/** Strictly greater than zero. */
export function isPositiveQty(value: DecimalString | null | undefined): boolean {
  return !!value && !value.trim().startsWith('-') && /[1-9]/.test(value);
}

/** Strictly below zero. */
export function isNegativeQty(value: DecimalString | null | undefined): boolean {
  return !!value && value.trim().startsWith('-') && /[1-9]/.test(value);
}

function parse(value: string): { units: bigint; scale: number } {
  const text = value.trim();
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const units = BigInt(`${whole || '0'}${fraction}`);
  return { units: negative ? -units : units, scale: fraction.length };
}

/**
 * Exact sum of decimal strings (BigInt on scaled integers), written with the largest scale of
 * the terms: totals of title-transfer amounts without float rounding.
 */
export function sumDecimals(values: readonly DecimalString[]): DecimalString {
  const terms = values.filter((v) => /^[-+]?\d*(\.\d+)?$/.test(v.trim()) && v.trim() !== '').map(parse);
  const scale = Math.max(0, ...terms.map((t) => t.scale));
  const total = terms.reduce(
    (sum, t) => sum + t.units * 10n ** BigInt(scale - t.scale),
    0n,
  );
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
