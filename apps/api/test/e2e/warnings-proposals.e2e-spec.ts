import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;

describe('replenishment proposals and stock-health analytics', () => {
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const policy = (world: World, loc: { id: string }, item: { id: string }, min: string, max: string, preferred: string | null = null) =>
    t.sql.query(`INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty, preferred_supplier_org_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      world.buyer.id, loc.id, item.id, min, max, preferred,
    ]);
  const proposals = async (world: World = w) =>
    (await t.api('get', '/replenishment/proposals', world.users.planner).expect(200)).body.items as Array<{ locationCode: string; itemCode: string; supplierOrgId: string; suggestedQty: string; reason: string }>;
  const find = async (loc: string, item: string) => (await proposals()).find((p) => p.locationCode === loc && p.itemCode === item);

  describe('GET /replenishment/proposals', () => {
    beforeAll(async () => {
      await policy(w, w.locations.vmi1, w.items.grease, '100', '200');
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.grease, qty: '65' });
      await policy(w, w.locations.vmi1, w.items.bolt, '50', '80');
      await policy(w, w.locations.vmi2, w.items.bolt, '50', '80', w.suppliers[1].id);
      await policy(w, w.locations.vmi2, w.items.cable, '10', '40');
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.cable, qty: '20' });
    });

    it('only PLANNER and BUYER_ADMIN read proposals', async () => {
      await t.api('get', '/replenishment/proposals', w.users.warehouse).expect(403);
      await t.api('get', '/replenishment/proposals', w.users.supplierAdmin).expect(403);
      await t.api('get', '/replenishment/proposals', w.users.buyerAdmin).expect(200);
      expect(await proposals(other)).toEqual([]);
    });

    it('orders up to max for every policy at or below min, with the reason spelled out', async () => {
      expect(await find('VMI-1', 'GREASE')).toEqual({
        locationCode: 'VMI-1', itemCode: 'GREASE', supplierOrgId: w.suppliers[0].id, suggestedQty: '135.000000',
        reason: 'on hand 65 + in transit 0 + open call-offs 0 < min 100; order 135 to reach max 200',
      });
      // above min: nothing to propose
      expect(await find('VMI-2', 'CABLE')).toBeUndefined();
    });

    it('picks the preferred supplier, else the linked one with a current price and the shortest lead time', async () => {
      expect(await find('VMI-1', 'BOLT')).toMatchObject({ supplierOrgId: w.suppliers[0].id, suggestedQty: '80.000000' }); // lead 7 < 9
      expect(await find('VMI-2', 'BOLT')).toMatchObject({ supplierOrgId: w.suppliers[1].id }); // preferred
      // supplier 1's bolt price ends: supplier 2 is the only current price left
      await t.sql.query(`UPDATE price_list_entries SET valid_to = now() WHERE tenant_id = $1 AND supplier_org_id = $2 AND item_id = $3`, [w.buyer.id, w.suppliers[0].id, w.items.bolt.id]);
      expect(await find('VMI-1', 'BOLT')).toMatchObject({ supplierOrgId: w.suppliers[1].id });
    });

    it('nets stock in transit and the unshipped rest of open call-offs', async () => {
      await t.app.get(LedgerService).postShipment({
        tenantId: w.buyer.id, supplierOrgId: w.suppliers[0].id, locationId: w.locations.vmi1.id, createdBy: w.users.warehouse.id, reference: 'ASN-P',
        lines: [{ itemId: w.items.grease.id, qty: '10', shipmentLineId: randomUUID() }],
      });
      expect(await find('VMI-1', 'GREASE')).toMatchObject({ suggestedQty: '125.000000', reason: 'on hand 65 + in transit 10 + open call-offs 0 < min 100; order 125 to reach max 200' });
      await t.api('post', '/call-offs', w.users.planner)
        .send({ supplierOrgId: w.suppliers[0].id, locationCode: 'VMI-1', lines: [{ itemCode: 'GREASE', qty: '20.5', needBy: '2027-06-01' }] })
        .expect(201);
      expect(await find('VMI-1', 'GREASE')).toMatchObject({
        suggestedQty: '104.500000',
        reason: 'on hand 65 + in transit 10 + open call-offs 20.5 < min 100; order 104.5 to reach max 200',
      });
    });
  });

  describe('auto call-off (ORANGE or worse, policy auto_call_off on, preferred supplier)', () => {
    it('creates one call-off for the preferred supplier up to max, counted as open call-off quantity afterwards', async () => {
      await policy(w, w.locations.vmi2, w.items.grease, '100', '200', w.suppliers[0].id);
      await t.sql.query(`UPDATE stock_policies SET auto_call_off = true WHERE tenant_id = $1 AND location_id = $2 AND item_id = $3`, [w.buyer.id, w.locations.vmi2.id, w.items.grease.id]);
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty: '75.5' }); // d = 24.5 % → ORANGE
      const callOffs = async () =>
        (
          await t.sql.query(
            `SELECT c.supplier_org_id, c.status, cl.qty::text AS qty FROM call_offs c JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
              WHERE c.tenant_id = $1 AND c.location_id = $2 AND cl.item_id = $3`,
            [w.buyer.id, w.locations.vmi2.id, w.items.grease.id],
          )
        ).rows;
      let rows: Array<{ supplier_org_id: string; status: string; qty: string }> = [];
      for (let i = 0; i < 200 && rows.length === 0; i++) {
        rows = await callOffs();
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows).toEqual([{ supplier_org_id: w.suppliers[0].id, status: 'OPEN', qty: '124.500000' }]);
      // covered up to max now: no proposal, and another re-grade of the same stock orders nothing more
      expect(await find('VMI-2', 'GREASE')).toBeUndefined();
      await t.sql.query(`UPDATE stock_policies SET yellow_pct = 10 WHERE tenant_id = $1 AND location_id = $2 AND item_id = $3`, [w.buyer.id, w.locations.vmi2.id, w.items.grease.id]);
      for (let i = 0; i < 200; i++) {
        if ((await t.sql.query(`SELECT count(*)::int AS n FROM warning_outbox`)).rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await callOffs()).toHaveLength(1);
    });
  });

  describe('GET /analytics/stock-health', () => {
    beforeAll(async () => {
      const at = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();
      const s1 = other.suppliers[0];
      await receiveStock(t, other, { supplier: s1, location: other.locations.vmi1, item: other.items.bolt, qty: '100', receivedAt: at(100) });
      await receiveStock(t, other, { supplier: s1, location: other.locations.vmi1, item: other.items.bolt, qty: '50', receivedAt: at(40) });
      await receiveStock(t, other, { supplier: s1, location: other.locations.vmi1, item: other.items.bolt, qty: '30', receivedAt: at(5) });
      await receiveStock(t, other, { supplier: s1, location: other.locations.vmi1, item: other.items.cable, qty: '12.5', receivedAt: at(70) });
      await receiveStock(t, other, { supplier: s1, location: other.locations.vmi2, item: other.items.cable, qty: '1' });
      // 30 consumed today, FIFO from the 100-day layer
      await t.api('post', '/consumptions', other.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '30' }).expect(201);
    });

    it('computes the hand-checked fixture', async () => {
      const res = await t.api('get', '/analytics/stock-health?locationCode=VMI-1', other.users.warehouse).expect(200);
      expect(res.body.items).toEqual([
        {
          locationCode: 'VMI-1', itemCode: 'BOLT', onHand: '150.000000',
          daysOfCover: '150.00', // 150 ÷ (30 / 30 days)
          turnover: '0.20', // 30 consumed ÷ 150 on hand
          sellThroughPct: '50.00', // BOLT consumed, CABLE not
          ageBuckets: { d0_30: '30.000000', d31_60: '50.000000', d61_90: '0.000000', d90p: '70.000000' },
          // avg 1/day, σ = √29 (one day of 30, 29 days of 0), lead 7 (supplier 1 beats 9):
          // 1 × 7 + 1.65 × √29 × √7 = 30.5088813… → rounded up
          safetyStockSuggestion: '30.508882',
        },
        {
          locationCode: 'VMI-1', itemCode: 'CABLE', onHand: '12.500000', daysOfCover: null, turnover: '0.00', sellThroughPct: '50.00',
          ageBuckets: { d0_30: '0.000000', d31_60: '0.000000', d61_90: '12.500000', d90p: '0.000000' },
          safetyStockSuggestion: '0.000000',
        },
      ]);
      const all = await t.api('get', '/analytics/stock-health', other.users.planner).expect(200);
      expect(all.body.items.map((r: { locationCode: string; itemCode: string }) => `${r.locationCode} ${r.itemCode}`)).toEqual(['VMI-1 BOLT', 'VMI-1 CABLE', 'VMI-2 CABLE']);
    });

    it('is buyer-only and tenant-scoped', async () => {
      await t.api('get', '/analytics/stock-health', other.users.supplierAdmin).expect(403);
      const mine = await t.api('get', '/analytics/stock-health?locationCode=VMI-1', w.users.planner).expect(200);
      expect(mine.body.items.map((r: { itemCode: string }) => r.itemCode)).toEqual(['GREASE']);
    });
  });
});
