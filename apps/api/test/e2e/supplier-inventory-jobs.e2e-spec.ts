import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { addFixtureCatalogue, csv, inventory, quantities, restartedInstance, stockSnapshot, tableCounts, upload, waitForUpload } from './supplier-inventory.support';

/** A CSV of `n` distinct rows for supplier 1 (site × lot vary), quantities i. */
function bigCsv(n: number, site = 'BIG'): Buffer {
  const lines = ['site_code,item_code,available_qty,lot_no'];
  for (let i = 0; i < n; i++) lines.push(`${site}-${i % 20},ITEM-001,${i},L${i}`);
  return csv(...lines);
}

/**
 * Background processing of large uploads, crash recovery, and concurrency. The suite's own
 * app runs with the worker OFF (it plays an instance that died or never polls); a second
 * app on the same database plays the restarted instance that picks the work up.
 */
describe('supplier inventory: background jobs, crashes, concurrency', () => {
  let t: TestApp;
  let w: World;
  let restarted: NestFastifyApplication | null = null;
  const env = { UPLOAD_WORKER: 'false', UPLOAD_ASYNC_THRESHOLD_ROWS: '200', UPLOAD_ASYNC_THRESHOLD_BYTES: String(5 * 1024 * 1024) };

  beforeAll(async () => {
    t = await createTestApp(env);
    w = await createWorld(t);
    await addFixtureCatalogue(t, w);
  });
  afterAll(async () => {
    await restarted?.close();
    await t.close();
  });

  const buyerOrgId = () => w.buyer.id;

  describe('a worker that died', () => {
    it('a batch left PROCESSING with an expired lease is resumed by a restarted instance; one without its file, or out of attempts, is FAILED', async () => {
      const supplier = w.users.supplierAdmin;
      const queued = [];
      for (const site of ['CRASH-A', 'CRASH-B', 'CRASH-C']) {
        const res = await upload(t, supplier, bigCsv(500, site), `${site}.csv`, { buyerOrgId: buyerOrgId() });
        expect(res.status).toBe(202);
        expect(res.body).toMatchObject({ status: 'PROCESSING', processedRows: 0, totalRows: null });
        queued.push(res.body.id as string);
      }
      const [resumable, fileGone, exhausted] = queued as [string, string, string];
      // A worker claimed them and died mid-apply: its lease ran out, its transaction was rolled back.
      await t.sql.query(
        `UPDATE supplier_inventory_uploads SET locked_by = 'dead-worker', locked_until = now() - interval '1 minute', attempts = 1, processed_rows = 300
          WHERE id = ANY($1::uuid[])`,
        [queued],
      );
      await t.sql.query(`UPDATE supplier_inventory_uploads SET attempts = 3 WHERE id = $1`, [exhausted]);
      await t.sql.query(`DELETE FROM supplier_inventory_upload_files WHERE upload_id = $1`, [fileGone]);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = ANY($1::uuid[])`, [queued])).rows[0].n).toBe(0);

      restarted = await restartedInstance(t, { UPLOAD_ASYNC_THRESHOLD_ROWS: '200' });
      const done = await waitForUpload(t, supplier, resumable);
      expect(done).toMatchObject({ status: 'APPLIED', totalRows: 500, processedRows: 500, validRows: 500, changedRows: 500 });
      expect((await t.sql.query(`SELECT attempts, locked_by FROM supplier_inventory_uploads WHERE id = $1`, [resumable])).rows[0]).toEqual({ attempts: 2, locked_by: null });
      const rows = (await inventory(t, supplier)).filter((r) => r.uploadId === resumable);
      expect(rows).toHaveLength(500);

      const gone = await waitForUpload(t, supplier, fileGone);
      expect(gone).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/no longer available/) });
      const out = await waitForUpload(t, supplier, exhausted);
      expect(out).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/interrupted/) });
      // Nothing partial from the failed ones; their stored files are gone.
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM supplier_inventory WHERE upload_id = ANY($1::uuid[])`, [[fileGone, exhausted]])).rows[0].n).toBe(0);
      expect(await t.count('supplier_inventory_upload_files')).toBe(0);
    });
  });

  describe('large files', () => {
    it('→ 202 PROCESSING, then polling shows progress and reaches APPLIED', async () => {
      expect(restarted).not.toBeNull();
      const supplier = w.users.supplierUser;
      const res = await upload(t, supplier, bigCsv(5000, 'ASYNC'), 'async.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'PROCESSING', fileName: 'async.csv', errors: [] });
      const progress: number[] = [];
      const done = await waitForUpload(t, supplier, res.body.id, (b) => progress.push(b['processedRows'] as number));
      expect(done).toMatchObject({ status: 'APPLIED', totalRows: 5000, processedRows: 5000, validRows: 5000, errorRows: 0 });
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const rows = quantities((await inventory(t, w.users.planner, { supplierOrgId: w.suppliers[0].id })).filter((r) => r.uploadId === res.body.id));
      expect(Object.keys(rows)).toHaveLength(5000);
      expect(rows['ASYNC-7|ITEM-001|L4567']).toBe('4567');
    });

    it('a large dry run → VALIDATED in the background, then apply', async () => {
      const supplier = w.users.supplierAdmin;
      const res = await upload(t, supplier, bigCsv(1000, 'ADRY'), 'adry.csv', { buyerOrgId: buyerOrgId(), dryRun: true });
      expect(res.status).toBe(202);
      const done = await waitForUpload(t, supplier, res.body.id);
      expect(done).toMatchObject({ status: 'VALIDATED', totalRows: 1000, validRows: 1000 });
      expect(await t.count('supplier_inventory_upload_rows')).toBe(1000);
      const applied = await t.api('post', `/supplier-inventory/uploads/${res.body.id}/apply`, supplier).expect(200);
      expect(applied.body).toMatchObject({ status: 'APPLIED', changedRows: 1000 });
      expect(await t.count('supplier_inventory_upload_rows')).toBe(0);
    });

    it('a large file with bad rows → REJECTED in the background with every error and nothing applied', async () => {
      const supplier = w.users.supplierAdmin;
      const lines = ['site_code,item_code,available_qty'];
      for (let i = 0; i < 1200; i++) lines.push(`AREJ-${i},${i % 400 === 399 ? 'NOPE' : 'ITEM-002'},${i % 500 === 1 ? '-2' : '1.5'}`);
      const stock = await stockSnapshot(t);
      const res = await upload(t, supplier, csv(...lines), 'arej.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(202);
      const done = await waitForUpload(t, supplier, res.body.id);
      expect(done).toMatchObject({ status: 'REJECTED', totalRows: 1200, errorRows: 6, errorCount: 6 });
      expect((done['errors'] as Array<{ row: number; code: string }>).map((e) => [e.row, e.code])).toEqual([
        [3, 'NEGATIVE'],
        [401, 'UNKNOWN_ITEM'],
        [503, 'NEGATIVE'],
        [801, 'UNKNOWN_ITEM'],
        [1003, 'NEGATIVE'],
        [1201, 'UNKNOWN_ITEM'],
      ]);
      expect(await stockSnapshot(t)).toEqual(stock);
    });

    it('a large file refused as a whole after the 202 (missing columns) → REJECTED with the reason, nothing applied', async () => {
      const lines = ['warehouse,item_code,qty'];
      for (let i = 0; i < 300; i++) lines.push(`W,ITEM-001,${i}`);
      const res = await upload(t, w.users.supplierAdmin, csv(...lines), 'nocols.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(202);
      const done = await waitForUpload(t, w.users.supplierAdmin, res.body.id);
      expect(done).toMatchObject({ status: 'REJECTED', failureReason: expect.stringMatching(/MISSING_COLUMNS/) });
      expect((done['errors'] as Array<{ row: number | null; code: string }>)[0]).toMatchObject({ row: null, code: 'MISSING_COLUMNS' });
    });

    it('a 200,001-row CSV → 413 PAYLOAD_TOO_LARGE and nothing written', async () => {
      const dir = await fs.mkdtemp(join(tmpdir(), 'sb-si-'));
      const path = join(dir, 'huge.csv');
      const handle = await fs.open(path, 'w');
      await handle.write('site_code,item_code,available_qty,lot_no\n');
      for (let start = 0; start < 200_001; start += 10_000) {
        const block: string[] = [];
        for (let i = start; i < Math.min(start + 10_000, 200_001); i++) block.push(`H${i % 50},ITEM-001,1,L${i}\n`);
        await handle.write(block.join(''));
      }
      await handle.close();
      const before = await tableCounts(t);
      const stock = await stockSnapshot(t);
      const res = await upload(t, w.users.supplierAdmin, path, 'huge.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_MANY_ROWS' });
      expect(await tableCounts(t)).toEqual(before);
      expect(await stockSnapshot(t)).toEqual(stock);
      await fs.rm(dir, { recursive: true, force: true });
    }, 120_000);
  });

  describe('concurrency', () => {
    const site = (s: string) => `${s}-${Math.random().toString(36).slice(2, 7)}`.toUpperCase();

    it('two applies for the same buyer and supplier serialise: the history is one chain', async () => {
      const supplier = w.users.supplierAdmin;
      const s = site('SER');
      const dryA = await upload(t, supplier, csv('site_code,item_code,available_qty', `${s},ITEM-001,10`, `${s},ITEM-002,1`), 'a.csv', { buyerOrgId: buyerOrgId(), dryRun: true }).expect(201);
      const dryB = await upload(t, supplier, csv('site_code,item_code,available_qty', `${s},ITEM-001,20`, `${s},ITEM-003,2`), 'b.csv', { buyerOrgId: buyerOrgId(), dryRun: true }).expect(201);
      const [ra, rb] = await Promise.all([
        t.api('post', `/supplier-inventory/uploads/${dryA.body.id}/apply`, supplier),
        t.api('post', `/supplier-inventory/uploads/${dryB.body.id}/apply`, w.users.supplierUser),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const { rows: hist } = await t.sql.query(
        `SELECT h.old_qty::text AS old, h.new_qty::text AS new, h.upload_id FROM supplier_inventory_history h JOIN items i ON i.id = h.item_id
          WHERE h.site_code = $1 AND i.code = 'ITEM-001' ORDER BY h.id`,
        [s],
      );
      expect(hist).toHaveLength(2);
      // The second apply saw the first one's result: old of the second = new of the first.
      expect(hist[0].old).toBeNull();
      expect(hist[1].old).toBe(hist[0].new);
      const last = hist[1].upload_id === dryA.body.id ? 'A' : 'B';
      const expected = last === 'A' ? { [`${s}|ITEM-001|`]: '10', [`${s}|ITEM-002|`]: '1', [`${s}|ITEM-003|`]: '0' } : { [`${s}|ITEM-001|`]: '20', [`${s}|ITEM-002|`]: '0', [`${s}|ITEM-003|`]: '2' };
      expect(quantities((await inventory(t, supplier)).filter((r) => r.siteCode === s))).toEqual(expected);
    });

    it('concurrent SNAPSHOT uploads of different files: the result is one file or the other, never a mix', async () => {
      const s = site('MIX');
      const a = csv('site_code,item_code,available_qty', `${s},ITEM-001,1`, `${s},ITEM-002,1`);
      const b = csv('site_code,item_code,available_qty', `${s},ITEM-001,2`, `${s},ITEM-003,2`);
      const results = await Promise.all([a, b, a, b].map((file, i) => upload(t, i % 2 ? w.users.supplierUser : w.users.supplierAdmin, file, `mix-${i}.csv`, { buyerOrgId: buyerOrgId() })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(results.every((r) => r.body.status === 'APPLIED')).toBe(true);
      const state = quantities((await inventory(t, w.users.supplierAdmin)).filter((r) => r.siteCode === s));
      expect([
        { [`${s}|ITEM-001|`]: '1', [`${s}|ITEM-002|`]: '1', [`${s}|ITEM-003|`]: '0' },
        { [`${s}|ITEM-001|`]: '2', [`${s}|ITEM-002|`]: '0', [`${s}|ITEM-003|`]: '2' },
      ]).toContainEqual(state);
    });

    it('concurrent duplicate uploads of one file: applied once, the others say unchanged', async () => {
      const s = site('DUP');
      const file = csv('site_code,item_code,available_qty', `${s},ITEM-001,5`, `${s},ITEM-003,1.25`);
      const history = await t.count('supplier_inventory_history');
      const users: TestUser[] = [w.users.supplierAdmin, w.users.supplierUser, w.users.supplierAdmin, w.users.supplierUser];
      const results = await Promise.all(users.map((u) => upload(t, u, file, 'dup.csv', { buyerOrgId: buyerOrgId() })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      const applied = results.filter((r) => !r.body.unchanged);
      expect(applied).toHaveLength(1);
      const first = (applied[0] as request.Response).body.id;
      for (const r of results.filter((x) => x.body.unchanged)) expect(r.body).toMatchObject({ status: 'APPLIED', duplicateOf: first, changedRows: 0 });
      expect(await t.count('supplier_inventory_history')).toBe(history + 2);
    });

    it('concurrent single-row edits and an upload on one row never lose a history step', async () => {
      const s = site('EDIT');
      await upload(t, w.users.supplierAdmin, csv('site_code,item_code,available_qty', `${s},ITEM-001,1`), 'e0.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
      const edits = [2, 3, 4, 5, 6].map((q) => t.api('put', `/supplier-inventory/${s}/ITEM-001`, w.users.supplierUser).send({ buyerOrgId: buyerOrgId(), availableQty: String(q) }));
      const up = upload(t, w.users.supplierAdmin, csv('site_code,item_code,available_qty', `${s},ITEM-001,9`), 'e1.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' });
      const results = await Promise.all([...edits, up]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const { rows } = await t.sql.query(
        `SELECT h.old_qty, h.new_qty FROM supplier_inventory_history h JOIN items i ON i.id = h.item_id WHERE h.site_code = $1 AND i.code = 'ITEM-001' ORDER BY h.id`,
        [s],
      );
      for (let i = 1; i < rows.length; i++) expect(rows[i].old_qty).toBe(rows[i - 1].new_qty);
      const final = quantities((await inventory(t, w.users.supplierAdmin)).filter((r) => r.siteCode === s));
      expect(final[`${s}|ITEM-001|`]).toBe(String(Number(rows[rows.length - 1].new_qty)));
    });
  });

  describe('the restarted instance serves the same API', () => {
    it('reads what the first one wrote', async () => {
      const app = restarted as NestFastifyApplication;
      const res = await request(app.getHttpServer()).get('/api/v1/supplier-inventory/uploads').set('Authorization', `Bearer ${w.users.planner.token}`).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
    });
  });
});
