import fc from 'fast-check';
import { Decimal } from '../decimal';
import {
  LedgerInvariantError,
  type AccountRef,
  type LayerAllocation,
  type PostingLine,
} from './ledger-types';
import {
  adjustPostings,
  assertZeroSumPerItem,
  closeShortPostings,
  consumePostings,
  countDifference,
  mirrorPostings,
  receivePostings,
  returnPostings,
  shipPostings,
  sumPerItem,
  transferPostings,
} from './postings';

const S = 'supplier-1';
const B = 'buyer-1';

/** A compact, readable picture of a journal: "KIND:location:owner:layer qty". */
function picture(lines: readonly PostingLine[]): string[] {
  return lines.map(
    ({ account: a, qty }) =>
      `${a.locationKind}:${a.locationId ?? '-'}:${a.ownerOrgId}:${a.layerId ?? '-'} ${qty.toString()}`,
  );
}

function allocation(
  layerId: string,
  qty: string,
  ownerOrgId = S,
): LayerAllocation {
  return {
    layerId,
    ownerOrgId,
    qty: new Decimal(qty),
    lotNo: null,
    receivedAt: '2026-01-01T00:00:00Z',
  };
}

describe('movement builders (PRODUCT.md ledger table)', () => {
  it.each<[string, () => PostingLine[], string[]]>([
    [
      'ship',
      () =>
        shipPostings({
          itemId: 'i',
          supplierOrgId: S,
          qty: '10',
          destinationLocationId: 'site-a',
          transitLayerId: 'asn-line-1',
        }),
      [
        'SUPPLIER:-:supplier-1:- -10',
        'IN_TRANSIT:site-a:supplier-1:asn-line-1 10',
      ],
    ],
    [
      'receive',
      () =>
        receivePostings({
          itemId: 'i',
          supplierOrgId: S,
          qty: '7.5',
          locationId: 'site-a',
          transitLayerId: 'asn-line-1',
          receiptLayerId: 'L1',
        }),
      [
        'IN_TRANSIT:site-a:supplier-1:asn-line-1 -7.5',
        'SITE:site-a:supplier-1:L1 7.5',
      ],
    ],
    [
      'close short',
      () =>
        closeShortPostings({
          itemId: 'i',
          supplierOrgId: S,
          qty: '2.5',
          locationId: 'site-a',
          transitLayerId: 'asn-line-1',
        }),
      [
        'IN_TRANSIT:site-a:supplier-1:asn-line-1 -2.5',
        'SUPPLIER:-:supplier-1:- 2.5',
      ],
    ],
    [
      'consume across owners',
      () =>
        consumePostings({
          itemId: 'i',
          locationId: 'site-a',
          buyerOrgId: B,
          allocations: [
            allocation('L1', '3'),
            allocation('L2', '1.25', 'supplier-2'),
          ],
        }),
      [
        'SITE:site-a:supplier-1:L1 -3',
        'CONSUMED:site-a:buyer-1:L1 3',
        'SITE:site-a:supplier-2:L2 -1.25',
        'CONSUMED:site-a:buyer-1:L2 1.25',
      ],
    ],
    [
      'return',
      () =>
        returnPostings({
          itemId: 'i',
          locationId: 'site-a',
          allocations: [allocation('L1', '4')],
        }),
      ['SITE:site-a:supplier-1:L1 -4', 'SUPPLIER:-:supplier-1:- 4'],
    ],
    [
      'adjust a gain',
      () =>
        adjustPostings({
          itemId: 'i',
          locationId: 'site-a',
          ownerOrgId: S,
          difference: '2',
          gainLayerId: 'L9',
        }),
      ['ADJUSTMENT:site-a:supplier-1:L9 -2', 'SITE:site-a:supplier-1:L9 2'],
    ],
    [
      'adjust a loss over two layers',
      () =>
        adjustPostings({
          itemId: 'i',
          locationId: 'site-a',
          ownerOrgId: S,
          difference: '-5',
          allocations: [allocation('L1', '3'), allocation('L2', '2')],
        }),
      [
        'SITE:site-a:supplier-1:L1 -3',
        'ADJUSTMENT:site-a:supplier-1:L1 3',
        'SITE:site-a:supplier-1:L2 -2',
        'ADJUSTMENT:site-a:supplier-1:L2 2',
      ],
    ],
    [
      'adjust with no difference',
      () =>
        adjustPostings({
          itemId: 'i',
          locationId: 'site-a',
          ownerOrgId: S,
          difference: '0',
        }),
      [],
    ],
    [
      'transfer keeps owner and layer',
      () =>
        transferPostings({
          itemId: 'i',
          locationId: 'site-a',
          toLocationId: 'site-b',
          allocations: [allocation('L1', '6', 'supplier-2')],
        }),
      ['SITE:site-a:supplier-2:L1 -6', 'SITE:site-b:supplier-2:L1 6'],
    ],
  ])('%s', (_name, build, expected) => {
    const lines = build();
    expect(picture(lines)).toEqual(expected);
    expect(() => assertZeroSumPerItem(lines)).not.toThrow();
  });

  it.each<[string, () => PostingLine[], string]>([
    [
      'a zero shipment',
      () =>
        shipPostings({
          itemId: 'i',
          supplierOrgId: S,
          qty: '0',
          destinationLocationId: 'a',
        }),
      'NON_POSITIVE_QUANTITY',
    ],
    [
      'a negative receipt',
      () =>
        receivePostings({
          itemId: 'i',
          supplierOrgId: S,
          qty: '-1',
          locationId: 'a',
          receiptLayerId: 'L',
        }),
      'NON_POSITIVE_QUANTITY',
    ],
    [
      'a consumption without layers',
      () =>
        consumePostings({
          itemId: 'i',
          locationId: 'a',
          buyerOrgId: B,
          allocations: [],
        }),
      'ALLOCATION_MISMATCH',
    ],
    [
      'a loss whose layers do not add up',
      () =>
        adjustPostings({
          itemId: 'i',
          locationId: 'a',
          ownerOrgId: S,
          difference: '-5',
          allocations: [allocation('L1', '4')],
        }),
      'ALLOCATION_MISMATCH',
    ],
    [
      "a loss taken from another owner's layer",
      () =>
        adjustPostings({
          itemId: 'i',
          locationId: 'a',
          ownerOrgId: S,
          difference: '-1',
          allocations: [allocation('L1', '1', 'x')],
        }),
      'ALLOCATION_MISMATCH',
    ],
    [
      'a transfer to the same site',
      () =>
        transferPostings({
          itemId: 'i',
          locationId: 'a',
          toLocationId: 'a',
          allocations: [allocation('L1', '1')],
        }),
      'ALLOCATION_MISMATCH',
    ],
  ])('refuses %s', (_name, build, code) => {
    expect(build).toThrow(
      expect.objectContaining({ name: 'LedgerInvariantError', code }),
    );
  });

  it.each([
    ['12', '10', '2'],
    ['8.5', '10', '-1.5'],
    ['10', '10', '0'],
  ])('countDifference(counted %s, book %s) = %s', (counted, book, expected) => {
    expect(countDifference(counted, book).toString()).toBe(expected);
  });
});

