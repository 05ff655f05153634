import { Decimal, toDecimal, type DecimalInput } from '../decimal';
import {
  LedgerInvariantError,
  type AccountRef,
  type LayerAllocation,
  type PostingLine,
} from './ledger-types';

/** Goods leaving the supplier for a VMI site (an ASN line). */
export interface ShipmentMovement {
  itemId: string;
  supplierOrgId: string;
  qty: DecimalInput;
  /** The VMI site the goods travel to: in-transit stock counts towards its availability. */
  destinationLocationId: string;
  /** Identity of the goods in transit, usually the shipment line id. */
  transitLayerId?: string | null;
}

/** Goods arriving at the site they were shipped to (all or part of an ASN line). */
export interface ReceiptMovement {
  itemId: string;
  supplierOrgId: string;
  qty: DecimalInput;
  locationId: string;
  transitLayerId?: string | null;
  /** The receipt layer created by this receipt: FIFO consumes it in receipt order. */
  receiptLayerId: string;
}

/** The part of an ASN line that never arrived, handed back to the supplier's side. */
export interface ShortCloseMovement {
  itemId: string;
  supplierOrgId: string;
  qty: DecimalInput;
  locationId: string;
  transitLayerId?: string | null;
}

/** A withdrawal from one site, already split over receipt layers (owner per layer). */
export interface LayeredWithdrawal {
  itemId: string;
  locationId: string;
  allocations: readonly LayerAllocation[];
}

/** A consumption: title passes from each layer's owner to the buyer. */
export interface ConsumptionMovement extends LayeredWithdrawal {
  buyerOrgId: string;
}

/** A count correction of one owner's stock at one site. */
export interface AdjustmentMovement {
  itemId: string;
  locationId: string;
  ownerOrgId: string;
  /** countedQty − book qty (see `countDifference`): positive means stock was found. */
  difference: DecimalInput;
  /** For a loss: the layers it is taken from, summing to −difference. */
  allocations?: readonly LayerAllocation[];
  /** For a gain: the layer that receives it. */
  gainLayerId?: string | null;
}

/** A move of consignment stock between two sites; the owner travels unchanged. */
export interface TransferMovement extends LayeredWithdrawal {
  toLocationId: string;
  /**
   * The destination layer of each source layer (by source layer id). The ledger opens a new
   * layer at the destination (a balance row is one layer at one site) that keeps the lot,
   * expiry and receipt date; absent = the same layer id on both sides.
   */
  destinationLayerIds?: Readonly<Record<string, string>>;
}

/**
 * The aging clause: title of aged consignment stock passes to the buyer where it lies. Each
 * allocation (a supplier's layer) is replaced by a buyer-owned successor layer at the same site.
 */
export interface TitleTransferMovement extends LayeredWithdrawal {
  buyerOrgId: string;
  /** The buyer-owned successor of each supplier layer (by source layer id). */
  buyerLayerIds: Readonly<Record<string, string>>;
}

function account(
  itemId: string,
  locationKind: AccountRef['locationKind'],
  locationId: string | null,
  ownerOrgId: string,
  layerId: string | null,
): AccountRef {
  return { itemId, locationKind, locationId, ownerOrgId, layerId };
}

function positive(qty: DecimalInput, what: string): Decimal {
  const d = toDecimal(qty);
  if (!d.gt(0)) {
    // A zero or negative movement would hide a sign error upstream; reversals use mirrorPostings.
    throw new LedgerInvariantError(
      'NON_POSITIVE_QUANTITY',
      `${what} quantity must be positive, got ${d.toString()}`,
      {
        qty: d.toString(),
      },
    );
  }
  return d;
}

function pair(from: AccountRef, to: AccountRef, qty: Decimal): PostingLine[] {
  return [
    { account: from, qty: qty.negated() },
    { account: to, qty },
  ];
}

