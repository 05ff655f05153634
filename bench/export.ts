/**
 * Statement export benchmark (QUALITY.md `export`): a 1,000,000-line statement exported as
 * .xlsx through the API against a bare exceljs streaming write of the same rows in the same
 * run (same sheet splitting, same header block and column styles): ratio ≤ 1.3×, RSS flat
 * (peak ≤ 300 MB). The CSV export is timed too (against a bare CSV write of the same text).
 *
 *   npm run bench -- export
 *   node -r @swc-node/register bench/export.ts        (SWC_NODE_PROJECT=tsconfig.base.json)
 *
 * Environment: BENCH_LINES (default 1,000,000), BENCH_RUNS (default 3; medians reported),
 * DATABASE_URL (a server to create a fresh database on; default an embedded PostgreSQL in a
 * temp dir).
 *
 * Flow: fresh database → migrations → seed in SQL (1,000 journals and BENCH_LINES title
 * transfers by generate_series, every 100th a reversal, a few formula-like and Chinese
 * references) → the API in a child process (bench/_api-child.ts, shared with the upload
 * bench: createApp, a free port) → POST /statements (the snapshot of every transfer, timed) and
 * POST …/issue → per run, each phase after a GC: bare exceljs write → GET …/export?format=xlsx
 * → GET …/export?format=csv → bare CSV write. The API phases: this process drains the
 * response (to nowhere) while the API child samples its own memory every 10 ms and reports the
 * peak of each export (the RSS bar is the API's, not this process's: here sit the swc-node
 * compiler and the HTTP client). The bare phases run in a fresh child process each (see barePhase): they
 * regenerate the seeded rows in JavaScript (checked against the API's lines before timing),
 * write them the way the API lays them out (yielding to the event loop every 10,000 rows, as
 * any streaming producer would) to a byte-counting sink, and report their time and RSS.
 */
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { neutraliseCell } from '@stockbridge/domain';
import { loadConfig } from '../apps/api/src/config/app-config';
import { runMigrations } from '../apps/api/src/database/migrate';
import { headerBlock, LINE_COLUMNS, LINES_PER_SHEET, TABLE_HEADER_ROW, type StatementExportHeader } from '../apps/api/src/modules/statements/export/statement-export';
import { startApiChild, type ApiChild } from './_api-child';
import { freshDatabase } from './_support';

const LINES = parseInt(process.env['BENCH_LINES'] ?? '1000000', 10);
/** Which phases run (comma list of bareXlsx, apiXlsx, apiCsv, bareCsv; default all): for profiling one. */
const PHASES = new Set((process.env['BENCH_PHASES'] ?? 'bareXlsx,apiXlsx,apiCsv,bareCsv').split(',').map((p) => p.trim()));
const RUNS = parseInt(process.env['BENCH_RUNS'] ?? '3', 10);
const RATIO_BAR = 1.3;
const RSS_BAR_MB = 300;
const JOURNALS = 1000;
const ITEMS = 200;
const PERIOD_FROM = '2026-01-01';
const PERIOD_TO = '2026-01-31';

const MB = 1024 * 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const gc = () => (globalThis as { gc?: () => void }).gc?.();


// ------------------------------------------------------------------ the seeded rows, twice