describe('assertZeroSumPerItem', () => {
  const site = (itemId: string): AccountRef => ({
    itemId,
    locationKind: 'SITE',
    locationId: 'a',
    ownerOrgId: S,
    layerId: null,
  });

  it.each<[string, PostingLine[], string | null]>([
    [
      'balanced per item',
      [
        { account: site('x'), qty: new Decimal('1.000001') },
        { account: site('x'), qty: new Decimal('-1.000001') },
      ],
      null,
    ],
    ['an empty journal', [], null],
    [
      'balanced in total but not per item',
      [
        { account: site('x'), qty: new Decimal('1') },
        { account: site('y'), qty: new Decimal('-1') },
      ],
      'x',
    ],
    [
      'off by one millionth',
      [
        { account: site('z'), qty: new Decimal('1') },
        { account: site('z'), qty: new Decimal('-0.999999') },
      ],
      'z',
    ],
  ])('%s', (_name, lines, failingItem) => {
    if (failingItem === null) {
      expect(() => assertZeroSumPerItem(lines)).not.toThrow();
    } else {
      expect(() => assertZeroSumPerItem(lines)).toThrow(LedgerInvariantError);
      expect(() => assertZeroSumPerItem(lines)).toThrow(
        expect.objectContaining({
          code: 'UNBALANCED_JOURNAL',
          details: expect.objectContaining({ itemId: failingItem }),
        }),
      );
    }
  });
});

describe('mirrorPostings', () => {
  it('negates every line and leaves the original untouched', () => {
    const original = shipPostings({
      itemId: 'i',
      supplierOrgId: S,
      qty: '3',
      destinationLocationId: 'a',
    });
    const mirror = mirrorPostings(original);
    expect(picture(mirror)).toEqual([
      'SUPPLIER:-:supplier-1:- 3',
      'IN_TRANSIT:a:supplier-1:- -3',
    ]);
    expect(picture(original)).toEqual([
      'SUPPLIER:-:supplier-1:- -3',
      'IN_TRANSIT:a:supplier-1:- 3',
    ]);
  });

  it('property: a journal plus its mirror sums to zero on every account', () => {
    const accountArb = fc.record({
      itemId: fc.constantFrom('i1', 'i2', 'i3'),
      locationKind: fc.constantFrom<AccountRef['locationKind']>(
        'SITE',
        'SUPPLIER',
        'IN_TRANSIT',
        'CONSUMED',
        'ADJUSTMENT',
      ),
      locationId: fc.option(fc.constantFrom('a', 'b'), { nil: null }),
      ownerOrgId: fc.constantFrom('s1', 's2', 'b1'),
      layerId: fc.option(fc.constantFrom('L1', 'L2'), { nil: null }),
    });
    const lineArb = fc.record({
      account: accountArb,
      // Micro-units as integers, scaled to 6 decimals: exact, no float involved.
      qty: fc
        .bigInt({ min: -(10n ** 15n), max: 10n ** 15n })
        .map((micro) => new Decimal(micro.toString()).dividedBy(1_000_000)),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (lines) => {
        const both = [...lines, ...mirrorPostings(lines)];
        const perAccount = new Map<string, Decimal>();
        for (const { account, qty } of both) {
          const key = JSON.stringify(account);
          perAccount.set(
            key,
            (perAccount.get(key) ?? new Decimal(0)).plus(qty),
          );
        }
        expect([...perAccount.values()].every((sum) => sum.isZero())).toBe(
          true,
        );
        expect(
          [...sumPerItem(both).values()].every((sum) => sum.isZero()),
        ).toBe(true);
        expect(
          mirrorPostings(lines).every(
            (m) => !m.qty.isZero() || !m.qty.isNegative(),
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
