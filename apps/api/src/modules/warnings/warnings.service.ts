import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import {
  daysOfCover, safetyStock, sellThroughPct, toDecimal, turnover, Decimal,
} from '@stockbridge/domain';
import type { Page, ReplenishmentProposal, StockHealthRow, WarningSettings, WarningView } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import type { Principal } from '../../common/auth/principal';
import type { StockHealthQueryDto, SupplierStockThresholdDto, WarningQueryDto, WarningSettingsDto } from './dto/warnings.dto';
import { WarningEngine } from './warning-engine';
import { ForecastReader } from '../forecasting/forecast-reader';
import { WarningPriorityService, priorityOf } from '../forecasting/warning-priority.service';
import { addTransferHints } from './proposal-transfer-hints';
import { netDemand } from '../demands/demand-netting';

interface WarningRowDb {
  id: string;
  kind: WarningView['kind'];
  severity: WarningView['severity'];
  status: WarningView['status'];
  location_code: string | null;
  item_code: string;
  owner_org_id: string | null;
  available: string;
  threshold: string;
  deviation_pct: string;
  suggested_qty: string | null;
  raised_at: Date;
  updated_at: Date;
  raised_key: string;
  priority_rank: number;
  priority_reason: string | null;
}

const badCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);
/** Window of the consumption-based analytics, in days. */
const WINDOW_DAYS = 30;

@Injectable()
export class WarningsService {
  constructor(
    private readonly db: Db,
    private readonly engine: WarningEngine,
    private readonly forecasts: ForecastReader,
    private readonly priority: WarningPriorityService,
  ) {}

  /** A buyer reads its tenant; a supplier reads warnings on its own stock at its buyers. */
  private async viewerOf(p: Principal): Promise<{ tenantIds: string[]; ownerOrgId: string | null }> {
    if (p.orgType === 'BUYER' && p.orgId) return { tenantIds: [p.orgId], ownerOrgId: null };
    if (p.orgType === 'SUPPLIER' && p.orgId) {
      const rows = await this.db.query<{ tenant_id: string }>(`SELECT tenant_id FROM supplier_agreements WHERE supplier_org_id = $1`, [p.orgId]);
      return { tenantIds: rows.map((r) => r.tenant_id), ownerOrgId: p.orgId };
    }
    throw new AppError('FORBIDDEN', 'Only buyer and supplier users can read warnings');
  }

