/**
 * Stockbridge API + portal on one port. Without DATABASE_URL an embedded PostgreSQL is
 * started under DATA_DIR (default .data/), migrations run, the platform admin and (unless
 * DEMO_DATA=false) the demo world are created. Ctrl-C stops everything cleanly.
 */
import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { SeedService } from './seed/seed.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    console.log(`Starting embedded PostgreSQL under ${config.dataDir}/pg ...`);
    embedded = await startEmbeddedPostgres({ dir: config.dataDir, database: 'stockbridge', port: parseInt(process.env['EMBEDDED_PG_PORT'] ?? '54329', 10) });
    url = embedded.url;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Stockbridge ...`);
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const applied = await runMigrations(url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const app = await createApp(config, url);
  const seed = app.get(SeedService);
  const generated = await seed.ensureAdmin(config.adminEmail, config.adminPassword);
  if (config.demoData && (await seed.seedDemo())) console.log('Seeded demo data (see README for the logins).');
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  console.log(`\nStockbridge is up:\n  portal   ${base}/\n  API      ${base}/api/v1\n  OpenAPI  ${base}/api/docs\n`);
  if (generated) {
    console.log(`Platform admin created: ${config.adminEmail} / ${generated}\n  (shown once; set ADMIN_PASSWORD to choose it)\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
