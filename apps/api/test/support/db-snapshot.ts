import { WarningEngine } from '../../src/modules/warnings/warning-engine';
import type { TestApp } from './test-app';

/**
 * Waits until the warnings outbox is empty and no worker is still committing a batch (a
 * claimed batch stays visible until its transaction commits), so a snapshot taken next does
 * not catch background work caused by an earlier request.
 */
export async function settleWarnings(t: TestApp): Promise<void> {
  const engine = t.app.get(WarningEngine);
  for (;;) {
    await engine.drain();
    const { rows } = await t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM warning_outbox`);
    if (rows[0]?.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every base table of the public schema (new tables are picked up without a change here). */
export async function publicTables(t: TestApp): Promise<string[]> {
  const { rows } = await t.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * A digest of the whole database, one entry per table: its row count and an md5 of its rows
 * in a stable order. Two equal snapshots mean nothing was written, not even an UPDATE that
 * keeps the row count.
 */
export async function databaseSnapshot(t: TestApp, exclude: readonly string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await publicTables(t)) {
    if (exclude.includes(table)) continue;
    const { rows } = await t.sql.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS digest FROM "${table}" x`,
    );
    out[table] = `${rows[0]?.n}:${rows[0]?.digest ?? '-'}`;
  }
  return out;
}

/** Row counts of the named tables (the "nothing written" check of a single request). */
export async function rowCounts(t: TestApp, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = await t.count(table);
  return out;
}

/** The tables whose snapshot differs (for a readable failure message). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
