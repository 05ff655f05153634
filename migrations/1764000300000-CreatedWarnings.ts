import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warnings (docs/warnings.md): stock warnings with a lifecycle, the per-buyer day limits, the
 * supplier-stock thresholds and the transactional outbox that makes re-grading follow every
 * stock change.
 *
 * - `warnings`: one row per raised warning. A partial unique index on (tenant, kind, location,
 *   item, owner) WHERE status <> 'RESOLVED' lets the database itself guarantee at most one open
 *   warning per key (nullable ids are folded to the zero uuid).
 * - `warning_outbox`: (tenant, location, item) keys to re-grade. Statement-level triggers on
 *   `balances` and `stock_policies` insert them in the same transaction as the posting, so a
 *   committed stock change can never be missed and a rolled-back one leaves nothing. A worker
 *   claims rows with DELETE … FOR UPDATE SKIP LOCKED (safe with several API instances).
 */
export class CreatedWarnings1764000300000 implements MigrationInterface {
  name = 'CreatedWarnings1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warnings (
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        location_id uuid NULL,
        item_id uuid NOT NULL,
        owner_org_id uuid NULL,
        available numeric(20, 6) NOT NULL,
        threshold numeric(20, 6) NOT NULL,
        deviation_pct numeric(12, 2) NOT NULL,
        suggested_qty numeric(20, 6) NULL,
        snapshot jsonb NOT NULL DEFAULT '{}'::jsonb,
        raised_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz NULL,
        acknowledged_by uuid NULL,
        resolved_at timestamptz NULL,
        CONSTRAINT warnings_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT warnings_kind_ck CHECK (kind IN ('LOW_WATER', 'SUPPLIER_LOW_WATER', 'OVERSTOCK', 'AGING', 'SLOW_MOVING', 'EXPIRY')),
        CONSTRAINT warnings_severity_ck CHECK (severity IN ('YELLOW', 'ORANGE', 'RED')),
        CONSTRAINT warnings_status_ck CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
        CONSTRAINT warnings_resolved_ck CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX warnings_open_key_uq ON warnings (
        tenant_id, kind,
        coalesce(location_id, '00000000-0000-0000-0000-000000000000'::uuid),
        item_id,
        coalesce(owner_org_id, '00000000-0000-0000-0000-000000000000'::uuid)
      ) WHERE status <> 'RESOLVED'`);
    await q.query(`CREATE INDEX warnings_list_idx ON warnings (tenant_id, raised_at DESC, id DESC)`);
    await q.query(`CREATE INDEX warnings_owner_idx ON warnings (owner_org_id, tenant_id) WHERE owner_org_id IS NOT NULL`);

    // Per-buyer day limits of the time-driven kinds (defaults 90 / 60 / 30 when no row).
    await q.query(`
      CREATE TABLE warning_settings (
        tenant_id uuid PRIMARY KEY REFERENCES organizations (id),
        aging_days integer NOT NULL DEFAULT 90,
        slow_moving_days integer NOT NULL DEFAULT 60,
        expiry_days integer NOT NULL DEFAULT 30,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT warning_settings_days_ck CHECK (aging_days > 0 AND slow_moving_days > 0 AND expiry_days > 0)
      )`);

    // What a supplier should keep in its own warehouse per item for this buyer.
    await q.query(`
      CREATE TABLE supplier_stock_thresholds (
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        threshold_qty numeric(20, 6) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supplier_stock_thresholds_pk PRIMARY KEY (tenant_id, supplier_org_id, item_id),
        CONSTRAINT supplier_stock_thresholds_qty_ck CHECK (threshold_qty >= 0)
      )`);

    await q.query(`
      CREATE TABLE warning_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL,
        location_id uuid NOT NULL,
        item_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE FUNCTION warning_outbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO warning_outbox (tenant_id, location_id, item_id)
        SELECT DISTINCT n.tenant_id, n.location_id, n.item_id FROM new_rows n;
        RETURN NULL;
      END $$`);
    for (const table of ['balances', 'stock_policies']) {
      await q.query(`CREATE TRIGGER ${table}_warning_outbox_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION warning_outbox_enqueue()`);
      await q.query(`CREATE TRIGGER ${table}_warning_outbox_upd AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION warning_outbox_enqueue()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['balances', 'stock_policies']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_warning_outbox_ins ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_warning_outbox_upd ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS warning_outbox_enqueue()`);
    for (const t of ['warning_outbox', 'supplier_stock_thresholds', 'warning_settings', 'warnings']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
