import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;

interface Row {
  locationCode: string;
  itemCode: string;
  ownerOrgId: string;
  onHand: string;
  inTransit: string;
}

describe('GET /stock and GET /stock/layers', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
    const at = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '100', lotNo: 'B-OLD', receivedAt: at(95) });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '50', lotNo: 'B-NEW', receivedAt: at(3) });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '20', receivedAt: at(40) });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '12.5' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.cable, qty: '7.25' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty: '1.125' });
    // in transit to VMI-2: shipped, not received
    await t.app.get(LedgerService).postShipment({
      tenantId: w.buyer.id,
      supplierOrgId: s1,
      locationId: w.locations.vmi2.id,
      createdBy: null,
      reference: 'ASN-T',
      lines: [{ itemId: w.items.grease.id, qty: '2', shipmentLineId: randomUUID() }],
    });
    await receiveStock(t, other, { supplier: other.suppliers[0], location: other.locations.vmi1, item: other.items.bolt, qty: '999' });
    // a fully consumed layer disappears from the lists
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.wh, item: w.items.bolt, qty: '1' });
    await t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'WH-1', itemCode: 'BOLT', qty: '1' }).expect(201);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const ownerOrder = (a: string, b: string) => (a < b ? -1 : 1);

  it('sums on hand and in transit per (site, item, owner), sorted by site, item, owner', async () => {
    const res = await t.api('get', '/stock', w.users.planner).expect(200);
    const bolt = [
      { ownerOrgId: s1, onHand: '150.000000' },
      { ownerOrgId: s2, onHand: '20.000000' },
    ].sort((a, b) => ownerOrder(a.ownerOrgId, b.ownerOrgId));
    expect(res.body.items).toEqual([
      ...bolt.map((b) => ({ locationCode: 'VMI-1', itemCode: 'BOLT', ownerOrgId: b.ownerOrgId, onHand: b.onHand, inTransit: '0.000000', buyerOrgId: w.buyer.id })),
      { locationCode: 'VMI-1', itemCode: 'CABLE', ownerOrgId: s1, onHand: '12.500000', inTransit: '0.000000', buyerOrgId: w.buyer.id },
      { locationCode: 'VMI-2', itemCode: 'CABLE', ownerOrgId: s2, onHand: '7.250000', inTransit: '0.000000', buyerOrgId: w.buyer.id },
      { locationCode: 'VMI-2', itemCode: 'GREASE', ownerOrgId: s1, onHand: '1.125000', inTransit: '2.000000', buyerOrgId: w.buyer.id },
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with a cursor through every row exactly once', async () => {
    const all: Row[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Row[]; nextCursor: string | null } } = await t.api('get', `/stock?limit=2${cursor ? `&cursor=${cursor}` : ''}`, w.users.planner).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const full = await t.api('get', '/stock', w.users.planner).expect(200);
    expect(all).toEqual(full.body.items);
  });

  it('filters by location, item and owner', async () => {
    const byLoc = await t.api('get', '/stock?locationCode=VMI-2', w.users.planner).expect(200);
    expect(byLoc.body.items.map((r: Row) => r.itemCode)).toEqual(['CABLE', 'GREASE']);
    const byItem = await t.api('get', '/stock?itemCode=CABLE', w.users.planner).expect(200);
    expect(byItem.body.items.map((r: Row) => r.locationCode)).toEqual(['VMI-1', 'VMI-2']);
    const byOwner = await t.api('get', `/stock?ownerOrgId=${s2}`, w.users.planner).expect(200);
    expect(byOwner.body.items.map((r: Row) => `${r.locationCode}/${r.itemCode}`)).toEqual(['VMI-1/BOLT', 'VMI-2/CABLE']);
    const none = await t.api('get', '/stock?locationCode=NOPE', w.users.planner).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('shows a supplier only the rows it owns, at its buyers only', async () => {
    const res = await t.api('get', '/stock', w.users.supplier2Admin).expect(200);
    expect(res.body.items.map((r: Row) => `${r.locationCode}/${r.itemCode}/${r.ownerOrgId === s2}`)).toEqual(['VMI-1/BOLT/true', 'VMI-2/CABLE/true']);
    const peek = await t.api('get', `/stock?ownerOrgId=${s1}`, w.users.supplier2Admin).expect(200);
    expect(peek.body.items).toEqual([]);
    const layers = await t.api('get', '/stock/layers', w.users.supplier2Admin).expect(200);
    expect(layers.body.items.every((l: { ownerOrgId: string }) => l.ownerOrgId === s2)).toBe(true);
    const otherBuyer = await t.api('get', '/stock', other.users.planner).expect(200);
    expect(otherBuyer.body.items).toEqual([expect.objectContaining({ onHand: '999.000000', buyerOrgId: other.buyer.id })]);
    const buyerFilter = await t.api('get', `/stock?buyerOrgId=${other.buyer.id}`, w.users.supplier2Admin).expect(200);
    expect(buyerFilter.body.items).toEqual([]);
  });

  it('lists layers with stock left, oldest first, with their age', async () => {
    const res = await t.api('get', '/stock/layers?locationCode=VMI-1&itemCode=BOLT', w.users.planner).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ ownerOrgId: s1, lotNo: 'B-OLD', remainingQty: '100.000000', ageDays: 95 }),
      expect.objectContaining({ ownerOrgId: s1, lotNo: 'B-NEW', remainingQty: '50.000000', ageDays: 3 }),
      expect.objectContaining({ ownerOrgId: s2, lotNo: null, remainingQty: '20.000000', ageDays: 40 }),
    ]);
    const paged = await t.api('get', '/stock/layers?limit=1', w.users.planner).expect(200);
    expect(paged.body.items).toHaveLength(1);
    const next = await t.api('get', `/stock/layers?limit=1&cursor=${paged.body.nextCursor}`, w.users.planner).expect(200);
    expect(next.body.items[0].layerId).not.toBe(paged.body.items[0].layerId);
    const wh = await t.api('get', '/stock/layers?locationCode=WH-1', w.users.planner).expect(200);
    expect(wh.body.items).toEqual([]);
  });

  it('needs a token and validates the query', async () => {
    await t.api('get', '/stock').expect(401);
    await t.api('get', '/stock?ownerOrgId=nope', w.users.planner).expect(400);
    await t.api('get', '/stock?cursor=abc', w.users.planner).expect(400);
    const forged = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
    await t.api('get', `/stock/layers?cursor=${forged(['not-a-uuid', 'x'])}`, w.users.planner).expect(400);
    await t.api('get', `/stock?cursor=${forged([1, 2, 3, 4])}`, w.users.planner).expect(400);
    await t.api('get', `/ledger/journals?cursor=${forged(['drop table'])}`, w.users.finance).expect(400);
    await t.api('get', '/stock?limit=0', w.users.planner).expect(400);
    await t.api('get', '/stock?foo=1', w.users.planner).expect(400);
  });
});
