import { Injectable } from '@nestjs/common';
import type { Page, SupplierInventoryHistoryEntry, SupplierInventoryRow } from '@stockbridge/shared';
import { Db } from '../../../database/db.service';
import { keysetPage, PageQueryDto, sortSpec, isoSortKey } from '../../../common/http/paging';

/** Rows ready for the inventory, as column arrays (one SQL statement per chunk, via unnest). */
export interface InventoryChunk {
  siteCodes: string[];
  itemIds: string[];
  lotNos: string[];
  qtys: string[];
  uoms: string[];
  expiryDates: (string | null)[];
}

/** Who states the quantities, and when. */
export interface ApplyContext {
  tenantId: string;
  supplierOrgId: string;
  uploadId: string;
  userId: string;
  at: Date;
  /** The supplier had no rows at this buyer when the apply took the lock (plain inserts suffice). */
  firstPublication: boolean;
}

/** What an apply statement changed. */
export interface ChangeCount {
  changed: number;
  itemIds: string[];
}

type Raw = Record<string, unknown>;

/**
 * The (buyer, supplier) pairs a list may show: linked ones, narrowed by $1 (buyer) and/or $2
 * (supplier). Listing per pair lets the primary key (tenant, supplier, …) serve every scope.
 */
const LINKED = `SELECT a.tenant_id, a.supplier_org_id FROM supplier_agreements a
                 WHERE ($1::uuid IS NULL OR a.tenant_id = $1) AND ($2::uuid IS NULL OR a.supplier_org_id = $2)`;


/**
 * Upserts the input rows for one supplier and records a history entry for every quantity that
 * changed (a new row counts as a change from nothing). `input` is a SELECT yielding
 * (site_code, item_id, lot_no, qty, uom, expiry_date). Every row of the input gets the upload
 * as its `upload_id` and `as_of`, changed or not: that marks it as stated by this upload,
 * which is how a SNAPSHOT later finds the rows the file left out.
 *
 * The old quantity comes out of the upsert itself (`previous_qty` is set from the row being
 * replaced and returned), so each input row costs exactly the one unique-index probe that
 * ON CONFLICT makes anyway. Reading the old rows first would leave the access path to the
 * planner, whose statistics of a table growing inside this very transaction are stale: it
 * picked an index scan over all of the supplier's rows per input row (quadratic in the file).
 */
const upsertWithHistory = (input: string) => `
  WITH up AS (
    INSERT INTO supplier_inventory AS s (tenant_id, supplier_org_id, site_code, item_id, lot_no, available_qty, previous_qty, uom, expiry_date, as_of, upload_id, updated_by, updated_at)
    SELECT $1, $2, i.site_code, i.item_id, i.lot_no, i.qty, NULL, i.uom, i.expiry_date, $5, $3, $4, $5 FROM (${input}) i
    ON CONFLICT ON CONSTRAINT supplier_inventory_pk DO UPDATE
       SET previous_qty = s.available_qty, available_qty = EXCLUDED.available_qty, uom = EXCLUDED.uom, expiry_date = EXCLUDED.expiry_date,
           as_of = EXCLUDED.as_of, upload_id = EXCLUDED.upload_id, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
    RETURNING s.site_code, s.item_id, s.lot_no, s.previous_qty, s.available_qty),
  hist AS (
    INSERT INTO supplier_inventory_history (tenant_id, supplier_org_id, site_code, item_id, lot_no, old_qty, new_qty, source, upload_id, changed_by, changed_at)
    SELECT $1, $2, site_code, item_id, lot_no, previous_qty, available_qty, 'UPLOAD', $3, $4, $5 FROM up
     WHERE previous_qty IS DISTINCT FROM available_qty
    RETURNING item_id)
  SELECT count(*)::int AS changed, coalesce(string_agg(DISTINCT item_id::text, ','), '') AS item_ids FROM hist`;

