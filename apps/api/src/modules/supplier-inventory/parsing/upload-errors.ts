/**
 * File-level outcomes of parsing an upload. Rejected *rows* are results (see row-validator);
 * only a file that cannot or must not be read as a whole is thrown, as an
 * {@link UploadRejectedError}. The service maps `code` to HTTP with its exhaustive switch:
 * UNSUPPORTED_MEDIA_TYPE → 415, PAYLOAD_TOO_LARGE → 413, VALIDATION_FAILED → 422.
 */
export type UploadRejectionCode = 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'VALIDATION_FAILED';

/** Why a file was rejected: stable strings for tests, logs and the portal. */
export type UploadRejectionReason =
  // 415: not something we read
  | 'NOT_A_SPREADSHEET'
  | 'ENCRYPTED_OR_LEGACY_WORKBOOK'
  | 'ENCRYPTED_ZIP_ENTRY'
  | 'MACRO_ENABLED'
  | 'MALFORMED_ZIP'
  | 'NOT_AN_XLSX'
  | 'STRICT_OOXML'
  | 'UNSUPPORTED_TEXT_ENCODING'
  // 413: too big to read safely
  | 'FILE_TOO_LARGE'
  | 'INFLATED_TOO_LARGE'
  | 'ZIP_BOMB'
  | 'TOO_MANY_ZIP_ENTRIES'
  | 'PART_TOO_LARGE'
  | 'DIMENSION_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'TIME_LIMIT'
  // 422: a readable spreadsheet whose content cannot be accepted as a whole
  | 'EMPTY_FILE'
  | 'NO_HEADER_ROW'
  | 'NO_DATA_ROWS'
  | 'MISSING_COLUMNS'
  | 'DUPLICATE_COLUMNS'
  | 'FORBIDDEN_HEADER'
  | 'NO_VISIBLE_WORKSHEET'
  | 'FORMULA_WITHOUT_CACHED_VALUE'
  | 'UNSUPPORTED_CELL_TYPE'
  | 'UNTERMINATED_QUOTE'
  | 'CORRUPT_WORKBOOK';

/** One file-level finding (a missing column, a duplicate header…), in English and Chinese. */
export interface FileError {
  reason: UploadRejectionReason;
  /** The header as the file wrote it, when the finding is about one column. */
  column?: string;
  message: string;
  messageZh: string;
}

export class UploadRejectedError extends Error {
  override readonly name = 'UploadRejectedError';
  readonly code: UploadRejectionCode;
  readonly reason: UploadRejectionReason;
  /** Human explanation for the problem+json `detail`, in English. */
  readonly detail: string;
  readonly detailZh: string;
  /** Itemised findings (e.g. one per missing column); may be empty. */
  readonly errors: readonly FileError[];

  constructor(
    code: UploadRejectionCode,
    reason: UploadRejectionReason,
    detail: string,
    detailZh: string,
    options: { errors?: readonly FileError[]; cause?: unknown } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = reason;
    this.detail = detail;
    this.detailZh = detailZh;
    this.errors = options.errors ?? [];
  }
}

export const unsupported = (reason: UploadRejectionReason, detail: string, detailZh: string, cause?: unknown) =>
  new UploadRejectedError('UNSUPPORTED_MEDIA_TYPE', reason, detail, detailZh, { cause });

export const tooLarge = (reason: UploadRejectionReason, detail: string, detailZh: string, cause?: unknown) =>
  new UploadRejectedError('PAYLOAD_TOO_LARGE', reason, detail, detailZh, { cause });

export const invalidFile = (
  reason: UploadRejectionReason,
  detail: string,
  detailZh: string,
  options: { errors?: readonly FileError[]; cause?: unknown } = {},
) => new UploadRejectedError('VALIDATION_FAILED', reason, detail, detailZh, options);
