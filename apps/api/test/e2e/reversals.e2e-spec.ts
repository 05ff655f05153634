import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

describe('POST /ledger/journals/{id}/reverse', () => {
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

  const consume = (body: Record<string, unknown>) => t.api('post', '/consumptions', w.users.warehouse).send(body);
  const reverse = (id: string, user = w.users.finance, body: Record<string, unknown> = { reason: 'wrong item booked' }) =>
    t.api('post', `/ledger/journals/${id}/reverse`, user).send(body);
  const onHand = async (locationCode: string, itemCode: string) => {
    const res = await t.api('get', `/stock?locationCode=${locationCode}&itemCode=${itemCode}`, w.users.planner).expect(200);
    return Object.fromEntries(res.body.items.map((r: { ownerOrgId: string; onHand: string }) => [r.ownerOrgId, r.onHand]));
  };

  it('mirrors a consumption: stock comes back to the same layers, title transfers are reversed with negative rows', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '2', lotNo: 'L1' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '5', lotNo: 'L2' });
    const c = await consume({ locationCode: 'VMI-1', itemCode: 'CABLE', qty: '3.01', reference: 'WO-9' }).expect(201);
    expect(await onHand('VMI-1', 'CABLE')).toEqual({ [w.suppliers[1].id]: '3.990000' });

    const r = await reverse(c.body.journalId).expect(201);
    expect(r.body).toMatchObject({ type: 'REVERSAL', reversesJournalId: c.body.journalId, reference: 'WO-9', reason: 'wrong item booked' });
    expect(r.body.postings).toEqual([
      expect.objectContaining({ locationCode: 'VMI-1', lotNo: 'L1', qty: '2.000000', balanceAfter: '2.000000', accountVersion: 3 }),
      expect.objectContaining({ locationCode: 'CONSUMED', lotNo: 'L1', qty: '-2.000000' }),
      expect.objectContaining({ locationCode: 'VMI-1', lotNo: 'L2', qty: '1.010000', balanceAfter: '5.000000', accountVersion: 3 }),
      expect.objectContaining({ locationCode: 'CONSUMED', lotNo: 'L2', qty: '-1.010000' }),
    ]);
    // 2 × 2.35 = 4.70 EUR; 1.01 × 17.10 = 17.271 → 17.27 CNY
    expect(r.body.transfers).toEqual([
      expect.objectContaining({ supplierOrgId: w.suppliers[0].id, qty: '-2.000000', unitPrice: '2.350000', amount: '-4.70', currency: 'EUR' }),
      expect.objectContaining({ supplierOrgId: w.suppliers[1].id, qty: '-1.010000', unitPrice: '17.100000', amount: '-17.27', currency: 'CNY' }),
    ]);
    expect(await onHand('VMI-1', 'CABLE')).toEqual({ [w.suppliers[0].id]: '2.000000', [w.suppliers[1].id]: '5.000000' });
    const stored = await t.sql.query(
      `SELECT t.qty::text, t.amount::text, t.reverses_transfer_id IS NOT NULL AS reverses FROM title_transfers t WHERE t.tenant_id = $1 AND t.journal_id = $2 ORDER BY t.id`,
      [w.buyer.id, r.body.id],
    );
    expect(stored.rows).toEqual([
      { qty: '-2.000000', amount: '-4.70', reverses: true },
      { qty: '-1.010000', amount: '-17.27', reverses: true },
    ]);
    const original = await t.api('get', `/ledger/journals/${c.body.journalId}`, w.users.finance).expect(200);
    expect(original.body.reversedByJournalId).toBe(r.body.id);
  });

  it('reverses at most once: the second attempt is 409 ALREADY_REVERSED and writes nothing', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.bolt, qty: '10' });
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '4' }).expect(201);
    await reverse(c.body.journalId, w.users.warehouse).expect(201);
    const before = await t.count('postings');
    const again = await reverse(c.body.journalId).expect(409);
    expect(again.body.code).toBe('ALREADY_REVERSED');
    expect(await t.count('postings')).toBe(before);
  });

  it('posts exactly one reversal when two race', async () => {
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(201);
    const results = await Promise.all([reverse(c.body.journalId), reverse(c.body.journalId), reverse(c.body.journalId, w.users.warehouse)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('ALREADY_REVERSED');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM journals WHERE reverses_journal_id = $1`, [c.body.journalId]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses reversing a reversal (409 INVALID_STATE)', async () => {
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(201);
    const r = await reverse(c.body.journalId).expect(201);
    const res = await reverse(r.body.id).expect(409);
    expect(res.body.code).toBe('INVALID_STATE');
  });

  it('refuses a reversal that would make stock negative (409 INSUFFICIENT_STOCK), nothing written', async () => {
    const rc = await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.cable, qty: '3' });
    await consume({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '2', supplierOrgId: w.suppliers[1].id }).expect(201);
    const before = { journals: await t.count('journals'), postings: await t.count('postings') };
    const res = await reverse(rc.receiptJournalId).expect(409);
    expect(res.body.code).toBe('INSUFFICIENT_STOCK');
    expect({ journals: await t.count('journals'), postings: await t.count('postings') }).toEqual(before);
    // what is left can still be returned; a reversal of the untouched shipment is refused too (nothing in transit)
    await reverse(rc.shipmentJournalId).expect(409);
  });

  it('reverses a receipt while its layer is untouched: back in transit', async () => {
    const rc = await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.wh, item: w.items.grease, qty: '1.25' });
    const r = await reverse(rc.receiptJournalId).expect(201);
    expect(r.body.postings).toEqual([
      expect.objectContaining({ locationCode: 'IN_TRANSIT', qty: '1.250000', balanceAfter: '1.250000' }),
      expect.objectContaining({ locationCode: 'WH-1', qty: '-1.250000', balanceAfter: '0.000000' }),
    ]);
    const stock = await t.api('get', '/stock?locationCode=WH-1&itemCode=GREASE', w.users.planner).expect(200);
    expect(stock.body.items).toEqual([expect.objectContaining({ onHand: '0.000000', inTransit: '1.250000' })]);
  });

  it('checks the closed period against the reversal\'s own business date', async () => {
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', effectiveDate: '2025-10-10' }).expect(201);
    await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, '2025-10-01', '2025-10-31')`, [
      w.buyer.id,
      w.suppliers[0].id,
    ]);
    const res = await reverse(c.body.journalId, w.users.finance, { reason: 'x', effectiveDate: '2025-10-31' }).expect(409);
    expect(res.body.code).toBe('PERIOD_CLOSED');
    const ok = await reverse(c.body.journalId, w.users.finance, { reason: 'x' }).expect(201);
    expect(ok.body.effectiveAt).toBe(new Date().toISOString().slice(0, 10));
  });

  it('validates the request and the role', async () => {
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(201);
    await reverse(c.body.journalId, w.users.finance, {}).expect(400);
    await reverse(c.body.journalId, w.users.finance, { reason: 'x', extra: 1 }).expect(400);
    await reverse(c.body.journalId, w.users.planner).expect(403);
    await reverse(c.body.journalId, w.users.supplierAdmin).expect(403);
    await reverse('00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('answers a replayed Idempotency-Key with the first reversal', async () => {
    const c = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(201);
    const a = await reverse(c.body.journalId).set('Idempotency-Key', 'rev-1').expect(201);
    const b = await reverse(c.body.journalId).set('Idempotency-Key', 'rev-1').expect(201);
    expect(b.body).toEqual(a.body);
  });
});
