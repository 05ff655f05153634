import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import {
  SEVERITIES,
  WARNING_KINDS,
  type CurrencyAmount,
  type DashboardKpis,
  type Page,
  type PositionWarning,
  type Severity,
  type SeverityCounts,
  type StockTrend,
  type SupplierBuyerOverview,
  type SupplierPosition,
  type WarningHeatmap,
  type WarningKind,
} from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import type { HeatmapQueryDto, StockTrendQueryDto, SupplierPositionQueryDto } from './dto/dashboard-analytics.dto';

/** Window of the consumption-based figures (as GET /analytics/stock-health), in days. */
const WINDOW_DAYS = 30;
const HEATMAP_DEFAULT_ITEMS = 40;
const TREND_DEFAULT_DAYS = 30;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Severity as a number for max()/ordering in SQL: 0 = nothing open. */
const SEVERITY_RANK_SQL = (col: string) => `CASE ${col} WHEN 'RED' THEN 3 WHEN 'ORANGE' THEN 2 WHEN 'YELLOW' THEN 1 ELSE 0 END`;
const severityOfRank = (rank: number): Severity | null => (rank > 0 ? (SEVERITIES[rank - 1] as Severity) : null);

/** Counts of open warnings per severity, as SQL select-list items over a `warnings` alias. */
const COUNT_COLUMNS = (w: string) => `
  count(*) FILTER (WHERE ${w}.severity = 'YELLOW')::int AS yellow,
  count(*) FILTER (WHERE ${w}.severity = 'ORANGE')::int AS orange,
  count(*) FILTER (WHERE ${w}.severity = 'RED')::int AS red,
  count(*)::int AS total,
  count(*) FILTER (WHERE ${w}.status = 'ACKNOWLEDGED')::int AS acknowledged`;

interface CountRow {
  yellow: number;
  orange: number;
  red: number;
  total: number;
  acknowledged: number;
}
const countsOf = (r: Partial<CountRow> | undefined): SeverityCounts => ({
  YELLOW: r?.yellow ?? 0,
  ORANGE: r?.orange ?? 0,
  RED: r?.red ?? 0,
  total: r?.total ?? 0,
  acknowledged: r?.acknowledged ?? 0,
});

const badCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);

/**
 * The dashboards' read models: the buyer's KPIs, heat map and stock trend, the supplier's
 * overview per buyer and its positions. Every figure is aggregated in PostgreSQL over indexed
 * data (balances by tenant/site/item or by owner, postings by account, title transfers by
 * (tenant, supplier, date), open warnings by the open-key index); nothing loads the ledger.
 */
@Injectable()
export class DashboardAnalyticsService {
  constructor(private readonly db: Db) {}

