import { Inject, Injectable } from '@nestjs/common';
import { Decimal, daysOfCover, demandOver, leadTimeDemandStdDev, normalQuantile, plainNumber, toDecimal } from '@stockbridge/domain';
import type { ReplenishmentProposal, StockHealthRow } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { FORECASTING_SETTINGS, type ForecastingSettings } from './forecasting.settings';
import { bestSupplyCte, leadTimeOf, leadTimeStatsCte, supplierJoins } from './persistence/supply.sql';

/**
 * Forecast fields added to a replenishment proposal (additive to API.md's). Present only when
 * (location, item) has a forecast of today; a proposal without them is API.md's min rule.
 */
export interface ProposalForecast {
  /** Average daily forecast (cached forecast of today); null without one. */
  forecastDailyQty: string | null;
  /** Lead time planned with (observed or the price list's), days. */
  leadTimeDays: string | null;
  /** Forecast demand over the lead time. */
  forecastLeadTimeDemand: string | null;
  /** On hand ÷ average daily forecast. */
  daysOfCover: string | null;
  /**
   * MIN: at or below min now (API.md's rule); DEMAND: proposed for planners' demand due within
   * the lead time (demandDriven); FORECAST: above min now, but forecast demand over the lead
   * time takes it to min or below.
   */
  trigger: 'MIN' | 'DEMAND' | 'FORECAST';
}

/** Forecast fields added to a stock-health row; present only when (location, item) has a forecast of today. */
export interface StockHealthForecast {
  forecastDailyQty: string | null;
  forecastDaysOfCover: string | null;
  /** z · √(L σ_d² + d² σ_L²) at the configured service level, from the forecast's error and the lead time. */
  forecastSafetyStock: string | null;
  forecastMethod: string | null;
}

interface PolicyForecastRow {
  location_code: string;
  item_code: string;
  decimals: number;
  supplier_org_id: string | null;
  min_qty: string | null;
  max_qty: string | null;
  on_hand: string;
  in_transit: string;
  open_qty: string;
  avg_daily: string | null;
  rmse: number | null;
  horizon: number[] | null;
  method: string | null;
  lead_time_days: number | null;
  n: number | null;
  mean_days: number | null;
  std_days: number | null;
}

const q6 = (x: number) => (x > 0 && Number.isFinite(x) ? x : 0).toFixed(6);

/**
 * What the rest of the application reads of the forecasts: additive forecast fields for
 * replenishment proposals and stock health. Reads the cached forecasts (demand_forecasts) of
 * today only; a stale or missing forecast contributes nulls, never an error.
 */
@Injectable()
export class ForecastReader {
  constructor(
    private readonly db: Db,
    @Inject(FORECASTING_SETTINGS) private readonly settings: ForecastingSettings,
  ) {}

