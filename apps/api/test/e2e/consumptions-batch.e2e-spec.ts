import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

describe('POST /consumptions/batch', () => {
  let t: TestApp;
  let w: World;
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '10', lotNo: 'A' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '10', lotNo: 'B' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '5.5', lotNo: 'C' });
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const batch = (lines: Array<Record<string, unknown>>, user = w.users.warehouse) => t.api('post', '/consumptions/batch', user).send({ lines });
  const state = async () => ({
    journals: await t.count('journals'),
    postings: await t.count('postings'),
    balances: (await t.sql.query(`SELECT string_agg(qty::text || '/' || version, ',' ORDER BY id) AS s FROM balances`)).rows[0].s,
  });

  it('posts one journal per line; later lines see what earlier lines took (FIFO across the batch)', async () => {
    const res = await batch([
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '6', reference: 'L0' },
      { locationCode: 'VMI-2', itemCode: 'CABLE', qty: 1.25 },
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '7', reference: 'L2', effectiveDate: '2026-01-02' },
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s2 },
    ]).expect(201);
    expect(res.body.journalIds).toHaveLength(4);
    expect(new Set(res.body.journalIds).size).toBe(4);
    const [j0, j1, j2, j3] = res.body.journalIds;
    expect(res.body.transfers).toEqual([
      expect.objectContaining({ lineNo: 0, journalId: j0, supplierOrgId: s1, lotNo: 'A', qty: '6.000000', amount: '0.75' }),
      expect.objectContaining({ lineNo: 1, journalId: j1, supplierOrgId: s1, lotNo: 'C', qty: '1.250000', amount: '2.94' }),
      expect.objectContaining({ lineNo: 2, journalId: j2, supplierOrgId: s1, lotNo: 'A', qty: '4.000000', amount: '0.50' }),
      expect.objectContaining({ lineNo: 2, journalId: j2, supplierOrgId: s2, lotNo: 'B', qty: '3.000000', amount: '2.97', currency: 'CNY' }),
      expect.objectContaining({ lineNo: 3, journalId: j3, supplierOrgId: s2, lotNo: 'B', qty: '1.000000' }),
    ]);
    const journal = await t.api('get', `/ledger/journals/${j2}`, w.users.finance).expect(200);
    expect(journal.body).toMatchObject({ type: 'CONSUMPTION', reference: 'L2', effectiveAt: '2026-01-02' });
    // running balances stay consistent when several lines hit one layer
    const postings = await t.sql.query(
      `SELECT balance_after::text, account_version FROM postings WHERE balance_id IS NOT NULL AND journal_id = ANY($1::uuid[]) ORDER BY id`,
      [res.body.journalIds],
    );
    expect(postings.rows).toEqual([
      { balance_after: '4.000000', account_version: '2' },
      { balance_after: '4.250000', account_version: '2' },
      { balance_after: '0.000000', account_version: '3' },
      { balance_after: '7.000000', account_version: '2' },
      { balance_after: '6.000000', account_version: '3' },
    ]);
  });

  it('is all or nothing: one short line refuses the whole batch with 409 naming the line', async () => {
    const before = await state();
    const res = await batch([
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' },
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '6' },
    ]).expect(409);
    expect(res.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', line: 1, requested: '6', available: '5', errors: [expect.objectContaining({ path: 'lines[1].qty' })] });
    expect(await state()).toEqual(before);
  });

  it('reports unknown codes, decimals, unlinked suppliers and closed periods per line, nothing posted', async () => {
    const before = await state();
    const nf = await batch([
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' },
      { locationCode: 'NOPE', itemCode: 'BOLT', qty: '1' },
    ]).expect(404);
    expect(nf.body.errors).toEqual([expect.objectContaining({ path: 'lines[1].locationCode' })]);
    const dec = await batch([{ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '0.5' }]).expect(400);
    expect(dec.body.errors).toEqual([expect.objectContaining({ path: 'lines[0].qty' })]);
    await batch([{ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '0' }]).expect(400);
    await batch([{ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: '00000000-0000-4000-8000-000000000000' }]).expect(404);
    await batch([]).expect(400);
    const malformed = await batch([
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', bogus: 1 },
      { locationCode: '', itemCode: 'BOLT', qty: '1e3', supplierOrgId: 'nope', effectiveDate: '2026-02-30', reference: 7 },
    ]).expect(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'lines[0].bogus',
      'lines[1].locationCode',
      'lines[1].qty',
      'lines[1].supplierOrgId',
      'lines[1].reference',
      'lines[1].effectiveDate',
    ]);
    await t.api('post', '/consumptions/batch', w.users.warehouse).send({ lines: ['x'] }).expect(400);
    await t.api('post', '/consumptions/batch', w.users.warehouse).send({ lines: 'x' }).expect(400);
    await batch(Array.from({ length: 1001 }, () => ({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }))).expect(400);
    await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, '2025-06-01', '2025-06-30')`, [w.buyer.id, s2]);
    const closed = await batch([
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', effectiveDate: '2025-06-15' },
      { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s2, effectiveDate: '2025-06-15' },
    ]).expect(409);
    expect(closed.body).toMatchObject({ code: 'PERIOD_CLOSED', supplierOrgId: s2 });
    await batch([{ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }], w.users.planner).expect(403);
    expect(await state()).toEqual(before);
  });

  it('replays an Idempotency-Key without posting again', async () => {
    const lines = [{ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '0.25' }];
    const a = await batch(lines).set('Idempotency-Key', 'batch-1').expect(201);
    const before = await t.count('journals');
    const b = await batch(lines).set('Idempotency-Key', 'batch-1').expect(201);
    expect(b.body).toEqual(a.body);
    expect(await t.count('journals')).toBe(before);
  });

  it('takes 1000 lines in one request', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.wh, item: w.items.grease, qty: '1000' });
    const res = await batch(Array.from({ length: 1000 }, (_, i) => ({ locationCode: 'WH-1', itemCode: 'GREASE', qty: '0.5', reference: `R${i}` }))).expect(201);
    expect(res.body.journalIds).toHaveLength(1000);
    expect(res.body.transfers).toHaveLength(1000);
    const layers = await t.api('get', '/stock/layers?locationCode=WH-1', w.users.planner).expect(200);
    expect(layers.body.items).toEqual([expect.objectContaining({ remainingQty: '500.000000' })]);
  });
});
