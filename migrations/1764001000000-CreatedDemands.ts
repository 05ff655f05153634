import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demands (docs/warnings.md "Demands and netting"): a buyer's requirement of an item at one of
 * its locations by a date, entered one by one or imported from a spreadsheet, and netted into
 * the replenishment proposals while it is OPEN and due within the supplier's lead time.
 *
 * - `demands.status`: OPEN → CANCELLED or FULFILLED (both final); nothing is deleted.
 * - `demand_uploads`: one row per imported file that got as far as its rows (who, when, file
 *   hash, counts, the first problems and rejected rows for the error workbook). A file refused
 *   as a whole (413/415/422) leaves nothing. `demands.upload_id` names the import a demand came from.
 * - `demands_open_netting_idx`: the proposals sum the OPEN demand of one (location, item) up to
 *   a date — an index range scan with `qty` in the index.
 * - `demand_uploads_applied_sha_uq`: the same file (same SHA-256) applies once per tenant.
 */
export class CreatedDemands1764001000000 implements MigrationInterface {
  name = 'CreatedDemands1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_uploads (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        file_bytes bigint NOT NULL,
        dry_run boolean NOT NULL,
        status text NOT NULL,
        total_rows integer NOT NULL,
        valid_rows integer NOT NULL,
        error_rows integer NOT NULL,
        error_count integer NOT NULL,
        errors_truncated boolean NOT NULL DEFAULT false,
        created_demands integer NOT NULL DEFAULT 0,
        duplicate_of uuid NULL REFERENCES demand_uploads (id),
        headers jsonb NOT NULL DEFAULT '[]'::jsonb,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        rejected_rows jsonb NOT NULL DEFAULT '[]'::jsonb,
        notices jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT demand_uploads_status_ck CHECK (status IN ('VALIDATED', 'APPLIED', 'REJECTED')),
        CONSTRAINT demand_uploads_counts_ck CHECK (total_rows >= 0 AND valid_rows >= 0 AND error_rows >= 0 AND error_count >= 0 AND created_demands >= 0)
      )`);
    await q.query(`CREATE INDEX demand_uploads_tenant_created_idx ON demand_uploads (tenant_id, created_at, id)`);
    await q.query(`
      CREATE UNIQUE INDEX demand_uploads_applied_sha_uq ON demand_uploads (tenant_id, file_sha256)
        WHERE status = 'APPLIED' AND duplicate_of IS NULL`);
    await q.query(`
      CREATE TABLE demands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        qty numeric(20, 6) NOT NULL,
        need_by date NOT NULL,
        reference text NULL,
        source text NOT NULL,
        upload_id uuid NULL REFERENCES demand_uploads (id),
        upload_row integer NULL,
        status text NOT NULL DEFAULT 'OPEN',
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz NULL,
        closed_by uuid NULL REFERENCES users (id),
        close_reason text NULL,
        CONSTRAINT demands_qty_ck CHECK (qty > 0),
        CONSTRAINT demands_status_ck CHECK (status IN ('OPEN', 'CANCELLED', 'FULFILLED')),
        CONSTRAINT demands_source_ck CHECK (source IN ('MANUAL', 'UPLOAD') AND ((source = 'UPLOAD') = (upload_id IS NOT NULL))),
        CONSTRAINT demands_closed_ck CHECK ((status = 'OPEN') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX demands_tenant_created_idx ON demands (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX demands_tenant_need_by_idx ON demands (tenant_id, need_by, id)`);
    await q.query(`CREATE INDEX demands_upload_idx ON demands (upload_id) WHERE upload_id IS NOT NULL`);
    await q.query(`
      CREATE INDEX demands_open_netting_idx ON demands (tenant_id, location_id, item_id, need_by)
        INCLUDE (qty) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS demands`);
    await q.query(`DROP TABLE IF EXISTS demand_uploads`);
  }
}
