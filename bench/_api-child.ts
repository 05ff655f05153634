/**
 * The API in a child process, for benches that judge the API's own memory (QUALITY.md's RSS
 * bars): `startApiChild()` forks this file (same node, `--expose-gc`, swc-node), which runs
 * `createApp` on the bench database, listens on a free port and samples its own memory every
 * 10 ms. The parent asks `reset()` before a request (a full GC, then a new baseline and peak
 * from now) and `peak()` after it (the highest RSS since, and what the heap held at that
 * moment). The bench process's own memory (its client, its compiler, its seed data) is then
 * not in the figure. Not a bench itself: scripts/bench.mjs skips files starting with `_`.
 *
 * The child runs with the heap cap production runs with (API_HEAP_FLAGS, the same as the
 * Dockerfile's NODE_OPTIONS and `npm start`): without it V8 lets the old generation grow to
 * about four times the live heap before a full GC, and a 1,000,000-line export peaked at
 * ≈ 350 MB of RSS for ≈ 70 MB live (bench/README.md).
 *
 * Environment read by the parent side: BENCH_API_NODE_ARGS (node flags for the child,
 * space-separated; they REPLACE the heap cap, `BENCH_API_NODE_ARGS=` runs V8's defaults), BENCH_API_PROF=<dir> (a CPU profile of the child), BENCH_TRACE=1 (the
 * child prints its memory every second to stderr).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';
import { freePort } from '../apps/api/src/database/embedded-postgres';

const MB = 1024 * 1024;

/** What production runs the API with (Dockerfile ENV NODE_OPTIONS, package.json `start`). */
export const API_HEAP_FLAGS = '--max-old-space-size=256';

/** Memory of the API child, in bytes. */
export interface ApiMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface ApiPeak {
  /** RSS right after the reset's full GC. */
  baseline: number;
  /** The highest RSS sampled since the reset (every 10 ms, and once more when asked). */
  peak: number;
  /** process.memoryUsage() at the sample that set the peak. */
  atPeak: ApiMemory;
  /** The highest heapUsed / heapTotal sampled since the reset (not necessarily at the RSS peak). */
  maxHeapUsed: number;
  maxHeapTotal: number;
}

export interface ApiChild {
  port: number;
  pool: number;
  /** The child's V8 flags beyond --expose-gc (for the bench's output). */
  flags: string;
  child: ChildProcess;
  /** A full GC in the child, then a new baseline and peak from now. */
  reset(): Promise<{ baseline: number; memory: ApiMemory }>;
  /** The peak since the last reset. */
  peak(): Promise<ApiPeak>;
  stop(): Promise<void>;
}

/** Sends a command to the API child and waits for its answer (fails if the child exits first). */
function ask<T>(child: ChildProcess, cmd: string, send = true): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      child.off('message', on);
      child.off('exit', exited);
    };
    const on = (m: { cmd: string }) => {
      if (m.cmd !== cmd) return;
      cleanup();
      resolve(m as T);
    };
    const exited = (code: number | null) => {
      cleanup();
      reject(new Error(`the API child exited (code ${code}) while waiting for '${cmd}'`));
    };
    child.on('message', on);
    child.once('exit', exited);
    if (send) child.send({ cmd });
  });
}

/**
 * Forks the API child on `dbUrl`. `env` is added to this process's environment for the child
 * (JWT_SECRET, module settings …); `execArgv` to its node flags (after BENCH_API_NODE_ARGS).
 */
export async function startApiChild(dbUrl: string, opts: { env?: Record<string, string>; execArgv?: string[] } = {}): Promise<ApiChild> {
  const flags = [...(process.env['BENCH_API_NODE_ARGS'] ?? API_HEAP_FLAGS).split(' ').filter(Boolean), ...(opts.execArgv ?? [])];
  const child = fork(join(__dirname, '_api-child.ts'), ['serve'], {
    execArgv: [
      '--expose-gc',
      '-r',
      '@swc-node/register',
      ...(process.env['BENCH_API_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_API_PROF']}`] : []),
      ...flags,
    ],
    env: { ...process.env, ...opts.env, BENCH_DB_URL: dbUrl },
  });
  const ready = await ask<{ port: number; pool: number }>(child, 'ready', false);
  return {
    port: ready.port,
    pool: ready.pool,
    flags: flags.join(' ') || '(V8 defaults)',
    child,
    reset: () => ask(child, 'reset'),
    peak: () => ask(child, 'peak'),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'stop' });
      await exited;
    },
  };
}

const memory = (): ApiMemory => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
};

/** The child: createApp on BENCH_DB_URL, listen on a free port, answer reset / peak / stop. */
async function serve(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const env = process.env;
  const config = loadConfig({ ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORTAL_DIR: 'none', DEMO_DATA: 'false' });
  const app = await createApp(config, env['BENCH_DB_URL'] as string);
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  let baseline = process.memoryUsage.rss();
  let atPeak = memory();
  let maxHeapUsed = atPeak.heapUsed;
  let maxHeapTotal = atPeak.heapTotal;
  const sample = () => {
    const m = memory();
    if (m.rss > atPeak.rss) atPeak = m;
    if (m.heapUsed > maxHeapUsed) maxHeapUsed = m.heapUsed;
    if (m.heapTotal > maxHeapTotal) maxHeapTotal = m.heapTotal;
    return m;
  };
  let ticks = 0;
  setInterval(() => {
    const m = sample();
    if (env['BENCH_TRACE'] && ++ticks % 100 === 0) {
      console.error(
        `  [api] rss ${Math.round(m.rss / MB)} heapUsed ${Math.round(m.heapUsed / MB)} heapTotal ${Math.round(m.heapTotal / MB)} ` +
          `external ${Math.round(m.external / MB)} arrayBuffers ${Math.round(m.arrayBuffers / MB)} MB`,
      );
    }
  }, 10).unref();
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'reset') {
      gc();
      setTimeout(() => {
        gc();
        atPeak = memory();
        baseline = atPeak.rss;
        maxHeapUsed = atPeak.heapUsed;
        maxHeapTotal = atPeak.heapTotal;
        process.send?.({ cmd: 'reset', baseline, memory: atPeak });
      }, 200);
    } else if (m.cmd === 'peak') {
      sample();
      const report: ApiPeak = { baseline, peak: atPeak.rss, atPeak, maxHeapUsed, maxHeapTotal };
      process.send?.({ cmd: 'peak', ...report });
    } else if (m.cmd === 'stop') {
      void app.close().then(() => process.exit(0));
    }
  });
  process.send?.({ cmd: 'ready', port, pool: config.dbPoolSize });
}

if (require.main === module && process.argv[2] === 'serve') {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
