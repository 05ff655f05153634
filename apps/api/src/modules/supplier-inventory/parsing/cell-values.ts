import Decimal from 'decimal.js';

/**
 * A cell value as the row reader yields it:
 * - `string` (CSV cells, text cells, rich text flattened),
 * - `number` — the IEEE double the xlsx file stores; it is never used in arithmetic, only
 *   turned into a decimal via {@link excelNumberToDecimalString},
 * - `boolean`, `Date` (a date-formatted cell, already corrected for the 1904 system),
 * - {@link CellErrorValue} (`#N/A`, `#VALUE!`…), or `null` (empty).
 */
export type CellValue = string | number | boolean | Date | CellErrorValue | null;

export interface CellErrorValue {
  error: string;
}

export function isCellError(value: unknown): value is CellErrorValue {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && typeof (value as CellErrorValue).error === 'string';
}

const MS_PER_DAY = 86_400_000;
/** Days from 1900-01-01 (serial 1 in the 1900 system) to 1904-01-01 (serial 0 in the 1904 system). */
export const DATE1904_OFFSET_DAYS = 1462;
/** 1899-12-30, the epoch that makes 1900-system serials ≥ 61 come out right. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial date as a UTC `Date`, or null when it names no real day: negative
 * serials, serial 0 of the 1900 system ("1900-01-00") and serial 60 (Lotus's 1900-02-29,
 * which never existed). In the 1900 system serials 1–59 are one day off the 1899-12-30
 * epoch because of that phantom day.
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * MS_PER_DAY));
  if (serial < 1) return null;
  if (serial >= 60 && serial < 61) return null;
  const adjusted = serial < 60 ? serial + 1 : serial;
  return new Date(EPOCH_1900 + Math.round(adjusted * MS_PER_DAY));
}

/**
 * The inverse of exceljs's own conversion (`utils.excelToDate`), which ignores the 1900
 * leap-year quirk: gets back the serial exceljs started from, so that we can re-convert it
 * with the workbook's real date system.
 */
export function exceljsDateToSerial(date: Date, exceljsAssumed1904: boolean): number {
  return date.getTime() / MS_PER_DAY + 25569 - (exceljsAssumed1904 ? DATE1904_OFFSET_DAYS : 0);
}

/** `YYYY-MM-DD` of a Date's UTC calendar day. */
export function toIsoDate(date: Date): string {
  const y = date.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Whether an Excel number format displays a date (the check exceljs uses, plus the
 * built-in ids 14–22, 45–47 that arrive without a format string).
 */
export function isDateNumberFormat(format: string | undefined | null): boolean {
  if (!format) return false;
  const stripped = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhsb]/i.test(stripped.replace(/General/gi, ''));
}

/**
 * The decimal Excel displays for a stored double: 15 significant digits (Excel's own
 * precision), trailing zeros dropped, never an exponent. `0.1 + 0.2` stored as
 * 0.30000000000000004 reads "0.3"; 12.5 reads "12.5".
 */
export function excelNumberToDecimalString(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return '0';
  // Fast path: the shortest round-trip form already has at most 15 significant digits.
  const shortest = String(value);
  if (!shortest.includes('e') && significantDigits(shortest) <= 15) return shortest;
  const decimal = new Decimal(value.toPrecision(15));
  return decimal.isZero() ? '0' : decimal.toFixed();
}

function significantDigits(plain: string): number {
  const digits = plain.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length;
}

/**
 * A cell as plain text for code-like columns (site, item, SKU, lot, uom): numbers as Excel
 * would show them in a General cell (`1001`, not `1001.0`), dates as `YYYY-MM-DD`.
 */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return excelNumberToDecimalString(value) ?? String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : toIsoDate(value);
  if (isCellError(value)) return value.error;
  return String(value);
}

/** Empty after trimming (spaces, NBSP, full-width spaces, zero-width characters). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return cleanText(value) === '';
  return false;
}

/** Trims whitespace of every kind, including the full-width space U+3000 and zero-width characters. */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}
const NEEDS_CLEANING = /^[\s\u3000]|[\s\u3000]$|[\u200b-\u200d\ufeff]/;

/** A JSON-safe echo of a cell for error reports (dates as ISO dates, long text shortened). */
export function displayValue(value: unknown, maxChars = 200): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = cellToText(value);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/** Cells of a rejected row as JSON (for storage): dates tagged so the error workbook gets them back as dates. */
export function encodeCells(values: readonly unknown[]): string {
  return JSON.stringify(values.map((v) => (v instanceof Date ? { $date: v.toISOString() } : v === undefined ? null : v)));
}

/** The inverse of {@link encodeCells} (of its parsed JSON). */
export function decodeCells(cells: unknown[]): CellValue[] {
  return cells.map((v) => {
    if (v && typeof v === 'object' && typeof (v as { $date?: unknown }).$date === 'string') return new Date((v as { $date: string }).$date);
    return v as CellValue;
  });
}
