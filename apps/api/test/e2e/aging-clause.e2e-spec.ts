import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';
import { AgingClauseService } from '../../src/modules/aging-clause/aging-clause.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

describe('consignment aging clause', () => {
  let t: TestApp;
  let w: World;
  let s1: string;
  let s2: string;

  beforeAll(async () => {
    // Small batches, so a run walks several transactions.
    t = await createTestApp({ AGING_CLAUSE_BATCH: '3' });
    w = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const run = (user = w.users.finance) => t.api('post', '/jobs/aging-clause/run', user).send();
  const clause = (body: Record<string, unknown>, supplier = s1, user = w.users.buyerAdmin) => t.api('put', `/suppliers/${supplier}/aging-clause`, user).send(body);
  const titleJournals = async () =>
    (await t.api('get', '/ledger/journals?type=TITLE_TRANSFER&limit=500', w.users.finance).expect(200)).body.items as Array<Record<string, unknown>>;

  describe('PUT /suppliers/{id}/aging-clause', () => {
    it('sets, changes and removes the clause on the agreement', async () => {
      const res = await clause({ maxConsignmentDays: 60 }).expect(200);
      expect(res.body).toMatchObject({ supplierOrgId: s1, maxConsignmentDays: 60, agingNoticeDays: 14 });
      expect((await clause({ maxConsignmentDays: 45, agingNoticeDays: 7 }, s1, w.users.planner).expect(200)).body).toMatchObject({ maxConsignmentDays: 45, agingNoticeDays: 7 });
      expect((await clause({ maxConsignmentDays: null }).expect(200)).body).toMatchObject({ maxConsignmentDays: null, agingNoticeDays: 7 });
      const read = await t.api('get', `/suppliers/${s2}`, w.users.planner).expect(200);
      expect(read.body).toMatchObject({ maxConsignmentDays: null, agingNoticeDays: 14 });
      await clause({ maxConsignmentDays: 60, agingNoticeDays: 14 }).expect(200);
    });

    it('refuses bad values (400), an unlinked supplier (404) and other roles (403)', async () => {
      for (const body of [{}, { maxConsignmentDays: 0 }, { maxConsignmentDays: 3651 }, { maxConsignmentDays: '60' }, { maxConsignmentDays: 1.5 }, { maxConsignmentDays: 60, agingNoticeDays: -1 }, { maxConsignmentDays: 60, extra: 1 }]) {
        expect((await clause(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      const stranger = await t.createOrg('SUPPLIER');
      await clause({ maxConsignmentDays: 30 }, stranger.id).expect(404);
      await clause({ maxConsignmentDays: 30 }, s1, w.users.warehouse).expect(403);
      await clause({ maxConsignmentDays: 30 }, s1, w.users.supplierAdmin).expect(403);
      const agreement = await t.sql.query(`SELECT max_consignment_days FROM supplier_agreements WHERE tenant_id = $1 AND supplier_org_id = $2`, [w.buyer.id, s1]);
      expect(agreement.rows).toEqual([{ max_consignment_days: 60 }]);
    });

    it('POST /suppliers accepts the clause when linking', async () => {
      const buyer = await t.createOrg('BUYER');
      const admin = await t.createUser(buyer.id, 'BUYER', ['BUYER_ADMIN']);
      const res = await t.api('post', '/suppliers', admin).send({ supplierOrgId: s1, currency: 'EUR', receiptTolerancePct: '0', paymentTermsDays: 30, maxConsignmentDays: 120 }).expect(201);
      expect(res.body).toMatchObject({ maxConsignmentDays: 120, agingNoticeDays: 14 });
    });
  });

  describe('the job', () => {
    let transferredCableLayer: string;

    beforeAll(async () => {
      // supplier 1 (clause 60 days, notice 14)
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '10', lotNo: 'OLD', receivedAt: daysAgo(70) });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '5', lotNo: 'NOTICE', receivedAt: daysAgo(50) });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '7', lotNo: 'NEW', receivedAt: daysAgo(2) });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '2.5', lotNo: 'C-OLD', receivedAt: daysAgo(61) });
      // moved to VMI-2 after 65 days at VMI-1: its age travels with it
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.cable, qty: '4', lotNo: 'C-MOVED', receivedAt: daysAgo(65) });
      const moved = await t.api('post', '/transfers', w.users.warehouse).send({ fromLocationCode: 'VMI-1', toLocationCode: 'VMI-2', itemCode: 'CABLE', qty: '4' }).expect(201);
      transferredCableLayer = moved.body.moves[0].toLayerId;
      // supplier 2: no clause, however old
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '4', lotNo: 'S2-ANCIENT', receivedAt: daysAgo(100) });
    });

    it('leaves everything alone while today lies in a period closed for the supplier (and says so)', async () => {
      await t.sql.query(`INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to) VALUES ($1, $2, current_date - 3, current_date + 3)`, [w.buyer.id, s1]);
      const journals = await t.count('journals');
      const res = await run().expect(200);
      expect(res.body).toMatchObject({ tenants: 1, layersTransferred: 0, journals: 0, skippedPeriodClosed: 3, skippedNoPrice: 0 });
      expect(await t.count('journals')).toBe(journals);
      await t.sql.query(`DELETE FROM closed_periods WHERE tenant_id = $1 AND supplier_org_id = $2`, [w.buyer.id, s1]);
    });

    it('passes title of layers older than the clause to the buyer, stock where it lies, one journal per (site, item, supplier)', async () => {
      const res = await run().expect(200);
      expect(res.body).toMatchObject({ tenants: 1, layersTransferred: 3, journals: 2, skippedNoPrice: 0, skippedPeriodClosed: 0 });
      expect(res.body.runId).toMatch(/^[0-9a-f-]{36}$/);

      const journals = await titleJournals();
      expect(journals).toHaveLength(2);
      const bolt = journals.find((j) => (j['postings'] as Array<{ itemCode: string }>)[0]?.itemCode === 'BOLT') as Record<string, unknown>;
      expect(bolt).toMatchObject({ type: 'TITLE_TRANSFER', effectiveAt: today(), createdBy: null, supplierOrgIds: [s1], reference: 'AGING-CLAUSE 60d' });
      expect(bolt['postings']).toEqual([
        expect.objectContaining({ locationCode: 'VMI-1', ownerOrgId: s1, supplierOrgId: s1, lotNo: 'OLD', qty: '-10.000000', balanceAfter: '0.000000' }),
        expect.objectContaining({ locationCode: 'VMI-1', ownerOrgId: w.buyer.id, supplierOrgId: s1, lotNo: 'OLD', qty: '10.000000', balanceAfter: '10.000000' }),
      ]);
      // priced at the price in force now, like a consumption
      expect(bolt['transfers']).toEqual([expect.objectContaining({ supplierOrgId: s1, qty: '10.000000', unitPrice: '0.125000', currency: 'EUR', amount: '1.25', lotNo: 'OLD' })]);
      const cable = journals.find((j) => j !== bolt) as Record<string, unknown>;
      expect((cable['postings'] as Array<{ locationCode: string }>).every((p) => p.locationCode === 'VMI-2')).toBe(true);
      expect(cable['transfers']).toEqual([
        expect.objectContaining({ qty: '2.500000', lotNo: 'C-OLD', amount: '5.88' }),
        expect.objectContaining({ qty: '4.000000', lotNo: 'C-MOVED', amount: '9.40' }),
      ]);
      const moved = await t.sql.query(`SELECT count(*)::int AS n FROM aging_clause_transfers WHERE tenant_id = $1 AND layer_id = $2`, [w.buyer.id, transferredCableLayer]);
      expect(moved.rows[0].n).toBe(1);
      await assertLedgerInvariants(t);
    });

    it('the buyer now owns the aged stock at the same site, with its lot and age; the rest is untouched', async () => {
      const layers = (await t.api('get', '/stock/layers?locationCode=VMI-1&itemCode=BOLT', w.users.planner).expect(200)).body.items as Array<Record<string, unknown>>;
      expect(layers.map((l) => [l['lotNo'], l['ownerOrgId'] === w.buyer.id ? 'buyer' : l['ownerOrgId'] === s1 ? 's1' : 's2', l['remainingQty'], l['ageDays']])).toEqual([
        ['NOTICE', 's1', '5.000000', 50],
        ['NEW', 's1', '7.000000', 2],
        ['S2-ANCIENT', 's2', '4.000000', 100],
        ['OLD', 'buyer', '10.000000', 70],
      ]);
      const stock = (await t.api('get', '/stock?locationCode=VMI-1&itemCode=BOLT', w.users.planner).expect(200)).body.items;
      expect(stock).toEqual(expect.arrayContaining([expect.objectContaining({ ownerOrgId: w.buyer.id, onHand: '10.000000' })]));
      // the supplier no longer sees it as its stock
      const mine = (await t.api('get', '/stock?locationCode=VMI-1&itemCode=BOLT', w.users.supplierAdmin).expect(200)).body.items;
      expect(mine).toEqual([expect.objectContaining({ ownerOrgId: s1, onHand: '12.000000' })]);
    });

    it('is idempotent: a second run transfers nothing', async () => {
      const journals = await t.count('journals');
      const res = await run(w.users.buyerAdmin).expect(200);
      expect(res.body).toMatchObject({ layersTransferred: 0, journals: 0 });
      expect(await t.count('journals')).toBe(journals);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM aging_clause_runs WHERE tenant_id = $1 AND finished_at IS NOT NULL AND error IS NULL`, [w.buyer.id])).rows[0].n).toBe(3);
    });

    it('the database refuses a second transfer of the same layer version, whoever writes', async () => {
      const [row] = (await t.sql.query(`SELECT * FROM aging_clause_transfers WHERE tenant_id = $1 LIMIT 1`, [w.buyer.id])).rows;
      await expect(
        t.sql.query(
          `INSERT INTO aging_clause_transfers (tenant_id, layer_id, layer_version, journal_id, buyer_layer_id, supplier_org_id, item_id, location_id, qty, max_consignment_days, received_at, transferred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`,
          [row.tenant_id, row.layer_id, row.layer_version, row.journal_id, row.buyer_layer_id, row.supplier_org_id, row.item_id, row.location_id, row.qty, row.max_consignment_days, row.received_at],
        ),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(t.sql.query(`DELETE FROM aging_clause_transfers WHERE tenant_id = $1`, [w.buyer.id])).rejects.toMatchObject({ code: 'SBAO1' });
    });

    it('statements list the clause\'s title transfers like consumptions (type TITLE_TRANSFER, frozen price)', async () => {
      const res = await t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: today(), periodTo: today() }).expect(201);
      const clauseLines = (res.body.lines as Array<Record<string, unknown>>).filter((l) => l['journalType'] === 'TITLE_TRANSFER');
      expect(clauseLines).toHaveLength(3);
      expect(clauseLines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ itemCode: 'BOLT', supplierSku: 'S1-BOLT', locationCode: 'VMI-1', qty: '10.000000', unitPrice: '0.125000', amount: '1.25', reference: 'AGING-CLAUSE 60d' }),
          expect.objectContaining({ itemCode: 'CABLE', locationCode: 'VMI-2', qty: '4.000000', amount: '9.40' }),
        ]),
      );
      expect(res.body.totalAmount).toBe('16.53');
    });

    it('a clause transfer cannot be reversed (409 INVALID_STATE)', async () => {
      const [journal] = await titleJournals();
      const res = await t.api('post', `/ledger/journals/${(journal as { id: string }).id}/reverse`, w.users.finance).send({ reason: 'try' }).expect(409);
      expect(res.body.code).toBe('INVALID_STATE');
    });

    it('the buyer consumes its own stock without a title transfer, in FIFO order with the suppliers\' layers', async () => {
      const own = await t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '3', supplierOrgId: w.buyer.id }).expect(201);
      expect(own.body.transfers).toEqual([]);
      const journal = await t.api('get', `/ledger/journals/${own.body.journalId}`, w.users.finance).expect(200);
      expect(journal.body).toMatchObject({ type: 'CONSUMPTION', supplierOrgIds: [] });
      expect(journal.body.postings).toEqual([
        expect.objectContaining({ locationCode: 'VMI-1', ownerOrgId: w.buyer.id, lotNo: 'OLD', qty: '-3.000000' }),
        expect.objectContaining({ locationCode: 'CONSUMED', ownerOrgId: w.buyer.id, qty: '3.000000' }),
      ]);
      // across owners: the suppliers' layers come first (lower ids), then the buyer's
      const all = await t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '18' }).expect(201);
      expect(all.body.transfers.map((x: { lotNo: string; qty: string }) => [x.lotNo, x.qty])).toEqual([
        ['NOTICE', '5.000000'],
        ['NEW', '7.000000'],
        ['S2-ANCIENT', '4.000000'],
      ]);
      const batch = await t.api('post', '/consumptions/batch', w.users.warehouse).send({ lines: [{ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' }, { locationCode: 'VMI-2', itemCode: 'CABLE', qty: '0.5', supplierOrgId: w.buyer.id }] }).expect(201);
      expect(batch.body.journalIds).toHaveLength(2);
      expect(batch.body.transfers).toEqual([]);
      await assertLedgerInvariants(t);
    });

    it('aged layers without a price in force stay consignment stock and are counted', async () => {
      const { rows } = await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, 'WIDGET', 'no price', 'PCS', 0) RETURNING id`, [w.buyer.id]);
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: { id: rows[0].id }, qty: '3', receivedAt: daysAgo(90) });
      const res = await run().expect(200);
      expect(res.body).toMatchObject({ layersTransferred: 0, skippedNoPrice: 1 });
    });
  });

  describe('AGING warnings announce the clause', () => {
    it('raises AGING agingNoticeDays before the transfer, graver as the day nears, RED when due', async () => {
      const engine = t.app.get(WarningEngine);
      await engine.evaluateTimeDriven(w.buyer.id);
      const warnings = async () =>
        ((await t.api('get', '/warnings?kind=AGING&locationCode=VMI-1&itemCode=BOLT', w.users.planner).expect(200)).body.items as Array<Record<string, unknown>>).filter((x) => x['status'] !== 'RESOLVED');
      // NOTICE lot was consumed above; receive another 50-day-old layer of supplier 1
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '6', lotNo: 'NOTICE-2', receivedAt: daysAgo(50) });
      await engine.evaluateTimeDriven(w.buyer.id);
      expect((await warnings()).filter((x) => x['ownerOrgId'] === s1)).toEqual([
        expect.objectContaining({ kind: 'AGING', severity: 'YELLOW', ownerOrgId: s1, available: '6.000000', threshold: '60.000000' }),
      ]);
      // the supplier sees the notice on its own stock
      const seen = (await t.api('get', '/warnings?kind=AGING', w.users.supplierAdmin).expect(200)).body.items as Array<Record<string, unknown>>;
      expect(seen.some((x) => x['itemCode'] === 'BOLT' && x['locationCode'] === 'VMI-1')).toBe(true);

      await engine.evaluateTimeDriven(w.buyer.id, new Date(Date.now() + 6 * DAY));
      expect((await warnings()).find((x) => x['ownerOrgId'] === s1)).toMatchObject({ severity: 'ORANGE' });
      await engine.evaluateTimeDriven(w.buyer.id, new Date(Date.now() + 10 * DAY));
      expect((await warnings()).find((x) => x['ownerOrgId'] === s1)).toMatchObject({ severity: 'RED' });
      const snapshot = await t.sql.query(`SELECT snapshot FROM warnings WHERE tenant_id = $1 AND kind = 'AGING' AND owner_org_id = $2 AND status <> 'RESOLVED'`, [w.buyer.id, s1]);
      expect(snapshot.rows[0].snapshot).toMatchObject({ maxConsignmentDays: '60', titleTransferInDays: '0' });

      // the job transfers it (at the later instant); the notice resolves
      await t.app.get(AgingClauseService).run({ tenantId: w.buyer.id, asOf: new Date(Date.now() + 10 * DAY), trigger: 'MANUAL' });
      await engine.evaluateTimeDriven(w.buyer.id, new Date(Date.now() + 10 * DAY));
      expect((await warnings()).find((x) => x['ownerOrgId'] === s1)).toBeUndefined();
      await assertLedgerInvariants(t);
    });
  });

  describe('two API instances on one database', () => {
    let second: NestFastifyApplication;
    let w2: World;

    beforeAll(async () => {
      const url = (t.sql as unknown as { options: { connectionString: string } }).options.connectionString;
      second = await createApp(t.config, url);
      w2 = await createWorld(t);
      await t.sql.query(`UPDATE supplier_agreements SET max_consignment_days = 30 WHERE tenant_id = $1`, [w2.buyer.id]);
      // 40 aged layers over two suppliers, two sites, two items, and 5 young ones
      for (let i = 0; i < 45; i++) {
        await receiveStock(t, w2, {
          supplier: w2.suppliers[i % 2] as { id: string },
          location: i % 3 === 0 ? w2.locations.vmi2 : w2.locations.vmi1,
          item: i % 4 === 0 ? w2.items.cable : w2.items.bolt,
          qty: String(1 + (i % 5)),
          lotNo: `L${i}`,
          receivedAt: daysAgo(i < 40 ? 31 + i : 3),
        });
      }
    });
    afterAll(async () => {
      await second.close();
    });

    it('transfer every aged layer exactly once when both run the job at the same time', async () => {
      const server2 = second.getHttpServer();
      const runs = await Promise.all([
        t.api('post', '/jobs/aging-clause/run', w2.users.finance).send(),
        request(server2).post('/api/v1/jobs/aging-clause/run').set('Authorization', `Bearer ${w2.users.buyerAdmin.token}`).send(),
        t.api('post', '/jobs/aging-clause/run', w2.users.buyerAdmin).send(),
        request(server2).post('/api/v1/jobs/aging-clause/run').set('Authorization', `Bearer ${w2.users.finance.token}`).send(),
      ]);
      for (const r of runs) expect(r.status).toBe(200);
      expect(runs.reduce((n, r) => n + (r.body.layersTransferred as number), 0)).toBe(40);
      const once = await t.sql.query(
        `SELECT count(*)::int AS n, count(DISTINCT layer_id)::int AS layers FROM aging_clause_transfers WHERE tenant_id = $1`,
        [w2.buyer.id],
      );
      expect(once.rows[0]).toEqual({ n: 40, layers: 40 });
      const left = await t.sql.query(
        `SELECT count(*)::int AS n FROM balances b JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
          WHERE b.tenant_id = $1 AND b.location_kind = 'SITE' AND b.qty > 0 AND b.owner_org_id <> $1 AND rl.received_at < now() - interval '30 days'`,
        [w2.buyer.id],
      );
      expect(left.rows[0].n).toBe(0);
      const transfers = await t.sql.query(`SELECT count(*)::int AS n FROM title_transfers WHERE tenant_id = $1 AND kind = 'AGING_CLAUSE'`, [w2.buyer.id]);
      expect(transfers.rows[0].n).toBe(40);
      // and again from both: nothing left to do
      const again = await Promise.all([
        t.api('post', '/jobs/aging-clause/run', w2.users.finance).send(),
        request(server2).post('/api/v1/jobs/aging-clause/run').set('Authorization', `Bearer ${w2.users.finance.token}`).send(),
      ]);
      expect(again.map((r) => r.body.layersTransferred)).toEqual([0, 0]);
      await assertLedgerInvariants(t);
    });

    it('runs concurrently with consumptions of the same stock without errors or double counting', async () => {
      for (let i = 0; i < 12; i++) {
        await receiveStock(t, w2, { supplier: w2.suppliers[0], location: w2.locations.vmi1, item: w2.items.grease, qty: '1', receivedAt: daysAgo(40) });
      }
      const server2 = second.getHttpServer();
      const results = await Promise.all([
        request(server2).post('/api/v1/jobs/aging-clause/run').set('Authorization', `Bearer ${w2.users.finance.token}`).send(),
        ...Array.from({ length: 8 }, () => t.api('post', '/consumptions', w2.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'GREASE', qty: '1' })),
        t.api('post', '/jobs/aging-clause/run', w2.users.finance).send(),
      ]);
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      // every consumption succeeds (a consumption may take the buyer-owned successor), nothing is oversold
      expect(results.slice(1, 9).map((r) => r.status)).toEqual(Array(8).fill(201));
      const total = await t.sql.query(
        `SELECT coalesce(sum(qty), 0)::text AS q FROM balances WHERE tenant_id = $1 AND item_id = $2 AND location_kind = 'SITE'`,
        [w2.buyer.id, w2.items.grease.id],
      );
      expect(total.rows[0].q).toBe('4.000000');
      // a run now takes whatever SKIP LOCKED left behind
      await t.api('post', '/jobs/aging-clause/run', w2.users.finance).send().expect(200);
      const supplierOwned = await t.sql.query(
        `SELECT coalesce(sum(qty), 0)::text AS q FROM balances WHERE tenant_id = $1 AND item_id = $2 AND location_kind = 'SITE' AND owner_org_id <> $1`,
        [w2.buyer.id, w2.items.grease.id],
      );
      expect(supplierOwned.rows[0].q).toBe('0.000000');
      await assertLedgerInvariants(t);
    });

    it('needs FINANCE or BUYER_ADMIN, and runs only for the caller\'s tenant', async () => {
      await t.api('post', '/jobs/aging-clause/run', w2.users.warehouse).send().expect(403);
      await t.api('post', '/jobs/aging-clause/run', w2.users.planner).send().expect(403);
      await t.api('post', '/jobs/aging-clause/run', w2.users.supplierAdmin).send().expect(403);
      await t.api('post', '/jobs/aging-clause/run').send().expect(401);
      await t.api('post', '/jobs/aging-clause/run', w2.users.finance).send({ tenantId: w.buyer.id }).expect(400);
      const res = await t.api('post', '/jobs/aging-clause/run', w2.users.finance).send().expect(200);
      expect(res.body.tenants).toBe(1);
    });
  });
});
