import { Injectable } from '@nestjs/common';

/** Which supplier stock changed: one buyer, one supplier, the items whose quantity moved. */
export interface SupplierStockChanged {
  tenantId: string;
  supplierOrgId: string;
  itemIds: string[];
}

export type SupplierStockChangedListener = (change: SupplierStockChanged) => Promise<void>;

/**
 * A tiny hook for whoever re-evaluates supplier-side warnings (SUPPLIER_LOW_WATER): listeners
 * run inside the transaction that changed the stock (an upload's apply or a single-row edit),
 * so what they write commits or rolls back with it, and a listener that throws undoes the
 * change. Listeners run one after the other, in registration order.
 */
@Injectable()
export class SupplierInventoryEvents {
  private readonly listeners = new Set<SupplierStockChangedListener>();

  /** Registers a listener; the returned function unregisters it. */
  onChanged(listener: SupplierStockChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  async changed(change: SupplierStockChanged): Promise<void> {
    if (change.itemIds.length === 0) return;
    for (const listener of this.listeners) await listener(change);
  }
}
