import { Client } from 'pg';

/** Where the test PostgreSQL lives, shared from jest's globalSetup with every worker via env. */
export interface TestDbState {
  /** URL of a maintenance database on the test server (for CREATE/DROP DATABASE). */
  adminUrl: string;
  /** The migrated template each suite's database is copied from. */
  templateDb: string;
  /** Process id of the embedded server's owner (null when TEST_DATABASE_URL was used). */
  embeddedDir: string | null;
}

export const STATE_ENV = 'SB_TEST_DB_STATE';

export function readState(): TestDbState {
  const raw = process.env[STATE_ENV];
  if (!raw) throw new Error('Test database not prepared: run API tests through jest (globalSetup)');
  return JSON.parse(raw) as TestDbState;
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

let counter = 0;
/** A fresh database cloned from the migrated template (fast: a file copy, no migrations). */
export async function createSuiteDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const state = readState();
  const name = `sb_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await adminQuery(state.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${state.templateDb}"`);
  return {
    name,
    url: withDatabase(state.adminUrl, name),
    drop: () => adminQuery(state.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