/** What line n of the statement is: the SQL seed and the bare writers derive it the same way. */
interface BenchLine {
  lineNo: number;
  journalId: string;
  day: string;
  type: 'CONSUMPTION' | 'REVERSAL';
  itemCode: string;
  sku: string;
  qty: string;
  price: string;
  amount: string;
  reference: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const uuidOfMd5 = (text: string) => {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const JOURNAL_IDS = Array.from({ length: JOURNALS }, (_, k) => uuidOfMd5(`bench-journal-${k}`));
/** Integer hundredths as a decimal with `scale` places; exact for the small integers used here. */
const hundredths = (c: number, scale: number) => {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${pad(a % 100, 2)}${'0'.repeat(scale - 2)}`;
};
const referenceOf = (n: number) => (n % 1000 === 7 ? `=HYPERLINK("http://x.example/${n}")` : n % 10 === 3 ? `螺栓 批次 ${n}` : `WO-${n}`);

function benchLine(n: number): BenchLine {
  const reversal = n % 100 === 0;
  const src = reversal ? n - 1 : n;
  const k = src % ITEMS;
  const qtyC = (src % 9700) + 1; // hundredths
  const priceC = 100 + k; // hundredths
  const amountC = Math.round((qtyC * priceC) / 100); // half-up: the product is never negative here
  const sign = reversal ? -1 : 1;
  return {
    lineNo: n,
    journalId: JOURNAL_IDS[n % JOURNALS] as string,
    day: `2026-01-${pad(1 + Math.floor(((n - 1) * 31) / LINES), 2)}`,
    type: reversal ? 'REVERSAL' : 'CONSUMPTION',
    itemCode: `ITEM-${pad(k, 4)}`,
    sku: `SKU-${pad(k, 4)}`,
    qty: hundredths(sign * qtyC, 6),
    price: hundredths(priceC, 6),
    amount: hundredths(sign * amountC, 2),
    reference: referenceOf(src),
  };
}

export async function seed(pool: Pool): Promise<{ tenant: string; supplier: string; financeUser: string }> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const [buyer] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-BUYER', 'Bench buyer 工厂', 'BUYER') RETURNING id`);
  const [supplier] = await q<{ id: string }>(`INSERT INTO organizations (code, name, type) VALUES ('BENCH-S1', 'Bench supplier', 'SUPPLIER') RETURNING id`);
  const tenant = (buyer as { id: string }).id;
  const s = (supplier as { id: string }).id;
  const [user] = await q<{ id: string }>(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, 'finance@bench', 'x', '{FINANCE}') RETURNING id`, [tenant]);
  await q(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [tenant, s]);
  const [loc] = await q<{ id: string }>(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'VMI-1', 'VMI 1', 'VMI') RETURNING id`, [tenant]);
  await q(
    `INSERT INTO items (tenant_id, code, description, uom, decimals)
     SELECT $1, 'ITEM-' || lpad(k::text, 4, '0'), 'bench item ' || k, 'PCS', 2 FROM generate_series(0, $2 - 1) k`,
    [tenant, ITEMS],
  );
  await q(
    `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
     SELECT i.tenant_id, $2, i.id, 'SKU-' || substr(i.code, 6), (100 + substr(i.code, 6)::int) / 100.0, 'EUR', 7, now() - interval '1 day'
       FROM items i WHERE i.tenant_id = $1`,
    [tenant, s],
  );
  await q(
    `INSERT INTO journals (tenant_id, id, type, effective_date, supplier_org_ids, reference)
     SELECT $1, md5('bench-journal-' || k)::uuid, 'CONSUMPTION', $3::date, ARRAY[$2::uuid], 'bench' FROM generate_series(0, $4 - 1) k`,
    [tenant, s, PERIOD_FROM, JOURNALS],
  );
  // Explicit ids (OVERRIDING SYSTEM VALUE) so that reversal n can name transfer n − 1.
  await q(
    `WITH it AS MATERIALIZED (
       SELECT substr(i.code, 6)::int AS k, i.id, pe.id AS pe_id FROM items i
         JOIN price_list_entries pe ON pe.tenant_id = i.tenant_id AND pe.item_id = i.id AND pe.valid_to IS NULL
        WHERE i.tenant_id = $1)
     INSERT INTO title_transfers (id, tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price, currency,
                                  amount, price_entry_id, effective_date, transferred_at, reference, reverses_transfer_id)
     OVERRIDING SYSTEM VALUE
     SELECT g.n, $1, md5('bench-journal-' || (g.n % $6))::uuid, $2, it.id, $3, 1,
            x.sign * v.qty, v.price, 'EUR', x.sign * round(v.qty * v.price, 2), it.pe_id,
            $4::date + ((g.n - 1) * 31 / $5)::int, now(),
            CASE WHEN x.src % 1000 = 7 THEN '=HYPERLINK("http://x.example/' || x.src || '")'
                 WHEN x.src % 10 = 3 THEN '螺栓 批次 ' || x.src ELSE 'WO-' || x.src END,
            CASE WHEN x.sign < 0 THEN g.n - 1 END
       FROM generate_series(1, $5::int) AS g(n)
      CROSS JOIN LATERAL (SELECT CASE WHEN g.n % 100 = 0 THEN g.n - 1 ELSE g.n END AS src,
                                 CASE WHEN g.n % 100 = 0 THEN -1 ELSE 1 END AS sign) x
      CROSS JOIN LATERAL (SELECT ((x.src % 9700) + 1) / 100.0 AS qty, (100 + x.src % ${ITEMS}) / 100.0 AS price) v
       JOIN it ON it.k = x.src % ${ITEMS}`,
    [tenant, s, (loc as { id: string }).id, PERIOD_FROM, LINES, JOURNALS],
  );
  await q(`ANALYZE`);
  return { tenant, supplier: s, financeUser: (user as { id: string }).id };
}

