import { isDateInPeriod, periodsOverlap } from './period';

describe('periodsOverlap (inclusive dates)', () => {
  it.each([
    ['2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28', false],
    ['2026-01-01', '2026-01-31', '2026-01-31', '2026-02-28', true],
    ['2026-02-01', '2026-02-28', '2026-01-01', '2026-02-01', true],
    ['2026-01-01', '2026-12-31', '2026-06-01', '2026-06-30', true],
    ['2026-06-15', '2026-06-15', '2026-06-15', '2026-06-15', true],
    ['2026-06-15', '2026-06-15', '2026-06-16', '2026-06-16', false],
    ['2025-12-01', '2025-12-31', '2026-01-01', '2026-01-31', false],
  ])('%s..%s with %s..%s → %p', (aFrom, aTo, bFrom, bTo, expected) => {
    expect(periodsOverlap(aFrom, aTo, bFrom, bTo)).toBe(expected);
    expect(periodsOverlap(bFrom, bTo, aFrom, aTo)).toBe(expected);
  });

  it.each([
    ['2026-02-01', '2026-01-31', '2026-01-01', '2026-01-02'],
    ['2026-02-30', '2026-03-01', '2026-01-01', '2026-01-02'],
    ['2026-01-01T00:00:00Z', '2026-03-01', '2026-01-01', '2026-01-02'],
  ])('refuses %s..%s', (aFrom, aTo, bFrom, bTo) => {
    expect(() => periodsOverlap(aFrom, aTo, bFrom, bTo)).toThrow(RangeError);
  });
});

describe('isDateInPeriod', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-01-31', true],
    ['2026-01-15', true],
    ['2025-12-31', false],
    ['2026-02-01', false],
  ])('%s in 2026-01-01..2026-01-31 → %p', (date, expected) => {
    expect(isDateInPeriod(date, '2026-01-01', '2026-01-31')).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() =>
      isDateInPeriod('2026-01-32', '2026-01-01', '2026-01-31'),
    ).toThrow(RangeError);
  });
});
