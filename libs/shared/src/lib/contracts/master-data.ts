import { LocationType } from '../constants';
import { DecimalString, Timestamp } from './common';

export interface CreateLocationRequest {
  code: string;
  name: string;
  type: LocationType;
}
export interface Location {
  id: string;
  code: string;
  name: string;
  type: LocationType;
}

export interface CreateItemRequest {
  code: string;
  description: string;
  uom: string;
  /** How many decimals a quantity of this item may carry, 0–6. */
  decimals: number;
}
export interface Item {
  id: string;
  code: string;
  description: string;
  uom: string;
  decimals: number;
}

export interface CreateSupplierAgreementRequest {
  supplierOrgId: string;
  currency: string;
  receiptTolerancePct: DecimalString | number;
  paymentTermsDays: number;
  /** Optional aging clause (see AgingClauseRequest). */
  maxConsignmentDays?: number | null;
  agingNoticeDays?: number;
}
/** The link between a buyer and a supplier, and its commercial terms. */
export interface SupplierAgreement {
  id: string;
  buyerOrgId: string;
  supplierOrgId: string;
  supplierCode: string;
  supplierName: string;
  currency: string;
  receiptTolerancePct: DecimalString;
  paymentTermsDays: number;
  createdAt: Timestamp;
  /** Aging clause: days a receipt layer may stay consignment stock before title passes to the buyer; null = none. */
  maxConsignmentDays?: number | null;
  /** Days before the clause transfers that an AGING warning is raised. */
  agingNoticeDays?: number;
}
/** What a supplier sees of a buyer it is linked to (GET /buyers). */
export interface BuyerLink {
  buyerOrgId: string;
  buyerCode: string;
  buyerName: string;
  currency: string;
  receiptTolerancePct: DecimalString;
  paymentTermsDays: number;
}

export interface PutPriceListEntryRequest {
  supplierSku: string;
  unitPrice: DecimalString | number;
  leadTimeDays: number;
}
/** A supplier's price for one item; a new entry applies from `validFrom`, history is kept. */
export interface PriceListEntry {
  id: string;
  supplierOrgId: string;
  itemCode: string;
  supplierSku: string;
  unitPrice: DecimalString;
  currency: string;
  leadTimeDays: number;
  validFrom: Timestamp;
  validTo: Timestamp | null;
}

export interface PutStockPolicyRequest {
  locationCode: string;
  itemCode: string;
  minQty: DecimalString | number;
  maxQty: DecimalString | number;
  yellowPct?: DecimalString | number;
  orangePct?: DecimalString | number;
  redPct?: DecimalString | number;
  autoCallOff?: boolean;
  preferredSupplierOrgId?: string | null;
}
export interface StockPolicy {
  id: string;
  locationCode: string;
  itemCode: string;
  minQty: DecimalString;
  maxQty: DecimalString;
  yellowPct: DecimalString;
  orangePct: DecimalString;
  redPct: DecimalString;
  autoCallOff: boolean;
  preferredSupplierOrgId: string | null;
  updatedAt: Timestamp;
}
