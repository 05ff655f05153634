import type { AppConfig } from '../../config/app-config';

/** The aging-clause job's settings, read from the configuration's environment (never process.env). */
export interface AgingClauseSettings {
  /** Milliseconds between scheduled runs; 0 = no schedule (runs only through POST /jobs/aging-clause/run). */
  intervalMs: number;
  /** Layers per transaction. */
  batchSize: number;
}

export const AGING_CLAUSE_SETTINGS = Symbol('AGING_CLAUSE_SETTINGS');

function int(raw: string | undefined, def: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === '') return def;
  const n = /^\d+$/.test(raw) ? parseInt(raw, 10) : NaN;
  if (!(n >= min && n <= max)) throw new Error(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  return n;
}

/**
 * AGING_CLAUSE_INTERVAL_MS (default 1 hour; 0 in tests unless set: suites run the job by hand),
 * AGING_CLAUSE_BATCH (default 5000 layers per transaction).
 */
export function agingClauseSettingsFrom(config: AppConfig): AgingClauseSettings {
  return {
    intervalMs: int(config.env['AGING_CLAUSE_INTERVAL_MS'], config.nodeEnv === 'test' ? 0 : 3_600_000, 0, 7 * 86_400_000, 'AGING_CLAUSE_INTERVAL_MS'),
    batchSize: int(config.env['AGING_CLAUSE_BATCH'], 5000, 1, 100_000, 'AGING_CLAUSE_BATCH'),
  };
}
