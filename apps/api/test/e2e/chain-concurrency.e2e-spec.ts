import { Decimal } from '@stockbridge/domain';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { chainInvariants } from '../support/chain';

/**
 * The chain under parallel requests: the call-off row lock must make the cumulative tolerance
 * checks hold whatever the interleaving, and Idempotency-Key twins must post once.
 */
describe('chain concurrency', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await chainInvariants(t);
    await t.close();
  });

  async function confirmed(itemCode: string, qty: string): Promise<{ id: string; lineId: string }> {
    const co = await t
      .api('post', '/call-offs', w.users.planner)
      .send({ supplierOrgId: w.suppliers[0].id, locationCode: 'VMI-1', lines: [{ itemCode, qty, needBy: '2026-07-01' }] })
      .expect(201);
    await t
      .api('post', `/call-offs/${co.body.id}/confirm`, w.users.supplierAdmin)
      .send({ lines: [{ lineId: co.body.lines[0].id, confirmedQty: qty, promisedDate: '2026-06-30' }] })
      .expect(200);
    return { id: co.body.id, lineId: co.body.lines[0].id };
  }
  const shipBody = (co: { id: string; lineId: string }, qty: string) => ({ callOffId: co.id, lines: [{ callOffLineId: co.lineId, qty }] });
  const statuses = (results: Array<{ status: number }>) => results.map((r) => r.status).sort();
  const shippedOf = async (callOffId: string) => (await t.sql.query(`SELECT shipped_qty::text AS q FROM call_off_lines WHERE call_off_id = $1`, [callOffId])).rows[0].q as string;

  it('two parallel ASNs that together exceed the ceiling: exactly one 201', async () => {
    const co = await confirmed('BOLT', '100');
    const results = await Promise.all([0, 1].map(() => t.api('post', '/shipments', w.users.supplierAdmin).send(shipBody(co, '60'))));
    expect(statuses(results)).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)?.body.code).toBe('OVER_SHIPMENT');
    expect(new Decimal(await shippedOf(co.id)).toString()).toBe('60');
    expect((await t.sql.query(`SELECT 1 FROM shipments WHERE call_off_id = $1`, [co.id])).rowCount).toBe(1);
  });

  it('many parallel ASNs fill the ceiling (confirmed × 1.05) exactly and never beyond', async () => {
    const co = await confirmed('BOLT', '100');
    const results = await Promise.all(Array.from({ length: 8 }, () => t.api('post', '/shipments', w.users.supplierUser).send(shipBody(co, '15'))));
    // 7 × 15 = 105 = the ceiling; the 8th would be 120.
    expect(results.filter((r) => r.status === 201)).toHaveLength(7);
    expect(results.filter((r) => r.status === 422).map((r) => r.body.code)).toEqual(['OVER_SHIPMENT']);
    expect(new Decimal(await shippedOf(co.id)).toString()).toBe('105');
    const { rows } = await t.sql.query(`SELECT number FROM shipments WHERE call_off_id = $1 ORDER BY number`, [co.id]);
    // Gap-free numbers even though one transaction took a number and rolled back.
    const seq = rows.map((r) => parseInt((r.number as string).slice(-6), 10));
    expect(seq).toEqual(seq.map((_, i) => (seq[0] as number) + i));
  });

  it('parallel receipts on one ASN never over-receive', async () => {
    const co = await confirmed('CABLE', '10');
    const asn = (await t.api('post', '/shipments', w.users.supplierAdmin).send(shipBody(co, '10')).expect(201)).body;
    const receipt = () => t.api('post', `/shipments/${asn.id}/receive`, w.users.warehouse).send({ lines: [{ shipmentLineId: asn.lines[0].id, receivedQty: '3' }] });
    const results = await Promise.all(Array.from({ length: 5 }, receipt));
    // 3 × 3 = 9 ≤ 10.5; a 4th would make 12 > 10.5.
    expect(statuses(results)).toEqual([201, 201, 201, 422, 422]);
    const { rows } = await t.sql.query(`SELECT received_qty::text AS q FROM shipment_lines WHERE id = $1`, [asn.lines[0].id]);
    expect(new Decimal(rows[0].q).toString()).toBe('9');
    const last = await t.api('post', `/shipments/${asn.id}/receive`, w.users.warehouse).send({ lines: [{ shipmentLineId: asn.lines[0].id, receivedQty: '1.5' }] }).expect(201);
    expect(last.body).toMatchObject({ shipmentStatus: 'RECEIVED', overDeliveryJournalId: expect.any(String) });
  });

  it('a receipt racing a short close: one order or the other, never both for the same quantity', async () => {
    const co = await confirmed('BOLT', '10');
    const asn = (await t.api('post', '/shipments', w.users.supplierAdmin).send(shipBody(co, '10')).expect(201)).body;
    const [received, closed] = await Promise.all([
      t.api('post', `/shipments/${asn.id}/receive`, w.users.warehouse).send({ lines: [{ shipmentLineId: asn.lines[0].id, receivedQty: '10' }] }),
      t.api('post', `/shipments/${asn.id}/close-short`, w.users.warehouse).send({}),
    ]);
    const { rows } = await t.sql.query(`SELECT received_qty::text AS r, short_closed_qty::text AS c FROM shipment_lines WHERE id = $1`, [asn.lines[0].id]);
    const [r, c] = [new Decimal(rows[0].r), new Decimal(rows[0].c)];
    expect(r.plus(c).toString()).toBe('10');
    if (received.status === 201) {
      expect(closed.status).toBe(409);
      expect(c.toString()).toBe('0');
    } else {
      expect([received.status, closed.status]).toEqual([409, 201]);
      expect(r.toString()).toBe('0');
    }
  });

  it('parallel twins with one Idempotency-Key post one ASN and one journal', async () => {
    const co = await confirmed('BOLT', '50');
    const journals = await t.count('journals');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => t.api('post', '/shipments', w.users.supplierAdmin).set('Idempotency-Key', 'twin-asn').send(shipBody(co, '20'))),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // The others replay the first answer, or 409 while it was still running.
    for (const r of results) {
      if (r.status === 201) expect(r.body.id).toBe(ok[0]?.body.id);
      else expect(r.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_IN_PROGRESS' });
    }
    expect(await t.count('journals')).toBe(journals + 1);
    expect(new Decimal(await shippedOf(co.id)).toString()).toBe('20');
  });
});
