import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import request from 'supertest';
import type { Role, OrgType } from '@stockbridge/shared';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { hashPassword } from '../../src/modules/auth/password';
import { createSuiteDatabase } from './test-db';

export const TEST_PASSWORD = 'correct-horse-battery';
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';

export interface TestUser {
  id: string;
  email: string;
  orgId: string | null;
  orgType: OrgType | null;
  roles: Role[];
  token: string;
}

/** One suite's running API on its own database, plus helpers to make orgs, users and tokens. */
export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Direct SQL on the suite's database (assertions, "nothing written" checks). */
  sql: Pool;
  /** supertest against the in-process server, path relative to `/api/v1`. */
  http(): request.Agent;
  api(method: 'get' | 'post' | 'put' | 'delete' | 'patch', path: string, user?: TestUser | null): request.Test;
  createOrg(type: OrgType, code?: string): Promise<{ id: string; code: string }>;
  createUser(orgId: string | null, orgType: OrgType | null, roles: Role[], email?: string): Promise<TestUser>;
  tokenFor(user: Omit<TestUser, 'token'>, overrides?: Record<string, unknown>): string;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

let hashCache: Promise<string> | null = null;
let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createSuiteDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    PORTAL_DIR: 'none',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '6',
    ...env,
  });
  const app = await createApp(config, db.url);
  const sql = new Pool({ connectionString: db.url, max: 3 });
  const jwt = new JwtService();
  hashCache ??= hashPassword(TEST_PASSWORD);
  const server = app.getHttpServer();

  const tokenFor = (u: Omit<TestUser, 'token'>, overrides: Record<string, unknown> = {}) =>
    jwt.sign(
      { sub: u.id, email: u.email, org: u.orgId, orgType: u.orgType, roles: u.roles, ...overrides },
      { secret: config.jwt.secret, algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: 600 },
    );

  const t: TestApp = {
    app,
    config,
    sql,
    http: () => request.agent(server),
    api(method, path, user) {
      const req = request(server)[method](`/api/v1${path}`);
      if (user) req.set('Authorization', `Bearer ${user.token}`);
      return req;
    },
    async createOrg(type, code) {
      const c = code ?? `${type === 'BUYER' ? 'B' : 'S'}-${unique()}`;
      const { rows } = await sql.query(`INSERT INTO organizations (code, name, type) VALUES ($1, $2, $3) RETURNING id`, [c, `${c} name`, type]);
      return { id: rows[0].id as string, code: c };
    },
    async createUser(orgId, orgType, roles, email) {
      const e = email ?? `u-${unique()}@test.example`;
      const { rows } = await sql.query(`INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
        orgId,
        e,
        await hashCache,
        roles,
      ]);
      const u = { id: rows[0].id as string, email: e, orgId, orgType, roles };
      return { ...u, token: tokenFor(u) };
    },
    tokenFor,
    async count(table) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${table.replace(/[^a-z_]/g, '')}`);
      return rows[0].n as number;
    },
    async close() {
      await app.close();
      await sql.end();
      await db.drop();
    },
  };
  return t;
}
