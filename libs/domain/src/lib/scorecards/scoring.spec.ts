import { SCORECARD_METRICS, type ScorecardMetric } from '@stockbridge/shared';
import {
  confirmationSubscore,
  gradeOf,
  percentOf,
  rankScorecards,
  SCORECARD_WEIGHTS,
  scoreScorecard,
  turnoverSubscore,
  weightedScore,
  type ScorecardFacts,
} from './scoring';

const none: ScorecardFacts = {
  deliveries: 0,
  onTimeDeliveries: 0,
  daysLateTotal: '0',
  fillLines: 0,
  confirmedQty: '0',
  receivedQty: '0',
  confirmations: 0,
  medianConfirmationHours: null,
  avgConfirmationHours: null,
  shipments: 0,
  shipmentsClosedShort: 0,
  shippedQty: '0',
  shortClosedQty: '0',
  consumedQty: '0',
  avgOnHandQty: '0',
  elapsedDays: 31,
  onHandQty: '0',
  agedQty: '0',
  agingDays: 90,
  statements: 0,
  statementLines: 0,
  disputedLines: 0,
};

const only = (
  metric: ScorecardMetric,
  value: string | null,
): Record<ScorecardMetric, string | null> =>
  Object.fromEntries(
    SCORECARD_METRICS.map((m) => [m, m === metric ? value : null]),
  ) as Record<ScorecardMetric, string | null>;

