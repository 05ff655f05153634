/**
 * What every bench needs (not a bench itself: scripts/bench.mjs skips files starting with `_`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';

/**
 * A fresh, empty database named `sb_bench_<label>_…`: on DATABASE_URL's server when set, else
 * on an embedded PostgreSQL in a temp dir. `stop()` drops it (or stops and removes the server).
 */
export async function freshDatabase(label: string): Promise<{ url: string; stop(): Promise<void> }> {
  const external = process.env['DATABASE_URL'];
  const name = `sb_bench_${label}_${Date.now().toString(36)}`;
  if (external) {
    const admin = new Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      async stop() {
        const c = new Client({ connectionString: external });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `sb-bench-${label}-pg-`));
  const pg = await startEmbeddedPostgres({ dir, database: name });
  return {
    url: pg.url,
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
