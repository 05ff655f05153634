// Contract interfaces for demands (a buyer's requirements, netted into replenishment proposals;
// docs/warnings.md "Demands and netting"). Additions to API.md.
import type { BusinessDate, DecimalString, Timestamp } from './common';

/** OPEN until the planner cancels it or marks it fulfilled; both are final. */
export const DEMAND_STATUSES = ['OPEN', 'CANCELLED', 'FULFILLED'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** How a demand was entered: POST /demands, or a row of an imported file. */
export const DEMAND_SOURCES = ['MANUAL', 'UPLOAD'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/** Statuses of a demand import: a dry run that passed, an applied file, or a file with bad rows. */
export const DEMAND_UPLOAD_STATUSES = ['VALIDATED', 'APPLIED', 'REJECTED'] as const;
export type DemandUploadStatus = (typeof DEMAND_UPLOAD_STATUSES)[number];

/** Body of POST /demands. */
export interface CreateDemandRequest {
  itemCode: string;
  /** A location of the buyer (the site the demand is for). */
  locationCode: string;
  /** > 0, within the item's decimals. */
  qty: DecimalString | number;
  needBy: BusinessDate;
  /** Free text: an order, a project, a work order… */
  reference?: string;
}

/** Body of POST /demands/{id}/cancel. */
export interface CancelDemandRequest {
  reason?: string;
}

export interface Demand {
  id: string;
  itemCode: string;
  locationCode: string;
  /** Formatted with the item's decimals. */
  qty: DecimalString;
  uom: string;
  needBy: BusinessDate;
  reference: string | null;
  status: DemandStatus;
  source: DemandSource;
  /** The import the demand came from (source UPLOAD). */
  uploadId: string | null;
  /** Row of that file. */
  uploadRow: number | null;
  createdAt: Timestamp;
  createdBy: string;
  updatedAt: Timestamp;
  /** When it was cancelled or fulfilled. */
  closedAt: Timestamp | null;
  closeReason: string | null;
}

export interface DemandQuery {
  itemCode?: string;
  locationCode?: string;
  /** One status or several, comma-separated. */
  status?: string;
  /** Need-by from (inclusive). */
  needByFrom?: BusinessDate;
  /** Need-by to (inclusive). */
  needByTo?: BusinessDate;
  limit?: number;
  cursor?: string;
  sort?: 'needBy' | 'createdAt' | 'qty';
  order?: 'asc' | 'desc';
}

/** One problem of a demand import: row codes as the supplier upload's (API.md). */
export interface DemandUploadError {
  row: number | null;
  /** The header as the file wrote it. */
  column: string;
  value: string | number | boolean | null;
  code: string;
  message: string;
  messageZh: string;
}

export interface DemandUploadSummary {
  id: string;
  status: DemandUploadStatus;
  dryRun: boolean;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  totalRows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  /** Demands this import created (0 for a dry run, a rejected file or the same file again). */
  createdDemands: number;
  /** The same file was applied before (by `duplicateOf`): nothing was created this time. */
  unchanged: boolean;
  duplicateOf: string | null;
  uploadedBy: string;
  createdAt: Timestamp;
}

/** POST /demands/uploads, GET /demands/uploads/{id}. */
export interface DemandUpload extends DemandUploadSummary {
  /** The first 1,000 problems (all of them, up to 10,000 rows, in the error workbook). */
  errors: DemandUploadError[];
  errorsTruncated: boolean;
  notices: { code: string; message: string; messageZh: string }[];
}
