import { JournalType } from '../constants';
import { BusinessDate, DecimalString, Timestamp } from './common';

/** Where a posting lands: a real VMI site or one of the virtual sides of the ledger. */
export type LedgerLocationKind = 'SITE' | 'SUPPLIER' | 'IN_TRANSIT' | 'CONSUMED' | 'ADJUSTMENT';

// ---------------------------------------------------------------- consumption, returns, adjustments

/** POST /consumptions: a withdrawal to production; title passes to the buyer, FIFO over layers. */
export interface ConsumptionRequest {
  locationCode: string;
  itemCode: string;
  qty: DecimalString | number;
  /** Take only this supplier's stock; absent = oldest layers across owners. */
  supplierOrgId?: string;
  reference?: string;
  /** Business date `YYYY-MM-DD` (UTC); default today. Inside a closed period → 409 PERIOD_CLOSED. */
  effectiveDate?: BusinessDate;
}

/** One title transfer: a slice of one receipt layer that changed hands at `unitPrice`. */
export interface TitleTransferView {
  supplierOrgId: string;
  qty: DecimalString;
  /** The price-list entry in force at the moment of the consumption (frozen). */
  unitPrice: DecimalString;
  currency: string;
  /** qty × unitPrice, rounded half-up to 2 decimals, per line. */
  amount: DecimalString;
  lotNo: string | null;
  receivedAt: Timestamp;
  /** Extra fields (not in API.md's minimum): */
  itemCode?: string;
  locationCode?: string;
  journalId?: string;
  /** Index of the batch line this transfer belongs to (batch only, 0-based). */
  lineNo?: number;
}

export interface ConsumptionResponse {
  journalId: string;
  transfers: TitleTransferView[];
}

/** POST /consumptions/batch: ≤ 1000 lines, all or nothing. */
export interface ConsumptionBatchRequest {
  lines: ConsumptionRequest[];
}
export interface ConsumptionBatchResponse {
  /** One journal per line, in line order. */
  journalIds: string[];
  transfers: TitleTransferView[];
}

/** POST /returns: consignment stock sent back to its supplier (FIFO over that supplier's layers). */
export interface ReturnRequest {
  locationCode: string;
  itemCode: string;
  supplierOrgId: string;
  qty: DecimalString | number;
  reason: string;
  reference?: string;
  effectiveDate?: BusinessDate;
}
export interface ReturnResponse {
  journalId: string;
}

/** POST /adjustments: a cycle count of one supplier's stock at one site. */
export interface AdjustmentRequest {
  locationCode: string;
  itemCode: string;
  supplierOrgId: string;
  countedQty: DecimalString | number;
  reason: string;
  reference?: string;
  effectiveDate?: BusinessDate;
}
export interface AdjustmentResponse {
  /** null when the count matched the book (nothing is posted). */
  journalId: string | null;
  /** countedQty − book qty (negative = loss, taken FIFO; positive = gain, a new layer). */
  difference: DecimalString;
  bookQty?: DecimalString;
}

/** POST /ledger/journals/{id}/reverse */
export interface ReverseJournalRequest {
  reason: string;
  effectiveDate?: BusinessDate;
}

// ---------------------------------------------------------------- stock

/** GET /stock: one row per (site, item, owner). */
export interface StockRow {
  locationCode: string;
  itemCode: string;
  ownerOrgId: string;
  /** Sum of the owner's receipt layers at the site. */
  onHand: DecimalString;
  /** Shipped to this site, not yet received. */
  inTransit: DecimalString;
  /** The buyer tenant the stock sits at (useful to suppliers linked to several buyers). */
  buyerOrgId?: string;
}

/** GET /stock/layers: receipt layers with stock left, oldest (first to be consumed) first. */
export interface StockLayer {
  ownerOrgId: string;
  lotNo: string | null;
  receivedAt: Timestamp;
  remainingQty: DecimalString;
  /** Whole days since receipt. */
  ageDays: number;
  layerId?: string;
  locationCode?: string;
  itemCode?: string;
  expiryDate?: BusinessDate | null;
  originalQty?: DecimalString;
  buyerOrgId?: string;
}

// ---------------------------------------------------------------- journals

export interface PostingView {
  /** The site code for SITE postings; SUPPLIER, IN_TRANSIT, CONSUMED or ADJUSTMENT otherwise. */
  locationCode: string;
  itemCode: string;
  ownerOrgId: string;
  lotNo: string | null;
  /** Signed quantity. */
  qty: DecimalString;
  locationKind?: LedgerLocationKind;
  /** The real site a virtual posting relates to (destination of IN_TRANSIT, site of CONSUMED/ADJUSTMENT). */
  siteCode?: string | null;
  /** The supplier whose consignment goods moved. */
  supplierOrgId?: string;
  /** Running balance of the account after this posting (real accounts only). */
  balanceAfter?: DecimalString | null;
  accountVersion?: number | null;
}

