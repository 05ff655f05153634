/**
 * Demand forecasting over 100,000 (location, item) pairs: `npm run bench:forecast`.
 *
 * A fresh database with the migrations; one buyer, one supplier, BENCH_FORECAST_SITES VMI
 * sites (default 5) × BENCH_FORECAST_ITEMS items (default 20,000) = the pairs, each with a
 * stock policy and BENCH_FORECAST_DAYS days (default 120) of consumption history built
 * set-based in SQL (one CONSUMPTION journal per day; title transfers by generate_series): a
 * third of the pairs smooth with a weekly pattern, a third trending, a third intermittent,
 * each day with consumption with probability BENCH_FORECAST_DENSITY (default 0.5) for the
 * smooth and trending ones. Then the forecast job for the tenant, exactly as the schedule and
 * POST /forecasts/refresh run it (ForecastingService.refreshTenant with force: daily history
 * aggregated in SQL per chunk of FORECAST_CHUNK pairs, every method back-tested in JavaScript,
 * upserts; then threshold suggestions for every policy and warning priorities). Prints
 * seconds, pairs/s, the share of pure forecasting compute and the machine's load.
 *
 * Environment: the BENCH_FORECAST_* above, BENCH_FORECAST_RUNS (default 1; medians reported),
 * FORECAST_CHUNK (default 2000), DATABASE_URL (a server to create a fresh database on; default
 * an embedded PostgreSQL in a temp dir).
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { forecastDemand } from '@stockbridge/domain';
import { runMigrations } from '../apps/api/src/database/migrate';
import { Db } from '../apps/api/src/database/db.service';
import { ForecastingService } from '../apps/api/src/modules/forecasting/forecasting.service';
import { forecastingSettingsFromEnv } from '../apps/api/src/modules/forecasting/forecasting.settings';
import { ConsumptionHistory } from '../apps/api/src/modules/forecasting/persistence/consumption-history';
import { ThresholdSuggestionsService } from '../apps/api/src/modules/forecasting/threshold-suggestions.service';
import { WarningPriorityService } from '../apps/api/src/modules/forecasting/warning-priority.service';
import { freshDatabase } from './_support';

const SITES = Number(process.env['BENCH_FORECAST_SITES'] ?? 5);
const ITEMS = Number(process.env['BENCH_FORECAST_ITEMS'] ?? 20_000);
const DAYS = Number(process.env['BENCH_FORECAST_DAYS'] ?? 120);
const DENSITY = Number(process.env['BENCH_FORECAST_DENSITY'] ?? 0.5);
const RUNS = Number(process.env['BENCH_FORECAST_RUNS'] ?? 1);
/** Items per build statement (× SITES pairs × DAYS days). */
const ITEM_CHUNK = 2_000;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function build(url: string): Promise<{ buyer: string; transfers: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
    const buyer = (await q(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-B', 'bench buyer', 'BUYER') RETURNING id`)).rows[0].id as string;
    const supplier = (await q(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-S', 'bench supplier', 'SUPPLIER') RETURNING id`)).rows[0].id as string;
    await q(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [buyer, supplier]);
    await q(`INSERT INTO locations (tenant_id, code, name, type) SELECT $1, 'VMI-' || g, 'site ' || g, 'VMI' FROM generate_series(1, $2::int) g`, [buyer, SITES]);
    await q(`INSERT INTO items (tenant_id, code, description, uom, decimals) SELECT $1, 'IT-' || g, 'item ' || g, 'PCS', 0 FROM generate_series(1, $2::int) g`, [buyer, ITEMS]);
    await q(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
       SELECT $1, $2, i.id, 'SKU-' || i.code, 0.5 + (row_number() OVER ()) % 97 / 10.0, 'EUR', 3 + (row_number() OVER ()) % 12, now() - interval '400 days'
         FROM items i WHERE i.tenant_id = $1`,
      [buyer, supplier],
    );
    // One policy per pair: its trigger fills the warning outbox, which nobody drains here.
    await q(
      `INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty)
       SELECT $1, l.id, i.id, 50, 200 FROM locations l CROSS JOIN items i WHERE l.tenant_id = $1 AND i.tenant_id = $1`,
      [buyer],
    );
    await q(`DELETE FROM warning_outbox`);
    // One CONSUMPTION journal per day (title transfers must belong to one).
    await q(
      `INSERT INTO journals (tenant_id, id, type, effective_date, created_at, reference, supplier_org_ids)
       SELECT $1, ledger_uuid7(), 'CONSUMPTION', current_date - d, now(), 'BENCH-' || d, ARRAY[$2::uuid] FROM generate_series(1, $3::int) d`,
      [buyer, supplier, DAYS],
    );
    // Load without the secondary indexes, build them afterwards (the same indexes, faster).
    const indexes = (
      await q(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'title_transfers' AND indexname <> 'title_transfers_pk'`)
    ).rows as Array<{ indexname: string; indexdef: string }>;
    for (const ix of indexes) await q(`DROP INDEX ${ix.indexname}`);
    const t0 = process.hrtime.bigint();
    for (let from = 1; from <= ITEMS; from += ITEM_CHUNK) {
      const to = Math.min(from + ITEM_CHUNK - 1, ITEMS);
      // Pair kind by item number: 0 smooth weekly, 1 trending, 2 intermittent (a lump every 9–15 days).
      await q(
        `INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price, currency, amount,
                                      effective_date, transferred_at)
         SELECT $1, j.id, $2, p.item_id, p.location_id, 0, x.qty, 1, 'EUR', x.qty, j.effective_date, j.effective_date + time '12:00'
           FROM (SELECT i.id AS item_id, l.id AS location_id, substr(i.code, 4)::int AS n, substr(l.code, 5)::int AS s
                   FROM items i CROSS JOIN locations l
                  WHERE i.tenant_id = $1 AND l.tenant_id = $1 AND substr(i.code, 4)::int BETWEEN $3 AND $4) p
          CROSS JOIN journals j
          CROSS JOIN LATERAL (SELECT (current_date - j.effective_date) AS d) dd
          CROSS JOIN LATERAL (SELECT CASE p.n % 3
                   WHEN 0 THEN CASE WHEN random() < $5 THEN round(8 + 4 * sin(dd.d * 0.8976) + 3 * random()) END
                   WHEN 1 THEN CASE WHEN random() < $5 THEN round(5 + (120 - dd.d) * 0.05 + 4 * random()) END
                   ELSE CASE WHEN (dd.d + p.n + p.s) % (9 + p.n % 7) = 0 THEN 20 + p.n % 50 END END::numeric AS qty) x
          WHERE j.tenant_id = $1 AND j.type = 'CONSUMPTION' AND x.qty > 0`,
        [buyer, supplier, from, to, DENSITY],
      );
      process.stdout.write(`\r  built the history of ${fmt(to * SITES)} / ${fmt(ITEMS * SITES)} pairs`);
    }
    const built = seconds(t0);
    const t1 = process.hrtime.bigint();
    for (const ix of indexes) await q(ix.indexdef);
    await q(`VACUUM ANALYZE`);
    const transfers = Number((await q(`SELECT count(*) AS n FROM title_transfers`)).rows[0].n);
    console.log(`\n  build: ${fmt(transfers)} title transfers in ${built.toFixed(1)} s, indexes + analyse ${seconds(t1).toFixed(1)} s`);
    return { buyer, transfers };
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const pairs = SITES * ITEMS;
  console.log(`forecast of ${fmt(pairs)} (location, item) pairs with ${DAYS} days of history (density ${DENSITY}); load ${load()}`);
  const db0 = await freshDatabase('forecast');
  let ds: DataSource | null = null;
  try {
    await runMigrations(db0.url);
    const { buyer } = await build(db0.url);
    ds = new DataSource({ type: 'postgres', url: db0.url, extra: { max: 4 } });
    await ds.initialize();
    const db = new Db(ds);
    const settings = forecastingSettingsFromEnv({ ...process.env, FORECAST_LOOKBACK_DAYS: String(DAYS) });
    const priority = new WarningPriorityService(db);
    const suggestions = new ThresholdSuggestionsService(db, priority, settings);
    const service = new ForecastingService(db, new ConsumptionHistory(db), suggestions, priority, settings);

    // What the forecasting itself costs, without the database: the same series shapes in memory.
    const sample = Array.from({ length: 5_000 }, (_, p) =>
      Array.from({ length: DAYS }, (_, d) =>
        p % 3 === 2 ? ((d + p) % (9 + (p % 7)) === 0 ? 20 : 0) : Math.random() < DENSITY ? Math.round(8 + 4 * Math.sin(d * 0.8976) + 3 * Math.random()) : 0,
      ),
    );
    const tc = process.hrtime.bigint();
    for (const s of sample) forecastDemand(s, { horizonDays: settings.horizonDays });
    const computePerPair = seconds(tc) / sample.length;
    console.log(`  forecastDemand alone: ${(computePerPair * 1000).toFixed(3)} ms per pair (${fmt(1 / computePerPair)} pairs/s, one core)`);

    const times: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const before = load();
      // The phases of ForecastingService.refreshTenant (the same calls, timed one by one; the
      // tenant's advisory lock is left out).
      const asOf = await new ConsumptionHistory(db).today();
      const t = process.hrtime.bigint();
      const n = await (service as unknown as { refreshForecasts(tenant: string, asOf: string, force: boolean): Promise<number> }).refreshForecasts(buyer, asOf, true);
      const tForecasts = seconds(t);
      const t2 = process.hrtime.bigint();
      const created = await suggestions.generate(buyer, asOf);
      const tSuggestions = seconds(t2);
      const t3 = process.hrtime.bigint();
      await priority.refresh(buyer);
      const tPriority = seconds(t3);
      const s = seconds(t);
      times.push(s);
      console.log(
        `  run ${run}: ${s.toFixed(1)} s for ${fmt(n)} pairs → ${fmt(n / s)} pairs/s — forecasts ${tForecasts.toFixed(1)} s ` +
          `(${fmt(n / tForecasts)} pairs/s, compute share ≈ ${Math.min(100, (computePerPair * n * 100) / tForecasts).toFixed(0)} %), ` +
          `${fmt(created)} threshold suggestions ${tSuggestions.toFixed(1)} s, priorities ${tPriority.toFixed(1)} s; load ${before} → ${load()}`,
      );
    }
    const methods = await db.query<{ method: string; n: string }>(
      `SELECT method, count(*)::text AS n FROM demand_forecasts WHERE tenant_id = $1 GROUP BY method ORDER BY method`,
      [buyer],
    );
    console.log(`  methods chosen: ${methods.map((m) => `${m.method} ${fmt(Number(m.n))}`).join(', ')}`);
    const m = median(times);
    console.log(`forecast: ${fmt(pairs)} pairs in ${m.toFixed(1)} s (median of ${times.length}) = ${fmt(pairs / m)} pairs/s; bar: minutes → ${m < 600 ? 'ok' : 'TOO SLOW'}`);
  } finally {
    await ds?.destroy().catch(() => undefined);
    await db0.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