// ------------------------------------------------------------------ measuring

/** A sink that throws the bytes away and counts them (and the line ends, for CSV). */
class Sink extends Writable {
  bytes = 0;
  newlines = 0;
  constructor(private readonly countLines = false) {
    super({ highWaterMark: 64 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.bytes += chunk.length;
    if (this.countLines) for (const b of chunk) if (b === 10) this.newlines++;
    cb();
  }
}

interface Phase {
  ms: number;
  peakRssMb: number;
  baseRssMb: number;
  bytes: number;
  newlines: number;
  /** API phases: the child's heap at its RSS peak and its highest heapUsed (MB). */
  heap?: { usedAtPeak: number; totalAtPeak: number; externalAtPeak: number; maxUsed: number };
}

/** An API phase: the child's peak between a reset (full GC, baseline) and the response's end. */
async function measureApi(api: ApiChild, fn: () => Promise<{ bytes: number; newlines: number }>): Promise<Phase> {
  const { baseline } = await api.reset();
  const start = performance.now();
  const out = await fn();
  const ms = performance.now() - start;
  const p = await api.peak();
  return {
    ms,
    peakRssMb: p.peak / MB,
    baseRssMb: baseline / MB,
    ...out,
    heap: { usedAtPeak: p.atPeak.heapUsed / MB, totalAtPeak: p.atPeak.heapTotal / MB, externalAtPeak: p.atPeak.external / MB, maxUsed: p.maxHeapUsed / MB },
  };
}

async function measure(fn: () => Promise<{ bytes: number; newlines: number }>): Promise<Phase> {
  gc();
  await new Promise((r) => setTimeout(r, 200));
  gc();
  const base = process.memoryUsage.rss();
  let peak = base;
  let ticks = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    if (process.env['BENCH_TRACE'] && ++ticks % 40 === 0) {
      const m = process.memoryUsage();
      console.error(`  mem rss ${Math.round(m.rss / MB)} heapUsed ${Math.round(m.heapUsed / MB)} heapTotal ${Math.round(m.heapTotal / MB)} external ${Math.round(m.external / MB)} arrayBuffers ${Math.round(m.arrayBuffers / MB)}`);
    }
  }, 25);
  const start = performance.now();
  try {
    const out = await fn();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ms, peakRssMb: peak / MB, baseRssMb: base / MB, ...out };
  } finally {
    clearInterval(timer);
  }
}