export interface JournalView {
  id: string;
  type: JournalType;
  /** The business date of the journal (`YYYY-MM-DD`). */
  effectiveAt: BusinessDate;
  createdAt: Timestamp;
  createdBy: string | null;
  /** The poster's e-mail (buyer readers only; null for suppliers and system postings). */
  createdByEmail?: string | null;
  reference: string | null;
  reversesJournalId: string | null;
  postings: PostingView[];
  reason?: string | null;
  reversedByJournalId?: string | null;
  supplierOrgIds?: string[];
  transfers?: TitleTransferView[];
}

export interface JournalQuery {
  type?: JournalType;
  /** Business dates, inclusive. */
  from?: BusinessDate;
  to?: BusinessDate;
  supplierOrgId?: string;
}

export type LedgerMismatchKind =
  | 'BALANCE_MISMATCH'
  | 'VERSION_MISMATCH'
  | 'RUNNING_BALANCE_MISMATCH'
  | 'NEGATIVE_BALANCE'
  | 'UNBALANCED_JOURNAL'
  | 'TRANSFER_MISMATCH';

export interface LedgerMismatch {
  kind: LedgerMismatchKind;
  detail: string;
  journalId?: string;
  balanceId?: string;
  itemCode?: string;
  locationCode?: string;
  ownerOrgId?: string;
  stored?: DecimalString;
  computed?: DecimalString;
}

/** GET /ledger/verify: balances recomputed from postings, zero-sum per journal and item. */
export interface VerifyResult {
  balanced: boolean;
  journalsChecked: number;
  accountsChecked: number;
  postingsChecked?: number;
  mismatches: LedgerMismatch[];
  verifiedAt?: Timestamp;
}

// ---------------------------------------------------------------- inter-site transfers (调拨)

/** POST /transfers: move consignment stock between two VMI sites of the buyer, owner unchanged. */
export interface TransferRequest {
  fromLocationCode: string;
  toLocationCode: string;
  itemCode: string;
  qty: DecimalString | number;
  /** Move only this owner's stock (a linked supplier, or the buyer's own org for stock it owns); absent = oldest layers across owners. */
  supplierOrgId?: string;
  reference?: string;
  /** Business date `YYYY-MM-DD` (UTC); default today. Inside a closed period → 409 PERIOD_CLOSED. */
  effectiveDate?: BusinessDate;
}

/** One slice of one receipt layer that moved; it arrives as a new layer with the same lot, expiry and receipt date. */
export interface TransferMove {
  /** The owner of the slice (a supplier, or the buyer for stock it owns already). */
  supplierOrgId: string;
  qty: DecimalString;
  lotNo: string | null;
  /** Receipt date of the original layer, kept at the destination (aging stays true). */
  receivedAt: Timestamp;
  expiryDate?: BusinessDate | null;
  /** The layer taken at the source and the new layer at the destination. */
  fromLayerId?: string;
  toLayerId?: string;
}

export interface TransferResponse {
  journalId: string;
  moves: TransferMove[];
}

/** GET /transfers: one TRANSFER journal, newest first. */
export interface TransferView {
  journalId: string;
  fromLocationCode: string;
  toLocationCode: string;
  itemCode: string;
  qty: DecimalString;
  effectiveAt: BusinessDate;
  createdAt: Timestamp;
  createdBy: string | null;
  reference: string | null;
  /** Set when the transfer was reversed. */
  reversedByJournalId: string | null;
  moves: TransferMove[];
}

export interface TransferQuery {
  locationCode?: string;
  itemCode?: string;
  from?: BusinessDate;
  to?: BusinessDate;
}

// ---------------------------------------------------------------- consignment aging clause

/** PUT /suppliers/{supplierOrgId}/aging-clause */
export interface AgingClauseRequest {
  /** Days a receipt layer may stay consignment stock; null = no clause. 1–3650. */
  maxConsignmentDays: number | null;
  /** Days before the transfer an AGING warning is raised (default 14). 0–365. */
  agingNoticeDays?: number;
}

/** POST /jobs/aging-clause/run: what one run of the aging clause did. */
export interface AgingClauseRunResult {
  runId: string;
  /** The instant the run measured ages against; its UTC date is the transfers' business date. */
  asOf: Timestamp;
  tenants: number;
  /** Supplier layers that passed to the buyer. */
  layersTransferred: number;
  journals: number;
  /** Aged layers left as they were: no price in force for their supplier and item. */
  skippedNoPrice: number;
  /** Aged layers left as they were: today lies in a period closed for their supplier. */
  skippedPeriodClosed: number;
}
