import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { adminQuery, STATE_ENV, withDatabase, type TestDbState } from './test-db';

declare global {
  var __SB_EMBEDDED__: EmbeddedDatabase | undefined;
}

/**
 * Once per jest run: a PostgreSQL server (TEST_DATABASE_URL, else an embedded one in a temp
 * dir), and a template database with every migration applied. Suites clone the template.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env['TEST_DATABASE_URL'];
  let embeddedDir: string | null = null;
  if (!adminUrl) {
    embeddedDir = mkdtempSync(join(tmpdir(), 'sb-test-pg-'));
    const pg = await startEmbeddedPostgres({ dir: embeddedDir, database: 'postgres' });
    globalThis.__SB_EMBEDDED__ = pg;
    adminUrl = pg.url;
  }
  const templateDb = `sb_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${templateDb}"`);
  await runMigrations(withDatabase(adminUrl, templateDb));
  const state: TestDbState = { adminUrl, templateDb, embeddedDir };
  process.env[STATE_ENV] = JSON.stringify(state);
}