  /** Open warnings by severity, consignment stock value per currency, days of cover. */
  async kpis(tenantId: string): Promise<DashboardKpis> {
    const [row] = await this.db.query<{
      counts: CountRow;
      value: Array<{ currency: string; amount: string }> | null;
      unpriced: number;
      cover: { average: string | null; min: string | null; min_location: string | null; min_item: string | null; measured: number } | null;
      idle: number;
      as_of: Date;
    }>(
      `WITH stock AS MATERIALIZED (
         -- one pass over the tenant's site balances (balances_stock_idx)
         SELECT b.location_id, b.item_id, b.owner_org_id, sum(b.qty) AS qty
           FROM balances b
          WHERE b.tenant_id = $1 AND b.location_kind = 'SITE'
          GROUP BY b.location_id, b.item_id, b.owner_org_id
         HAVING sum(b.qty) > 0),
       consignment AS (
         SELECT s.owner_org_id, s.item_id, sum(s.qty) AS qty, pe.currency, pe.unit_price
           FROM stock s
           LEFT JOIN price_list_entries pe
             ON pe.tenant_id = $1 AND pe.supplier_org_id = s.owner_org_id AND pe.item_id = s.item_id AND pe.valid_to IS NULL
          WHERE s.owner_org_id <> $1
          GROUP BY s.owner_org_id, s.item_id, pe.currency, pe.unit_price),
       consumed AS (
         -- title transfers of the window, one title_transfers_statement_idx range per linked
         -- supplier (OFFSET 0 keeps the lateral a parameterised scan, never a tenant-wide one)
         SELECT tt.location_id, tt.item_id, sum(tt.qty) AS qty
           FROM supplier_agreements a
           CROSS JOIN LATERAL (
             SELECT x.location_id, x.item_id, x.qty FROM title_transfers x
              WHERE x.tenant_id = a.tenant_id AND x.supplier_org_id = a.supplier_org_id AND x.effective_date > current_date - $2::int
             OFFSET 0) tt
          WHERE a.tenant_id = $1
          GROUP BY tt.location_id, tt.item_id
         HAVING sum(tt.qty) > 0),
       on_hand AS (
         SELECT location_id, item_id, sum(qty) AS qty FROM stock GROUP BY location_id, item_id),
       cover AS (
         SELECT c.location_id, c.item_id, coalesce(h.qty, 0) / (c.qty / $2::int) AS days
           FROM consumed c LEFT JOIN on_hand h ON h.location_id = c.location_id AND h.item_id = c.item_id)
       SELECT
         (SELECT row_to_json(x) FROM (SELECT ${COUNT_COLUMNS('w')} FROM warnings w WHERE w.tenant_id = $1 AND w.status <> 'RESOLVED') x) AS counts,
         (SELECT json_agg(json_build_object('currency', v.currency, 'amount', v.amount::text) ORDER BY v.currency)
            FROM (SELECT currency, round(sum(qty * unit_price), 2) AS amount FROM consignment WHERE currency IS NOT NULL GROUP BY currency) v) AS value,
         (SELECT count(*)::int FROM consignment WHERE currency IS NULL) AS unpriced,
         (SELECT json_build_object(
                   'average', (SELECT round(avg(days), 2)::text FROM cover),
                   'min', round(m.days, 2)::text, 'min_location', l.code, 'min_item', i.code,
                   'measured', (SELECT count(*)::int FROM cover))
            FROM (SELECT NULL) one
            LEFT JOIN LATERAL (
              SELECT c.days, c.location_id, c.item_id FROM cover c
                JOIN locations l2 ON l2.id = c.location_id JOIN items i2 ON i2.id = c.item_id
               ORDER BY c.days, l2.code, i2.code LIMIT 1) m ON true
            LEFT JOIN locations l ON l.id = m.location_id
            LEFT JOIN items i ON i.id = m.item_id) AS cover,
         (SELECT count(*)::int FROM on_hand h WHERE NOT EXISTS (
            SELECT 1 FROM consumed c WHERE c.location_id = h.location_id AND c.item_id = h.item_id)) AS idle,
         now() AS as_of`,
      [tenantId, WINDOW_DAYS],
    );
    const r = row as NonNullable<typeof row>;
    return {
      openWarnings: countsOf(r.counts),
      stockValue: (r.value ?? []).map((v) => ({ currency: v.currency, amount: v.amount })),
      unpricedRows: r.unpriced,
      daysOfCover: {
        average: r.cover?.average ?? null,
        min: r.cover?.min ?? null,
        minLocationCode: r.cover?.min_location ?? null,
        minItemCode: r.cover?.min_item ?? null,
        measured: r.cover?.measured ?? 0,
        idle: r.idle,
      },
      asOf: r.as_of.toISOString(),
    };
  }

