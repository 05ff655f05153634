// Contract interfaces of the dashboards' read models (docs/warnings.md "Dashboard"): additions
// to API.md "Warnings and analytics", computed in SQL by the warnings context.
import type { Severity, WarningKind, WarningStatus } from '../constants';
import type { BusinessDate, DecimalString, Timestamp } from './common';

/** Open (not yet resolved) warnings by severity; `acknowledged` is the part already seen. */
export interface SeverityCounts {
  YELLOW: number;
  ORANGE: number;
  RED: number;
  total: number;
  acknowledged: number;
}

/** An amount in one currency (stock is valued at each supplier's current price). */
export interface CurrencyAmount {
  currency: string;
  amount: DecimalString;
}

/** GET /analytics/kpis: the buyer dashboard's headline figures. */
export interface DashboardKpis {
  openWarnings: SeverityCounts;
  /**
   * Consignment stock (supplier-owned, on hand at the buyer's sites) × the owner's current
   * price, per currency, 2 decimals.
   */
  stockValue: CurrencyAmount[];
  /** (site, item, owner) stock rows without a current price (not in `stockValue`). */
  unpricedRows: number;
  /**
   * Days of cover (on hand ÷ average daily consumption over the last 30 days) over the
   * (site, item) pairs with consumption in the window; null when there is none.
   */
  daysOfCover: {
    average: DecimalString | null;
    min: DecimalString | null;
    minLocationCode: string | null;
    minItemCode: string | null;
    /** Pairs with consumption in the window (the ones averaged). */
    measured: number;
    /** Pairs with stock but no consumption in the window (endless cover, not averaged). */
    idle: number;
  };
  asOf: Timestamp;
}

/** One cell of the heat map: worst open warning at (site, item); null = nothing open. */
export interface HeatmapCell {
  locationCode: string;
  itemCode: string;
  severity: Severity | null;
  openWarnings: number;
  kinds: WarningKind[];
}

/** GET /analytics/heatmap: sites × the items most in trouble (policies and open warnings). */
export interface WarningHeatmap {
  locations: Array<{ code: string; name: string }>;
  items: Array<{ code: string; description: string }>;
  cells: HeatmapCell[];
  /** Items beyond `limit` left out of the grid. */
  moreItems: number;
}

export interface StockTrendPoint {
  date: BusinessDate;
  /** On hand at the site at the end of that business day (all owners). */
  onHand: DecimalString;
  /** In transit to the site at the end of that day. */
  inTransit: DecimalString;
}

/** GET /analytics/stock-trend: on hand over time from the ledger, against the policy. */
export interface StockTrend {
  locationCode: string;
  itemCode: string;
  uom: string;
  minQty: DecimalString | null;
  maxQty: DecimalString | null;
  points: StockTrendPoint[];
}

/** GET /analytics/supplier-overview: one row per buyer the supplier is linked to. */
export interface SupplierBuyerOverview {
  buyerOrgId: string;
  buyerCode: string;
  buyerName: string;
  /** The agreement's currency. */
  currency: string;
  /** Open warnings on the supplier's own stock at this buyer. */
  openWarnings: SeverityCounts;
  /** The supplier's consignment stock on hand there × its current prices. */
  stockValue: CurrencyAmount[];
  /** (site, item) pairs where the supplier has stock on hand or in transit. */
  positions: number;
  sites: number;
}

/** A warning as a position lists it. */
export interface PositionWarning {
  id: string;
  kind: WarningKind;
  severity: Severity;
  status: WarningStatus;
  available: DecimalString;
  threshold: DecimalString;
}

/**
 * GET /analytics/supplier-positions: the supplier's stock at a buyer's site, with its open
 * warnings there. `locationCode` is null for the supplier's own warehouse (SUPPLIER_LOW_WATER).
 */
export interface SupplierPosition {
  buyerOrgId: string;
  locationCode: string | null;
  itemCode: string;
  onHand: DecimalString;
  inTransit: DecimalString;
  worstSeverity: Severity | null;
  warnings: PositionWarning[];
}
