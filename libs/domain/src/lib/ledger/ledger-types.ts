import type { Decimal } from '../decimal';

/**
 * Where a posting lands. SITE is a real VMI location; the others are the virtual sides of
 * the ledger (PRODUCT.md): the supplier's own stock, goods on the road, goods the buyer
 * has consumed, and count differences.
 */
export type LocationKind =
  | 'SITE'
  | 'SUPPLIER'
  | 'IN_TRANSIT'
  | 'CONSUMED'
  | 'ADJUSTMENT';

/**
 * A ledger account: who owns how much of which item where, down to the receipt layer.
 * The buyer tenant is implicit: one journal never spans tenants.
 */
export interface AccountRef {
  itemId: string;
  locationKind: LocationKind;
  /** The VMI site for SITE, the destination for IN_TRANSIT; null on the supplier's side. */
  locationId: string | null;
  ownerOrgId: string;
  /** The receipt layer (SITE), the shipment line in transit (IN_TRANSIT), or null. */
  layerId: string | null;
}

/** One signed movement on one account; the lines of a journal sum to zero per item. */
export interface PostingLine {
  account: AccountRef;
  qty: Decimal;
}

/** A slice of one receipt layer chosen to satisfy a withdrawal (see `allocateFifo`). */
export interface LayerAllocation {
  layerId: string;
  ownerOrgId: string;
  qty: Decimal;
  lotNo: string | null;
  receivedAt: string;
}

/** What broke: each code is a bug in the caller, never a user error. */
export type LedgerInvariantCode =
  | 'UNBALANCED_JOURNAL'
  | 'NON_POSITIVE_QUANTITY'
  | 'ALLOCATION_MISMATCH'
  | 'DUPLICATE_LAYER';

/**
 * Thrown when a journal would break a ledger invariant. It is a programming error (the API
 * answers 500), unlike a shortage, which `allocateFifo` reports as a result.
 */
export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';

  constructor(
    readonly code: LedgerInvariantCode,
    message: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
