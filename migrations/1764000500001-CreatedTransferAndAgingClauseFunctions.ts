import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreatedLedgerPostingFunctions1764000100001 } from './1764000100001-CreatedLedgerPostingFunctions';

/**
 * The write path of inter-site transfers and of the consignment aging clause, and what the
 * consumption path needs now that the buyer can own stock at its own sites
 * (docs/transfers-and-aging.md). Same conventions as 1764000100001: one call per command,
 * balance rows locked in ascending id order, period locks shared after the row locks,
 * postings of a journal in ONE insert, custom SQLSTATEs (SBVD2 → 422, SBIS1 → 409 …).
 *
 * - `ledger_transfer`: TRANSFER journal. FIFO over the source site's layers (of one owner or
 *   across owners); per layer slice SITE(from, owner, layer) −x, SITE(to, owner, NEW layer) +x.
 *   The new layer copies lot, expiry and receipt date of its origin (aging stays true).
 * - `ledger_title_transfer_aged`: one batch of the aging clause for one tenant. Locks supplier
 *   layers older than their agreement's max_consignment_days (id order, SKIP LOCKED: several
 *   instances split the work and never wait on each other or on a consumption), prices them at
 *   the price in force now, and per layer posts SITE(S, layer) −q, SITE(buyer, NEW layer) +q in a
 *   TITLE_TRANSFER journal per (site, item, supplier), with a title transfer (kind AGING_CLAUSE)
 *   and an aging_clause_transfers row keyed by (layer, version).
 * - `ledger_take_fifo` (replaced): a shortage gets a second pass with a fresh snapshot (layers
 *   created while the walk waited, e.g. by the aging clause, count) before it is refused.
 * - `ledger_consume` / `ledger_consume_batch` (replaced): a buyer-owned layer (owner = tenant,
 *   the result of the clause) is consumed like any other layer in FIFO order, but it needs no
 *   price and makes no title transfer (title passed already); the buyer is never one of a
 *   journal's `supplier_org_ids` (period close is per supplier).
 */
export class CreatedTransferAndAgingClauseFunctions1764000500001 implements MigrationInterface {
  name = 'CreatedTransferAndAgingClauseFunctions1764000500001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of FUNCTIONS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS ledger_title_transfer_aged(uuid, timestamptz, int, bigint)`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_transfer(uuid, text, text, text, numeric, uuid, date, uuid, text)`);
    // The consumption functions as 1764000100001 made them.
    const replaced = ['CREATE FUNCTION ledger_consume(', 'CREATE FUNCTION ledger_consume_batch(', 'CREATE FUNCTION ledger_take_fifo('];
    const runner = {
      query: async (sql: string) => {
        const head = sql.trimStart();
        if (replaced.some((r) => head.startsWith(r))) await q.query(head.replace(/^CREATE FUNCTION/, 'CREATE OR REPLACE FUNCTION'));
      },
    } as unknown as QueryRunner;
    await new CreatedLedgerPostingFunctions1764000100001().up(runner);
  }
}

