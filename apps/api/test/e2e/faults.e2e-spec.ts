import { Client } from 'pg';
import request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { startApiProcess, until, type ApiProcess } from '../support/api-process';
import { sqlOnlyTestApp, startDedicatedPostgres, type DedicatedPostgres } from '../support/dedicated-postgres';
import { startSlowProxy, type SlowProxy } from '../support/tcp-proxy';

/**
 * Fault tests (QUALITY.md "Reliability"), against the real API process (main.ts in a child
 * process):
 * - kill -9 in the middle of a batch consumption and of an upload job, then restart: nothing
 *   partial, the job resumed to completion, the retried batch posted once, the ledger verified;
 * - PostgreSQL stopped (`pg_ctl stop -m immediate`, a server of the test's own) while the API
 *   takes requests: 503 problem+json, no crash on the dead idle connections, back by itself
 *   once the server is;
 * - a slow database (a delaying TCP proxy) and a blocked query: 503 on timeout, not a hang.
 *
 * "Mid-apply" is made deterministic by a trigger the test installs on its own database: it
 * waits for an advisory lock the test holds, after the request has already written.
 */

const HOLD_LOCK = 747_474;
const urlOf = (t: TestApp) => (t.sql as unknown as { options: { connectionString: string } }).options.connectionString;

/** Makes every INSERT statement into `table` wait (inside the writer's transaction) until the test releases HOLD_LOCK. */
async function installHold(t: TestApp, table: string): Promise<void> {
  await t.sql.query(`CREATE OR REPLACE FUNCTION sb_fault_hold() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD_LOCK}); RETURN NULL; END $$`);
  await t.sql.query(`CREATE TRIGGER sb_fault_hold AFTER INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION sb_fault_hold()`);
}
async function removeHold(t: TestApp, table: string): Promise<void> {
  await t.sql.query(`DROP TRIGGER IF EXISTS sb_fault_hold ON ${table}`);
}
/** The backend of another session waiting on HOLD_LOCK after having written (it has an xid). */
async function heldWriter(t: TestApp): Promise<number | null> {
  const { rows } = await t.sql.query<{ pid: number }>(
    `SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
      WHERE l.locktype = 'advisory' AND NOT l.granted AND l.objid = $1 AND a.backend_xid IS NOT NULL AND a.datname = current_database()`,
    [HOLD_LOCK],
  );
  return rows[0]?.pid ?? null;
}
async function backendGone(t: TestApp, pid: number): Promise<boolean> {
  const { rows } = await t.sql.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid]);
  return rows.length === 0;
}

