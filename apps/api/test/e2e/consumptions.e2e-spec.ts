import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe('POST /consumptions', () => {
  let t: TestApp;
  let w: World;
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const consume = (body: Record<string, unknown>, user = w.users.warehouse) => t.api('post', '/consumptions', user).send(body);
  const snapshot = async () => ({
    journals: await t.count('journals'),
    postings: await t.count('postings'),
    transfers: await t.count('title_transfers'),
    balances: (await t.sql.query(`SELECT sum(qty)::text AS s, sum(version)::text AS v FROM balances`)).rows[0],
  });

  it('takes the oldest layers first across owners, one title transfer per layer, priced and rounded per line', async () => {
    // cable (2 decimals) at VMI-2: s1 oldest (lot A), then s2, then s1 again.
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '3.5', lotNo: 'A', receivedAt: daysAgo(30) });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.cable, qty: '2', lotNo: 'B', receivedAt: daysAgo(20) });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '10', lotNo: 'C', receivedAt: daysAgo(10) });

    const res = await consume({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '6.33', reference: 'WO-1' }).expect(201);
    expect(res.body.journalId).toMatch(/^[0-9a-f-]{36}$/);
    // 3.5 × 2.35 = 8.225 → 8.23; 2 × 17.10 = 34.20; 0.83 × 2.35 = 1.9505 → 1.95
    expect(res.body.transfers).toEqual([
      expect.objectContaining({ supplierOrgId: s1, qty: '3.500000', unitPrice: '2.350000', currency: 'EUR', amount: '8.23', lotNo: 'A' }),
      expect.objectContaining({ supplierOrgId: s2, qty: '2.000000', unitPrice: '17.100000', currency: 'CNY', amount: '34.20', lotNo: 'B' }),
      expect.objectContaining({ supplierOrgId: s1, qty: '0.830000', unitPrice: '2.350000', currency: 'EUR', amount: '1.95', lotNo: 'C' }),
    ]);
    expect(new Date(res.body.transfers[0].receivedAt).getTime()).toBeLessThan(new Date(res.body.transfers[1].receivedAt).getTime());

    const journal = await t.api('get', `/ledger/journals/${res.body.journalId}`, w.users.finance).expect(200);
    expect(journal.body).toMatchObject({ type: 'CONSUMPTION', reference: 'WO-1', reversesJournalId: null });
    expect(journal.body.postings).toEqual([
      expect.objectContaining({ locationCode: 'VMI-2', itemCode: 'CABLE', ownerOrgId: s1, lotNo: 'A', qty: '-3.500000' }),
      expect.objectContaining({ locationCode: 'CONSUMED', itemCode: 'CABLE', ownerOrgId: w.buyer.id, lotNo: 'A', qty: '3.500000' }),
      expect.objectContaining({ locationCode: 'VMI-2', ownerOrgId: s2, lotNo: 'B', qty: '-2.000000' }),
      expect.objectContaining({ locationCode: 'CONSUMED', ownerOrgId: w.buyer.id, lotNo: 'B', qty: '2.000000' }),
      expect.objectContaining({ locationCode: 'VMI-2', ownerOrgId: s1, lotNo: 'C', qty: '-0.830000' }),
      expect.objectContaining({ locationCode: 'CONSUMED', ownerOrgId: w.buyer.id, lotNo: 'C', qty: '0.830000' }),
    ]);

    const layers = await t.api('get', '/stock/layers?locationCode=VMI-2&itemCode=CABLE', w.users.planner).expect(200);
    expect(layers.body.items).toEqual([expect.objectContaining({ ownerOrgId: s1, lotNo: 'C', remainingQty: '9.170000', ageDays: 10 })]);
  });

  it('takes only the named supplier\'s layers when supplierOrgId is given', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '5', lotNo: 'S2-OLD', receivedAt: daysAgo(50) });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '7', lotNo: 'S1-NEW', receivedAt: daysAgo(5) });
    const res = await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: 3, supplierOrgId: s1 }).expect(201);
    expect(res.body.transfers).toEqual([expect.objectContaining({ supplierOrgId: s1, qty: '3.000000', unitPrice: '0.125000', amount: '0.38', lotNo: 'S1-NEW' })]);
    const across = await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }).expect(201);
    expect(across.body.transfers).toEqual([expect.objectContaining({ supplierOrgId: s2, lotNo: 'S2-OLD', amount: '0.99' })]);
  });

  it('refuses a shortage with 409 INSUFFICIENT_STOCK and posts nothing', async () => {
    const before = await snapshot();
    const res = await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '9', supplierOrgId: s2 }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'INSUFFICIENT_STOCK', requested: '9', available: '4' });
    const none = await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1' }).expect(409);
    expect(none.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: '0' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses more decimals than the item allows with 400 VALIDATION_FAILED', async () => {
    const before = await snapshot();
    const res = await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1.5' }).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'qty' })] });
    await consume({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '0.001' }).expect(400);
    // Trailing zeros add no precision.
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1.000' }).expect(201);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '0' }).expect(400);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '-1' }).expect(400);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1e3' }).expect(400);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', extra: true }).expect(400);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', effectiveDate: '2026-02-30' }).expect(400);
    const after = await snapshot();
    expect(after.journals).toBe(before.journals + 1);
  });

  it('answers unknown codes and unlinked suppliers with 404 NOT_FOUND', async () => {
    const before = await snapshot();
    expect((await consume({ locationCode: 'NOPE', itemCode: 'BOLT', qty: '1' }).expect(404)).body.code).toBe('NOT_FOUND');
    await consume({ locationCode: 'VMI-1', itemCode: 'NOPE', qty: '1' }).expect(404);
    const stranger = await t.createOrg('SUPPLIER');
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: stranger.id }).expect(404);
    expect(await snapshot()).toEqual(before);
  });

  it('needs the WAREHOUSE role and a buyer token', async () => {
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }, w.users.planner).expect(403);
    await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }, w.users.supplierAdmin).expect(403);
    await t.api('post', '/consumptions').send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }).expect(401);
  });

  it('prices each consumption at the price in force at its own moment', async () => {
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.grease, qty: '10' });
    const first = await consume({ locationCode: 'VMI-1', itemCode: 'GREASE', qty: '1.5' }).expect(201);
    await t.api('put', `/suppliers/${s1}/items/GREASE`, w.users.buyerAdmin).send({ supplierSku: 'S1-GREASE', unitPrice: '9.999', leadTimeDays: 14 }).expect(200);
    const second = await consume({ locationCode: 'VMI-1', itemCode: 'GREASE', qty: '1.5' }).expect(201);
    expect(first.body.transfers[0]).toMatchObject({ unitPrice: '8.900000', amount: '13.35' });
    // 1.5 × 9.999 = 14.9985 → 15.00 (half-up)
    expect(second.body.transfers[0]).toMatchObject({ unitPrice: '9.999000', amount: '15.00' });
    const stored = await t.sql.query(`SELECT unit_price::text FROM title_transfers WHERE journal_id = $1`, [first.body.journalId]);
    expect(stored.rows).toEqual([{ unit_price: '8.900000' }]);
  });

  it('answers a replay with the same Idempotency-Key from storage and posts once', async () => {
    const body = { locationCode: 'VMI-1', itemCode: 'GREASE', qty: '0.25' };
    const before = await t.count('journals');
    const a = await consume(body).set('Idempotency-Key', 'consume-1').expect(201);
    const b = await consume(body).set('Idempotency-Key', 'consume-1').expect(201);
    expect(b.body).toEqual(a.body);
    expect(await t.count('journals')).toBe(before + 1);
    await consume({ ...body, qty: '0.5' }).set('Idempotency-Key', 'consume-1').expect(422);
  });

  it('stores a refusal as the key\'s answer: the same key never later succeeds', async () => {
    const body = { locationCode: 'VMI-2', itemCode: 'GREASE', qty: '1' };
    await consume(body).set('Idempotency-Key', 'consume-short').expect(409);
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty: '5' });
    const again = await consume(body).set('Idempotency-Key', 'consume-short').expect(409);
    expect(again.body.code).toBe('INSUFFICIENT_STOCK');
    await consume(body).set('Idempotency-Key', 'consume-short-2').expect(201);
  });

  it('writes the business date given, default today (UTC)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const a = await consume({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '0.1' }).expect(201);
    const b = await consume({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '0.1', effectiveDate: '2025-12-31' }).expect(201);
    const ja = await t.api('get', `/ledger/journals/${a.body.journalId}`, w.users.finance).expect(200);
    const jb = await t.api('get', `/ledger/journals/${b.body.journalId}`, w.users.finance).expect(200);
    expect(ja.body.effectiveAt).toBe(today);
    expect(jb.body.effectiveAt).toBe('2025-12-31');
    const tr = await t.sql.query(`SELECT to_char(effective_date, 'YYYY-MM-DD') AS d FROM title_transfers WHERE journal_id = $1`, [b.body.journalId]);
    expect(tr.rows).toEqual([{ d: '2025-12-31' }]);
  });

  it('refuses a date inside a closed period with 409 PERIOD_CLOSED, only for that supplier', async () => {
    await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, '2025-11-01', '2025-11-30')`, [w.buyer.id, s1]);
    const before = await snapshot();
    const res = await consume({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '0.1', effectiveDate: '2025-11-30' }).expect(409);
    expect(res.body).toMatchObject({ code: 'PERIOD_CLOSED', supplierOrgId: s1 });
    await consume({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '0.1', effectiveDate: '2025-11-01' }).expect(409);
    expect(await snapshot()).toEqual(before);
    await consume({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '0.1', effectiveDate: '2025-12-01' }).expect(201);
    // supplier 2's stock is not in a closed period
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.bolt, qty: '3' });
    await consume({ locationCode: 'VMI-2', itemCode: 'BOLT', qty: '1', effectiveDate: '2025-11-15' }).expect(201);
  });
});
