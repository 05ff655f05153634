import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { chainInvariants, stockOf } from '../support/chain';

interface Line {
  id: string;
  itemCode: string;
  qty: string;
}
interface CallOffBody {
  id: string;
  number: string;
  status: string;
  lines: Array<Line & { confirmedQty: string | null; shippedQty: string; maxShippableQty: string }>;
}

/** Shipments (ASNs): declare against confirmed lines, tolerance, isolation, idempotency. */
describe('shipments', () => {
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

  /** A call-off for supplier 1 (or 2), confirmed as given ('-' leaves it OPEN). */
  async function callOff(lines: Array<[string, string, string?]>, opts: { supplier?: 0 | 1; confirm?: boolean } = {}): Promise<CallOffBody> {
    const s = opts.supplier ?? 0;
    const res = await t
      .api('post', '/call-offs', w.users.planner)
      .send({ supplierOrgId: w.suppliers[s].id, locationCode: 'VMI-1', lines: lines.map(([itemCode, qty]) => ({ itemCode, qty, needBy: '2026-07-01' })) })
      .expect(201);
    if (opts.confirm === false) return res.body;
    const supplier = s === 0 ? w.users.supplierAdmin : w.users.supplier2Admin;
    const confirmed = await t
      .api('post', `/call-offs/${res.body.id}/confirm`, supplier)
      .send({ lines: res.body.lines.map((l: Line, i: number) => ({ lineId: l.id, confirmedQty: lines[i]?.[2] ?? l.qty, promisedDate: '2026-06-28' })) })
      .expect(200);
    return confirmed.body;
  }
  const ship = (co: CallOffBody, lines: Array<[number, string, Record<string, unknown>?]>, user: TestUser = w.users.supplierAdmin) =>
    t.api('post', '/shipments', user).send({ callOffId: co.id, lines: lines.map(([i, qty, extra]) => ({ callOffLineId: co.lines[i]?.id, qty, ...extra })) });
  const getCallOff = async (co: { id: string }) => (await t.api('get', `/call-offs/${co.id}`, w.users.planner).expect(200)).body as CallOffBody;
  const written = async () => ({
    shipments: await t.count('shipments'),
    lines: await t.count('shipment_lines'),
    journals: await t.count('journals'),
    seq: (await t.sql.query(`SELECT coalesce(sum(last_value), 0)::int AS n FROM document_sequences WHERE kind = 'ASN'`)).rows[0].n as number,
  });

  describe('POST /shipments', () => {
    it('declares an ASN with lot and expiry, posts SUPPLIER → IN_TRANSIT, derives the call-off status', async () => {
      const co = await callOff([
        ['BOLT', '100'],
        ['GREASE', '12.5'],
      ]);
      const res = await ship(co, [[0, '40', { lotNo: 'L-2026-01', expiryDate: '2027-12-31' }]]).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        number: expect.stringMatching(new RegExp(`^ASN-${year}-\\d{6}$`)),
        status: 'IN_TRANSIT',
        journalId: expect.any(String),
        callOffId: co.id,
        locationCode: 'VMI-1',
        lines: [{ id: expect.any(String), callOffLineId: co.lines[0]?.id, itemCode: 'BOLT', qty: '40', receivedQty: '0', lotNo: 'L-2026-01', expiryDate: '2027-12-31', inTransitQty: '40' }],
      });
      const { rows: journal } = await t.sql.query(`SELECT type, reference FROM journals WHERE id = $1`, [res.body.journalId]);
      expect(journal).toEqual([{ type: 'SHIPMENT', reference: res.body.number }]);
      const { rows: postings } = await t.sql.query(
        `SELECT location_kind, owner_org_id, qty::text FROM postings WHERE journal_id = $1 ORDER BY qty`,
        [res.body.journalId],
      );
      expect(postings.map((p) => [p.location_kind, p.owner_org_id, Number(p.qty)])).toEqual([
        ['SUPPLIER', w.suppliers[0].id, -40],
        ['IN_TRANSIT', w.suppliers[0].id, 40],
      ]);
      const after = await getCallOff(co);
      expect(after.status).toBe('PARTIALLY_SHIPPED');
      expect(after.lines[0]).toMatchObject({ shippedQty: '40', maxShippableQty: '65' });
      expect(await stockOf(t, w.users.planner, 'VMI-1', 'BOLT', w.suppliers[0].id)).toEqual({ onHand: '0', inTransit: '40' });
    });

    it('ships one call-off line in several lots on one ASN, cumulative against the ceiling', async () => {
      const co = await callOff([['CABLE', '10']]);
      const res = await ship(co, [
        [0, '6.25', { lotNo: 'C-1' }],
        [0, '4.25', { lotNo: 'C-2', expiryDate: null }],
      ]).expect(201);
      expect(res.body.lines.map((l: { lineNo: number; lotNo: string; qty: string }) => [l.lineNo, l.lotNo, l.qty])).toEqual([
        [1, 'C-1', '6.25'],
        [2, 'C-2', '4.25'],
      ]);
      const after = await getCallOff(co);
      expect(after).toMatchObject({ status: 'SHIPPED', lines: [expect.objectContaining({ shippedQty: '10.50', maxShippableQty: '0.00' })] });
      expect((await ship(co, [[0, '0.01']]).expect(422)).body.code).toBe('OVER_SHIPMENT');
    });

    it('refuses over-shipment cumulatively across two ASNs, allows the tolerance edge exactly', async () => {
      const co = await callOff([['BOLT', '100']]);
      await ship(co, [[0, '60']]).expect(201);
      const before = await written();
      const over = await ship(co, [[0, '46']]).expect(422);
      expect(over.body).toMatchObject({ status: 422, code: 'OVER_SHIPMENT', errors: [expect.objectContaining({ path: 'lines[0].qty' })] });
      expect(over.body.lines).toEqual([{ path: 'lines[0].qty', maxShippableQty: '45' }]);
      expect(await written()).toEqual(before);
      await ship(co, [[0, '45']]).expect(201);
      expect((await getCallOff(co)).lines[0]).toMatchObject({ shippedQty: '105', maxShippableQty: '0' });
      expect((await ship(co, [[0, '1']]).expect(422)).body.code).toBe('OVER_SHIPMENT');
    });

    it('ships exactly the confirmed quantity with zero tolerance (supplier 2), not one more', async () => {
      const co = await callOff([['BOLT', '5']], { supplier: 1 });
      expect((await ship(co, [[0, '6']], w.users.supplier2Admin).expect(422)).body.code).toBe('OVER_SHIPMENT');
      await ship(co, [[0, '5']], w.users.supplier2Admin).expect(201);
      expect((await getCallOff(co)).status).toBe('SHIPPED');
    });

    it('measures against the confirmed quantity, not the ordered one; a line confirmed at 0 takes nothing', async () => {
      const co = await callOff([
        ['BOLT', '100', '20'],
        ['GREASE', '3', '0'],
      ]);
      expect((await ship(co, [[0, '22']]).expect(422)).body.code).toBe('OVER_SHIPMENT');
      expect((await ship(co, [[1, '0.001']]).expect(422)).body.code).toBe('OVER_SHIPMENT');
      await ship(co, [[0, '21']]).expect(201);
      // The zero line needs nothing: everything expected is shipped.
      expect((await getCallOff(co)).status).toBe('SHIPPED');
    });

    it.each([
      ['OPEN', async (co: CallOffBody) => co],
      ['REJECTED', async (co: CallOffBody) => (await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplierAdmin).send({ reason: 'no' }).expect(200)).body],
      ['CANCELLED', async (co: CallOffBody) => (await t.api('post', `/call-offs/${co.id}/cancel`, w.users.planner).send({}).expect(200)).body],
    ])('refuses a call-off that is %s with 409 INVALID_STATE and writes nothing', async (_status, prepare) => {
      const co = await prepare(await callOff([['BOLT', '10']], { confirm: false }));
      const before = await written();
      const res = await ship(co, [[0, '1']]).expect(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATE', status: 409 });
      expect(await written()).toEqual(before);
    });

    it('refuses another supplier (404), another tenant (404), buyers (403), no token (401)', async () => {
      const co = await callOff([['BOLT', '10']]);
      const before = await written();
      expect((await ship(co, [[0, '1']], w.users.supplier2Admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await ship(co, [[0, '1']], other.users.supplierAdmin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await ship(co, [[0, '1']], w.users.planner).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await ship(co, [[0, '1']], w.users.warehouse).expect(403)).body.code).toBe('FORBIDDEN');
      await t.api('post', '/shipments').send({ callOffId: co.id, lines: [{ callOffLineId: co.lines[0]?.id, qty: 1 }] }).expect(401);
      const ghost = await t.api('post', '/shipments', w.users.supplierAdmin).send({ callOffId: '00000000-0000-4000-8000-000000000001', lines: [{ callOffLineId: co.lines[0]?.id, qty: 1 }] });
      expect(ghost.status).toBe(404);
      expect(await written()).toEqual(before);
    });

    it.each<[string, (co: CallOffBody, o: CallOffBody) => Record<string, unknown>, number, string]>([
      ['a line of another call-off', (co, o) => ({ callOffId: co.id, lines: [{ callOffLineId: o.lines[0]?.id, qty: '1' }] }), 422, 'lines[0].callOffLineId'],
      ['a zero quantity', (co) => ({ callOffId: co.id, lines: [{ callOffLineId: co.lines[0]?.id, qty: '0' }] }), 400, 'lines[0].qty'],
      ['too many decimals for the item', (co) => ({ callOffId: co.id, lines: [{ callOffLineId: co.lines[0]?.id, qty: '1.5' }] }), 400, 'lines[0].qty'],
      ['an impossible expiry date', (co) => ({ callOffId: co.id, lines: [{ callOffLineId: co.lines[0]?.id, qty: '1', expiryDate: '2027-13-01' }] }), 400, 'lines.0.expiryDate'],
      ['no lines', (co) => ({ callOffId: co.id, lines: [] }), 400, 'lines'],
      ['an unknown property', (co) => ({ callOffId: co.id, carrier: 'DHL', lines: [{ callOffLineId: co.lines[0]?.id, qty: '1' }] }), 400, 'carrier'],
    ])('refuses %s and writes nothing', async (_name, payload, status, path) => {
      const co = await callOff([['BOLT', '10']]);
      const o = await callOff([['BOLT', '10']]);
      const before = await written();
      const res = await t.api('post', '/shipments', w.users.supplierAdmin).send(payload(co, o)).expect(status);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await written()).toEqual(before);
    });

    it('replays an Idempotency-Key: same answer, one ASN, one journal', async () => {
      const co = await callOff([['BOLT', '10']]);
      const body = { callOffId: co.id, lines: [{ callOffLineId: co.lines[0]?.id, qty: '4', lotNo: 'IDEM' }] };
      const before = await written();
      const first = await t.api('post', '/shipments', w.users.supplierAdmin).set('Idempotency-Key', 'asn-1').send(body).expect(201);
      const again = await t.api('post', '/shipments', w.users.supplierUser).set('Idempotency-Key', 'asn-1').send(body).expect(201);
      expect(again.body).toEqual(first.body);
      const after = await written();
      expect(after).toEqual({ shipments: before.shipments + 1, lines: before.lines + 1, journals: before.journals + 1, seq: before.seq + 1 });
      expect((await getCallOff(co)).lines[0]?.shippedQty).toBe('4');
    });

    it('makes the call-off uncancellable and unconfirmable once something shipped (409)', async () => {
      const co = await callOff([['BOLT', '10']]);
      await ship(co, [[0, '1']]).expect(201);
      expect((await t.api('post', `/call-offs/${co.id}/cancel`, w.users.planner).send({}).expect(409)).body.code).toBe('INVALID_STATE');
      const reconfirm = await t
        .api('post', `/call-offs/${co.id}/confirm`, w.users.supplierAdmin)
        .send({ lines: [{ lineId: co.lines[0]?.id, confirmedQty: '5', promisedDate: '2026-06-01' }] })
        .expect(409);
      expect(reconfirm.body.code).toBe('INVALID_STATE');
      expect((await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplierAdmin).send({ reason: 'x' }).expect(409)).body.code).toBe('INVALID_STATE');
    });
  });

  describe('GET /shipments and /shipments/{id}', () => {
    let asn: { id: string; callOffId: string };
    let asn2: { id: string };
    beforeAll(async () => {
      const co = await callOff([['BOLT', '10']]);
      asn = (await ship(co, [[0, '3']]).expect(201)).body;
      const co2 = await callOff([['CABLE', '2']], { supplier: 1 });
      asn2 = (await ship(co2, [[0, '2']], w.users.supplier2Admin).expect(201)).body;
    });

    it('lets any buyer role and the shipping supplier read it, with receipts', async () => {
      for (const u of [w.users.planner, w.users.warehouse, w.users.finance, w.users.buyerAdmin, w.users.supplierAdmin, w.users.supplierUser]) {
        const res = await t.api('get', `/shipments/${asn.id}`, u).expect(200);
        expect(res.body).toMatchObject({ id: asn.id, status: 'IN_TRANSIT', receipts: [] });
      }
    });

    it('answers 404 to another supplier and another tenant', async () => {
      expect((await t.api('get', `/shipments/${asn.id}`, w.users.supplier2Admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await t.api('get', `/shipments/${asn.id}`, other.users.warehouse).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await t.api('get', `/shipments/${asn.id}`, other.users.supplierAdmin).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('get', `/shipments/${asn.id}`).expect(401);
    });

    it('lists per viewer and filters', async () => {
      const ids = async (u: TestUser, qs = '') => ((await t.api('get', `/shipments?limit=500${qs}`, u).expect(200)).body.items as Array<{ id: string }>).map((s) => s.id);
      const buyer = await ids(w.users.warehouse);
      expect(buyer).toEqual(expect.arrayContaining([asn.id, asn2.id]));
      const s2 = await ids(w.users.supplier2Admin);
      expect(s2).toContain(asn2.id);
      expect(s2).not.toContain(asn.id);
      const s1 = await ids(w.users.supplierAdmin);
      expect(s1).toContain(asn.id);
      expect(s1).not.toContain(asn2.id);
      expect(await ids(other.users.warehouse)).toEqual([]);
      expect(await ids(w.users.warehouse, `&callOffId=${asn.callOffId}`)).toEqual([asn.id]);
      const bySupplier2 = await ids(w.users.warehouse, `&supplierOrgId=${w.suppliers[1].id}`);
      expect(bySupplier2).toContain(asn2.id);
      expect(bySupplier2).not.toContain(asn.id);
      expect(await ids(w.users.warehouse, '&status=RECEIVED')).toEqual([]);
      await t.api('get', '/shipments?status=LOST', w.users.warehouse).expect(400);
    });
  });
});
