import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { freePort } from '../../src/database/embedded-postgres';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { addFixtureCatalogue, csv, databaseUrlOf, restartedInstance, waitForUpload } from './supplier-inventory.support';

const ROOT = resolve(__dirname, '../../../..');
const ROWS = 60_000;

/** A CSV of ROWS distinct rows (site × lot vary). */
function bigCsv(site: string): Buffer {
  const lines = ['site_code,item_code,available_qty,lot_no'];
  for (let i = 0; i < ROWS; i++) lines.push(`${site}-${i % 20},ITEM-002,${i}.5,L${i}`);
  return csv(...lines);
}

/** The real API (`main.ts`) in a child process on the suite's database, so that it can be killed with SIGKILL. */
async function startApiProcess(t: TestApp, env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-si-crash-'));
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrlOf(t),
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_PASSWORD: 'crash-test-admin',
      DEMO_DATA: 'false',
      PORTAL_DIR: 'none',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  await new Promise<void>((ok, fail) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Stockbridge is up')) ok();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`API process exited (${code}) before it was up:\n${out}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}

/** Polls until `probe` is true (bounded by the test's timeout, never asserted on time). */
async function until(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 10));
}

/**
 * QUALITY.md "Crash": kill -9 of the API during an upload apply, then restart: nothing partial,
 * everything either fully there or fully absent.
 */
describe('supplier inventory: kill -9 during an upload', () => {
  let t: TestApp;
  let w: World;
  let restarted: NestFastifyApplication | null = null;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_WORKER: 'false' });
    w = await createWorld(t);
    await addFixtureCatalogue(t, w);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await kill9(c);
    await restarted?.close();
    await t.close();
  });

  const count = async (sql: string, params: unknown[]) => (await t.sql.query(sql, params)).rows[0].n as number;

  it('a background job killed mid-apply leaves nothing partial and is resumed to completion after a restart', async () => {
    const api = await startApiProcess(t, { UPLOAD_ASYNC_THRESHOLD_ROWS: '1000', UPLOAD_JOB_LEASE_SECONDS: '2', UPLOAD_JOB_POLL_MS: '50' });
    children.push(api.child);
    const res = await request(api.base)
      .post('/api/v1/supplier-inventory/uploads')
      .query({ buyerOrgId: w.buyer.id })
      .set('Authorization', `Bearer ${w.users.supplierAdmin.token}`)
      .attach('file', bigCsv('KILL'), 'kill.csv');
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    // Mid-apply: rows are being streamed into the inventory inside the job's transaction.
    await until(async () => (await count(`SELECT processed_rows AS n FROM supplier_inventory_uploads WHERE id = $1`, [id])) >= 5000);
    await kill9(api.child);

    const [batch] = (await t.sql.query(`SELECT status, attempts FROM supplier_inventory_uploads WHERE id = $1`, [id])).rows;
    expect(batch).toEqual({ status: 'PROCESSING', attempts: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_history WHERE upload_id = $1`, [id])).toBe(0);

    restarted = await restartedInstance(t);
    const done = await waitForUpload(t, w.users.supplierAdmin, id);
    expect(done).toMatchObject({ status: 'APPLIED', totalRows: ROWS, validRows: ROWS, changedRows: ROWS });
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = $1`, [id])).toBe(ROWS);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_history WHERE upload_id = $1`, [id])).toBe(ROWS);
    expect(await count(`SELECT attempts AS n FROM supplier_inventory_uploads WHERE id = $1`, [id])).toBe(2);
  }, 180_000);

  it('a synchronous upload killed mid-apply leaves nothing at all (not even its batch)', async () => {
    const api = await startApiProcess(t, { UPLOAD_ASYNC_THRESHOLD_ROWS: '10000000', UPLOAD_WORKER: 'false' });
    children.push(api.child);
    const uploadsBefore = await count(`SELECT count(*)::int AS n FROM supplier_inventory_uploads`, []);
    const stockBefore = await count(`SELECT count(*)::int AS n FROM supplier_inventory`, []);
    const historyBefore = await count(`SELECT count(*)::int AS n FROM supplier_inventory_history`, []);
    const pending = request(api.base)
      .post('/api/v1/supplier-inventory/uploads')
      .query({ buyerOrgId: w.buyer.id })
      .set('Authorization', `Bearer ${w.users.supplierAdmin.token}`)
      .attach('file', bigCsv('SYNC'), 'sync.csv')
      .then(
        (r) => r.status,
        () => 'connection lost',
      );
    // Mid-apply: the upload holds the supplier's advisory lock while it streams rows in.
    await until(async () => (await count(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [])) > 0);
    await until(async () => (await count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%INSERT INTO supplier_inventory AS s%'`, [])) > 0);
    await kill9(api.child);
    expect(await pending).toBe('connection lost');
    // The server notices the dead connection and rolls the transaction back.
    await until(async () => (await count(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [])) === 0);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_uploads`, [])).toBe(uploadsBefore);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory`, [])).toBe(stockBefore);
    expect(await count(`SELECT count(*)::int AS n FROM supplier_inventory_history`, [])).toBe(historyBefore);

    // The same file uploaded again (to an instance that survived) is applied in full.
    const again = await t.api('post', '/supplier-inventory/uploads', w.users.supplierAdmin).query({ buyerOrgId: w.buyer.id }).attach('file', bigCsv('SYNC'), 'sync.csv');
    expect([201, 202]).toContain(again.status);
    const final = again.status === 202 ? await waitForUpload(t, w.users.supplierAdmin, again.body.id) : again.body;
    expect(final).toMatchObject({ status: 'APPLIED', changedRows: ROWS });
  }, 180_000);
});
