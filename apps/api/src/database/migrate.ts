import { DataSource } from 'typeorm';
// Relative on purpose: jest's globalSetup (which migrates the test template) does not resolve
// tsconfig path aliases, and this one import must work there too.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../../migrations';

/** An arbitrary constant: the advisory lock that serialises migration runs across instances. */
const MIGRATION_LOCK = 7_261_001;

/**
 * Applies pending migrations under an advisory lock, so several API instances starting at
 * once migrate exactly once. Returns the names of the migrations applied.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTableName: 'migrations', extra: { max: 2 } });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}
