import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';

const DAY = 86_400_000;

interface W {
  id: string;
  kind: string;
  severity: string;
  status: string;
  locationCode: string | null;
  itemCode: string;
  ownerOrgId: string | null;
  available: string;
  threshold: string;
  deviationPct: string;
  suggestedQty: string | null;
  raisedAt: string;
  updatedAt: string;
}

describe('warnings: raised, re-graded and resolved from the outbox', () => {
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
    t.sql.query(
      `INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty, preferred_supplier_org_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, location_id, item_id) DO UPDATE SET min_qty = EXCLUDED.min_qty, max_qty = EXCLUDED.max_qty, preferred_supplier_org_id = EXCLUDED.preferred_supplier_org_id`,
      [world.buyer.id, loc.id, item.id, min, max, preferred],
    );
  const consume = (locationCode: string, itemCode: string, qty: string, world: World = w) =>
    t.api('post', '/consumptions', world.users.warehouse).send({ locationCode, itemCode, qty }).expect(201);

  /** Waits (bounded) until the worker has committed every outbox row; no fixed sleeps. */
  const drained = async () => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM warning_outbox`);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('warning outbox not drained within 10 s');
  };
  const list = async (query: string, user = w.users.planner): Promise<W[]> => (await t.api('get', `/warnings${query}`, user).expect(200)).body.items;
  const lowWater = async (loc: string, item: string, status = '') => {
    await drained();
    return list(`?kind=LOW_WATER&locationCode=${loc}&itemCode=${item}${status ? `&status=${status}` : ''}`);
  };
  const openOf = (ws: W[]) => ws.filter((x) => x.status !== 'RESOLVED');

  describe('LOW_WATER grading at the band boundaries (min 100; 10 / 20 / 30 %)', () => {
    let firstId: string;

    beforeAll(async () => {
      await policy(w, w.locations.vmi1, w.items.cable, '100', '200');
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '100' });
    });

    it('the outbox is drained by the worker: polling GET /warnings sees the grade without any explicit call', async () => {
      await consume('VMI-1', 'CABLE', '10'); // available 90 → YELLOW
      let found: W[] = [];
      for (let i = 0; i < 200 && found.length === 0; i++) {
        found = await list('?kind=LOW_WATER&locationCode=VMI-1&itemCode=CABLE');
        if (found.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'YELLOW', status: 'OPEN', available: '90.000000', deviationPct: '10.00' });
      // back above the mark for the boundary walk below
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '10' });
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toHaveLength(0);
    });

    it('90.01 → no warning; 90 → YELLOW; 80 → ORANGE; 70 → RED; 0 → RED, always the same warning re-graded in place', async () => {
      const before = (await lowWater('VMI-1', 'CABLE')).length; // the resolved one of the previous test
      await consume('VMI-1', 'CABLE', '9.99');
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([]);

      await consume('VMI-1', 'CABLE', '0.01');
      const [yellow] = openOf(await lowWater('VMI-1', 'CABLE'));
      expect(yellow).toMatchObject({ kind: 'LOW_WATER', severity: 'YELLOW', status: 'OPEN', locationCode: 'VMI-1', itemCode: 'CABLE', ownerOrgId: null, available: '90.000000', threshold: '100.000000', deviationPct: '10.00', suggestedQty: '110.000000' });
      firstId = (yellow as W).id;

      await consume('VMI-1', 'CABLE', '10');
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([expect.objectContaining({ id: firstId, severity: 'ORANGE', available: '80.000000', deviationPct: '20.00' })]);
      await consume('VMI-1', 'CABLE', '10');
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([expect.objectContaining({ id: firstId, severity: 'RED', available: '70.000000', deviationPct: '30.00' })]);
      await consume('VMI-1', 'CABLE', '70');
      const [empty] = openOf(await lowWater('VMI-1', 'CABLE'));
      expect(empty).toMatchObject({ id: firstId, severity: 'RED', available: '0.000000', deviationPct: '100.00', suggestedQty: '200.000000' });
      expect((empty as W).raisedAt).toBe((yellow as W).raisedAt);
      expect(Date.parse((empty as W).updatedAt)).toBeGreaterThanOrEqual(Date.parse((yellow as W).updatedAt));
      expect(await lowWater('VMI-1', 'CABLE')).toHaveLength(before + 1);
    });

    it('stock in transit counts as available; a restock resolves the warning; falling again raises a new one', async () => {
      await t.app.get(LedgerService).postShipment({
        tenantId: w.buyer.id, supplierOrgId: w.suppliers[0].id, locationId: w.locations.vmi1.id, createdBy: w.users.warehouse.id, reference: 'ASN-W',
        lines: [{ itemId: w.items.cable.id, qty: '75', shipmentLineId: randomUUID() }],
      });
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([expect.objectContaining({ id: firstId, severity: 'ORANGE', available: '75.000000', deviationPct: '25.00' })]);
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '50' });
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([]);
      expect((await lowWater('VMI-1', 'CABLE', 'RESOLVED')).map((x) => x.id)).toContain(firstId);

      await consume('VMI-1', 'CABLE', '50'); // on hand 0 + in transit 75 → d = 25 % → ORANGE
      const [again] = openOf(await lowWater('VMI-1', 'CABLE'));
      expect(again).toMatchObject({ severity: 'ORANGE', status: 'OPEN', available: '75.000000' });
      expect((again as W).id).not.toBe(firstId);
    });

    it('a policy change re-grades through the same outbox (trigger on stock_policies)', async () => {
      await policy(w, w.locations.vmi1, w.items.cable, '80', '200'); // 75 of 80 → 6.25 % → none
      expect(openOf(await lowWater('VMI-1', 'CABLE'))).toEqual([]);
    });
  });

  describe('OVERSTOCK', () => {
    it('available above max raises YELLOW OVERSTOCK and resolves when it falls back', async () => {
      await policy(w, w.locations.vmi2, w.items.grease, '1', '10');
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty: '12.5' });
      await drained();
      const [over] = await list('?kind=OVERSTOCK&locationCode=VMI-2&itemCode=GREASE&status=OPEN');
      expect(over).toMatchObject({ severity: 'YELLOW', available: '12.500000', threshold: '10.000000', deviationPct: '25.00' });
      await consume('VMI-2', 'GREASE', '2.5');
      await drained();
      expect(await list('?kind=OVERSTOCK&locationCode=VMI-2&itemCode=GREASE&status=OPEN')).toEqual([]);
    });
  });

  describe('one open warning per key under concurrency', () => {
    it('parallel consumptions and parallel outbox workers leave exactly one open warning', async () => {
      await policy(w, w.locations.vmi2, w.items.bolt, '100', '200');
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.bolt, qty: '100' });
      await drained();
      const engine = t.app.get(WarningEngine);
      await Promise.all([
        ...Array.from({ length: 10 }, () => consume('VMI-2', 'BOLT', '5')),
        engine.drain(),
        engine.drain(),
        engine.drain(),
      ]);
      await Promise.all([engine.drain(), engine.drain()]);
      await drained();
      const open = openOf(await list('?kind=LOW_WATER&locationCode=VMI-2&itemCode=BOLT'));
      expect(open).toEqual([expect.objectContaining({ severity: 'RED', available: '50.000000', deviationPct: '50.00' })]);
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM warnings WHERE tenant_id = $1 AND kind = 'LOW_WATER' AND location_id = $2 AND item_id = $3 AND status <> 'RESOLVED'`,
        [w.buyer.id, w.locations.vmi2.id, w.items.bolt.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('the database refuses a second open warning for the same key', async () => {
      const insert = () =>
        t.sql.query(
          `INSERT INTO warnings (tenant_id, kind, severity, location_id, item_id, available, threshold, deviation_pct) VALUES ($1, 'LOW_WATER', 'RED', $2, $3, 0, 1, 100)`,
          [w.buyer.id, w.locations.vmi2.id, w.items.bolt.id],
        );
      await expect(insert()).rejects.toMatchObject({ code: '23505' });
    });
  });

  describe('POST /warnings/{id}/acknowledge', () => {
    let id: string;
    beforeAll(async () => {
      await drained();
      [{ id }] = openOf(await list('?kind=LOW_WATER&locationCode=VMI-2&itemCode=BOLT')) as [W];
    });

    it('a supplier → 403; another tenant → 404; an unknown or malformed id → 404', async () => {
      await t.api('post', `/warnings/${id}/acknowledge`, w.users.supplierAdmin).expect(403);
      await t.api('post', `/warnings/${id}/acknowledge`, other.users.planner).expect(404);
      await t.api('post', `/warnings/${randomUUID()}/acknowledge`, w.users.planner).expect(404);
      await t.api('post', `/warnings/not-a-uuid/acknowledge`, w.users.planner).expect(404);
    });

    it('a buyer → 200 ACKNOWLEDGED; it keeps re-grading in place and still resolves by itself', async () => {
      const res = await t.api('post', `/warnings/${id}/acknowledge`, w.users.planner).expect(200);
      expect(res.body).toMatchObject({ id, status: 'ACKNOWLEDGED', kind: 'LOW_WATER' });
      await t.api('post', `/warnings/${id}/acknowledge`, w.users.buyerAdmin).expect(200);
      await consume('VMI-2', 'BOLT', '10');
      expect(openOf(await lowWater('VMI-2', 'BOLT'))).toEqual([expect.objectContaining({ id, status: 'ACKNOWLEDGED', available: '40.000000' })]);
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.bolt, qty: '100' });
      expect(openOf(await lowWater('VMI-2', 'BOLT'))).toEqual([]);
      const resolved = await t.api('post', `/warnings/${id}/acknowledge`, w.users.planner);
      expect(resolved.status).toBe(409);
    });
  });

  describe('isolation and filters', () => {
    it('another tenant sees none of these warnings', async () => {
      expect(await list('', other.users.planner)).toEqual([]);
    });

    it('validates the filters and pages with a cursor', async () => {
      await t.api('get', '/warnings?kind=NOPE', w.users.planner).expect(400);
      await t.api('get', '/warnings?severity=PINK', w.users.planner).expect(400);
      await t.api('get', '/warnings?cursor=eyJ4IjoxfQ', w.users.planner).expect(400);
      const all = await list('?limit=100');
      expect(all.length).toBeGreaterThan(2);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 50; i++) {
        const res: { body: { items: W[]; nextCursor: string | null } } = await t.api('get', `/warnings?limit=2${cursor ? `&cursor=${cursor}` : ''}`, w.users.planner).expect(200);
        seen.push(...res.body.items.map((x) => x.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(all.map((x) => x.id));
      expect((await list('?severity=RED')).every((x) => x.severity === 'RED')).toBe(true);
    });

    it('SUPPLIER_LOW_WATER against the per-(supplier, item) threshold; a supplier sees only warnings on its own stock', async () => {
      await t.api('put', '/supplier-stock-thresholds', w.users.warehouse).send({ supplierOrgId: w.suppliers[0].id, itemCode: 'BOLT', thresholdQty: '500' }).expect(403);
      await t.api('put', '/supplier-stock-thresholds', w.users.planner).send({ supplierOrgId: other.suppliers[0].id, itemCode: 'BOLT', thresholdQty: '500' }).expect(404);
      await t.api('put', '/supplier-stock-thresholds', w.users.planner).send({ supplierOrgId: w.suppliers[0].id, itemCode: 'BOLT', thresholdQty: '-1' }).expect(400);
      const put = await t.api('put', '/supplier-stock-thresholds', w.users.planner).send({ supplierOrgId: w.suppliers[0].id, itemCode: 'BOLT', thresholdQty: '500' }).expect(200);
      expect(put.body).toMatchObject({ itemCode: 'BOLT', thresholdQty: '500.000000' });
      const mine = await list('', w.users.supplierAdmin);
      expect(mine).toEqual([expect.objectContaining({ kind: 'SUPPLIER_LOW_WATER', severity: 'RED', ownerOrgId: w.suppliers[0].id, locationCode: null, itemCode: 'BOLT', available: '0.000000', threshold: '500.000000' })]);
      expect(await list('', w.users.supplier2Admin)).toEqual([]);
      expect(await list('', other.users.supplierAdmin)).toEqual([]);
      // the supplier's single-row edit runs the change hook inside its transaction: 300 < 500 → YELLOW (same warning), 600 → resolved
      const edit = (qty: string) =>
        t.api('put', '/supplier-inventory/SZ/BOLT', w.users.supplierAdmin).send({ buyerOrgId: w.buyer.id, availableQty: qty }).expect(200);
      await edit('300');
      expect(await list('?kind=SUPPLIER_LOW_WATER', w.users.supplierAdmin)).toEqual([expect.objectContaining({ id: mine[0]?.id, severity: 'YELLOW', available: '300.000000', deviationPct: '40.00' })]);
      await edit('600');
      expect(await list('?kind=SUPPLIER_LOW_WATER&status=OPEN', w.users.supplierAdmin)).toEqual([]);
      expect(await list('?kind=SUPPLIER_LOW_WATER&status=RESOLVED', w.users.planner)).toEqual([expect.objectContaining({ id: mine[0]?.id })]);
    });
  });

  describe('time-driven kinds: AGING, EXPIRY, SLOW_MOVING', () => {
    it('uses the buyer\'s day limits (defaults 90 / 60 / 30), visible to the owning supplier only', async () => {
      expect((await t.api('get', '/warning-settings', w.users.planner).expect(200)).body).toEqual({ agingDays: 90, slowMovingDays: 60, expiryDays: 30 });
      await t.api('put', '/warning-settings', w.users.planner).send({ agingDays: 0, slowMovingDays: 60, expiryDays: 30 }).expect(400);
      await t.api('put', '/warning-settings', w.users.planner).send({ agingDays: 80, slowMovingDays: 60, expiryDays: 20 }).expect(200);
      const at = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();
      const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.wh, item: w.items.grease, qty: '4', receivedAt: at(85) });
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.wh, item: w.items.cable, qty: '3', lotNo: 'L1', expiryDate: inDays(10), receivedAt: at(1) });
      await t.app.get(WarningEngine).evaluateTimeDriven(w.buyer.id);
      const s2 = await list('?locationCode=WH-1', w.users.supplier2Admin);
      expect(s2.map((x) => `${x.kind} ${x.itemCode} ${x.ownerOrgId === w.suppliers[1].id}`).sort()).toEqual(['AGING GREASE true', 'EXPIRY CABLE true', 'SLOW_MOVING GREASE true']);
      expect(await list('?locationCode=WH-1', w.users.supplierAdmin)).toEqual([]);
      // settings raised above the ages → the time-driven warnings resolve on the next run
      await t.api('put', '/warning-settings', w.users.planner).send({ agingDays: 200, slowMovingDays: 200, expiryDays: 5 }).expect(200);
      await t.app.get(WarningEngine).evaluateTimeDriven(w.buyer.id);
      expect((await list('?locationCode=WH-1&status=OPEN', w.users.supplier2Admin))).toEqual([]);
      expect(await t.app.get(WarningEngine).runTimeDrivenOnce()).toBe(true);
    });
  });
});
