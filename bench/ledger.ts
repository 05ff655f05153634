/**
 * Ledger benchmarks (QUALITY.md): POST /consumptions over HTTP against the plain-SQL ceiling
 * measured on the same database in the same run.
 *
 *   npm run bench -- ledger          many items and owners (this file)
 *   npm run bench -- ledger-hot      every request on one item at one site
 *   npm run bench -- ledger-batch    POST /consumptions/batch, 500 lines per request
 *
 * or directly: node -r @swc-node/register bench/ledger.ts [ledger|hot|batch]
 * (SWC_NODE_PROJECT=tsconfig.base.json). Environment: BENCH_RUNS (default 3, medians are
 * reported), BENCH_DURATION seconds per HTTP phase (default 20), BENCH_SQL_DURATION (default
 * 10), BENCH_CONNECTIONS (default 50), DATABASE_URL (a server to create a fresh database on;
 * default an embedded PostgreSQL in a temp dir).
 *
 * Flow: fresh database → migrations → seed (items × sites × owners × layers, through the
 * ledger's own posting functions) → the API in-process (createApp, LOG_LEVEL=warn, a free
 * port) → autocannon in a child process → GET /ledger/verify → the ceilings: 8 node-pg
 * clients looping single-journal transactions doing the same work (1) as plain SQL statements
 * (BEGIN, FIFO lock, update, price, journal, postings, transfer, COMMIT) and (2) as one call
 * of the posting function → figures, ratios, bars.
 */
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Client, Pool } from 'pg';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';
import { freePort } from '../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../apps/api/src/database/migrate';
import { freshDatabase } from './_support';

/** A price-list row the plain-SQL ceiling loop reads per owner. */
interface PriceRow {
  id: string;
  supplier_org_id: string;
  unit_price: string;
  currency: string;
}

