// Contract interfaces for the finance reports (docs/statements.md "Finance views").
import { BusinessDate, DecimalString, Page, Timestamp } from './common';

/** The dimensions a consumption report groups by (one or several, in this order). */
export const CONSUMPTION_REPORT_GROUPS = ['supplier', 'item', 'month'] as const;
export type ConsumptionReportGroup = (typeof CONSUMPTION_REPORT_GROUPS)[number];

/** Sort keys of GET /reports/consumption (`key` = the group's dimensions in order, the default). */
export const CONSUMPTION_REPORT_SORTS = ['key', 'qty', 'amount', 'transferCount'] as const;
export type ConsumptionReportSort = (typeof CONSUMPTION_REPORT_SORTS)[number];

export const REPORT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** GET /reports/consumption filters (all optional; dates are business dates, inclusive). */
export interface ConsumptionReportQuery {
  supplierOrgId?: string;
  /** Supplier callers: only this buyer. */
  buyerOrgId?: string;
  itemCode?: string;
  from?: BusinessDate;
  to?: BusinessDate;
  /** `supplier`, `item`, `month`, or several comma-separated (`supplier,month`); default `supplier`. */
  groupBy?: string;
}

/**
 * One group of title transfers in one currency: consumptions count positive, their reversals
 * negative. Dimensions the report does not group by are null. Amounts in different currencies
 * are never added: a group with transfers in two currencies is two rows.
 */
export interface ConsumptionReportRow {
  /** Stable key of the row (buyer, supplier, item, month, currency). */
  id: string;
  buyerOrgId: string;
  buyerName: string;
  supplierOrgId: string | null;
  supplierCode: string | null;
  supplierName: string | null;
  itemCode: string | null;
  itemDescription: string | null;
  uom: string | null;
  /** `YYYY-MM` of the business date. */
  month: string | null;
  currency: string;
  /** Net quantity: consumed − reversed. */
  qty: DecimalString;
  consumedQty: DecimalString;
  /** Quantity given back by reversals (positive). */
  reversedQty: DecimalString;
  /** Σ of the transfers' amounts (each rounded half-up to 2 decimals when it was posted). */
  amount: DecimalString;
  /** Title transfers in the group, reversals included. */
  transferCount: number;
  reversalCount: number;
}

/** The whole filtered set, per currency (not only the page). */
export interface ConsumptionReportTotal {
  currency: string;
  qty: DecimalString;
  consumedQty: DecimalString;
  reversedQty: DecimalString;
  amount: DecimalString;
  transferCount: number;
  reversalCount: number;
}

/** GET /reports/consumption: a cursor page of rows plus the totals of every matching transfer. */
export interface ConsumptionReport extends Page<ConsumptionReportRow> {
  groupBy: ConsumptionReportGroup[];
  from: BusinessDate | null;
  to: BusinessDate | null;
  totals: ConsumptionReportTotal[];
  generatedAt: Timestamp;
}
