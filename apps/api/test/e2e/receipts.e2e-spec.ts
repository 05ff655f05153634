import { Decimal } from '@stockbridge/domain';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { chainInvariants, stockOf } from '../support/chain';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { SeedService } from '../../src/seed/seed.service';

interface Asn {
  id: string;
  number: string;
  callOffId: string;
  journalId: string;
  lines: Array<{ id: string; itemCode: string; qty: string; lotNo: string | null }>;
}

/** Receiving ASNs (full, partial, over within tolerance) and closing them short. */
describe('receipts and short closes', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
  });
  afterAll(async () => {
    await chainInvariants(t);
    await t.close();
  });

  /**
   * A confirmed call-off shipped at once: lines [item, ordered, shipped now, extra ASN fields].
   * Confirmed = ordered. Supplier 1 (5 % tolerance) unless told otherwise.
   */
  async function shipped(lines: Array<[string, string, string, Record<string, unknown>?]>, supplier: 0 | 1 = 0, location = 'VMI-1'): Promise<Asn> {
    const co = await t
      .api('post', '/call-offs', w.users.planner)
      .send({ supplierOrgId: w.suppliers[supplier].id, locationCode: location, lines: lines.map(([itemCode, qty]) => ({ itemCode, qty, needBy: '2026-07-01' })) })
      .expect(201);
    const user = supplier === 0 ? w.users.supplierAdmin : w.users.supplier2Admin;
    await t
      .api('post', `/call-offs/${co.body.id}/confirm`, user)
      .send({ lines: co.body.lines.map((l: { id: string; qty: string }) => ({ lineId: l.id, confirmedQty: l.qty, promisedDate: '2026-06-30' })) })
      .expect(200);
    const asn = await t
      .api('post', '/shipments', user)
      .send({ callOffId: co.body.id, lines: lines.map(([, , qty, extra], i) => ({ callOffLineId: co.body.lines[i].id, qty, ...extra })) })
      .expect(201);
    return asn.body;
  }
  const receive = (asn: Asn, lines: Array<[number, string]>, extra: Record<string, unknown> = {}, user: TestUser = w.users.warehouse) =>
    t.api('post', `/shipments/${asn.id}/receive`, user).send({ lines: lines.map(([i, receivedQty]) => ({ shipmentLineId: asn.lines[i]?.id, receivedQty })), ...extra });
  const closeShort = (asn: Asn, body: Record<string, unknown> = {}, user: TestUser = w.users.warehouse) => t.api('post', `/shipments/${asn.id}/close-short`, user).send(body);
  const callOffOf = async (asn: Asn) => (await t.api('get', `/call-offs/${asn.callOffId}`, w.users.planner).expect(200)).body;
  const shipmentOf = async (asn: Asn) => (await t.api('get', `/shipments/${asn.id}`, w.users.warehouse).expect(200)).body;
  const written = async () => ({
    receipts: await t.count('receipts'),
    receiptLines: await t.count('receipt_lines'),
    journals: await t.count('journals'),
    received: (await t.sql.query(`SELECT coalesce(sum(received_qty), 0)::text AS q FROM shipment_lines`)).rows[0].q as string,
    shortClosed: (await t.sql.query(`SELECT coalesce(sum(short_closed_qty), 0)::text AS q FROM shipment_lines`)).rows[0].q as string,
  });
  const s1 = () => w.suppliers[0].id;

  describe('the whole chain', () => {
    it('call-off → confirm → ship (lots, expiry) → partial receipt → receipt of the rest', async () => {
      const asn = await shipped([
        ['BOLT', '100', '100', { lotNo: 'B-1', expiryDate: '2027-06-30' }],
        ['GREASE', '12.5', '12.5', { lotNo: 'G-7', expiryDate: '2026-12-31' }],
      ]);
      expect((await callOffOf(asn)).status).toBe('SHIPPED');
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'BOLT', s1())).toEqual({ onHand: '0', inTransit: '100' });

      const first = await receive(asn, [[0, '60']]).expect(201);
      expect(first.body).toEqual({
        receiptId: expect.any(String),
        receiptNumber: expect.stringMatching(new RegExp(`^RC-${year}-\\d{6}$`)),
        journalId: expect.any(String),
        overDeliveryJournalId: null,
        shipmentStatus: 'PARTIALLY_RECEIVED',
        callOffStatus: 'PARTIALLY_RECEIVED',
      });
      const { rows: postings } = await t.sql.query(
        `SELECT p.location_kind, p.qty::text FROM postings p JOIN journals j ON j.tenant_id = p.tenant_id AND j.id = p.journal_id
          WHERE p.journal_id = $1 AND j.type = 'RECEIPT' ORDER BY p.qty`,
        [first.body.journalId],
      );
      expect(postings.map((p) => [p.location_kind, Number(p.qty)])).toEqual([
        ['IN_TRANSIT', -60],
        ['SITE', 60],
      ]);
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'BOLT', s1())).toEqual({ onHand: '60', inTransit: '40' });
      expect(await stockOf(t, w.users.supplierAdmin, 'VMI-1', 'BOLT', s1())).toEqual({ onHand: '60', inTransit: '40' });

      const rest = await receive(asn, [
        [0, '40'],
        [1, '12.5'],
      ]).expect(201);
      expect(rest.body).toMatchObject({ shipmentStatus: 'RECEIVED', callOffStatus: 'RECEIVED' });
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'BOLT', s1())).toEqual({ onHand: '100', inTransit: '0' });
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'GREASE', s1())).toEqual({ onHand: '12.5', inTransit: '0' });

      const shipment = await shipmentOf(asn);
      expect(shipment.status).toBe('RECEIVED');
      expect(shipment.lines.map((l: { receivedQty: string; inTransitQty: string }) => [l.receivedQty, l.inTransitQty])).toEqual([
        ['100', '0'],
        ['12.500', '0.000'],
      ]);
      expect(shipment.receipts).toEqual([
        expect.objectContaining({ id: first.body.receiptId, number: first.body.receiptNumber, lines: [{ shipmentLineId: asn.lines[0]?.id, qty: '60' }] }),
        expect.objectContaining({ id: rest.body.receiptId, lines: [{ shipmentLineId: asn.lines[0]?.id, qty: '40' }, { shipmentLineId: asn.lines[1]?.id, qty: '12.500' }] }),
      ]);
      const co = await callOffOf(asn);
      expect(co.lines.map((l: { shippedQty: string; receivedQty: string }) => [l.shippedQty, l.receivedQty])).toEqual([
        ['100', '100'],
        ['12.500', '12.500'],
      ]);
      // Each receipt made its own layer, carrying the ASN's lot and expiry.
      const layers = await t.api('get', '/stock/layers?locationCode=VMI-1&itemCode=BOLT', w.users.planner).expect(200);
      const bolt = (layers.body.items as Array<{ lotNo: string; remainingQty: string; ownerOrgId: string }>).filter((l) => l.lotNo === 'B-1');
      expect(bolt.map((l) => new Decimal(l.remainingQty).toString())).toEqual(['60', '40']);
      const { rows: expiry } = await t.sql.query(
        `SELECT DISTINCT lot_no, to_char(expiry_date, 'YYYY-MM-DD') AS expiry FROM receipt_layers WHERE receipt_id = ANY($1::uuid[]) ORDER BY lot_no`,
        [[first.body.receiptId, rest.body.receiptId]],
      );
      expect(expiry).toEqual([
        { lot_no: 'B-1', expiry: '2027-06-30' },
        { lot_no: 'G-7', expiry: '2026-12-31' },
      ]);
    });
  });

  describe('POST /shipments/{id}/receive', () => {
    it('receives more than declared within tolerance: the excess is shipped on arrival, then received', async () => {
      const asn = await shipped([['CABLE', '10', '10']]);
      const before = await written();
      const over = await receive(asn, [[0, '10.51']]).expect(422);
      expect(over.body).toMatchObject({ code: 'OVER_RECEIPT', status: 422, errors: [expect.objectContaining({ path: 'lines[0].receivedQty' })] });
      expect(await written()).toEqual(before);

      const res = await receive(asn, [[0, '10.5']]).expect(201);
      expect(res.body).toMatchObject({ shipmentStatus: 'RECEIVED', callOffStatus: 'RECEIVED', overDeliveryJournalId: expect.any(String) });
      const { rows } = await t.sql.query(`SELECT type FROM journals WHERE id = ANY($1::uuid[]) ORDER BY type`, [[res.body.journalId, res.body.overDeliveryJournalId]]);
      expect(rows.map((r) => r.type)).toEqual(['RECEIPT', 'SHIPMENT']);
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'CABLE', s1())).toEqual({ onHand: '10.5', inTransit: '0' });
      const shipment = await shipmentOf(asn);
      expect(shipment.lines[0]).toMatchObject({ qty: '10.00', receivedQty: '10.50', inTransitQty: '0.00' });
      expect((await callOffOf(asn)).lines[0]).toMatchObject({ shippedQty: '10.00', receivedQty: '10.50' });
      // A RECEIVED shipment still takes a late arrival within tolerance, but not beyond.
      expect((await receive(asn, [[0, '0.01']]).expect(422)).body.code).toBe('OVER_RECEIPT');
    });

    it('refuses a bare ledger reversal of the chain\'s journals (409 INVALID_STATE, nothing written): the shipment is corrected through its document', async () => {
      const asn = await shipped([['BOLT', '5', '5']]);
      const rc = await receive(asn, [[0, '5']]).expect(201);
      const before = await written();
      for (const journalId of [asn.journalId, rc.body.journalId]) {
        const res = await t.api('post', `/ledger/journals/${journalId}/reverse`, w.users.finance).send({ reason: 'wrong delivery' }).expect(409);
        expect(res.body).toMatchObject({ code: 'INVALID_STATE', detail: expect.stringContaining(asn.number) });
      }
      expect(await written()).toEqual(before);
      expect((await shipmentOf(asn)).status).toBe('RECEIVED');
    });

    it('counts over-receipt cumulatively across receipts', async () => {
      const asn = await shipped([['CABLE', '20', '20']]);
      await receive(asn, [[0, '15']]).expect(201);
      expect((await receive(asn, [[0, '6.01']]).expect(422)).body.code).toBe('OVER_RECEIPT');
      const res = await receive(asn, [[0, '6']]).expect(201);
      expect(res.body).toMatchObject({ shipmentStatus: 'RECEIVED', overDeliveryJournalId: expect.any(String) });
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'CABLE', s1())).toMatchObject({ inTransit: '0' });
    });

    it('allows nothing beyond the declared quantity with zero tolerance (supplier 2)', async () => {
      const asn = await shipped([['BOLT', '5', '5']], 1, 'VMI-2');
      expect((await receive(asn, [[0, '6']]).expect(422)).body.code).toBe('OVER_RECEIPT');
      expect((await receive(asn, [[0, '5']]).expect(201)).body.shipmentStatus).toBe('RECEIVED');
    });

    it('passes effectiveDate to the ledger and records it on the receipt', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      const res = await receive(asn, [[0, '10']], { effectiveDate: '2026-01-15' }).expect(201);
      const { rows } = await t.sql.query(`SELECT to_char(effective_date, 'YYYY-MM-DD') AS d FROM journals WHERE id = $1`, [res.body.journalId]);
      expect(rows[0].d).toBe('2026-01-15');
      expect((await shipmentOf(asn)).receipts[0].effectiveDate).toBe('2026-01-15');
    });

    it('propagates PERIOD_CLOSED (409) from the ledger and writes nothing', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, '2025-01-01', '2025-01-31')`, [
        w.buyer.id,
        s1(),
      ]);
      const before = await written();
      const res = await receive(asn, [[0, '10']], { effectiveDate: '2025-01-20' }).expect(409);
      expect(res.body.code).toBe('PERIOD_CLOSED');
      const closed = await closeShort(asn, { effectiveDate: '2025-01-31' }).expect(409);
      expect(closed.body.code).toBe('PERIOD_CLOSED');
      expect(await written()).toEqual(before);
      expect((await shipmentOf(asn)).status).toBe('IN_TRANSIT');
    });

    it.each<[string, (asn: Asn, o: Asn) => Record<string, unknown>, number, string, string]>([
      ['a zero quantity', (a) => ({ lines: [{ shipmentLineId: a.lines[0]?.id, receivedQty: '0' }] }), 400, 'VALIDATION_FAILED', 'lines[0].receivedQty'],
      ['too many decimals', (a) => ({ lines: [{ shipmentLineId: a.lines[0]?.id, receivedQty: '1.5' }] }), 400, 'VALIDATION_FAILED', 'lines[0].receivedQty'],
      ['a line twice', (a) => ({ lines: [0, 0].map(() => ({ shipmentLineId: a.lines[0]?.id, receivedQty: '1' })) }), 400, 'VALIDATION_FAILED', 'lines[1].shipmentLineId'],
      ['a bad effectiveDate', (a) => ({ lines: [{ shipmentLineId: a.lines[0]?.id, receivedQty: '1' }], effectiveDate: '2026-02-29' }), 400, 'VALIDATION_FAILED', 'effectiveDate'],
      ['a line of another shipment', (_a, o) => ({ lines: [{ shipmentLineId: o.lines[0]?.id, receivedQty: '1' }] }), 422, 'VALIDATION_FAILED', 'lines[0].shipmentLineId'],
    ])('refuses %s and writes nothing', async (_name, payload, status, code, path) => {
      const asn = await shipped([['BOLT', '10', '10']]);
      const o = await shipped([['BOLT', '10', '10']]);
      const before = await written();
      const res = await t.api('post', `/shipments/${asn.id}/receive`, w.users.warehouse).send(payload(asn, o)).expect(status);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await written()).toEqual(before);
    });

    it('is for the tenant\'s WAREHOUSE role: 403 for others, 404 for another tenant, 401 without token', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      const before = await written();
      for (const u of [w.users.planner, w.users.finance, w.users.supplierAdmin]) {
        expect((await receive(asn, [[0, '1']], {}, u).expect(403)).body.code).toBe('FORBIDDEN');
      }
      expect((await receive(asn, [[0, '1']], {}, other.users.warehouse).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('post', '/shipments/00000000-0000-4000-8000-000000000002/receive', w.users.warehouse).send({ lines: [{ shipmentLineId: asn.lines[0]?.id, receivedQty: '1' }] }).expect(404);
      await t.api('post', `/shipments/${asn.id}/receive`).send({ lines: [] }).expect(401);
      expect(await written()).toEqual(before);
    });

    it('replays an Idempotency-Key: one receipt, one journal', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      const before = await written();
      const first = await receive(asn, [[0, '4']]).set('Idempotency-Key', 'rc-1').expect(201);
      const again = await receive(asn, [[0, '4']]).set('Idempotency-Key', 'rc-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(await t.count('receipts')).toBe(before.receipts + 1);
      expect(await t.count('journals')).toBe(before.journals + 1);
      expect((await shipmentOf(asn)).lines[0].receivedQty).toBe('4');
    });
  });

  describe('POST /shipments/{id}/close-short', () => {
    it('returns what is still in transit to the supplier and closes the shipment and the call-off', async () => {
      const asn = await shipped([['BOLT', '10', '10']], 0, 'VMI-2');
      await receive(asn, [[0, '6']]).expect(201);
      const res = await closeShort(asn, { reason: 'two cartons lost' }).expect(201);
      expect(res.body).toEqual({
        journalId: expect.any(String),
        shipmentStatus: 'CLOSED',
        callOffStatus: 'CLOSED',
        lines: [{ shipmentLineId: asn.lines[0]?.id, qty: '4' }],
      });
      const { rows } = await t.sql.query(
        `SELECT j.type, p.location_kind, p.owner_org_id, p.qty::text FROM postings p JOIN journals j ON j.tenant_id = p.tenant_id AND j.id = p.journal_id
          WHERE p.journal_id = $1 ORDER BY p.qty`,
        [res.body.journalId],
      );
      expect(rows.map((r) => [r.type, r.location_kind, r.owner_org_id, Number(r.qty)])).toEqual([
        ['SHORT_CLOSE', 'IN_TRANSIT', s1(), -4],
        ['SHORT_CLOSE', 'SUPPLIER', s1(), 4],
      ]);
      expect(await stockOf(t, w.users.planner, 'VMI-2', 'BOLT', s1())).toEqual({ onHand: '6', inTransit: '0' });
      const shipment = await shipmentOf(asn);
      expect(shipment).toMatchObject({ status: 'CLOSED', shortCloseJournalId: res.body.journalId, closedAt: expect.any(String) });
      expect(shipment.lines[0]).toMatchObject({ receivedQty: '6', shortClosedQty: '4', inTransitQty: '0' });
      expect((await callOffOf(asn)).lines[0]).toMatchObject({ shortClosedQty: '4', closed: true, maxShippableQty: '0' });

      const before = await written();
      expect((await closeShort(asn).expect(409)).body.code).toBe('INVALID_STATE');
      expect((await receive(asn, [[0, '1']]).expect(409)).body.code).toBe('INVALID_STATE');
      expect(await written()).toEqual(before);
    });

    it('closes a shipment nothing of which arrived', async () => {
      const asn = await shipped([['GREASE', '2.5', '2.5']]);
      const res = await closeShort(asn).expect(201);
      expect(res.body).toMatchObject({ shipmentStatus: 'CLOSED', callOffStatus: 'CLOSED', lines: [{ qty: '2.500' }] });
    });

    it('refuses a fully received shipment: nothing left (409) and nothing written', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      await receive(asn, [[0, '10']]).expect(201);
      const before = await written();
      expect((await closeShort(asn).expect(409)).body.code).toBe('INVALID_STATE');
      expect(await written()).toEqual(before);
    });

    it('leaves a partly shipped line open: the supplier may still ship the rest', async () => {
      const co = await t
        .api('post', '/call-offs', w.users.planner)
        .send({ supplierOrgId: s1(), locationCode: 'VMI-1', lines: [{ itemCode: 'BOLT', qty: '10', needBy: '2026-07-01' }] })
        .expect(201);
      await t
        .api('post', `/call-offs/${co.body.id}/confirm`, w.users.supplierAdmin)
        .send({ lines: [{ lineId: co.body.lines[0].id, confirmedQty: '10', promisedDate: '2026-06-30' }] })
        .expect(200);
      const first: Asn = (await t.api('post', '/shipments', w.users.supplierAdmin).send({ callOffId: co.body.id, lines: [{ callOffLineId: co.body.lines[0].id, qty: '4' }] }).expect(201)).body;
      await receive(first, [[0, '2']]).expect(201);
      expect((await closeShort(first).expect(201)).body.callOffStatus).toBe('PARTIALLY_RECEIVED');
      const line = (await callOffOf(first)).lines[0];
      expect(line).toMatchObject({ shippedQty: '4', receivedQty: '2', shortClosedQty: '2', closed: false, maxShippableQty: '6' });
      const second: Asn = (await t.api('post', '/shipments', w.users.supplierAdmin).send({ callOffId: co.body.id, lines: [{ callOffLineId: co.body.lines[0].id, qty: '6' }] }).expect(201)).body;
      expect((await receive(second, [[0, '6']]).expect(201)).body).toMatchObject({ shipmentStatus: 'RECEIVED', callOffStatus: 'CLOSED' });
    });

    it('ends RECEIVED when one line arrived in full and the other was closed short', async () => {
      const asn = await shipped([
        ['BOLT', '10', '10'],
        ['CABLE', '5', '5'],
      ]);
      await receive(asn, [
        [0, '10'],
        [1, '3'],
      ]).expect(201);
      expect((await closeShort(asn).expect(201)).body).toMatchObject({ shipmentStatus: 'CLOSED', callOffStatus: 'RECEIVED', lines: [{ shipmentLineId: asn.lines[1]?.id, qty: '2.00' }] });
    });

    it('is for the tenant\'s WAREHOUSE role: 403 for others, 404 for another tenant', async () => {
      const asn = await shipped([['BOLT', '10', '10']]);
      const before = await written();
      for (const u of [w.users.planner, w.users.supplierAdmin]) expect((await closeShort(asn, {}, u).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await closeShort(asn, {}, other.users.warehouse).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('post', `/shipments/${asn.id}/close-short`).send({}).expect(401);
      expect((await closeShort(asn, { effectiveDate: 'yesterday' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect(await written()).toEqual(before);
    });
  });
});

/** The demo world (DEMO_DATA) holds a call-off in every status for both demo suppliers. */
describe('chain demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  it('seeds OPEN … CLOSED call-offs for each demo supplier through the services', async () => {
    expect(await t.app.get(SeedService).seedDemo()).toBe(true);
    const { rows } = await t.sql.query(
      `SELECT o.code, array_agg(DISTINCT c.status ORDER BY c.status) AS statuses
         FROM call_offs c JOIN organizations o ON o.id = c.supplier_org_id GROUP BY o.code ORDER BY o.code`,
    );
    const all = ['CANCELLED', 'CLOSED', 'CONFIRMED', 'OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'REJECTED', 'SHIPPED'];
    expect(rows).toEqual([
      { code: 'HUAYANG', statuses: all },
      { code: 'NORDBOLT', statuses: all },
    ]);
    const { rows: shipments } = await t.sql.query(`SELECT status, count(*)::int AS n FROM shipments GROUP BY status ORDER BY status`);
    expect(shipments).toEqual([
      { status: 'CLOSED', n: 2 },
      { status: 'IN_TRANSIT', n: 2 },
      { status: 'PARTIALLY_RECEIVED', n: 2 },
      { status: 'RECEIVED', n: 2 },
    ]);
  });
});