describe('faults: kill -9 of the API process mid-write', () => {
  let t: TestApp;
  let w: World;
  let holder: Client;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_WORKER: 'false' });
    w = await createWorld(t);
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '5000' });
    holder = new Client({ connectionString: urlOf(t) });
    await holder.connect();
  });
  afterAll(async () => {
    for (const a of apis) await a.kill9();
    await holder.end();
    await assertLedgerInvariants(t);
    await t.close();
  });

  const start = async (env: Record<string, string> = {}) => {
    const api = await startApiProcess(urlOf(t), { UPLOAD_WORKER: 'false', ...env });
    apis.push(api);
    return api;
  };
  const verify = async () => (await t.api('get', '/ledger/verify', w.users.finance).expect(200)).body as { balanced: boolean; journalsChecked: number };

  it('a batch consumption killed after it wrote leaves nothing; retried with its key after a restart it posts once', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => ({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: w.suppliers[0].id, reference: `KILL-${i}` }));
    const journalsBefore = await t.count('journals');
    const stockBefore = (await t.sql.query(`SELECT coalesce(sum(qty), 0)::text AS q FROM balances WHERE tenant_id = $1 AND location_kind = 'SITE'`, [w.buyer.id])).rows[0].q;

    const api = await start();
    await installHold(t, 'title_transfers');
    await holder.query('SELECT pg_advisory_lock($1)', [HOLD_LOCK]);
    const pending = request(api.base)
      .post('/api/v1/consumptions/batch')
      .set('Authorization', `Bearer ${w.users.warehouse.token}`)
      .set('Idempotency-Key', 'kill-batch-1')
      .send({ lines })
      .then(
        (r) => r.status,
        () => 'connection lost',
      );
    let pid: number | null = null;
    await until(async () => (pid = await heldWriter(t)) !== null);
    await api.kill9();
    expect(await pending).toBe('connection lost');
    await holder.query('SELECT pg_advisory_unlock($1)', [HOLD_LOCK]);
    // The server finds the client gone and rolls the transaction back.
    await until(() => backendGone(t, pid as number));
    await removeHold(t, 'title_transfers');

    expect(await t.count('journals')).toBe(journalsBefore);
    const { rows: keys } = await t.sql.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'kill-batch-1'`);
    expect(keys[0].n).toBe(0);
    expect((await t.sql.query(`SELECT coalesce(sum(qty), 0)::text AS q FROM balances WHERE tenant_id = $1 AND location_kind = 'SITE'`, [w.buyer.id])).rows[0].q).toBe(stockBefore);
    expect((await verify()).balanced).toBe(true);

    // Restart; the client retries with the same key: posted once, and a replay answers the same.
    const again = await start();
    const retry = await request(again.base).post('/api/v1/consumptions/batch').set('Authorization', `Bearer ${w.users.warehouse.token}`).set('Idempotency-Key', 'kill-batch-1').send({ lines });
    expect(retry.status).toBe(201);
    expect(retry.body.journalIds).toHaveLength(400);
    const replay = await request(again.base).post('/api/v1/consumptions/batch').set('Authorization', `Bearer ${w.users.warehouse.token}`).set('Idempotency-Key', 'kill-batch-1').send({ lines });
    expect(replay.status).toBe(201);
    expect(replay.body.journalIds).toEqual(retry.body.journalIds);
    expect(await t.count('journals')).toBe(journalsBefore + 400);
    expect((await verify()).balanced).toBe(true);
  }, 180_000);

  it('an upload job killed mid-apply leaves nothing applied and is resumed to completion by the restarted API', async () => {
    const rows = ['site_code,item_code,available_qty,lot_no', ...Array.from({ length: 3000 }, (_, i) => `KILL-WH-${i % 30},BOLT,${i},L${i}`)];
    const file = Buffer.from(rows.join('\n') + '\n');
    const jobEnv = { UPLOAD_WORKER: 'true', UPLOAD_ASYNC_THRESHOLD_ROWS: '100', UPLOAD_JOB_LEASE_SECONDS: '2', UPLOAD_JOB_POLL_MS: '50' };
    const api = await start(jobEnv);
    await installHold(t, 'supplier_inventory_history');
    await holder.query('SELECT pg_advisory_lock($1)', [HOLD_LOCK]);
    const res = await request(api.base)
      .post('/api/v1/supplier-inventory/uploads')
      .query({ buyerOrgId: w.buyer.id })
      .set('Authorization', `Bearer ${w.users.supplierAdmin.token}`)
      .attach('file', file, 'kill.csv');
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    let pid: number | null = null;
    await until(async () => (pid = await heldWriter(t)) !== null);
    await api.kill9();
    await holder.query('SELECT pg_advisory_unlock($1)', [HOLD_LOCK]);
    await until(() => backendGone(t, pid as number));
    await removeHold(t, 'supplier_inventory_history');

    const count = async (sql: string) => (await t.sql.query(sql, [id])).rows[0].n as number;
    expect((await t.sql.query(`SELECT status FROM supplier_inventory_uploads WHERE id = $1`, [id])).rows[0].status).toBe('PROCESSING');
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = $1`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_history WHERE upload_id = $1`)).toBe(0);

    const again = await start(jobEnv);
    let body: Record<string, unknown> = {};
    await until(async () => {
      const r = await request(again.base).get(`/api/v1/supplier-inventory/uploads/${id}`).set('Authorization', `Bearer ${w.users.supplierAdmin.token}`);
      body = r.body;
      return r.status === 200 && body['status'] !== 'PROCESSING';
    }, 100);
    expect(body).toMatchObject({ status: 'APPLIED', totalRows: 3000, validRows: 3000 });
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = $1`)).toBe(3000);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_history WHERE upload_id = $1`)).toBe(3000);
    expect((await verify()).balanced).toBe(true);
  }, 180_000);
});

describe('faults: the database goes away and comes back, or is slow', () => {
  let pg: DedicatedPostgres;
  let t: TestApp;
  let w: World;
  let api: ApiProcess;
  let proxy: SlowProxy | null = null;
  let slowApi: ApiProcess | null = null;

  beforeAll(async () => {
    pg = await startDedicatedPostgres();
    t = sqlOnlyTestApp(pg.url);
    w = await createWorld(t);
    api = await startApiProcess(pg.url, { DB_POOL_SIZE: '4', UPLOAD_WORKER: 'true', UPLOAD_JOB_POLL_MS: '200' });
    // Stock through the chain, over HTTP.
    const http = (u: TestUser) => ({
      post: (path: string, body: object) => request(api.base).post(`/api/v1${path}`).set('Authorization', `Bearer ${u.token}`).send(body),
    });
    const co = await http(w.users.planner).post('/call-offs', { supplierOrgId: w.suppliers[0].id, locationCode: 'VMI-1', lines: [{ itemCode: 'BOLT', qty: '100000', needBy: '2030-12-31' }] });
    expect(co.status).toBe(201);
    const line = co.body.lines[0].id as string;
    expect((await http(w.users.supplierAdmin).post(`/call-offs/${co.body.id}/confirm`, { lines: [{ lineId: line, confirmedQty: '100000', promisedDate: '2030-12-01' }] })).status).toBe(200);
    const sh = await http(w.users.supplierAdmin).post('/shipments', { callOffId: co.body.id, lines: [{ callOffLineId: line, qty: '100000' }] });
    expect(sh.status).toBe(201);
    expect((await http(w.users.warehouse).post(`/shipments/${sh.body.id}/receive`, { lines: [{ shipmentLineId: sh.body.lines[0].id, receivedQty: '100000' }] })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await slowApi?.kill9();
    await proxy?.close();
    await api?.kill9();
    await t?.close();
    await pg?.destroy();
  });

  /** One read and one write, bounded (a hang fails the test through the timeout, not a clock). */
  const traffic = async (base: string, n: number) => {
    const hit = (req: request.Test) => req.timeout({ response: 20_000, deadline: 20_000 }).then((r) => r, (e: Error) => ({ status: `error: ${e.message}`, headers: {}, body: {} }) as unknown as request.Response);
    const out: request.Response[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        ...(await Promise.all([
          hit(request(base).get('/api/v1/stock').set('Authorization', `Bearer ${w.users.planner.token}`)),
          hit(request(base).post('/api/v1/consumptions').set('Authorization', `Bearer ${w.users.warehouse.token}`).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', reference: 'FAULT' })),
        ])),
      );
    }
    return out;
  };
  const expectUnavailable = (responses: request.Response[]) => {
    for (const r of responses) {
      expect({ status: r.status, code: r.body?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.headers['retry-after']).toBeDefined();
    }
  };
  const healthy = async (base: string) => (await request(base).get('/api/v1/health').timeout(20_000).catch(() => ({ status: 0 }))).status === 200;

  it('PostgreSQL stopped with pg_ctl -m immediate: 503 problems, no crash, serving again by itself after the restart', async () => {
    const ok = await traffic(api.base, 2);
    expect(ok.map((r) => r.status)).toEqual([200, 201, 200, 201]);

    pg.stopImmediately();
    expectUnavailable(await traffic(api.base, 5));
    const health = await request(api.base).get('/api/v1/health');
    expect(health.status).toBe(503);
    // The pool's idle connections are all dead now; give them time to report it.
    await new Promise((r) => setTimeout(r, 1500));
    expectUnavailable(await traffic(api.base, 3));
    expect(api.alive()).toBe(true);

    await pg.restart();
    await until(() => healthy(api.base), 100);
    const back = await traffic(api.base, 3);
    expect(back.map((r) => r.status)).toEqual([200, 201, 200, 201, 200, 201]);
    expect(api.alive()).toBe(true);
    expect(api.output()).not.toMatch(/uncaught|unhandled/i);
    const verify = await request(api.base).get('/api/v1/ledger/verify').set('Authorization', `Bearer ${w.users.finance.token}`);
    expect(verify.status).toBe(200);
    expect(verify.body.balanced).toBe(true);
  }, 180_000);

  it('a slow database (every packet delayed) and a blocked query answer 503 on timeout, not a hang', async () => {
    proxy = await startSlowProxy({ host: '127.0.0.1', port: pg.port });
    const viaProxy = new URL(pg.url);
    viaProxy.port = String(proxy.port);
    slowApi = await startApiProcess(viaProxy.toString(), { DB_POOL_SIZE: '4', DB_STATEMENT_TIMEOUT_MS: '1000', UPLOAD_WORKER: 'false' });
    expect((await traffic(slowApi.base, 1)).map((r) => r.status)).toEqual([200, 201]);

    proxy.delayMs = 3000;
    expectUnavailable(await traffic(slowApi.base, 2));
    expect(slowApi.alive()).toBe(true);
    proxy.delayMs = 0;
    await until(() => healthy((slowApi as ApiProcess).base), 100);
    expect((await traffic(slowApi.base, 1)).map((r) => r.status)).toEqual([200, 201]);

    // A query that waits on a lock is cancelled by the statement timeout: 503, then fine again.
    const blocker = new Client({ connectionString: pg.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE balances IN ACCESS EXCLUSIVE MODE');
    expectUnavailable(await traffic(slowApi.base, 1));
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect((await traffic(slowApi.base, 1)).map((r) => r.status)).toEqual([200, 201]);
    expect(slowApi.alive()).toBe(true);
  }, 180_000);
});
