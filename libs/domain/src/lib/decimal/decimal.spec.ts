import { Decimal as DefaultDecimal } from 'decimal.js';
import {
  Decimal,
  decimalPlaces,
  formatPlain,
  formatQuantity,
  parseQuantity,
  roundMoney,
  toDecimal,
} from './decimal';

describe('parseQuantity', () => {
  it.each([
    ['12.5', 6, '12.5'],
    ['12.500000', 6, '12.5'],
    ['12.5000000', 6, '12.5'],
    ['  7 ', 0, '7'],
    ['0.000001', 6, '0.000001'],
    ['-0', 6, '0'],
    [
      '123456789012345678901234567890.123456',
      6,
      '123456789012345678901234567890.123456',
    ],
    [12.5, 6, '12.5'],
    [0.000001, 6, '0.000001'],
    [100, 0, '100'],
    [-0, 2, '0'],
  ])('accepts %p with %p decimals as %s', (input, maxDecimals, expected) => {
    const parsed = parseQuantity(input, maxDecimals);
    expect(parsed).toEqual({ ok: true, value: expect.anything() });
    expect(parsed.ok && parsed.value.toString()).toBe(expected);
  });

  it.each([
    ['abc', 'INVALID_NUMBER'],
    ['', 'INVALID_NUMBER'],
    ['1e3', 'INVALID_NUMBER'],
    ['1,5', 'INVALID_NUMBER'],
    ['+1', 'INVALID_NUMBER'],
    ['.5', 'INVALID_NUMBER'],
    ['5.', 'INVALID_NUMBER'],
    ['0x10', 'INVALID_NUMBER'],
    ['Infinity', 'INVALID_NUMBER'],
    [Number.NaN, 'INVALID_NUMBER'],
    [Number.POSITIVE_INFINITY, 'INVALID_NUMBER'],
    [1e21, 'INVALID_NUMBER'],
    [1e-7, 'INVALID_NUMBER'],
    ['1.0000001', 'TOO_MANY_DECIMALS'],
    [0.1 + 0.2, 'TOO_MANY_DECIMALS'],
    ['-1', 'NEGATIVE'],
    [-0.5, 'NEGATIVE'],
  ])('refuses %p as %s', (input, reason) => {
    expect(parseQuantity(input, 6)).toEqual({
      ok: false,
      reason,
      message: expect.any(String),
    });
  });

  it.each([
    ['2.5', 0, 'TOO_MANY_DECIMALS'],
    ['2.50', 1, 'OK'],
    ['2.55', 1, 'TOO_MANY_DECIMALS'],
  ])(
    'checks %s against an item with %p decimals → %s',
    (input, maxDecimals, outcome) => {
      const parsed = parseQuantity(input, maxDecimals);
      expect(parsed.ok ? 'OK' : parsed.reason).toBe(outcome);
    },
  );

  it('accepts negatives only when allowed', () => {
    const parsed = parseQuantity('-3.25', 6, { allowNegative: true });
    expect(parsed.ok && parsed.value.toString()).toBe('-3.25');
  });

  it('refuses a non-integer decimal limit as a programming error', () => {
    expect(() => parseQuantity('1', -1)).toThrow(RangeError);
  });
});

describe('decimalPlaces', () => {
  it.each([
    ['7', 0],
    ['1.25', 2],
    ['1.2500', 2],
    ['1.000', 0],
    ['-0.000001', 6],
    ['1e5', null],
    ['x', null],
  ])('%s has %p significant decimals', (text, expected) => {
    expect(decimalPlaces(text)).toBe(expected);
  });
});

describe('formatQuantity', () => {
  it.each([
    ['12.5', 6, '12.500000'],
    ['12', 6, '12.000000'],
    ['0.0000004', 6, '0.000000'],
    ['0.0000005', 6, '0.000001'],
    ['-0.0000004', 6, '0.000000'],
    ['-2.5', 0, '-3'],
    ['2.5', 0, '3'],
    ['123456789012345678901234.5', 2, '123456789012345678901234.50'],
    ['0.00000001', 8, '0.00000001'],
  ])('formats %s with %p decimals as %s', (value, decimals, expected) => {
    expect(formatQuantity(new Decimal(value), decimals)).toBe(expected);
  });
});

describe('roundMoney', () => {
  it.each([
    ['12.345', '12.35'],
    ['12.344999', '12.34'],
    ['12.3', '12.30'],
    ['3', '3.00'],
    ['-12.345', '-12.35'],
    ['-0.004', '0.00'],
    ['0.005', '0.01'],
  ])('rounds %s to %s', (value, expected) => {
    expect(roundMoney(value)).toBe(expected);
  });
});

describe('toDecimal', () => {
  it('re-wraps a default decimal.js instance so products keep all 40 digits', () => {
    // The default constructor keeps 20 significant digits: it would give 1524157876666.6570234.
    const qty = new DefaultDecimal('123456789.123456');
    const exact = toDecimal(qty).times('12345.678901');
    expect(exact.toString()).toBe('1524157876666.657023401856');
  });

  it.each([
    ['0.0000001', '0.0000001'],
    ['1e21', '1000000000000000000000'],
    ['12.50', '12.5'],
    ['-0', '0'],
  ])('formatPlain(%s) writes %s without exponent', (value, expected) => {
    expect(formatPlain(value)).toBe(expected);
  });
});