  /**
   * Sites × items coloured by the worst open warning. The keys are the stock policies plus
   * every open warning at a site; items are ranked by their worst severity, then by their
   * number of open warnings, then by code, and the first `limit` make the grid.
   */
  async heatmap(tenantId: string, q: HeatmapQueryDto): Promise<WarningHeatmap> {
    const limit = q.limit ?? HEATMAP_DEFAULT_ITEMS;
    const rows = await this.db.query<{
      location_code: string; location_name: string; item_code: string; item_description: string; item_ord: number;
      rank: number; n: number; kinds: string[]; item_count: number;
    }>(
      `WITH open_w AS (
         SELECT w.location_id, w.item_id, max(${SEVERITY_RANK_SQL('w.severity')}) AS rank, count(*)::int AS n,
                array_agg(DISTINCT w.kind ORDER BY w.kind) AS kinds
           FROM warnings w
          WHERE w.tenant_id = $1 AND w.status <> 'RESOLVED' AND w.location_id IS NOT NULL
          GROUP BY w.location_id, w.item_id),
       keys AS (
         SELECT p.location_id, p.item_id FROM stock_policies p WHERE p.tenant_id = $1
         UNION
         SELECT location_id, item_id FROM open_w),
       cells AS (
         SELECT k.location_id, k.item_id, coalesce(o.rank, 0) AS rank, coalesce(o.n, 0) AS n, coalesce(o.kinds, ARRAY[]::text[]) AS kinds
           FROM keys k LEFT JOIN open_w o ON o.location_id = k.location_id AND o.item_id = k.item_id),
       ranked AS (
         SELECT c.item_id, i.code, i.description,
                row_number() OVER (ORDER BY max(c.rank) DESC, sum(c.n) DESC, i.code)::int AS ord,
                count(*) OVER ()::int AS item_count
           FROM cells c JOIN items i ON i.id = c.item_id
          GROUP BY c.item_id, i.code, i.description)
       SELECT l.code AS location_code, l.name AS location_name, r.code AS item_code, r.description AS item_description,
              r.ord AS item_ord, r.item_count, c.rank, c.n, c.kinds
         FROM ranked r
         JOIN cells c ON c.item_id = r.item_id
         JOIN locations l ON l.id = c.location_id
        WHERE r.ord <= $2
        ORDER BY r.ord, l.code`,
      [tenantId, limit],
    );
    const locations = new Map<string, string>();
    const items = new Map<string, string>();
    for (const r of rows) {
      locations.set(r.location_code, r.location_name);
      items.set(r.item_code, r.item_description);
    }
    const itemCount = rows[0]?.item_count ?? 0;
    return {
      locations: [...locations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, name]) => ({ code, name })),
      items: [...items.entries()].map(([code, description]) => ({ code, description })),
      cells: rows.map((r) => ({
        locationCode: r.location_code,
        itemCode: r.item_code,
        severity: severityOfRank(r.rank),
        openWarnings: r.n,
        kinds: r.kinds as WarningKind[],
      })),
      moreItems: Math.max(itemCount - items.size, 0),
    };
  }

  /**
   * On hand (all owners) and in transit at one site for one item, at the end of each of the
   * last `days` business days. Current balances minus the postings dated after each day: the
   * accounts come from balances_stock_idx, their postings from the (tenant, balance, version)
   * index and each posting's date from its journal's primary key.
   */
  async stockTrend(tenantId: string, q: StockTrendQueryDto): Promise<StockTrend> {
    const days = q.days ?? TREND_DEFAULT_DAYS;
    const [key] = await this.db.query<{ location_id: string | null; item_id: string | null; uom: string | null; min_qty: string | null; max_qty: string | null }>(
      `SELECT l.id AS location_id, i.id AS item_id, i.uom, p.min_qty::text AS min_qty, p.max_qty::text AS max_qty
         FROM (SELECT 1) one
         LEFT JOIN locations l ON l.tenant_id = $1 AND l.code = $2
         LEFT JOIN items i ON i.tenant_id = $1 AND i.code = $3
         LEFT JOIN stock_policies p ON p.tenant_id = $1 AND p.location_id = l.id AND p.item_id = i.id`,
      [tenantId, q.locationCode, q.itemCode],
    );
    if (!key?.location_id) throw notFound(`Location ${q.locationCode}`);
    if (!key.item_id) throw notFound(`Item ${q.itemCode}`);
    const points = await this.db.query<{ date: string; on_hand: string; in_transit: string }>(
      `WITH acc AS MATERIALIZED (
         SELECT b.id, b.location_kind, b.qty FROM balances b
          WHERE b.tenant_id = $1 AND b.location_id = $2 AND b.item_id = $3),
       cur AS (
         SELECT coalesce(sum(qty) FILTER (WHERE location_kind = 'SITE'), 0) AS on_hand,
                coalesce(sum(qty) FILTER (WHERE location_kind = 'IN_TRANSIT'), 0) AS in_transit
           FROM acc),
       moves AS (
         -- per account: its postings ((tenant, balance, version) index), each one's date from its
         -- journal's primary key; OFFSET 0 keeps this driven by the accounts, not by every
         -- journal of the tenant in the window
         SELECT m.d,
                coalesce(sum(m.qty) FILTER (WHERE a.location_kind = 'SITE'), 0) AS site,
                coalesce(sum(m.qty) FILTER (WHERE a.location_kind = 'IN_TRANSIT'), 0) AS transit
           FROM acc a
           CROSS JOIN LATERAL (
             SELECT (SELECT j.effective_date FROM journals j WHERE j.tenant_id = p.tenant_id AND j.id = p.journal_id) AS d, p.qty
               FROM postings p
              WHERE p.tenant_id = $1 AND p.balance_id = a.id AND p.balance_id IS NOT NULL
             OFFSET 0) m
          WHERE m.d > current_date - ($4::int - 1)
          GROUP BY m.d),
       series AS (
         SELECT g::date AS d FROM generate_series(current_date - ($4::int - 1), current_date, interval '1 day') g)
       SELECT to_char(s.d, 'YYYY-MM-DD') AS date,
              (cur.on_hand - coalesce((SELECT sum(m.site) FROM moves m WHERE m.d > s.d), 0))::numeric(20, 6)::text AS on_hand,
              (cur.in_transit - coalesce((SELECT sum(m.transit) FROM moves m WHERE m.d > s.d), 0))::numeric(20, 6)::text AS in_transit
         FROM series s CROSS JOIN cur
        ORDER BY s.d`,
      [tenantId, key.location_id, key.item_id, days],
    );
    return {
      locationCode: q.locationCode,
      itemCode: q.itemCode,
      uom: key.uom as string,
      minQty: key.min_qty,
      maxQty: key.max_qty,
      points: points.map((p) => ({ date: p.date, onHand: p.on_hand, inTransit: p.in_transit })),
    };
  }

  /** Per linked buyer: open warnings on the supplier's stock there, its stock value and spread. */
  async supplierOverview(supplierOrgId: string): Promise<{ items: SupplierBuyerOverview[] }> {
    const rows = await this.db.query<{
      buyer_org_id: string; buyer_code: string; buyer_name: string; currency: string;
      counts: CountRow | null; value: CurrencyAmount[] | null; positions: number; sites: number;
    }>(
      `WITH buyers AS (
         SELECT a.tenant_id, a.currency, o.code, o.name
           FROM supplier_agreements a JOIN organizations o ON o.id = a.tenant_id
          WHERE a.supplier_org_id = $1),
       stock AS MATERIALIZED (
         -- the supplier's accounts at its buyers (balances_owner_idx)
         SELECT b.tenant_id, b.location_id, b.item_id,
                coalesce(sum(b.qty) FILTER (WHERE b.location_kind = 'SITE'), 0) AS on_hand
           FROM balances b
          WHERE b.owner_org_id = $1 AND b.tenant_id IN (SELECT tenant_id FROM buyers)
          GROUP BY b.tenant_id, b.location_id, b.item_id
         HAVING sum(b.qty) > 0),
       valued AS (
         SELECT s.tenant_id, pe.currency, round(sum(s.on_hand * pe.unit_price), 2) AS amount
           FROM (SELECT tenant_id, item_id, sum(on_hand) AS on_hand FROM stock GROUP BY tenant_id, item_id HAVING sum(on_hand) > 0) s
           JOIN price_list_entries pe
             ON pe.tenant_id = s.tenant_id AND pe.supplier_org_id = $1 AND pe.item_id = s.item_id AND pe.valid_to IS NULL
          GROUP BY s.tenant_id, pe.currency)
       SELECT b.tenant_id AS buyer_org_id, b.code AS buyer_code, b.name AS buyer_name, trim(b.currency) AS currency,
              (SELECT row_to_json(x) FROM (
                 SELECT ${COUNT_COLUMNS('w')} FROM warnings w
                  WHERE w.owner_org_id = $1 AND w.tenant_id = b.tenant_id AND w.status <> 'RESOLVED') x) AS counts,
              (SELECT json_agg(json_build_object('currency', trim(v.currency), 'amount', v.amount::text) ORDER BY v.currency)
                 FROM valued v WHERE v.tenant_id = b.tenant_id) AS value,
              (SELECT count(*)::int FROM stock s WHERE s.tenant_id = b.tenant_id) AS positions,
              (SELECT count(DISTINCT s.location_id)::int FROM stock s WHERE s.tenant_id = b.tenant_id) AS sites
         FROM buyers b
        ORDER BY b.code`,
      [supplierOrgId],
    );
    return {
      items: rows.map((r) => ({
        buyerOrgId: r.buyer_org_id,
        buyerCode: r.buyer_code,
        buyerName: r.buyer_name,
        currency: r.currency,
        openWarnings: countsOf(r.counts ?? undefined),
        stockValue: r.value ?? [],
        positions: r.positions,
        sites: r.sites,
      })),
    };
  }

  /**
   * The supplier's positions at its buyers: every (site, item) where it has stock on hand or in
   * transit, and every open warning on its stock (SUPPLIER_LOW_WATER has no site), each with
   * its open warnings. Ordered by (buyer, site code, item code), keyset-paged.
   */
  async supplierPositions(supplierOrgId: string, q: SupplierPositionQueryDto): Promise<Page<SupplierPosition>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3) as [string, string, string] | null;
    if (cursor && !(isUUID(cursor[0]) && cursor.every((v) => typeof v === 'string'))) throw badCursor();
    if (q.sort !== undefined && q.sort !== 'location') {
      throw new AppError('VALIDATION_FAILED', 'sort must be location (buyer, site, item)', [{ path: 'sort', message: 'sort must be location', value: q.sort }]);
    }
    const buyers = await this.db.query<{ tenant_id: string }>(
      `SELECT tenant_id FROM supplier_agreements WHERE supplier_org_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2)`,
      [supplierOrgId, q.buyerOrgId ?? null],
    );
    if (q.buyerOrgId && buyers.length === 0) throw notFound('Buyer');
    if (buyers.length === 0) return { items: [], nextCursor: null };
    const rows = await this.db.query<{
      tenant_id: string; location_code: string | null; item_code: string; sort_location: string;
      on_hand: string; in_transit: string; warnings: PositionWarning[] | null;
    }>(
      `WITH keys AS (
         SELECT b.tenant_id, b.location_id, b.item_id FROM balances b
          WHERE b.owner_org_id = $1 AND b.tenant_id = ANY($2::uuid[])
          GROUP BY b.tenant_id, b.location_id, b.item_id
         HAVING sum(b.qty) > 0
         UNION
         SELECT w.tenant_id, w.location_id, w.item_id FROM warnings w
          WHERE w.owner_org_id = $1 AND w.tenant_id = ANY($2::uuid[]) AND w.status <> 'RESOLVED'),
       page AS (
         SELECT k.tenant_id, k.location_id, k.item_id, l.code AS location_code, i.code AS item_code, coalesce(l.code, '') AS sort_location
           FROM keys k
           JOIN items i ON i.id = k.item_id
           LEFT JOIN locations l ON l.id = k.location_id
          WHERE ($3::text IS NULL OR l.code = $3) AND ($4::text IS NULL OR i.code = $4)
            AND ($5::text IS NULL OR (k.tenant_id::text, coalesce(l.code, ''), i.code) > ($5::text, $6::text, $7::text))
          ORDER BY k.tenant_id::text, coalesce(l.code, ''), i.code
          LIMIT $8)
       SELECT p.tenant_id, p.location_code, p.item_code, p.sort_location,
              coalesce(s.on_hand, 0)::numeric(20, 6)::text AS on_hand, coalesce(s.in_transit, 0)::numeric(20, 6)::text AS in_transit,
              ws.list AS warnings
         FROM page p
         LEFT JOIN LATERAL (
           SELECT sum(b.qty) FILTER (WHERE b.location_kind = 'SITE') AS on_hand,
                  sum(b.qty) FILTER (WHERE b.location_kind = 'IN_TRANSIT') AS in_transit
             FROM balances b
            WHERE p.location_id IS NOT NULL AND b.tenant_id = p.tenant_id AND b.location_id = p.location_id
              AND b.item_id = p.item_id AND b.owner_org_id = $1) s ON true
         LEFT JOIN LATERAL (
           -- probes of the open-key index (tenant, kind, site, item, owner)
           SELECT json_agg(json_build_object('id', w.id, 'kind', w.kind, 'severity', w.severity, 'status', w.status,
                                             'available', w.available::text, 'threshold', w.threshold::text)
                           ORDER BY ${SEVERITY_RANK_SQL('w.severity')} DESC, w.kind) AS list
             FROM warnings w
            WHERE w.tenant_id = p.tenant_id AND w.kind = ANY($9::text[])
              AND coalesce(w.location_id, '${ZERO_UUID}'::uuid) = coalesce(p.location_id, '${ZERO_UUID}'::uuid)
              AND w.item_id = p.item_id AND coalesce(w.owner_org_id, '${ZERO_UUID}'::uuid) = $1
              AND w.status <> 'RESOLVED') ws ON true
        ORDER BY p.tenant_id::text, p.sort_location, p.item_code`,
      [
        supplierOrgId, buyers.map((b) => b.tenant_id), q.locationCode ?? null, q.itemCode ?? null,
        cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, limit + 1, [...WARNING_KINDS],
      ],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => {
        const warnings = r.warnings ?? [];
        return {
          buyerOrgId: r.tenant_id,
          locationCode: r.location_code,
          itemCode: r.item_code,
          onHand: r.on_hand,
          inTransit: r.in_transit,
          worstSeverity: warnings[0]?.severity ?? null,
          warnings,
        };
      }),
      nextCursor: more && last ? encodeCursor([last.tenant_id, last.sort_location, last.item_code]) : null,
    };
  }
}
