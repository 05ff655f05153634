import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ownership ledger's tables and the invariants the database itself enforces
 * (docs/ledger.md):
 *
 * - journals, postings, title_transfers and receipt_layers are append-only (a statement-level
 *   trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks);
 * - every INSERT into postings sums to zero per (journal, item) and names an existing journal
 *   (statement-level trigger over the transition table, once per statement, not once per row);
 * - a real balance (site layer or in-transit line) is never negative (CHECK) and every posting
 *   on it stores the running balance and the account version, unique per account;
 * - a journal is reversed at most once (unique index) and a reversal is never reversed.
 *
 * Master-data references (items, locations, organisations) carry no foreign keys on the hot
 * tables: every posting would take a KEY SHARE lock on the same few master rows (multixact
 * traffic); the posting functions resolve them instead. Every key starts with tenant_id.
 */
export class CreatedLedgerSchema1764000100000 implements MigrationInterface {
  name = 'CreatedLedgerSchema1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journals (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        effective_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid NULL,
        reference text NULL,
        reason text NULL,
        reverses_journal_id uuid NULL,
        supplier_org_ids uuid[] NOT NULL,
        CONSTRAINT journals_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT journals_type_ck CHECK (type IN ('SHIPMENT', 'RECEIPT', 'SHORT_CLOSE', 'CONSUMPTION', 'RETURN', 'ADJUSTMENT', 'REVERSAL')),
        CONSTRAINT journals_reversal_ck CHECK ((type = 'REVERSAL') = (reverses_journal_id IS NOT NULL)),
        CONSTRAINT journals_reverses_fk FOREIGN KEY (tenant_id, reverses_journal_id) REFERENCES journals (tenant_id, id)
      )`);
    // At most one reversal per journal: a concurrent second reversal blocks here and fails.
    await q.query(`CREATE UNIQUE INDEX journals_reverses_uq ON journals (tenant_id, reverses_journal_id) WHERE reverses_journal_id IS NOT NULL`);
    await q.query(`CREATE INDEX journals_tenant_seq_idx ON journals (tenant_id, seq)`);
    await q.query(`CREATE INDEX journals_tenant_effective_idx ON journals (tenant_id, effective_date)`);
    await q.query(`CREATE INDEX journals_suppliers_idx ON journals USING gin (supplier_org_ids)`);

    // One row per real account: a receipt layer at a site (location_kind SITE; its id is the
    // layer id) or one ASN line in transit to a site (IN_TRANSIT, keyed by transit_key). A layer
    // row is created at receipt, so FIFO order = id order, and locking candidates ORDER BY id
    // is the FIFO walk and the global lock order at once. fillfactor leaves room for HOT updates.
    await q.query(`
      CREATE TABLE balances (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        item_id uuid NOT NULL,
        location_kind text NOT NULL,
        location_id uuid NOT NULL,
        owner_org_id uuid NOT NULL,
        transit_key uuid NULL,
        qty numeric(20, 6) NOT NULL,
        version bigint NOT NULL,
        CONSTRAINT balances_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT balances_qty_nonneg_ck CHECK (qty >= 0),
        CONSTRAINT balances_kind_ck CHECK (location_kind IN ('SITE', 'IN_TRANSIT')),
        CONSTRAINT balances_transit_key_ck CHECK ((location_kind = 'IN_TRANSIT') = (transit_key IS NOT NULL))
      ) WITH (fillfactor = 80)`);
    await q.query(`CREATE UNIQUE INDEX balances_transit_uq ON balances (tenant_id, item_id, location_id, owner_org_id, transit_key) WHERE location_kind = 'IN_TRANSIT'`);
    // The FIFO walk. Deliberately without "qty > 0" in the predicate: that would make every
    // balance update a non-HOT update (new index entries in every index).
    await q.query(`CREATE INDEX balances_fifo_idx ON balances (tenant_id, item_id, location_id, id) WHERE location_kind = 'SITE'`);
    await q.query(`CREATE INDEX balances_stock_idx ON balances (tenant_id, location_id, item_id, owner_org_id)`);
    await q.query(`CREATE INDEX balances_owner_idx ON balances (owner_org_id, tenant_id)`);

    // What a receipt layer is (lot, expiry, when it arrived); its quantity lives in balances.
    await q.query(`
      CREATE TABLE receipt_layers (
        tenant_id uuid NOT NULL,
        id bigint NOT NULL,
        item_id uuid NOT NULL,
        location_id uuid NOT NULL,
        owner_org_id uuid NOT NULL,
        journal_id uuid NOT NULL,
        source text NOT NULL,
        receipt_id uuid NULL,
        shipment_line_id uuid NULL,
        lot_no text NULL,
        expiry_date date NULL,
        received_at timestamptz NOT NULL,
        original_qty numeric(20, 6) NOT NULL,
        CONSTRAINT receipt_layers_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT receipt_layers_balance_fk FOREIGN KEY (tenant_id, id) REFERENCES balances (tenant_id, id),
        CONSTRAINT receipt_layers_journal_fk FOREIGN KEY (tenant_id, journal_id) REFERENCES journals (tenant_id, id),
        CONSTRAINT receipt_layers_source_ck CHECK (source IN ('RECEIPT', 'ADJUSTMENT')),
        CONSTRAINT receipt_layers_qty_ck CHECK (original_qty > 0)
      )`);

    await q.query(`
      CREATE TABLE postings (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        journal_id uuid NOT NULL,
        item_id uuid NOT NULL,
        location_kind text NOT NULL,
        location_id uuid NULL,
        owner_org_id uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        balance_id bigint NULL,
        layer_id bigint NULL,
        transit_key uuid NULL,
        qty numeric(20, 6) NOT NULL,
        balance_after numeric(20, 6) NULL,
        account_version bigint NULL,
        CONSTRAINT postings_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT postings_kind_ck CHECK (location_kind IN ('SITE', 'SUPPLIER', 'IN_TRANSIT', 'CONSUMED', 'ADJUSTMENT')),
        CONSTRAINT postings_qty_ck CHECK (qty <> 0),
        CONSTRAINT postings_real_account_ck CHECK (
          (location_kind IN ('SITE', 'IN_TRANSIT')) = (balance_id IS NOT NULL)
          AND (balance_id IS NULL) = (balance_after IS NULL)
          AND (balance_id IS NULL) = (account_version IS NULL)),
        CONSTRAINT postings_balance_after_ck CHECK (balance_after >= 0)
      )`);
    // A lost update cannot hide: two postings can never claim the same version of an account.
    await q.query(`CREATE UNIQUE INDEX postings_account_version_uq ON postings (tenant_id, balance_id, account_version) WHERE balance_id IS NOT NULL`);
    await q.query(`CREATE INDEX postings_journal_idx ON postings (tenant_id, journal_id)`);

    // Title passes supplier → buyer at consumption; statements read these rows, never recompute.
    await q.query(`
      CREATE TABLE title_transfers (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        journal_id uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        item_id uuid NOT NULL,
        location_id uuid NOT NULL,
        layer_id bigint NOT NULL,
        qty numeric(20, 6) NOT NULL,
        unit_price numeric(20, 6) NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(20, 2) NOT NULL,
        price_entry_id uuid NULL,
        effective_date date NOT NULL,
        transferred_at timestamptz NOT NULL,
        reference text NULL,
        reverses_transfer_id bigint NULL,
        CONSTRAINT title_transfers_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT title_transfers_sign_ck CHECK ((reverses_transfer_id IS NULL) = (qty > 0)),
        CONSTRAINT title_transfers_price_ck CHECK (unit_price >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX title_transfers_reverses_uq ON title_transfers (tenant_id, reverses_transfer_id) WHERE reverses_transfer_id IS NOT NULL`);
    await q.query(`CREATE INDEX title_transfers_statement_idx ON title_transfers (tenant_id, supplier_org_id, effective_date)`);
    await q.query(`CREATE INDEX title_transfers_journal_idx ON title_transfers (tenant_id, journal_id)`);

    // Periods closed by issued statements (the statements context inserts; the ledger enforces).
    await q.query(`
      CREATE TABLE closed_periods (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        supplier_org_id uuid NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        statement_id uuid NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid NULL,
        CONSTRAINT closed_periods_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT closed_periods_range_ck CHECK (period_from <= period_to)
      )`);
    await q.query(`CREATE INDEX closed_periods_lookup_idx ON closed_periods (tenant_id, supplier_org_id, period_from, period_to)`);

    // ---- invariants ----
    await q.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is refused (post a reversal instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'SBAO1';
      END $$`);
    for (const table of ['journals', 'postings', 'title_transfers', 'receipt_layers']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
      );
    }

    // Once per INSERT statement over the transition table (a per-row foreign key to journals
    // costs one RI query and one tuple lock per row: 40 % of a 500-line batch). Journals are
    // append-only, so a journal that exists when its postings are inserted exists for ever.
    // The journal probes must stay primary-key probes: PL/pgSQL caches the plan, and one made
    // while `journals` was small (fresh database, statistics not yet refreshed) would otherwise
    // hash-join a sequential scan of every journal into each insert — O(journals) per posting.
    // Hence the function-level planner settings (they only apply while the trigger runs).
    await q.query(`
      CREATE FUNCTION ledger_check_postings() RETURNS trigger LANGUAGE plpgsql
        SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE bad record;
      BEGIN
        SELECT journal_id, item_id, sum(qty) AS total INTO bad
          FROM new_postings GROUP BY journal_id, item_id HAVING sum(qty) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal % does not sum to zero for item % (sum %)', bad.journal_id, bad.item_id, bad.total
            USING ERRCODE = 'SBZS1';
        END IF;
        SELECT p.journal_id INTO bad FROM (SELECT DISTINCT tenant_id, journal_id FROM new_postings) p
         WHERE NOT EXISTS (SELECT 1 FROM journals j WHERE j.tenant_id = p.tenant_id AND j.id = p.journal_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'postings of journal %, which does not exist', bad.journal_id USING ERRCODE = 'SBOR1';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER postings_zero_sum AFTER INSERT ON postings
        REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_postings()`);
    await q.query(`
      CREATE FUNCTION ledger_check_transfers() RETURNS trigger LANGUAGE plpgsql
        SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE bad record;
      BEGIN
        -- LATERAL keeps this a primary-key probe per journal whatever the type statistics say.
        SELECT t.journal_id INTO bad FROM (SELECT DISTINCT tenant_id, journal_id FROM new_transfers) t
          LEFT JOIN LATERAL (SELECT j.type FROM journals j WHERE j.tenant_id = t.tenant_id AND j.id = t.journal_id) jt ON true
         WHERE jt.type IS NULL OR jt.type NOT IN ('CONSUMPTION', 'REVERSAL') LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'title transfers of journal %, which is not a consumption or reversal', bad.journal_id USING ERRCODE = 'SBOR1';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER title_transfers_journal AFTER INSERT ON title_transfers
        REFERENCING NEW TABLE AS new_transfers FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_transfers()`);

    await q.query(`
      CREATE FUNCTION ledger_check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM journals WHERE tenant_id = NEW.tenant_id AND id = NEW.reverses_journal_id AND type = 'REVERSAL') THEN
          RAISE EXCEPTION 'journal % is a reversal and cannot be reversed', NEW.reverses_journal_id USING ERRCODE = 'SBRR1';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journals_no_reversal_of_reversal BEFORE INSERT ON journals
        FOR EACH ROW WHEN (NEW.reverses_journal_id IS NOT NULL) EXECUTE FUNCTION ledger_check_reversal()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['closed_periods', 'title_transfers', 'postings', 'receipt_layers', 'balances', 'journals']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    for (const f of ['ledger_check_reversal', 'ledger_check_transfers', 'ledger_check_postings', 'ledger_refuse_change']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
    }
  }
}
