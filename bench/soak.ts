/**
 * Soak (issue 7): mixed traffic at a steady rate against the real API process for
 * SOAK_SECONDS (default 600 = 10 minutes) on loopback — reads (GET /stock, /warnings,
 * /ledger/journals), consumptions, supplier uploads, statement creation and exports — and
 * prints throughput, p50/p99 per kind, the error count and the API's RSS over time.
 *
 *   npm run bench:soak                     (10 minutes: never while others use the machine)
 *   SOAK_SECONDS=60 npm run bench:soak     (a short run)
 *
 * Bars: zero errors (any non-2xx, any transport error), the API's RSS at the end no more than
 * 10 % above its RSS once the heap has settled under the load (after a third of the run, at
 * most 2 minutes), GET /ledger/verify balanced afterwards. Exits non-zero when one is missed.
 *
 * Environment: SOAK_SECONDS, SOAK_READS_PER_S (default 40), SOAK_CONSUMPTIONS_PER_S (20),
 * SOAK_UPLOAD_EVERY_S (10; 1,000-row CSV, DELTA), SOAK_EXPORT_EVERY_S (15; xlsx and csv in
 * turn), SOAK_STATEMENT_EVERY_S (60), DATABASE_URL (a server to create a fresh database on;
 * default an embedded PostgreSQL in a temp dir).
 *
 * The API runs as `apps/api/src/main.ts` in a child process (LOG_LEVEL=warn, pool 10,
 * `--max-old-space-size=256` unless SOAK_API_NODE_ARGS says otherwise), so its RSS (read from
 * /proc) is the API's alone. Requests are issued on a fixed schedule whether
 * or not earlier ones have answered (an open-loop load: a slow API shows as latency and
 * in-flight requests, not as a lower offered rate); at most 256 may be in flight.
 */
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { freePort } from '../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../apps/api/src/database/migrate';
import { freshDatabase } from './_support';

const num = (name: string, def: number) => Number(process.env[name] ?? def);
const SECONDS = num('SOAK_SECONDS', 600);
const READS_PER_S = num('SOAK_READS_PER_S', 40);
const CONSUMPTIONS_PER_S = num('SOAK_CONSUMPTIONS_PER_S', 20);
const UPLOAD_EVERY_S = num('SOAK_UPLOAD_EVERY_S', 10);
const EXPORT_EVERY_S = num('SOAK_EXPORT_EVERY_S', 15);
const STATEMENT_EVERY_S = num('SOAK_STATEMENT_EVERY_S', 60);
const MAX_IN_FLIGHT = 256;
const ITEMS = 200;
const SITES = 2;
const UPLOAD_ROWS = 1000;
const RSS_GROWTH_BAR = 0.1;
const SECRET = 'soak-bench-secret-that-is-at-least-32-bytes-long';
const ROOT = join(__dirname, '..');

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seeded {
  tenant: string;
  supplier: string;
  tokens: { warehouse: string; planner: string; finance: string; supplier: string };
  items: string[];
}

