import { randomUUID } from 'node:crypto';
import { Db } from '../../src/database/db.service';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import type { TestApp } from '../support/test-app';
import type { World } from './world';

export interface ReceiveStockOptions {
  supplier: { id: string };
  location: { id: string };
  item: { id: string };
  qty: string;
  lotNo?: string | null;
  expiryDate?: string | null;
  /** When the layer arrived (its age); default now. FIFO order stays the order of the calls. */
  receivedAt?: string;
  effectiveDate?: string;
}

/**
 * Puts consignment stock on the ledger the way the VMI chain does — a SHIPMENT journal
 * (SUPPLIER → IN_TRANSIT) and a RECEIPT journal (IN_TRANSIT → site, new receipt layer) — through
 * the ledger's posting port, without call-off and shipment documents.
 */
export async function receiveStock(t: TestApp, w: World, o: ReceiveStockOptions): Promise<{ shipmentJournalId: string; receiptJournalId: string; layerId: string }> {
  const ledger = t.app.get(LedgerService);
  const db = t.app.get(Db);
  const shipmentLineId = randomUUID();
  const base = {
    tenantId: w.buyer.id,
    supplierOrgId: o.supplier.id,
    locationId: o.location.id,
    lines: [{ itemId: o.item.id, qty: o.qty, shipmentLineId, lotNo: o.lotNo ?? null, expiryDate: o.expiryDate ?? null }],
    createdBy: null,
    ...(o.effectiveDate ? { effectiveDate: o.effectiveDate } : {}),
  };
  return db.transaction(async () => {
    const ship = await ledger.postShipment({ ...base, reference: 'TEST-ASN' });
    const receipt = await ledger.postReceipt({ ...base, reference: 'TEST-RC', receiptId: randomUUID(), ...(o.receivedAt ? { receivedAt: o.receivedAt } : {}) });
    const [layer] = await db.query<{ id: string }>(`SELECT id::text AS id FROM receipt_layers WHERE tenant_id = $1 AND journal_id = $2`, [w.buyer.id, receipt.journalId]);
    return { shipmentJournalId: ship.journalId, receiptJournalId: receipt.journalId, layerId: (layer as { id: string }).id };
  });
}