  /** Position, policy, supplier, lead time and today's forecast of each (site code, item code) — or of every policy when `codes` is null. */
  private async positions(tenantId: string, codes: Array<{ locationCode: string; itemCode: string }> | null): Promise<PolicyForecastRow[]> {
    return this.db.query<PolicyForecastRow>(
      `WITH ${leadTimeStatsCte('$1')},
       keys AS (
         SELECT l.id AS location_id, i.id AS item_id, l.code AS location_code, i.code AS item_code, i.decimals
           FROM unnest($2::text[], $3::text[]) AS k(l, i)
           JOIN locations l ON l.tenant_id = $1 AND l.code = k.l
           JOIN items i ON i.tenant_id = $1 AND i.code = k.i
          WHERE NOT $4
         UNION ALL
         SELECT p.location_id, p.item_id, l.code, i.code, i.decimals
           FROM stock_policies p JOIN locations l ON l.id = p.location_id JOIN items i ON i.id = p.item_id
          WHERE $4 AND p.tenant_id = $1 AND p.min_qty > 0),
       ${bestSupplyCte('$1', 'SELECT item_id FROM keys')}
       SELECT k.location_code, k.item_code, k.decimals, sup.supplier_org_id,
              p.min_qty::text AS min_qty, p.max_qty::text AS max_qty,
              coalesce(b.on_hand, 0)::numeric(20, 6)::text AS on_hand, coalesce(b.in_transit, 0)::numeric(20, 6)::text AS in_transit,
              coalesce(co.qty, 0)::numeric(20, 6)::text AS open_qty,
              f.avg_daily::text AS avg_daily, f.rmse_daily::float8 AS rmse, f.horizon::float8[] AS horizon, f.method,
              sup.lead_time_days, st.n, st.mean_days, st.std_days
         FROM keys k
         LEFT JOIN stock_policies p ON p.tenant_id = $1 AND p.location_id = k.location_id AND p.item_id = k.item_id
         LEFT JOIN demand_forecasts f ON f.tenant_id = $1 AND f.location_id = k.location_id AND f.item_id = k.item_id
              AND f.as_of = (now() AT TIME ZONE 'UTC')::date
         ${supplierJoins('$1', 'k.item_id', 'p.preferred_supplier_org_id')}
         LEFT JOIN lt_stats st ON st.supplier_org_id = sup.supplier_org_id AND st.item_id = k.item_id
         LEFT JOIN LATERAL (
           SELECT sum(qty) FILTER (WHERE location_kind = 'SITE') AS on_hand, sum(qty) FILTER (WHERE location_kind = 'IN_TRANSIT') AS in_transit
             FROM balances WHERE tenant_id = $1 AND location_id = k.location_id AND item_id = k.item_id) b ON true
         LEFT JOIN LATERAL (
           SELECT sum(greatest(coalesce(cl.confirmed_qty, cl.qty) - cl.shipped_qty, 0)) AS qty
             FROM call_offs c JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
            WHERE c.tenant_id = $1 AND c.location_id = k.location_id AND cl.item_id = k.item_id AND c.status IN ('OPEN', 'CONFIRMED')) co ON true`,
      [tenantId, (codes ?? []).map((c) => c.locationCode), (codes ?? []).map((c) => c.itemCode), codes === null],
    );
  }

  private static leadTimeDemand(r: PolicyForecastRow): { lead: number | null; demand: number | null } {
    const lt = leadTimeOf(r.lead_time_days, r);
    if (!lt || !r.horizon) return { lead: lt?.days ?? null, demand: null };
    return { lead: lt.days, demand: demandOver(r.horizon, lt.days) };
  }

  private static forecastFields(r: PolicyForecastRow | undefined, trigger: ProposalForecast['trigger']): ProposalForecast | Record<string, never> {
    if (!r || r.avg_daily === null) return {};
    const { lead, demand } = ForecastReader.leadTimeDemand(r);
    const cover = r.avg_daily === null ? null : daysOfCover(r.on_hand, r.avg_daily);
    return {
      forecastDailyQty: r.avg_daily,
      leadTimeDays: lead === null ? null : lead.toFixed(2),
      forecastLeadTimeDemand: demand === null ? null : q6(demand),
      daysOfCover: cover === null ? null : cover.toFixed(2),
      trigger,
    };
  }

