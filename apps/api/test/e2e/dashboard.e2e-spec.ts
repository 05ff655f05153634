import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';

const DAY = 86_400_000;

/**
 * The dashboards' read models (docs/warnings.md "Dashboard"): buyer KPIs, heat map and stock
 * trend; supplier overview and positions. One hand-built world `w` with known stock, policies
 * and warnings; `other` is another tenant (isolation), `tw` holds the dated ledger history of
 * the trend.
 */
describe('dashboard analytics', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let tw: World;

  const policy = (world: World, loc: { id: string }, item: { id: string }, min: string, max: string) =>
    t.sql.query(`INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty) VALUES ($1, $2, $3, $4, $5)`, [world.buyer.id, loc.id, item.id, min, max]);
  const consume = (world: World, locationCode: string, itemCode: string, qty: string, effectiveDate?: string) =>
    t.api('post', '/consumptions', world.users.warehouse).send({ locationCode, itemCode, qty, ...(effectiveDate ? { effectiveDate } : {}) }).expect(201);
  /** Waits (bounded) until the worker has committed every outbox row. */
  const drained = async () => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM warning_outbox`);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('warning outbox not drained within 10 s');
  };
  const dayOffset = async (n: number): Promise<string> => (await t.sql.query(`SELECT (current_date + $1::int)::text AS d`, [n])).rows[0].d as string;
  const expectProblem = (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  };
  const get = (path: string, user: TestUser) => t.api('get', path, user);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
    tw = await createWorld(t);
    const [s1, s2] = w.suppliers;
    const { vmi1, vmi2 } = w.locations;
    const { bolt, cable, grease } = w.items;
    // LOW_WATER: VMI-1 BOLT 70 of min 80 → YELLOW; VMI-2 CABLE 20 of 25 → ORANGE; VMI-1 GREASE 0 → RED;
    // VMI-2 BOLT 5 of min 1 → nothing (a green cell).
    await policy(w, vmi1, bolt, '80', '200');
    await policy(w, vmi2, cable, '25', '50');
    await policy(w, vmi1, grease, '10', '20');
    await policy(w, vmi2, bolt, '1', '10');
    // The bolt layer is 100 days old: AGING (limit 90) for supplier 1 once the time job runs.
    await receiveStock(t, w, { supplier: s1, location: vmi1, item: bolt, qty: '100', receivedAt: new Date(Date.now() - 100 * DAY).toISOString() });
    await receiveStock(t, w, { supplier: s1, location: vmi1, item: grease, qty: '10' });
    await receiveStock(t, w, { supplier: s2, location: vmi2, item: cable, qty: '20' });
    await receiveStock(t, w, { supplier: s2, location: vmi2, item: bolt, qty: '5' });
    await consume(w, 'VMI-1', 'BOLT', '30');
    await consume(w, 'VMI-1', 'GREASE', '10');
    // Supplier 2's bolt price ends: its 5 bolts are in stock without a current price.
    await t.sql.query(`UPDATE price_list_entries SET valid_to = now() WHERE tenant_id = $1 AND supplier_org_id = $2 AND item_id = $3`, [w.buyer.id, s2.id, bolt.id]);
    // SUPPLIER_LOW_WATER: supplier 2 should hold 10 CABLE in its own warehouse and holds none → RED.
    await t.api('put', '/supplier-stock-thresholds', w.users.planner).send({ supplierOrgId: s2.id, itemCode: 'CABLE', thresholdQty: '10' }).expect(200);
    await drained();
    await t.app.get(WarningEngine).evaluateTimeDriven(w.buyer.id);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  describe('GET /analytics/kpis', () => {
    it('counts open warnings by severity, values consignment stock per currency and sums up days of cover', async () => {
      const res = await get('/analytics/kpis', w.users.warehouse).expect(200);
      expect(res.body).toEqual({
        // LOW_WATER YELLOW + AGING YELLOW, LOW_WATER ORANGE, LOW_WATER RED + SUPPLIER_LOW_WATER RED
        openWarnings: { YELLOW: 2, ORANGE: 1, RED: 2, total: 5, acknowledged: 0 },
        // 70 × 0.125 EUR; 20 × 17.10 CNY (the 5 unpriced bolts are left out and counted)
        stockValue: [
          { currency: 'CNY', amount: '342.00' },
          { currency: 'EUR', amount: '8.75' },
        ],
        unpricedRows: 1,
        daysOfCover: {
          // BOLT: 70 ÷ (30 / 30) = 70; GREASE: 0 ÷ (10 / 30) = 0
          average: '35.00',
          min: '0.00',
          minLocationCode: 'VMI-1',
          minItemCode: 'GREASE',
          measured: 2,
          idle: 2, // VMI-2 CABLE and BOLT: stock, no consumption
        },
        asOf: expect.any(String),
      });
    });

    it('counts an acknowledged warning as open and as acknowledged', async () => {
      const list = (await get('/warnings?kind=LOW_WATER&severity=YELLOW', w.users.planner).expect(200)).body.items as Array<{ id: string }>;
      expect(list).toHaveLength(1);
      await t.api('post', `/warnings/${(list[0] as { id: string }).id}/acknowledge`, w.users.planner).expect(200);
      const res = await get('/analytics/kpis', w.users.finance).expect(200);
      expect(res.body.openWarnings).toEqual({ YELLOW: 2, ORANGE: 1, RED: 2, total: 5, acknowledged: 1 });
    });

    it('another tenant sees only its own (empty) figures', async () => {
      const res = await get('/analytics/kpis', other.users.buyerAdmin).expect(200);
      expect(res.body).toMatchObject({
        openWarnings: { YELLOW: 0, ORANGE: 0, RED: 0, total: 0, acknowledged: 0 },
        stockValue: [],
        unpricedRows: 0,
        daysOfCover: { average: null, min: null, minLocationCode: null, minItemCode: null, measured: 0, idle: 0 },
      });
    });

    it('suppliers and unknown parameters are refused with problem+json', async () => {
      expectProblem(await get('/analytics/kpis', w.users.supplierAdmin), 403, 'FORBIDDEN');
      expectProblem(await get('/analytics/kpis?tenantId=x', w.users.planner), 400, 'VALIDATION_FAILED');
      expectProblem(await t.api('get', '/analytics/kpis'), 401, 'UNAUTHORIZED');
    });
  });

  describe('GET /analytics/heatmap', () => {
    it('lays out sites × items, the worst items first, each cell with its worst open warning', async () => {
      const res = await get('/analytics/heatmap', w.users.planner).expect(200);
      expect(res.body).toEqual({
        locations: [
          { code: 'VMI-1', name: 'VMI-1 site' },
          { code: 'VMI-2', name: 'VMI-2 site' },
        ],
        items: [
          { code: 'GREASE', description: 'GREASE description' },
          { code: 'CABLE', description: 'CABLE description' },
          { code: 'BOLT', description: 'BOLT description' },
        ],
        cells: [
          { locationCode: 'VMI-1', itemCode: 'GREASE', severity: 'RED', openWarnings: 1, kinds: ['LOW_WATER'] },
          // SUPPLIER_LOW_WATER has no site: not on the grid
          { locationCode: 'VMI-2', itemCode: 'CABLE', severity: 'ORANGE', openWarnings: 1, kinds: ['LOW_WATER'] },
          { locationCode: 'VMI-1', itemCode: 'BOLT', severity: 'YELLOW', openWarnings: 2, kinds: ['AGING', 'LOW_WATER'] },
          { locationCode: 'VMI-2', itemCode: 'BOLT', severity: null, openWarnings: 0, kinds: [] },
        ],
        moreItems: 0,
      });
    });

    it('limit keeps the worst items and says how many were left out', async () => {
      const res = await get('/analytics/heatmap?limit=1', w.users.planner).expect(200);
      expect(res.body.items).toEqual([{ code: 'GREASE', description: 'GREASE description' }]);
      expect(res.body.locations).toEqual([{ code: 'VMI-1', name: 'VMI-1 site' }]);
      expect(res.body.moreItems).toBe(2);
    });

    it('refuses a bad limit (400 problem+json) and suppliers (403); another tenant gets an empty grid', async () => {
      for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'size=3']) {
        expectProblem(await get(`/analytics/heatmap?${q}`, w.users.planner), 400, 'VALIDATION_FAILED');
      }
      expectProblem(await get('/analytics/heatmap', w.users.supplierUser), 403, 'FORBIDDEN');
      expect((await get('/analytics/heatmap', other.users.planner).expect(200)).body).toEqual({ locations: [], items: [], cells: [], moreItems: 0 });
    });
  });

  describe('GET /analytics/stock-trend', () => {
    let dates: string[];

    beforeAll(async () => {
      // tw: VMI-2 GREASE, policy 40–90. Received 50 five days ago, 20 consumed two days ago,
      // 7 shipped today (in transit).
      dates = [];
      for (let n = -6; n <= 0; n++) dates.push(await dayOffset(n));
      await policy(tw, tw.locations.vmi2, tw.items.grease, '40', '90');
      await receiveStock(t, tw, { supplier: tw.suppliers[0], location: tw.locations.vmi2, item: tw.items.grease, qty: '50', effectiveDate: dates[1] as string });
      await consume(tw, 'VMI-2', 'GREASE', '20', dates[4]);
      await t.app.get(LedgerService).postShipment({
        tenantId: tw.buyer.id, supplierOrgId: tw.suppliers[0].id, locationId: tw.locations.vmi2.id, createdBy: null, reference: 'ASN-TREND',
        lines: [{ itemId: tw.items.grease.id, qty: '7', shipmentLineId: randomUUID() }],
      });
    });

    it('rebuilds on hand and in transit per business day from the ledger, with the policy\'s min and max', async () => {
      const res = await get('/analytics/stock-trend?locationCode=VMI-2&itemCode=GREASE&days=7', tw.users.finance).expect(200);
      const p = (i: number, onHand: string, inTransit = '0.000000') => ({ date: dates[i], onHand, inTransit });
      expect(res.body).toEqual({
        locationCode: 'VMI-2',
        itemCode: 'GREASE',
        uom: 'KG',
        minQty: '40.000000',
        maxQty: '90.000000',
        points: [
          p(0, '0.000000'),
          p(1, '50.000000'),
          p(2, '50.000000'),
          p(3, '50.000000'),
          p(4, '30.000000'),
          p(5, '30.000000'),
          p(6, '30.000000', '7.000000'),
        ],
      });
    });

    it('defaults to 30 days; without a policy min and max are null', async () => {
      const res = await get('/analytics/stock-trend?locationCode=VMI-2&itemCode=GREASE', tw.users.planner).expect(200);
      expect(res.body.points).toHaveLength(30);
      expect(res.body.points[29]).toEqual({ date: dates[6], onHand: '30.000000', inTransit: '7.000000' });
      const none = await get('/analytics/stock-trend?locationCode=VMI-1&itemCode=BOLT&days=2', tw.users.planner).expect(200);
      expect(none.body).toMatchObject({ minQty: null, maxQty: null, points: [{ onHand: '0.000000' }, { onHand: '0.000000' }] });
    });

    it('bad input → 400 problem+json; an unknown or another tenant\'s location or item → 404; suppliers → 403', async () => {
      for (const q of ['locationCode=VMI-2', 'itemCode=GREASE', 'locationCode=VMI-2&itemCode=GREASE&days=0', 'locationCode=VMI-2&itemCode=GREASE&days=366', 'locationCode=VMI-2&itemCode=GREASE&days=x', 'locationCode=&itemCode=GREASE']) {
        expectProblem(await get(`/analytics/stock-trend?${q}`, tw.users.planner), 400, 'VALIDATION_FAILED');
      }
      await t.sql.query(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'ONLY-OTHER', 'x', 'VMI')`, [other.buyer.id]);
      await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, 'OTHER-ITEM', 'x', 'PCS', 0)`, [other.buyer.id]);
      expectProblem(await get('/analytics/stock-trend?locationCode=ONLY-OTHER&itemCode=GREASE', tw.users.planner), 404, 'NOT_FOUND');
      expectProblem(await get('/analytics/stock-trend?locationCode=VMI-2&itemCode=OTHER-ITEM', tw.users.planner), 404, 'NOT_FOUND');
      expectProblem(await get('/analytics/stock-trend?locationCode=NOPE&itemCode=GREASE', tw.users.planner), 404, 'NOT_FOUND');
      expectProblem(await get('/analytics/stock-trend?locationCode=VMI-2&itemCode=GREASE', tw.users.supplierAdmin), 403, 'FORBIDDEN');
      // the other tenant's own VMI-2 GREASE has no history
      const own = await get('/analytics/stock-trend?locationCode=VMI-2&itemCode=GREASE&days=1', other.users.planner).expect(200);
      expect(own.body).toMatchObject({ minQty: null, points: [{ onHand: '0.000000', inTransit: '0.000000' }] });
    });
  });

  describe('GET /analytics/supplier-overview', () => {
    it('gives each supplier, per buyer, the open warnings on its own stock and its stock value', async () => {
      const s1 = await get('/analytics/supplier-overview', w.users.supplierAdmin).expect(200);
      expect(s1.body).toEqual({
        items: [
          {
            buyerOrgId: w.buyer.id, buyerCode: w.buyer.code, buyerName: `${w.buyer.code} name`, currency: 'EUR',
            // its AGING bolts; LOW_WATER is graded over all owners and stays buyer-only
            openWarnings: { YELLOW: 1, ORANGE: 0, RED: 0, total: 1, acknowledged: 0 },
            stockValue: [{ currency: 'EUR', amount: '8.75' }],
            positions: 1, // VMI-1 BOLT (its grease was consumed)
            sites: 1,
          },
        ],
      });
      const s2 = await get('/analytics/supplier-overview', w.users.supplier2Admin).expect(200);
      expect(s2.body.items).toEqual([
        expect.objectContaining({
          buyerOrgId: w.buyer.id, currency: 'CNY',
          openWarnings: { YELLOW: 0, ORANGE: 0, RED: 1, total: 1, acknowledged: 0 },
          stockValue: [{ currency: 'CNY', amount: '342.00' }],
          positions: 2,
          sites: 1,
        }),
      ]);
    });

    it('is for suppliers only and takes no parameters', async () => {
      expectProblem(await get('/analytics/supplier-overview', w.users.buyerAdmin), 403, 'FORBIDDEN');
      expectProblem(await get(`/analytics/supplier-overview?buyerOrgId=${w.buyer.id}`, w.users.supplierAdmin), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /analytics/supplier-positions', () => {
    it('lists the supplier\'s stock per (buyer, site, item) with the open warnings on it', async () => {
      const s1 = await get('/analytics/supplier-positions', w.users.supplierUser).expect(200);
      expect(s1.body).toEqual({
        items: [
          {
            buyerOrgId: w.buyer.id, locationCode: 'VMI-1', itemCode: 'BOLT', onHand: '70.000000', inTransit: '0.000000', worstSeverity: 'YELLOW',
            warnings: [{ id: expect.any(String), kind: 'AGING', severity: 'YELLOW', status: 'OPEN', available: '70.000000', threshold: '90.000000' }],
          },
        ],
        nextCursor: null,
      });
      const s2 = await get(`/analytics/supplier-positions?buyerOrgId=${w.buyer.id}`, w.users.supplier2Admin).expect(200);
      expect(s2.body.items).toEqual([
        // its own warehouse (no site) sorts first
        {
          buyerOrgId: w.buyer.id, locationCode: null, itemCode: 'CABLE', onHand: '0.000000', inTransit: '0.000000', worstSeverity: 'RED',
          warnings: [expect.objectContaining({ kind: 'SUPPLIER_LOW_WATER', severity: 'RED', available: '0.000000', threshold: '10.000000' })],
        },
        { buyerOrgId: w.buyer.id, locationCode: 'VMI-2', itemCode: 'BOLT', onHand: '5.000000', inTransit: '0.000000', worstSeverity: null, warnings: [] },
        { buyerOrgId: w.buyer.id, locationCode: 'VMI-2', itemCode: 'CABLE', onHand: '20.000000', inTransit: '0.000000', worstSeverity: null, warnings: [] },
      ]);
    });

    it('pages by cursor without gaps or repeats, and filters by site and item', async () => {
      const all = (await get('/analytics/supplier-positions', w.users.supplier2Admin).expect(200)).body.items;
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await get(`/analytics/supplier-positions?limit=1${cursor ? `&cursor=${cursor}` : ''}`, w.users.supplier2Admin).expect(200);
        walked.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all);
      const filtered = await get('/analytics/supplier-positions?locationCode=VMI-2&itemCode=CABLE', w.users.supplier2Admin).expect(200);
      expect(filtered.body.items.map((r: { itemCode: string }) => r.itemCode)).toEqual(['CABLE']);
    });

    it('bad input → 400; a buyer it is not linked to → 404; buyers → 403', async () => {
      for (const q of ['buyerOrgId=nope', 'cursor=!!', `cursor=${Buffer.from('[1]').toString('base64url')}`, 'sort=item', 'limit=0', 'ownerOrgId=x']) {
        expectProblem(await get(`/analytics/supplier-positions?${q}`, w.users.supplierAdmin), 400, 'VALIDATION_FAILED');
      }
      expectProblem(await get(`/analytics/supplier-positions?buyerOrgId=${other.buyer.id}`, w.users.supplierAdmin), 404, 'NOT_FOUND');
      expectProblem(await get('/analytics/supplier-positions', w.users.planner), 403, 'FORBIDDEN');
      // another supplier of the same buyer sees none of supplier 1's rows
      const s2 = (await get('/analytics/supplier-positions', w.users.supplier2Admin).expect(200)).body.items as Array<{ locationCode: string; itemCode: string }>;
      expect(s2.some((r) => r.locationCode === 'VMI-1')).toBe(false);
      // another tenant's supplier sees nothing of w
      expect((await get('/analytics/supplier-positions', other.users.supplierAdmin).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });
  });
});
