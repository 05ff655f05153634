import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inter-site transfers and the consignment aging clause (docs/transfers-and-aging.md):
 *
 * - two journal types: TRANSFER (stock moves between two VMI sites, owner unchanged) and
 *   TITLE_TRANSFER (the aging clause: title passes to the buyer, the stock stays where it is);
 * - receipt layers may now be born of a transfer (TRANSFER: the destination's new layer) or of a
 *   title transfer (TITLE_TRANSFER: the buyer-owned layer that replaces the supplier's one).
 *   Such a layer carries the lot, expiry and receipt date of the layer it came from
 *   (`origin_layer_id`), so ages stay true wherever and whoever the goods are;
 * - title transfers say why they happened (`kind`: CONSUMPTION or AGING_CLAUSE), so consumption
 *   history (analytics, forecasts) can leave the clause's transfers out;
 * - agreements get the optional clause (`max_consignment_days`) and its notice period;
 * - `aging_clause_transfers`: one row per (layer, layer version) transferred by the clause, the
 *   primary key being what makes a second transfer of the same stock impossible whoever runs
 *   the job, and `aging_clause_runs`: what each run did (ops and tests).
 *
 * Adding a column with a constant default to an append-only table rewrites nothing and fires no
 * trigger (PostgreSQL ≥ 11 stores the default in the catalogue).
 */
export class AddedTransfersAndAgingClause1764000500000 implements MigrationInterface {
  name = 'AddedTransfersAndAgingClause1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journals DROP CONSTRAINT journals_type_ck`);
    await q.query(`
      ALTER TABLE journals ADD CONSTRAINT journals_type_ck CHECK (type IN (
        'SHIPMENT', 'RECEIPT', 'SHORT_CLOSE', 'CONSUMPTION', 'RETURN', 'ADJUSTMENT', 'REVERSAL', 'TRANSFER', 'TITLE_TRANSFER'))`);

    await q.query(`ALTER TABLE receipt_layers ADD COLUMN origin_layer_id bigint NULL`);
    await q.query(`ALTER TABLE receipt_layers DROP CONSTRAINT receipt_layers_source_ck`);
    await q.query(`ALTER TABLE receipt_layers ADD CONSTRAINT receipt_layers_source_ck CHECK (source IN ('RECEIPT', 'ADJUSTMENT', 'TRANSFER', 'TITLE_TRANSFER'))`);
    await q.query(`
      ALTER TABLE receipt_layers ADD CONSTRAINT receipt_layers_origin_ck
        CHECK ((source IN ('TRANSFER', 'TITLE_TRANSFER')) = (origin_layer_id IS NOT NULL))`);

    await q.query(`ALTER TABLE title_transfers ADD COLUMN kind text NOT NULL DEFAULT 'CONSUMPTION'`);
    await q.query(`ALTER TABLE title_transfers ADD CONSTRAINT title_transfers_kind_ck CHECK (kind IN ('CONSUMPTION', 'AGING_CLAUSE'))`);

    // Title transfers now also belong to TITLE_TRANSFER journals (same trigger, one more type).
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_check_transfers() RETURNS trigger LANGUAGE plpgsql
        SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE bad record;
      BEGIN
        SELECT t.journal_id INTO bad FROM (SELECT DISTINCT tenant_id, journal_id FROM new_transfers) t
          LEFT JOIN LATERAL (SELECT j.type FROM journals j WHERE j.tenant_id = t.tenant_id AND j.id = t.journal_id) jt ON true
         WHERE jt.type IS NULL OR jt.type NOT IN ('CONSUMPTION', 'REVERSAL', 'TITLE_TRANSFER') LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'title transfers of journal %, which is not a consumption, title transfer or reversal', bad.journal_id USING ERRCODE = 'SBOR1';
        END IF;
        RETURN NULL;
      END $$`);

    await q.query(`ALTER TABLE supplier_agreements ADD COLUMN max_consignment_days integer NULL`);
    await q.query(`ALTER TABLE supplier_agreements ADD COLUMN aging_notice_days integer NOT NULL DEFAULT 14`);
    await q.query(`
      ALTER TABLE supplier_agreements ADD CONSTRAINT supplier_agreements_aging_ck
        CHECK ((max_consignment_days IS NULL OR max_consignment_days BETWEEN 1 AND 3650) AND aging_notice_days BETWEEN 0 AND 365)`);

    await q.query(`
      CREATE TABLE aging_clause_transfers (
        tenant_id uuid NOT NULL,
        layer_id bigint NOT NULL,
        layer_version bigint NOT NULL,
        journal_id uuid NOT NULL,
        buyer_layer_id bigint NOT NULL,
        supplier_org_id uuid NOT NULL,
        item_id uuid NOT NULL,
        location_id uuid NOT NULL,
        qty numeric(20, 6) NOT NULL,
        max_consignment_days integer NOT NULL,
        received_at timestamptz NOT NULL,
        transferred_at timestamptz NOT NULL,
        CONSTRAINT aging_clause_transfers_pk PRIMARY KEY (tenant_id, layer_id, layer_version),
        CONSTRAINT aging_clause_transfers_qty_ck CHECK (qty > 0)
      )`);
    await q.query(`CREATE INDEX aging_clause_transfers_journal_idx ON aging_clause_transfers (tenant_id, journal_id)`);
    await q.query(
      `CREATE TRIGGER aging_clause_transfers_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON aging_clause_transfers
         FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
    );

    await q.query(`
      CREATE TABLE aging_clause_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NULL,
        trigger text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz NULL,
        as_of timestamptz NOT NULL,
        tenants integer NOT NULL DEFAULT 0,
        layers_transferred integer NOT NULL DEFAULT 0,
        journals integer NOT NULL DEFAULT 0,
        skipped_no_price integer NOT NULL DEFAULT 0,
        skipped_period_closed integer NOT NULL DEFAULT 0,
        error text NULL,
        CONSTRAINT aging_clause_runs_trigger_ck CHECK (trigger IN ('SCHEDULE', 'MANUAL'))
      )`);
    await q.query(`CREATE INDEX aging_clause_runs_started_idx ON aging_clause_runs (started_at DESC)`);

    await q.query(`ALTER TABLE statement_lines DROP CONSTRAINT statement_lines_type_ck`);
    await q.query(`ALTER TABLE statement_lines ADD CONSTRAINT statement_lines_type_ck CHECK (journal_type IN ('CONSUMPTION', 'REVERSAL', 'TITLE_TRANSFER'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statement_lines DROP CONSTRAINT statement_lines_type_ck`);
    await q.query(`ALTER TABLE statement_lines ADD CONSTRAINT statement_lines_type_ck CHECK (journal_type IN ('CONSUMPTION', 'REVERSAL'))`);
    await q.query(`DROP TABLE IF EXISTS aging_clause_runs`);
    await q.query(`DROP TABLE IF EXISTS aging_clause_transfers`);
    await q.query(`ALTER TABLE supplier_agreements DROP CONSTRAINT supplier_agreements_aging_ck`);
    await q.query(`ALTER TABLE supplier_agreements DROP COLUMN aging_notice_days, DROP COLUMN max_consignment_days`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_check_transfers() RETURNS trigger LANGUAGE plpgsql
        SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE bad record;
      BEGIN
        SELECT t.journal_id INTO bad FROM (SELECT DISTINCT tenant_id, journal_id FROM new_transfers) t
          LEFT JOIN LATERAL (SELECT j.type FROM journals j WHERE j.tenant_id = t.tenant_id AND j.id = t.journal_id) jt ON true
         WHERE jt.type IS NULL OR jt.type NOT IN ('CONSUMPTION', 'REVERSAL') LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'title transfers of journal %, which is not a consumption or reversal', bad.journal_id USING ERRCODE = 'SBOR1';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE title_transfers DROP CONSTRAINT title_transfers_kind_ck`);
    await q.query(`ALTER TABLE title_transfers DROP COLUMN kind`);
    await q.query(`ALTER TABLE receipt_layers DROP CONSTRAINT receipt_layers_origin_ck`);
    await q.query(`ALTER TABLE receipt_layers DROP CONSTRAINT receipt_layers_source_ck`);
    await q.query(`ALTER TABLE receipt_layers ADD CONSTRAINT receipt_layers_source_ck CHECK (source IN ('RECEIPT', 'ADJUSTMENT'))`);
    await q.query(`ALTER TABLE receipt_layers DROP COLUMN origin_layer_id`);
    await q.query(`ALTER TABLE journals DROP CONSTRAINT journals_type_ck`);
    await q.query(`
      ALTER TABLE journals ADD CONSTRAINT journals_type_ck CHECK (type IN (
        'SHIPMENT', 'RECEIPT', 'SHORT_CLOSE', 'CONSUMPTION', 'RETURN', 'ADJUSTMENT', 'REVERSAL'))`);
  }
}
