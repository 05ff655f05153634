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
  /** Inbox priority: LOW when planners keep acknowledging this key without acting (docs/forecasting.md); the default inbox lists NORMAL first. */
  priority: 'NORMAL' | 'LOW';
  /** Why the priority is LOW; null when NORMAL. */
  priorityReason: string | null;
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
  /**
   * Forecast fields (docs/forecasting.md), present when (location, item) has a forecast of today.
   * Average daily forecast of (location, item).
   */
  forecastDailyQty?: string | null;
  /** Lead time planned with (observed, else the supplier's price list), days. */
  leadTimeDays?: string | null;
  /** Forecast demand over that lead time. */
  forecastLeadTimeDemand?: string | null;
  /** On hand ÷ average daily forecast. */
  daysOfCover?: string | null;
  /**
   * MIN: at or below min now (also when absent); DEMAND: above min, proposed for OPEN demand due
   * within the lead time (demandDriven); FORECAST: above min, but forecast demand over the lead
   * time takes it to min or below.
   */
  trigger?: 'MIN' | 'DEMAND' | 'FORECAST';
  /**
   * Demand netting (docs/warnings.md "Demands and netting"), present when OPEN demand of
   * (location, item) is due within the supplier's lead time: its sum, included in suggestedQty.
   */
  demandQty?: string;
  /** The latest need-by date among that demand. */
  demandDueBy?: string;
  /** The horizon: demand due on or before this date (today + lead time, UTC) is netted. */
  demandHorizon?: string;
  /** True when stock is above min now and only that demand takes it to min or below. */
  demandDriven?: boolean;
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
  /** Average daily forecast (docs/forecasting.md); these four are present when (location, item) has a forecast of today. */
  forecastDailyQty?: string | null;
  /** On hand ÷ average daily forecast. */
  forecastDaysOfCover?: string | null;
  /** z · √(L σ_d² + d² σ_L²): safety stock from the forecast error and the lead time's variability. */
  forecastSafetyStock?: string | null;
  forecastMethod?: string | null;
}