function layeredPairs(
  withdrawal: LayeredWithdrawal,
  what: string,
  destination: (allocation: LayerAllocation) => AccountRef,
): PostingLine[] {
  if (withdrawal.allocations.length === 0) {
    throw new LedgerInvariantError(
      'ALLOCATION_MISMATCH',
      `${what} needs at least one layer allocation`,
    );
  }
  return withdrawal.allocations.flatMap((allocation) =>
    pair(
      account(
        withdrawal.itemId,
        'SITE',
        withdrawal.locationId,
        allocation.ownerOrgId,
        allocation.layerId,
      ),
      destination(allocation),
      positive(allocation.qty, what),
    ),
  );
}

/** Ship: SUPPLIER(S) −q, IN_TRANSIT(S, to the destination site) +q. No title transfer. */
export function shipPostings(movement: ShipmentMovement): PostingLine[] {
  const { itemId, supplierOrgId } = movement;
  return pair(
    account(itemId, 'SUPPLIER', null, supplierOrgId, null),
    account(
      itemId,
      'IN_TRANSIT',
      movement.destinationLocationId,
      supplierOrgId,
      movement.transitLayerId ?? null,
    ),
    positive(movement.qty, 'shipment'),
  );
}

/** Receive: IN_TRANSIT(S) −q, SITE(S, new receipt layer) +q. No title transfer. */
export function receivePostings(movement: ReceiptMovement): PostingLine[] {
  const { itemId, supplierOrgId, locationId } = movement;
  return pair(
    account(
      itemId,
      'IN_TRANSIT',
      locationId,
      supplierOrgId,
      movement.transitLayerId ?? null,
    ),
    account(itemId, 'SITE', locationId, supplierOrgId, movement.receiptLayerId),
    positive(movement.qty, 'receipt'),
  );
}

/** Close short: IN_TRANSIT(S) −q, SUPPLIER(S) +q — what never arrived is the supplier's again. */
export function closeShortPostings(
  movement: ShortCloseMovement,
): PostingLine[] {
  const { itemId, supplierOrgId, locationId } = movement;
  return pair(
    account(
      itemId,
      'IN_TRANSIT',
      locationId,
      supplierOrgId,
      movement.transitLayerId ?? null,
    ),
    account(itemId, 'SUPPLIER', null, supplierOrgId, null),
    positive(movement.qty, 'short close'),
  );
}

/**
 * Consume: per FIFO allocation, SITE(owner, layer) −q, CONSUMED(buyer) +q. This is the
 * title transfer; the CONSUMED posting keeps the site and layer so it can be traced back.
 */
export function consumePostings(movement: ConsumptionMovement): PostingLine[] {
  return layeredPairs(movement, 'consumption', (allocation) =>
    account(
      movement.itemId,
      'CONSUMED',
      movement.locationId,
      movement.buyerOrgId,
      allocation.layerId,
    ),
  );
}

/** Return: per allocation, SITE(S, layer) −q, SUPPLIER(S) +q. No title transfer. */
export function returnPostings(movement: LayeredWithdrawal): PostingLine[] {
  return layeredPairs(movement, 'return', (allocation) =>
    account(movement.itemId, 'SUPPLIER', null, allocation.ownerOrgId, null),
  );
}

/** The count difference of an adjustment: countedQty − book qty (positive = found stock). */
export function countDifference(
  countedQty: DecimalInput,
  bookQty: DecimalInput,
): Decimal {
  return toDecimal(countedQty).minus(toDecimal(bookQty));
}

/**
 * Adjust: the site moves by the count difference and ADJUSTMENT takes the opposite sign.
 * A gain lands on `gainLayerId`; a loss is taken from `allocations`, which must sum to the
 * loss exactly. No difference, no postings.
 */
