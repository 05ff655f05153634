import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, users, buyer master data (locations, items, supplier agreements, price-list
 * history, stock policies), idempotency keys and document number sequences.
 * Every tenant-owned table carries `tenant_id` (the buyer organisation) and its unique keys
 * start with it, so the schema can later be distributed by tenant.
 */
export class CreatedFoundationSchema1764000000000 implements MigrationInterface {
  name = 'CreatedFoundationSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_code_uq UNIQUE (code),
        CONSTRAINT organizations_type_ck CHECK (type IN ('BUYER', 'SUPPLIER'))
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NULL REFERENCES organizations (id),
        email text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_roles_ck CHECK (cardinality(roles) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_uq ON users (lower(email))`);
    await q.query(`CREATE INDEX users_org_idx ON users (org_id)`);

    await q.query(`
      CREATE TABLE locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        code text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT locations_tenant_code_uq UNIQUE (tenant_id, code),
        CONSTRAINT locations_type_ck CHECK (type IN ('VMI', 'WAREHOUSE'))
      )`);
    await q.query(`
      CREATE TABLE items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        code text NOT NULL,
        description text NOT NULL,
        uom text NOT NULL,
        decimals smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT items_tenant_code_uq UNIQUE (tenant_id, code),
        CONSTRAINT items_decimals_ck CHECK (decimals BETWEEN 0 AND 6)
      )`);
    await q.query(`
      CREATE TABLE supplier_agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        currency char(3) NOT NULL,
        receipt_tolerance_pct numeric(9, 4) NOT NULL,
        payment_terms_days integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supplier_agreements_tenant_supplier_uq UNIQUE (tenant_id, supplier_org_id),
        CONSTRAINT supplier_agreements_tolerance_ck CHECK (receipt_tolerance_pct >= 0 AND receipt_tolerance_pct <= 100),
        CONSTRAINT supplier_agreements_terms_ck CHECK (payment_terms_days >= 0)
      )`);
    await q.query(`CREATE INDEX supplier_agreements_supplier_idx ON supplier_agreements (supplier_org_id)`);

    // A price applies from the moment it is set: entries are never edited, a new one closes
    // the previous (valid_to) so transfers can always find the price in force at their time.
    await q.query(`
      CREATE TABLE price_list_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        supplier_sku text NOT NULL,
        unit_price numeric(20, 6) NOT NULL,
        currency char(3) NOT NULL,
        lead_time_days integer NOT NULL,
        valid_from timestamptz NOT NULL DEFAULT clock_timestamp(),
        valid_to timestamptz NULL,
        created_by uuid NULL,
        CONSTRAINT price_list_entries_price_ck CHECK (unit_price >= 0),
        CONSTRAINT price_list_entries_lead_time_ck CHECK (lead_time_days >= 0),
        CONSTRAINT price_list_entries_validity_ck CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX price_list_entries_current_uq ON price_list_entries (tenant_id, supplier_org_id, item_id) WHERE valid_to IS NULL`);
    await q.query(`CREATE INDEX price_list_entries_sku_idx ON price_list_entries (tenant_id, supplier_org_id, supplier_sku) WHERE valid_to IS NULL`);
    await q.query(`CREATE INDEX price_list_entries_history_idx ON price_list_entries (tenant_id, supplier_org_id, item_id, valid_from)`);

    await q.query(`
      CREATE TABLE stock_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        min_qty numeric(20, 6) NOT NULL,
        max_qty numeric(20, 6) NOT NULL,
        yellow_pct numeric(7, 2) NOT NULL DEFAULT 10,
        orange_pct numeric(7, 2) NOT NULL DEFAULT 20,
        red_pct numeric(7, 2) NOT NULL DEFAULT 30,
        auto_call_off boolean NOT NULL DEFAULT false,
        preferred_supplier_org_id uuid NULL REFERENCES organizations (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_policies_tenant_location_item_uq UNIQUE (tenant_id, location_id, item_id),
        CONSTRAINT stock_policies_min_max_ck CHECK (min_qty >= 0 AND min_qty <= max_qty),
        CONSTRAINT stock_policies_grades_ck CHECK (yellow_pct >= 0 AND yellow_pct <= orange_pct AND orange_pct <= red_pct AND red_pct <= 100)
      )`);

    // Idempotency-Key: per organisation, 24 h. A row is inserted first in the command's own
    // transaction, so a concurrent twin blocks on the primary key until the first commits.
    await q.query(`
      CREATE TABLE idempotency_keys (
        org_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        status_code integer NULL,
        response jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_keys_pk PRIMARY KEY (org_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    // Gap-free per-tenant document numbers (CO-2026-000001, ASN-…, ST-…).
    await q.query(`
      CREATE TABLE document_sequences (
        tenant_id uuid NOT NULL,
        kind text NOT NULL,
        year integer NOT NULL,
        last_value bigint NOT NULL,
        CONSTRAINT document_sequences_pk PRIMARY KEY (tenant_id, kind, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['document_sequences', 'idempotency_keys', 'stock_policies', 'price_list_entries', 'supplier_agreements', 'items', 'locations', 'users', 'organizations']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