/**
 * The first publication of a supplier at a buyer (it has no rows yet, and the caller holds the
 * supplier lock): every row is new, so plain inserts do, without the speculative insertion of
 * ON CONFLICT. The file's keys are unique (the parser refuses duplicates); a clash anyway
 * would abort the transaction, never merge rows.
 */
const insertWithHistory = (input: string) => `
  WITH i AS MATERIALIZED (${input}),
  up AS (
    INSERT INTO supplier_inventory (tenant_id, supplier_org_id, site_code, item_id, lot_no, available_qty, previous_qty, uom, expiry_date, as_of, upload_id, updated_by, updated_at)
    SELECT $1, $2, site_code, item_id, lot_no, qty, NULL, uom, expiry_date, $5, $3, $4, $5 FROM i),
  hist AS (
    INSERT INTO supplier_inventory_history (tenant_id, supplier_org_id, site_code, item_id, lot_no, old_qty, new_qty, source, upload_id, changed_by, changed_at)
    SELECT $1, $2, site_code, item_id, lot_no, NULL, qty, 'UPLOAD', $3, $4, $5 FROM i
    RETURNING item_id)
  SELECT count(*)::int AS changed, coalesce(string_agg(DISTINCT item_id::text, ','), '') AS item_ids FROM hist`;

const CHUNK_INPUT = `SELECT * FROM unnest($6::text[], $7::uuid[], $8::text[], $9::numeric[], $10::text[], $11::date[]) AS i(site_code, item_id, lot_no, qty, uom, expiry_date)`;
const STAGED_INPUT = `SELECT site_code, item_id, lot_no, available_qty AS qty, uom, expiry_date FROM supplier_inventory_upload_rows WHERE tenant_id = $1 AND upload_id = $3`;
const UPSERT_CHUNK = upsertWithHistory(CHUNK_INPUT);
const INSERT_CHUNK = insertWithHistory(CHUNK_INPUT);
const UPSERT_STAGED = upsertWithHistory(STAGED_INPUT);
const INSERT_STAGED = insertWithHistory(STAGED_INPUT);

/** Item ids travel as one comma-separated text: cheaper to split than a uuid[] to parse. */
function toChange(r: Raw | undefined): ChangeCount {
  const ids = (r?.['item_ids'] as string | undefined) ?? '';
  return { changed: (r?.['changed'] as number) ?? 0, itemIds: ids ? ids.split(',') : [] };
}

