import { Decimal, toDecimal, type DecimalInput } from '../decimal';
import { MAX_QTY_DECIMALS } from '@stockbridge/shared';

/** The inventory-age buckets of the stock-health analytics (API.md). */
export type AgeBucket = 'd0_30' | 'd31_60' | 'd61_90' | 'd90p';

/**
 * Days of cover: on hand ÷ average daily consumption, to 2 decimals (half-up). Null when
 * nothing is consumed — the stock would last forever, which no number says honestly.
 */
export function daysOfCover(
  onHand: DecimalInput,
  avgDailyConsumption: DecimalInput,
): Decimal | null {
  const rate = toDecimal(avgDailyConsumption);
  if (rate.lt(0)) {
    throw new RangeError(
      `consumption cannot be negative, got ${rate.toString()}`,
    );
  }
  return rate.isZero()
    ? null
    : toDecimal(onHand)
        .dividedBy(rate)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Inventory turnover over a window: quantity consumed ÷ average quantity on hand, to 2
 * decimals. Null when there was no stock on average (turnover is undefined, not infinite).
 */
export function turnover(
  consumedQty: DecimalInput,
  avgOnHand: DecimalInput,
): Decimal | null {
  const stock = toDecimal(avgOnHand);
  return stock.gt(0)
    ? toDecimal(consumedQty)
        .dividedBy(stock)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    : null;
}

/**
 * Sell-through rate: share of SKUs with any consumption in the window, in percent to 2
 * decimals. Null when there are no SKUs.
 */
export function sellThroughPct(
  skusWithConsumption: number,
  totalSkus: number,
): Decimal | null {
  if (
    !Number.isInteger(skusWithConsumption) ||
    !Number.isInteger(totalSkus) ||
    skusWithConsumption < 0 ||
    skusWithConsumption > totalSkus
  ) {
    throw new RangeError(
      `invalid SKU counts ${skusWithConsumption} of ${totalSkus}`,
    );
  }
  return totalSkus === 0
    ? null
    : new Decimal(skusWithConsumption)
        .times(100)
        .dividedBy(totalSkus)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * The age bucket of a receipt layer aged `ageDays` whole days: 0–30, 31–60, 61–90, over 90.
 * A negative age (a receipt stamped slightly after the clock that ages it) counts as fresh.
 */
export function ageBucket(ageDays: number): AgeBucket {
  if (Number.isNaN(ageDays)) {
    throw new RangeError('an age in days is required');
  }
  if (ageDays <= 30) {
    return 'd0_30';
  }
  if (ageDays <= 60) {
    return 'd31_60';
  }
  return ageDays <= 90 ? 'd61_90' : 'd90p';
}

/** The default service-level factor of `safetyStock`: z = 1.65, about 95 % of lead times covered. */
export const DEFAULT_SERVICE_Z = '1.65';

/**
 * Dynamic safety-stock suggestion, PRODUCT.md's "average daily consumption × (lead time days
 * + variability factor)", with the variability factor taken from the daily standard
 * deviation: avg × LT + z × σ × √LT (the factor is z·σ·√LT / avg days). Rounded up to 6
 * decimals: a safety stock should never be understated by rounding.
 */
export function safetyStock(
  avgDailyConsumption: DecimalInput,
  leadTimeDays: number,
  stdDevDaily: DecimalInput,
  z: DecimalInput = DEFAULT_SERVICE_Z,
): Decimal {
  if (!Number.isFinite(leadTimeDays) || leadTimeDays < 0) {
    throw new RangeError(
      `lead time must be a non-negative number of days, got ${leadTimeDays}`,
    );
  }
  const avg = toDecimal(avgDailyConsumption);
  const sigma = toDecimal(stdDevDaily);
  if (avg.lt(0) || sigma.lt(0)) {
    throw new RangeError('consumption and its deviation cannot be negative');
  }
  const lead = new Decimal(String(leadTimeDays));
  return avg
    .times(lead)
    .plus(toDecimal(z).times(sigma).times(lead.sqrt()))
    .toDecimalPlaces(MAX_QTY_DECIMALS, Decimal.ROUND_CEIL);
}
