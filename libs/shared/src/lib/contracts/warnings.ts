// Contract interfaces for the warnings context (API.md "Warnings and analytics").
import type { Severity, WarningKind, WarningStatus } from '../constants';

export interface WarningView {
  id: string;
  kind: WarningKind;
  severity: Severity;
  status: WarningStatus;
  /** Null for SUPPLIER_LOW_WATER (the supplier's own warehouse, not a buyer site). */
  locationCode: string | null;
  itemCode: string;
  /** Null for LOW_WATER / OVERSTOCK (graded over all owners at the site). */
  ownerOrgId: string | null;
  available: string;
  threshold: string;
  deviationPct: string;
  suggestedQty: string | null;
  raisedAt: string;
  updatedAt: string;
}

export interface WarningQuery {
  status?: WarningStatus;
  kind?: WarningKind;
  severity?: Severity;
  locationCode?: string;
  itemCode?: string;
  limit?: number;
  cursor?: string;
}

export interface ReplenishmentProposal {
  locationCode: string;
  itemCode: string;
  supplierOrgId: string | null;
  suggestedQty: string;
  reason: string;
  /**
   * Set when another VMI site of the buyer holds the item above its max: transfer from there
   * instead of ordering (POST /transfers).
   */
  transferFrom?: ReplenishmentTransferHint;
}

/** "site B has 300 above max; transfer 120 to site A instead of ordering" */
export interface ReplenishmentTransferHint {
  locationCode: string;
  /** On hand + in transit above max at that site (the part of it on hand can move). */
  surplusQty: string;
  /** What to transfer: min(surplus on hand, suggested qty). */
  qty: string;
  note: string;
}

export interface WarningSettings {
  agingDays: number;
  slowMovingDays: number;
  expiryDays: number;
}

export interface SupplierStockThresholdRequest {
  supplierOrgId: string;
  itemCode: string;
  thresholdQty: string;
}

export interface StockHealthRow {
  locationCode: string;
  itemCode: string;
  onHand: string;
  daysOfCover: string | null;
  turnover: string | null;
  sellThroughPct: string;
  ageBuckets: { d0_30: string; d31_60: string; d61_90: string; d90p: string };
  safetyStockSuggestion: string;
}