/** SQL of the current supplier stock and its history. */
@Injectable()
export class SupplierInventoryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Serialises every change of one supplier's stock at one buyer (applies, edits) for the rest
   * of the current transaction, so two uploads never interleave. `waitSeconds` lets an upload
   * queue behind another one (which may take as long as the parser's time limit) instead of
   * hitting the ordinary statement timeout; it stays the transaction's statement timeout.
   */
  async lockSupplier(tenantId: string, supplierOrgId: string, opts: { waitSeconds?: number } = {}): Promise<void> {
    if (opts.waitSeconds) await this.db.setLocalStatementTimeout(Math.ceil(opts.waitSeconds) * 1000);
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`supplier-inventory:${tenantId}:${supplierOrgId}`]);
  }

  /** The transaction's wall-clock instant, taken after the lock so instants follow lock order. */
  async now(): Promise<Date> {
    const [r] = await this.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return (r as { now: Date }).now;
  }

  /** Whether the supplier has published anything to this buyer yet (call under the supplier lock). */
  async hasRows(tenantId: string, supplierOrgId: string): Promise<boolean> {
    const [r] = await this.db.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM supplier_inventory WHERE tenant_id = $1 AND supplier_org_id = $2) AS any`,
      [tenantId, supplierOrgId],
    );
    return r?.any ?? false;
  }

  async applyChunk(ctx: ApplyContext, c: InventoryChunk): Promise<ChangeCount> {
    const [r] = await this.db.query<Raw>(ctx.firstPublication ? INSERT_CHUNK : UPSERT_CHUNK, [
      ctx.tenantId,
      ctx.supplierOrgId,
      ctx.uploadId,
      ctx.userId,
      ctx.at,
      c.siteCodes,
      c.itemIds,
      c.lotNos,
      c.qtys,
      c.uoms,
      c.expiryDates,
    ]);
    return toChange(r);
  }

  /** Applies the staged rows of a VALIDATED dry run in one statement. */
  async applyStaged(ctx: ApplyContext): Promise<ChangeCount> {
    const [r] = await this.db.query<Raw>(ctx.firstPublication ? INSERT_STAGED : UPSERT_STAGED, [ctx.tenantId, ctx.supplierOrgId, ctx.uploadId, ctx.userId, ctx.at]);
    return toChange(r);
  }

  async stageChunk(tenantId: string, uploadId: string, rowNumbers: number[], c: InventoryChunk): Promise<void> {
    await this.db.query(
      `INSERT INTO supplier_inventory_upload_rows (tenant_id, upload_id, row_no, site_code, item_id, lot_no, available_qty, uom, expiry_date)
       SELECT $1, $2, r.* FROM unnest($3::int[], $4::text[], $5::uuid[], $6::text[], $7::numeric[], $8::text[], $9::date[]) AS r`,
      [tenantId, uploadId, rowNumbers, c.siteCodes, c.itemIds, c.lotNos, c.qtys, c.uoms, c.expiryDates],
    );
  }

  async dropStaged(tenantId: string, uploadId: string): Promise<void> {
    await this.db.query(`DELETE FROM supplier_inventory_upload_rows WHERE tenant_id = $1 AND upload_id = $2`, [tenantId, uploadId]);
  }

  /**
   * SNAPSHOT: rows of the file's sites that the upload did not state drop to zero (kept, with
   * a history entry, rather than deleted, so the buyer sees "0 since this upload").
   */
  async zeroAbsent(ctx: ApplyContext, siteCodes: string[]): Promise<ChangeCount> {
    if (siteCodes.length === 0 || ctx.firstPublication) return { changed: 0, itemIds: [] };
    const [r] = await this.db.query<Raw>(
      `WITH z AS (
         UPDATE supplier_inventory SET previous_qty = available_qty, available_qty = 0, as_of = $5, upload_id = $3, updated_by = $4, updated_at = $5
          WHERE tenant_id = $1 AND supplier_org_id = $2 AND site_code = ANY($6::text[])
            AND upload_id IS DISTINCT FROM $3 AND available_qty <> 0
         RETURNING site_code, item_id, lot_no, previous_qty),
       hist AS (
         INSERT INTO supplier_inventory_history (tenant_id, supplier_org_id, site_code, item_id, lot_no, old_qty, new_qty, source, upload_id, changed_by, changed_at)
         SELECT $1, $2, site_code, item_id, lot_no, previous_qty, 0, 'UPLOAD', $3, $4, $5 FROM z
         RETURNING item_id)
       SELECT count(*)::int AS changed, coalesce(string_agg(DISTINCT item_id::text, ','), '') AS item_ids FROM hist`,
      [ctx.tenantId, ctx.supplierOrgId, ctx.uploadId, ctx.userId, ctx.at, siteCodes],
    );
    return toChange(r);
  }

  /** A single-row edit: upsert and, when the quantity moved, a MANUAL_EDIT history entry. */
  async upsertOne(
    row: { tenantId: string; supplierOrgId: string; siteCode: string; itemId: string; lotNo: string; qty: string; uom: string; expiryDate: string | null | undefined },
    userId: string,
    at: Date,
  ): Promise<{ changed: boolean }> {
    const [r] = await this.db.query<{ changed: number }>(
      `WITH up AS (
         INSERT INTO supplier_inventory AS s (tenant_id, supplier_org_id, site_code, item_id, lot_no, available_qty, previous_qty, uom, expiry_date, as_of, upload_id, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $10, NULL, $9, $10)
         ON CONFLICT ON CONSTRAINT supplier_inventory_pk DO UPDATE
            SET previous_qty = s.available_qty, available_qty = EXCLUDED.available_qty, uom = EXCLUDED.uom,
                expiry_date = CASE WHEN $11::boolean THEN EXCLUDED.expiry_date ELSE s.expiry_date END,
                as_of = EXCLUDED.as_of, upload_id = NULL, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING s.previous_qty, s.available_qty),
       hist AS (
         INSERT INTO supplier_inventory_history (tenant_id, supplier_org_id, site_code, item_id, lot_no, old_qty, new_qty, source, upload_id, changed_by, changed_at)
         SELECT $1, $2, $3, $4, $5, previous_qty, available_qty, 'MANUAL_EDIT', NULL, $9, $10 FROM up
          WHERE previous_qty IS DISTINCT FROM available_qty
         RETURNING 1)
       SELECT count(*)::int AS changed FROM hist`,
      [row.tenantId, row.supplierOrgId, row.siteCode, row.itemId, row.lotNo, row.qty, row.uom, row.expiryDate ?? null, userId, at, row.expiryDate !== undefined],
    );
    return { changed: (r?.changed ?? 0) > 0 };
  }

  /** Current rows; `tenantId` and/or `supplierOrgId` scope them (the caller sets at least one). */
  list(
    scope: { tenantId: string | null; supplierOrgId: string | null },
    filter: { itemCode?: string; siteCode?: string; lotNo?: string },
    q: PageQueryDto,
  ): Promise<Page<SupplierInventoryRow>> {
    const sort = sortSpec(
      q,
      {
        site: `s.site_code || ' ' || i.code || ' ' || s.lot_no || ' ' || o.code`,
        item: `i.code || ' ' || s.site_code || ' ' || s.lot_no || ' ' || o.code`,
        supplier: `o.code || ' ' || s.site_code || ' ' || i.code || ' ' || s.lot_no`,
        asOf: isoSortKey('s.as_of'),
        expiry: `coalesce(to_char(s.expiry_date, 'YYYY-MM-DD'), '9999-12-31') || ' ' || i.code`,
      },
      'site',
    );
    return keysetPage<Raw & { id: string; sort_key: string }, SupplierInventoryRow>((sql, p) => this.db.query(sql, p), {
      // The row's key is its paging id.
      base: `SELECT concat_ws('|', s.tenant_id, s.supplier_org_id, s.site_code, s.item_id, s.lot_no) AS id, s.tenant_id, s.supplier_org_id, o.code AS supplier_code, s.site_code, i.code AS item_code, i.description,
                    p.supplier_sku, round(s.available_qty, i.decimals)::text AS available_qty, s.uom, s.lot_no,
                    to_char(s.expiry_date, 'YYYY-MM-DD') AS expiry_date, s.as_of, s.upload_id, ${sort.expr} AS sort_key
               FROM supplier_inventory s
               JOIN items i ON i.id = s.item_id
               JOIN organizations o ON o.id = s.supplier_org_id
               LEFT JOIN price_list_entries p ON p.tenant_id = s.tenant_id AND p.supplier_org_id = s.supplier_org_id AND p.item_id = s.item_id AND p.valid_to IS NULL
              WHERE (s.tenant_id, s.supplier_org_id) IN (${LINKED})
                AND ($3::text IS NULL OR i.code = $3) AND ($4::text IS NULL OR s.site_code = $4) AND ($5::text IS NULL OR s.lot_no = $5)`,
      params: [scope.tenantId, scope.supplierOrgId, filter.itemCode ?? null, filter.siteCode ?? null, filter.lotNo ?? null],
      sort,
      query: q,
      map: toRow,
      sortValue: (r) => r.sort_key,
    });
  }

  async one(tenantId: string, supplierOrgId: string, siteCode: string, itemId: string, lotNo: string): Promise<SupplierInventoryRow | null> {
    const [r] = await this.db.query<Raw>(
      `SELECT s.tenant_id, s.supplier_org_id, o.code AS supplier_code, s.site_code, i.code AS item_code, i.description,
              p.supplier_sku, round(s.available_qty, i.decimals)::text AS available_qty, s.uom, s.lot_no,
              to_char(s.expiry_date, 'YYYY-MM-DD') AS expiry_date, s.as_of, s.upload_id
         FROM supplier_inventory s
         JOIN items i ON i.id = s.item_id
         JOIN organizations o ON o.id = s.supplier_org_id
         LEFT JOIN price_list_entries p ON p.tenant_id = s.tenant_id AND p.supplier_org_id = s.supplier_org_id AND p.item_id = s.item_id AND p.valid_to IS NULL
        WHERE s.tenant_id = $1 AND s.supplier_org_id = $2 AND s.site_code = $3 AND s.item_id = $4 AND s.lot_no = $5`,
      [tenantId, supplierOrgId, siteCode, itemId, lotNo],
    );
    return r ? toRow(r) : null;
  }

  history(
    scope: { tenantId: string | null; supplierOrgId: string | null },
    filter: { siteCode: string; itemCode: string; lotNo?: string },
    q: PageQueryDto,
  ): Promise<Page<SupplierInventoryHistoryEntry>> {
    const sort = sortSpec({ ...q, order: q.order ?? 'desc' }, { changedAt: isoSortKey('h.changed_at') }, 'changedAt');
    return keysetPage<Raw & { id: string; sort_key: string }, SupplierInventoryHistoryEntry>((sql, p) => this.db.query(sql, p), {
      base: `SELECT lpad(h.id::text, 19, '0') AS id, h.id AS history_id, h.tenant_id, h.supplier_org_id, h.site_code, i.code AS item_code, h.lot_no,
                    round(h.old_qty, i.decimals)::text AS old_qty, round(h.new_qty, i.decimals)::text AS new_qty, h.source, h.upload_id,
                    h.changed_by, h.changed_at, ${sort.expr} AS sort_key
               FROM supplier_inventory_history h JOIN items i ON i.id = h.item_id
              WHERE (h.tenant_id, h.supplier_org_id) IN (${LINKED})
                AND h.site_code = $3 AND i.code = $4 AND ($5::text IS NULL OR h.lot_no = $5)`,
      params: [scope.tenantId, scope.supplierOrgId, filter.siteCode, filter.itemCode, filter.lotNo ?? null],
      sort,
      query: q,
      map: (r) => ({
        id: String(r['history_id']),
        buyerOrgId: r['tenant_id'] as string,
        supplierOrgId: r['supplier_org_id'] as string,
        siteCode: r['site_code'] as string,
        itemCode: r['item_code'] as string,
        lotNo: r['lot_no'] as string,
        oldQty: r['old_qty'] as string | null,
        newQty: r['new_qty'] as string,
        source: r['source'] as SupplierInventoryHistoryEntry['source'],
        uploadId: r['upload_id'] as string | null,
        changedBy: r['changed_by'] as string | null,
        changedAt: (r['changed_at'] as Date).toISOString(),
      }),
      sortValue: (r) => r.sort_key,
    });
  }
}

function toRow(r: Raw): SupplierInventoryRow {
  return {
    buyerOrgId: r['tenant_id'] as string,
    supplierOrgId: r['supplier_org_id'] as string,
    supplierCode: r['supplier_code'] as string,
    siteCode: r['site_code'] as string,
    itemCode: r['item_code'] as string,
    itemDescription: r['description'] as string,
    supplierSku: (r['supplier_sku'] as string | null) ?? null,
    availableQty: r['available_qty'] as string,
    uom: r['uom'] as string,
    lotNo: r['lot_no'] as string,
    expiryDate: (r['expiry_date'] as string | null) ?? null,
    asOf: (r['as_of'] as Date).toISOString(),
    uploadId: (r['upload_id'] as string | null) ?? null,
  };
}
