// Contract interfaces for the supplier-inventory context (collaborative supplier stock).
import { UploadMode, UploadRowErrorCode, UploadStatus } from '../constants';
import { BusinessDate, DecimalString, Timestamp } from './common';

/** Query of POST /supplier-inventory/uploads (the body is multipart with one `file` part). */
export interface SupplierInventoryUploadQuery {
  buyerOrgId: string;
  /** Default SNAPSHOT. */
  mode?: UploadMode;
  /** Default false. */
  dryRun?: boolean | 'true' | 'false';
}

/**
 * A row code of API.md, `TOO_LONG` (a cell longer than the cell limit) or, for a file that is
 * refused as a whole after a 202, the file-level reason (e.g. `MISSING_COLUMNS`).
 */
export type SupplierInventoryUploadErrorCode = string;

/** The row-level codes (the others are file-level reasons). */
export type SupplierInventoryRowErrorCode = UploadRowErrorCode | 'TOO_LONG';

/** One problem of an upload, as on screen and in the error workbook. */
export interface SupplierInventoryUploadError {
  /** Row number as Excel shows it; null for a finding about the whole file. */
  row: number | null;
  /** The header as the file wrote it ('' when the finding is about no column). */
  column: string;
  /** The cell as uploaded (dates as YYYY-MM-DD, long text shortened). */
  value: string | number | boolean | null;
  code: SupplierInventoryUploadErrorCode;
  message: string;
  messageZh: string;
}

/** Something worth telling the uploader that did not reject the file (hidden sheet skipped…). */
export interface SupplierInventoryUploadNotice {
  code: string;
  message: string;
  messageZh: string;
}

/** An upload batch as the list shows it. */
export interface SupplierInventoryUploadSummary {
  id: string;
  status: UploadStatus;
  buyerOrgId: string;
  supplierOrgId: string;
  uploadedBy: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  mode: UploadMode;
  dryRun: boolean;
  /** Data rows in the file; null while a large file is still being read. */
  totalRows: number | null;
  /** Rows read so far (equals totalRows when done). */
  processedRows: number;
  validRows: number;
  errorRows: number;
  /** Problems found (a row may have several). */
  errorCount: number;
  /**
   * True when applying it changed nothing because it is the same file (same SHA-256 and mode)
   * as the upload in effect; `duplicateOf` names that upload.
   */
  unchanged: boolean;
  duplicateOf: string | null;
  /** Inventory rows whose quantity the apply changed (new rows and rows dropped to zero included). */
  changedRows: number | null;
  /** Why a batch FAILED, or why a file was refused after a 202. */
  failureReason: string | null;
  createdAt: Timestamp;
  validatedAt: Timestamp | null;
  appliedAt: Timestamp | null;
}

/** POST /supplier-inventory/uploads, GET /supplier-inventory/uploads/{id}, POST …/{id}/apply. */
export interface SupplierInventoryUpload extends SupplierInventoryUploadSummary {
  /** The first {@link UPLOAD_INLINE_ERRORS_MAX} problems in row order; all are in GET …/errors. */
  errors: SupplierInventoryUploadError[];
  /** More problems exist than `errors` shows. */
  errorsTruncated: boolean;
  notices: SupplierInventoryUploadNotice[];
}

/** At most this many problems travel inline in an upload's answer. */
export const UPLOAD_INLINE_ERRORS_MAX = 1000;

/** One row of GET /supplier-inventory. */
export interface SupplierInventoryRow {
  buyerOrgId: string;
  supplierOrgId: string;
  supplierCode: string;
  /** The supplier's warehouse code, upper case. */
  siteCode: string;
  itemCode: string;
  itemDescription: string;
  /** From the supplier's current price-list entry for the item. */
  supplierSku: string | null;
  availableQty: DecimalString;
  uom: string;
  /** '' when the row has no lot. */
  lotNo: string;
  expiryDate: BusinessDate | null;
  /** When the supplier last stated this quantity (upload or edit). */
  asOf: Timestamp;
  /** The upload that last stated it; null after a single-row edit. */
  uploadId: string | null;
}

/** PUT /supplier-inventory/{siteCode}/{itemCode}: a single-row real-time edit. */
export interface PutSupplierInventoryRowRequest {
  buyerOrgId: string;
  availableQty: DecimalString | number;
  lotNo?: string;
  expiryDate?: BusinessDate | null;
}

export type SupplierInventoryChangeSource = 'UPLOAD' | 'MANUAL_EDIT';

/** One change of a row's quantity (GET /supplier-inventory/{siteCode}/{itemCode}/history). */
export interface SupplierInventoryHistoryEntry {
  id: string;
  buyerOrgId: string;
  supplierOrgId: string;
  siteCode: string;
  itemCode: string;
  lotNo: string;
  /** Null when the row did not exist before. */
  oldQty: DecimalString | null;
  newQty: DecimalString;
  source: SupplierInventoryChangeSource;
  uploadId: string | null;
  changedBy: string | null;
  changedAt: Timestamp;
}