export type LedgerBenchMode = 'ledger' | 'hot' | 'batch';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DURATION = Number(process.env['BENCH_DURATION'] ?? 20);
const SQL_DURATION = Number(process.env['BENCH_SQL_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
/** Batches of 500 lines over shared items serialise on their FIFO heads: more connections only queue. */
const BATCH_CONNECTIONS = Number(process.env['BENCH_BATCH_CONNECTIONS'] ?? 8);
const SQL_CLIENTS = 8;
const BATCH_LINES = 500;

const ITEMS = 400;
/** Batch mode: 16 product families × 500 (item, site) pairs = 4,000 items × 2 sites. */
const BATCH_FAMILIES = 16;
const BATCH_ITEMS = (BATCH_FAMILIES * 500) / 2;
/** BENCH_BATCH_SHARED=true: every batch draws from all pairs (all batches overlap and queue). */
const BATCH_SHARED = process.env['BENCH_BATCH_SHARED'] === 'true';
const SITES = 2;
const OWNERS = 4;
const LAYERS = 2;

interface World {
  tenant: string;
  owners: string[];
  sites: Array<{ id: string; code: string }>;
  items: Array<{ id: string; code: string }>;
  warehouseUser: string;
  financeUser: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2
    ? (s[m] as number)
    : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', {
    maximumFractionDigits: d,
    minimumFractionDigits: d,
  });


/** Buyer, owners, sites, items with prices, and stock received through ledger_post_chain. */
export async function seed(pool: Pool, mode: LedgerBenchMode): Promise<World> {
  const q = async <T = Record<string, string>>(
    sql: string,
    params: unknown[] = [],
  ) => (await pool.query(sql, params)).rows as T[];
  const [buyer] = await q<{ id: string }>(
    `INSERT INTO organizations (code, name, type) VALUES ('BENCH-BUYER', 'Bench buyer', 'BUYER') RETURNING id`,
  );
  const tenant = (buyer as { id: string }).id;
  const owners: string[] = [];
  for (let o = 0; o < OWNERS; o++) {
    const [s] = await q<{ id: string }>(
      `INSERT INTO organizations (code, name, type) VALUES ($1, $1, 'SUPPLIER') RETURNING id`,
      [`BENCH-S${o}`],
    );
    owners.push((s as { id: string }).id);
    await q(
      `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`,
      [tenant, owners[o]],
    );
  }
  const users = await q<{ id: string }>(
    `INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, 'wh@bench', 'x', '{WAREHOUSE}'), ($1, 'fin@bench', 'x', '{FINANCE}') RETURNING id`,
    [tenant],
  );
  const sites = await q<{ id: string; code: string }>(
    `INSERT INTO locations (tenant_id, code, name, type) SELECT $1, 'VMI-' || n, 'site ' || n, 'VMI' FROM generate_series(1, $2) n RETURNING id, code`,
    [tenant, SITES],
  );
  const items = await q<{ id: string; code: string }>(
    `INSERT INTO items (tenant_id, code, description, uom, decimals) SELECT $1, 'IT-' || lpad(n::text, 5, '0'), 'item ' || n, 'PCS', 3 FROM generate_series(1, $2) n RETURNING id, code`,
    [tenant, mode === 'batch' ? BATCH_ITEMS : ITEMS],
  );
  await q(
    `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
     SELECT $1, o, i.id, 'SKU-' || i.code || '-' || left(o::text, 8), (1 + (abs(hashtext(i.code || o::text)) % 10000) / 1000.0)::numeric(20, 6), 'EUR', 7, now() - interval '30 days'
       FROM items i CROSS JOIN unnest($2::uuid[]) o WHERE i.tenant_id = $1`,
    [tenant, owners],
  );
  // In hot mode the stock is one item at one site (few big layers); otherwise everywhere.
  const stockItems = mode === 'hot' ? items.slice(0, 1) : items;
  const stockSites = mode === 'hot' ? sites.slice(0, 1) : sites;
  const perLayer = mode === 'hot' ? '100000000' : '1000000';
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const site of stockSites) {
      for (const owner of owners) {
        for (let from = 0; from < stockItems.length; from += 500) {
          const chunk = stockItems.slice(from, from + 500);
          const keys = chunk.map(() => randomUUID());
          const args = [
            tenant,
            owner,
            site.id,
            chunk.map((i) => i.id),
            chunk.map(() => perLayer),
            keys,
            chunk.map(() => `LOT-${layer}`),
            chunk.map(() => null),
          ];
          await q(
            `SELECT ledger_post_chain('SHIPMENT', $1, $2, $3, $4::uuid[], $5::numeric[], $6::uuid[], $7::text[], $8::date[], NULL, NULL, 'bench', NULL, NULL)`,
            args,
          );
          await q(
            `SELECT ledger_post_chain('RECEIPT', $1, $2, $3, $4::uuid[], $5::numeric[], $6::uuid[], $7::text[], $8::date[], NULL, NULL, 'bench', gen_random_uuid(), now() - make_interval(days => $9))`,
            [...args, 60 - layer * 10],
          );
        }
      }
    }
  }
  await pool.query('VACUUM ANALYZE');
  return {
    tenant,
    owners,
    sites,
    items,
    warehouseUser: (users[0] as { id: string }).id,
    financeUser: (users[1] as { id: string }).id,
  };
}

/** The (site, item) pairs a run draws from. */
function targets(
  w: World,
  mode: LedgerBenchMode,
): Array<{
  site: { id: string; code: string };
  item: { id: string; code: string };
}> {
  if (mode === 'hot')
    return [
      {
        site: w.sites[0] as World['sites'][0],
        item: w.items[0] as World['items'][0],
      },
    ];
  return w.sites.flatMap((site) => w.items.map((item) => ({ site, item })));
}

interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p99: number;
  p50: number;
  seconds: number;
  statusCodes: Record<string, number>;
}

