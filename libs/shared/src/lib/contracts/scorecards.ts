// Contract interfaces for supplier scorecards (docs/scorecards.md).

/** The scored metrics, in the order the ranking table shows them. */
export const SCORECARD_METRICS = [
  'onTimeDelivery',
  'fillRate',
  'confirmationLeadTime',
  'shortClose',
  'agedStock',
  'turnover',
  'disputes',
] as const;
export type ScorecardMetric = (typeof SCORECARD_METRICS)[number];

/** Trend buckets: calendar months (default) or ISO weeks (Monday to Sunday). */
export const SCORECARD_GRANULARITIES = ['month', 'week'] as const;
export type ScorecardGranularity = (typeof SCORECARD_GRANULARITIES)[number];

/** A ≥ 90, B ≥ 75, C ≥ 60, D below. */
export const SCORECARD_GRADES = ['A', 'B', 'C', 'D'] as const;
export type ScorecardGrade = (typeof SCORECARD_GRADES)[number];

/** What went into each metric (quantities and ratios as decimal strings, counts as numbers). */
export interface ScorecardMetrics {
  /** Deliveries (receipt × call-off line) received in the period, against the promised date. */
  onTimeDelivery: {
    deliveries: number;
    onTime: number;
    late: number;
    pct: string | null;
    avgDaysLate: string | null;
  };
  /** Confirmed call-off lines promised in the period (and due): received vs confirmed. */
  fillRate: {
    lines: number;
    confirmedQty: string;
    receivedQty: string;
    pct: string | null;
  };
  /** Call-offs first confirmed in the period: hours from creation to that confirmation. */
  confirmationLeadTime: {
    confirmations: number;
    medianHours: string | null;
    avgHours: string | null;
  };
  /** ASNs shipped in the period: what of them was closed short. */
  shortClose: {
    shipments: number;
    shipmentsClosedShort: number;
    shippedQty: string;
    shortClosedQty: string;
    pct: string | null;
  };
  /** The supplier's consignment stock at the buyer's sites. */
  consignment: {
    consumedQty: string;
    avgOnHandQty: string;
    turnover: string | null;
    annualizedTurnover: string | null;
    onHandQty: string;
    agedQty: string;
    agedSharePct: string | null;
    agingDays: number;
  };
  /** Issued statements whose period ends in this one: lines the supplier disputed. */
  disputes: {
    statements: number;
    statementLines: number;
    disputedLines: number;
    pct: string | null;
  };
}

/** One supplier's scorecard at one buyer over one period (or one trend bucket). */
export interface SupplierScorecard {
  buyerOrgId: string;
  supplierOrgId: string;
  supplierCode: string;
  supplierName: string;
  periodFrom: string;
  periodTo: string;
  /** The last day the figures cover: periodTo, or today when the period is not over. */
  asOf: string;
  /** 1 = best among the buyer's suppliers (ties share a rank); null in a supplier's own view and in trends. */
  rank: number | null;
  /** Weighted 0–100 over the metrics that have data; null when none has. */
  score: string | null;
  grade: ScorecardGrade | null;
  subscores: Record<ScorecardMetric, string | null>;
  metrics: ScorecardMetrics;
}

export interface ScorecardQuery {
  from?: string;
  to?: string;
  /** Supplier callers: only this buyer. */
  buyerOrgId?: string;
  limit?: number;
  cursor?: string;
}

export interface ScorecardTrendQuery {
  from?: string;
  to?: string;
  granularity?: ScorecardGranularity;
  /** Supplier callers linked to several buyers name the buyer. */
  buyerOrgId?: string;
}

/** GET /scorecards: the ranking (a buyer) or one's own scorecards (a supplier), paged. */
export interface ScorecardRanking {
  periodFrom: string;
  periodTo: string;
  weights: Record<ScorecardMetric, number>;
  items: SupplierScorecard[];
  nextCursor: string | null;
}

/** GET /scorecards/{supplierOrgId}: the whole period plus one scorecard per bucket. */
export interface ScorecardTrend {
  buyerOrgId: string;
  supplierOrgId: string;
  supplierCode: string;
  supplierName: string;
  granularity: ScorecardGranularity;
  periodFrom: string;
  periodTo: string;
  weights: Record<ScorecardMetric, number>;
  total: SupplierScorecard;
  points: SupplierScorecard[];
}
