import {
  demandOver,
  economicCycleQty,
  isMaterialChange,
  leadTimeDemandStdDev,
  normalCdf,
  normalQuantile,
  stockOutRisk,
  suggestThresholds,
  thresholdReason,
} from './thresholds';
import { warningPriority } from './priority';

describe('normal distribution', () => {
  it.each([
    [0, 0.5],
    [1.6448536, 0.95],
    [-1.959964, 0.025],
    [2.3263479, 0.99],
  ])('Φ(%p) ≈ %p', (x, p) => {
    expect(normalCdf(x)).toBeCloseTo(p, 6);
  });

  it.each([
    [0.5, 0],
    [0.95, 1.6448536],
    [0.99, 2.3263479],
    [0.01, -2.3263479],
    [0.999, 3.0902323],
  ])('Φ⁻¹(%p) ≈ %p', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 6);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});

describe('lead-time demand, risk and cycle', () => {
  it('σ_DLT = √(L σd² + d² σL²)', () => {
    expect(leadTimeDemandStdDev(9, 0, 10, 2)).toBeCloseTo(6, 12); // √(9 · 4)
    expect(leadTimeDemandStdDev(4, 1, 10, 0)).toBeCloseTo(10, 12); // √(100 · 1)
    expect(leadTimeDemandStdDev(9, 2, 5, 4)).toBeCloseTo(Math.sqrt(9 * 16 + 25 * 4), 12);
    expect(() => leadTimeDemandStdDev(-1, 0, 1, 1)).toThrow(RangeError);
  });

  it('stock-out risk per cycle at a reorder point', () => {
    expect(stockOutRisk(100, 100, 10)).toBeCloseTo(0.5, 7);
    expect(stockOutRisk(116.448536, 100, 10)).toBeCloseTo(0.05, 6);
    expect(stockOutRisk(50, 100, 0)).toBe(1);
    expect(stockOutRisk(100, 100, 0)).toBe(0);
  });

  it('demand over a lead time sums the forecast, pro rata for a part day, repeating the last day past the horizon', () => {
    expect(demandOver([1, 2, 3], 2)).toBe(3);
    expect(demandOver([1, 2, 3], 2.5)).toBe(4.5);
    expect(demandOver([1, 2, 3], 5)).toBe(12);
    expect(demandOver([1, 2, 3], 0)).toBe(0);
  });

  it('economic cycle: EOQ bounded to 7–60 days of demand, 14 days without a price', () => {
    // EOQ = √(2 · 3650 · 50 ÷ (0.25 · 2)) = √730000 ≈ 854.4 → bounded to 60 days = 600
    expect(economicCycleQty(10, 2)).toBeCloseTo(600, 9);
    // price 200: √(730000 / 100) ≈ 85.44 → within 70…600
    expect(economicCycleQty(10, 200)).toBeCloseTo(Math.sqrt(7300), 9);
    expect(economicCycleQty(10, 100000)).toBeCloseTo(70, 9);
    expect(economicCycleQty(10, null)).toBe(140);
    expect(economicCycleQty(0, 5)).toBe(0);
  });
});

describe('suggestThresholds', () => {
  const base = {
    forecast: new Array(28).fill(10),
    sigmaDaily: 2,
    leadTimeDays: 9,
    leadTimeStdDays: 0,
    serviceLevel: 0.95,
    unitPrice: null,
    currentMin: '50',
    currentMax: '80',
    decimals: 0,
  };

  it('min = demand over lead time + z σ_DLT, max = min + cycle, rounded up to the item decimals', () => {
    const r = suggestThresholds(base);
    // D_L = 90, σ_DLT = 6, z = 1.6449 → SS = 9.869 → min ⌈99.87⌉ = 100; cycle 14 × 10 = 140 → max 240
    expect(r.leadTimeDemand).toBe(90);
    expect(r.safetyStock).toBeCloseTo(9.8691, 3);
    expect(r.min.toString()).toBe('100');
    expect(r.max.toString()).toBe('240');
    expect(r.riskSuggested).toBeLessThan(0.05);
    expect(r.riskCurrent).toBeCloseTo(1, 9); // min 50 is far below 90 of lead-time demand
    const withDecimals = suggestThresholds({ ...base, decimals: 2 });
    expect(withDecimals.min.toString()).toBe('99.87');
  });

  it('a higher service level and lead-time variability raise min', () => {
    const r99 = suggestThresholds({ ...base, serviceLevel: 0.99 });
    const varied = suggestThresholds({ ...base, leadTimeStdDays: 2 });
    expect(r99.min.gt(suggestThresholds(base).min)).toBe(true);
    // σ_DLT = √(9·4 + 100·4) = √436 ≈ 20.88 → SS ≈ 34.35 → min 125
    expect(varied.min.toString()).toBe('125');
  });

  it('no demand forecast → min 0, max 0, no risk', () => {
    const r = suggestThresholds({ ...base, forecast: new Array(28).fill(0), sigmaDaily: 0, currentMin: '0' });
    expect(r.min.toString()).toBe('0');
    expect(r.max.toString()).toBe('0');
    expect(r.riskCurrent).toBe(0);
  });

  it('refuses a service level of 1', () => {
    expect(() => suggestThresholds({ ...base, serviceLevel: 1 })).toThrow(RangeError);
  });

  it('explains itself', () => {
    const r = suggestThresholds(base);
    expect(thresholdReason(r, { method: 'SES', wapePct: 12.345, leadTimeDays: 9, leadTimeStdDays: 0, serviceLevel: 0.95, currentMin: '50', currentMax: '80' })).toBe(
      'forecast 10/day (SES, WAPE 12.3 %); lead time 9 ± 0 days; demand over lead time 90 + safety stock 9.87 at 95 % service → ' +
        'min 100 (now 50: stock-out risk per cycle 100 % → 4.8 %); max = min + cycle 140 → 240 (now 80)',
    );
  });

  it.each([
    ['100', '111', 0, true],
    ['100', '110', 0, false],
    ['100', '90', 0, false],
    ['0', '1', 0, false], // one unit of resolution is not worth asking
    ['0', '2', 0, true],
    ['0', '0.02', 2, true],
  ])('isMaterialChange(%s → %s, %p decimals) = %p', (c, s, d, expected) => {
    expect(isMaterialChange(c, s, d)).toBe(expected);
  });
});

describe('warningPriority', () => {
  const asOf = '2026-03-31T12:00:00Z';
  it.each([
    [['2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z', '2026-03-30T00:00:00Z'], null, 'LOW'],
    [['2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z'], null, 'NORMAL'],
    // the first acknowledgement is older than 30 days
    [['2026-02-28T00:00:00Z', '2026-03-20T00:00:00Z', '2026-03-30T00:00:00Z'], null, 'NORMAL'],
    // an action after the first acknowledgement resets the count
    [['2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z', '2026-03-30T00:00:00Z'], '2026-03-15T00:00:00Z', 'NORMAL'],
    [['2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z', '2026-03-25T00:00:00Z', '2026-03-30T00:00:00Z'], '2026-03-15T00:00:00Z', 'LOW'],
  ])('acknowledged %j, last action %p → %p', (acks, action, expected) => {
    expect(warningPriority(acks, action, asOf)).toBe(expected);
  });
});
