import { Decimal } from '../decimal';
import {
  ageBucket,
  daysOfCover,
  safetyStock,
  sellThroughPct,
  turnover,
} from './analytics';

describe('daysOfCover', () => {
  it.each([
    ['100', '10', '10'],
    ['100', '3', '33.33'],
    ['0', '5', '0'],
    ['100', '0', null],
  ])('on hand %s at %s a day → %p days', (onHand, rate, expected) => {
    expect(
      daysOfCover(new Decimal(onHand), new Decimal(rate))?.toString() ?? null,
    ).toBe(expected);
  });

  it('refuses a negative consumption rate', () => {
    expect(() => daysOfCover('1', '-1')).toThrow(RangeError);
  });
});

describe('turnover and sellThroughPct', () => {
  it.each([
    ['600', '100', '6'],
    ['100', '3', '33.33'],
    ['10', '0', null],
  ])(
    'turnover(%s consumed, %s average on hand) → %p',
    (consumed, avg, expected) => {
      expect(turnover(consumed, avg)?.toString() ?? null).toBe(expected);
    },
  );

  it.each([
    [1, 3, '33.33'],
    [3, 3, '100'],
    [0, 0, null],
  ])('sellThroughPct(%p of %p) → %p', (withConsumption, total, expected) => {
    expect(sellThroughPct(withConsumption, total)?.toString() ?? null).toBe(
      expected,
    );
  });

  it('refuses more consuming SKUs than SKUs', () => {
    expect(() => sellThroughPct(4, 3)).toThrow(RangeError);
  });
});

describe('ageBucket', () => {
  it.each([
    [-1, 'd0_30'],
    [0, 'd0_30'],
    [30, 'd0_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd90p'],
    [4000, 'd90p'],
  ])('%p days → %s', (days, bucket) => {
    expect(ageBucket(days)).toBe(bucket);
  });
});

describe('safetyStock = avg × LT + z × σ × √LT', () => {
  it.each([
    ['10', 4, '0', undefined, '40'],
    ['10', 4, '3', '2', '52'],
    ['10', 4, '3', undefined, '49.9'],
    ['0', 9, '1', '1', '3'],
    ['5', 0, '2', undefined, '0'],
    // √2 is irrational: the result is rounded up at the 6th decimal, never down.
    ['0', 2, '1', '1', '1.414214'],
  ])(
    'avg %s, lead time %p d, σ %s, z %p → %s',
    (avg, lead, sigma, z, expected) => {
      expect(
        safetyStock(new Decimal(avg), lead, new Decimal(sigma), z).toString(),
      ).toBe(expected);
    },
  );

  it.each([
    ['1', -1, '0'],
    ['-1', 1, '0'],
    ['1', 1, '-1'],
  ])('refuses avg %s, lead time %p, σ %s', (avg, lead, sigma) => {
    expect(() => safetyStock(avg, lead, sigma)).toThrow(RangeError);
  });
});
