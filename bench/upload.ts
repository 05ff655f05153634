/**
 * Upload benchmark (QUALITY.md "upload"): a 100,000-row × 8-column .xlsx through
 * POST /supplier-inventory/uploads (parse, validate, apply in one transaction) against a bare
 * exceljs streaming read of the same file, in the same run; peak RSS of the process while the
 * API handles the upload.
 *
 *   npm run bench -- upload
 *   or: SWC_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register bench/upload.ts
 *
 * Environment: BENCH_RUNS (default 3; medians are reported), BENCH_ROWS (default 100000),
 * BENCH_ITEMS (default 2000), DATABASE_URL (a server to create a fresh database on; default an
 * embedded PostgreSQL in a temp dir).
 *
 * Flow: fresh database → migrations → a buyer with BENCH_ITEMS items and one supplier per run
 * (each with the whole price list) → the .xlsx written with exceljs's streaming writer →
 * the API in a child process (createApp, LOG_LEVEL=warn, a free port; the async threshold raised so
 * the upload is answered 201 APPLIED, i.e. the timing includes the apply) → warm-up (one bare
 * read, one upload for a spare supplier, so both sides run JIT-compiled code) → per run: a bare
 * exceljs streaming read of the file (every cell value touched), the upload parser alone on the
 * same file (informational: parsing and validation without the database), then the upload for a fresh
 * supplier (100,000 new rows + 100,000 history entries), with RSS sampled every 10 ms →
 * then, informational, the same supplier uploading a changed file (100,000 updates) and the
 * same file again (the same-file rule: nothing changes) → figures, ratio, bars.
 *
 * The API runs in a child process (bench/_api-child.ts, shared with the export bench), so its
 * peak RSS is the API's alone: the child samples its own memory every 10 ms and reports the
 * peak of each upload (and the heap at that moment).
 * The client streams the file from disk (a file-backed Blob) and holds nothing.
 */
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { openAsBlob, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { loadConfig } from '../apps/api/src/config/app-config';
import { runMigrations } from '../apps/api/src/database/migrate';
import { parseSupplierInventoryFile, resolveUploadLimits, type ItemRef } from '../apps/api/src/modules/supplier-inventory/parsing';
import { startApiChild } from './_api-child';
import { freshDatabase } from './_support';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 2_000);
const SITES = 10;
const RATIO_BAR = 2;
const RSS_BAR_MB = 400;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const gc = () => (globalThis as { gc?: () => void }).gc?.();


interface Catalogue {
  tenant: string;
  items: Array<{ code: string; sku: string; uom: string; decimals: number }>;
}

