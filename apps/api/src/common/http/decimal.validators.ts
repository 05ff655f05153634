import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches, ValidateIf } from 'class-validator';
import { MAX_QTY_DECIMALS } from '@stockbridge/shared';

/**
 * JSON numbers become their shortest decimal string (so 1.5 → "1.5"); anything that is not a
 * plain decimal (1e21, NaN, "12,5") fails validation. Precision per item is checked later.
 */
export function toDecimalString({ value }: { value: unknown }): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  return value;
}

const QTY = new RegExp(`^\\d{1,14}(\\.\\d{1,${MAX_QTY_DECIMALS}})?$`);
const SIGNED_QTY = new RegExp(`^-?\\d{1,14}(\\.\\d{1,${MAX_QTY_DECIMALS}})?$`);
const MONEY = /^\d{1,14}(\.\d{1,6})?$/;
const PCT = /^\d{1,3}(\.\d{1,4})?$/;

function decimalField(pattern: RegExp, description: string, example: string, optional: boolean) {
  const doc = { type: String, description, example, pattern: pattern.source };
  return applyDecorators(
    optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    Transform(toDecimalString),
    ...(optional ? [IsOptional(), ValidateIf((_, v) => v !== null)] : []),
    Matches(pattern, { message: `$property must be a non-negative decimal (string or number) like "${example}"` }),
  );
}

/** A quantity ≥ 0 with at most 6 decimals, as string or JSON number. */
export const IsQuantity = (opts: { optional?: boolean; description?: string } = {}) =>
  decimalField(QTY, opts.description ?? 'Quantity, decimal string (≤ 6 decimals)', '12.5', !!opts.optional);
/** A signed quantity (for counts that may go either way). */
export const IsSignedQuantity = (opts: { optional?: boolean; description?: string } = {}) =>
  decimalField(SIGNED_QTY, opts.description ?? 'Signed quantity, decimal string', '-2.5', !!opts.optional);
/** A unit price ≥ 0 with at most 6 decimals. */
export const IsUnitPrice = (opts: { optional?: boolean } = {}) =>
  decimalField(MONEY, 'Unit price, decimal string (≤ 6 decimals)', '3.25', !!opts.optional);
/** A percentage 0–999.9999. */
export const IsPercent = (opts: { optional?: boolean; description?: string } = {}) =>
  decimalField(PCT, opts.description ?? 'Percentage, decimal string', '10', !!opts.optional);