  /** NORMAL priority before LOW (docs/forecasting.md), then newest first; keyset-paged on (priority, raised_at, id). */
  async list(p: Principal, q: WarningQueryDto): Promise<Page<WarningView>> {
    const viewer = await this.viewerOf(p);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3) as [number, string, string] | null;
    // One tenant (every buyer, a supplier of one buyer): a scalar equality, so the inbox order is
    // an index scan of warnings_inbox_idx that stops after the page (= ANY(array) on the leading
    // column makes PostgreSQL read and sort every warning of the tenant; bench/README.md).
    const single = viewer.tenantIds.length === 1;
    if (cursor && ((cursor[0] !== 0 && cursor[0] !== 1) || typeof cursor[1] !== 'string' || !isUUID(cursor[2]) || Number.isNaN(Date.parse(cursor[1])))) throw badCursor();
    const rows = await this.db.query<WarningRowDb>(
      `SELECT w.id, w.kind, w.severity, w.status, l.code AS location_code, i.code AS item_code, w.owner_org_id,
              w.available::text AS available, w.threshold::text AS threshold, w.deviation_pct::text AS deviation_pct,
              w.suggested_qty::text AS suggested_qty, w.raised_at, w.updated_at, w.raised_at::text AS raised_key,
              w.priority_rank, w.priority_reason
         FROM warnings w
         JOIN items i ON i.id = w.item_id
         LEFT JOIN locations l ON l.id = w.location_id
        WHERE ${single ? 'w.tenant_id = ($1::uuid[])[1]' : 'w.tenant_id = ANY($1::uuid[])'}
          AND ($2::uuid IS NULL OR w.owner_org_id = $2)
          AND ($3::text IS NULL OR w.status = $3) AND ($4::text IS NULL OR w.kind = $4) AND ($5::text IS NULL OR w.severity = $5)
          AND ($6::text IS NULL OR l.code = $6) AND ($7::text IS NULL OR i.code = $7)
          AND ($8::timestamptz IS NULL OR (w.priority_rank, w.raised_at, w.id) < ($11::smallint, $8::timestamptz, $9::uuid))
        ORDER BY w.priority_rank DESC, w.raised_at DESC, w.id DESC
        LIMIT $10`,
      [viewer.tenantIds, viewer.ownerOrgId, q.status ?? null, q.kind ?? null, q.severity ?? null, q.locationCode ?? null, q.itemCode ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, limit + 1, cursor?.[0] ?? null],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit && last ? encodeCursor([last.priority_rank, last.raised_key, last.id]) : null,
    };
  }

  async acknowledge(p: Principal, tenantId: string, id: string): Promise<WarningView> {
    if (!isUUID(id)) throw notFound('Warning');
    return this.db.transaction(async () => {
      const [current] = await this.db.query<{ status: string }>(`SELECT status FROM warnings WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!current) throw notFound('Warning');
      if (current.status === 'RESOLVED') throw new AppError('INVALID_STATE', 'A resolved warning cannot be acknowledged');
      if (current.status === 'OPEN') {
        await this.db.query(
          `UPDATE warnings SET status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id, p.userId],
        );
        // Acknowledged again and again without action → this key's priority drops (docs/forecasting.md).
        await this.priority.refresh(tenantId, { warningId: id });
      }
      const [row] = await this.db.query<WarningRowDb>(
        `SELECT w.id, w.kind, w.severity, w.status, l.code AS location_code, i.code AS item_code, w.owner_org_id,
                w.available::text AS available, w.threshold::text AS threshold, w.deviation_pct::text AS deviation_pct,
                w.suggested_qty::text AS suggested_qty, w.raised_at, w.updated_at, w.raised_at::text AS raised_key,
                w.priority_rank, w.priority_reason
           FROM warnings w JOIN items i ON i.id = w.item_id LEFT JOIN locations l ON l.id = w.location_id
          WHERE w.tenant_id = $1 AND w.id = $2`,
        [tenantId, id],
      );
      return toView(row as WarningRowDb);
    });
  }

  async putSettings(tenantId: string, dto: WarningSettingsDto): Promise<WarningSettings> {
    await this.db.query(
      `INSERT INTO warning_settings (tenant_id, aging_days, slow_moving_days, expiry_days) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET aging_days = EXCLUDED.aging_days, slow_moving_days = EXCLUDED.slow_moving_days,
                                             expiry_days = EXCLUDED.expiry_days, updated_at = now()`,
      [tenantId, dto.agingDays, dto.slowMovingDays, dto.expiryDays],
    );
    return { agingDays: dto.agingDays, slowMovingDays: dto.slowMovingDays, expiryDays: dto.expiryDays };
  }

  async getSettings(tenantId: string): Promise<WarningSettings> {
    const [row] = await this.db.query<{ aging_days: number; slow_moving_days: number; expiry_days: number }>(
      `SELECT aging_days, slow_moving_days, expiry_days FROM warning_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    return { agingDays: row?.aging_days ?? 90, slowMovingDays: row?.slow_moving_days ?? 60, expiryDays: row?.expiry_days ?? 30 };
  }

  /** Sets one (supplier, item) threshold and re-grades SUPPLIER_LOW_WATER for it at once. */
  async putSupplierThreshold(tenantId: string, dto: SupplierStockThresholdDto): Promise<{ supplierOrgId: string; itemCode: string; thresholdQty: string }> {
    return this.db.transaction(async () => {
      const [link] = await this.db.query(`SELECT 1 FROM supplier_agreements WHERE tenant_id = $1 AND supplier_org_id = $2`, [tenantId, dto.supplierOrgId]);
      if (!link) throw notFound('Supplier');
      const [item] = await this.db.query<{ id: string }>(`SELECT id FROM items WHERE tenant_id = $1 AND code = $2`, [tenantId, dto.itemCode]);
      if (!item) throw notFound('Item');
      const [row] = await this.db.query<{ threshold_qty: string }>(
        `INSERT INTO supplier_stock_thresholds (tenant_id, supplier_org_id, item_id, threshold_qty) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, supplier_org_id, item_id) DO UPDATE SET threshold_qty = EXCLUDED.threshold_qty, updated_at = now()
         RETURNING threshold_qty::text AS threshold_qty`,
        [tenantId, dto.supplierOrgId, item.id, dto.thresholdQty],
      );
      await this.engine.regradeSupplier(tenantId, dto.supplierOrgId, [item.id]);
      return { supplierOrgId: dto.supplierOrgId, itemCode: dto.itemCode, thresholdQty: (row as { threshold_qty: string }).threshold_qty };
    });
  }

  /**
   * Every policy whose available stock (on hand + in transit) is at or below min and that
   * still needs something: suggested = max − (on hand + in transit + open call-offs). The
   * supplier is the policy's preferred one, else the linked supplier with a current price and
   * the shortest lead time (then the lowest org id, so the answer is stable). OPEN demand due
   * within that supplier's lead time is added (docs/warnings.md "Demands and netting").
   */
  async proposals(tenantId: string): Promise<{ items: ReplenishmentProposal[] }> {
    const rows = await this.db.query<{
      location_code: string; item_code: string; supplier_org_id: string | null; min_qty: string; max_qty: string; on_hand: string; in_transit: string; open_qty: string;
      lead_time_days: number | null; demand_qty: string; demand_due_by: string | null; demand_horizon: string;
    }>(
      `SELECT l.code AS location_code, i.code AS item_code,
              coalesce(p.preferred_supplier_org_id, best.supplier_org_id) AS supplier_org_id,
              p.min_qty::text AS min_qty, p.max_qty::text AS max_qty,
              coalesce(b.on_hand, 0)::numeric(20, 6)::text AS on_hand, coalesce(b.in_transit, 0)::numeric(20, 6)::text AS in_transit,
              coalesce(co.qty, 0)::numeric(20, 6)::text AS open_qty,
              lt.lead_time_days, coalesce(dm.qty, 0)::numeric(20, 6)::text AS demand_qty, to_char(dm.due_by, 'YYYY-MM-DD') AS demand_due_by,
              to_char((now() AT TIME ZONE 'UTC')::date + coalesce(lt.lead_time_days, 0), 'YYYY-MM-DD') AS demand_horizon
         FROM stock_policies p
         JOIN locations l ON l.id = p.location_id
         JOIN items i ON i.id = p.item_id
         LEFT JOIN LATERAL (
           SELECT sum(qty) FILTER (WHERE location_kind = 'SITE') AS on_hand, sum(qty) FILTER (WHERE location_kind = 'IN_TRANSIT') AS in_transit
             FROM balances WHERE tenant_id = p.tenant_id AND location_id = p.location_id AND item_id = p.item_id) b ON true
         LEFT JOIN LATERAL (
           SELECT sum(greatest(coalesce(cl.confirmed_qty, cl.qty) - cl.shipped_qty, 0)) AS qty
             FROM call_offs c JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
            WHERE c.tenant_id = p.tenant_id AND c.location_id = p.location_id AND cl.item_id = p.item_id AND c.status IN ('OPEN', 'CONFIRMED')) co ON true
         LEFT JOIN LATERAL (
           SELECT pe.supplier_org_id FROM price_list_entries pe
             JOIN supplier_agreements a ON a.tenant_id = pe.tenant_id AND a.supplier_org_id = pe.supplier_org_id
            WHERE pe.tenant_id = p.tenant_id AND pe.item_id = p.item_id AND pe.valid_to IS NULL
            ORDER BY pe.lead_time_days, pe.supplier_org_id LIMIT 1) best ON true
         -- Demand netting (docs/warnings.md "Demands and netting"): OPEN demand due within the chosen supplier's lead time.
         LEFT JOIN LATERAL (
           SELECT pe.lead_time_days FROM price_list_entries pe
            WHERE pe.tenant_id = p.tenant_id AND pe.item_id = p.item_id AND pe.valid_to IS NULL
              AND pe.supplier_org_id = coalesce(p.preferred_supplier_org_id, best.supplier_org_id)
            ORDER BY pe.valid_from DESC LIMIT 1) lt ON true
         LEFT JOIN LATERAL (
           SELECT sum(d.qty) AS qty, max(d.need_by) AS due_by FROM demands d
            WHERE d.tenant_id = p.tenant_id AND d.location_id = p.location_id AND d.item_id = p.item_id AND d.status = 'OPEN'
              AND d.need_by <= (now() AT TIME ZONE 'UTC')::date + coalesce(lt.lead_time_days, 0)) dm ON true
        WHERE p.tenant_id = $1 AND p.min_qty > 0
          AND (coalesce(b.on_hand, 0) + coalesce(b.in_transit, 0) <= p.min_qty OR dm.qty IS NOT NULL)
        ORDER BY l.code, i.code`,
      [tenantId],
    );
    const items: ReplenishmentProposal[] = [];
    for (const r of rows) {
      const position = { min: r.min_qty, max: r.max_qty, onHand: r.on_hand, inTransit: r.in_transit, openCallOffQty: r.open_qty };
      // API.md's rule, plus the OPEN demand due within the lead time (apps/api/src/modules/demands/demand-netting.ts).
      const netted = netDemand({ ...position, demandQty: r.demand_qty, demandDueBy: r.demand_due_by, leadTimeDays: r.lead_time_days ?? 0 });
      if (!netted) continue;
      const demand = toDecimal(r.demand_qty).gt(0)
        ? { demandQty: r.demand_qty, demandDueBy: r.demand_due_by as string, demandHorizon: r.demand_horizon, demandDriven: netted.demandDriven }
        : {};
      items.push({
        locationCode: r.location_code,
        itemCode: r.item_code,
        supplierOrgId: r.supplier_org_id,
        suggestedQty: netted.suggestedQty.toFixed(6),
        reason: netted.reason,
        ...demand,
      });
    }
    // Forecast fields, and the policies forecast to reach min within the lead time (docs/forecasting.md).
    const extended = await this.forecasts.extendProposals(tenantId, items);
    await addTransferHints(this.db, tenantId, extended);
    return { items: extended };
  }

  /**
   * Stock health per (site, item) with stock or consumption: the heavy lifting (sums over
   * balances, receipt layers by age, title transfers of the window) in one SQL over indexed
   * data; the formulas are the domain's.
   */
  async stockHealth(tenantId: string, q: StockHealthQueryDto): Promise<{ items: StockHealthRow[] }> {
    const rows = await this.db.query<{
      location_id: string; location_code: string; item_code: string; on_hand: string; consumed: string; daily: string[];
      d0_30: string; d31_60: string; d61_90: string; d90p: string; lead_time_days: number | null;
    }>(
      `WITH keys AS (
         SELECT DISTINCT b.location_id, b.item_id FROM balances b
          WHERE b.tenant_id = $1 AND b.location_kind = 'SITE'
         UNION
         SELECT DISTINCT tt.location_id, tt.item_id FROM title_transfers tt
          WHERE tt.tenant_id = $1 AND tt.effective_date > current_date - $3::int)
       SELECT l.id AS location_id, l.code AS location_code, i.code AS item_code,
              coalesce(age.on_hand, 0)::numeric(20, 6)::text AS on_hand,
              coalesce(age.d0_30, 0)::numeric(20, 6)::text AS d0_30, coalesce(age.d31_60, 0)::numeric(20, 6)::text AS d31_60,
              coalesce(age.d61_90, 0)::numeric(20, 6)::text AS d61_90, coalesce(age.d90p, 0)::numeric(20, 6)::text AS d90p,
              coalesce(cons.total, 0)::numeric(20, 6)::text AS consumed,
              coalesce(cons.daily, ARRAY[]::text[]) AS daily,
              lt.lead_time_days
         FROM keys k
         JOIN locations l ON l.tenant_id = $1 AND l.id = k.location_id
         JOIN items i ON i.tenant_id = $1 AND i.id = k.item_id
         LEFT JOIN LATERAL (
           SELECT sum(b.qty) AS on_hand,
                  sum(b.qty) FILTER (WHERE a.days <= 30) AS d0_30,
                  sum(b.qty) FILTER (WHERE a.days > 30 AND a.days <= 60) AS d31_60,
                  sum(b.qty) FILTER (WHERE a.days > 60 AND a.days <= 90) AS d61_90,
                  sum(b.qty) FILTER (WHERE a.days > 90) AS d90p
             FROM balances b JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
             CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM (now() - rl.received_at)) / 86400)::int AS days) a
            WHERE b.tenant_id = $1 AND b.location_kind = 'SITE' AND b.location_id = k.location_id AND b.item_id = k.item_id) age ON true
         LEFT JOIN LATERAL (
           SELECT sum(d.qty) AS total, array_agg(d.qty::text) AS daily FROM (
             SELECT tt.effective_date, sum(tt.qty) AS qty FROM title_transfers tt
              WHERE tt.tenant_id = $1 AND tt.location_id = k.location_id AND tt.item_id = k.item_id
                AND tt.effective_date > current_date - $3::int AND tt.kind = 'CONSUMPTION'
              GROUP BY tt.effective_date) d) cons ON true
         LEFT JOIN LATERAL (
           SELECT pe.lead_time_days FROM price_list_entries pe
             LEFT JOIN stock_policies sp ON sp.tenant_id = pe.tenant_id AND sp.location_id = k.location_id AND sp.item_id = k.item_id
            WHERE pe.tenant_id = $1 AND pe.item_id = k.item_id AND pe.valid_to IS NULL
              AND (sp.preferred_supplier_org_id IS NULL OR sp.preferred_supplier_org_id = pe.supplier_org_id)
            ORDER BY pe.lead_time_days LIMIT 1) lt ON true
        WHERE ($2::text IS NULL OR l.code = $2)
        ORDER BY l.code, i.code`,
      [tenantId, q.locationCode ?? null, WINDOW_DAYS],
    );
    // Sell-through per site: share of the site's SKUs with any consumption in the window.
    const perSite = new Map<string, { skus: number; consumed: number }>();
    for (const r of rows) {
      const s = perSite.get(r.location_id) ?? { skus: 0, consumed: 0 };
      s.skus += 1;
      if (toDecimal(r.consumed).gt(0)) s.consumed += 1;
      perSite.set(r.location_id, s);
    }
    const items: StockHealthRow[] = rows.map((r) => {
        const avg = Decimal.max(toDecimal(r.consumed), 0).dividedBy(WINDOW_DAYS);
        const daily = [...r.daily.map((d) => toDecimal(d)), ...Array(Math.max(WINDOW_DAYS - r.daily.length, 0)).fill(new Decimal(0))];
        const variance = daily.reduce((acc: Decimal, d: Decimal) => acc.plus(d.minus(avg).pow(2)), new Decimal(0)).dividedBy(WINDOW_DAYS);
        const site = perSite.get(r.location_id) as { skus: number; consumed: number };
        const cover = daysOfCover(r.on_hand, avg);
        const turns = turnover(Decimal.max(toDecimal(r.consumed), 0), r.on_hand);
        return {
          locationCode: r.location_code,
          itemCode: r.item_code,
          onHand: r.on_hand,
          daysOfCover: cover === null ? null : cover.toFixed(2),
          turnover: turns === null ? null : turns.toFixed(2),
          sellThroughPct: (sellThroughPct(site.consumed, site.skus) as Decimal).toFixed(2),
          ageBuckets: { d0_30: r.d0_30, d31_60: r.d31_60, d61_90: r.d61_90, d90p: r.d90p },
          safetyStockSuggestion: safetyStock(avg, r.lead_time_days ?? 0, variance.sqrt()).toFixed(6),
        };
      });
    // Forecast-based days of cover and safety stock, added to each row (docs/forecasting.md).
    return { items: await this.forecasts.extendStockHealth(tenantId, items) };
  }
}

function toView(r: WarningRowDb): WarningView {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    locationCode: r.location_code,
    itemCode: r.item_code,
    ownerOrgId: r.owner_org_id,
    available: r.available,
    threshold: r.threshold,
    deviationPct: r.deviation_pct,
    suggestedQty: r.suggested_qty,
    raisedAt: r.raised_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    priority: priorityOf(r.priority_rank),
    priorityReason: r.priority_reason,
  };
}


