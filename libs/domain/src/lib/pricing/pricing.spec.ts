import { Decimal } from '../decimal';
import {
  priceTransfer,
  selectPriceAt,
  sumAmounts,
  totalsByCurrency,
  type PriceEntry,
} from './pricing';

describe('priceTransfer', () => {
  it.each([
    ['3', '4.10', '12.30'],
    ['0.1', '0.2', '0.02'],
    ['1.5', '0.01', '0.02'],
    ['2.5', '0.01', '0.03'],
    ['0.333333', '3', '1.00'],
    ['0.000001', '0.004999', '0.00'],
    ['123456789.123456', '12345.678901', '1524157876666.66'],
    ['-2.5', '0.01', '-0.03'],
    ['10', '0', '0.00'],
  ])('%s × %s = %s', (qty, unitPrice, amount) => {
    expect(priceTransfer(new Decimal(qty), new Decimal(unitPrice))).toEqual({
      amount,
    });
  });
});

describe('selectPriceAt', () => {
  const entries: Array<PriceEntry & { id: string }> = [
    {
      id: 'p1',
      unitPrice: '1.00',
      currency: 'EUR',
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2026-02-01T10:00:00Z',
    },
    {
      id: 'p2',
      unitPrice: '1.20',
      currency: 'EUR',
      validFrom: '2026-02-01T10:00:00Z',
      validTo: null,
    },
  ];

  it.each([
    ['2025-12-31T23:59:59.999Z', null],
    ['2026-01-01T00:00:00Z', 'p1'],
    ['2026-02-01T09:59:59.999999Z', 'p1'],
    ['2026-02-01T10:00:00Z', 'p2'],
    ['2030-01-01T00:00:00Z', 'p2'],
  ])('at %s the price in force is %p', (at, expected) => {
    expect(selectPriceAt(entries, at)?.id ?? null).toBe(expected);
  });

  it('lets the most recently set entry win where two overlap', () => {
    const overlapping = [
      entries[0],
      { ...entries[1], id: 'p3', validFrom: '2026-01-15T00:00:00Z' },
    ];
    expect(selectPriceAt(overlapping, '2026-01-20T00:00:00Z')?.id).toBe('p3');
    expect(selectPriceAt(overlapping, '2026-01-10T00:00:00Z')?.id).toBe('p1');
  });
});

describe('sumAmounts', () => {
  it.each<[string[], string]>([
    [[], '0.00'],
    [['0.10', '0.20'], '0.30'],
    [['12.35', '-12.35', '0.01'], '0.01'],
    [['99999999999999999.99', '0.01'], '100000000000000000.00'],
  ])('sums %p to %s', (amounts, expected) => {
    expect(sumAmounts(amounts)).toBe(expected);
  });

  it.each([['1e3'], ['abc'], ['']])('refuses %p', (bad) => {
    expect(() => sumAmounts([bad])).toThrow(RangeError);
  });
});

describe('totalsByCurrency', () => {
  it('never adds different currencies and sorts by code', () => {
    expect(
      totalsByCurrency([
        { currency: 'USD', amount: '1.10' },
        { currency: 'EUR', amount: '2.00' },
        { currency: 'USD', amount: '0.20' },
        { currency: 'CNY', amount: '-5.00' },
      ]),
    ).toEqual([
      { currency: 'CNY', amount: '-5.00' },
      { currency: 'EUR', amount: '2.00' },
      { currency: 'USD', amount: '1.30' },
    ]);
  });

  it('returns nothing for no lines', () => {
    expect(totalsByCurrency([])).toEqual([]);
  });
});
