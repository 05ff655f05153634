/**
 * Warnings benchmark (QUALITY.md `warnings`): one bulk change touching 100,000 (site, item)
 * stock policies, and the time until the warning outbox is drained and every LOW_WATER warning
 * is what the policies and the stock say it must be. Bar: ≤ 5 s.
 *
 *   npm run bench:warnings
 *   SWC_NODE_PROJECT=tsconfig.base.json LOG_LEVEL=warn node -r @swc-node/register bench/warnings.ts
 *
 * Environment: BENCH_ITEMS (default 20,000), BENCH_SITES (default 5) — 100,000 policies;
 * BENCH_RUNS (default 3, medians reported), DATABASE_URL (a server to create a fresh database
 * on; default an embedded PostgreSQL in a temp dir).
 *
 * Flow: fresh database → migrations → seed (items × sites: one receipt layer of 100 per pair
 * as one set-based count-gain journal per site, a policy min 50 / max 200 per pair: no warning
 * anywhere; the seed's outbox rows are dropped, there is nothing to raise) → the API in-process
 * (createApp: its outbox worker is the one measured) → per run:
 *
 *   raise:   ONE `UPDATE stock_policies` of every pair (min 105 / 112 / 130 / 150, max 300 by
 *            item number mod 4: none / YELLOW / ORANGE / RED) — the statement-level trigger
 *            enqueues every (site, item) in the same transaction;
 *   resolve: ONE `UPDATE` back to min 50 / max 200 — every warning resolves.
 *
 * Each phase is timed from the start of the UPDATE until `warning_outbox` is empty (rows claimed
 * by a batch stay visible until that batch commits), then checked against an independent
 * computation of the grades in SQL (PRODUCT.md's bands).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../apps/api/src/config/app-config';
import { runMigrations } from '../apps/api/src/database/migrate';
import { freshDatabase } from './_support';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 20_000);
const SITES = Number(process.env['BENCH_SITES'] ?? 5);
const BAR_SECONDS = 5;

export interface WarningsWorld {
  tenant: string;
  supplier: string;
  plannerUser: string;
  sites: Array<{ id: string; code: string }>;
  items: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * A buyer with `sites` VMI sites and `items` items, one supplier, and per (site, item) one
 * receipt layer of 100 and a policy min 50 /
 * max 200 (no warning). The seed's outbox rows are dropped: nothing in it needs a warning.
 */
