import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

interface Card {
  supplierOrgId: string;
  rank: number | null;
  score: string | null;
  grade: string | null;
  periodFrom: string;
  periodTo: string;
  asOf: string;
  subscores: Record<string, string | null>;
  metrics: Record<string, Record<string, unknown>>;
}

/**
 * Supplier scorecards against a hand-computed March 2025 (docs/scorecards.md for the
 * formulas). Supplier 1: a late delivery, a partial receipt closed short, a partial
 * confirmation, two receipts of one line (one of them late), consumption, an aged layer and a
 * disputed statement line. Supplier 2: everything on time, nothing consumed. Supplier 3:
 * linked, no activity (no score, ranked last). Then the trend, the supplier's own view,
 * isolation, roles and bad input.
 */
describe('supplier scorecards', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let s1: string;
  let s2: string;
  let s3: { id: string; code: string };
  const march = 'from=2025-03-01&to=2025-03-31';

  const get = (path: string, user: TestUser) => t.api('get', path, user);

  /** A call-off of one line, confirmed, shipped in full; timestamps moved back to the fixture's dates. */
  async function chain(o: {
    supplier: 0 | 1;
    itemCode: string;
    qty: string;
    confirmedQty: string;
    promisedDate: string;
    createdAt: string;
    firstConfirmedAt: string;
    shippedAt: string;
  }) {
    const supplierUser = o.supplier === 0 ? w.users.supplierAdmin : w.users.supplier2Admin;
    const co = await t
      .api('post', '/call-offs', w.users.planner)
      .send({ supplierOrgId: w.suppliers[o.supplier].id, locationCode: 'VMI-1', lines: [{ itemCode: o.itemCode, qty: o.qty, needBy: o.promisedDate }] })
      .expect(201);
    const lineId = co.body.lines[0].id as string;
    await t
      .api('post', `/call-offs/${co.body.id}/confirm`, supplierUser)
      .send({ lines: [{ lineId, confirmedQty: o.confirmedQty, promisedDate: o.promisedDate }] })
      .expect(200);
    const asn = await t
      .api('post', '/shipments', supplierUser)
      .send({ callOffId: co.body.id, lines: [{ callOffLineId: lineId, qty: o.confirmedQty }] })
      .expect(201);
    await t.sql.query(`UPDATE call_offs SET created_at = $2 WHERE id = $1`, [co.body.id, o.createdAt]);
    await t.sql.query(`UPDATE call_off_first_confirmations SET confirmed_at = $2 WHERE call_off_id = $1`, [co.body.id, o.firstConfirmedAt]);
    await t.sql.query(`UPDATE shipments SET created_at = $2 WHERE id = $1`, [asn.body.id, o.shippedAt]);
    return { callOffId: co.body.id as string, shipmentId: asn.body.id as string, shipmentLineId: asn.body.lines[0].id as string };
  }
  const receive = (shipmentId: string, shipmentLineId: string, receivedQty: string, effectiveDate: string) =>
    t.api('post', `/shipments/${shipmentId}/receive`, w.users.warehouse).send({ lines: [{ shipmentLineId, receivedQty }], effectiveDate }).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
    s3 = await t.createOrg('SUPPLIER', `ZZ-IDLE-${Date.now().toString(36)}`);
    await t.sql.query(
      `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`,
      [w.buyer.id, s3.id],
    );

    // An old layer of supplier 1 at VMI-2 (aged by March: received 2024-11-01), 10 of it consumed on March 5.
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.bolt, qty: '50', receivedAt: '2024-11-01T10:00:00Z', effectiveDate: '2024-11-01' });
    await t
      .api('post', '/consumptions', w.users.warehouse)
      .send({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '10', supplierOrgId: s1, reference: 'WO-0305', effectiveDate: '2025-03-05' })
      .expect(201);

    // A: BOLT 100, confirmed in 12 h, received in full on time (Mar 8, promised Mar 10).
    const a = await chain({ supplier: 0, itemCode: 'BOLT', qty: '100', confirmedQty: '100', promisedDate: '2025-03-10', createdAt: '2025-03-01T08:00:00Z', firstConfirmedAt: '2025-03-01T20:00:00Z', shippedAt: '2025-03-05T09:00:00Z' });
    await receive(a.shipmentId, a.shipmentLineId, '100', '2025-03-08');
    // B: CABLE 50 ordered, 40 confirmed in 48 h; 30 received late (Mar 15, promised Mar 12), the other 10 closed short.
    const b = await chain({ supplier: 0, itemCode: 'CABLE', qty: '50', confirmedQty: '40', promisedDate: '2025-03-12', createdAt: '2025-03-02T00:00:00Z', firstConfirmedAt: '2025-03-04T00:00:00Z', shippedAt: '2025-03-06T00:00:00Z' });
    await receive(b.shipmentId, b.shipmentLineId, '30', '2025-03-15');
    await t.api('post', `/shipments/${b.shipmentId}/close-short`, w.users.warehouse).send({ reason: 'lost', effectiveDate: '2025-03-16' }).expect(201);
    // C: GREASE 10, confirmed in 72 h; 4 received on time (Mar 18), 6 late (Mar 25, promised Mar 20).
    const c = await chain({ supplier: 0, itemCode: 'GREASE', qty: '10', confirmedQty: '10', promisedDate: '2025-03-20', createdAt: '2025-03-10T00:00:00Z', firstConfirmedAt: '2025-03-13T00:00:00Z', shippedAt: '2025-03-14T00:00:00Z' });
    await receive(c.shipmentId, c.shipmentLineId, '4', '2025-03-18');
    await receive(c.shipmentId, c.shipmentLineId, '6', '2025-03-25');
    await t
      .api('post', '/consumptions', w.users.warehouse)
      .send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '20', supplierOrgId: s1, reference: 'WO-0320', effectiveDate: '2025-03-20' })
      .expect(201);

    // Supplier 2: BOLT 10 confirmed in 2 h, received on time (Mar 14, promised Mar 15); nothing consumed.
    const d = await chain({ supplier: 1, itemCode: 'BOLT', qty: '10', confirmedQty: '10', promisedDate: '2025-03-15', createdAt: '2025-03-03T00:00:00Z', firstConfirmedAt: '2025-03-03T02:00:00Z', shippedAt: '2025-03-10T00:00:00Z' });
    await receive(d.shipmentId, d.shipmentLineId, '10', '2025-03-14');

    // The March statement of supplier 1 (two lines), issued; the supplier disputes one line.
    const st = await t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: '2025-03-01', periodTo: '2025-03-31' }).expect(201);
    expect(st.body.lines).toHaveLength(2);
    await t.api('post', `/statements/${st.body.id}/issue`, w.users.finance).send().expect(200);
    await t
      .api('post', `/statements/${st.body.id}/dispute`, w.users.supplierAdmin)
      .send({ lines: [{ lineId: st.body.lines[0].id, comment: 'not ours' }] })
      .expect(200);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  // Supplier 1 in March, by hand:
  // on time: deliveries A (Mar 8 ≤ 10), B (Mar 15 > 12: 3 days late), C1 (Mar 18 ≤ 20), C2 (Mar 25 > 20: 5 days) → 2 of 4 = 50.00 %, 4.00 days late on average
  // fill: confirmed 100 + 40 + 10 = 150, received 100 + 30 + 10 = 140 → 93.33 %
  // confirmation: 12 h, 48 h, 72 h → median 48.00, mean 44.00; sub-score (120 − 48) / 96 = 75.00
  // short close: 3 ASNs shipped 150, 10 closed short → 6.67 % → 93.33
  // consignment: end-of-day stock 50 (Mar 1–4), 40 (5–7), 140 (8–14), 170 (15–17), 174 (18–19), 154 (20–24), 160 (25–31)
  //   → Σ 4,048 / 31 = 130.580645; consumed 10 + 20 = 30 → turnover 0.23, annualised 30 × 365 / 4,048 = 2.71 → 22.58
  //   aged on Mar 31: the Nov layer's 40 of 160 → 25.00 % → 75.00
  // disputes: 1 of 2 lines → 50.00 % → 50.00
  // score: (30×50 + 25×93.33 + 10×75 + 10×93.33 + 10×75 + 10×22.58 + 5×50) / 100 = 67.4235 → 67.42, grade C
  const supplier1March = {
    supplierOrgId: expect.any(String),
    periodFrom: '2025-03-01',
    periodTo: '2025-03-31',
    asOf: '2025-03-31',
    score: '67.42',
    grade: 'C',
    subscores: { onTimeDelivery: '50.00', fillRate: '93.33', confirmationLeadTime: '75.00', shortClose: '93.33', agedStock: '75.00', turnover: '22.58', disputes: '50.00' },
    metrics: {
      onTimeDelivery: { deliveries: 4, onTime: 2, late: 2, pct: '50.00', avgDaysLate: '4.00' },
      fillRate: { lines: 3, confirmedQty: '150.000000', receivedQty: '140.000000', pct: '93.33' },
      confirmationLeadTime: { confirmations: 3, medianHours: '48.00', avgHours: '44.00' },
      shortClose: { shipments: 3, shipmentsClosedShort: 1, shippedQty: '150.000000', shortClosedQty: '10.000000', pct: '6.67' },
      consignment: {
        consumedQty: '30.000000',
        avgOnHandQty: '130.580645',
        turnover: '0.23',
        annualizedTurnover: '2.71',
        onHandQty: '160.000000',
        agedQty: '40.000000',
        agedSharePct: '25.00',
        agingDays: 90,
      },
      disputes: { statements: 1, statementLines: 2, disputedLines: 1, pct: '50.00' },
    },
  };

  describe('GET /scorecards (buyer)', () => {
    let ranking: { items: Card[]; weights: Record<string, number>; nextCursor: string | null };

    it('ranks every linked supplier by score, with the hand-computed figures', async () => {
      const res = await get(`/scorecards?${march}`, w.users.planner).expect(200);
      ranking = res.body;
      expect(res.body).toMatchObject({
        periodFrom: '2025-03-01',
        periodTo: '2025-03-31',
        weights: { onTimeDelivery: 30, fillRate: 25, confirmationLeadTime: 10, shortClose: 10, agedStock: 10, turnover: 10, disputes: 5 },
        nextCursor: null,
      });
      expect(ranking.items.map((c) => [c.supplierOrgId, c.rank, c.score])).toEqual([
        // Supplier 2: 100 everywhere but turnover 0 (nothing consumed); no statement → disputes left out:
        // (3,000 + 2,500 + 1,000 + 1,000 + 1,000 + 0) / 95 = 89.47
        [s2, 1, '89.47'],
        [s1, 2, '67.42'],
        [s3.id, null, null],
      ]);
      expect(ranking.items[1]).toMatchObject({ ...supplier1March, supplierOrgId: s1, rank: 2, buyerOrgId: w.buyer.id, supplierCode: w.suppliers[0].code });
    });

    it('scores supplier 2 and the idle supplier as computed', () => {
      expect(ranking.items[0]).toMatchObject({
        grade: 'B',
        subscores: { onTimeDelivery: '100.00', fillRate: '100.00', confirmationLeadTime: '100.00', shortClose: '100.00', agedStock: '100.00', turnover: '0.00', disputes: null },
        metrics: {
          confirmationLeadTime: { confirmations: 1, medianHours: '2.00', avgHours: '2.00' },
          // 10 on hand from Mar 14: 18 days × 10 / 31
          consignment: { consumedQty: '0.000000', avgOnHandQty: '5.806452', turnover: '0.00', annualizedTurnover: '0.00', onHandQty: '10.000000', agedSharePct: '0.00' },
        },
      });
      expect(ranking.items[2]).toMatchObject({
        rank: null,
        score: null,
        grade: null,
        subscores: { onTimeDelivery: null, fillRate: null, confirmationLeadTime: null, shortClose: null, agedStock: null, turnover: null, disputes: null },
        metrics: { onTimeDelivery: { deliveries: 0, pct: null }, consignment: { turnover: null, agedSharePct: null } },
      });
    });

    it('pages in rank order', async () => {
      const first = await get(`/scorecards?${march}&limit=2`, w.users.finance).expect(200);
      expect(first.body.items.map((c: Card) => c.supplierOrgId)).toEqual([s2, s1]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(`/scorecards?${march}&limit=2&cursor=${first.body.nextCursor}`, w.users.finance).expect(200);
      expect(second.body.items.map((c: Card) => c.supplierOrgId)).toEqual([s3.id]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('defaults to the current month', async () => {
      const res = await get('/scorecards', w.users.buyerAdmin).expect(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(res.body.periodFrom).toBe(`${today.slice(0, 7)}-01`);
      expect(res.body.periodTo.slice(0, 7)).toBe(today.slice(0, 7));
      expect(res.body.items.every((c: Card) => c.asOf === today)).toBe(true);
    });

    it('another buyer sees only its own suppliers', async () => {
      const res = await get(`/scorecards?${march}`, other.users.planner).expect(200);
      expect(res.body.items.map((c: Card) => c.supplierOrgId).sort()).toEqual([other.suppliers[0].id, other.suppliers[1].id].sort());
      expect(res.body.items.every((c: Card) => c.score === null)).toBe(true);
    });
  });

  describe('GET /scorecards/{supplierOrgId} (trend)', () => {
    it('gives the period and one scorecard per month; March equals the ranking\'s card', async () => {
      const res = await get(`/scorecards/${s1}?from=2025-02-01&to=2025-04-30&granularity=month`, w.users.planner).expect(200);
      expect(res.body).toMatchObject({ buyerOrgId: w.buyer.id, supplierOrgId: s1, granularity: 'month', periodFrom: '2025-02-01', periodTo: '2025-04-30' });
      const points = res.body.points as Card[];
      expect(points.map((p) => [p.periodFrom, p.periodTo, p.rank])).toEqual([
        ['2025-02-01', '2025-02-28', null],
        ['2025-03-01', '2025-03-31', null],
        ['2025-04-01', '2025-04-30', null],
      ]);
      expect(points[1]).toMatchObject({ ...supplier1March, supplierOrgId: s1 });
      // February: 50 on hand all month, nothing consumed (turnover 0), all of it aged (119 days) → (0 + 0) / 20
      expect(points[0]).toMatchObject({
        score: '0.00',
        grade: 'D',
        subscores: { onTimeDelivery: null, fillRate: null, turnover: '0.00', agedStock: '0.00', disputes: null },
        metrics: { consignment: { avgOnHandQty: '50.000000', onHandQty: '50.000000', agedQty: '50.000000', agedSharePct: '100.00' } },
      });
      // April: 160 on hand all month, 40 of it aged → (0 + 10 × 75) / 20 = 37.50
      expect(points[2]).toMatchObject({ score: '37.50', subscores: { agedStock: '75.00', turnover: '0.00' }, metrics: { consignment: { avgOnHandQty: '160.000000', agedQty: '40.000000' } } });
      // The whole period: every March event, the April stock at the end.
      expect(res.body.total).toMatchObject({
        periodFrom: '2025-02-01',
        periodTo: '2025-04-30',
        metrics: {
          onTimeDelivery: { deliveries: 4, onTime: 2 },
          fillRate: { confirmedQty: '150.000000', receivedQty: '140.000000' },
          consignment: { consumedQty: '30.000000', onHandQty: '160.000000', agedQty: '40.000000' },
          disputes: { disputedLines: 1 },
        },
      });
    });

    it('splits by ISO week, clipped to the period', async () => {
      const res = await get(`/scorecards/${s1}?from=2025-03-01&to=2025-03-16&granularity=week`, w.users.planner).expect(200);
      expect(res.body.points.map((p: Card) => [p.periodFrom, p.periodTo])).toEqual([
        ['2025-03-01', '2025-03-02'],
        ['2025-03-03', '2025-03-09'],
        ['2025-03-10', '2025-03-16'],
      ]);
      // A received Mar 8 (week 2), B received Mar 15 (week 3, late).
      expect(res.body.points.map((p: Card) => p.metrics['onTimeDelivery']?.['deliveries'])).toEqual([0, 1, 1]);
      expect(res.body.points.map((p: Card) => p.subscores['onTimeDelivery'])).toEqual([null, '100.00', '0.00']);
    });

    it('defaults to the last 12 months', async () => {
      const res = await get(`/scorecards/${s1}`, w.users.planner).expect(200);
      expect(res.body.points).toHaveLength(12);
      expect(res.body.granularity).toBe('month');
    });

    it('a supplier of another buyer, or an unknown id, is 404', async () => {
      for (const id of [other.suppliers[0].id, w.buyer.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await get(`/scorecards/${id}?${march}`, w.users.planner).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      await get(`/scorecards/${s1}?${march}`, other.users.planner).expect(404);
      await get(`/scorecards/${s1}?${march}&buyerOrgId=${other.buyer.id}`, w.users.planner).expect(404);
    });
  });

  describe('the supplier\'s own view', () => {
    it('GET /scorecards: its own scorecard at its buyer, unranked, the same figures', async () => {
      const res = await get(`/scorecards?${march}`, w.users.supplierUser).expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({ ...supplier1March, supplierOrgId: s1, buyerOrgId: w.buyer.id, rank: null });
      const mine = await get(`/scorecards?${march}&buyerOrgId=${w.buyer.id}`, w.users.supplierAdmin).expect(200);
      expect(mine.body.items).toHaveLength(1);
    });

    it('GET /scorecards/{own id}: its trend; another supplier\'s id or an unlinked buyer is 404', async () => {
      const res = await get(`/scorecards/${s1}?${march}`, w.users.supplierAdmin).expect(200);
      expect(res.body.total).toMatchObject({ score: '67.42', rank: null });
      await get(`/scorecards/${s2}?${march}`, w.users.supplierAdmin).expect(404);
      await get(`/scorecards/${s1}?${march}`, w.users.supplier2Admin).expect(404);
      await get(`/scorecards/${s1}?${march}&buyerOrgId=${other.buyer.id}`, w.users.supplierAdmin).expect(404);
      await get(`/scorecards?${march}&buyerOrgId=${other.buyer.id}`, w.users.supplierAdmin).expect(404);
    });

    it('a supplier of several buyers sees one scorecard per buyer and names the buyer for a trend', async () => {
      await t.sql.query(
        `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`,
        [other.buyer.id, s1],
      );
      try {
        const res = await get(`/scorecards?${march}`, w.users.supplierUser).expect(200);
        expect(res.body.items.map((c: Card & { buyerOrgId: string }) => c.buyerOrgId).sort()).toEqual([w.buyer.id, other.buyer.id].sort());
        const ambiguous = await get(`/scorecards/${s1}?${march}`, w.users.supplierUser).expect(400);
        expect(ambiguous.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'buyerOrgId' }] });
        const named = await get(`/scorecards/${s1}?${march}&buyerOrgId=${w.buyer.id}`, w.users.supplierUser).expect(200);
        expect(named.body.total.score).toBe('67.42');
      } finally {
        await t.sql.query(`DELETE FROM supplier_agreements WHERE tenant_id = $1 AND supplier_org_id = $2`, [other.buyer.id, s1]);
      }
    });
  });

  describe('roles and bad input', () => {
    it('the warehouse (and the platform admin) get 403, no token 401', async () => {
      for (const path of [`/scorecards?${march}`, `/scorecards/${s1}?${march}`]) {
        const res = await get(path, w.users.warehouse).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        const admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
        await get(path, admin).expect(403);
        await t.api('get', path).expect(401);
      }
    });

    it.each([
      ['/scorecards?from=2025-02-30&to=2025-03-31', 'from'],
      ['/scorecards?from=2025-03-01&to=31.03.2025', 'to'],
      ['/scorecards?from=2025-03-31&to=2025-03-01', 'to'],
      ['/scorecards?from=2023-01-01&to=2025-01-02', 'to'],
      ['/scorecards?limit=0', 'limit'],
      ['/scorecards?cursor=bm9wZQ', 'cursor'],
      ['/scorecards?sort=score', 'sort'],
      ['/scorecards?colour=red', null],
      ['/scorecards/SUPPLIER-1', null],
      ['/scorecards/{s1}?granularity=year', 'granularity'],
      ['/scorecards/{s1}?from=2025-03-01&to=2025-02-01', 'to'],
      ['/scorecards/{s1}?buyerOrgId=nope', 'buyerOrgId'],
    ])('%s → 400 problem+json', async (path, field) => {
      const res = await get(path.replace('{s1}', s1), w.users.planner).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      if (field) expect(JSON.stringify(res.body.errors)).toContain(field);
    });
  });

  describe('OpenAPI', () => {
    it('publishes both endpoints with their query parameters', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
      };
      const ranking = doc.paths['/api/v1/scorecards']?.['get'];
      const trend = doc.paths['/api/v1/scorecards/{supplierOrgId}']?.['get'];
      expect(ranking?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'buyerOrgId', 'limit', 'cursor']));
      expect(trend?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['supplierOrgId', 'from', 'to', 'granularity', 'buyerOrgId']));
    });
  });

  describe('first confirmation', () => {
    it('a revised confirmation keeps the first confirmation time', async () => {
      const co = await t
        .api('post', '/call-offs', w.users.planner)
        .send({ supplierOrgId: s1, locationCode: 'VMI-1', lines: [{ itemCode: 'BOLT', qty: '5', needBy: '2026-12-01' }] })
        .expect(201);
      const answer = (promisedDate: string) =>
        t
          .api('post', `/call-offs/${co.body.id}/confirm`, w.users.supplierAdmin)
          .send({ lines: [{ lineId: co.body.lines[0].id, confirmedQty: '5', promisedDate }] })
          .expect(200);
      await answer('2026-12-01');
      const first = await t.sql.query(`SELECT confirmed_at FROM call_off_first_confirmations WHERE call_off_id = $1`, [co.body.id]);
      expect(first.rows).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 20));
      await answer('2026-12-03');
      const again = await t.sql.query(
        `SELECT f.confirmed_at AS first, c.confirmed_at AS latest FROM call_off_first_confirmations f JOIN call_offs c ON c.id = f.call_off_id WHERE f.call_off_id = $1`,
        [co.body.id],
      );
      expect(again.rows).toHaveLength(1);
      expect(again.rows[0].first).toEqual(first.rows[0].confirmed_at);
      expect(again.rows[0].latest.getTime()).toBeGreaterThan(again.rows[0].first.getTime());
    });
  });
});
