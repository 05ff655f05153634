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
