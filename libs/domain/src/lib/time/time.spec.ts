import {
  assertBusinessDate,
  businessDateOf,
  compareInstants,
  isBusinessDate,
  wholeDaysBetween,
} from './time';

describe('compareInstants', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', -1],
    ['2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z', 1],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', 0],
    ['2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z', 0],
    ['2026-01-01T00:30:00+01:00', '2026-01-01T00:00:00Z', -1],
    ['2026-01-01T00:00:00.123456Z', '2026-01-01T00:00:00.123457Z', -1],
    ['2026-01-01T00:00:00.1234Z', '2026-01-01T00:00:00.12340Z', 0],
    ['2026-01-01T00:00:00.124Z', '2026-01-01T00:00:00.123999Z', 1],
  ])('compares %s with %s as %p', (a, b, expected) => {
    expect(compareInstants(a, b)).toBe(expected);
  });

  it('refuses text that is not an instant', () => {
    expect(() => compareInstants('yesterday', '2026-01-01T00:00:00Z')).toThrow(
      RangeError,
    );
  });
});

describe('wholeDaysBetween', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T23:59:59Z', 0],
    ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 1],
    ['2026-01-01T12:00:00Z', '2026-03-02T11:59:59Z', 59],
    ['2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', -1],
  ])('from %s to %s is %p days', (from, asOf, expected) => {
    expect(wholeDaysBetween(from, asOf)).toBe(expected);
  });
});

describe('business dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    ['', false],
  ])('isBusinessDate(%p) is %p', (text, expected) => {
    expect(isBusinessDate(text)).toBe(expected);
  });

  it('assertBusinessDate names the field it refuses', () => {
    expect(() => assertBusinessDate('2026-02-30', 'periodTo')).toThrow(
      /periodTo/,
    );
  });

  it.each([
    ['2026-03-31T23:59:59.999Z', '2026-03-31'],
    ['2026-04-01T01:00:00+02:00', '2026-03-31'],
  ])('businessDateOf(%s) is %s in UTC', (instant, expected) => {
    expect(businessDateOf(instant)).toBe(expected);
  });
});
