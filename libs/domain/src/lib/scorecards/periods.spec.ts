import {
  addDays,
  daysInclusive,
  elapsedDays,
  monthEnd,
  monthStart,
  resolveScorecardPeriod,
  scorecardBuckets,
  weekStart,
} from './periods';

describe('calendar helpers', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-29', 0, '2026-03-29'],
  ])('addDays(%s, %p) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-01-31', 31],
    ['2026-01-01', '2026-01-01', 1],
    ['2024-02-01', '2024-02-29', 29],
    ['2026-01-02', '2026-01-01', 0],
    ['2025-01-01', '2025-12-31', 365],
  ])('daysInclusive(%s, %s) = %p', (from, to, expected) => {
    expect(daysInclusive(from, to)).toBe(expected);
  });

  it.each([
    ['2026-02-14', '2026-02-01', '2026-02-28'],
    ['2024-02-14', '2024-02-01', '2024-02-29'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-04-01', '2026-04-01', '2026-04-30'],
  ])('month of %s is %s … %s', (date, start, end) => {
    expect(monthStart(date)).toBe(start);
    expect(monthEnd(date)).toBe(end);
  });

  it.each([
    ['2026-01-05', '2026-01-05'], // a Monday
    ['2026-01-11', '2026-01-05'], // a Sunday
    ['2026-01-01', '2025-12-29'], // a Thursday: the ISO week starts in the old year
  ])('weekStart(%s) = %s', (date, expected) => {
    expect(weekStart(date)).toBe(expected);
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => monthEnd('2026-13-01')).toThrow(RangeError);
    expect(() => daysInclusive('x', '2026-01-01')).toThrow(RangeError);
  });
});

describe('resolveScorecardPeriod', () => {
  it.each([
    // today, from, to, months, expected from, expected to
    ['2026-03-17', undefined, undefined, 1, '2026-03-01', '2026-03-31'],
    ['2026-03-17', undefined, undefined, 12, '2025-04-01', '2026-03-31'],
    ['2026-01-10', undefined, undefined, 3, '2025-11-01', '2026-01-31'],
    ['2026-03-17', '2026-02-10', undefined, 1, '2026-02-10', '2026-02-28'],
    ['2026-03-17', undefined, '2026-02-10', 1, '2026-02-01', '2026-02-10'],
    ['2026-03-17', '2025-01-01', '2025-06-30', 12, '2025-01-01', '2025-06-30'],
  ] as const)(
    'today %s, from %p, to %p, %p month(s) → %s … %s',
    (today, from, to, months, expFrom, expTo) => {
      expect(resolveScorecardPeriod(today, from, to, months)).toEqual({
        from: expFrom,
        to: expTo,
      });
    },
  );

  it('refuses a bad date and a non-positive month count', () => {
    expect(() =>
      resolveScorecardPeriod('2026-03-17', '2026-02-30', '2026-03-01'),
    ).toThrow(RangeError);
    expect(() =>
      resolveScorecardPeriod('2026-03-17', undefined, undefined, 0),
    ).toThrow(RangeError);
  });
});

describe('scorecardBuckets', () => {
  it.each([
    [
      '2026-01-15',
      '2026-03-10',
      'month',
      [
        ['2026-01-15', '2026-01-31'],
        ['2026-02-01', '2026-02-28'],
        ['2026-03-01', '2026-03-10'],
      ],
    ],
    ['2026-01-01', '2026-01-31', 'month', [['2026-01-01', '2026-01-31']]],
    ['2026-01-20', '2026-01-20', 'month', [['2026-01-20', '2026-01-20']]],
    [
      '2025-12-01',
      '2026-01-31',
      'month',
      [
        ['2025-12-01', '2025-12-31'],
        ['2026-01-01', '2026-01-31'],
      ],
    ],
    [
      '2026-01-01',
      '2026-01-18',
      'week',
      [
        ['2026-01-01', '2026-01-04'],
        ['2026-01-05', '2026-01-11'],
        ['2026-01-12', '2026-01-18'],
      ],
    ],
    ['2026-01-05', '2026-01-05', 'week', [['2026-01-05', '2026-01-05']]],
  ] as const)('%s … %s by %s', (from, to, granularity, expected) => {
    expect(scorecardBuckets(from, to, granularity)).toEqual(
      expected.map(([f, t]) => ({ from: f, to: t })),
    );
  });

  it('covers every day exactly once', () => {
    const buckets = scorecardBuckets('2024-01-01', '2025-12-31', 'week');
    const days = buckets.reduce((n, b) => n + daysInclusive(b.from, b.to), 0);
    expect(days).toBe(daysInclusive('2024-01-01', '2025-12-31'));
    for (let i = 1; i < buckets.length; i++) {
      expect(addDays(buckets[i - 1]?.to as string, 1)).toBe(buckets[i]?.from);
    }
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => scorecardBuckets('2026-02-01', '2026-01-31', 'month')).toThrow(
      RangeError,
    );
  });
});

describe('elapsedDays', () => {
  it.each([
    ['2026-01-01', '2026-01-31', '2026-03-01', 31],
    ['2026-03-01', '2026-03-31', '2026-03-17', 17],
    ['2026-04-01', '2026-04-30', '2026-03-17', 0],
    ['2026-03-17', '2026-03-31', '2026-03-17', 1],
  ])('%s … %s as of %s: %p days', (from, to, today, expected) => {
    expect(elapsedDays(from, to, today)).toBe(expected);
  });
});