  /**
   * Adds the forecast fields to API.md's proposals (which stay as they are) and appends the
   * policies that are still above min but whose position (on hand + in transit + open
   * call-offs) minus the forecast demand over the lead time is at or below min: order now what
   * brings the projected position back to max — max − (position − lead-time demand), rounded up
   * to the item's decimals. Sorted by location, then item, like the proposals.
   */
  async extendProposals<P extends ReplenishmentProposal>(tenantId: string, proposals: P[]): Promise<Array<P & Partial<ProposalForecast> | ReplenishmentProposal & Partial<ProposalForecast>>> {
    const rows = await this.positions(tenantId, null);
    const byKey = new Map(rows.map((r) => [`${r.location_code}\u0000${r.item_code}`, r]));
    const existing = new Set(proposals.map((p) => `${p.locationCode}\u0000${p.itemCode}`));
    const missing = proposals.filter((p) => !byKey.has(`${p.locationCode}\u0000${p.itemCode}`));
    if (missing.length) for (const r of await this.positions(tenantId, missing)) byKey.set(`${r.location_code}\u0000${r.item_code}`, r);
    const out: Array<P & Partial<ProposalForecast> | ReplenishmentProposal & Partial<ProposalForecast>> = proposals.map((p) => ({
      ...p,
      ...ForecastReader.forecastFields(byKey.get(`${p.locationCode}\u0000${p.itemCode}`), p.demandDriven ? 'DEMAND' : 'MIN'),
    }));
    for (const r of rows) {
      const key = `${r.location_code}\u0000${r.item_code}`;
      if (existing.has(key) || r.min_qty === null || r.max_qty === null || r.avg_daily === null) continue;
      const { lead, demand } = ForecastReader.leadTimeDemand(r);
      if (lead === null || demand === null || !(demand > 0)) continue;
      const available = toDecimal(r.on_hand).plus(r.in_transit);
      if (available.lte(r.min_qty)) continue; // API.md's own rule covers it
      const position = available.plus(r.open_qty);
      const projected = position.minus(new Decimal(demand.toFixed(6)));
      if (projected.gt(r.min_qty)) continue;
      const qty = toDecimal(r.max_qty).minus(projected).toDecimalPlaces(r.decimals, Decimal.ROUND_CEIL);
      if (!qty.gt(0)) continue;
      out.push({
        locationCode: r.location_code,
        itemCode: r.item_code,
        supplierOrgId: r.supplier_org_id,
        suggestedQty: qty.toFixed(6),
        reason:
          `forecast ${plainNumber(Number(r.avg_daily))}/day (${r.method}) over lead time ${plainNumber(lead, 1)} days = ${plainNumber(demand)}; ` +
          `on hand ${toDecimal(r.on_hand).toString()} + in transit ${toDecimal(r.in_transit).toString()} + open call-offs ${toDecimal(r.open_qty).toString()} − ${plainNumber(demand)} ` +
          `= ${plainNumber(projected.toNumber())} ≤ min ${toDecimal(r.min_qty).toString()} within the lead time; order ${qty.toString()} to reach max ${toDecimal(r.max_qty).toString()}`,
        ...ForecastReader.forecastFields(r, 'FORECAST'),
      });
    }
    return out.sort((a, b) => (a.locationCode < b.locationCode ? -1 : a.locationCode > b.locationCode ? 1 : a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0));
  }

  /** Adds forecast-based days of cover and safety stock to stock-health rows (which stay as they are). */
  async extendStockHealth<R extends StockHealthRow>(tenantId: string, rows: R[]): Promise<Array<R | R & StockHealthForecast>> {
    if (rows.length === 0) return [];
    const found = await this.positions(tenantId, rows);
    const byKey = new Map(found.map((r) => [`${r.location_code}\u0000${r.item_code}`, r]));
    const z = normalQuantile(this.settings.serviceLevel);
    return rows.map((row) => {
      const r = byKey.get(`${row.locationCode}\u0000${row.itemCode}`);
      if (!r || r.avg_daily === null) return row;
      const lt = leadTimeOf(r.lead_time_days, r);
      const cover = daysOfCover(row.onHand, r.avg_daily);
      const sigma = lt ? leadTimeDemandStdDev(lt.days, lt.stdDays, Number(r.avg_daily), r.rmse ?? 0) : null;
      return {
        ...row,
        forecastDailyQty: r.avg_daily,
        forecastDaysOfCover: cover === null ? null : cover.toFixed(2),
        forecastSafetyStock: sigma === null ? null : new Decimal(Math.max(z * sigma, 0).toFixed(9)).toDecimalPlaces(6, Decimal.ROUND_CEIL).toFixed(6),
        forecastMethod: r.method,
      };
    });
  }
}
