import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Decimal } from '@stockbridge/domain';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { TEST_JWT_SECRET, type TestApp, type TestUser } from '../support/test-app';
import type { World } from '../factories/world';
import { FIXTURE_ITEMS } from '../fixtures/imports/catalogue';

/** Helpers shared by the supplier-inventory e2e specs. */

export const FIXTURES = join(__dirname, '../fixtures/imports');

export const SUPPLIER_INVENTORY_TABLES = [
  'supplier_inventory_uploads',
  'supplier_inventory_upload_errors',
  'supplier_inventory_upload_rejected_rows',
  'supplier_inventory_upload_rows',
  'supplier_inventory_upload_files',
  'supplier_inventory',
  'supplier_inventory_history',
] as const;

/**
 * Gives the buyer the items the upload fixtures are written against (catalogue.ts) and puts
 * them on supplier 1's price list (supplier 2 gets ITEM-001 only, under its own SKU).
 */
export async function addFixtureCatalogue(t: TestApp, w: World): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const item of FIXTURE_ITEMS) {
    const { rows } = await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      w.buyer.id,
      item.code,
      `${item.code} (fixture)`,
      item.uom,
      item.decimals,
    ]);
    ids[item.code] = rows[0].id as string;
    await t.sql.query(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
       VALUES ($1, $2, $3, $4, '1', 'EUR', 7, now() - interval '1 day')`,
      [w.buyer.id, w.suppliers[0].id, ids[item.code], item.supplierSku],
    );
  }
  await t.sql.query(
    `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
     VALUES ($1, $2, $3, 'S2-ITEM1', '1', 'CNY', 7, now() - interval '1 day')`,
    [w.buyer.id, w.suppliers[1].id, ids['ITEM-001']],
  );
  return ids;
}

export interface UploadOptions {
  buyerOrgId: string;
  mode?: 'SNAPSHOT' | 'DELTA';
  dryRun?: boolean;
}

export function upload(t: TestApp, user: TestUser | null, file: string | Buffer, fileName: string, q: UploadOptions): request.Test {
  const query: Record<string, string> = { buyerOrgId: q.buyerOrgId };
  if (q.mode) query['mode'] = q.mode;
  if (q.dryRun !== undefined) query['dryRun'] = String(q.dryRun);
  return t.api('post', '/supplier-inventory/uploads', user).query(query).attach('file', file, fileName);
}

export const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

export interface InventoryItem {
  supplierOrgId: string;
  siteCode: string;
  itemCode: string;
  lotNo: string;
  availableQty: string;
  uploadId: string | null;
  expiryDate: string | null;
  supplierSku: string | null;
  uom: string;
  asOf: string;
}

/** Every row the caller sees (all pages). */
export async function inventory(t: TestApp, user: TestUser, query: Record<string, string> = {}): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await t.api('get', '/supplier-inventory', user).query({ ...query, limit: '500', ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    out.push(...(res.body.items as InventoryItem[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return out;
}

/** `site|item|lot` → quantity, normalised (no trailing zeros) so "7.000000" equals "7". */
export function quantities(rows: InventoryItem[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [`${r.siteCode}|${r.itemCode}|${r.lotNo}`, new Decimal(r.availableQty).toFixed()]));
}

export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of SUPPLIER_INVENTORY_TABLES) out[table] = await t.count(table);
  return out;
}

/** The stock rows as stored, to prove an upload changed nothing. */
export async function stockSnapshot(t: TestApp): Promise<unknown[]> {
  const { rows } = await t.sql.query(
    `SELECT tenant_id, supplier_org_id, site_code, item_id, lot_no, available_qty::text, expiry_date::text, upload_id, as_of FROM supplier_inventory
      ORDER BY tenant_id, supplier_org_id, site_code, item_id, lot_no`,
  );
  return rows;
}

/** Binary response bodies (xlsx) as a Buffer. */
export { binary } from '../support/files';

/** Polls GET /supplier-inventory/uploads/{id} until it leaves PROCESSING (bounded by jest's timeout, not asserted on time). */
export async function waitForUpload(t: TestApp, user: TestUser, id: string, seen?: (body: Record<string, unknown>) => void): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await t.api('get', `/supplier-inventory/uploads/${id}`, user);
    // 503 means "try again" (a database timeout under load, e.g. while a killed instance's
    // transaction is being cleaned up): a poller retries it, as a client would.
    if (res.status === 503) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    expect(res.status).toBe(200);
    seen?.(res.body);
    if (res.body.status !== 'PROCESSING') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function databaseUrlOf(t: TestApp): string {
  return (t.sql as unknown as { options: { connectionString: string } }).options.connectionString;
}

/** "Restart": another API instance on the suite's database, with the upload worker on, a short lease and poll. */
export function restartedInstance(t: TestApp, env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    PORTAL_DIR: 'none',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '4',
    UPLOAD_WORKER: 'true',
    UPLOAD_JOB_POLL_MS: '50',
    UPLOAD_JOB_LEASE_SECONDS: '2',
    UPLOAD_JOB_MAX_ATTEMPTS: '3',
    ...env,
  });
  return createApp(config, databaseUrlOf(t));
}
