import { Decimal } from '../decimal';
import type { LayerAllocation, PostingLine } from './ledger-types';
import { assertZeroSumPerItem, mirrorPostings, titleTransferPostings, transferPostings } from './postings';
import { agingClauseDueAt, agingClauseNotice, agingClauseSeverity, ageInDays, isAgingClauseDue } from './aging-clause';
import { transferHint } from './transfer-hint';

const S1 = 'supplier-1';
const S2 = 'supplier-2';
const B = 'buyer-1';

const picture = (lines: readonly PostingLine[]) =>
  lines.map(({ account: a, qty }) => `${a.locationKind}:${a.locationId ?? '-'}:${a.ownerOrgId}:${a.layerId ?? '-'} ${qty.toString()}`);
const allocation = (layerId: string, qty: string, ownerOrgId = S1): LayerAllocation => ({
  layerId,
  ownerOrgId,
  qty: new Decimal(qty),
  lotNo: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('transfer and title-transfer journals', () => {
  it.each<[string, () => PostingLine[], string[]]>([
    [
      'a transfer opens a destination layer per source layer, owners unchanged',
      () =>
        transferPostings({
          itemId: 'i',
          locationId: 'A',
          toLocationId: 'B',
          allocations: [allocation('L1', '4'), allocation('L2', '1.5', S2)],
          destinationLayerIds: { L1: 'N1', L2: 'N2' },
        }),
      ['SITE:A:supplier-1:L1 -4', 'SITE:B:supplier-1:N1 4', 'SITE:A:supplier-2:L2 -1.5', 'SITE:B:supplier-2:N2 1.5'],
    ],
    [
      "a transfer of the buyer's own stock",
      () =>
        transferPostings({
          itemId: 'i',
          locationId: 'A',
          toLocationId: 'B',
          allocations: [allocation('L9', '2', B)],
          destinationLayerIds: { L9: 'N9' },
        }),
      ['SITE:A:buyer-1:L9 -2', 'SITE:B:buyer-1:N9 2'],
    ],
    [
      'a title transfer keeps the site and changes the owner (new buyer-owned layer)',
      () =>
        titleTransferPostings({
          itemId: 'i',
          locationId: 'A',
          buyerOrgId: B,
          allocations: [allocation('L1', '7'), allocation('L3', '0.25', S2)],
          buyerLayerIds: { L1: 'T1', L3: 'T3' },
        }),
      ['SITE:A:supplier-1:L1 -7', 'SITE:A:buyer-1:T1 7', 'SITE:A:supplier-2:L3 -0.25', 'SITE:A:buyer-1:T3 0.25'],
    ],
  ])('%s', (_name, build, expected) => {
    const lines = build();
    expect(picture(lines)).toEqual(expected);
    expect(() => assertZeroSumPerItem(lines)).not.toThrow();
    // The reversal of a transfer is its mirror image on the same accounts, and sums to zero too.
    const mirrored = mirrorPostings(lines);
    expect(() => assertZeroSumPerItem([...lines, ...mirrored])).not.toThrow();
    expect(picture(mirrored).map((p) => p.replace(/ -?/, ' '))).toEqual(picture(lines).map((p) => p.replace(/ -?/, ' ')));
  });

  it.each<[string, () => PostingLine[]]>([
    ['a title transfer of a layer the buyer owns already', () => titleTransferPostings({ itemId: 'i', locationId: 'A', buyerOrgId: B, allocations: [allocation('L1', '1', B)], buyerLayerIds: { L1: 'T1' } })],
    ['a title transfer without a successor layer', () => titleTransferPostings({ itemId: 'i', locationId: 'A', buyerOrgId: B, allocations: [allocation('L1', '1')], buyerLayerIds: {} })],
    ['a title transfer of nothing', () => titleTransferPostings({ itemId: 'i', locationId: 'A', buyerOrgId: B, allocations: [], buyerLayerIds: {} })],
    ['a zero title transfer', () => titleTransferPostings({ itemId: 'i', locationId: 'A', buyerOrgId: B, allocations: [allocation('L1', '0')], buyerLayerIds: { L1: 'T1' } })],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(expect.objectContaining({ name: 'LedgerInvariantError' }));
  });
});

describe('aging clause', () => {
  const received = '2026-01-01T08:00:00.000Z';

  it('falls due maxConsignmentDays after receipt, at that instant', () => {
    expect(agingClauseDueAt(received, 90).toISOString()).toBe('2026-04-01T08:00:00.000Z');
    expect(isAgingClauseDue(received, 90, '2026-04-01T07:59:59.999Z')).toBe(false);
    expect(isAgingClauseDue(received, 90, '2026-04-01T08:00:00.000Z')).toBe(true);
    expect(isAgingClauseDue(new Date(received), 1, new Date('2026-01-03T00:00:00Z'))).toBe(true);
  });

  it.each([
    ['2026-01-01T08:00:00.000Z', 0],
    ['2026-01-02T07:59:59.999Z', 0],
    ['2026-01-02T08:00:00.000Z', 1],
    ['2026-03-31T09:00:00.000Z', 89],
  ])('at %s a layer is %i whole days old', (now, days) => {
    expect(ageInDays(received, now)).toBe(days);
  });

  it.each<[number, number, string | null]>([
    [30, 14, null],
    [15, 14, null],
    [14, 14, 'YELLOW'],
    [6, 14, 'YELLOW'],
    [5, 14, 'ORANGE'],
    [1, 14, 'ORANGE'],
    [0, 14, 'RED'],
    [-3, 14, 'RED'],
    [1, 0, null],
    [0, 0, 'RED'],
    [1, 1, 'ORANGE'],
    [3, 7, 'ORANGE'],
    [4, 7, 'YELLOW'],
  ])('%i days left with %i days notice → %s', (daysLeft, notice, expected) => {
    expect(agingClauseSeverity(daysLeft, notice)).toBe(expected);
  });

  it('gives the notice of a layer, or null without a clause or before the notice period', () => {
    expect(agingClauseNotice({ receivedAt: received, maxConsignmentDays: null, now: '2027-01-01T00:00:00Z' })).toBeNull();
    expect(agingClauseNotice({ receivedAt: received, maxConsignmentDays: 90, now: '2026-02-01T00:00:00Z' })).toBeNull();
    // default notice 14 days: 80 days old, 10 left
    expect(agingClauseNotice({ receivedAt: received, maxConsignmentDays: 90, now: '2026-03-22T09:00:00Z' })).toEqual({
      severity: 'YELLOW',
      daysLeft: 10,
      dueAt: new Date('2026-04-01T08:00:00.000Z'),
    });
    expect(agingClauseNotice({ receivedAt: received, maxConsignmentDays: 90, agingNoticeDays: 30, now: '2026-03-02T09:00:00Z' })?.severity).toBe('YELLOW');
    expect(agingClauseNotice({ receivedAt: received, maxConsignmentDays: 90, now: '2026-04-05T00:00:00Z' })?.severity).toBe('RED');
  });

  it('refuses what is not an instant', () => {
    expect(() => ageInDays('yesterday', '2026-01-01T00:00:00Z')).toThrow(RangeError);
  });
});

describe('transferHint', () => {
  const site = (locationCode: string, onHand: string, inTransit: string, maxQty: string) => ({ locationCode, onHand, inTransit, maxQty });

  it.each<[string, string, ReturnType<typeof site>[], number, { locationCode: string; surplusQty: string; qty: string } | null]>([
    ['no other site', '120', [], 6, null],
    ['nobody above max', '120', [site('B', '100', '0', '100'), site('C', '10', '0', '50')], 6, null],
    ['site B has 300 above max: transfer 120', '120', [site('B', '500', '0', '200')], 6, { locationCode: 'B', surplusQty: '300', qty: '120' }],
    ['the surplus is smaller than the need', '120', [site('B', '250', '0', '200')], 6, { locationCode: 'B', surplusQty: '50', qty: '50' }],
    ['goods in transit count towards the surplus but cannot move', '120', [site('B', '30', '400', '200')], 6, { locationCode: 'B', surplusQty: '230', qty: '30' }],
    ['all of it in transit', '120', [site('B', '0', '400', '200')], 6, null],
    ['the biggest movable surplus wins', '10', [site('B', '220', '0', '200'), site('C', '90', '0', '50')], 6, { locationCode: 'C', surplusQty: '40', qty: '10' }],
    ['ties go to the lower location code', '5', [site('Z', '60', '0', '50'), site('M', '60', '0', '50')], 6, { locationCode: 'M', surplusQty: '10', qty: '5' }],
    ['a max of zero makes all stock surplus', '5', [site('B', '3', '0', '0')], 6, { locationCode: 'B', surplusQty: '3', qty: '3' }],
    ['cut to the item\'s decimals', '10', [site('B', '200.75', '0', '200')], 0, null],
    ['cut to the item\'s decimals, something left', '10', [site('B', '202.75', '0', '200')], 0, { locationCode: 'B', surplusQty: '2.75', qty: '2' }],
    ['nothing needed', '0', [site('B', '500', '0', '200')], 6, null],
  ])('%s', (_name, needed, sources, decimals, expected) => {
    const hint = transferHint(needed, sources, decimals);
    expect(hint && { locationCode: hint.locationCode, surplusQty: hint.surplusQty.toString(), qty: hint.qty.toString() }).toEqual(expected);
  });
});
