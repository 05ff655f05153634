import fc from 'fast-check';
import { Decimal } from '../decimal';
import {
  allocateFifo,
  allocateFifoBatch,
  compareFifo,
  type BatchLayer,
  type FifoLayer,
} from './fifo';

function layer(
  layerId: string,
  ownerOrgId: string,
  receivedAt: string,
  seq: bigint | number | string,
  remaining: string,
  lotNo?: string,
): FifoLayer {
  return {
    layerId,
    ownerOrgId,
    receivedAt,
    seq,
    remaining: new Decimal(remaining),
    lotNo,
  };
}

/** "layer:owner:qty" per allocation, or "SHORT available/shortBy". */
function outcome(result: ReturnType<typeof allocateFifo>): string[] {
  return result.ok
    ? result.allocations.map(
        (a) => `${a.layerId}:${a.ownerOrgId}:${a.qty.toString()}`,
      )
    : [`SHORT ${result.available.toString()}/${result.shortBy.toString()}`];
}

const LAYERS: FifoLayer[] = [
  layer('L3', 's2', '2026-01-03T00:00:00Z', 3, '5'),
  layer('L1', 's1', '2026-01-01T00:00:00Z', 1, '2.5', 'LOT-A'),
  layer('L2b', 's1', '2026-01-02T00:00:00Z', '12', '1'),
  layer('L2a', 's2', '2026-01-02T00:00:00Z', '9', '1'),
  layer('L0', 's1', '2025-12-31T00:00:00Z', 0, '0'),
];