function httpGet(port: number, path: string, token: string, countLines: boolean): Promise<{ bytes: number; newlines: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`GET ${path} → ${res.statusCode}`));
        res.resume();
        return;
      }
      const sink = new Sink(countLines);
      res.pipe(sink);
      sink.on('finish', () => resolve({ bytes: sink.bytes, newlines: sink.newlines }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function httpJson(port: number, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The bare ceiling: exceljs's WorkbookWriter writing the same rows, split, styled and laid out as the API does. */
async function bareXlsx(h: StatementExportHeader, lines = LINES): Promise<{ bytes: number; newlines: number }> {
  const sink = new Sink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheets = Math.max(1, Math.ceil(lines / LINES_PER_SHEET));
  const dates = new Map<string, Date>();
  let ws: ExcelJS.Worksheet | null = null;
  for (let n = 1; n <= lines; n++) {
    if ((n - 1) % LINES_PER_SHEET === 0) {
      ws?.commit();
      const index = (n - 1) / LINES_PER_SHEET + 1;
      ws = wb.addWorksheet(sheets === 1 ? 'Lines' : `Lines ${index}`, { views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: 0 }] });
      ws.columns = LINE_COLUMNS.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
      for (const [label, value] of headerBlock(h, { index, count: sheets })) ws.addRow([label, value]).commit();
      ws.addRow([]).commit();
      ws.addRow(LINE_COLUMNS.map((c) => c.header)).commit();
    }
    // Let the archiver compress while rows are produced, as any streaming producer would.
    if (n % 10_000 === 0) await new Promise((r) => setImmediate(r));
    const l = benchLine(n);
    let day = dates.get(l.day);
    if (!day) dates.set(l.day, (day = new Date(`${l.day}T00:00:00Z`)));
    (ws as ExcelJS.Worksheet)
      .addRow([n, l.journalId, day, l.type, l.itemCode, l.sku, 'VMI-1', +l.qty, +l.price, +l.amount, 'EUR', neutraliseCell(l.reference), null])
      .commit();
  }
  (ws as ExcelJS.Worksheet).addRow(['Total', null, null, null, null, null, null, null, null, +(h.totals[0]?.amount ?? '0'), 'EUR']).commit();
  (ws as ExcelJS.Worksheet).commit();
  wb.addWorksheet('Quantities').commit();
  await wb.commit();
  await new Promise<void>((r) => (sink.writableFinished ? r() : sink.on('finish', () => r())));
  return { bytes: sink.bytes, newlines: 0 };
}

/** The bare CSV ceiling: the same text, built per 10,000 lines, written with backpressure. */
async function bareCsv(): Promise<{ bytes: number; newlines: number }> {
  const sink = new Sink(true);
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  sink.write('\uFEFFheader\r\n');
  for (let from = 1; from <= LINES; from += 10_000) {
    let chunk = '';
    for (let n = from; n < Math.min(from + 10_000, LINES + 1); n++) {
      const l = benchLine(n);
      chunk += `${n},${l.journalId},${l.day},${l.type},${l.itemCode},${l.sku},VMI-1,${l.qty},${l.price},${l.amount},EUR,${q(neutraliseCell(l.reference))},\r\n`;
    }
    if (!sink.write(chunk)) await new Promise((r) => sink.once('drain', r));
  }
  await new Promise<void>((r) => sink.end(() => r()));
  return { bytes: sink.bytes, newlines: sink.newlines };
}

/**
 * Runs a bare phase in a fresh child process (same node, same flags): the bare exceljs write
 * has no backpressure and piles the archive's input up in memory (hundreds of MB for a
 * million rows), and a process whose heap once grew that far keeps its RSS and its GC
 * heuristics — the API phases measured after it in the same process would inherit both.
 */
function barePhase(kind: 'xlsx' | 'csv', h: StatementExportHeader): Promise<Phase> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', '@swc-node/register', __filename, `--bare-${kind}`], {
      env: { ...process.env, BENCH_LINES: String(LINES), BENCH_HEADER: JSON.stringify({ ...h, lines: undefined, openingQty: undefined, closingQty: undefined }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`bare ${kind} phase failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line) as Phase);
    });
  });
}

async function bareChild(kind: 'xlsx' | 'csv'): Promise<void> {
  const h = JSON.parse(process.env['BENCH_HEADER'] ?? '{}') as StatementExportHeader;
  // Load what the writes use before the baseline is taken, as the API process has.
  await bareXlsx({ ...h }, 1000);
  const phase = await measure(() => (kind === 'xlsx' ? bareXlsx(h) : bareCsv()));
  process.stdout.write(`${JSON.stringify(phase)}\n`);
}

async function main(): Promise<boolean> {
  console.log(`export bench: ${LINES.toLocaleString('en-US')} lines, ${RUNS} run(s), node ${process.version}, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed'}`);
  const db = await freshDatabase('export');
  let api: ApiChild | null = null;
  const interrupted = () => {
    void db.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await runMigrations(db.url);
    const pool = new Pool({ connectionString: db.url, max: 2 });
    let t = performance.now();
    const w = await seed(pool);
    console.log(`seeded ${LINES.toLocaleString('en-US')} title transfers in ${fmt((performance.now() - t) / 1000)} s`);
    await pool.end();

    const secret = randomBytes(32).toString('hex');
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', JWT_SECRET: secret, LOG_LEVEL: 'warn', PORTAL_DIR: 'none', DEMO_DATA: 'false' });
    api = await startApiChild(db.url, { env: { JWT_SECRET: secret } });
    const child = api;
    const port = api.port;
    const started = await api.reset();
    console.log(`API child on :${port} (pool ${api.pool}, node flags ${api.flags}), RSS ${fmt(started.baseline / MB, 0)} MB after start-up and a GC`);
    const token = new JwtService().sign(
      { sub: w.financeUser, email: 'finance@bench', org: w.tenant, orgType: 'BUYER', roles: ['FINANCE'] },
      { secret, algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: 7200 },
    );

    t = performance.now();
    const created = await httpJson(port, 'POST', '/api/v1/statements', token, { supplierOrgId: w.supplier, periodFrom: PERIOD_FROM, periodTo: PERIOD_TO });
    const createMs = performance.now() - t;
    if (created.status !== 201) throw new Error(`POST /statements → ${created.status} ${JSON.stringify(created.body)}`);
    const st = created.body as unknown as StatementExportHeader & { id: string; lines: Array<Record<string, unknown>>; lineCount: number };
    t = performance.now();
    const issued = await httpJson(port, 'POST', `/api/v1/statements/${st.id}/issue`, token);
    const issueMs = performance.now() - t;
    if (issued.status !== 200) throw new Error(`issue → ${issued.status} ${JSON.stringify(issued.body)}`);
    console.log(`POST /statements (snapshot + totals + content hash of ${st.lineCount.toLocaleString('en-US')} lines): ${fmt(createMs / 1000)} s; issue: ${fmt(issueMs / 1000, 2)} s`);
    if (st.lineCount !== LINES) throw new Error(`the statement has ${st.lineCount} lines, expected ${LINES}`);

    // The bare writers' rows are the API's rows: check the inline lines and a page further on.
    const tail = await httpJson(port, 'GET', `/api/v1/statements/${st.id}/lines?limit=200&cursor=${Buffer.from(JSON.stringify([LINES - 200])).toString('base64url')}`, token);
    const sample = [...st.lines, ...((tail.body['items'] as Array<Record<string, unknown>>) ?? [])];
    for (const l of sample) {
      const b = benchLine(l['lineNo'] as number);
      const api = [l['journalId'], l['effectiveAt'], l['journalType'], l['itemCode'], l['supplierSku'], l['qty'], l['unitPrice'], l['amount'], l['reference']];
      const bare = [b.journalId, b.day, b.type, b.itemCode, b.sku, b.qty, b.price, b.amount, b.reference];
      if (JSON.stringify(api) !== JSON.stringify(bare)) throw new Error(`line ${b.lineNo} differs: API ${JSON.stringify(api)} vs bare ${JSON.stringify(bare)}`);
    }
    console.log(`the bare rows equal the API's (${sample.length} lines compared)`);
    const header = issued.body as unknown as StatementExportHeader;

    // The API's RSS once the snapshot is taken, after a GC: what every export starts from.
    const startRss = (await api.reset()).baseline / MB;
    const results: Record<'bareXlsx' | 'apiXlsx' | 'apiCsv' | 'bareCsv', Phase[]> = { bareXlsx: [], apiXlsx: [], apiCsv: [], bareCsv: [] };
    for (let run = 1; run <= RUNS; run++) {
      const phases: Array<[keyof typeof results, string, () => Promise<Phase>]> = [
        ['bareXlsx', 'bare xlsx', () => barePhase('xlsx', header)],
        ['apiXlsx', 'API xlsx', () => measureApi(child, () => httpGet(port, `/api/v1/statements/${st.id}/export?format=xlsx`, token, false))],
        ['apiCsv', 'API csv', () => measureApi(child, () => httpGet(port, `/api/v1/statements/${st.id}/export?format=csv`, token, true))],
        ['bareCsv', 'bare csv', () => barePhase('csv', header)],
      ];
      const figures: string[] = [];
      for (const [key, name, run] of phases) {
        if (!PHASES.has(key)) continue;
        const p = await run();
        results[key].push(p);
        figures.push(
          `${name} ${fmt(p.ms / 1000, 2)} s, ${fmt(p.bytes / MB)} MB, RSS ${fmt(p.baseRssMb, 0)} → peak ${fmt(p.peakRssMb, 0)} MB` +
            (p.heap ? ` (heap at peak ${fmt(p.heap.usedAtPeak, 0)}/${fmt(p.heap.totalAtPeak, 0)} MB, external ${fmt(p.heap.externalAtPeak, 0)} MB, max heapUsed ${fmt(p.heap.maxUsed, 0)} MB)` : ''),
        );
        // A CSV of N lines has N + 9 header-block rows + blank + header + totals + blank + quantities header.
        if (key === 'apiCsv' && p.newlines !== LINES + 14) throw new Error(`the CSV export has ${p.newlines} line ends, expected ${LINES + 14}`);
      }
      console.log(`run ${run}: ${figures.join(' | ')}`);
    }

    if ([...Object.values(results)].some((r) => r.length === 0)) {
      console.log('(BENCH_PHASES left phases out: no summary)');
      return true;
    }
    const med = (k: keyof typeof results) => median(results[k].map((p) => p.ms));
    // Each run measures bare and API back to back; the median of those paired ratios is the
    // figure least moved by the load of a shared machine drifting between runs.
    const pairedRatio = median(results.apiXlsx.map((p, i) => p.ms / (results.bareXlsx[i] as Phase).ms));
    const peak = (k: keyof typeof results) => Math.max(...results[k].map((p) => p.peakRssMb));
    const growth = (k: keyof typeof results) => Math.max(...results[k].map((p) => p.peakRssMb - p.baseRssMb));
    const xlsxRatio = med('apiXlsx') / med('bareXlsx');
    const csvRatio = med('apiCsv') / med('bareCsv');
    const okRatio = xlsxRatio <= RATIO_BAR;
    const okRss = peak('apiXlsx') <= RSS_BAR_MB;
    console.log('\nmedians:');
    console.log(`  API process RSS before the exports ${fmt(startRss, 0)} MB (after a GC; the API child: the whole API and the swc-node compiler)`);
    console.log(`  bare exceljs write (ceiling) ${fmt(med('bareXlsx') / 1000, 2)} s   peak RSS ${fmt(peak('bareXlsx'), 0)} MB (+${fmt(growth('bareXlsx'), 0)} MB over the phase's start)`);
    console.log(`  API .xlsx export             ${fmt(med('apiXlsx') / 1000, 2)} s   peak RSS ${fmt(peak('apiXlsx'), 0)} MB (+${fmt(growth('apiXlsx'), 0)} MB)   (${fmt(LINES / (med('apiXlsx') / 1000), 0)} lines/s)`);
    console.log(`  ratio API / bare             ${fmt(xlsxRatio, 2)}× (medians)   ${fmt(pairedRatio, 2)}× (median of the per-run ratios)   bar ≤ ${RATIO_BAR}×   ${okRatio ? 'PASS' : 'FAIL'}`);
    console.log(
      `  API process RSS, xlsx export baseline ${fmt(Math.min(...results.apiXlsx.map((p) => p.baseRssMb)), 0)}–${fmt(Math.max(...results.apiXlsx.map((p) => p.baseRssMb)), 0)} MB → ` +
        `peak ${fmt(peak('apiXlsx'), 0)} MB (growth ≤ +${fmt(growth('apiXlsx'), 0)} MB)   bar ≤ ${RSS_BAR_MB} MB   ${okRss ? 'PASS' : 'FAIL'}`,
    );
    console.log(`  API .csv export              ${fmt(med('apiCsv') / 1000, 2)} s   peak RSS ${fmt(peak('apiCsv'), 0)} MB (+${fmt(growth('apiCsv'), 0)} MB)   (bare CSV ${fmt(med('bareCsv') / 1000, 2)} s, ratio ${fmt(csvRatio, 2)}×)`);
    console.log(`  snapshot POST /statements    ${fmt(createMs / 1000, 1)} s (once)`);
    return okRatio && okRss;
  } finally {
    await api?.stop();
    await db.stop();
  }
}

if (require.main === module && process.argv.some((a) => a.startsWith('--bare-'))) {
  bareChild(process.argv.includes('--bare-csv') ? 'csv' : 'xlsx').then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
