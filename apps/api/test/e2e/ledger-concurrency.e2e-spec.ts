import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

/**
 * N parallel requests on the same stock for every posting endpoint: the balance rows are the
 * only arbiter (row locks in id order + CHECK qty ≥ 0), so exactly the stock there is gets
 * posted, nothing more, nothing twice, and no request ends in a 500.
 */
describe('ledger under concurrency', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const post = (path: string, body: Record<string, unknown>, user = w.users.warehouse) => t.api('post', path, user).send(body);
  const statuses = (rs: Array<{ status: number }>) => rs.map((r) => r.status).sort();
  const onHand = async (itemId: string, locationId: string) =>
    (
      await t.sql.query(`SELECT coalesce(sum(qty), 0)::text AS q FROM balances WHERE tenant_id = $1 AND item_id = $2 AND location_id = $3 AND location_kind = 'SITE'`, [
        w.buyer.id,
        itemId,
        locationId,
      ])
    ).rows[0].q as string;

  it('25 parallel consumptions of 1 unit on 10 units: exactly 10 × 201 and 15 × 409', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '4' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '6' });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => post('/consumptions', { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', reference: `P${i}` })));
    expect(statuses(results)).toEqual([...Array(10).fill(201), ...Array(15).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('INSUFFICIENT_STOCK');
    expect(await onHand(w.items.bolt.id, w.locations.vmi1.id)).toBe('0.000000');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n, sum(qty)::text AS q FROM title_transfers WHERE tenant_id = $1 AND item_id = $2`, [w.buyer.id, w.items.bolt.id]);
    expect(rows[0]).toEqual({ n: 10, q: '10.000000' });
  });

  it('parallel consumptions, returns, adjustments, batches and reversals on one item never oversell or deadlock into a 500', async () => {
    const s1 = w.suppliers[0].id;
    for (let i = 0; i < 4; i++) await receiveStock(t, w, { supplier: w.suppliers[i % 2], location: w.locations.vmi2, item: w.items.cable, qty: '5' });
    const first = await post('/consumptions', { locationCode: 'VMI-2', itemCode: 'CABLE', qty: '0.5' }).expect(201);
    const body = (i: number) => ({ locationCode: 'VMI-2', itemCode: 'CABLE', reference: `M${i}` });
    const requests = Array.from({ length: 30 }, (_, i) => {
      switch (i % 6) {
        case 0:
          return post('/consumptions', { ...body(i), qty: '1.5' });
        case 1:
          return post('/returns', { ...body(i), qty: '0.75', supplierOrgId: s1, reason: 'back' });
        case 2:
          return post('/adjustments', { ...body(i), countedQty: '3', supplierOrgId: i % 12 === 2 ? s1 : w.suppliers[1].id, reason: 'count' });
        case 3:
          return post('/consumptions/batch', { lines: [{ ...body(i), qty: '0.25' }, { ...body(i), qty: '0.5', supplierOrgId: s1 }] });
        case 4:
          return post('/consumptions', { ...body(i), qty: '0.01', supplierOrgId: s1 });
        default:
          return i === 5 ? t.api('post', `/ledger/journals/${first.body.journalId}/reverse`, w.users.finance).send({ reason: 'race' }) : post('/consumptions', { ...body(i), qty: '2' });
      }
    });
    const results = await Promise.all(requests);
    for (const r of results) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body.code).toBe('INSUFFICIENT_STOCK');
    }
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThan(5);
    const negative = await t.sql.query(`SELECT count(*)::int AS n FROM balances WHERE qty < 0`);
    expect(negative.rows[0].n).toBe(0);
  });

  it('parallel duplicates with one Idempotency-Key post once; the others answer the same or 409 IN_PROGRESS', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.wh, item: w.items.grease, qty: '100' });
    const before = await t.count('journals');
    const send = () => post('/consumptions', { locationCode: 'WH-1', itemCode: 'GREASE', qty: '1.5' }).set('Idempotency-Key', 'same-key-xyz');
    const results = await Promise.all(Array.from({ length: 8 }, send));
    expect(await t.count('journals')).toBe(before + 1);
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(r.body).toEqual(ok[0]?.body);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    expect(await onHand(w.items.grease.id, w.locations.wh.id)).toBe('98.500000');
  });

  it('parallel batches over overlapping items lock in one order and never deadlock', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '50' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.grease, qty: '50' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '50' });
    const a = { locationCode: 'VMI-1', itemCode: 'CABLE', qty: '1' };
    const b = { locationCode: 'VMI-1', itemCode: 'GREASE', qty: '1' };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => post('/consumptions/batch', { lines: i % 2 ? [a, b, a] : [b, a, b] })));
    expect(statuses(results)).toEqual(Array(12).fill(201));
    expect(await onHand(w.items.cable.id, w.locations.vmi1.id)).toBe(String(100 - 18) + '.000000');
    expect(await onHand(w.items.grease.id, w.locations.vmi1.id)).toBe(String(50 - 18) + '.000000');
  });
});
