import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation statements (docs/statements.md): one supplier, one period of inclusive
 * business dates, a frozen snapshot of that period's title transfers.
 *
 * - `statements` holds the header; its content columns (number, supplier, period, currency,
 *   totals, line count, content hash) never change after insert and its status only moves
 *   DRAFT → ISSUED | SUPERSEDED, ISSUED → CONFIRMED | DISPUTED (a row trigger refuses
 *   anything else, whoever asks).
 * - `statement_lines`, `statement_quantities` and `statement_totals` are the snapshot, written
 *   once when the statement is created and never updated or deleted (statement-level
 *   trigger), so an issued statement and its exports never change.
 * - `statement_line_disputes` and `statement_events` are append-only annotations: what the
 *   supplier said about which line, and every status change (who, when, from, to, comment).
 *
 * The snapshot is written before its header in one transaction, so the children's foreign
 * keys to the header are DEFERRABLE INITIALLY DEFERRED (checked at commit). Every key starts
 * with tenant_id (the buyer) so the tables can be distributed by tenant.
 */
export class CreatedStatements1764000400000 implements MigrationInterface {
  name = 'CreatedStatements1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statements (
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number text NOT NULL,
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        status text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        currency char(3) NOT NULL,
        total_amount numeric(20, 2) NOT NULL,
        line_count integer NOT NULL,
        content_sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        issued_at timestamptz NULL,
        issued_by uuid NULL,
        responded_at timestamptz NULL,
        responded_by uuid NULL,
        superseded_by_id uuid NULL,
        CONSTRAINT statements_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT statements_tenant_number_uq UNIQUE (tenant_id, number),
        CONSTRAINT statements_agreement_fk FOREIGN KEY (tenant_id, supplier_org_id)
          REFERENCES supplier_agreements (tenant_id, supplier_org_id),
        CONSTRAINT statements_superseded_by_fk FOREIGN KEY (tenant_id, superseded_by_id) REFERENCES statements (tenant_id, id),
        CONSTRAINT statements_status_ck CHECK (status IN ('DRAFT', 'ISSUED', 'CONFIRMED', 'DISPUTED', 'SUPERSEDED')),
        CONSTRAINT statements_period_ck CHECK (period_from <= period_to),
        CONSTRAINT statements_line_count_ck CHECK (line_count >= 0),
        CONSTRAINT statements_sha256_ck CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT statements_issued_ck CHECK ((status IN ('DRAFT', 'SUPERSEDED')) = (issued_at IS NULL)),
        CONSTRAINT statements_responded_ck CHECK ((status IN ('CONFIRMED', 'DISPUTED')) = (responded_at IS NOT NULL)),
        CONSTRAINT statements_superseded_ck CHECK ((status = 'SUPERSEDED') = (superseded_by_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX statements_tenant_created_idx ON statements (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX statements_supplier_period_idx ON statements (tenant_id, supplier_org_id, period_from, period_to)`);
    await q.query(`CREATE INDEX statements_supplier_created_idx ON statements (supplier_org_id, created_at, id)`);

    // One line per title transfer of the period, in (business date, transfer id) order.
    await q.query(`
      CREATE TABLE statement_lines (
        tenant_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        line_no integer NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        transfer_id bigint NOT NULL,
        journal_id uuid NOT NULL,
        journal_type text NOT NULL,
        effective_date date NOT NULL,
        item_id uuid NOT NULL,
        item_code text NOT NULL,
        supplier_sku text NULL,
        location_code text NOT NULL,
        qty numeric(20, 6) NOT NULL,
        unit_price numeric(20, 6) NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(20, 2) NOT NULL,
        reference text NULL,
        CONSTRAINT statement_lines_pk PRIMARY KEY (tenant_id, statement_id, line_no),
        CONSTRAINT statement_lines_id_uq UNIQUE (tenant_id, statement_id, id),
        CONSTRAINT statement_lines_statement_fk FOREIGN KEY (tenant_id, statement_id)
          REFERENCES statements (tenant_id, id) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT statement_lines_line_no_ck CHECK (line_no >= 1),
        CONSTRAINT statement_lines_type_ck CHECK (journal_type IN ('CONSUMPTION', 'REVERSAL'))
      )`);

    // Supplier-owned quantity per item at the buyer's real sites before and at the end of the period.
    await q.query(`
      CREATE TABLE statement_quantities (
        tenant_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        item_id uuid NOT NULL,
        item_code text NOT NULL,
        opening_qty numeric(20, 6) NOT NULL,
        closing_qty numeric(20, 6) NOT NULL,
        CONSTRAINT statement_quantities_pk PRIMARY KEY (tenant_id, statement_id, item_id),
        CONSTRAINT statement_quantities_statement_fk FOREIGN KEY (tenant_id, statement_id)
          REFERENCES statements (tenant_id, id) DEFERRABLE INITIALLY DEFERRED
      )`);

    // Amounts in different currencies are never added together: one total per currency.
    await q.query(`
      CREATE TABLE statement_totals (
        tenant_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(20, 2) NOT NULL,
        line_count integer NOT NULL,
        CONSTRAINT statement_totals_pk PRIMARY KEY (tenant_id, statement_id, currency),
        CONSTRAINT statement_totals_statement_fk FOREIGN KEY (tenant_id, statement_id)
          REFERENCES statements (tenant_id, id) DEFERRABLE INITIALLY DEFERRED
      )`);

    // A disputed line belongs to its statement by construction (the FK names both).
    await q.query(`
      CREATE TABLE statement_line_disputes (
        tenant_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        line_id uuid NOT NULL,
        comment text NOT NULL,
        disputed_by uuid NULL,
        disputed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT statement_line_disputes_pk PRIMARY KEY (tenant_id, statement_id, line_id),
        CONSTRAINT statement_line_disputes_line_fk FOREIGN KEY (tenant_id, statement_id, line_id)
          REFERENCES statement_lines (tenant_id, statement_id, id)
      )`);

    await q.query(`
      CREATE TABLE statement_events (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        statement_id uuid NOT NULL,
        from_status text NULL,
        to_status text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_user_id uuid NULL,
        by_org_id uuid NULL,
        comment text NULL,
        CONSTRAINT statement_events_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT statement_events_statement_fk FOREIGN KEY (tenant_id, statement_id)
          REFERENCES statements (tenant_id, id) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX statement_events_statement_idx ON statement_events (tenant_id, statement_id, id)`);

    // ---- the database's own guarantees ----
    await q.query(`
      CREATE FUNCTION statements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'statement snapshots are immutable: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'SBST1';
      END $$`);
    for (const table of ['statement_lines', 'statement_quantities', 'statement_totals', 'statement_line_disputes', 'statement_events']) {
      await q.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION statements_refuse_change()`,
      );
    }

    await q.query(`
      CREATE FUNCTION statements_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.tenant_id, NEW.id, NEW.number, NEW.supplier_org_id, NEW.period_from, NEW.period_to, NEW.currency,
            NEW.total_amount, NEW.line_count, NEW.content_sha256, NEW.created_at, NEW.created_by)
           IS DISTINCT FROM
           (OLD.tenant_id, OLD.id, OLD.number, OLD.supplier_org_id, OLD.period_from, OLD.period_to, OLD.currency,
            OLD.total_amount, OLD.line_count, OLD.content_sha256, OLD.created_at, OLD.created_by) THEN
          RAISE EXCEPTION 'the content of statement % never changes', OLD.number USING ERRCODE = 'SBST1';
        END IF;
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
             (OLD.status = 'DRAFT' AND NEW.status IN ('ISSUED', 'SUPERSEDED'))
          OR (OLD.status = 'ISSUED' AND NEW.status IN ('CONFIRMED', 'DISPUTED'))) THEN
          RAISE EXCEPTION 'statement % cannot go from % to %', OLD.number, OLD.status, NEW.status USING ERRCODE = 'SBST2';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER statements_guard BEFORE UPDATE ON statements FOR EACH ROW EXECUTE FUNCTION statements_guard_update()`);
    await q.query(`
      CREATE TRIGGER statements_no_delete BEFORE DELETE OR TRUNCATE ON statements
        FOR EACH STATEMENT EXECUTE FUNCTION statements_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['statement_events', 'statement_line_disputes', 'statement_totals', 'statement_quantities', 'statement_lines', 'statements']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS statements_guard_update()`);
    await q.query(`DROP FUNCTION IF EXISTS statements_refuse_change()`);
  }
}