const FUNCTIONS = [
  // The FIFO walk (replaces 1764000100001's): unchanged, except that a shortage gets one more
  // pass before it is refused. The cursor reads the snapshot taken when it was opened; a layer
  // created after that (the buyer-owned successor the aging clause gives a layer this walk
  // waited on, a receipt committed meanwhile) is invisible to it, so without the second pass a
  // consumption racing the clause would be refused although the stock is there. The second
  // pass opens the cursor again (a new snapshot): the layers emptied by the first pass no
  // longer qualify (qty > 0), so it only adds what was missing. Shortages cost one more scan;
  // everything else is as before.
  `CREATE OR REPLACE FUNCTION ledger_take_fifo(p_tenant uuid, p_item uuid, p_location uuid, p_owner uuid, p_qty numeric,
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
     v_pass int;
   BEGIN
     balance_ids := '{}'; owners := '{}'; takes := '{}'; afters := '{}'; versions := '{}';
     FOR v_pass IN 1 .. 2 LOOP
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
       EXIT WHEN v_need = 0;
     END LOOP;
     IF v_need > 0 THEN
       RAISE EXCEPTION 'Not enough stock: % requested, % available', p_qty, p_qty - v_need
         USING ERRCODE = 'SBIS1', DETAIL = json_build_object('requested', p_qty::text, 'available', (p_qty - v_need)::text)::text;
     END IF;
   END $$`,

  // POST /transfers. The destination must be another VMI location of the tenant (422 otherwise);
  // p_owner = NULL takes the oldest layers across owners, the tenant's own id its own stock.
  `CREATE FUNCTION ledger_transfer(p_tenant uuid, p_from_code text, p_to_code text, p_item_code text, p_qty numeric,
                                   p_owner uuid, p_effective date, p_user uuid, p_reference text)
     RETURNS TABLE (journal_id uuid, owner_org_id uuid, qty numeric, lot_no text, received_at timestamptz,
                    expiry_date date, from_layer_id bigint, to_layer_id bigint)
     LANGUAGE plpgsql AS $$
   #variable_conflict use_column
   DECLARE
     v_now timestamptz := clock_timestamp();
     v_journal uuid := ledger_uuid7();
     v_date date;
     v_from uuid;
     v_to uuid;
     v_item uuid;
     v_from_type text;
     v_to_type text;
     v_bid bigint;
     v_new bigint[] := '{}';
     v_suppliers uuid[];
     f record;
     i int;
   BEGIN
     SELECT r.location_id, r.item_id INTO v_from, v_item FROM ledger_resolve(p_tenant, p_from_code, p_item_code, p_qty, 'qty') r;
     SELECT l.id, l.type INTO v_to, v_to_type FROM locations l WHERE l.tenant_id = p_tenant AND l.code = p_to_code;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'Location % was not found', p_to_code USING ERRCODE = 'SBNF1';
     END IF;
     IF p_qty <= 0 THEN
       RAISE EXCEPTION 'qty must be greater than zero' USING ERRCODE = 'SBVD1', DETAIL = 'qty';
     END IF;
     IF v_from = v_to THEN
       RAISE EXCEPTION 'A transfer needs two different locations (% to itself)', p_from_code
         USING ERRCODE = 'SBVD2', DETAIL = 'toLocationCode';
     END IF;
     SELECT l.type INTO v_from_type FROM locations l WHERE l.tenant_id = p_tenant AND l.id = v_from;
     IF v_from_type <> 'VMI' THEN
       RAISE EXCEPTION 'Location % is not a VMI location: consignment stock is transferred between VMI locations', p_from_code
         USING ERRCODE = 'SBVD2', DETAIL = 'fromLocationCode';
     END IF;
     IF v_to_type <> 'VMI' THEN
       RAISE EXCEPTION 'Location % is not a VMI location: consignment stock is transferred between VMI locations', p_to_code
         USING ERRCODE = 'SBVD2', DETAIL = 'toLocationCode';
     END IF;
     IF p_owner IS NOT NULL AND p_owner <> p_tenant THEN
       PERFORM ledger_assert_supplier(p_tenant, p_owner);
     END IF;
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     SELECT * INTO f FROM ledger_take_fifo(p_tenant, v_item, v_from, p_owner, p_qty);
     v_suppliers := ARRAY(SELECT DISTINCT s FROM unnest(f.owners) AS s WHERE s <> p_tenant ORDER BY 1);
     PERFORM ledger_assert_periods_open(p_tenant, v_suppliers, v_date);

     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, supplier_org_ids)
     VALUES (p_tenant, v_journal, 'TRANSFER', v_date, v_now, p_user, p_reference, v_suppliers);

     -- One new layer at the destination per slice, in FIFO order (so the destination's id order
     -- keeps the slices' relative order), each a copy of its origin's lot, expiry and date.
     FOR i IN 1 .. cardinality(f.balance_ids) LOOP
       INSERT INTO balances (tenant_id, item_id, location_kind, location_id, owner_org_id, qty, version)
       VALUES (p_tenant, v_item, 'SITE', v_to, f.owners[i], f.takes[i], 1) RETURNING id INTO v_bid;
       INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, lot_no, expiry_date,
                                   received_at, original_qty, origin_layer_id)
       SELECT p_tenant, v_bid, v_item, v_to, f.owners[i], v_journal, 'TRANSFER', rl.lot_no, rl.expiry_date,
              rl.received_at, f.takes[i], rl.id
         FROM receipt_layers rl WHERE rl.tenant_id = p_tenant AND rl.id = f.balance_ids[i];
       v_new := v_new || v_bid;
     END LOOP;

     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, qty, balance_after, account_version)
     SELECT p_tenant, v_journal, v_item, 'SITE', CASE WHEN k.src THEN v_from ELSE v_to END, a.owner, a.owner,
            CASE WHEN k.src THEN a.bid ELSE a.nbid END, CASE WHEN k.src THEN a.bid ELSE a.nbid END,
            CASE WHEN k.src THEN -a.take ELSE a.take END,
            CASE WHEN k.src THEN a.after ELSE a.take END, CASE WHEN k.src THEN a.ver ELSE 1 END
       FROM unnest(f.balance_ids, v_new, f.owners, f.takes, f.afters, f.versions) WITH ORDINALITY AS a(bid, nbid, owner, take, after, ver, n)
      CROSS JOIN (VALUES (true), (false)) AS k(src)
      ORDER BY a.n, k.src DESC;

     RETURN QUERY
     SELECT v_journal, a.owner, a.take::numeric(20, 6), rl.lot_no, rl.received_at, rl.expiry_date, a.bid, a.nbid
       FROM unnest(f.balance_ids, v_new, f.owners, f.takes) WITH ORDINALITY AS a(bid, nbid, owner, take, n)
       JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = a.nbid
      ORDER BY a.n;
   END $$`,

  // One batch of the aging clause for one tenant: at most p_limit candidate layers with id >
  // p_after (a keyset walk, so a run reads each layer once). Answers what it did and the last
  // candidate id (NULL when there was none: the walk is over).
  `CREATE FUNCTION ledger_title_transfer_aged(p_tenant uuid, p_now timestamptz, p_limit int, p_after bigint,
                                              OUT candidates int, OUT transferred int, OUT journal_count int,
                                              OUT skipped_no_price int, OUT skipped_period_closed int, OUT last_id bigint)
     LANGUAGE plpgsql AS $$
   DECLARE
     v_now timestamptz := coalesce(p_now, clock_timestamp());
     v_date date := (coalesce(p_now, clock_timestamp()) AT TIME ZONE 'UTC')::date;
     v_seq text := pg_get_serial_sequence('balances', 'id');
     c_id bigint[]; c_item uuid[]; c_loc uuid[]; c_owner uuid[]; c_qty numeric[]; c_ver bigint[]; c_days int[];
     c_lot text[]; c_exp date[]; c_recv timestamptz[];
     e_id bigint[]; e_nid bigint[]; e_item uuid[]; e_loc uuid[]; e_owner uuid[]; e_qty numeric[]; e_ver bigint[];
     e_days int[]; e_grp int[]; e_pe uuid[]; e_price numeric[]; e_cur text[]; e_jid uuid[];
     e_lot text[]; e_exp date[]; e_recv timestamptz[];
     g_jid uuid[];
     v_closed uuid[] := '{}';
     v_updated int;
     s uuid;
   BEGIN
     candidates := 0; transferred := 0; journal_count := 0; skipped_no_price := 0; skipped_period_closed := 0; last_id := NULL;

     -- Lock the candidates (supplier-owned layers with stock, older than the clause allows) in
     -- id order; a layer another transaction holds is skipped (the next run takes it).
     SELECT array_agg(c.id ORDER BY c.id), array_agg(c.item_id ORDER BY c.id), array_agg(c.location_id ORDER BY c.id),
            array_agg(c.owner_org_id ORDER BY c.id), array_agg(c.qty ORDER BY c.id), array_agg(c.version ORDER BY c.id),
            array_agg(c.max_consignment_days ORDER BY c.id), array_agg(c.lot_no ORDER BY c.id), array_agg(c.expiry_date ORDER BY c.id),
            array_agg(c.received_at ORDER BY c.id)
       INTO c_id, c_item, c_loc, c_owner, c_qty, c_ver, c_days, c_lot, c_exp, c_recv
       FROM (SELECT b.id, b.item_id, b.location_id, b.owner_org_id, b.qty, b.version, a.max_consignment_days,
                    rl.lot_no, rl.expiry_date, rl.received_at
               FROM balances b
               JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
               JOIN supplier_agreements a ON a.tenant_id = b.tenant_id AND a.supplier_org_id = b.owner_org_id
              WHERE b.tenant_id = p_tenant AND b.location_kind = 'SITE' AND b.id > coalesce(p_after, 0)
                AND b.qty > 0 AND b.owner_org_id <> p_tenant
                AND a.max_consignment_days IS NOT NULL
                AND rl.received_at <= v_now - make_interval(days => a.max_consignment_days)
              ORDER BY b.id
              LIMIT p_limit
                FOR NO KEY UPDATE OF b SKIP LOCKED) c;
     candidates := coalesce(cardinality(c_id), 0);
     IF candidates = 0 THEN
       RETURN;
     END IF;
     last_id := c_id[candidates];

     -- Period close per supplier (shared lock, after the row locks, like every posting): a
     -- supplier whose period containing today is closed keeps its layers until a later run.
     FOR s IN SELECT DISTINCT o FROM unnest(c_owner) AS o ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock_shared(ledger_period_lock_key(p_tenant, s));
       IF EXISTS (SELECT 1 FROM closed_periods cp
                   WHERE cp.tenant_id = p_tenant AND cp.supplier_org_id = s AND cp.period_from <= v_date AND cp.period_to >= v_date) THEN
         v_closed := v_closed || s;
       END IF;
     END LOOP;
     SELECT count(*) INTO skipped_period_closed FROM unnest(c_owner) AS o WHERE o = ANY (v_closed);

     -- The eligible layers: supplier not closed, a price in force now (frozen at transfer; one
     -- look-up per (supplier, item)). Each gets the number of its journal's group (site, item,
     -- supplier).
     WITH c AS (
       SELECT * FROM unnest(c_id, c_item, c_loc, c_owner, c_qty, c_ver, c_days, c_lot, c_exp, c_recv) WITH ORDINALITY
                AS c(id, item, loc, owner, qty, ver, days, lot, exp, recv, n)
        WHERE NOT (c.owner = ANY (v_closed))
     ), prices AS (
       SELECT p.owner, p.item, pe.id AS pe, pe.unit_price AS price, pe.currency::text AS cur
         FROM (SELECT DISTINCT owner, item FROM c) p
         JOIN LATERAL (
           SELECT e.id, e.unit_price, e.currency FROM price_list_entries e
            WHERE e.tenant_id = p_tenant AND e.supplier_org_id = p.owner AND e.item_id = p.item
              AND e.valid_from <= v_now AND (e.valid_to IS NULL OR e.valid_to > v_now)
            ORDER BY e.valid_from DESC LIMIT 1) pe ON true
     ), x AS (
       SELECT c.*, pr.pe, pr.price, pr.cur, dense_rank() OVER (ORDER BY c.loc, c.item, c.owner)::int AS grp
         FROM c JOIN prices pr ON pr.owner = c.owner AND pr.item = c.item
     )
     SELECT array_agg(x.id ORDER BY x.n), array_agg(x.item ORDER BY x.n),
            array_agg(x.loc ORDER BY x.n), array_agg(x.owner ORDER BY x.n), array_agg(x.qty ORDER BY x.n),
            array_agg(x.ver ORDER BY x.n), array_agg(x.days ORDER BY x.n), array_agg(x.grp ORDER BY x.n),
            array_agg(x.pe ORDER BY x.n), array_agg(x.price ORDER BY x.n), array_agg(x.cur ORDER BY x.n),
            array_agg(x.lot ORDER BY x.n), array_agg(x.exp ORDER BY x.n), array_agg(x.recv ORDER BY x.n)
       INTO e_id, e_item, e_loc, e_owner, e_qty, e_ver, e_days, e_grp, e_pe, e_price, e_cur, e_lot, e_exp, e_recv
       FROM x;
     transferred := coalesce(cardinality(e_id), 0);
     skipped_no_price := candidates - skipped_period_closed - transferred;
     IF transferred = 0 THEN
       RETURN;
     END IF;

     journal_count := (SELECT max(g) FROM unnest(e_grp) AS g);
     g_jid := ARRAY(SELECT ledger_uuid7() FROM generate_series(1, journal_count));
     -- Successor ids in candidate (= FIFO) order.
     e_nid := ARRAY(SELECT nextval(v_seq) FROM generate_series(1, transferred));
     e_jid := ARRAY(SELECT g_jid[g] FROM unnest(e_grp) WITH ORDINALITY AS u(g, n) ORDER BY n);

     INSERT INTO journals (tenant_id, id, type, effective_date, created_at, created_by, reference, reason, supplier_org_ids)
     SELECT DISTINCT ON (x.grp) p_tenant, g_jid[x.grp], 'TITLE_TRANSFER', v_date, v_now, NULL::uuid,
            format('AGING-CLAUSE %sd', x.days), format('aging clause: consignment older than %s days passes to the buyer', x.days),
            ARRAY[x.owner]
       FROM unnest(e_grp, e_owner, e_days) AS x(grp, owner, days)
      ORDER BY x.grp;

     -- The supplier's layers are emptied whole (we hold their locks: qty is what we read).
     UPDATE balances SET qty = 0, version = version + 1
      WHERE tenant_id = p_tenant AND id = ANY (e_id);
     GET DIAGNOSTICS v_updated = ROW_COUNT;
     IF v_updated <> transferred THEN
       RAISE EXCEPTION 'ledger_title_transfer_aged: % layers updated for % transfers', v_updated, transferred USING ERRCODE = 'SBIN1';
     END IF;

     -- The buyer-owned successors, with the ids reserved above.
     INSERT INTO balances (tenant_id, id, item_id, location_kind, location_id, owner_org_id, qty, version) OVERRIDING SYSTEM VALUE
     SELECT p_tenant, x.nid, x.item, 'SITE', x.loc, p_tenant, x.qty, 1
       FROM unnest(e_nid, e_item, e_loc, e_qty) WITH ORDINALITY AS x(nid, item, loc, qty, n)
      ORDER BY x.n;
     INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, lot_no, expiry_date,
                                 received_at, original_qty, origin_layer_id)
     SELECT p_tenant, x.nid, x.item, x.loc, p_tenant, x.jid, 'TITLE_TRANSFER', x.lot, x.exp, x.recv, x.qty, x.id
       FROM unnest(e_id, e_nid, e_item, e_loc, e_qty, e_jid, e_lot, e_exp, e_recv) WITH ORDINALITY
            AS x(id, nid, item, loc, qty, jid, lot, exp, recv, n)
      ORDER BY x.n;

     INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                           balance_id, layer_id, qty, balance_after, account_version)
     SELECT p_tenant, x.jid, x.item, 'SITE', x.loc, CASE WHEN k.src THEN x.owner ELSE p_tenant END, x.owner,
            CASE WHEN k.src THEN x.id ELSE x.nid END, CASE WHEN k.src THEN x.id ELSE x.nid END,
            CASE WHEN k.src THEN -x.qty ELSE x.qty END, CASE WHEN k.src THEN 0 ELSE x.qty END,
            CASE WHEN k.src THEN x.ver + 1 ELSE 1 END
       FROM unnest(e_id, e_nid, e_item, e_loc, e_owner, e_qty, e_ver, e_jid) WITH ORDINALITY AS x(id, nid, item, loc, owner, qty, ver, jid, n)
      CROSS JOIN (VALUES (true), (false)) AS k(src)
      ORDER BY x.n, k.src DESC;

     INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price,
                                  currency, amount, price_entry_id, effective_date, transferred_at, reference, kind)
     SELECT p_tenant, x.jid, x.owner, x.item, x.loc, x.id, x.qty, x.price, x.cur, round(x.qty * x.price, 2), x.pe,
            v_date, v_now, format('AGING-CLAUSE %sd', x.days), 'AGING_CLAUSE'
       FROM unnest(e_id, e_item, e_loc, e_owner, e_qty, e_price, e_cur, e_pe, e_jid, e_days) WITH ORDINALITY
            AS x(id, item, loc, owner, qty, price, cur, pe, jid, days, n)
      ORDER BY x.n;

     -- The arbiter of "once": a second transfer of the same (layer, version) is a unique violation.
     INSERT INTO aging_clause_transfers (tenant_id, layer_id, layer_version, journal_id, buyer_layer_id, supplier_org_id, item_id,
                                         location_id, qty, max_consignment_days, received_at, transferred_at)
     SELECT p_tenant, x.id, x.ver, x.jid, x.nid, x.owner, x.item, x.loc, x.qty, x.days, x.recv, v_now
       FROM unnest(e_id, e_nid, e_item, e_loc, e_owner, e_qty, e_ver, e_jid, e_days, e_recv)
            AS x(id, nid, item, loc, owner, qty, ver, jid, days, recv);
   END $$`,

  // POST /consumptions (replaces 1764000100001's): buyer-owned layers (owner = tenant) are taken
  // in FIFO order like the others but carry no price and no title transfer. They are returned
  // with a NULL unit price (the service lists them apart), after the title transfers.
  `CREATE OR REPLACE FUNCTION ledger_consume(p_tenant uuid, p_location_code text, p_item_code text, p_qty numeric, p_owner uuid,
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
     bad record;
     v_suppliers uuid[];
     v_price_ids uuid[];
     v_prices numeric[];
     v_currencies text[];
   BEGIN
     SELECT r.location_id, r.item_id INTO v_loc, v_item FROM ledger_resolve(p_tenant, p_location_code, p_item_code, p_qty, 'qty') r;
     IF p_qty <= 0 THEN
       RAISE EXCEPTION 'qty must be greater than zero' USING ERRCODE = 'SBVD1', DETAIL = 'qty';
     END IF;
     IF p_owner IS NOT NULL AND p_owner <> p_tenant THEN
       PERFORM ledger_assert_supplier(p_tenant, p_owner);
     END IF;
     v_date := coalesce(p_effective, (v_now AT TIME ZONE 'UTC')::date);
     SELECT * INTO f FROM ledger_take_fifo(p_tenant, v_item, v_loc, p_owner, p_qty);
     v_suppliers := ARRAY(SELECT DISTINCT s FROM unnest(f.owners) AS s WHERE s <> p_tenant ORDER BY 1);
     PERFORM ledger_assert_periods_open(p_tenant, v_suppliers, v_date);

     SELECT array_agg(pe.id ORDER BY a.n), array_agg(pe.unit_price ORDER BY a.n), array_agg(pe.currency::text ORDER BY a.n)
       INTO v_price_ids, v_prices, v_currencies
       FROM unnest(f.owners) WITH ORDINALITY AS a(owner, n)
       LEFT JOIN LATERAL (
         SELECT e.id, e.unit_price, e.currency FROM price_list_entries e
          WHERE e.tenant_id = p_tenant AND e.supplier_org_id = a.owner AND e.item_id = v_item
            AND e.valid_from <= v_now AND (e.valid_to IS NULL OR e.valid_to > v_now)
          ORDER BY e.valid_from DESC LIMIT 1) pe ON a.owner <> p_tenant;
     SELECT a.owner INTO bad FROM unnest(f.owners, v_price_ids) WITH ORDINALITY AS a(owner, pe, n)
      WHERE a.owner <> p_tenant AND a.pe IS NULL ORDER BY a.n LIMIT 1;
     IF FOUND THEN
       RAISE EXCEPTION 'Supplier % has no price in force for item %', bad.owner, p_item_code
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
        WHERE a.owner <> p_tenant
        ORDER BY a.n
       RETURNING id, layer_id, supplier_org_id, qty, unit_price, currency, amount
     )
     SELECT u.j, u.s, u.q, u.p, u.c, u.a, u.l, u.r FROM (
       SELECT v_journal AS j, i.supplier_org_id AS s, i.qty AS q, i.unit_price AS p, i.currency::text AS c, i.amount AS a,
              rl.lot_no AS l, rl.received_at AS r, 0 AS grp, i.id AS ord
         FROM ins i JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = i.layer_id
       UNION ALL
       SELECT v_journal, a.owner, a.take, NULL::numeric, NULL::text, NULL::numeric, rl.lot_no, rl.received_at, 1, a.n
         FROM unnest(f.balance_ids, f.owners, f.takes) WITH ORDINALITY AS a(bid, owner, take, n)
         JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = a.bid
        WHERE a.owner = p_tenant) u
      ORDER BY u.grp, u.ord;
   END $$`,

  // POST /consumptions/batch, the write half (replaces 1764000100001's): as before, plus
  // buyer-owned allocations — no price, no title transfer, not a journal supplier — returned
  // with a NULL unit price so every line still names its journal.
  `CREATE OR REPLACE FUNCTION ledger_consume_batch(p_tenant uuid, p_user uuid, l_items uuid[], l_locations uuid[], l_dates date[], l_refs text[],
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
     FOR s IN SELECT DISTINCT o FROM unnest(a_owners) AS o WHERE o <> p_tenant ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock_shared(ledger_period_lock_key(p_tenant, s));
     END LOOP;
     SELECT x.line, x.owner, x.d INTO bad
       FROM (SELECT DISTINCT ON (a.owner, l_dates[a.line]) a.line, a.owner, l_dates[a.line] AS d
               FROM unnest(a_lines, a_owners) AS a(line, owner) WHERE a.owner <> p_tenant
              ORDER BY a.owner, l_dates[a.line], a.line) x
       JOIN closed_periods c ON c.tenant_id = p_tenant AND c.supplier_org_id = x.owner
                            AND c.period_from <= x.d AND c.period_to >= x.d
      ORDER BY x.line LIMIT 1;
     IF FOUND THEN
       RAISE EXCEPTION 'line %: the period containing % is closed for supplier %', bad.line - 1, bad.d, bad.owner
         USING ERRCODE = 'SBPC1', DETAIL = json_build_object('supplierOrgId', bad.owner, 'effectiveDate', bad.d, 'line', (bad.line - 1)::text)::text;
     END IF;

     -- One price per (supplier, item): the entry in force at this instant.
     SELECT array_agg(x.owner), array_agg(x.item), array_agg(pe.id), array_agg(pe.unit_price), array_agg(pe.currency::text)
       INTO p_owners, p_items, p_ids, p_prices, p_currencies
       FROM (SELECT DISTINCT a.owner, l_items[a.line] AS item FROM unnest(a_lines, a_owners) AS a(line, owner) WHERE a.owner <> p_tenant) x
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
       FROM (SELECT a.line, coalesce(array_agg(DISTINCT a.owner ORDER BY a.owner) FILTER (WHERE a.owner <> p_tenant), '{}') AS owners
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
     SELECT u.ln, u.j, u.s, u.q, u.p, u.c, u.a, u.l, u.r FROM (
       SELECT (jl.ln - 1)::int AS ln, i.journal_id AS j, i.supplier_org_id AS s, i.qty AS q, i.unit_price AS p,
              i.currency::text AS c, i.amount AS a, rl.lot_no AS l, rl.received_at AS r, 0 AS grp, i.id AS ord
         FROM ins i
         JOIN unnest(v_journals) WITH ORDINALITY AS jl(jid, ln) ON jl.jid = i.journal_id
         JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = i.layer_id
       UNION ALL
       SELECT (a.line - 1)::int, v_journals[a.line], a.owner, a.take, NULL::numeric, NULL::text, NULL::numeric,
              rl.lot_no, rl.received_at, 1, a.n
         FROM unnest(a_lines, a_bids, a_owners, a_takes) WITH ORDINALITY AS a(line, bid, owner, take, n)
         JOIN receipt_layers rl ON rl.tenant_id = p_tenant AND rl.id = a.bid
        WHERE a.owner = p_tenant) u
      ORDER BY u.grp, u.ord;
   END $$`,
];