async function seed(pool: Pool): Promise<Seeded> {
  const q = async <T = Record<string, string>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const [buyer] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('SOAK-BUYER', 'Soak buyer', 'BUYER') RETURNING id`);
  const [sup] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('SOAK-S1', 'Soak supplier', 'SUPPLIER') RETURNING id`);
  const tenant = (buyer as { id: string }).id;
  const supplier = (sup as { id: string }).id;
  await q(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [tenant, supplier]);
  const sites = await q<{ id: string }>(`INSERT INTO locations (tenant_id, code, name, type) SELECT $1, 'VMI-' || n, 'site ' || n, 'VMI' FROM generate_series(1, $2) n RETURNING id`, [tenant, SITES]);
  const items = await q<{ id: string; code: string }>(
    `INSERT INTO items (tenant_id, code, description, uom, decimals) SELECT $1, 'IT-' || lpad(n::text, 4, '0'), 'item ' || n, 'PCS', 0 FROM generate_series(1, $2) n RETURNING id, code`,
    [tenant, ITEMS],
  );
  await q(
    `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
     SELECT $1, $2, i.id, 'SKU-' || i.code, 1.25, 'EUR', 7, now() - interval '30 days' FROM items i WHERE i.tenant_id = $1`,
    [tenant, supplier],
  );
  // Policies on 20 items × 2 sites, 15 % under min: YELLOW warnings re-graded (through the
  // outbox) with every consumption of those items.
  await q(
    `INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty)
     SELECT $1, l.id, i.id, 117650, 130000 FROM locations l CROSS JOIN items i WHERE l.tenant_id = $1 AND i.tenant_id = $1 AND i.code < 'IT-0021'`,
    [tenant],
  );
  for (const site of sites) {
    const args = [tenant, supplier, site.id, items.map((i) => i.id), items.map(() => '100000'), items.map(() => randomUUID()), items.map(() => 'LOT-0'), items.map(() => null)];
    await q(`SELECT ledger_post_chain('SHIPMENT', $1, $2, $3, $4::uuid[], $5::numeric[], $6::uuid[], $7::text[], $8::date[], NULL, NULL, 'soak', NULL, NULL)`, args);
    await q(`SELECT ledger_post_chain('RECEIPT', $1, $2, $3, $4::uuid[], $5::numeric[], $6::uuid[], $7::text[], $8::date[], NULL, NULL, 'soak', gen_random_uuid(), now() - interval '10 days')`, args);
  }
  const user = async (org: string, email: string, role: string, orgType: string) => {
    const [u] = await q<{ id: string }>(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, $2, 'x', $3) RETURNING id`, [org, email, [role]]);
    return new JwtService().sign(
      { sub: (u as { id: string }).id, email, org, orgType, roles: [role] },
      { secret: SECRET, algorithm: 'HS256', issuer: 'stockbridge', audience: 'stockbridge-api', expiresIn: 86400 },
    );
  };
  const tokens = {
    warehouse: await user(tenant, 'wh@soak', 'WAREHOUSE', 'BUYER'),
    planner: await user(tenant, 'planner@soak', 'PLANNER', 'BUYER'),
    finance: await user(tenant, 'fin@soak', 'FINANCE', 'BUYER'),
    supplier: await user(supplier, 'sup@soak', 'SUPPLIER_ADMIN', 'SUPPLIER'),
  };
  await pool.query('VACUUM ANALYZE');
  return { tenant, supplier, tokens, items: items.map((i) => i.code) };
}

/** main.ts in a child process; resolves once it says it is up. */
async function startApi(url: string, port: number): Promise<ChildProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-soak-api-'));
  // V8 grows the old generation lazily: uncapped, RSS climbs for minutes although the heap
  // live after a full GC stays flat (≈ 70 MB here). The cap is the production setting
  // docs/scaling.md recommends (NODE_OPTIONS); SOAK_API_NODE_ARGS replaces it.
  const extra = (process.env['SOAK_API_NODE_ARGS'] ?? '--max-old-space-size=256').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      JWT_TTL_SECONDS: '86400',
      ADMIN_PASSWORD: 'soak-admin-password',
      DEMO_DATA: 'false',
      PORTAL_DIR: 'none',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DB_POOL_SIZE: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let out = '';
  await new Promise<void>((ok, fail) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Stockbridge is up')) ok();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`API exited (${code}):\n${out}`)));
  });
  child.stderr?.on('data', (b: Buffer) => process.stderr.write(`[api] ${b}`));
  return child;
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

type Kind = 'read' | 'consume' | 'upload' | 'export' | 'statement';

async function main(): Promise<void> {
  const db = await freshDatabase('soak');
  const pool = new Pool({ connectionString: db.url, max: 2 });
  let api: ChildProcess | null = null;
  try {
    await runMigrations(db.url);
    const s = await seed(pool);
    const port = await freePort();
    api = await startApi(db.url, port);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    const latencies: Record<Kind, number[]> = { read: [], consume: [], upload: [], export: [], statement: [] };
    const errors: Record<Kind, number> = { read: 0, consume: 0, upload: 0, export: 0, statement: 0 };
    const errorSamples: string[] = [];
    let inFlight = 0;
    let dropped = 0;
    let statementId: string | null = null;

    const fire = (kind: Kind, send: () => Promise<Response>) => {
      if (inFlight >= MAX_IN_FLIGHT) {
        dropped++;
        return;
      }
      inFlight++;
      const t0 = performance.now();
      void send()
        .then(async (res) => {
          // Read the whole body (exports stream): the latency is the full answer.
          const body = await res.arrayBuffer();
          latencies[kind].push(performance.now() - t0);
          if (!res.ok) {
            errors[kind]++;
            if (errorSamples.length < 10) errorSamples.push(`${kind} ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
          } else if (kind === 'statement') {
            statementId = (JSON.parse(Buffer.from(body).toString('utf8')) as { id: string }).id;
          }
        })
        .catch((e: Error) => {
          errors[kind]++;
          if (errorSamples.length < 10) errorSamples.push(`${kind} ${e.message}`);
        })
        .finally(() => inFlight--);
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
    const site = () => `VMI-${1 + Math.floor(Math.random() * SITES)}`;
    const reads = [
      () => fetch(`${base}/stock?limit=50&locationCode=${site()}`, { headers: auth(s.tokens.planner) }),
      () => fetch(`${base}/warnings?limit=50`, { headers: auth(s.tokens.planner) }),
      () => fetch(`${base}/ledger/journals?limit=20`, { headers: auth(s.tokens.finance) }),
      () => fetch(`${base}/supplier-inventory?limit=50`, { headers: auth(s.tokens.planner) }),
    ];
    let uploadNo = 0;
    const uploadFile = () => {
      const n = uploadNo++;
      const lines = ['site_code,item_code,available_qty'];
      for (let i = 0; i < UPLOAD_ROWS; i++) lines.push(`SOAK-WH-${Math.floor(i / s.items.length)},${s.items[i % s.items.length]},${(n * 7 + i) % 1000}`);
      // Distinct (site, item) keys: 5 sites × 200 items = 1,000 rows.
      const form = new FormData();
      form.append('file', new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), `soak-${n}.csv`);
      return fetch(`${base}/supplier-inventory/uploads?buyerOrgId=${s.tenant}&mode=DELTA`, { method: 'POST', headers: auth(s.tokens.supplier), body: form });
    };
    const today = new Date().toISOString().slice(0, 10);
    const createStatement = () =>
      fetch(`${base}/statements`, {
        method: 'POST',
        headers: { ...auth(s.tokens.finance), 'content-type': 'application/json' },
        body: JSON.stringify({ supplierOrgId: s.supplier, periodFrom: '2020-01-01', periodTo: today }),
      });
    let exportNo = 0;

    // Warm-up, not counted: JIT, pools, caches.
    fire('statement', createStatement);
    for (let i = 0; i < 50; i++) {
      await (await reads[i % reads.length]!()).arrayBuffer();
    }
    while (inFlight) await sleep(10);
    for (const k of Object.keys(latencies) as Kind[]) latencies[k] = [];

    console.log(
      `Soak: ${SECONDS} s; per second ${READS_PER_S} reads, ${CONSUMPTIONS_PER_S} consumptions; an upload (${UPLOAD_ROWS} rows) every ${UPLOAD_EVERY_S} s, ` +
        `an export every ${EXPORT_EVERY_S} s, a new statement every ${STATEMENT_EVERY_S} s; API pid ${api.pid}`,
    );
    const rss: Array<{ at: number; mb: number }> = [{ at: 0, mb: rssMb(api.pid as number) }];
    const sampleEvery = Math.max(5, Math.round(SECONDS / 10));
    const started = performance.now();
    const due = { read: 0, consume: 0, upload: 0, export: 0, statement: 0 };
    let lastPrint = 0;
    const TICK_MS = 10;
    for (;;) {
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= SECONDS) break;
      // Open loop: everything the schedule says is due by now is sent now.
      while (due.read < elapsed * READS_PER_S) {
        due.read++;
        fire('read', pick(reads));
      }
      while (due.consume < elapsed * CONSUMPTIONS_PER_S) {
        due.consume++;
        fire('consume', () =>
          fetch(`${base}/consumptions`, {
            method: 'POST',
            headers: { ...auth(s.tokens.warehouse), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ locationCode: site(), itemCode: pick(s.items), qty: '1', supplierOrgId: s.supplier, reference: `SOAK-${due.consume}` }),
          }),
        );
      }
      while (due.upload < elapsed / UPLOAD_EVERY_S) {
        due.upload++;
        fire('upload', uploadFile);
      }
      while (due.statement < elapsed / STATEMENT_EVERY_S) {
        due.statement++;
        fire('statement', createStatement);
      }
      while (due.export < elapsed / EXPORT_EVERY_S) {
        due.export++;
        const id = statementId;
        if (id) fire('export', () => fetch(`${base}/statements/${id}/export?format=${exportNo++ % 2 ? 'csv' : 'xlsx'}`, { headers: auth(s.tokens.finance) }));
      }
      if (elapsed - lastPrint >= sampleEvery) {
        lastPrint = elapsed;
        const mb = rssMb(api.pid as number);
        rss.push({ at: Math.round(elapsed), mb });
        const done = Object.values(latencies).reduce((n, l) => n + l.length, 0);
        const errs = Object.values(errors).reduce((n, e) => n + e, 0);
        console.log(`  t=${fmt(elapsed)} s  RSS ${fmt(mb)} MB  answered ${fmt(done)}  errors ${errs}  in flight ${inFlight}`);
      }
      await sleep(TICK_MS);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    while (inFlight) await sleep(20);
    rss.push({ at: Math.round(wallSeconds), mb: rssMb(api.pid as number) });

    const verify = await (await fetch(`${base}/ledger/verify`, { headers: auth(s.tokens.finance) })).json();
    const total = Object.values(latencies).reduce((n, l) => n + l.length, 0);
    const errorCount = Object.values(errors).reduce((n, e) => n + e, 0) + dropped;
    console.log('\n| kind | answered | per s | p50 ms | p99 ms | max ms | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const k of Object.keys(latencies) as Kind[]) {
      const l = latencies[k];
      console.log(`| ${k} | ${fmt(l.length)} | ${fmt(l.length / wallSeconds, 1)} | ${fmt(pct(l, 50), 1)} | ${fmt(pct(l, 99), 1)} | ${fmt(Math.max(0, ...l), 0)} | ${errors[k]} |`);
    }
    const all = Object.values(latencies).flat();
    console.log(`| all | ${fmt(total)} | ${fmt(total / wallSeconds, 1)} | ${fmt(pct(all, 50), 1)} | ${fmt(pct(all, 99), 1)} | ${fmt(Math.max(0, ...all), 0)} | ${errorCount} |`);
    if (dropped) console.log(`(${dropped} requests not sent: ${MAX_IN_FLIGHT} already in flight)`);
    for (const e of errorSamples) console.log(`  error: ${e}`);
    console.log(`\nAPI RSS over time (MB): ${rss.map((r) => `${r.at}s ${fmt(r.mb)}`).join(', ')}`);
    // Baseline: once the heap has settled under the load (a third of the run, at most 2 minutes).
    const baseline = rss.find((r) => r.at >= Math.min(120, SECONDS / 3)) ?? rss[1] ?? rss[0];
    const end = rss[rss.length - 1] as { mb: number };
    const growth = end.mb / (baseline as { mb: number }).mb - 1;
    console.log(`RSS growth from ${fmt((baseline as { mb: number }).mb)} MB (t=${(baseline as { at: number }).at} s) to ${fmt(end.mb)} MB at the end: ${fmt(growth * 100, 1)} %`);
    console.log(`ledger verify: ${verify.balanced ? 'balanced' : 'NOT balanced'}, ${fmt(verify.journalsChecked ?? 0)} journals`);
    const bars = [
      [`zero errors`, errorCount === 0],
      [`RSS growth ≤ ${RSS_GROWTH_BAR * 100} %`, growth <= RSS_GROWTH_BAR],
      ['verify balanced', verify.balanced === true],
    ] as const;
    console.log(`bars: ${bars.map(([n, ok]) => `${n} ${ok ? '✔' : '✘'}`).join('; ')}`);
    if (bars.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api?.once('exit', r));
    }
    await pool.end();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
