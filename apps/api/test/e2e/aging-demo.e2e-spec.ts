import { SeedService } from '../../src/seed/seed.service';
import { DEMO_PASSWORD } from '../../src/seed/demo-catalog';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertLedgerInvariants } from '../support/ledger-invariants';

/**
 * The demo world's aging clause (npm start): HUAYANG's agreement sets 45 days with 21 days'
 * notice; the demo's receipt layers make the oldest of its layers due (AGING RED), the job's
 * first run passes them to ACME, later layers keep a notice, and seeding twice adds nothing.
 */
describe('aging clause in the demo world', () => {
  let t: TestApp;
  let buyerId: string;
  let huayang: string;
  let nordbolt: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    expect(await t.app.get(SeedService).seedDemo()).toBe(true);
    const { rows } = await t.sql.query(`SELECT code, id FROM organizations WHERE code IN ('ACME', 'HUAYANG', 'NORDBOLT')`);
    const id = (code: string) => rows.find((r) => r.code === code)?.id as string;
    [buyerId, huayang, nordbolt] = [id('ACME'), id('HUAYANG'), id('NORDBOLT')];
    for (const email of ['finance@acme.example', 'planner@acme.example', 'admin@huayang.example']) {
      tokens[email] = (await t.api('post', '/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    }
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const as = (email: string, method: 'get' | 'post', path: string) => t.api(method, path).set('Authorization', `Bearer ${tokens[email]}`);
  const openAging = async (email = 'planner@acme.example') =>
    ((await as(email, 'get', '/warnings?kind=AGING&limit=500').expect(200)).body.items as Array<Record<string, unknown>>).filter((w) => w['status'] !== 'RESOLVED');

  /** HUAYANG's layers with stock at the VMI sites, by whole days of age. */
  const huayangLayers = async () =>
    (
      await t.sql.query(
        `SELECT floor(extract(epoch FROM (now() - rl.received_at)) / 86400)::int AS age
           FROM balances b JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
          WHERE b.tenant_id = $1 AND b.owner_org_id = $2 AND b.location_kind = 'SITE' AND b.qty > 0`,
        [buyerId, huayang],
      )
    ).rows.map((r) => r.age as number);

  it('HUAYANG has an aging clause of 45 days with 21 days notice, NORDBOLT none', async () => {
    const list = (await as('planner@acme.example', 'get', '/suppliers').expect(200)).body.items as Array<Record<string, unknown>>;
    expect(list.find((a) => a['supplierOrgId'] === huayang)).toMatchObject({ supplierCode: 'HUAYANG', maxConsignmentDays: 45, agingNoticeDays: 21 });
    expect(list.find((a) => a['supplierOrgId'] === nordbolt)).toMatchObject({ supplierCode: 'NORDBOLT', maxConsignmentDays: null });
  });

  it('announces due layers (RED) and those within the notice (YELLOW/ORANGE); the first run passes the due ones to ACME', async () => {
    const ages = await huayangLayers();
    const due = ages.filter((a) => a > 45).length;
    expect(due).toBeGreaterThan(0);
    expect(ages.some((a) => a <= 45 && a >= 45 - 21)).toBe(true);

    const engine = t.app.get(WarningEngine);
    await engine.evaluateTimeDriven(buyerId);
    const before = (await openAging()).filter((w) => w['ownerOrgId'] === huayang);
    expect(before.some((w) => w['severity'] === 'RED')).toBe(true);
    expect(before.some((w) => w['severity'] !== 'RED')).toBe(true);
    expect(before.every((w) => w['threshold'] === '45.000000')).toBe(true);
    // the supplier sees the notice on its own stock
    expect((await openAging('admin@huayang.example')).length).toBe(before.length);

    const run = await as('finance@acme.example', 'post', '/jobs/aging-clause/run').send({}).expect(200);
    expect(run.body).toMatchObject({ layersTransferred: due, skippedNoPrice: 0, skippedPeriodClosed: 0 });
    expect(run.body.journals).toBeGreaterThan(0);
    expect((await huayangLayers()).every((a) => a <= 45)).toBe(true);
    const own = await as('planner@acme.example', 'get', `/stock?ownerOrgId=${buyerId}&limit=500`).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    const journals = await as('finance@acme.example', 'get', '/ledger/journals?type=TITLE_TRANSFER&limit=500').expect(200);
    expect(journals.body.items).toHaveLength(run.body.journals);

    // the transferred stock's notices resolve; the younger layers stay announced, none due
    await engine.evaluateTimeDriven(buyerId);
    const after = (await openAging()).filter((w) => w['ownerOrgId'] === huayang);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((w) => w['severity'] === 'RED')).toBe(false);

    // a second run finds nothing left
    expect((await as('finance@acme.example', 'post', '/jobs/aging-clause/run').send({}).expect(200)).body).toMatchObject({ layersTransferred: 0, journals: 0 });
  });

  it('seeding again adds nothing (npm start twice)', async () => {
    const tables = ['organizations', 'users', 'locations', 'items', 'supplier_agreements', 'price_list_entries', 'journals', 'postings', 'receipt_layers'];
    const counts = async () => Promise.all(tables.map((table) => t.count(table)));
    const before = await counts();
    expect(await t.app.get(SeedService).seedDemo()).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
