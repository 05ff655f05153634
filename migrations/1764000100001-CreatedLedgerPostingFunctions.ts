import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's write path as PL/pgSQL: one round trip per command (LEDGER.md, QUALITY.md).
 * Each function resolves, locks, checks, writes the journal, its postings (ONE insert per
 * journal, so the statement-level zero-sum trigger sees the whole journal) and its title
 * transfers, and raises a custom SQLSTATE the API maps to a problem code:
 *
 *   SBNF1 → 404 NOT_FOUND          SBVD1 → 400 VALIDATION_FAILED (DETAIL = field path)
 *   SBVD2 → 422 VALIDATION_FAILED (well-formed, but e.g. no price in force for the supplier)
 *   SBIS1 → 409 INSUFFICIENT_STOCK (DETAIL = {"requested","available"} JSON)
 *   SBPC1 → 409 PERIOD_CLOSED      SBAR1 → 409 ALREADY_REVERSED   SBRR1 → 409 INVALID_STATE
 *   SBZS1, SBAO1, SBOR1, SBIN1 → 500 (invariant breaches and bad arguments are bugs, not user errors)
 *
 * Lock order: balance rows are always locked in ascending id order (FIFO walk = id order);
 * period advisory locks are taken shared, after the row locks, and never while waiting for
 * a row lock of a statement issuer (which takes the period lock exclusively and no row locks).
 */
export class CreatedLedgerPostingFunctions1764000100001 implements MigrationInterface {
  name = 'CreatedLedgerPostingFunctions1764000100001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of FUNCTIONS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sig of SIGNATURES) await q.query(`DROP FUNCTION IF EXISTS ${sig}`);
  }
}

const SIGNATURES = [
  'ledger_consume_batch(uuid, uuid, uuid[], uuid[], date[], text[], int[], bigint[], uuid[], numeric[])',
  'ledger_post_chain(text, uuid, uuid, uuid, uuid[], numeric[], uuid[], text[], date[], date, uuid, text, uuid, timestamptz)',
  'ledger_reverse(uuid, uuid, date, uuid, text)',
  'ledger_adjust(uuid, text, text, uuid, numeric, date, uuid, text, text)',
  'ledger_return(uuid, text, text, uuid, numeric, date, uuid, text, text)',
  'ledger_consume(uuid, text, text, numeric, uuid, date, uuid, text)',
  'ledger_take_fifo(uuid, uuid, uuid, uuid, numeric)',
  'ledger_assert_supplier(uuid, uuid)',
  'ledger_resolve(uuid, text, text, numeric, text)',
  'ledger_assert_periods_open(uuid, uuid[], date)',
  'ledger_period_lock_key(uuid, uuid)',
  'ledger_uuid7()',
];

