import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UploadLimits, uploadLimitsFromEnv } from './parsing';

/**
 * How uploads are processed, read once at boot from the environment (the parsing limits
 * `UPLOAD_MAX_*` come from `uploadLimitsFromEnv`). A value that is not a whole number stops
 * the boot rather than silently falling back.
 */
export interface SupplierInventorySettings {
  limits: UploadLimits;
  /** A file larger than this is answered 202 and processed in the background. */
  asyncThresholdBytes: number;
  /** … and so is a file estimated to hold more data rows than this. */
  asyncThresholdRows: number;
  /** Whether this instance runs the background upload worker. */
  workerEnabled: boolean;
  /** How often the worker looks for queued or abandoned uploads. */
  pollMs: number;
  /** A claimed job's lease; renewed every third of it while the job runs. */
  leaseSeconds: number;
  /** After this many claims a job that never finished is marked FAILED. */
  maxAttempts: number;
  /** Where uploaded files are spooled while being read (DATA_DIR/uploads). */
  spoolDir: string;
  /** Identifies this process in job leases. */
  instanceId: string;
}

export const SUPPLIER_INVENTORY_SETTINGS = Symbol('SUPPLIER_INVENTORY_SETTINGS');

type Env = Readonly<Record<string, string | undefined>>;

function whole(env: Env, name: string, def: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return Number(raw);
}

function flag(env: Env, name: string, def: boolean): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return def;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function supplierInventorySettingsFromEnv(dataDir: string, env: Env): SupplierInventorySettings {
  return {
    limits: uploadLimitsFromEnv(env),
    asyncThresholdBytes: whole(env, 'UPLOAD_ASYNC_THRESHOLD_BYTES', 5 * 1024 * 1024, 0),
    asyncThresholdRows: whole(env, 'UPLOAD_ASYNC_THRESHOLD_ROWS', 20_000, 0),
    workerEnabled: flag(env, 'UPLOAD_WORKER', true),
    pollMs: whole(env, 'UPLOAD_JOB_POLL_MS', 2000, 50),
    leaseSeconds: whole(env, 'UPLOAD_JOB_LEASE_SECONDS', 60, 1),
    maxAttempts: whole(env, 'UPLOAD_JOB_MAX_ATTEMPTS', 3, 1),
    spoolDir: join(dataDir, 'uploads'),
    instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
}