describe('allocateFifo', () => {
  it.each<[string, string, string | undefined, string[]]>([
    ['takes part of the oldest layer', '1', undefined, ['L1:s1:1']],
    ['empties the oldest layer exactly', '2.5', undefined, ['L1:s1:2.5']],
    [
      'breaks a receivedAt tie by seq (9 before 12, numerically)',
      '3',
      undefined,
      ['L1:s1:2.5', 'L2a:s2:0.5'],
    ],
    [
      'spans owners oldest first',
      '9.5',
      undefined,
      ['L1:s1:2.5', 'L2a:s2:1', 'L2b:s1:1', 'L3:s2:5'],
    ],
    ['stays with a named owner', '3', 's1', ['L1:s1:2.5', 'L2b:s1:0.5']],
    ['reports the shortage of a named owner', '4', 's1', ['SHORT 3.5/0.5']],
    ['reports the shortage across owners', '10', undefined, ['SHORT 9.5/0.5']],
    ['has nothing for an unknown owner', '1', 's9', ['SHORT 0/1']],
    [
      'takes millionths exactly',
      '2.500001',
      undefined,
      ['L1:s1:2.5', 'L2a:s2:0.000001'],
    ],
  ])('%s (qty %s, owner %s)', (_name, qty, ownerOrgId, expected) => {
    expect(
      outcome(allocateFifo(LAYERS, new Decimal(qty), { ownerOrgId })),
    ).toEqual(expected);
  });

  it('carries lot and receipt instant into the allocation', () => {
    const result = allocateFifo(LAYERS, new Decimal('1'));
    expect(result).toEqual({
      ok: true,
      allocations: [
        {
          layerId: 'L1',
          ownerOrgId: 's1',
          qty: new Decimal('1'),
          lotNo: 'LOT-A',
          receivedAt: '2026-01-01T00:00:00Z',
        },
      ],
    });
  });

  it('leaves the input layers untouched', () => {
    const before = LAYERS.map((l) => `${l.layerId}=${l.remaining.toString()}`);
    allocateFifo(LAYERS, new Decimal('9.5'));
    expect(LAYERS.map((l) => `${l.layerId}=${l.remaining.toString()}`)).toEqual(
      before,
    );
  });

  it.each([['0'], ['-1']])(
    'refuses a demand of %s as a programming error',
    (qty) => {
      expect(() => allocateFifo(LAYERS, new Decimal(qty))).toThrow(RangeError);
    },
  );

  it('refuses a layer listed twice', () => {
    expect(() =>
      allocateFifo([LAYERS[0], LAYERS[0]], new Decimal('1')),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_LAYER' }));
  });

  it.each<[bigint | number | string, bigint | number | string, number]>([
    [2n, '10', -1],
    ['10', 2, 1],
    [7, 7n, 0],
    ['9007199254740993', '9007199254740992', 1],
  ])('orders seq %p against %p as %p at the same instant', (a, b, expected) => {
    const at = '2026-01-01T00:00:00Z';
    expect(
      Math.sign(
        compareFifo({ receivedAt: at, seq: a }, { receivedAt: at, seq: b }),
      ),
    ).toBe(expected);
  });
});

describe('allocateFifoBatch', () => {
  const batchLayers: BatchLayer[] = [
    {
      ...layer('A1', 's1', '2026-01-01T00:00:00Z', 1, '3'),
      itemId: 'bolt',
      locationId: 'site-a',
    },
    {
      ...layer('A2', 's2', '2026-01-02T00:00:00Z', 2, '4'),
      itemId: 'bolt',
      locationId: 'site-a',
    },
    {
      ...layer('B1', 's1', '2025-01-01T00:00:00Z', 0, '100'),
      itemId: 'bolt',
      locationId: 'site-b',
    },
    {
      ...layer('N1', 's1', '2025-01-01T00:00:00Z', 5, '1'),
      itemId: 'nut',
      locationId: 'site-a',
    },
  ];

  it('serves lines in order against layers depleted by earlier lines', () => {
    const result = allocateFifoBatch(batchLayers, [
      {
        lineNo: 1,
        itemId: 'bolt',
        locationId: 'site-a',
        qty: new Decimal('2'),
      },
      { lineNo: 2, itemId: 'nut', locationId: 'site-a', qty: new Decimal('1') },
      {
        lineNo: 3,
        itemId: 'bolt',
        locationId: 'site-a',
        qty: new Decimal('2'),
      },
      {
        lineNo: 4,
        itemId: 'bolt',
        locationId: 'site-a',
        qty: new Decimal('1'),
        ownerOrgId: 's2',
      },
    ]);
    expect(
      result.ok &&
        result.lines.map(
          (l) =>
            `${l.lineNo}:${l.allocations.map((a) => `${a.layerId}=${a.qty.toString()}`).join(',')}`,
        ),
    ).toEqual(['1:A1=2', '2:N1=1', '3:A1=1,A2=1', '4:A2=1']);
  });

  it.each<
    [
      string,
      Array<{
        lineNo: number;
        itemId: string;
        locationId: string;
        qty: string;
        ownerOrgId?: string;
      }>,
      string,
    ]
  >([
    [
      'a later line the earlier ones starved',
      [
        { lineNo: 1, itemId: 'bolt', locationId: 'site-a', qty: '6' },
        { lineNo: 2, itemId: 'bolt', locationId: 'site-a', qty: '2' },
      ],
      '2 bolt@site-a requested 2 available 1 short 1',
    ],
    [
      'a line whose site has no such item (site-b stock is invisible to site-a)',
      [{ lineNo: 7, itemId: 'nut', locationId: 'site-b', qty: '1' }],
      '7 nut@site-b requested 1 available 0 short 1',
    ],
    [
      'the first of two failing lines',
      [
        {
          lineNo: 1,
          itemId: 'bolt',
          locationId: 'site-a',
          qty: '1',
          ownerOrgId: 's1',
        },
        {
          lineNo: 2,
          itemId: 'bolt',
          locationId: 'site-a',
          qty: '3',
          ownerOrgId: 's1',
        },
        { lineNo: 3, itemId: 'nut', locationId: 'site-a', qty: '9' },
      ],
      '2 bolt@site-a requested 3 available 2 short 1',
    ],
  ])('reports %s', (_name, demands, expected) => {
    const result = allocateFifoBatch(
      batchLayers,
      demands.map((d) => ({ ...d, qty: new Decimal(d.qty) })),
    );
    const failed = result.ok ? null : result.failedLine;
    expect(
      failed &&
        `${failed.lineNo} ${failed.itemId}@${failed.locationId} requested ${failed.requested.toString()} available ${failed.available.toString()} short ${failed.shortBy.toString()}`,
    ).toBe(expected);
  });
});

describe('allocateFifo properties', () => {
  const micro = (n: bigint): Decimal =>
    new Decimal(n.toString()).dividedBy(1_000_000);
  const layersArb = fc
    .array(
      fc.record({
        ownerOrgId: fc.constantFrom('s1', 's2', 's3'),
        // Few distinct days so that receivedAt ties (and the seq tiebreak) are common.
        day: fc.integer({ min: 1, max: 5 }),
        remaining: fc.oneof(
          fc.constant(0n),
          fc.bigInt({ min: 1n, max: 5_000_000n }),
        ),
      }),
      { maxLength: 25 },
    )
    .map((rows) =>
      rows.map<FifoLayer>((row, i) => ({
        layerId: `L${i}`,
        ownerOrgId: row.ownerOrgId,
        receivedAt: `2026-01-0${row.day}T00:00:00Z`,
        seq: BigInt(1000 - i),
        remaining: micro(row.remaining),
      })),
    );
  const ownerArb = fc.option(fc.constantFrom('s1', 's2', 's3'), {
    nil: undefined,
  });
  // An oracle independent of compareFifo: generated instants share one format, so text order
  // is time order, and seq is a bigint here.
  const older = (a: FifoLayer, b: FifoLayer): boolean =>
    a.receivedAt < b.receivedAt ||
    (a.receivedAt === b.receivedAt && (a.seq as bigint) < (b.seq as bigint));

  it('never over-allocates, sums exactly when ok, takes oldest first, and is honest when short', () => {
    fc.assert(
      fc.property(
        layersArb,
        fc.bigInt({ min: 1n, max: 40_000_000n }),
        ownerArb,
        (layers, demandMicro, ownerOrgId) => {
          const qty = micro(demandMicro);
          const eligible = layers.filter(
            (l) => ownerOrgId === undefined || l.ownerOrgId === ownerOrgId,
          );
          const available = eligible.reduce(
            (sum, l) => sum.plus(l.remaining),
            new Decimal(0),
          );
          const result = allocateFifo(layers, qty, { ownerOrgId });
          if (!result.ok) {
            expect(available.lt(qty)).toBe(true);
            expect(result.available.equals(available)).toBe(true);
            expect(result.shortBy.equals(qty.minus(available))).toBe(true);
            return;
          }
          expect(available.gte(qty)).toBe(true);
          const byId = new Map(layers.map((l) => [l.layerId, l]));
          const total = result.allocations.reduce(
            (sum, a) => sum.plus(a.qty),
            new Decimal(0),
          );
          expect(total.equals(qty)).toBe(true);
          for (const a of result.allocations) {
            const source = byId.get(a.layerId);
            expect(source).toBeDefined();
            expect(a.qty.gt(0) && a.qty.lte(source?.remaining ?? 0)).toBe(true);
            expect(
              ownerOrgId === undefined || a.ownerOrgId === ownerOrgId,
            ).toBe(true);
          }
          // Oldest first: allocations are in FIFO order, every allocation but the last empties
          // its layer, and no eligible non-empty layer older than the last one was skipped.
          const used = result.allocations.map(
            (a) => byId.get(a.layerId) as FifoLayer,
          );
          for (let i = 1; i < used.length; i++) {
            expect(older(used[i - 1], used[i])).toBe(true);
          }
          result.allocations
            .slice(0, -1)
            .forEach((a, i) =>
              expect(a.qty.equals(used[i].remaining)).toBe(true),
            );
          const last = used[used.length - 1];
          const skipped = eligible.filter(
            (l) =>
              new Decimal(l.remaining).gt(0) &&
              older(l, last) &&
              !used.includes(l),
          );
          expect(skipped).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