const FUNCTIONS = [
  // Time-ordered journal ids (UUID version 7 layout: 48-bit Unix milliseconds, then random):
  // journal keys land at the right edge of their indexes instead of on random leaf pages, so
  // inserts stay cache- and WAL-friendly (fewer full-page images after a checkpoint).
  `CREATE FUNCTION ledger_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS
   $$ SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                                            PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                                            FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`,

  // The advisory lock key of (tenant, supplier) for period close: postings take it shared,
  // issuing a statement takes it exclusively (LedgerService.lockPeriodExclusive).
  `CREATE FUNCTION ledger_period_lock_key(p_tenant uuid, p_supplier uuid) RETURNS bigint
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT hashtextextended('sb:period:' || p_tenant::text || ':' || p_supplier::text, 0) $$`,

  `CREATE FUNCTION ledger_assert_periods_open(p_tenant uuid, p_suppliers uuid[], p_date date) RETURNS void
     LANGUAGE plpgsql AS $$
   DECLARE s uuid;
   BEGIN
     FOR s IN SELECT DISTINCT u FROM unnest(p_suppliers) AS u ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock_shared(ledger_period_lock_key(p_tenant, s));
       IF EXISTS (SELECT 1 FROM closed_periods c
                   WHERE c.tenant_id = p_tenant AND c.supplier_org_id = s
                     AND c.period_from <= p_date AND c.period_to >= p_date) THEN
         RAISE EXCEPTION 'The period containing % is closed for supplier %', p_date, s
           USING ERRCODE = 'SBPC1', DETAIL = json_build_object('supplierOrgId', s, 'effectiveDate', p_date)::text;
       END IF;
     END LOOP;
   END $$`,

  // Codes → ids of the caller's tenant, and the item's precision rule for a quantity.
  `CREATE FUNCTION ledger_resolve(p_tenant uuid, p_location_code text, p_item_code text, p_qty numeric, p_field text,
                                  OUT location_id uuid, OUT item_id uuid)
     LANGUAGE plpgsql STABLE AS $$
   #variable_conflict use_variable
   DECLARE v_decimals int;
   BEGIN
     SELECT l.id INTO location_id FROM locations l WHERE l.tenant_id = p_tenant AND l.code = p_location_code;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'Location % was not found', p_location_code USING ERRCODE = 'SBNF1';
     END IF;
     SELECT i.id, i.decimals INTO item_id, v_decimals FROM items i WHERE i.tenant_id = p_tenant AND i.code = p_item_code;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'Item % was not found', p_item_code USING ERRCODE = 'SBNF1';
     END IF;
     IF p_qty IS NOT NULL AND p_qty <> trunc(p_qty, v_decimals) THEN
       RAISE EXCEPTION '% % has more decimals than item % allows (%)', p_field, p_qty, p_item_code, v_decimals
         USING ERRCODE = 'SBVD1', DETAIL = p_field;
     END IF;
   END $$`,

  `CREATE FUNCTION ledger_assert_supplier(p_tenant uuid, p_supplier uuid) RETURNS void
     LANGUAGE plpgsql STABLE AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM supplier_agreements a WHERE a.tenant_id = p_tenant AND a.supplier_org_id = p_supplier) THEN
       RAISE EXCEPTION 'Supplier % is not linked to this buyer', p_supplier USING ERRCODE = 'SBNF1';
     END IF;
   END $$`,

  // The FIFO walk: lock candidate layers oldest (lowest id) first, one FETCH at a time so only
  // the layers actually needed are locked, and take from each until the demand is met.
  // A shortage raises SBIS1 (the caller's transaction rolls back: nothing is posted).
  `CREATE FUNCTION ledger_take_fifo(p_tenant uuid, p_item uuid, p_location uuid, p_owner uuid, p_qty numeric,
                                    OUT balance_ids bigint[], OUT owners uuid[], OUT takes numeric[],
                                    OUT afters numeric[], OUT versions bigint[])
     LANGUAGE plpgsql AS $$
   DECLARE
     c CURSOR FOR
       SELECT b.id, b.owner_org_id, b.qty FROM balances b
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND b.location_id = p_location
          AND b.location_kind = 'SITE' AND b.qty > 0 AND (p_owner IS NULL OR b.owner_org_id = p_owner)
        ORDER BY b.id
        FOR NO KEY UPDATE;
     r record;
     v_need numeric := p_qty;
     v_part numeric;
     v_after numeric;
     v_version bigint;
   BEGIN
     balance_ids := '{}'; owners := '{}'; takes := '{}'; afters := '{}'; versions := '{}';
     OPEN c;
     LOOP
       FETCH c INTO r;
       EXIT WHEN NOT FOUND;
       v_part := least(r.qty, v_need);
       UPDATE balances SET qty = qty - v_part, version = version + 1
        WHERE tenant_id = p_tenant AND id = r.id
        RETURNING qty, version INTO v_after, v_version;
       balance_ids := balance_ids || r.id;
       owners := owners || r.owner_org_id;
       takes := takes || v_part;
       afters := afters || v_after;
       versions := versions || v_version;
       v_need := v_need - v_part;
       EXIT WHEN v_need = 0;
     END LOOP;
     CLOSE c;
     IF v_need > 0 THEN
       RAISE EXCEPTION 'Not enough stock: % requested, % available', p_qty, p_qty - v_need
         USING ERRCODE = 'SBIS1', DETAIL = json_build_object('requested', p_qty::text, 'available', (p_qty - v_need)::text)::text;
     END IF;
   END $$`,

  // POST /consumptions: SITE(owner, layer) −q, CONSUMED(buyer) +q per layer, and a title
  // transfer per layer priced at the price-list entry in force at this instant.
  `CREATE FUNCTION ledger_consume(p_tenant uuid, p_location_code text, p_item_code text, p_qty numeric, p_owner uuid,
                                  p_effective date, p_user uuid, p_reference text)
     RETURNS TABLE (journal_id uuid, supplier_org_id uuid, qty numeric, unit_price numeric, currency text,
                    amount numeric, lot_no text, received_at timestamptz)
     LANGUAGE plpgsql AS $$
   #variable_conflict use_column
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     v_loc uuid;
     v_item uuid;
     f record;
     v_suppliers uuid[];
     v_price_ids uuid[];
     v_prices numeric[];
     v_currencies text[];
   BEGIN
     SELECT r.location_id, r.item_id INTO v_loc, v_item FROM ledger_resolve(p_tenant, p_location_code, p_item_code, p_qty, 'qty') r;
     IF p_qty <= 0 THEN
       RAISE EXCEPTION 'qty must be greater than zero' USING ERRCODE = 'SBVD1', DETAIL = 'qty';
     END IF;
     IF p_owner IS NOT NULL THEN
       PERFORM ledger_assert_supplier(p_tenant, p_owner);
     END IF;
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     SELECT * INTO f FROM ledger_take_fifo(p_tenant, v_item, v_loc, p_owner, p_qty);
     v_suppliers := ARRAY(SELECT DISTINCT s FROM unnest(f.owners) AS s ORDER BY 1);
     PERFORM ledger_assert_periods_open(p_tenant, v_suppliers, v_date);

     SELECT array_agg(pe.id ORDER BY a.n), array_agg(pe.unit_price ORDER BY a.n), array_agg(pe.currency::text ORDER BY a.n)
       INTO v_price_ids, v_prices, v_currencies
       FROM unnest(f.owners) WITH ORDINALITY AS a(owner, n)
       LEFT JOIN LATERAL (
         SELECT e.id, e.unit_price, e.currency FROM price_list_entries e
          WHERE e.tenant_id = p_tenant AND e.supplier_org_id = a.owner AND e.item_id = v_item
            AND e.valid_from <= v_now AND (e.valid_to IS NULL OR e.valid_to > v_now)
          ORDER BY e.valid_from DESC LIMIT 1) pe ON true;
     IF array_position(v_price_ids, NULL) IS NOT NULL THEN
       RAISE EXCEPTION 'Supplier % has no price in force for item %', f.owners[array_position(v_price_ids, NULL)], p_item_code
         USING ERRCODE = 'SBVD2', DETAIL = 'itemCode';
     END IF;

     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, supplier_org_ids)
     VALUES (p_tenant, v_journal, 'CONSUMPTION', v_date, v_now, p_user, p_reference, v_suppliers);

     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, qty, balance_after, account_version)
     SELECT p_tenant, v_journal, v_item, k.kind, v_loc, CASE WHEN k.site THEN a.owner ELSE p_tenant END, a.owner,
            CASE WHEN k.site THEN a.bid END, a.bid, CASE WHEN k.site THEN -a.take ELSE a.take END,
            CASE WHEN k.site THEN a.after END, CASE WHEN k.site THEN a.ver END
       FROM unnest(f.balance_ids, f.owners, f.takes, f.afters, f.versions) WITH ORDINALITY AS a(bid, owner, take, after, ver, n)
      CROSS JOIN (VALUES ('SITE', true), ('CONSUMED', false)) AS k(kind, site)
      ORDER BY a.n, k.site DESC;

     RETURN QUERY
     WITH ins AS (
       INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price,
                                    currency, amount, price_entry_id, effective_date, transferred_at, reference)
       SELECT p_tenant, v_journal, a.owner, v_item, v_loc, a.bid, a.take, a.price, a.cur,
              round(a.take * a.price, 2), a.pe, v_date, v_now, p_reference
         FROM unnest(f.balance_ids, f.owners, f.takes, v_prices, v_currencies, v_price_ids) WITH ORDINALITY
              AS a(bid, owner, take, price, cur, pe, n)
        ORDER BY a.n
       RETURNING id, layer_id, supplier_org_id, qty, unit_price, currency, amount
     )
     SELECT v_journal, i.supplier_org_id, i.qty, i.unit_price, i.currency::text, i.amount, rl.lot_no, rl.received_at
       FROM ins i JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = i.layer_id
      ORDER BY i.id;
   END $$`,

  // POST /returns: SITE(S, layer) −q, SUPPLIER(S) +q, FIFO over that supplier's layers.
  `CREATE FUNCTION ledger_return(p_tenant uuid, p_location_code text, p_item_code text, p_supplier uuid, p_qty numeric,
                                 p_effective date, p_user uuid, p_reason text, p_reference text)
     RETURNS uuid LANGUAGE plpgsql AS $$
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     v_loc uuid;
     v_item uuid;
     f record;
   BEGIN
     SELECT r.location_id, r.item_id INTO v_loc, v_item FROM ledger_resolve(p_tenant, p_location_code, p_item_code, p_qty, 'qty') r;
     IF p_qty <= 0 THEN
       RAISE EXCEPTION 'qty must be greater than zero' USING ERRCODE = 'SBVD1', DETAIL = 'qty';
     END IF;
     PERFORM ledger_assert_supplier(p_tenant, p_supplier);
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     SELECT * INTO f FROM ledger_take_fifo(p_tenant, v_item, v_loc, p_supplier, p_qty);
     PERFORM ledger_assert_periods_open(p_tenant, ARRAY[p_supplier], v_date);
     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, reason, supplier_org_ids)
     VALUES (p_tenant, v_journal, 'RETURN', v_date, v_now, p_user, p_reference, p_reason, ARRAY[p_supplier]);
     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, qty, balance_after, account_version)
     SELECT p_tenant, v_journal, v_item, k.kind, CASE WHEN k.site THEN v_loc END, p_supplier, p_supplier,
            CASE WHEN k.site THEN a.bid END, a.bid, CASE WHEN k.site THEN -a.take ELSE a.take END,
            CASE WHEN k.site THEN a.after END, CASE WHEN k.site THEN a.ver END
       FROM unnest(f.balance_ids, f.takes, f.afters, f.versions) WITH ORDINALITY AS a(bid, take, after, ver, n)
      CROSS JOIN (VALUES ('SITE', true), ('SUPPLIER', false)) AS k(kind, site)
      ORDER BY a.n, k.site DESC;
     RETURN v_journal;
   END $$`,

  // POST /adjustments: difference = counted − book (that owner, that site). A loss is taken
  // FIFO (SITE −, ADJUSTMENT +); a gain becomes a new layer (ADJUSTMENT −, SITE +).
  // The owner's layers are locked before the book quantity is read, so the count is exact.
  `CREATE FUNCTION ledger_adjust(p_tenant uuid, p_location_code text, p_item_code text, p_supplier uuid, p_counted numeric,
                                 p_effective date, p_user uuid, p_reason text, p_reference text)
     RETURNS TABLE (journal_id uuid, difference numeric, book_qty numeric)
     LANGUAGE plpgsql AS $$
   #variable_conflict use_column
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     v_loc uuid;
     v_item uuid;
     v_book numeric;
     v_diff numeric;
     v_bid bigint;
     f record;
   BEGIN
     SELECT r.location_id, r.item_id INTO v_loc, v_item FROM ledger_resolve(p_tenant, p_location_code, p_item_code, p_counted, 'countedQty') r;
     IF p_counted < 0 THEN
       RAISE EXCEPTION 'countedQty must not be negative' USING ERRCODE = 'SBVD1', DETAIL = 'countedQty';
     END IF;
     PERFORM ledger_assert_supplier(p_tenant, p_supplier);
     SELECT coalesce(sum(s.qty), 0) INTO v_book FROM (
       SELECT b.qty FROM balances b
        WHERE b.tenant_id = p_tenant AND b.item_id = v_item AND b.location_id = v_loc AND b.location_kind = 'SITE'
          AND b.owner_org_id = p_supplier AND b.qty > 0
        ORDER BY b.id FOR NO KEY UPDATE) s;
     v_diff := p_counted - v_book;
     IF v_diff = 0 THEN
       RETURN QUERY SELECT NULL::uuid, v_diff, v_book;
       RETURN;
     END IF;
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     PERFORM ledger_assert_periods_open(p_tenant, ARRAY[p_supplier], v_date);
     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, reason, supplier_org_ids)
     VALUES (p_tenant, v_journal, 'ADJUSTMENT', v_date, v_now, p_user, p_reference, p_reason, ARRAY[p_supplier]);
     IF v_diff < 0 THEN
       SELECT * INTO f FROM ledger_take_fifo(p_tenant, v_item, v_loc, p_supplier, -v_diff);
       INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                             balance_id, layer_id, qty, balance_after, account_version)
       SELECT p_tenant, v_journal, v_item, k.kind, v_loc, p_supplier, p_supplier,
              CASE WHEN k.site THEN a.bid END, a.bid, CASE WHEN k.site THEN -a.take ELSE a.take END,
              CASE WHEN k.site THEN a.after END, CASE WHEN k.site THEN a.ver END
         FROM unnest(f.balance_ids, f.takes, f.afters, f.versions) WITH ORDINALITY AS a(bid, take, after, ver, n)
        CROSS JOIN (VALUES ('SITE', true), ('ADJUSTMENT', false)) AS k(kind, site)
        ORDER BY a.n, k.site DESC;
     ELSE
       INSERT INTO balances (tenant_id, item_id, location_kind, location_id, owner_org_id, qty, version)
       VALUES (p_tenant, v_item, 'SITE', v_loc, p_supplier, v_diff, 1) RETURNING id INTO v_bid;
       INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, received_at, original_qty)
       VALUES (p_tenant, v_bid, v_item, v_loc, p_supplier, v_journal, 'ADJUSTMENT', v_now, v_diff);
       INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                             balance_id, layer_id, qty, balance_after, account_version)
       VALUES (p_tenant, v_journal, v_item, 'ADJUSTMENT', v_loc, p_supplier, p_supplier, NULL, v_bid, -v_diff, NULL, NULL),
              (p_tenant, v_journal, v_item, 'SITE', v_loc, p_supplier, p_supplier, v_bid, v_bid, v_diff, v_diff, 1);
     END IF;
     RETURN QUERY SELECT v_journal, v_diff, v_book;
   END $$`,

  // POST /ledger/journals/{id}/reverse: the mirror image of one journal, at most once. The
  // reversal's journal row is inserted first, so a concurrent second reversal waits on the
  // unique index and then fails (23505 → ALREADY_REVERSED) before touching any balance.
  `CREATE FUNCTION ledger_reverse(p_tenant uuid, p_journal uuid, p_effective date, p_user uuid, p_reason text)
     RETURNS uuid LANGUAGE plpgsql AS $$
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     o record;
     r record;
     v_after numeric;
     v_version bigint;
     v_pids bigint[] := '{}';
     v_afters numeric[] := '{}';
     v_versions bigint[] := '{}';
   BEGIN
     SELECT j.type, j.reference, j.supplier_org_ids INTO o FROM journals j WHERE j.tenant_id = p_tenant AND j.id = p_journal;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'Journal % was not found', p_journal USING ERRCODE = 'SBNF1';
     END IF;
     IF o.type = 'REVERSAL' THEN
       RAISE EXCEPTION 'Journal % is a reversal and cannot be reversed', p_journal USING ERRCODE = 'SBRR1';
     END IF;
     IF EXISTS (SELECT 1 FROM journals j WHERE j.tenant_id = p_tenant AND j.reverses_journal_id = p_journal) THEN
       RAISE EXCEPTION 'Journal % has already been reversed', p_journal USING ERRCODE = 'SBAR1';
     END IF;
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, reason, reverses_journal_id, supplier_org_ids)
     VALUES (p_tenant, v_journal, 'REVERSAL', v_date, v_now, p_user, o.reference, p_reason, p_journal, o.supplier_org_ids);
     PERFORM ledger_assert_periods_open(p_tenant, o.supplier_org_ids, v_date);

     PERFORM 1 FROM balances b
      WHERE b.tenant_id = p_tenant
        AND b.id IN (SELECT p.balance_id FROM postings p WHERE p.tenant_id = p_tenant AND p.journal_id = p_journal AND p.balance_id IS NOT NULL)
      ORDER BY b.id FOR NO KEY UPDATE;
     FOR r IN SELECT p.id, p.balance_id, p.qty FROM postings p
               WHERE p.tenant_id = p_tenant AND p.journal_id = p_journal AND p.balance_id IS NOT NULL
               ORDER BY p.balance_id, p.id LOOP
       UPDATE balances SET qty = qty - r.qty, version = version + 1
        WHERE tenant_id = p_tenant AND id = r.balance_id AND qty - r.qty >= 0
        RETURNING qty, version INTO v_after, v_version;
       IF NOT FOUND THEN
         RAISE EXCEPTION 'Reversing journal % would make stock negative', p_journal
           USING ERRCODE = 'SBIS1', DETAIL = json_build_object('balanceId', r.balance_id::text, 'requested', (-r.qty)::text)::text;
       END IF;
       v_pids := v_pids || r.id;
       v_afters := v_afters || v_after;
       v_versions := v_versions || v_version;
     END LOOP;

     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, transit_key, qty, balance_after, account_version)
     SELECT p_tenant, v_journal, p.item_id, p.location_kind, p.location_id, p.owner_org_id, p.supplier_org_id,
            p.balance_id, p.layer_id, p.transit_key, -p.qty, x.after, x.ver
       FROM postings p
       LEFT JOIN unnest(v_pids, v_afters, v_versions) AS x(pid, after, ver) ON x.pid = p.id
      WHERE p.tenant_id = p_tenant AND p.journal_id = p_journal
      ORDER BY p.id;

     INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price,
                                  currency, amount, price_entry_id, effective_date, transferred_at, reference, reverses_transfer_id)
     SELECT p_tenant, v_journal, t.supplier_org_id, t.item_id, t.location_id, t.layer_id, -t.qty, t.unit_price,
            t.currency, -t.amount, t.price_entry_id, v_date, v_now, t.reference, t.id
       FROM title_transfers t
      WHERE t.tenant_id = p_tenant AND t.journal_id = p_journal
      ORDER BY t.id;
     RETURN v_journal;
   END $$`,

  // The VMI chain (LedgerPostingPort): SHIPMENT (SUPPLIER −, IN_TRANSIT +; again on the same
  // ASN line adds to it, e.g. an over-delivery), RECEIPT (IN_TRANSIT −, SITE + on a new receipt
  // layer), SHORT_CLOSE (IN_TRANSIT −, SUPPLIER +). More than is in transit on the line → SBIS1.
  // Lines with qty 0 are skipped.
  `CREATE FUNCTION ledger_post_chain(p_type text, p_tenant uuid, p_supplier uuid, p_location uuid,
                                     p_items uuid[], p_qtys numeric[], p_keys uuid[], p_lots text[], p_expiries date[],
                                     p_effective date, p_user uuid, p_reference text, p_receipt_id uuid, p_received_at timestamptz)
     RETURNS uuid LANGUAGE plpgsql AS $$
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     v_n int := coalesce(cardinality(p_items), 0);
     i int;
     bad record;
     v_q numeric;
     v_bid bigint;
     v_transit numeric;
     v_after numeric;
     v_version bigint;
     k_kind text[] := '{}'; k_item uuid[] := '{}'; k_loc uuid[] := '{}'; k_bid bigint[] := '{}'; k_layer bigint[] := '{}';
     k_key uuid[] := '{}'; k_qty numeric[] := '{}'; k_after numeric[] := '{}'; k_ver bigint[] := '{}';
   BEGIN
     IF p_type NOT IN ('SHIPMENT', 'RECEIPT', 'SHORT_CLOSE') THEN
       RAISE EXCEPTION 'ledger_post_chain: unknown journal type %', p_type USING ERRCODE = 'SBIN1';
     END IF;
     IF v_n = 0 OR cardinality(p_qtys) <> v_n OR cardinality(p_keys) <> v_n
        OR cardinality(p_lots) <> v_n OR cardinality(p_expiries) <> v_n THEN
       RAISE EXCEPTION 'ledger_post_chain: line arrays must be non-empty and of equal length' USING ERRCODE = 'SBIN1';
     END IF;
     IF NOT EXISTS (SELECT 1 FROM locations l WHERE l.tenant_id = p_tenant AND l.id = p_location) THEN
       RAISE EXCEPTION 'Location % was not found', p_location USING ERRCODE = 'SBNF1';
     END IF;
     SELECT x.n, x.item, x.qty, it.id AS found, it.code INTO bad
       FROM unnest(p_items, p_qtys, p_keys) WITH ORDINALITY AS x(item, qty, key, n)
       LEFT JOIN items it ON it.tenant_id = p_tenant AND it.id = x.item
      WHERE it.id IS NULL OR x.qty IS NULL OR x.qty < 0 OR x.qty <> trunc(x.qty, it.decimals) OR x.key IS NULL
      ORDER BY x.n LIMIT 1;
     IF FOUND THEN
       IF bad.found IS NULL THEN
         RAISE EXCEPTION 'Item % was not found', bad.item USING ERRCODE = 'SBNF1';
       END IF;
       RAISE EXCEPTION 'line %: qty % is not a non-negative quantity with the decimals item % allows', bad.n - 1, bad.qty, bad.code
         USING ERRCODE = 'SBVD1', DETAIL = format('lines[%s].qty', bad.n - 1);
     END IF;
     IF NOT EXISTS (SELECT 1 FROM unnest(p_qtys) AS q WHERE q > 0) THEN
       RAISE EXCEPTION 'Nothing to post: every line has quantity 0' USING ERRCODE = 'SBVD1', DETAIL = 'lines';
     END IF;

     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     PERFORM ledger_assert_periods_open(p_tenant, ARRAY[p_supplier], v_date);
     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, supplier_org_ids)
     VALUES (p_tenant, v_journal, p_type, v_date, v_now, p_user, p_reference, ARRAY[p_supplier]);

     IF p_type <> 'SHIPMENT' THEN
       PERFORM 1 FROM balances b
        WHERE b.tenant_id = p_tenant AND b.location_kind = 'IN_TRANSIT' AND b.location_id = p_location
          AND b.owner_org_id = p_supplier
          AND (b.item_id, b.transit_key) IN (SELECT x.item, x.key FROM unnest(p_items, p_keys) AS x(item, key))
        ORDER BY b.id FOR NO KEY UPDATE;
     END IF;

     FOR i IN 1 .. v_n LOOP
       v_q := p_qtys[i];
       CONTINUE WHEN v_q = 0;
       IF p_type = 'SHIPMENT' THEN
         INSERT INTO balances AS b (tenant_id, item_id, location_kind, location_id, owner_org_id, transit_key, qty, version)
         VALUES (p_tenant, p_items[i], 'IN_TRANSIT', p_location, p_supplier, p_keys[i], v_q, 1)
         ON CONFLICT (tenant_id, item_id, location_id, owner_org_id, transit_key) WHERE location_kind = 'IN_TRANSIT'
         DO UPDATE SET qty = b.qty + EXCLUDED.qty, version = b.version + 1
         RETURNING b.id, b.qty, b.version INTO v_bid, v_after, v_version;
         k_kind := k_kind || ARRAY['SUPPLIER', 'IN_TRANSIT'];
         k_item := k_item || ARRAY[p_items[i], p_items[i]];
         k_loc := k_loc || ARRAY[NULL::uuid, p_location];
         k_bid := k_bid || ARRAY[NULL::bigint, v_bid];
         k_layer := k_layer || ARRAY[NULL::bigint, NULL::bigint];
         k_key := k_key || ARRAY[p_keys[i], p_keys[i]];
         k_qty := k_qty || ARRAY[-v_q, v_q];
         k_after := k_after || ARRAY[NULL::numeric, v_after];
         k_ver := k_ver || ARRAY[NULL::bigint, v_version];
       ELSE
         SELECT b.id, b.qty INTO v_bid, v_transit FROM balances b
          WHERE b.tenant_id = p_tenant AND b.location_kind = 'IN_TRANSIT' AND b.location_id = p_location
            AND b.owner_org_id = p_supplier AND b.item_id = p_items[i] AND b.transit_key = p_keys[i];
         IF NOT FOUND THEN
           RAISE EXCEPTION 'Nothing was shipped on line % to this location', p_keys[i] USING ERRCODE = 'SBNF1';
         END IF;
         IF v_transit < v_q THEN
           RAISE EXCEPTION 'Only % of line % is still in transit, % requested', v_transit, p_keys[i], v_q
             USING ERRCODE = 'SBIS1', DETAIL = json_build_object('requested', v_q::text, 'available', v_transit::text)::text;
         END IF;
         UPDATE balances SET qty = qty - v_q, version = version + 1 WHERE tenant_id = p_tenant AND id = v_bid
         RETURNING qty, version INTO v_after, v_version;
         k_kind := k_kind || 'IN_TRANSIT'::text; k_item := k_item || p_items[i]; k_loc := k_loc || p_location;
         k_bid := k_bid || v_bid; k_layer := k_layer || NULL::bigint; k_key := k_key || p_keys[i];
         k_qty := k_qty || -v_q; k_after := k_after || v_after; k_ver := k_ver || v_version;
         IF p_type = 'SHORT_CLOSE' THEN
           k_kind := k_kind || 'SUPPLIER'::text; k_item := k_item || p_items[i]; k_loc := k_loc || NULL::uuid;
           k_bid := k_bid || NULL::bigint; k_layer := k_layer || NULL::bigint; k_key := k_key || p_keys[i];
           k_qty := k_qty || v_q; k_after := k_after || NULL::numeric; k_ver := k_ver || NULL::bigint;
         ELSE
           INSERT INTO balances (tenant_id, item_id, location_kind, location_id, owner_org_id, qty, version)
           VALUES (p_tenant, p_items[i], 'SITE', p_location, p_supplier, v_q, 1) RETURNING id INTO v_bid;
           INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, receipt_id,
                                       shipment_line_id, lot_no, expiry_date, received_at, original_qty)
           VALUES (p_tenant, v_bid, p_items[i], p_location, p_supplier, v_journal, 'RECEIPT', p_receipt_id,
                   p_keys[i], p_lots[i], p_expiries[i], coalesce(p_received_at, v_now), v_q);
           k_kind := k_kind || 'SITE'::text; k_item := k_item || p_items[i]; k_loc := k_loc || p_location;
           k_bid := k_bid || v_bid; k_layer := k_layer || v_bid; k_key := k_key || p_keys[i];
           k_qty := k_qty || v_q; k_after := k_after || v_q; k_ver := k_ver || 1::bigint;
         END IF;
       END IF;
     END LOOP;

     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, transit_key, qty, balance_after, account_version)
     SELECT p_tenant, v_journal, x.item, x.kind, x.loc, p_supplier, p_supplier, x.bid, x.layer, x.key, x.qty, x.after, x.ver
       FROM unnest(k_kind, k_item, k_loc, k_bid, k_layer, k_key, k_qty, k_after, k_ver) WITH ORDINALITY
            AS x(kind, item, loc, bid, layer, key, qty, after, ver, n)
      ORDER BY x.n;
     RETURN v_journal;
   END $$`,

  // POST /consumptions/batch, the write half: the caller has locked the candidate layers
  // (ORDER BY id FOR NO KEY UPDATE) and allocated FIFO; this writes every journal, posting and
  // title transfer set-based (one statement each), balances updated once per layer.
  // a_lines are 1-based line numbers; allocations are ordered by line, then FIFO.
  `CREATE FUNCTION ledger_consume_batch(p_tenant uuid, p_user uuid, l_items uuid[], l_locations uuid[], l_dates date[], l_refs text[],
                                        a_lines int[], a_bids bigint[], a_owners uuid[], a_takes numeric[])
     RETURNS TABLE (line_no int, journal_id uuid, supplier_org_id uuid, qty numeric, unit_price numeric, currency text,
                    amount numeric, lot_no text, received_at timestamptz)
     LANGUAGE plpgsql AS $$
   #variable_conflict use_column
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_n int := cardinality(l_items);
     v_journals uuid[];
     s uuid;
     bad record;
     v_inserted int;
     p_owners uuid[];
     p_items uuid[];
     p_ids uuid[];
     p_prices numeric[];
     p_currencies text[];
   BEGIN
     v_journals := ARRAY(SELECT ledger_uuid7() FROM generate_series(1, v_n));
     l_dates := ARRAY(SELECT coalesce(d, (v_now AT TIME ZONE 'UTC')::date)
                        FROM unnest(l_dates) WITH ORDINALITY AS x(d, n) ORDER BY n);
     FOR s IN SELECT DISTINCT o FROM unnest(a_owners) AS o ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock_shared(ledger_period_lock_key(p_tenant, s));
     END LOOP;
     SELECT x.line, x.owner, x.d INTO bad
       FROM (SELECT DISTINCT ON (a.owner, l_dates[a.line]) a.line, a.owner, l_dates[a.line] AS d
               FROM unnest(a_lines, a_owners) AS a(line, owner) ORDER BY a.owner, l_dates[a.line], a.line) x
       JOIN closed_periods c ON c.tenant_id = p_tenant AND c.supplier_org_id = x.owner
                            AND c.period_from <= x.d AND c.period_to >= x.d
      ORDER BY x.line LIMIT 1;
     IF FOUND THEN
       RAISE EXCEPTION 'line %: the period containing % is closed for supplier %', bad.line - 1, bad.d, bad.owner
         USING ERRCODE = 'SBPC1', DETAIL = json_build_object('supplierOrgId', bad.owner, 'effectiveDate', bad.d, 'line', (bad.line - 1)::text)::text;
     END IF;

     -- One price per (owner, item): the entry in force at this instant.
     SELECT array_agg(x.owner), array_agg(x.item), array_agg(pe.id), array_agg(pe.unit_price), array_agg(pe.currency::text)
       INTO p_owners, p_items, p_ids, p_prices, p_currencies
       FROM (SELECT DISTINCT a.owner, l_items[a.line] AS item FROM unnest(a_lines, a_owners) AS a(line, owner)) x
       LEFT JOIN LATERAL (
         SELECT e.id, e.unit_price, e.currency FROM price_list_entries e
          WHERE e.tenant_id = p_tenant AND e.supplier_org_id = x.owner AND e.item_id = x.item
            AND e.valid_from <= v_now AND (e.valid_to IS NULL OR e.valid_to > v_now)
          ORDER BY e.valid_from DESC LIMIT 1) pe ON true;
     IF array_position(p_ids, NULL) IS NOT NULL THEN
       RAISE EXCEPTION 'line %: supplier % has no price in force for this item',
             (SELECT min(a.line) - 1 FROM unnest(a_lines, a_owners) AS a(line, owner)
               WHERE a.owner = p_owners[array_position(p_ids, NULL)] AND l_items[a.line] = p_items[array_position(p_ids, NULL)]),
             p_owners[array_position(p_ids, NULL)]
         USING ERRCODE = 'SBVD2', DETAIL = 'lines';
     END IF;

     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, supplier_org_ids)
     SELECT p_tenant, v_journals[g.line], 'CONSUMPTION', l_dates[g.line], v_now, p_user, l_refs[g.line], g.owners
       FROM (SELECT a.line, array_agg(DISTINCT a.owner ORDER BY a.owner) AS owners
               FROM unnest(a_lines, a_owners) AS a(line, owner) GROUP BY a.line) g
      ORDER BY g.line;

     WITH alloc AS (
       SELECT * FROM unnest(a_lines, a_bids, a_owners, a_takes) WITH ORDINALITY AS a(line, bid, owner, take, n)
     ), per_layer AS (
       SELECT bid, sum(take) AS total, count(*) AS cnt FROM alloc GROUP BY bid
     ), upd AS (
       UPDATE balances b SET qty = b.qty - pl.total, version = b.version + pl.cnt
         FROM per_layer pl
        WHERE b.tenant_id = p_tenant AND b.id = pl.bid AND b.location_kind = 'SITE'
       RETURNING b.id, b.qty + pl.total AS q0, b.version - pl.cnt AS v0
     ), seq AS (
       SELECT a.*, u.q0 - sum(a.take) OVER w AS after, u.v0 + row_number() OVER w AS ver
         FROM alloc a JOIN upd u ON u.id = a.bid
       WINDOW w AS (PARTITION BY a.bid ORDER BY a.n)
     )
     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, qty, balance_after, account_version)
     SELECT p_tenant, v_journals[x.line], l_items[x.line], k.kind, l_locations[x.line],
            CASE WHEN k.site THEN x.owner ELSE p_tenant END, x.owner,
            CASE WHEN k.site THEN x.bid END, x.bid, CASE WHEN k.site THEN -x.take ELSE x.take END,
            CASE WHEN k.site THEN x.after END, CASE WHEN k.site THEN x.ver END
       FROM seq x CROSS JOIN (VALUES ('SITE', true), ('CONSUMED', false)) AS k(kind, site)
      ORDER BY x.n, k.site DESC;
     GET DIAGNOSTICS v_inserted = ROW_COUNT;
     IF v_inserted <> 2 * cardinality(a_bids) THEN
       RAISE EXCEPTION 'ledger_consume_batch: % postings for % allocations', v_inserted, cardinality(a_bids) USING ERRCODE = 'SBIN1';
     END IF;

     RETURN QUERY
     WITH ins AS (
       INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price,
                                    currency, amount, price_entry_id, effective_date, transferred_at, reference)
       SELECT p_tenant, v_journals[a.line], a.owner, l_items[a.line], l_locations[a.line], a.bid, a.take, p.price, p.cur,
              round(a.take * p.price, 2), p.pe, l_dates[a.line], v_now, l_refs[a.line]
         FROM unnest(a_lines, a_bids, a_owners, a_takes) WITH ORDINALITY AS a(line, bid, owner, take, n)
         JOIN unnest(p_owners, p_items, p_ids, p_prices, p_currencies) AS p(owner, item, pe, price, cur)
           ON p.owner = a.owner AND p.item = l_items[a.line]
        ORDER BY a.n
       RETURNING id, journal_id, layer_id, supplier_org_id, qty, unit_price, currency, amount
     )
     SELECT (jl.ln - 1)::int, i.journal_id, i.supplier_org_id, i.qty, i.unit_price,
            i.currency::text, i.amount, rl.lot_no, rl.received_at
       FROM ins i
       JOIN unnest(v_journals) WITH ORDINALITY AS jl(jid, ln) ON jl.jid = i.journal_id
       JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = i.layer_id
      ORDER BY i.id;
   END $$`,
];