describe('SCORECARD_WEIGHTS', () => {
  it('weighs every metric and sums to 100', () => {
    expect(Object.keys(SCORECARD_WEIGHTS).sort()).toEqual(
      [...SCORECARD_METRICS].sort(),
    );
    expect(Object.values(SCORECARD_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(
      100,
    );
  });
});

describe('percentOf (2 decimals, half-up)', () => {
  it.each([
    ['3', '4', '75'],
    ['1', '3', '33.33'],
    ['2', '3', '66.67'],
    ['1', '8', '12.5'],
    // 0.125 % → 0.13 (half-up, not banker's 0.12)
    ['1', '800', '0.13'],
    ['0.000005', '1', '0'],
    ['0.000005', '0.001', '0.5'],
    ['5', '4', '125'],
    ['0', '4', '0'],
    ['1', '0', null],
    ['0', '0', null],
    ['1', '-2', null],
  ])('%s of %s → %p %%', (part, whole, expected) => {
    const p = percentOf(part, whole);
    expect(p === null ? null : p.toString()).toBe(expected);
  });
});

describe('confirmationSubscore (24 h → 100, 120 h → 0, linear)', () => {
  it.each([
    [null, null],
    ['0', '100'],
    ['24', '100'],
    ['24.01', '99.99'],
    ['30', '93.75'],
    ['72', '50'],
    ['119.99', '0.01'],
    ['120', '0'],
    ['500', '0'],
  ])('median %p h → %p', (hours, expected) => {
    const s = confirmationSubscore(hours);
    expect(s === null ? null : s.toString()).toBe(expected);
  });
});

describe('turnoverSubscore (12 turns a year → 100)', () => {
  it.each([
    [null, null],
    ['0', '0'],
    ['6', '50'],
    ['5.89', '49.08'],
    ['12', '100'],
    ['30', '100'],
    ['-1', '0'],
  ])('annualised %p → %p', (annualized, expected) => {
    const s = turnoverSubscore(annualized);
    expect(s === null ? null : s.toString()).toBe(expected);
  });
});

describe('gradeOf', () => {
  it.each([
    [null, null],
    ['100', 'A'],
    ['90', 'A'],
    ['89.99', 'B'],
    ['75', 'B'],
    ['74.99', 'C'],
    ['60', 'C'],
    ['59.99', 'D'],
    ['0', 'D'],
  ])('%p → %p', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe('weightedScore', () => {
  it.each([
    ['nothing', only('onTimeDelivery', null), null],
    ['one metric is the score', only('fillRate', '80'), '80'],
    ['one metric is the score', only('disputes', '12.345'), '12.35'],
  ])('%s', (_name, subscores, expected) => {
    const s = weightedScore(subscores);
    expect(s === null ? null : s.toString()).toBe(expected);
  });

  it('leaves metrics without data out of the denominator', () => {
    // (30 × 100 + 25 × 50) / 55 = 77.2727… → 77.27
    const s = weightedScore({
      ...only('onTimeDelivery', '100'),
      fillRate: '50',
    });
    expect(s?.toString()).toBe('77.27');
  });

  it('rounds half-up at the second decimal', () => {
    // (30 × 0.01 + 10 × 0) / 40 = 0.0075 → 0.01
    const s = weightedScore({
      ...only('onTimeDelivery', '0.01'),
      turnover: '0',
    });
    expect(s?.toString()).toBe('0.01');
  });

  it('takes other weights when given', () => {
    const weights = { ...SCORECARD_WEIGHTS, onTimeDelivery: 1, fillRate: 3 };
    const s = weightedScore(
      { ...only('onTimeDelivery', '100'), fillRate: '0' },
      weights,
    );
    expect(s?.toString()).toBe('25');
  });
});

describe('scoreScorecard', () => {
  it('computes the hand-worked example', () => {
    const card = scoreScorecard({
      ...none,
      deliveries: 4,
      onTimeDeliveries: 3,
      daysLateTotal: '2',
      fillLines: 2,
      confirmedQty: '100',
      receivedQty: '80',
      confirmations: 2,
      medianConfirmationHours: '30',
      avgConfirmationHours: '30.004',
      shipments: 2,
      shipmentsClosedShort: 1,
      shippedQty: '100',
      shortClosedQty: '20',
      consumedQty: '30',
      avgOnHandQty: '60',
      elapsedDays: 31,
      onHandQty: '50',
      agedQty: '10',
      statements: 1,
      statementLines: 8,
      disputedLines: 1,
    });
    expect(card.metrics).toEqual({
      onTimeDelivery: {
        deliveries: 4,
        onTime: 3,
        late: 1,
        pct: '75.00',
        avgDaysLate: '2.00',
      },
      fillRate: {
        lines: 2,
        confirmedQty: '100.000000',
        receivedQty: '80.000000',
        pct: '80.00',
      },
      confirmationLeadTime: {
        confirmations: 2,
        medianHours: '30.00',
        avgHours: '30.00',
      },
      shortClose: {
        shipments: 2,
        shipmentsClosedShort: 1,
        shippedQty: '100.000000',
        shortClosedQty: '20.000000',
        pct: '20.00',
      },
      consignment: {
        consumedQty: '30.000000',
        avgOnHandQty: '60.000000',
        turnover: '0.50',
        // 0.5 × 365 / 31 = 5.887… → 5.89
        annualizedTurnover: '5.89',
        onHandQty: '50.000000',
        agedQty: '10.000000',
        agedSharePct: '20.00',
        agingDays: 90,
      },
      disputes: {
        statements: 1,
        statementLines: 8,
        disputedLines: 1,
        pct: '12.50',
      },
    });
    expect(card.subscores).toEqual({
      onTimeDelivery: '75.00',
      fillRate: '80.00',
      confirmationLeadTime: '93.75',
      shortClose: '80.00',
      agedStock: '80.00',
      turnover: '49.08',
      disputes: '87.50',
    });
    // (30×75 + 25×80 + 10×93.75 + 10×80 + 10×80 + 10×49.08 + 5×87.5) / 100 = 77.158 → 77.16
    expect(card.score).toBe('77.16');
    expect(card.grade).toBe('B');
  });

  it('has no score and no grade without any data', () => {
    const card = scoreScorecard(none);
    expect(card.score).toBeNull();
    expect(card.grade).toBeNull();
    expect(Object.values(card.subscores).every((s) => s === null)).toBe(true);
    expect(card.metrics.onTimeDelivery).toEqual({
      deliveries: 0,
      onTime: 0,
      late: 0,
      pct: null,
      avgDaysLate: null,
    });
    expect(card.metrics.consignment.turnover).toBeNull();
  });

  it.each([
    // what, facts, metric, subscore
    [
      'over-delivery caps the fill sub-score',
      { fillLines: 1, confirmedQty: '10', receivedQty: '12' },
      'fillRate',
      '100.00',
    ],
    [
      'a partial receipt',
      { fillLines: 1, confirmedQty: '3', receivedQty: '2' },
      'fillRate',
      '66.67',
    ],
    [
      'all late',
      { deliveries: 2, onTimeDeliveries: 0, daysLateTotal: '7' },
      'onTimeDelivery',
      '0.00',
    ],
    [
      'everything closed short',
      {
        shipments: 1,
        shipmentsClosedShort: 1,
        shippedQty: '5',
        shortClosedQty: '5',
      },
      'shortClose',
      '0.00',
    ],
    ['no aged stock', { onHandQty: '40', agedQty: '0' }, 'agedStock', '100.00'],
    [
      'consumption without stock on average: no turnover',
      { consumedQty: '5', avgOnHandQty: '0' },
      'turnover',
      null,
    ],
    [
      'nothing elapsed yet: no annualised turnover',
      { consumedQty: '5', avgOnHandQty: '10', elapsedDays: 0 },
      'turnover',
      null,
    ],
    [
      'reversals beyond consumption: turnover floors at 0',
      { consumedQty: '-5', avgOnHandQty: '10' },
      'turnover',
      '0.00',
    ],
    [
      'every line disputed',
      { statements: 1, statementLines: 3, disputedLines: 3 },
      'disputes',
      '0.00',
    ],
    [
      'a statement without lines says nothing',
      { statements: 1, statementLines: 0 },
      'disputes',
      null,
    ],
    [
      'slow confirmation',
      {
        confirmations: 1,
        medianConfirmationHours: '72',
        avgConfirmationHours: '72',
      },
      'confirmationLeadTime',
      '50.00',
    ],
  ] as const)('%s', (_what, facts, metric, expected) => {
    const card = scoreScorecard({ ...none, ...facts });
    expect(card.subscores[metric]).toBe(expected);
    // One metric with data: the score is its sub-score.
    expect(card.score).toBe(expected);
  });

  it.each([
    [{ deliveries: 1, onTimeDeliveries: 2 }],
    [{ deliveries: -1 }],
    [{ statementLines: 1.5 }],
    [{ elapsedDays: -1 }],
  ])('refuses impossible counts %p', (facts) => {
    expect(() => scoreScorecard({ ...none, ...facts })).toThrow(RangeError);
  });
});

describe('rankScorecards (best first, competition ranking)', () => {
  const row = (supplierCode: string, score: string | null) => ({
    supplierCode,
    score,
  });
  it.each([
    ['empty', [], []],
    ['one', [row('A', '50')], [['A', 1]]],
    [
      'by score, descending',
      [row('A', '50'), row('B', '90.5'), row('C', '70')],
      [
        ['B', 1],
        ['C', 2],
        ['A', 3],
      ],
    ],
    [
      'ties share a rank, the next skips, ties ordered by code',
      [row('Z', '80'), row('A', '80.00'), row('M', '95'), row('B', '10')],
      [
        ['M', 1],
        ['A', 2],
        ['Z', 2],
        ['B', 4],
      ],
    ],
    [
      'unscored last and unranked',
      [row('A', null), row('B', '0'), row('C', null)],
      [
        ['B', 1],
        ['A', null],
        ['C', null],
      ],
    ],
    [
      'compares as decimals, not text',
      [row('A', '9.5'), row('B', '10')],
      [
        ['B', 1],
        ['A', 2],
      ],
    ],
  ] as const)('%s', (_name, rows, expected) => {
    expect(rankScorecards(rows).map((r) => [r.supplierCode, r.rank])).toEqual(
      expected,
    );
  });

  it('keeps the other fields and does not reorder its input', () => {
    const input = [
      { supplierCode: 'A', score: '1', extra: 'a' },
      { supplierCode: 'B', score: '2', extra: 'b' },
    ];
    const ranked = rankScorecards(input);
    expect(ranked[0]).toEqual({
      supplierCode: 'B',
      score: '2',
      extra: 'b',
      rank: 1,
    });
    expect(input[0]?.supplierCode).toBe('A');
  });
});