/** A buyer with ITEMS items (a mix of decimals) and `suppliers` linked suppliers offering all of them. */
async function seed(pool: Pool, suppliers: number): Promise<Catalogue & { suppliers: Array<{ id: string; user: string }> }> {
  const q = async <T = Record<string, string>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const [buyer] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-BUYER', 'Bench buyer', 'BUYER') RETURNING id`);
  const tenant = (buyer as { id: string }).id;
  const items = await q<{ id: string; code: string; uom: string; decimals: number }>(
    `INSERT INTO items (tenant_id, code, description, uom, decimals)
     SELECT $1, 'IT-' || lpad(n::text, 5, '0'), 'item ' || n, (ARRAY['PCS', 'KG', 'M'])[1 + n % 3], (ARRAY[0, 3, 2])[1 + n % 3]
       FROM generate_series(1, $2) n RETURNING id, code, uom, decimals`,
    [tenant, ITEMS],
  );
  const out: Array<{ id: string; user: string }> = [];
  for (let s = 0; s < suppliers; s++) {
    const [org] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ($1, $1, 'SUPPLIER') RETURNING id`, [`BENCH-S${s}`]);
    const id = (org as { id: string }).id;
    await q(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [tenant, id]);
    await q(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
       SELECT $1, $2, i.id, 'SKU-' || substr(i.code, 4), 1, 'EUR', 7, now() - interval '1 day' FROM items i WHERE i.tenant_id = $1`,
      [tenant, id],
    );
    const [user] = await q<{ id: string }>(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, $2, 'x', '{SUPPLIER_ADMIN}') RETURNING id`, [id, `s${s}@bench`]);
    out.push({ id, user: (user as { id: string }).id });
  }
  return { tenant, items: items.map((i) => ({ code: i.code, sku: `SKU-${i.code.slice(3)}`, uom: i.uom, decimals: Number(i.decimals) })), suppliers: out };
}

/**
 * ROWS valid rows, 8 columns (7 recognised + a remark), written with exceljs's streaming writer
 * (shared strings off, as most exporters write them inline or shared — either is read).
 * Key (site, item, lot) is unique: item = r mod ITEMS, site = ⌊r / ITEMS⌋ mod SITES, lot = ⌊r / (ITEMS·SITES)⌋.
 */
async function writeWorkbook(path: string, c: Catalogue, variant: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('inventory');
  ws.addRow(['site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date', 'remark']).commit();
  for (let r = 0; r < ROWS; r++) {
    const item = c.items[r % c.items.length] as Catalogue['items'][number];
    const site = Math.floor(r / c.items.length) % SITES;
    const lot = Math.floor(r / (c.items.length * SITES));
    const whole = (r * 7919 + variant * 13) % 100_000;
    const qty = item.decimals === 0 ? whole : Number(`${whole}.${String((r + variant) % 10 ** item.decimals).padStart(item.decimals, '0')}`);
    ws.addRow([
      `WH-${String(site).padStart(2, '0')}`,
      item.code,
      item.sku,
      qty,
      item.uom,
      `LOT-${lot}`,
      new Date(Date.UTC(2027, r % 12, 1 + (r % 28))),
      r % 5 === 0 ? 'checked' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The ceiling: exceljs's streaming reader over the same file, every cell value touched. */
async function bareRead(path: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      rows++;
      row.eachCell((cell) => {
        if (cell.value !== null) cells++;
      });
    }
  }
  if (cells === 0) throw new Error('read nothing');
  return { ms: performance.now() - t0, rows: rows - 1 };
}

/**
 * Informational: the upload parser alone (sniff, inspect, stream, validate every row against
 * the same catalogue; valid rows handed to a sink that drops them), in this process. It shows
 * how much of the upload is parsing and validation before any database work.
 */
async function parserAlone(path: string, c: Catalogue): Promise<number> {
  const itemsByCode = new Map<string, ItemRef>();
  const itemsBySupplierSku = new Map<string, ItemRef>();
  c.items.forEach((item, i) => {
    const ref: ItemRef = { itemId: `item-${i}`, code: item.code, uom: item.uom, decimals: item.decimals };
    itemsByCode.set(item.code, ref);
    itemsBySupplierSku.set(item.sku, ref);
  });
  const t0 = performance.now();
  const result = await parseSupplierInventoryFile(path, { fileName: 'inventory.xlsx', limits: resolveUploadLimits(), ctx: { itemsByCode, itemsBySupplierSku }, sink: async () => undefined });
  if (result.validRowCount !== ROWS) throw new Error(`parser alone: ${result.validRowCount} valid rows`);
  return performance.now() - t0;
}

async function postUpload(url: string, token: string, path: string, name: string): Promise<{ ms: number; status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', await openAsBlob(path), name);
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Record<string, unknown>;
  return { ms: performance.now() - t0, status: res.status, body };
}

async function main(): Promise<void> {
  console.log(`upload: fresh database, migrations, seed (${fmt(ITEMS)} items, ${RUNS} suppliers) ...`);
  const db = await freshDatabase('upload');
  await runMigrations(db.url);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  // One supplier per measured run, plus one for the API's warm-up.
  const world = await seed(pool, RUNS + 1);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-upload-'));
  const file = join(dir, 'inventory.xlsx');
  const changed = join(dir, 'inventory-changed.xlsx');
  const t0 = performance.now();
  await writeWorkbook(file, world, 0);
  await writeWorkbook(changed, world, 1);
  console.log(`  ${fmt(ROWS)} rows × 8 columns → ${fmt(mb(statSync(file).size), 1)} MB .xlsx (written in ${fmt((performance.now() - t0) / 2000, 1)} s each)`);

  const secret = randomBytes(48).toString('base64url');
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', JWT_SECRET: secret, PORTAL_DIR: 'none' });
  const api = await startApiChild(db.url, {
    env: {
      JWT_SECRET: secret,
      DATA_DIR: dir,
      // Answered 201 APPLIED: the timing includes the apply.
      UPLOAD_ASYNC_THRESHOLD_BYTES: String(1024 ** 3),
      UPLOAD_ASYNC_THRESHOLD_ROWS: String(10_000_000),
      UPLOAD_WORKER: 'false',
    },
  });
  const port = api.port;
  const token = (s: { id: string; user: string }) =>
    new JwtService().sign(
      { sub: s.user, email: 'bench@supplier', org: s.id, orgType: 'SUPPLIER', roles: ['SUPPLIER_ADMIN'] },
      { secret, algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: 3600 },
    );
  const url = `http://127.0.0.1:${port}/api/v1/supplier-inventory/uploads?buyerOrgId=${world.tenant}`;
  console.log(`  API child on :${port} (Fastify, pool ${api.pool}, node flags ${api.flags}); warm-up (one bare read, one upload) ...`);
  await bareRead(file);
  const warm = await postUpload(url, token(world.suppliers[RUNS] as { id: string; user: string }), file, 'warm-up.xlsx');
  if (warm.status !== 201) throw new Error(`warm-up upload failed: ${warm.status} ${JSON.stringify(warm.body)}`);

  const bare: number[] = [];
  const parser: number[] = [];
  const times: number[] = [];
  const rss: number[] = [];
  let ok = true;
  for (let run = 0; run < RUNS; run++) {
    gc();
    const read = await bareRead(file);
    bare.push(read.ms);
    gc();
    const parseMs = await parserAlone(file, world);
    parser.push(parseMs);
    gc();
    const { baseline } = await api.reset();
    const up = await postUpload(url, token(world.suppliers[run] as { id: string; user: string }), file, 'inventory.xlsx');
    const { peak, atPeak, maxHeapUsed } = await api.peak();
    times.push(up.ms);
    rss.push(peak);
    const good = up.status === 201 && up.body['status'] === 'APPLIED' && up.body['validRows'] === ROWS && up.body['changedRows'] === ROWS;
    ok &&= good;
    console.log(
      `  run ${run + 1}: bare read ${fmt(read.ms)} ms (${fmt(read.rows)} rows); parser alone ${fmt(parseMs)} ms; upload ${fmt(up.ms)} ms → ${up.status} ${String(up.body['status'])} ` +
        `${fmt(Number(up.body['validRows'] ?? 0))} rows, ${fmt(Number(up.body['changedRows'] ?? 0))} changed; ratio ${fmt(up.ms / read.ms, 2)}; ` +
        `RSS peak ${fmt(mb(peak))} MB (baseline ${fmt(mb(baseline))} MB; at the peak heap ${fmt(mb(atPeak.heapUsed))}/${fmt(mb(atPeak.heapTotal))} MB, ` +
        `external ${fmt(mb(atPeak.external))} MB; max heapUsed ${fmt(mb(maxHeapUsed))} MB)${good ? '' : `  UNEXPECTED: ${JSON.stringify(up.body).slice(0, 300)}`}`,
    );
  }
  const { rows: stored } = await pool.query(`SELECT count(*)::int AS n FROM supplier_inventory`);
  ok &&= stored[0].n === ROWS * (RUNS + 1);

  // Informational: the steady state (every row updated) and the same file again.
  const s0 = world.suppliers[0] as { id: string; user: string };
  const update = await postUpload(url, token(s0), changed, 'inventory-changed.xlsx');
  const again = await postUpload(url, token(s0), changed, 'inventory-changed.xlsx');
  console.log(
    `  informational: a changed file for the same supplier (${fmt(Number(update.body['changedRows'] ?? 0))} rows updated) ${fmt(update.ms)} ms; ` +
      `the same file again ${fmt(again.ms)} ms → unchanged=${String(again.body['unchanged'])}`,
  );

  const bareMs = median(bare);
  const apiMs = median(times);
  const ratio = apiMs / bareMs;
  const peakMb = mb(median(rss));
  const ratioOk = ratio <= RATIO_BAR;
  const rssOk = peakMb <= RSS_BAR_MB;
  console.log(`\nupload (medians of ${RUNS}):`);
  console.log(`  bare exceljs streaming read   ${fmt(bareMs)} ms`);
  console.log(`  informational: the upload parser alone (no database) ${fmt(median(parser))} ms = ${fmt(median(parser) / bareMs, 2)} × the bare read`);
  console.log(`  POST /supplier-inventory/uploads (parse + validate + apply) ${fmt(apiMs)} ms  (${fmt(ROWS / (apiMs / 1000))} rows/s)`);
  console.log(`  ratio ${fmt(ratio, 2)} (bar ≤ ${RATIO_BAR}) ${ratioOk ? 'OK' : 'MISSED'}`);
  console.log(`  peak RSS of the API process ${fmt(peakMb)} MB (bar ≤ ${RSS_BAR_MB} MB) ${rssOk ? 'OK' : 'MISSED'}`);
  console.log(`  results ${ok ? 'correct' : 'WRONG'} (${fmt(stored[0].n)} stock rows)`);

  await api.stop();
  await pool.end();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(ratioOk && rssOk && ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
