import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the API reads from the environment, validated once at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Absent → an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | null;
  dbPoolSize: number;
  /** Milliseconds a query may run before it is cancelled (slow database → 503, not a hang). */
  dbStatementTimeoutMs: number;
  dataDir: string;
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  adminEmail: string;
  adminPassword: string | null;
  demoData: boolean;
  logLevel: string;
  /** Directory with the built portal (index.html); null → the API serves no portal. */
  portalDir: string | null;
  corsOrigins: string[];
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /**
   * The environment this configuration was read from. Modules with settings of their own
   * (uploads) read them here, never from process.env, so a test or a second instance in one
   * process configures them like everything else.
   */
  env: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
    return def;
  }
  const n = parseInt(raw, 10);
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

function boolVar(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return def;
}

/**
 * The dev JWT secret lives in `.data/jwt-secret` so tokens survive restarts without the user
 * configuring anything; production must set JWT_SECRET explicitly.
 */
function devSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Reads and validates the configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env['NODE_ENV'] ?? 'development';
  const nodeEnv = (['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as AppConfig['nodeEnv'];
  const dataDir = resolve(env['DATA_DIR'] ?? '.data');

  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  let secret = env['JWT_SECRET'] ?? '';
  if (!secret) {
    if (nodeEnv === 'production') problems.push('JWT_SECRET is required in production (at least 32 bytes)');
    else secret = devSecret(dataDir);
  }
  if (secret && Buffer.byteLength(secret, 'utf8') < 32) problems.push('JWT_SECRET must be at least 32 bytes long');

  const adminEmail = env['ADMIN_EMAIL'] ?? 'admin@stockbridge.local';
  if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push(`ADMIN_EMAIL is not an e-mail address ("${adminEmail}")`);
  const adminPassword = env['ADMIN_PASSWORD'] || null;
  if (adminPassword !== null && adminPassword.length < 8) problems.push('ADMIN_PASSWORD must be at least 8 characters');

  const portalDirRaw = env['PORTAL_DIR'] ?? 'dist/apps/portal/browser';
  const portalDir = portalDirRaw === '' || portalDirRaw === 'none' ? null : resolve(portalDirRaw);

  const config: AppConfig = {
    nodeEnv,
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    host: env['HOST'] ?? '0.0.0.0',
    databaseUrl,
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10, 1, 200, problems),
    dbStatementTimeoutMs: intVar(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 100, 600000, problems),
    dataDir,
    jwt: {
      secret,
      issuer: env['JWT_ISSUER'] ?? 'stockbridge',
      audience: env['JWT_AUDIENCE'] ?? 'stockbridge-api',
      ttlSeconds: intVar(env, 'JWT_TTL_SECONDS', 1800, 60, 86400, problems),
    },
    adminEmail,
    adminPassword,
    demoData: boolVar(env, 'DEMO_DATA', true, problems),
    // Quiet by default on a developer's console (the start banner says what matters); set
    // LOG_LEVEL=info for request logs (JSON lines with the correlation id).
    logLevel: env['LOG_LEVEL'] ?? (nodeEnv === 'test' ? 'silent' : nodeEnv === 'production' ? 'info' : 'warn'),
    portalDir,
    corsOrigins: (env['CORS_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimitBytes: intVar(env, 'BODY_LIMIT_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024, problems),
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000, problems),
    loginWindowSeconds: intVar(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400, problems),
    env: Object.freeze({ ...env }),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
