/**
 * The posting interface the VMI chain (shipments, receipts, short closes) uses to put its
 * movements on the ledger. Implemented by LedgerService (ledger context); called by the
 * shipments context inside ITS OWN transaction (Db.transaction / the @Idempotent interceptor),
 * so the document change and its journal commit or roll back together.
 *
 * Quantities are decimal strings. Every method throws AppError (PERIOD_CLOSED,
 * INSUFFICIENT_STOCK, ...) on refusal and returns the new journal's id.
 */
export interface ChainLineRef {
  itemId: string;
  qty: string;
  /** The ASN line this quantity belongs to: the in-transit layer is keyed by it. */
  shipmentLineId: string;
  lotNo?: string | null;
  expiryDate?: string | null;
}

export interface ChainPostingBase {
  tenantId: string;
  supplierOrgId: string;
  /** Destination VMI location of the shipment. */
  locationId: string;
  lines: ChainLineRef[];
  reference: string | null;
  /** The user posting; null for the system (demo seeding, scheduled jobs). */
  createdBy: string | null;
  /** Business date `YYYY-MM-DD`; default today (UTC). */
  effectiveDate?: string;
}

export interface LedgerPostingPort {
  /** SUPPLIER(S) −q, IN_TRANSIT(S, to location) +q per line. Journal type SHIPMENT. */
  postShipment(p: ChainPostingBase): Promise<{ journalId: string }>;
  /** IN_TRANSIT(S) −q, SITE(S, new receipt layer with lot/expiry) +q per line. Journal type RECEIPT. */
  postReceipt(p: ChainPostingBase & { receiptId: string }): Promise<{ journalId: string }>;
  /** IN_TRANSIT(S) −q, SUPPLIER(S) +q per line. Journal type SHORT_CLOSE. */
  postShortClose(p: ChainPostingBase): Promise<{ journalId: string }>;
  /**
   * A check run before a journal is reversed (inside the reversal's transaction). The chain
   * uses it to refuse reversing journals that belong to its documents, which a bare ledger
   * reversal would leave out of step; it throws AppError to refuse.
   */
  registerReversalGuard(guard: ReversalGuard): void;
}

export type ReversalGuard = (tenantId: string, journalId: string) => Promise<void>;

export const LEDGER_POSTING = Symbol('LEDGER_POSTING');
