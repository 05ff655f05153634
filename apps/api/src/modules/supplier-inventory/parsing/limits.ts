/**
 * Upload limits (QUALITY.md "Security → Uploads"). Every limit is enforced before the work it
 * bounds: file size before reading, inflated size from the zip directory before inflating,
 * the sheet `<dimension>` before streaming rows, the row index while streaming.
 */
export interface UploadLimits {
  /** Size of the uploaded file on disk. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of all zip entries (xlsx). */
  maxInflatedBytes: number;
  /** Largest row number (as Excel shows it, header row included) a file may use. */
  maxRows: number;
  /** Largest column number (A = 1) a non-empty cell may use. */
  maxColumns: number;
  /** Longest cell text accepted in a mapped column (longer → a row error). */
  maxCellChars: number;
  /** Wall-clock budget for sniffing, inspecting and streaming one file. */
  maxSeconds: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxFileBytes: 20 * MiB,
  maxInflatedBytes: 200 * MiB,
  maxRows: 200_000,
  maxColumns: 64,
  maxCellChars: 1_000,
  maxSeconds: 120,
});

/** Environment variable read for each limit by {@link uploadLimitsFromEnv}. */
export const UPLOAD_LIMIT_ENV: Readonly<Record<keyof UploadLimits, string>> = Object.freeze({
  maxFileBytes: 'UPLOAD_MAX_FILE_BYTES',
  maxInflatedBytes: 'UPLOAD_MAX_INFLATED_BYTES',
  maxRows: 'UPLOAD_MAX_ROWS',
  maxColumns: 'UPLOAD_MAX_COLUMNS',
  maxCellChars: 'UPLOAD_MAX_CELL_CHARS',
  maxSeconds: 'UPLOAD_MAX_SECONDS',
});

/**
 * Defaults overridden by `UPLOAD_MAX_*` variables. Meant to be called once at boot: a value
 * that is not a positive integer throws, so a typo never silently lifts a limit.
 */
export function uploadLimitsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  base: Readonly<UploadLimits> = DEFAULT_UPLOAD_LIMITS,
): UploadLimits {
  const limits: UploadLimits = { ...base };
  for (const key of Object.keys(UPLOAD_LIMIT_ENV) as (keyof UploadLimits)[]) {
    const name = UPLOAD_LIMIT_ENV[key];
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    if (!/^\d+$/.test(raw.trim())) {
      throw new Error(`${name} must be a positive integer, got "${raw}"`);
    }
    const value = Number(raw.trim());
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`${name} must be a positive integer, got "${raw}"`);
    }
    limits[key] = value;
  }
  return limits;
}

/** Full limits from a partial override (tests, callers that tighten one value). */
export function resolveUploadLimits(overrides: Partial<UploadLimits> = {}): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, ...overrides };
}
