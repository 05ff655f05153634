import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collaborative supplier inventory: what each linked supplier says it holds in its own
 * warehouses for one buyer, the upload batches that said it, and the history of every
 * quantity change.
 *
 * - `supplier_inventory_uploads`: one row per upload (who, when, file hash, mode, counts,
 *   status) — kept forever, so what a supplier said is never lost. Background processing of
 *   large files is a job on this row: a lease (`locked_by`, `locked_until`, `attempts`) taken
 *   with FOR UPDATE SKIP LOCKED, so any API instance can pick it up after a restart.
 * - `supplier_inventory_upload_errors` / `_rejected_rows`: every problem found and the
 *   rejected rows as uploaded (for the error workbook).
 * - `supplier_inventory_upload_rows`: the valid rows of a dry run, staged so that applying it
 *   later needs no second upload.
 * - `supplier_inventory_upload_files`: the bytes of a file queued for background processing
 *   (in chunks), so whichever instance claims the job can read it; deleted when it is done.
 * - `supplier_inventory`: the current rows, one per (supplier, site, item, lot).
 * - `supplier_inventory_history`: every change of a row's quantity, by upload or by edit.
 *
 * Every table carries `tenant_id` (the buyer) and its keys start with it.
 */
export class CreatedSupplierInventory1764000200000 implements MigrationInterface {
  name = 'CreatedSupplierInventory1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supplier_inventory_uploads (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        file_bytes bigint NOT NULL,
        mode text NOT NULL,
        dry_run boolean NOT NULL,
        status text NOT NULL,
        background boolean NOT NULL DEFAULT false,
        total_rows integer NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        valid_rows integer NOT NULL DEFAULT 0,
        error_rows integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors_truncated boolean NOT NULL DEFAULT false,
        -- The uploaded header row, for the error workbook.
        headers jsonb NULL,
        notices jsonb NOT NULL DEFAULT '[]',
        -- Sites named in the file: the scope a SNAPSHOT resets (kept for applying a dry run).
        sites text[] NULL,
        no_change boolean NOT NULL DEFAULT false,
        duplicate_of uuid NULL,
        changed_rows integer NULL,
        failure_reason text NULL,
        locked_by text NULL,
        locked_until timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        validated_at timestamptz NULL,
        applied_at timestamptz NULL,
        finished_at timestamptz NULL,
        CONSTRAINT supplier_inventory_uploads_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT supplier_inventory_uploads_agreement_fk FOREIGN KEY (tenant_id, supplier_org_id)
          REFERENCES supplier_agreements (tenant_id, supplier_org_id),
        CONSTRAINT supplier_inventory_uploads_duplicate_fk FOREIGN KEY (tenant_id, duplicate_of)
          REFERENCES supplier_inventory_uploads (tenant_id, id),
        CONSTRAINT supplier_inventory_uploads_sha_ck CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT supplier_inventory_uploads_mode_ck CHECK (mode IN ('SNAPSHOT', 'DELTA')),
        CONSTRAINT supplier_inventory_uploads_status_ck CHECK (status IN ('PROCESSING', 'VALIDATED', 'APPLIED', 'REJECTED', 'FAILED')),
        CONSTRAINT supplier_inventory_uploads_applied_ck CHECK ((status = 'APPLIED') = (applied_at IS NOT NULL)),
        CONSTRAINT supplier_inventory_uploads_no_change_ck CHECK (NOT no_change OR (status = 'APPLIED' AND duplicate_of IS NOT NULL)),
        CONSTRAINT supplier_inventory_uploads_counts_ck CHECK (processed_rows >= 0 AND valid_rows >= 0 AND error_rows >= 0 AND error_count >= error_rows)
      )`);
    await q.query(`CREATE INDEX supplier_inventory_uploads_tenant_created_idx ON supplier_inventory_uploads (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX supplier_inventory_uploads_supplier_created_idx ON supplier_inventory_uploads (supplier_org_id, created_at, id)`);
    // The same-file rule looks up the upload in effect for a (buyer, supplier).
    await q.query(
      `CREATE INDEX supplier_inventory_uploads_in_effect_idx ON supplier_inventory_uploads (tenant_id, supplier_org_id, applied_at)
        WHERE status = 'APPLIED' AND NOT no_change`,
    );
    // The job queue: what is still being processed.
    await q.query(`CREATE INDEX supplier_inventory_uploads_processing_idx ON supplier_inventory_uploads (created_at) WHERE status = 'PROCESSING'`);

    await q.query(`
      CREATE TABLE supplier_inventory_upload_errors (
        tenant_id uuid NOT NULL,
        upload_id uuid NOT NULL,
        seq integer NOT NULL,
        row_no integer NULL,
        column_name text NOT NULL,
        column_index integer NULL,
        value jsonb NULL,
        code text NOT NULL,
        message text NOT NULL,
        message_zh text NOT NULL,
        CONSTRAINT supplier_inventory_upload_errors_pk PRIMARY KEY (tenant_id, upload_id, seq),
        CONSTRAINT supplier_inventory_upload_errors_upload_fk FOREIGN KEY (tenant_id, upload_id)
          REFERENCES supplier_inventory_uploads (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE supplier_inventory_upload_rejected_rows (
        tenant_id uuid NOT NULL,
        upload_id uuid NOT NULL,
        row_no integer NOT NULL,
        cells jsonb NOT NULL,
        CONSTRAINT supplier_inventory_upload_rejected_rows_pk PRIMARY KEY (tenant_id, upload_id, row_no),
        CONSTRAINT supplier_inventory_upload_rejected_rows_upload_fk FOREIGN KEY (tenant_id, upload_id)
          REFERENCES supplier_inventory_uploads (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE supplier_inventory_upload_rows (
        tenant_id uuid NOT NULL,
        upload_id uuid NOT NULL,
        row_no integer NOT NULL,
        site_code text NOT NULL,
        item_id uuid NOT NULL,
        lot_no text NOT NULL,
        available_qty numeric(20, 6) NOT NULL,
        uom text NOT NULL,
        expiry_date date NULL,
        CONSTRAINT supplier_inventory_upload_rows_pk PRIMARY KEY (tenant_id, upload_id, row_no),
        CONSTRAINT supplier_inventory_upload_rows_upload_fk FOREIGN KEY (tenant_id, upload_id)
          REFERENCES supplier_inventory_uploads (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE supplier_inventory_upload_files (
        tenant_id uuid NOT NULL,
        upload_id uuid NOT NULL,
        seq integer NOT NULL,
        data bytea NOT NULL,
        CONSTRAINT supplier_inventory_upload_files_pk PRIMARY KEY (tenant_id, upload_id, seq),
        CONSTRAINT supplier_inventory_upload_files_upload_fk FOREIGN KEY (tenant_id, upload_id)
          REFERENCES supplier_inventory_uploads (tenant_id, id) ON DELETE CASCADE
      )`);

    // The hot table of an upload: 100,000 rows are upserted in one transaction. It carries no
    // foreign keys and no surrogate id on purpose — per-row RI checks and a random-uuid index
    // doubled the apply time (docs/uploads.md, bench/upload.ts). Its only writers (the upload
    // apply and the single-row edit) take the item from the supplier's price list and the
    // (buyer, supplier) pair from a checked agreement; items and agreements are never deleted.
    await q.query(`
      CREATE TABLE supplier_inventory (
        tenant_id uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        site_code text NOT NULL,
        item_id uuid NOT NULL,
        lot_no text NOT NULL DEFAULT '',
        available_qty numeric(20, 6) NOT NULL,
        -- The quantity before the last write (upload or edit); null when that write created the
        -- row. Set by the same upsert, so the change is known without reading the row first.
        previous_qty numeric(20, 6) NULL,
        uom text NOT NULL,
        expiry_date date NULL,
        as_of timestamptz NOT NULL,
        upload_id uuid NULL,
        updated_by uuid NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The one index: a supplier's rows at a buyer (the apply), one item of a supplier (the
        -- buyer's "who holds item X" goes through the linked suppliers), one row.
        CONSTRAINT supplier_inventory_pk PRIMARY KEY (tenant_id, supplier_org_id, item_id, site_code, lot_no),
        CONSTRAINT supplier_inventory_qty_ck CHECK (available_qty >= 0),
        CONSTRAINT supplier_inventory_site_ck CHECK (site_code <> '' AND site_code = upper(site_code))
      )`);

    await q.query(`
      CREATE TABLE supplier_inventory_history (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        supplier_org_id uuid NOT NULL,
        site_code text NOT NULL,
        item_id uuid NOT NULL,
        lot_no text NOT NULL,
        old_qty numeric(20, 6) NULL,
        new_qty numeric(20, 6) NOT NULL,
        source text NOT NULL,
        upload_id uuid NULL,
        changed_by uuid NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        -- One index serves both identity and "the history of this row" (id grows with time
        -- within a supplier, whose writes are serialised).
        CONSTRAINT supplier_inventory_history_pk PRIMARY KEY (tenant_id, supplier_org_id, item_id, site_code, id),
        CONSTRAINT supplier_inventory_history_source_ck CHECK (
          (source = 'UPLOAD' AND upload_id IS NOT NULL) OR (source = 'MANUAL_EDIT' AND upload_id IS NULL))
      )`);
    // The same-file rule asks whether the supplier edited anything since its last upload.
    await q.query(
      `CREATE INDEX supplier_inventory_history_edits_idx ON supplier_inventory_history (tenant_id, supplier_org_id, changed_at) WHERE source = 'MANUAL_EDIT'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'supplier_inventory_history',
      'supplier_inventory',
      'supplier_inventory_upload_files',
      'supplier_inventory_upload_rows',
      'supplier_inventory_upload_rejected_rows',
      'supplier_inventory_upload_errors',
      'supplier_inventory_uploads',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
