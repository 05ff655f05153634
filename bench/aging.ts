/**
 * The consignment aging clause over 1,000,000 receipt layers: `npm run bench:aging`.
 *
 * A fresh database with the migrations; one buyer, two suppliers whose agreements set
 * maxConsignmentDays = 60, BENCH_AGING_ITEMS items with prices, two VMI sites, and
 * BENCH_AGING_LAYERS supplier layers (default 1,000,000) built set-based in SQL (ADJUSTMENT
 * journals of 1,000 layers each: ADJUSTMENT(S) −q, SITE(S, new layer) +q), every one of them
 * past the clause except BENCH_AGING_YOUNG_PCT percent. Then the job (AgingClauseService.run,
 * the same code the schedule and POST /jobs/aging-clause/run call, batches of
 * AGING_CLAUSE_BATCH layers, default 5000), a second run (nothing left: the idempotent no-op),
 * and the ledger verification. Prints seconds and layers/s.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { runMigrations } from '../apps/api/src/database/migrate';
import { Db } from '../apps/api/src/database/db.service';
import { AgingClauseService } from '../apps/api/src/modules/aging-clause/aging-clause.service';
import { LedgerVerifyService } from '../apps/api/src/modules/ledger/ledger-verify.service';
import { freshDatabase } from './_support';

const LAYERS = Number(process.env['BENCH_AGING_LAYERS'] ?? 1_000_000);
const ITEMS = Number(process.env['BENCH_AGING_ITEMS'] ?? 2_000);
const YOUNG_PCT = Number(process.env['BENCH_AGING_YOUNG_PCT'] ?? 10);
const BATCH = Number(process.env['AGING_CLAUSE_BATCH'] ?? 5_000);
const CHUNK = 100_000;
const PER_JOURNAL = 1_000;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function build(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
    const buyer = (await q(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-B', 'bench buyer', 'BUYER') RETURNING id`)).rows[0].id as string;
    const suppliers = (await q(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-S1', 's1', 'SUPPLIER'), ('BENCH-S2', 's2', 'SUPPLIER') RETURNING id`)).rows.map((r) => r.id as string);
    await q(
      `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days, max_consignment_days)
       SELECT $1, s, 'EUR', 0, 30, 60 FROM unnest($2::uuid[]) AS s`,
      [buyer, suppliers],
    );
    await q(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'VMI-A', 'a', 'VMI'), ($1, 'VMI-B', 'b', 'VMI')`, [buyer]);
    await q(`INSERT INTO items (tenant_id, code, description, uom, decimals) SELECT $1, 'IT-' || g, 'item ' || g, 'PCS', 0 FROM generate_series(1, $2::int) g`, [buyer, ITEMS]);
    await q(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
       SELECT $1, s, i.id, 'SKU-' || i.code, 0.5 + (row_number() OVER ()) % 97 / 10.0, 'EUR', 7, now() - interval '400 days'
         FROM items i CROSS JOIN unnest($2::uuid[]) AS s WHERE i.tenant_id = $1`,
      [buyer, suppliers],
    );
    // Layer n: item n % ITEMS, site n % 2, supplier (n / 2) % 2, journal n / PER_JOURNAL (one item per journal:
    // journals are grouped so that all their layers share the item). Balances get their ids from the
    // identity (FIFO order = id order); receipt layers and postings reuse them.
    const t0 = process.hrtime.bigint();
    for (let from = 0; from < LAYERS; from += CHUNK) {
      const to = Math.min(from + CHUNK, LAYERS) - 1;
      await q('BEGIN');
      await q(
        `CREATE TEMP TABLE bench_layers ON COMMIT DROP AS
         SELECT g AS n, it.id AS item_id, loc.id AS location_id, sup.id AS owner, 1 + g % 9 AS qty,
                now() - make_interval(days => CASE WHEN g % 100 < $4::int THEN 5 ELSE 61 + g % 300 END) AS received_at,
                (g / $5::int) AS jn
           FROM generate_series($2::int, $3::int) g
           JOIN LATERAL (SELECT id FROM items WHERE tenant_id = $1 AND code = 'IT-' || (1 + (g / $5::int) % $6::int)) it ON true
           JOIN LATERAL (SELECT id FROM locations WHERE tenant_id = $1 AND code = CASE WHEN g % 2 = 0 THEN 'VMI-A' ELSE 'VMI-B' END) loc ON true
           JOIN LATERAL (SELECT o.id FROM organizations o WHERE o.code = CASE WHEN (g / 2) % 2 = 0 THEN 'BENCH-S1' ELSE 'BENCH-S2' END) sup ON true`,
        [buyer, from, to, YOUNG_PCT, PER_JOURNAL, ITEMS],
      );
      await q(
        `CREATE TEMP TABLE bench_journals ON COMMIT DROP AS
         SELECT jn, ledger_uuid7() AS id, array_agg(DISTINCT owner ORDER BY owner) AS owners FROM bench_layers GROUP BY jn`,
      );
      await q(
        `INSERT INTO journals (tenant_id, id, type, effective_date, created_at, reference, reason, supplier_org_ids)
         SELECT $1, id, 'ADJUSTMENT', current_date - 400, now(), 'BENCH', 'bench seed', owners FROM bench_journals ORDER BY jn`,
        [buyer],
      );
      await q(
        `CREATE TEMP TABLE bench_ids ON COMMIT DROP AS
         WITH ins AS (
           INSERT INTO balances (tenant_id, item_id, location_kind, location_id, owner_org_id, qty, version)
           SELECT $1, item_id, 'SITE', location_id, owner, qty, 1 FROM bench_layers ORDER BY n
           RETURNING id)
         SELECT id, row_number() OVER (ORDER BY id) + $2::int - 1 AS n FROM ins`,
        [buyer, from],
      );
      await q(
        `INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, lot_no, received_at, original_qty)
         SELECT $1, b.id, l.item_id, l.location_id, l.owner, j.id, 'ADJUSTMENT', 'LOT-' || l.n, l.received_at, l.qty
           FROM bench_ids b JOIN bench_layers l ON l.n = b.n JOIN bench_journals j ON j.jn = l.jn`,
        [buyer],
      );
      await q(
        `INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                               balance_id, layer_id, qty, balance_after, account_version)
         SELECT $1, j.id, l.item_id, k.kind, l.location_id, l.owner, l.owner,
                CASE WHEN k.site THEN b.id END, b.id, CASE WHEN k.site THEN l.qty ELSE -l.qty END,
                CASE WHEN k.site THEN l.qty END, CASE WHEN k.site THEN 1 END
           FROM bench_ids b JOIN bench_layers l ON l.n = b.n JOIN bench_journals j ON j.jn = l.jn
          CROSS JOIN (VALUES ('SITE', true), ('ADJUSTMENT', false)) AS k(kind, site)
          ORDER BY b.id, k.site`,
        [buyer],
      );
      await q('COMMIT');
      process.stdout.write(`\r  built ${fmt(to + 1)} / ${fmt(LAYERS)} layers`);
    }
    await q(`DELETE FROM warning_outbox`);
    await q(`VACUUM ANALYZE`);
    console.log(`\n  build: ${seconds(t0).toFixed(1)} s`);
    return buyer;
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  console.log(`aging clause over ${fmt(LAYERS)} receipt layers (${100 - YOUNG_PCT} % past the clause), ${fmt(ITEMS)} items, batches of ${fmt(BATCH)}`);
  const db0 = await freshDatabase('aging');
  let ds: DataSource | null = null;
  try {
    await runMigrations(db0.url);
    const buyer = await build(db0.url);
    ds = new DataSource({ type: 'postgres', url: db0.url, extra: { max: 4 } });
    await ds.initialize();
    const db = new Db(ds);
    const clause = new AgingClauseService(db, { intervalMs: 0, batchSize: BATCH });

    const t1 = process.hrtime.bigint();
    const first = await clause.run({ trigger: 'MANUAL' });
    const s1 = seconds(t1);
    console.log(
      `  run 1: ${s1.toFixed(1)} s — ${fmt(first.layersTransferred)} layers transferred (${fmt(first.layersTransferred / s1)} layers/s), ` +
        `${fmt(first.journals)} journals, skipped: ${first.skippedNoPrice} no price, ${first.skippedPeriodClosed} closed period`,
    );
    const t2 = process.hrtime.bigint();
    const second = await clause.run({ trigger: 'MANUAL' });
    console.log(`  run 2 (nothing left, idempotent): ${seconds(t2).toFixed(1)} s — ${fmt(second.layersTransferred)} layers transferred`);

    const t3 = process.hrtime.bigint();
    const verify = await new LedgerVerifyService(db).verify(buyer);
    console.log(
      `  verify: ${verify.balanced ? 'balanced' : 'NOT BALANCED'} in ${seconds(t3).toFixed(1)} s ` +
        `(${fmt(verify.journalsChecked)} journals, ${fmt(verify.accountsChecked)} accounts, ${fmt(verify.postingsChecked ?? 0)} postings)`,
    );
    const expected = LAYERS - Math.floor(LAYERS / 100) * YOUNG_PCT - Math.min(LAYERS % 100, YOUNG_PCT);
    const ok = verify.balanced && first.layersTransferred === expected && second.layersTransferred === 0;
    if (!ok) console.error(`  FAILED: expected ${expected} transfers then 0, and a balanced ledger`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await ds?.destroy();
    await db0.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