export async function seedWarningsWorld(pool: Pool, items: number, sites: number, log: (m: string) => void = () => undefined): Promise<WarningsWorld> {
  const q = async <T = Record<string, string>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const [buyer] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-BUYER', 'Bench buyer', 'BUYER') RETURNING id`);
  const tenant = (buyer as { id: string }).id;
  const [s] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-SUP', 'Bench supplier', 'SUPPLIER') RETURNING id`);
  const supplier = (s as { id: string }).id;
  await q(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [tenant, supplier]);
  const [user] = await q<{ id: string }>(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, 'planner@bench', 'x', '{PLANNER}') RETURNING id`, [tenant]);
  const siteRows = await q<{ id: string; code: string }>(
    `INSERT INTO locations (tenant_id, code, name, type) SELECT $1, 'VMI-' || n, 'site ' || n, 'VMI' FROM generate_series(1, $2) n RETURNING id, code`,
    [tenant, sites],
  );
  siteRows.sort((a, b) => (a.code < b.code ? -1 : 1));
  await q(
    `INSERT INTO items (tenant_id, code, description, uom, decimals) SELECT $1, 'IT-' || lpad(n::text, 6, '0'), 'item ' || n, 'PCS', 0 FROM generate_series(1, $2) n RETURNING id`,
    [tenant, items],
  );
  await q(
    `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
     SELECT $1, $2, i.id, 'SKU-' || i.code, 1.5, 'EUR', 7, now() - interval '30 days' FROM items i WHERE i.tenant_id = $1`,
    [tenant, supplier],
  );
  // One set-based count-gain journal per site (ADJUSTMENT −100, SITE +100 into a new receipt
  // layer per item, the shape ledger_adjust posts): the ledger's invariants hold (zero sum per
  // journal and item, balances = Σ postings) and 100,000 layers take seconds, not minutes.
  const started = Date.now();
  for (const site of siteRows) {
    await q(
      `WITH j AS (
         INSERT INTO journals (tenant_id, type, effective_date, reference, reason, supplier_org_ids)
         VALUES ($1, 'ADJUSTMENT', current_date - 20, 'bench seed', 'bench seed', ARRAY[$2::uuid]) RETURNING id),
       b AS (
         INSERT INTO balances (tenant_id, item_id, location_kind, location_id, owner_org_id, qty, version)
         SELECT $1, i.id, 'SITE', $3, $2, 100, 1 FROM items i WHERE i.tenant_id = $1 ORDER BY i.code RETURNING id, item_id),
       rl AS (
         INSERT INTO receipt_layers (tenant_id, id, item_id, location_id, owner_org_id, journal_id, source, received_at, original_qty)
         SELECT $1, b.id, b.item_id, $3, $2, j.id, 'ADJUSTMENT', now() - interval '20 days', 100 FROM b, j)
       INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id,
                             balance_id, layer_id, qty, balance_after, account_version)
       SELECT $1, j.id, b.item_id, k.kind, $3, $2, $2, CASE WHEN k.site THEN b.id END, b.id,
              CASE WHEN k.site THEN 100 ELSE -100 END, CASE WHEN k.site THEN 100 END, CASE WHEN k.site THEN 1 END
         FROM b CROSS JOIN j CROSS JOIN (VALUES ('SITE', true), ('ADJUSTMENT', false)) AS k(kind, site)`,
      [tenant, supplier, site.id],
    );
    log(`  stock at ${site.code}: ${fmt(items)} layers (${fmt((Date.now() - started) / 1000, 1)} s)`);
  }
  await q(
    `INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty)
     SELECT $1, l.id, i.id, 50, 200 FROM locations l CROSS JOIN items i WHERE l.tenant_id = $1 AND i.tenant_id = $1`,
    [tenant],
  );
  // Every pair holds 100 against min 50 / max 200: nothing to raise, so the seed's outbox rows
  // (every balance and policy written) need no processing.
  await q(`TRUNCATE warning_outbox`);
  await pool.query('VACUUM ANALYZE');
  return { tenant, supplier, plannerUser: (user as { id: string }).id, sites: siteRows, items };
}

/** The raise change: item number mod 4 → min 105 (none), 112 (YELLOW), 130 (ORANGE), 150 (RED); max 300. */
export const RAISE_SQL = `UPDATE stock_policies p SET min_qty = CASE substring(i.code FROM 4)::int % 4 WHEN 0 THEN 105 WHEN 1 THEN 112 WHEN 2 THEN 130 ELSE 150 END,
                                max_qty = 300, updated_at = now()
                           FROM items i WHERE i.id = p.item_id AND p.tenant_id = $1`;
export const RESOLVE_SQL = `UPDATE stock_policies SET min_qty = 50, max_qty = 200, updated_at = now() WHERE tenant_id = $1`;

/**
 * Starts the API in-process on a fresh config (pool 10, LOG_LEVEL=warn). The scheduled jobs
 * that have nothing to do with what is measured (demand forecasts, the aging clause) are off,
 * so that they do not take the CPU in the middle of a run; the warning engine runs as in
 * production.
 */
export async function startApi(url: string): Promise<{ app: Awaited<ReturnType<typeof createApp>>; config: AppConfig; secret: string }> {
  const secret = randomBytes(48).toString('base64url');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    PORTAL_DIR: 'none',
    DEMO_DATA: 'false',
    FORECAST_JOB_INTERVAL_MS: '0',
    AGING_CLAUSE_INTERVAL_MS: '0',
  });
  const app = await createApp(config, url);
  return { app, config, secret };
}

/**
 * Open LOW_WATER warnings vs the grades PRODUCT.md defines, recomputed here in SQL from the
 * policies and the balances (d = (min − available) / min × 100; available = on hand + in
 * transit; RED at d ≥ red or available 0, ORANGE ≥ orange, YELLOW ≥ yellow).
 */
export async function checkWarnings(pool: Pool, tenant: string): Promise<{ expected: Record<string, number>; open: Record<string, number>; mismatches: number }> {
  const { rows } = await pool.query(
    `WITH expected AS (
       SELECT p.location_id, p.item_id,
              CASE WHEN p.min_qty <= 0 THEN NULL
                   WHEN a.available <= 0 OR (p.min_qty - a.available) * 100 >= p.red_pct * p.min_qty THEN 'RED'
                   WHEN (p.min_qty - a.available) * 100 >= p.orange_pct * p.min_qty THEN 'ORANGE'
                   WHEN (p.min_qty - a.available) * 100 >= p.yellow_pct * p.min_qty THEN 'YELLOW' END AS severity
         FROM stock_policies p
         CROSS JOIN LATERAL (SELECT coalesce(sum(b.qty), 0) AS available FROM balances b
                              WHERE b.tenant_id = p.tenant_id AND b.location_id = p.location_id AND b.item_id = p.item_id) a
        WHERE p.tenant_id = $1),
     open AS (
       SELECT location_id, item_id, severity FROM warnings
        WHERE tenant_id = $1 AND kind = 'LOW_WATER' AND status <> 'RESOLVED')
     SELECT (SELECT json_object_agg(s, n) FROM (SELECT coalesce(severity, 'NONE') AS s, count(*) AS n FROM expected GROUP BY 1) x) AS expected,
            (SELECT coalesce(json_object_agg(severity, n), '{}') FROM (SELECT severity, count(*) AS n FROM open GROUP BY 1) y) AS open,
            (SELECT count(*)::int FROM expected e FULL JOIN open o ON o.location_id = e.location_id AND o.item_id = e.item_id
              WHERE e.severity IS DISTINCT FROM o.severity) AS mismatches`,
    [tenant],
  );
  return rows[0];
}

/**
 * True while the outbox holds a row. Probes the newest id through the primary key: the worker
 * claims the oldest rows first, so this finds a live row at once until the very end (a
 * `count(*)` every few milliseconds would scan the outbox and its dead rows, competing with the
 * worker it measures).
 */
async function outboxBusy(pool: Pool): Promise<boolean> {
  return (await pool.query(`SELECT 1 FROM warning_outbox ORDER BY id DESC LIMIT 1`)).rowCount === 1;
}

/** Runs `sql` (one statement, autocommit) and waits until the outbox is empty; seconds. */
async function timeChange(pool: Pool, sql: string, tenant: string): Promise<{ update: number; total: number; rows: number }> {
  const t0 = performance.now();
  const r = await pool.query(sql, [tenant]);
  const update = (performance.now() - t0) / 1000;
  while (await outboxBusy(pool)) await new Promise((res) => setTimeout(res, 50));
  return { update, total: (performance.now() - t0) / 1000, rows: r.rowCount ?? 0 };
}

export async function runWarningsBench(): Promise<boolean> {
  console.log(`warnings: fresh database, migrations, seed ${fmt(ITEMS)} items × ${SITES} sites ...`);
  const db = await freshDatabase('warnings');
  await runMigrations(db.url);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const seedStart = Date.now();
  const w = await seedWarningsWorld(pool, ITEMS, SITES, console.log);
  console.log(`  seeded in ${fmt((Date.now() - seedStart) / 1000, 1)} s: ${fmt(ITEMS * SITES)} policies and receipt layers`);
  const { app } = await startApi(db.url);
  console.log('  API started in-process (its warning worker drains the outbox)');

  const raise: Array<{ update: number; total: number }> = [];
  const resolve: Array<{ update: number; total: number }> = [];
  const checks: Array<[string, boolean]> = [];
  let warningRows = 0;
  try {
    for (let run = 1; run <= RUNS; run++) {
      const up = await timeChange(pool, RAISE_SQL, w.tenant);
      const afterRaise = await checkWarnings(pool, w.tenant);
      raise.push(up);
      console.log(
        `  run ${run}: raise   ${fmt(up.rows)} policies: UPDATE ${fmt(up.update, 2)} s, drained and graded in ${fmt(up.total, 2)} s; open ${JSON.stringify(afterRaise.open)} expected ${JSON.stringify(afterRaise.expected)}, mismatches ${afterRaise.mismatches}`,
      );
      checks.push([`run ${run} raise: warnings correct`, afterRaise.mismatches === 0]);
      const down = await timeChange(pool, RESOLVE_SQL, w.tenant);
      const afterResolve = await checkWarnings(pool, w.tenant);
      resolve.push(down);
      console.log(
        `         resolve ${fmt(down.rows)} policies: UPDATE ${fmt(down.update, 2)} s, drained and graded in ${fmt(down.total, 2)} s; open ${JSON.stringify(afterResolve.open)}, mismatches ${afterResolve.mismatches}`,
      );
      checks.push([`run ${run} resolve: warnings correct`, afterResolve.mismatches === 0]);
    }
    warningRows = (await pool.query(`SELECT count(*)::int AS n FROM warnings`)).rows[0].n as number;
  } finally {
    await app.close();
    await pool.end();
    await db.stop();
  }

  const raiseS = median(raise.map((r) => r.total));
  const resolveS = median(resolve.map((r) => r.total));
  console.log(`\nwarnings — medians of ${RUNS} run(s), ${fmt(ITEMS * SITES)} policies per change (${fmt(warningRows)} warning rows at the end):`);
  console.log(`  raise   ${fmt(raiseS, 2)} s (UPDATE ${fmt(median(raise.map((r) => r.update)), 2)} s) vs bar ${BAR_SECONDS} s → ${fmt(raiseS / BAR_SECONDS, 2)}× the bar`);
  console.log(`  resolve ${fmt(resolveS, 2)} s (UPDATE ${fmt(median(resolve.map((r) => r.update)), 2)} s) vs bar ${BAR_SECONDS} s → ${fmt(resolveS / BAR_SECONDS, 2)}× the bar`);
  checks.push([`raise within ${BAR_SECONDS} s`, raiseS <= BAR_SECONDS]);
  checks.push([`resolve within ${BAR_SECONDS} s`, resolveS <= BAR_SECONDS]);
  for (const [name, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return checks.every(([, ok]) => ok);
}

if (require.main === module) {
  runWarningsBench().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
