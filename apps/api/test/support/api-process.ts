import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';
import { TEST_JWT_SECRET } from './test-app';

const ROOT = resolve(__dirname, '../../../..');

/** The real API (`apps/api/src/main.ts`: migrations, seed, listen) in a child process. */
export interface ApiProcess {
  child: ChildProcess;
  base: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful), resolved once the process is gone. */
  stop(): Promise<void>;
  alive(): boolean;
}

export const ADMIN_PASSWORD_FOR_TESTS = 'fault-test-admin-pw';

/**
 * Starts `main.ts` (through @swc-node/register, as the crash tests of the upload do: the same
 * code the build bundles) against `databaseUrl`, resolved when it prints that it is up.
 */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}, opts: { port?: number } = {}): Promise<ApiProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-api-proc-'));
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_PASSWORD: ADMIN_PASSWORD_FOR_TESTS,
      DEMO_DATA: 'false',
      PORTAL_DIR: 'none',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (b: Buffer) => {
    out += b.toString();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  await new Promise<void>((ok, fail) => {
    const check = () => {
      if (out.includes('Stockbridge is up')) {
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        ok();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => fail(new Error(`API process exited (${code}) before it was up:\n${out}`)));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = async (sig: NodeJS.Signals) => {
    if (!alive()) return;
    child.kill(sig);
    await exited;
  };
  return { child, base: `http://127.0.0.1:${port}`, port, output: () => out, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), alive };
}

/** Polls until `probe` is true (bounded by the test's timeout; tests never assert on time). */
export async function until(probe: () => Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await probe())) await new Promise((r) => setTimeout(r, everyMs));
}
