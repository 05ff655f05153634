import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Decimal } from '@stockbridge/domain';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestApp, TEST_JWT_SECRET, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { until } from '../support/api-process';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';

/**
 * Scale-out (docs/scaling.md): two API instances on one database, each with its upload worker
 * and warnings engine running. Requests alternate between them. Nothing is processed twice:
 * an Idempotency-Key sent to both at once posts once, every upload job is claimed once,
 * outbox-driven warnings and the automatic call-offs they raise are never duplicated.
 */
const ENV = {
  UPLOAD_WORKER: 'true',
  UPLOAD_JOB_POLL_MS: '50',
  UPLOAD_JOB_LEASE_SECONDS: '30',
  UPLOAD_ASYNC_THRESHOLD_ROWS: '10',
  DB_POOL_SIZE: '6',
};

describe('two API instances on one database', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let w: World;
  const servers = () => [t.app.getHttpServer(), second.getHttpServer()];
  const on = (i: number, method: 'get' | 'post' | 'put', path: string, user: TestUser) =>
    request(servers()[i % 2])[method](`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`);

  beforeAll(async () => {
    t = await createTestApp(ENV);
    const url = (t.sql as unknown as { options: { connectionString: string } }).options.connectionString;
    second = await createApp(loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PORTAL_DIR: 'none', LOG_LEVEL: 'silent', ...ENV }), url);
    w = await createWorld(t);
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '150' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '5000' });
  });
  afterAll(async () => {
    await second.close();
    await assertLedgerInvariants(t);
    await t.close();
  });

  it('the same Idempotency-Key sent to both instances at once posts once (20 keys)', async () => {
    const before = await t.count('journals');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        Promise.all(
          [0, 1, 2, 3].map((i) => on(i, 'post', '/consumptions', w.users.warehouse).set('Idempotency-Key', `two-inst-${k}`).send({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1.5', reference: `TWO-${k}` })),
        ),
      ),
    );
    for (const answers of results) {
      const ok = answers.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      // Every 201 is the same posting; the others are told the first is still running.
      expect(new Set(ok.map((r) => r.body.journalId)).size).toBe(1);
      for (const r of answers) if (r.status !== 201) expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_IN_PROGRESS' });
    }
    expect(await t.count('journals')).toBe(before + 20);
    const { rows } = await t.sql.query(`SELECT reference, count(*)::int AS n FROM journals WHERE reference LIKE 'TWO-%' GROUP BY 1 HAVING count(*) <> 1`);
    expect(rows).toEqual([]);
  });

  it('upload jobs submitted to both instances are each claimed and applied exactly once', async () => {
    const ids: string[] = [];
    for (let j = 0; j < 6; j++) {
      const lines = ['site_code,item_code,available_qty,lot_no', ...Array.from({ length: 200 }, (_, i) => `TWO-WH-${j},BOLT,${i},L${i}`)];
      const res = await on(j, 'post', `/supplier-inventory/uploads?buyerOrgId=${w.buyer.id}&mode=DELTA`, w.users.supplierAdmin).attach('file', Buffer.from(lines.join('\n') + '\n'), `two-${j}.csv`);
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    await until(async () => {
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM supplier_inventory_uploads WHERE id = ANY($1::uuid[]) AND status = 'PROCESSING'`, [ids]);
      return rows[0].n === 0;
    }, 50);
    const { rows } = await t.sql.query<{ status: string; attempts: number; history: number; rows: number }>(
      `SELECT u.status, u.attempts,
              (SELECT count(*)::int FROM supplier_inventory_history h WHERE h.upload_id = u.id) AS history,
              (SELECT count(*)::int FROM supplier_inventory s WHERE s.upload_id = u.id) AS rows
         FROM supplier_inventory_uploads u WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toEqual({ status: 'APPLIED', attempts: 1, history: 200, rows: 200 });
  });

  it('warnings and automatic call-offs follow stock changes made through both instances, never twice', async () => {
    await on(0, 'put', '/stock-policies', w.users.planner)
      .send({ locationCode: 'VMI-1', itemCode: 'BOLT', minQty: '100', maxQty: '200', autoCallOff: true, preferredSupplierOrgId: w.suppliers[0].id })
      .expect(200);
    // 150 on hand → 70, one unit at a time, alternating instances, four at once: LOW_WATER
    // goes YELLOW, ORANGE (auto call-off), RED, re-graded by whichever engine claims the outbox.
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all([0, 1, 2, 3].map((i) => on(i + round, 'post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' })));
      for (const r of answers) expect(r.status).toBe(201);
    }
    await until(async () => (await t.sql.query(`SELECT count(*)::int AS n FROM warning_outbox`)).rows[0].n === 0, 50);
    // Both engines idle again (a batch claimed last commits before the outbox looks empty to us).
    await t.app.get(WarningEngine).drain();
    await second.get(WarningEngine).drain();

    const { rows: open } = await t.sql.query(
      `SELECT kind, location_id, item_id, owner_org_id, count(*)::int AS n FROM warnings WHERE tenant_id = $1 AND status <> 'RESOLVED' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
      [w.buyer.id],
    );
    expect(open).toEqual([]);
    const { rows: lw } = await t.sql.query(`SELECT severity, available::text FROM warnings WHERE tenant_id = $1 AND kind = 'LOW_WATER' AND status <> 'RESOLVED'`, [w.buyer.id]);
    expect(lw).toEqual([{ severity: 'RED', available: expect.any(String) }]);
    expect(new Decimal(lw[0].available).toString()).toBe('70');

    // Auto call-offs top the site up to max exactly: ordered twice, it would be more.
    const { rows: ordered } = await t.sql.query<{ q: string; n: number }>(
      `SELECT coalesce(sum(coalesce(cl.confirmed_qty, cl.qty) - cl.shipped_qty), 0)::text AS q, count(DISTINCT c.id)::int AS n
         FROM call_offs c JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
        WHERE c.tenant_id = $1 AND c.location_id = $2 AND cl.item_id = $3 AND c.status IN ('OPEN', 'CONFIRMED')`,
      [w.buyer.id, w.locations.vmi1.id, w.items.bolt.id],
    );
    expect(ordered[0]?.n).toBeGreaterThanOrEqual(1);
    expect(new Decimal(ordered[0]?.q as string).plus(70).toString()).toBe('200');
  });
});
