import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe('inter-site transfers (POST /transfers, GET /transfers)', () => {
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
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const transfer = (body: Record<string, unknown>, user = w.users.warehouse) => t.api('post', '/transfers', user).send(body);
  const snapshot = async () => ({
    journals: await t.count('journals'),
    postings: await t.count('postings'),
    layers: await t.count('receipt_layers'),
    balances: (await t.sql.query(`SELECT count(*)::int AS n, sum(qty)::text AS s, sum(version)::text AS v FROM balances`)).rows[0],
  });
  const layersAt = async (loc: string, item: string) =>
    (await t.api('get', `/stock/layers?locationCode=${loc}&itemCode=${item}`, w.users.planner).expect(200)).body.items as Array<Record<string, unknown>>;

  describe('a transfer', () => {
    let journalId: string;

    beforeAll(async () => {
      // cable at VMI-1: supplier 1's lot A (30 days old), supplier 2's lot B (20 days), supplier 1's lot C (new)
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '3', lotNo: 'A', expiryDate: '2027-06-30', receivedAt: daysAgo(30) });
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '4', lotNo: 'B', receivedAt: daysAgo(20) });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '10', lotNo: 'C' });
    });

    it('moves the oldest layers first, owner unchanged, one balanced TRANSFER journal', async () => {
      const res = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'CABLE', qty: '5.5', reference: 'TR-1' }).expect(201);
      journalId = res.body.journalId;
      expect(res.body.moves).toEqual([
        expect.objectContaining({ supplierOrgId: s1, qty: '3.000000', lotNo: 'A', expiryDate: '2027-06-30' }),
        expect.objectContaining({ supplierOrgId: s2, qty: '2.500000', lotNo: 'B', expiryDate: null }),
      ]);
      expect(res.body.moves[0].receivedAt.slice(0, 10)).toBe(daysAgo(30).slice(0, 10));

      const journal = await t.api('get', `/ledger/journals/${journalId}`, w.users.finance).expect(200);
      expect(journal.body).toMatchObject({ type: 'TRANSFER', reference: 'TR-1', supplierOrgIds: [s1, s2].sort(), transfers: [] });
      expect(journal.body.postings).toEqual([
        expect.objectContaining({ locationCode: 'VMI-1', itemCode: 'CABLE', ownerOrgId: s1, lotNo: 'A', qty: '-3.000000', balanceAfter: '0.000000' }),
        expect.objectContaining({ locationCode: 'VMI-2', itemCode: 'CABLE', ownerOrgId: s1, lotNo: 'A', qty: '3.000000', balanceAfter: '3.000000', accountVersion: 1 }),
        expect.objectContaining({ locationCode: 'VMI-1', ownerOrgId: s2, lotNo: 'B', qty: '-2.500000', balanceAfter: '1.500000' }),
        expect.objectContaining({ locationCode: 'VMI-2', ownerOrgId: s2, lotNo: 'B', qty: '2.500000' }),
      ]);
      const sum = await t.sql.query(`SELECT sum(qty)::text AS s FROM postings WHERE journal_id = $1`, [journalId]);
      expect(sum.rows[0].s).toBe('0.000000');
    });

    it('keeps lot, expiry and receipt date at the destination, so ages stay true', async () => {
      const there = await layersAt('VMI-2', 'CABLE');
      expect(there).toEqual([
        expect.objectContaining({ ownerOrgId: s1, lotNo: 'A', remainingQty: '3.000000', ageDays: 30, expiryDate: '2027-06-30' }),
        expect.objectContaining({ ownerOrgId: s2, lotNo: 'B', remainingQty: '2.500000', ageDays: 20 }),
      ]);
      const here = await layersAt('VMI-1', 'CABLE');
      expect(here.map((l) => [l['lotNo'], l['remainingQty']])).toEqual([
        ['B', '1.500000'],
        ['C', '10.000000'],
      ]);
      const origins = await t.sql.query(`SELECT source, origin_layer_id IS NOT NULL AS has_origin FROM receipt_layers WHERE journal_id = $1`, [journalId]);
      expect(origins.rows).toEqual([
        { source: 'TRANSFER', has_origin: true },
        { source: 'TRANSFER', has_origin: true },
      ]);
    });

    it('leaves ownership alone: the stock rows keep their owners, no title transfer', async () => {
      const stock = (await t.api('get', '/stock?locationCode=VMI-2&itemCode=CABLE', w.users.planner).expect(200)).body.items;
      expect(stock).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ownerOrgId: s1, onHand: '3.000000' }),
          expect.objectContaining({ ownerOrgId: s2, onHand: '2.500000' }),
        ]),
      );
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM title_transfers WHERE journal_id = $1`, [journalId])).rows[0].n).toBe(0);
    });

    it('a consumption at the destination takes the moved layers with their lots and prices them then', async () => {
      const res = await t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1' }).expect(201);
      expect(res.body.transfers).toEqual([expect.objectContaining({ supplierOrgId: s1, lotNo: 'A', unitPrice: '2.350000', amount: '2.35' })]);
      expect(res.body.transfers[0].receivedAt.slice(0, 10)).toBe(daysAgo(30).slice(0, 10));
    });

    it('shows in GET /transfers (newest first) and in the journal explorer (type TRANSFER)', async () => {
      const list = await t.api('get', '/transfers', w.users.planner).expect(200);
      expect(list.body.items[0]).toMatchObject({
        journalId,
        fromLocationCode: 'VMI-1',
        toLocationCode: 'VMI-2',
        itemCode: 'CABLE',
        qty: '5.500000',
        reference: 'TR-1',
        reversedByJournalId: null,
        moves: [expect.objectContaining({ supplierOrgId: s1, qty: '3.000000', lotNo: 'A' }), expect.objectContaining({ supplierOrgId: s2, lotNo: 'B' })],
      });
      const journals = await t.api('get', '/ledger/journals?type=TRANSFER', w.users.finance).expect(200);
      expect(journals.body.items.map((j: { id: string }) => j.id)).toContain(journalId);
      // a supplier sees the transfer of its stock, and only its own postings
      const mine = await t.api('get', '/ledger/journals?type=TRANSFER', w.users.supplier2Admin).expect(200);
      const seen = mine.body.items.find((j: { id: string }) => j.id === journalId);
      expect(seen.postings.every((p: { ownerOrgId: string }) => p.ownerOrgId === s2)).toBe(true);
      // filters
      expect((await t.api('get', '/transfers?locationCode=VMI-2', w.users.warehouse).expect(200)).body.items).toHaveLength(1);
      expect((await t.api('get', '/transfers?itemCode=BOLT', w.users.warehouse).expect(200)).body.items).toHaveLength(0);
      expect((await t.api('get', '/transfers', other.users.planner).expect(200)).body.items).toEqual([]);
    });

    it('is reversible once: the stock goes back to the very layers it left', async () => {
      const reversal = await t.api('post', `/ledger/journals/${journalId}/reverse`, w.users.warehouse).send({ reason: 'wrong site' });
      // 1 of lot A was consumed at VMI-2 meanwhile: the mirror would make that layer negative
      expect(reversal.status).toBe(409);
      expect(reversal.body.code).toBe('INSUFFICIENT_STOCK');

      const second = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'CABLE', qty: '2' }).expect(201);
      const ok = await t.api('post', `/ledger/journals/${second.body.journalId}/reverse`, w.users.warehouse).send({ reason: 'wrong site' }).expect(201);
      expect(ok.body).toMatchObject({ type: 'REVERSAL', reversesJournalId: second.body.journalId });
      await t.api('post', `/ledger/journals/${second.body.journalId}/reverse`, w.users.warehouse).send({ reason: 'again' }).expect(409);
      expect((await layersAt('VMI-1', 'CABLE')).map((l) => [l['lotNo'], l['remainingQty']])).toEqual([
        ['B', '1.500000'],
        ['C', '10.000000'],
      ]);
      const list = await t.api('get', '/transfers', w.users.planner).expect(200);
      expect(list.body.items[0]).toMatchObject({ journalId: second.body.journalId, reversedByJournalId: ok.body.id });
    });

    it('takes only the named owner\'s layers when supplierOrgId is given', async () => {
      const res = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'CABLE', qty: '4', supplierOrgId: s1 }).expect(201);
      expect(res.body.moves).toEqual([expect.objectContaining({ supplierOrgId: s1, lotNo: 'C', qty: '4.000000' })]);
    });
  });

  describe('refusals (nothing is posted)', () => {
    beforeAll(async () => {
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '10' });
      await t.sql.query(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'FOREIGN-9', 'another tenant''s site', 'VMI')`, [other.buyer.id]);
    });

    it('not enough stock → 409 INSUFFICIENT_STOCK with requested and available', async () => {
      const before = await snapshot();
      const res = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '11' }).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', requested: '11', available: '10' });
      await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', supplierOrgId: s2 }).expect(409);
      expect(await snapshot()).toEqual(before);
    });

    it('the same location, or one that is not a VMI location → 422 VALIDATION_FAILED', async () => {
      const before = await snapshot();
      const same = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }).expect(422);
      expect(same.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'toLocationCode' })] });
      const wh = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'WH-1', itemCode: 'BOLT', qty: '1' }).expect(422);
      expect(wh.body.errors[0].path).toBe('toLocationCode');
      expect((await transfer({ fromLocationCode: 'WH-1', toLocationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }).expect(422)).body.errors[0].path).toBe('fromLocationCode');
      expect(await snapshot()).toEqual(before);
    });

    it('unknown codes, another tenant\'s location and unlinked suppliers → 404', async () => {
      const before = await snapshot();
      await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'FOREIGN-9', itemCode: 'BOLT', qty: '1' }).expect(404);
      await transfer({ fromLocationCode: 'FOREIGN-9', toLocationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }).expect(404);
      await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'NOPE', itemCode: 'BOLT', qty: '1' }).expect(404);
      await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'NOPE', qty: '1' }).expect(404);
      const stranger = await t.createOrg('SUPPLIER');
      expect((await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', supplierOrgId: stranger.id }).expect(404)).body.code).toBe('NOT_FOUND');
      // the other tenant's own VMI-1 stock is invisible to this one and vice versa
      await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }, other.users.warehouse).expect(409);
      expect(await snapshot()).toEqual(before);
    });

    it('malformed bodies → 400 VALIDATION_FAILED', async () => {
      const before = await snapshot();
      const body = { fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' };
      expect((await transfer({ ...body, qty: '1.5' }).expect(400)).body.errors[0].path).toBe('qty');
      await transfer({ ...body, qty: '0' }).expect(400);
      await transfer({ ...body, qty: '-1' }).expect(400);
      await transfer({ ...body, qty: 'lots' }).expect(400);
      await transfer({ ...body, extra: 1 }).expect(400);
      await transfer({ ...body, effectiveDate: '2026-02-30' }).expect(400);
      await transfer({ ...body, supplierOrgId: 'not-a-uuid' }).expect(400);
      await transfer({ toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(400);
      await t.api('get', '/transfers?cursor=!!', w.users.planner).expect(400);
      await t.api('get', '/transfers?from=2026-13-01', w.users.planner).expect(400);
      expect(await snapshot()).toEqual(before);
    });

    it('a date inside a closed period of an owner → 409 PERIOD_CLOSED', async () => {
      await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, '2025-10-01', '2025-10-31')`, [w.buyer.id, s1]);
      const before = await snapshot();
      const res = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', effectiveDate: '2025-10-15' }).expect(409);
      expect(res.body).toMatchObject({ code: 'PERIOD_CLOSED', supplierOrgId: s1 });
      expect(await snapshot()).toEqual(before);
      const ok = await transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', effectiveDate: '2025-11-01' }).expect(201);
      const j = await t.api('get', `/ledger/journals/${ok.body.journalId}`, w.users.finance).expect(200);
      expect(j.body.effectiveAt).toBe('2025-11-01');
    });

    it('needs WAREHOUSE or PLANNER and a buyer token', async () => {
      const body = { fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' };
      await transfer(body, w.users.planner).expect(201);
      await transfer(body, w.users.finance).expect(403);
      await transfer(body, w.users.buyerAdmin).expect(403);
      await transfer(body, w.users.supplierAdmin).expect(403);
      await t.api('post', '/transfers').send(body).expect(401);
      await t.api('get', '/transfers', w.users.supplierAdmin).expect(403);
      await t.api('get', '/transfers').expect(401);
    });

    it('answers a replay with the same Idempotency-Key from storage and posts once', async () => {
      const body = { fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' };
      const before = await t.count('journals');
      const a = await transfer(body).set('Idempotency-Key', 'transfer-1').expect(201);
      const b = await transfer(body).set('Idempotency-Key', 'transfer-1').expect(201);
      expect(b.body).toEqual(a.body);
      expect(await t.count('journals')).toBe(before + 1);
      expect((await transfer({ ...body, qty: '2' }).set('Idempotency-Key', 'transfer-1').expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('concurrency', () => {
    it('parallel transfers and consumptions of the same stock never oversell and never fail with 500', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.grease, qty: '6', receivedAt: daysAgo(3) });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.grease, qty: '6' });
      const requests = Array.from({ length: 24 }, (_, i) =>
        i % 3 === 2
          ? t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'GREASE', qty: '1' })
          : transfer({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'GREASE', qty: '1' }),
      );
      const results = await Promise.all(requests);
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(12);
      expect(statuses.filter((s) => s === 409)).toHaveLength(12);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('INSUFFICIENT_STOCK');
      const onHand = await t.sql.query(
        `SELECT l.code, sum(b.qty)::text AS q FROM balances b JOIN locations l ON l.id = b.location_id
          WHERE b.tenant_id = $1 AND b.item_id = $2 AND b.location_kind = 'SITE' GROUP BY l.code ORDER BY l.code`,
        [w.buyer.id, w.items.grease.id],
      );
      const moved = results.filter((r, i) => r.status === 201 && i % 3 !== 2).length;
      expect(onHand.rows).toEqual([
        { code: 'VMI-1', q: '0.000000' },
        { code: 'VMI-2', q: `${moved}.000000` },
      ]);
    });

    it('parallel duplicates with one Idempotency-Key post once', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.bolt, qty: '5' });
      const before = await t.count('journals');
      const body = { fromLocationCode: 'VMI-2', toLocationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s2 };
      const results = await Promise.all(Array.from({ length: 6 }, () => transfer(body).set('Idempotency-Key', 'transfer-twins')));
      for (const r of results) expect([201, 409]).toContain(r.status);
      const created = results.filter((r) => r.status === 201);
      expect(new Set(created.map((r) => r.body.journalId)).size).toBe(1);
      expect(await t.count('journals')).toBe(before + 1);
    });
  });

  describe('replenishment proposals suggest a transfer before an order', () => {
    it('names the site above its max and what to move ("site B has 300 above max; transfer 120 to site A")', async () => {
      const policy = (loc: { id: string }, min: string, max: string) =>
        t.sql.query(`INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty) VALUES ($1, $2, $3, $4, $5)`, [w.buyer.id, loc.id, w.items.bolt.id, min, max]);
      const bolts = await t.sql.query(
        `SELECT l.code, coalesce(sum(b.qty), 0)::text AS q FROM locations l LEFT JOIN balances b ON b.location_id = l.id AND b.item_id = $2 AND b.location_kind = 'SITE'
          WHERE l.tenant_id = $1 AND l.code IN ('VMI-1', 'VMI-2') GROUP BY l.code ORDER BY l.code`,
        [w.buyer.id, w.items.bolt.id],
      );
      const [vmi1, vmi2] = bolts.rows.map((r: { q: string }) => Number(r.q));
      // VMI-2: 300 above a max that leaves room; VMI-1: far below min
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.bolt, qty: String(500 - (vmi2 as number)) });
      await policy(w.locations.vmi2, '50', '200');
      await policy(w.locations.vmi1, '100', String((vmi1 as number) + 120));
      const items = (await t.api('get', '/replenishment/proposals', w.users.planner).expect(200)).body.items as Array<Record<string, unknown>>;
      const p = items.find((x) => x['locationCode'] === 'VMI-1' && x['itemCode'] === 'BOLT');
      expect(p).toMatchObject({
        suggestedQty: '120.000000',
        transferFrom: {
          locationCode: 'VMI-2',
          surplusQty: '300',
          qty: '120',
          note: 'VMI-2 has 300 above max; transfer 120 to VMI-1 instead of ordering',
        },
      });
      expect(items.find((x) => x['locationCode'] === 'VMI-2')).toBeUndefined();
    });
  });
});