export function adjustPostings(movement: AdjustmentMovement): PostingLine[] {
  const { itemId, locationId, ownerOrgId } = movement;
  const difference = toDecimal(movement.difference);
  const adjustment = (layerId: string | null): AccountRef =>
    account(itemId, 'ADJUSTMENT', locationId, ownerOrgId, layerId);
  if (difference.isZero()) {
    return [];
  }
  if (difference.isPositive()) {
    const gainLayerId = movement.gainLayerId ?? null;
    return pair(
      adjustment(gainLayerId),
      account(itemId, 'SITE', locationId, ownerOrgId, gainLayerId),
      difference,
    );
  }
  const allocations = movement.allocations ?? [];
  const allocated = allocations.reduce(
    (sum, a) => sum.plus(toDecimal(a.qty)),
    new Decimal(0),
  );
  const foreign = allocations.find((a) => a.ownerOrgId !== ownerOrgId);
  if (!allocated.equals(difference.negated()) || foreign !== undefined) {
    throw new LedgerInvariantError(
      'ALLOCATION_MISMATCH',
      `a loss of ${difference.negated().toString()} of owner ${ownerOrgId} needs allocations of that owner summing to it`,
      { difference: difference.toString(), allocated: allocated.toString() },
    );
  }
  return layeredPairs(
    { itemId, locationId, allocations },
    'adjustment',
    (allocation) => adjustment(allocation.layerId),
  );
}

/** Transfer: per allocation, SITE A(owner, layer) −q, SITE B(same owner, its destination layer) +q. */
export function transferPostings(movement: TransferMovement): PostingLine[] {
  if (movement.toLocationId === movement.locationId) {
    throw new LedgerInvariantError(
      'ALLOCATION_MISMATCH',
      'a transfer needs two different sites',
      {
        locationId: movement.locationId,
      },
    );
  }
  return layeredPairs(movement, 'transfer', (allocation) =>
    account(
      movement.itemId,
      'SITE',
      movement.toLocationId,
      allocation.ownerOrgId,
      movement.destinationLayerIds?.[allocation.layerId] ?? allocation.layerId,
    ),
  );
}

/**
 * Title transfer (aging clause): per allocation, SITE(supplier, layer) −q, SITE(buyer,
 * successor layer) +q at the same site. The stock does not move; its owner changes, so it
 * changes account. A layer the buyer owns already, or one without a successor, is a bug.
 */
export function titleTransferPostings(
  movement: TitleTransferMovement,
): PostingLine[] {
  for (const a of movement.allocations) {
    if (a.ownerOrgId === movement.buyerOrgId) {
      throw new LedgerInvariantError(
        'ALLOCATION_MISMATCH',
        `layer ${a.layerId} is the buyer's already`,
        { layerId: a.layerId },
      );
    }
    if (!movement.buyerLayerIds[a.layerId]) {
      throw new LedgerInvariantError(
        'ALLOCATION_MISMATCH',
        `layer ${a.layerId} has no buyer-owned successor`,
        { layerId: a.layerId },
      );
    }
  }
  return layeredPairs(movement, 'title transfer', (allocation) =>
    account(
      movement.itemId,
      'SITE',
      movement.locationId,
      movement.buyerOrgId,
      movement.buyerLayerIds[allocation.layerId] as string,
    ),
  );
}

/**
 * The reversal of a journal: the same accounts with every quantity negated. The original
 * stays untouched (the ledger is append-only); the two together sum to zero on every account.
 */
export function mirrorPostings(lines: readonly PostingLine[]): PostingLine[] {
  return lines.map((line) => ({
    account: { ...line.account },
    // Normalise so that a zero line does not come back as "-0".
    qty: line.qty.isZero() ? new Decimal(0) : toDecimal(line.qty).negated(),
  }));
}

/** Σ qty per item, exact (keys are item ids, in order of first appearance). */
export function sumPerItem(
  lines: readonly PostingLine[],
): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const line of lines) {
    const itemId = line.account.itemId;
    sums.set(
      itemId,
      (sums.get(itemId) ?? new Decimal(0)).plus(toDecimal(line.qty)),
    );
  }
  return sums;
}

/**
 * Throws LedgerInvariantError (UNBALANCED_JOURNAL) unless the lines sum to zero for every
 * item — invariant 1 of PRODUCT.md, checked before anything is written.
 */
export function assertZeroSumPerItem(lines: readonly PostingLine[]): void {
  for (const [itemId, sum] of sumPerItem(lines)) {
    if (!sum.isZero()) {
      throw new LedgerInvariantError(
        'UNBALANCED_JOURNAL',
        `postings of item ${itemId} sum to ${sum.toString()}, not 0`,
        {
          itemId,
          sum: sum.toString(),
        },
      );
    }
  }
}
