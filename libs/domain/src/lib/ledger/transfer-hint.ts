import { Decimal, toDecimal, type DecimalInput } from '../decimal';

/** Another VMI site of the buyer, as a replenishment proposal looks at it. */
export interface TransferSource {
  locationCode: string;
  onHand: DecimalInput;
  inTransit: DecimalInput;
  /** The site's stock policy max. */
  maxQty: DecimalInput;
}

export interface TransferHint {
  locationCode: string;
  /** On hand + in transit above max. */
  surplusQty: Decimal;
  /** What to move: the surplus on hand (in transit cannot move yet), capped at what is needed. */
  qty: Decimal;
}

/**
 * Before ordering `needed` for a site, look for another site holding the item above its max:
 * the one with the most movable surplus wins (ties: the lower location code, so the answer is
 * stable). Movable = min(on hand, surplus), cut to the item's decimals; nothing movable → null.
 */
export function transferHint(needed: DecimalInput, sources: readonly TransferSource[], decimals = 6): TransferHint | null {
  const want = toDecimal(needed);
  if (!want.gt(0)) return null;
  let best: { source: TransferSource; surplus: Decimal; movable: Decimal } | null = null;
  for (const source of sources) {
    const onHand = toDecimal(source.onHand);
    const surplus = onHand.plus(toDecimal(source.inTransit)).minus(toDecimal(source.maxQty));
    if (!surplus.gt(0)) continue;
    const movable = Decimal.min(onHand, surplus).toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
    if (!movable.gt(0)) continue;
    if (
      best === null ||
      movable.gt(best.movable) ||
      (movable.eq(best.movable) && source.locationCode < best.source.locationCode)
    ) {
      best = { source, surplus, movable };
    }
  }
  if (best === null) return null;
  return { locationCode: best.source.locationCode, surplusQty: best.surplus, qty: Decimal.min(best.movable, want) };
}
