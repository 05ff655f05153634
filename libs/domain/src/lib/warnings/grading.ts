import type { Severity } from '@stockbridge/shared';
import {
  Decimal,
  formatPlain,
  formatQuantity,
  toDecimal,
  type DecimalInput,
} from '../decimal';

/** A warning grade: a severity (null when there is nothing to warn about) and the deviation. */
export interface WarningGrade {
  severity: Severity | null;
  /** Deviation from the threshold in percent, 2 decimals ("12.50"); negative when on the safe side. */
  deviationPct: string;
}

/** Inputs of `gradeLowWater`; the percentages default to PRODUCT.md's 10 / 20 / 30. */
export interface LowWaterInput {
  min: DecimalInput;
  /** On hand (all owners) + in transit to the location. */
  available: DecimalInput;
  yellowPct?: DecimalInput;
  orangePct?: DecimalInput;
  redPct?: DecimalInput;
}

/** Default severity thresholds of a stock policy, in percent below min. */
export const DEFAULT_SEVERITY_PCT = {
  yellow: '10',
  orange: '20',
  red: '30',
} as const;

const PCT_DECIMALS = 2;
const NO_DEVIATION = '0.00';

function deviationPct(limit: Decimal, actual: Decimal): Decimal {
  return limit.minus(actual).dividedBy(limit).times(100);
}

/**
 * Grades low water at a location exactly as PRODUCT.md: d = (min − available) / min × 100;
 * available = 0 or d ≥ red → RED; d ≥ orange → ORANGE; d ≥ yellow → YELLOW; otherwise no
 * warning — being at or a little under min is not yet a warning. The bands compare the
 * exact d, not the rounded one shown, so 9.996 % stays below a 10 % yellow. A min of 0 means
 * no low-water mark: never a warning.
 */
export function gradeLowWater(input: LowWaterInput): WarningGrade {
  const min = toDecimal(input.min);
  const available = toDecimal(input.available);
  if (!min.gt(0)) {
    return { severity: null, deviationPct: NO_DEVIATION };
  }
  const d = deviationPct(min, available);
  const shown = formatQuantity(d, PCT_DECIMALS);
  const red = toDecimal(input.redPct ?? DEFAULT_SEVERITY_PCT.red);
  const orange = toDecimal(input.orangePct ?? DEFAULT_SEVERITY_PCT.orange);
  const yellow = toDecimal(input.yellowPct ?? DEFAULT_SEVERITY_PCT.yellow);
  if (!available.gt(0) || d.gte(red)) {
    return { severity: 'RED', deviationPct: shown };
  }
  if (d.gte(orange)) {
    return { severity: 'ORANGE', deviationPct: shown };
  }
  if (d.gte(yellow)) {
    return { severity: 'YELLOW', deviationPct: shown };
  }
  return { severity: null, deviationPct: shown };
}

/**
 * Grades overstock: available above max → YELLOW, with the excess in percent of max. A max of
 * 0 is read as "no ceiling set" (a deviation from zero has no meaning), never a warning.
 */
export function gradeOverstock(input: {
  max: DecimalInput;
  available: DecimalInput;
}): WarningGrade {
  const max = toDecimal(input.max);
  const available = toDecimal(input.available);
  if (!max.gt(0)) {
    return { severity: null, deviationPct: NO_DEVIATION };
  }
  const excess = available.minus(max).dividedBy(max).times(100);
  return {
    severity: available.gt(max) ? 'YELLOW' : null,
    deviationPct: formatQuantity(excess, PCT_DECIMALS),
  };
}

/**
 * Grades a supplier's own warehouse stock against the buyer's per-item threshold: nothing
 * left → RED, below the threshold → YELLOW, at or above it → none. A threshold of 0 means
 * none is set. The deviation is (threshold − available) / threshold × 100.
 */
export function gradeSupplierLowWater(input: {
  threshold: DecimalInput;
  available: DecimalInput;
}): WarningGrade {
  const threshold = toDecimal(input.threshold);
  const available = toDecimal(input.available);
  if (!threshold.gt(0)) {
    return { severity: null, deviationPct: NO_DEVIATION };
  }
  const shown = formatQuantity(
    deviationPct(threshold, available),
    PCT_DECIMALS,
  );
  if (!available.gt(0)) {
    return { severity: 'RED', deviationPct: shown };
  }
  return {
    severity: available.lt(threshold) ? 'YELLOW' : null,
    deviationPct: shown,
  };
}

/** What a replenishment proposal nets against max. */
export interface ReplenishmentPosition {
  max: DecimalInput;
  onHand: DecimalInput;
  inTransit: DecimalInput;
  /** Not-yet-shipped remainder of OPEN and CONFIRMED call-off lines (API.md). */
  openCallOffQty: DecimalInput;
}

/** Suggested order quantity: max − (on hand + in transit + open call-offs), never below 0. */
export function suggestedQty(position: ReplenishmentPosition): Decimal {
  const covered = toDecimal(position.onHand)
    .plus(toDecimal(position.inTransit))
    .plus(toDecimal(position.openCallOffQty));
  return Decimal.max(toDecimal(position.max).minus(covered), 0);
}

/**
 * The reason shown with a proposal, e.g. "on hand 65 + in transit 0 + open call-offs 0 <
 * min 100; order 135 to reach max 200". The comparison sign follows the numbers (`<` or `≥`:
 * open call-offs can already cover min while max is not reached).
 */
export function replenishmentReason(
  position: ReplenishmentPosition & { min: DecimalInput },
): string {
  const covered = toDecimal(position.onHand)
    .plus(toDecimal(position.inTransit))
    .plus(toDecimal(position.openCallOffQty));
  const sign = covered.lt(toDecimal(position.min)) ? '<' : '≥';
  return (
    `on hand ${formatPlain(position.onHand)} + in transit ${formatPlain(position.inTransit)} + ` +
    `open call-offs ${formatPlain(position.openCallOffQty)} ${sign} min ${formatPlain(position.min)}; ` +
    `order ${formatPlain(suggestedQty(position))} to reach max ${formatPlain(position.max)}`
  );
}
