// Contract interfaces for the statements context (API.md "Statements"; docs/statements.md).
import { StatementStatus } from '../constants';
import { BusinessDate, DecimalString, Timestamp } from './common';

/** POST /statements (FINANCE): a new DRAFT for one linked supplier and an inclusive period. */
export interface CreateStatementRequest {
  supplierOrgId: string;
  /** First business day of the period (inclusive). */
  periodFrom: BusinessDate;
  /** Last business day of the period (inclusive); ≥ periodFrom. */
  periodTo: BusinessDate;
}

/**
 * Journal types that carry title transfers: a consumption (+), a title transfer of the aging
 * clause (+, aged consignment stock passing to the buyer where it lies) or a reversal (−).
 */
export type StatementLineType = 'CONSUMPTION' | 'REVERSAL' | 'TITLE_TRANSFER';

/** What the supplier said about a line (POST /statements/{id}/dispute). */
export interface StatementLineDispute {
  comment: string;
  /** User id of the supplier user who disputed. */
  by: string | null;
  byEmail: string | null;
  at: Timestamp;
}

/** One title transfer of the period, frozen when the statement was created. */
export interface StatementLine {
  id: string;
  /** 1-based, in (business date, transfer) order; the paging key of GET …/lines. */
  lineNo: number;
  journalId: string;
  journalType: StatementLineType;
  /** Business date `YYYY-MM-DD` of the transfer (the journal's effective date). */
  effectiveAt: BusinessDate;
  itemCode: string;
  /** The supplier's SKU from the price-list entry the transfer was priced with. */
  supplierSku: string | null;
  locationCode: string;
  /** Positive for a consumption, negative for a reversal. */
  qty: DecimalString;
  /** The price frozen at the moment of the consumption. */
  unitPrice: DecimalString;
  /** qty × unitPrice rounded half-up to 2 decimals (per line). */
  amount: DecimalString;
  currency: string;
  /** The consumption's reference (a reversal carries its original's). */
  reference: string | null;
  dispute: StatementLineDispute | null;
}

export interface StatementItemQty {
  itemCode: string;
  qty: DecimalString;
}

/** The lines of one currency (amounts in different currencies are never added together). */
export interface StatementCurrencyTotal {
  currency: string;
  amount: DecimalString;
  lineCount: number;
}

/** A statement without its lines (list items). */
export interface StatementSummary {
  id: string;
  /** `ST-2026-000001`, gap-free per buyer and year. */
  number: string;
  status: StatementStatus;
  buyerOrgId: string;
  buyerName: string;
  supplierOrgId: string;
  supplierCode: string;
  supplierName: string;
  periodFrom: BusinessDate;
  periodTo: BusinessDate;
  /** The agreement's currency when the statement was made. */
  currency: string;
  /** Sum of the line amounts in `currency` (every line, when all are in it — the normal case). */
  totalAmount: DecimalString;
  /** One total per currency present, sorted by currency; [{currency, amount:"0.00"}] for no lines. */
  totals: StatementCurrencyTotal[];
  lineCount: number;
  disputedLineCount: number;
  /** SHA-256 (hex) of the canonical content (docs/statements.md); never changes. */
  contentSha256: string;
  createdAt: Timestamp;
  createdBy: string | null;
  issuedAt: Timestamp | null;
  issuedBy: string | null;
  /** When the supplier confirmed or disputed. */
  respondedAt: Timestamp | null;
  respondedBy: string | null;
  /** For SUPERSEDED: the statement whose issue superseded this draft. */
  supersededById: string | null;
  supersededByNumber: string | null;
}

/** GET /statements/{id}: the header, the quantities and the lines (the first MAX inline). */
export interface Statement extends StatementSummary {
  lines: StatementLine[];
  /** True when there are more lines than returned inline: page on with GET …/lines?cursor=linesNextCursor. */
  linesTruncated: boolean;
  linesNextCursor: string | null;
  openingQty: StatementItemQty[];
  closingQty: StatementItemQty[];
}

/** GET /statements filters; periods overlapping [from, to] match. */
export interface StatementQuery {
  status?: StatementStatus;
  supplierOrgId?: string;
  /** Supplier callers: only this buyer's statements. */
  buyerOrgId?: string;
  from?: BusinessDate;
  to?: BusinessDate;
}

/** GET /statements/{id}/lines filter. */
export interface StatementLinesQuery {
  /** true: only disputed lines; false: only undisputed ones. */
  disputed?: boolean;
}

/** POST /statements/{id}/confirm (supplier): `{}` or with a comment. */
export interface ConfirmStatementRequest {
  comment?: string;
}

export interface DisputeStatementLineRequest {
  lineId: string;
  comment: string;
}

/** POST /statements/{id}/dispute (supplier): the lines it does not accept and why. */
export interface DisputeStatementRequest {
  lines: DisputeStatementLineRequest[];
  comment?: string;
}

/** One status change (GET /statements/{id}/events). `fromStatus` is null for the creation. */
export interface StatementEvent {
  id: string;
  fromStatus: StatementStatus | null;
  toStatus: StatementStatus;
  at: Timestamp;
  by: string | null;
  byEmail: string | null;
  byOrgId: string | null;
  comment: string | null;
}

export const STATEMENT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type StatementExportFormat = (typeof STATEMENT_EXPORT_FORMATS)[number];
