import { join } from 'node:path';
import { UploadLimits, uploadLimitsFromEnv } from '../supplier-inventory/parsing';

/**
 * The demand import's settings, read once at boot: the same `UPLOAD_MAX_*` limits as the
 * supplier upload (docs/uploads.md) and the same spool directory (DATA_DIR/uploads).
 */
export interface DemandsSettings {
  limits: UploadLimits;
  spoolDir: string;
}

export const DEMANDS_SETTINGS = Symbol('DEMANDS_SETTINGS');

export function demandsSettingsFromEnv(dataDir: string, env: Readonly<Record<string, string | undefined>>): DemandsSettings {
  return { limits: uploadLimitsFromEnv(env), spoolDir: join(dataDir, 'uploads') };
}