// autocannon runs in its own process (the API keeps this process's event loop to itself); in a
// worker thread autocannon would hand back raw histograms instead of percentiles.
const LOADER = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const { autocannon: path, url, token, bodies, connections, duration } = JSON.parse(input);
  const autocannon = require(path);
  autocannon({
    url, method: 'POST', connections, duration, timeout: 10,
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    requests: [{ setupRequest: (req) => { req.body = bodies[(Math.random() * bodies.length) | 0]; return req; } }],
  }, (err, r) => {
    if (err) { process.stdout.write(JSON.stringify({ error: String(err) })); return; }
    const codes = {};
    for (const [k, v] of Object.entries(r.statusCodeStats || {})) codes[k] = v.count;
    process.stdout.write(JSON.stringify({ result: {
      ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, p99: r.latency.p99, p50: r.latency.p50,
      seconds: r.duration, statusCodes: codes,
    } }));
  });
});`;

function load(
  url: string,
  token: string,
  bodies: string[],
  duration: number,
  connections: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOADER], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('close', () => {
      try {
        const m = JSON.parse(out) as { error?: string; result?: LoadResult };
        if (m.error || !m.result) reject(new Error(m.error ?? 'no result'));
        else resolve(m.result);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(
      JSON.stringify({
        autocannon: require.resolve('autocannon'),
        url,
        token,
        bodies,
        connections,
        duration,
      }),
    );
  });
}

/**
 * Request bodies. Batch mode models backflushes: each body is one product family's 500
 * (item, site) pairs in random order, so two batches of different families run side by side
 * while two of the same family queue on its FIFO heads (as they must); with
 * BENCH_BATCH_SHARED=true every body draws from all pairs, so every two batches overlap.
 */
function requestBodies(w: World, mode: LedgerBenchMode): string[] {
  const pairs = targets(w, mode);
  if (mode === 'batch') {
    const shuffle = <T>(xs: T[]) =>
      xs
        .map((x) => [Math.random(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    return Array.from({ length: 64 }, (_, b) => {
      const family = b % BATCH_FAMILIES;
      const source = BATCH_SHARED
        ? shuffle(pairs).slice(0, BATCH_LINES)
        : shuffle(
            pairs.slice(family * BATCH_LINES, (family + 1) * BATCH_LINES),
          );
      return JSON.stringify({
        lines: source.map((p) => ({
          locationCode: p.site.code,
          itemCode: p.item.code,
          qty: '1',
        })),
      });
    });
  }
  return pairs.map((p, i) =>
    JSON.stringify({
      locationCode: p.site.code,
      itemCode: p.item.code,
      qty: mode === 'hot' ? '1' : ['1', '2', '0.5', '3'][i % 4],
      reference: `bench-${i}`,
    }),
  );
}

/**
 * The same work as POST /consumptions, as plain SQL statements in one transaction per journal
 * (the ceiling QUALITY.md compares against): FIFO lock, balance update, price, period check,
 * journal, postings (one statement: the zero-sum trigger sees the journal), title transfer.
 */
async function plainSqlConsumption(
  c: Client,
  w: World,
  site: string,
  item: string,
  qty: string,
): Promise<void> {
  await c.query('BEGIN');
  try {
    let need = Number(qty) * 1000; // thousandths: qty ≤ 3 decimals in this bench
    const allocations: Array<{
      id: string;
      owner: string;
      take: string;
      after: string;
      version: string;
    }> = [];
    let last = '0';
    while (need > 0) {
      const { rows } = await c.query(
        `SELECT id, owner_org_id, qty FROM balances WHERE tenant_id = $1 AND item_id = $2 AND location_id = $3 AND location_kind = 'SITE'
            AND qty > 0 AND id > $4 ORDER BY id LIMIT 1 FOR NO KEY UPDATE`,
        [w.tenant, item, site, last],
      );
      const b = rows[0] as
        | { id: string; owner_org_id: string; qty: string }
        | undefined;
      if (!b) throw new Error('out of stock');
      const have = Math.round(Number(b.qty) * 1000);
      const take = Math.min(have, need);
      const takeText = (take / 1000).toFixed(3);
      const upd = await c.query(
        `UPDATE balances SET qty = qty - $2, version = version + 1 WHERE tenant_id = $1 AND id = $3 RETURNING qty, version`,
        [w.tenant, takeText, b.id],
      );
      const u = upd.rows[0] as { qty: string; version: string };
      allocations.push({
        id: b.id,
        owner: b.owner_org_id,
        take: takeText,
        after: u.qty,
        version: u.version,
      });
      need -= take;
      last = b.id;
    }
    const owners = [...new Set(allocations.map((a) => a.owner))].sort();
    for (const o of owners) {
      await c.query(
        `SELECT pg_advisory_xact_lock_shared(ledger_period_lock_key($1, $2))`,
        [w.tenant, o],
      );
      const closed = await c.query(
        `SELECT 1 FROM closed_periods WHERE tenant_id = $1 AND supplier_org_id = $2 AND period_from <= current_date AND period_to >= current_date`,
        [w.tenant, o],
      );
      if (closed.rowCount) throw new Error('closed');
    }
    const prices = await c.query(
      `SELECT DISTINCT ON (supplier_org_id) supplier_org_id, id, unit_price, currency FROM price_list_entries
        WHERE tenant_id = $1 AND item_id = $2 AND supplier_org_id = ANY($3::uuid[]) AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())
        ORDER BY supplier_org_id, valid_from DESC`,
      [w.tenant, item, owners],
    );
    const price = new Map(
      (prices.rows as PriceRow[]).map((r) => [r.supplier_org_id, r]),
    );
    const journal = randomUUID();
    await c.query(
      `INSERT INTO journals (tenant_id, id, type, effective_date, created_by, supplier_org_ids) VALUES ($1, $2, 'CONSUMPTION', current_date, $3, $4)`,
      [w.tenant, journal, w.warehouseUser, owners],
    );
    await c.query(
      `INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, location_id, owner_org_id, supplier_org_id, balance_id, layer_id, qty, balance_after, account_version)
       SELECT $1, $2, $3, k.kind, $4, CASE WHEN k.site THEN a.owner ELSE $1 END, a.owner, CASE WHEN k.site THEN a.id END, a.id,
              CASE WHEN k.site THEN -a.take ELSE a.take END, CASE WHEN k.site THEN a.after END, CASE WHEN k.site THEN a.ver END
         FROM unnest($5::bigint[], $6::uuid[], $7::numeric[], $8::numeric[], $9::bigint[]) WITH ORDINALITY a(id, owner, take, after, ver, n)
        CROSS JOIN (VALUES ('SITE', true), ('CONSUMED', false)) k(kind, site) ORDER BY a.n, k.site DESC`,
      [
        w.tenant,
        journal,
        item,
        site,
        allocations.map((a) => a.id),
        allocations.map((a) => a.owner),
        allocations.map((a) => a.take),
        allocations.map((a) => a.after),
        allocations.map((a) => a.version),
      ],
    );
    await c.query(
      `INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price, currency, amount, price_entry_id, effective_date, transferred_at)
       SELECT $1, $2, a.owner, $3, $4, a.id, a.take, a.price, a.cur, round(a.take * a.price, 2), a.pe, current_date, clock_timestamp()
         FROM unnest($5::bigint[], $6::uuid[], $7::numeric[], $8::numeric[], $9::text[], $10::uuid[]) a(id, owner, take, price, cur, pe)`,
      [
        w.tenant,
        journal,
        item,
        site,
        allocations.map((a) => a.id),
        allocations.map((a) => a.owner),
        allocations.map((a) => a.take),
        allocations.map((a) => (price.get(a.owner) as PriceRow).unit_price),
        allocations.map((a) => (price.get(a.owner) as PriceRow).currency),
        allocations.map((a) => (price.get(a.owner) as PriceRow).id),
      ],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

async function sqlLoop(
  url: string,
  seconds: number,
  work: (c: Client) => Promise<void>,
): Promise<{ perSecond: number; errors: number; p99: number }> {
  const clients = await Promise.all(
    Array.from({ length: SQL_CLIENTS }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const latencies: number[] = [];
  const started = Date.now();
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < until) {
        const t0 = performance.now();
        try {
          await work(c);
          done++;
          latencies.push(performance.now() - t0);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code !== '40P01' && code !== '40001') errors++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  return {
    perSecond: done / elapsed,
    errors,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

export async function runLedgerBench(mode: LedgerBenchMode): Promise<boolean> {
  const label = mode === 'ledger' ? 'ledger' : `ledger-${mode}`;
  console.log(`${label}: fresh database, migrations, seed ...`);
  const db = await freshDatabase('ledger');
  await runMigrations(db.url);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const w = await seed(pool, mode);
  const stockLayers = (
    await pool.query(
      `SELECT count(*)::int AS n FROM balances WHERE location_kind = 'SITE'`,
    )
  ).rows[0].n as number;
  console.log(
    `  ${w.items.length} items × ${w.sites.length} sites × ${w.owners.length} owners; ${stockLayers} receipt layers with stock`,
  );

  const secret = randomBytes(48).toString('base64url');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    PORTAL_DIR: 'none',
    DEMO_DATA: 'false',
  });
  const app = await createApp(config, db.url);
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const token = (user: string, roles: string[]) =>
    new JwtService().sign(
      {
        sub: user,
        email: `${roles[0]}@bench`,
        org: w.tenant,
        orgType: 'BUYER',
        roles,
      },
      {
        secret,
        algorithm: 'HS256',
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        expiresIn: 3600,
      },
    );
  const wh = token(w.warehouseUser, ['WAREHOUSE']);
  const fin = token(w.financeUser, ['FINANCE']);
  const path =
    mode === 'batch' ? '/api/v1/consumptions/batch' : '/api/v1/consumptions';
  const bodies = requestBodies(w, mode);
  const url = `http://127.0.0.1:${port}${path}`;
  const connections = mode === 'batch' ? BATCH_CONNECTIONS : CONNECTIONS;
  console.log(
    `  API on :${port} (Fastify, pool ${config.dbPoolSize}); warm-up ...`,
  );
  await load(url, wh, bodies, 3, connections);

  const http: LoadResult[] = [];
  const plain: Array<{ perSecond: number; errors: number; p99: number }> = [];
  const fn: Array<{ perSecond: number; errors: number; p99: number }> = [];
  const pairs = targets(w, mode);
  const pickPair = () =>
    pairs[Math.floor(Math.random() * pairs.length)] as (typeof pairs)[0];
  for (let run = 1; run <= RUNS; run++) {
    const r = await load(url, wh, bodies, DURATION, connections);
    http.push(r);
    const perSec = (r.ok * (mode === 'batch' ? BATCH_LINES : 1)) / r.seconds;
    console.log(
      `  run ${run}: HTTP ${fmt(perSec)} ${mode === 'batch' ? 'lines' : 'consumptions'}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts} ${JSON.stringify(r.statusCodes)}`,
    );
    if (mode !== 'batch') {
      const p = await sqlLoop(db.url, SQL_DURATION, (c) => {
        const t = pickPair();
        return plainSqlConsumption(c, w, t.site.id, t.item.id, '1');
      });
      plain.push(p);
      const f = await sqlLoop(db.url, SQL_DURATION, async (c) => {
        const t = pickPair();
        await c.query('BEGIN');
        try {
          await c.query(
            `SELECT * FROM ledger_consume($1, $2, $3, 1, NULL, NULL, $4, NULL)`,
            [w.tenant, t.site.code, t.item.code, w.warehouseUser],
          );
          await c.query('COMMIT');
        } catch (e) {
          await c.query('ROLLBACK');
          throw e;
        }
      });
      fn.push(f);
      console.log(
        `         plain-SQL ceiling ${fmt(p.perSecond)}/s (p99 ${fmt(p.p99, 1)} ms, errors ${p.errors}); posting-function ceiling ${fmt(f.perSecond)}/s (p99 ${fmt(f.p99, 1)} ms, errors ${f.errors})`,
      );
    }
  }

  const verifyStarted = performance.now();
  const verify = await fetch(`http://127.0.0.1:${port}/api/v1/ledger/verify`, {
    headers: { authorization: `Bearer ${fin}` },
  });
  const verifyBody = (await verify.json()) as {
    balanced: boolean;
    journalsChecked: number;
    accountsChecked: number;
    postingsChecked: number;
    mismatches: unknown[];
  };
  const verifyMs = performance.now() - verifyStarted;

  await app.close();
  await pool.end();
  await db.stop();

  const units = mode === 'batch' ? BATCH_LINES : 1;
  const httpRate = median(http.map((r) => (r.ok * units) / r.seconds));
  const p99 = median(http.map((r) => r.p99));
  const errors = http.reduce((s, r) => s + r.errors + r.timeouts, 0);
  const non2xx = http.reduce((s, r) => s + r.non2xx, 0);
  const server5xx = http.reduce(
    (s, r) =>
      s +
      Object.entries(r.statusCodes)
        .filter(([k]) => k.startsWith('5'))
        .reduce((a, [, v]) => a + v, 0),
    0,
  );
  console.log(
    `\n${label} — medians of ${RUNS} run(s), ${DURATION} s each, ${connections} connections:`,
  );
  console.log(
    `  HTTP throughput      ${fmt(httpRate)} ${mode === 'batch' ? 'lines' : 'consumptions'}/s`,
  );
  console.log(`  HTTP p99             ${p99} ms`);
  console.log(
    `  errors               ${errors} (non-2xx ${non2xx}, 5xx ${server5xx})`,
  );
  console.log(
    `  verify               balanced=${verifyBody.balanced} (${verifyBody.journalsChecked} journals, ${verifyBody.accountsChecked} accounts, ${verifyBody.postingsChecked} postings, ${fmt(verifyMs)} ms)`,
  );
  const checks: Array<[string, boolean]> = [];
  if (mode === 'batch') {
    checks.push(['≥ 10,000 lines/s', httpRate >= 10_000]);
    checks.push(['zero errors', errors === 0 && non2xx === 0]);
  } else {
    const plainRate = median(plain.map((p) => p.perSecond));
    const fnRate = median(fn.map((p) => p.perSecond));
    const ratio = httpRate / plainRate;
    console.log(
      `  plain-SQL ceiling    ${fmt(plainRate)} journals/s (8 clients) → ratio ${fmt(ratio * 100, 1)} %`,
    );
    console.log(
      `  function ceiling     ${fmt(fnRate)} journals/s (8 clients) → ratio ${fmt((httpRate / fnRate) * 100, 1)} %`,
    );
    if (mode === 'hot') {
      checks.push(['≥ 60 % of the plain-SQL hot-row ceiling', ratio >= 0.6]);
      checks.push(['no 5xx', server5xx === 0 && errors === 0]);
    } else {
      checks.push(['≥ 1,500 consumptions/s', httpRate >= 1500]);
      checks.push(['≥ 50 % of the plain-SQL ceiling', ratio >= 0.5]);
      checks.push(['p99 ≤ 50 ms', p99 <= 50]);
      checks.push(['zero errors', errors === 0 && non2xx === 0]);
    }
  }
  checks.push(['/ledger/verify balanced', verifyBody.balanced === true]);
  for (const [name, ok] of checks)
    console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return checks.every(([, ok]) => ok);
}

if (require.main === module) {
  const arg = process.argv[2];
  const mode: LedgerBenchMode =
    arg === 'hot' || arg === 'batch' ? arg : 'ledger';
  runLedgerBench(mode).then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
