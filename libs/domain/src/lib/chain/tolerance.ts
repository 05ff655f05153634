import { Decimal, toDecimal, type DecimalInput } from '../decimal';

function ceilingWithTolerance(
  base: DecimalInput,
  tolerancePct: DecimalInput,
): Decimal {
  const pct = toDecimal(tolerancePct);
  if (pct.lt(0)) {
    throw new RangeError(
      `a tolerance cannot be negative, got ${pct.toString()}`,
    );
  }
  return toDecimal(base).times(pct.dividedBy(100).plus(1));
}

/**
 * How much more may still be shipped against a confirmed line: confirmed × (1 + tol/100)
 * minus what was already shipped, never below zero.
 */
export function maxShippable(
  confirmedQty: DecimalInput,
  alreadyShipped: DecimalInput,
  tolerancePct: DecimalInput,
): Decimal {
  return Decimal.max(
    ceilingWithTolerance(confirmedQty, tolerancePct).minus(
      toDecimal(alreadyShipped),
    ),
    0,
  );
}

/**
 * True when shipping `newQty` would take the line beyond its confirmed quantity plus the
 * agreement's tolerance — counted cumulatively, so that many small ASNs cannot exceed what
 * one large one may not (→ 422 OVER_SHIPMENT). Reaching the ceiling exactly is allowed.
 */
export function isOverShipment(
  confirmedQty: DecimalInput,
  alreadyShipped: DecimalInput,
  newQty: DecimalInput,
  tolerancePct: DecimalInput,
): boolean {
  return toDecimal(alreadyShipped)
    .plus(toDecimal(newQty))
    .gt(ceilingWithTolerance(confirmedQty, tolerancePct));
}

/**
 * True when receiving `newQty` would take a shipment line beyond its shipped quantity plus
 * the tolerance, counted cumulatively (→ 422 OVER_RECEIPT). Reaching the ceiling is allowed.
 */
export function isOverReceipt(
  shippedQty: DecimalInput,
  alreadyReceived: DecimalInput,
  newQty: DecimalInput,
  tolerancePct: DecimalInput,
): boolean {
  return toDecimal(alreadyReceived)
    .plus(toDecimal(newQty))
    .gt(ceilingWithTolerance(shippedQty, tolerancePct));
}
