/**
 * Read benchmark (QUALITY.md `read`): GET /warnings and GET /stock with 10,000 items × 5 sites,
 * 50 connections, realistic filters and paging. Bar: p99 ≤ 50 ms for each.
 *
 *   npm run bench:read
 *   SWC_NODE_PROJECT=tsconfig.base.json LOG_LEVEL=warn node -r @swc-node/register bench/read.ts
 *
 * Environment: BENCH_ITEMS (default 10,000), BENCH_SITES (default 5), BENCH_RUNS (default 3,
 * medians reported), BENCH_DURATION (seconds per phase, default 20), BENCH_CONNECTIONS (50),
 * DATABASE_URL (a server to create a fresh database on; default an embedded PostgreSQL).
 *
 * Flow: fresh database → migrations → the warnings bench's seed (one receipt layer of 100 and a
 * policy per (site, item)) → the API in-process (createApp, Fastify, pool 10, LOG_LEVEL=warn, a
 * free port) → one bulk policy change raising LOW_WATER on three items in four (YELLOW, ORANGE,
 * RED), drained by the API's own worker, and a few acknowledged → the request mixes below, each
 * request drawing one URL at random → per run: GET /health (the platform on this machine at
 * this moment, for scale), then each mix for BENCH_DURATION seconds with autocannon in a child
 * process.
 *
 * GET /warnings mix: the inbox's first page; OPEN / RED; one site; one site and severity; one
 * item; ACKNOWLEDGED; and pages 2, 10 and 40 of the inbox (cursors taken beforehand).
 * GET /stock mix: the first page; one site; one item; one site and item; one supplier; and pages
 * 2, 20 and 100 of one site (cursors taken beforehand). Page sizes 25, 50 and 100.
 */
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { freePort } from '../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../apps/api/src/database/migrate';
import { freshDatabase } from './_support';
import { fmt, median, RAISE_SQL, seedWarningsWorld, startApi, type WarningsWorld } from './warnings';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 10_000);
const SITES = Number(process.env['BENCH_SITES'] ?? 5);
const DURATION = Number(process.env['BENCH_DURATION'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const BAR_P99_MS = 50;

interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  seconds: number;
  rps: number;
}

// autocannon runs in its own process (the API keeps this process's event loop to itself).
const LOADER = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const { autocannon: path, base, token, paths, connections, duration } = JSON.parse(input);
  const autocannon = require(path);
  autocannon({
    url: base, connections, duration, timeout: 10,
    headers: token ? { authorization: 'Bearer ' + token } : {},
    requests: [{ setupRequest: (req) => { req.path = paths[(Math.random() * paths.length) | 0]; return req; } }],
  }, (err, r) => {
    if (err) { process.stdout.write(JSON.stringify({ error: String(err) })); return; }
    process.stdout.write(JSON.stringify({ result: {
      ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, p50: r.latency.p50, p99: r.latency.p99,
      seconds: r.duration, rps: r.requests.average,
    } }));
  });
});`;

function load(base: string, token: string | null, paths: string[], duration: number, connections: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOADER], { stdio: ['pipe', 'pipe', 'inherit'] });
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
    child.stdin.end(JSON.stringify({ autocannon: require.resolve('autocannon'), base, token, paths, connections, duration }));
  });
}

async function main(): Promise<boolean> {
  console.log(`read: fresh database, migrations, seed ${fmt(ITEMS)} items × ${SITES} sites ...`);
  const db = await freshDatabase('read');
  await runMigrations(db.url);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const w = await seedWarningsWorld(pool, ITEMS, SITES);
  const { app, config, secret } = await startApi(db.url);
  try {
    return await measure(pool, w, app, config, secret);
  } finally {
    // In-flight requests of the last load (autocannon stops without waiting for them) finish first.
    await new Promise((r) => setTimeout(r, 1000));
    await app.close();
    await pool.end();
    await db.stop();
  }
}

async function measure(
  pool: Pool,
  w: WarningsWorld,
  app: Awaited<ReturnType<typeof startApi>>['app'],
  config: Awaited<ReturnType<typeof startApi>>['config'],
  secret: string,
): Promise<boolean> {
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;

  // Warnings: three items in four go below min (the API's worker raises them), a few acknowledged.
  const raiseStart = Date.now();
  await pool.query(RAISE_SQL, [w.tenant]);
  while ((await pool.query(`SELECT 1 FROM warning_outbox ORDER BY id DESC LIMIT 1`)).rowCount === 1) await new Promise((r) => setTimeout(r, 100));
  await pool.query(
    `UPDATE warnings SET status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = $2
      WHERE tenant_id = $1 AND id IN (SELECT id FROM warnings WHERE tenant_id = $1 AND status = 'OPEN' ORDER BY id LIMIT 500)`,
    [w.tenant, w.plannerUser],
  );
  await pool.query('VACUUM ANALYZE');
  const counts = (await pool.query(`SELECT status, count(*)::int AS n FROM warnings GROUP BY status ORDER BY status`)).rows;
  const balances = (await pool.query(`SELECT count(*)::int AS n FROM balances`)).rows[0].n as number;
  console.log(`  ${fmt(ITEMS * SITES)} policies, ${fmt(balances)} balance rows; warnings ${JSON.stringify(counts)} (raised in ${fmt((Date.now() - raiseStart) / 1000, 1)} s)`);

  const token = new JwtService().sign(
    { sub: w.plannerUser, email: 'planner@bench', org: w.tenant, orgType: 'BUYER', roles: ['PLANNER'] },
    { secret, algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: 3600 },
  );
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as { items: unknown[]; nextCursor: string | null };
  };
  /** The cursor of page `n` (1-based) of `path`. */
  const cursorOf = async (path: string, n: number) => {
    let cursor: string | null = null;
    for (let i = 1; i < n; i++) {
      const page = await get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = page.nextCursor;
      if (!cursor) throw new Error(`${path} has fewer than ${n} pages`);
    }
    return cursor as string;
  };
  const item = (n: number) => `IT-${String(n).padStart(6, '0')}`;
  const site = (n: number) => `VMI-${n}`;
  const rnd = (n: number) => 1 + ((Math.random() * n) | 0);

  const warningPaths = [
    '/api/v1/warnings?limit=50',
    '/api/v1/warnings?status=OPEN&severity=RED&limit=50',
    `/api/v1/warnings?locationCode=${site(2)}&limit=50`,
    `/api/v1/warnings?locationCode=${site(SITES)}&severity=ORANGE&limit=25`,
    '/api/v1/warnings?status=ACKNOWLEDGED&limit=50',
    '/api/v1/warnings?kind=LOW_WATER&status=OPEN&limit=100',
    ...Array.from({ length: 20 }, () => `/api/v1/warnings?itemCode=${item(rnd(ITEMS))}`),
    `/api/v1/warnings?limit=50&cursor=${await cursorOf('/api/v1/warnings?limit=50', 2)}`,
    `/api/v1/warnings?limit=50&cursor=${await cursorOf('/api/v1/warnings?limit=50', 10)}`,
    `/api/v1/warnings?limit=50&cursor=${await cursorOf('/api/v1/warnings?limit=50', 40)}`,
  ];
  const stockSite = `/api/v1/stock?locationCode=${site(3)}&limit=50`;
  const stockPaths = [
    '/api/v1/stock?limit=50',
    `/api/v1/stock?locationCode=${site(1)}&limit=100`,
    `/api/v1/stock?ownerOrgId=${w.supplier}&limit=50`,
    ...Array.from({ length: 10 }, () => `/api/v1/stock?itemCode=${item(rnd(ITEMS))}`),
    ...Array.from({ length: 10 }, () => `/api/v1/stock?locationCode=${site(rnd(SITES))}&itemCode=${item(rnd(ITEMS))}`),
    `${stockSite}&cursor=${await cursorOf(stockSite, 2)}`,
    `${stockSite}&cursor=${await cursorOf(stockSite, 20)}`,
    `${stockSite}&cursor=${await cursorOf(stockSite, Math.min(100, Math.floor(ITEMS / 50)))}`,
  ];
  // Every URL answers 200 before the load starts.
  for (const p of [...warningPaths, ...stockPaths]) await get(p);

  // One connection, one request at a time: what each URL costs without queueing (informational).
  const sequential = async (paths: string[]) => {
    const costs: Array<[string, number]> = [];
    for (const p of new Set(paths.map((x) => x.replace(/itemCode=IT-\d+/, 'itemCode=IT-…')))) {
      const real = paths.find((x) => x.replace(/itemCode=IT-\d+/, 'itemCode=IT-…') === p) as string;
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await get(real);
        times.push(performance.now() - t0);
      }
      costs.push([p.replace(/cursor=[^&]+/, 'cursor=…').replace('/api/v1', ''), median(times)]);
    }
    return costs.sort((a, b) => b[1] - a[1]);
  };
  for (const [name, paths] of [['GET /warnings', warningPaths], ['GET /stock', stockPaths]] as const) {
    const costs = await sequential(paths);
    console.log(`  ${name}, one request at a time (median of 15): ${costs.map(([p, ms]) => `${p} ${fmt(ms, 1)} ms`).join('; ')}`);
  }

  console.log(`  API on :${port} (Fastify, pool ${config.dbPoolSize}); warm-up ...`);
  await load(base, token, warningPaths, 3, CONNECTIONS);
  await load(base, token, stockPaths, 3, CONNECTIONS);

  const health: LoadResult[] = [];
  const warnings: LoadResult[] = [];
  const stock: LoadResult[] = [];
  const line = (name: string, r: LoadResult) =>
    `${name} ${fmt(r.ok / r.seconds)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}`;
  for (let run = 1; run <= RUNS; run++) {
    const h = await load(base, null, ['/api/v1/health'], Math.min(DURATION, 5), CONNECTIONS);
    health.push(h);
    const wr = await load(base, token, warningPaths, DURATION, CONNECTIONS);
    warnings.push(wr);
    const sr = await load(base, token, stockPaths, DURATION, CONNECTIONS);
    stock.push(sr);
    console.log(`  run ${run}: ${line('GET /health  ', h)}`);
    console.log(`         ${line('GET /warnings', wr)}`);
    console.log(`         ${line('GET /stock   ', sr)}`);
  }

  const summary = (rs: LoadResult[]) => ({
    rps: median(rs.map((r) => r.ok / r.seconds)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    bad: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
  });
  const h = summary(health);
  const wr = summary(warnings);
  const sr = summary(stock);
  console.log(`\nread — medians of ${RUNS} run(s), ${DURATION} s each, ${CONNECTIONS} connections, ${fmt(ITEMS)} items × ${SITES} sites:`);
  console.log(`  GET /health    ${fmt(h.rps)} req/s, p50 ${h.p50} ms, p99 ${h.p99} ms (the platform here, now)`);
  console.log(`  GET /warnings  ${fmt(wr.rps)} req/s, p50 ${wr.p50} ms, p99 ${wr.p99} ms vs bar ${BAR_P99_MS} ms → ${fmt(wr.p99 / BAR_P99_MS, 2)}×`);
  console.log(`  GET /stock     ${fmt(sr.rps)} req/s, p50 ${sr.p50} ms, p99 ${sr.p99} ms vs bar ${BAR_P99_MS} ms → ${fmt(sr.p99 / BAR_P99_MS, 2)}×`);
  const checks: Array<[string, boolean]> = [
    ['GET /warnings p99 ≤ 50 ms', wr.p99 <= BAR_P99_MS],
    ['GET /stock p99 ≤ 50 ms', sr.p99 <= BAR_P99_MS],
    ['zero errors and non-2xx', wr.bad === 0 && sr.bad === 0],
  ];
  for (const [name, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return checks.every(([, ok]) => ok);
}

if (require.main === module) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
