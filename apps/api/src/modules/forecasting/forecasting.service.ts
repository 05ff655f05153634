import { Inject, Injectable, Logger } from '@nestjs/common';
import { daysOfCover, forecastDemand, type ForecastResult } from '@stockbridge/domain';
import type { ForecastDetail, ForecastMethod, ForecastRefreshResult, ForecastSelection, ForecastSummary, Page } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import { FORECAST_SORTS, type ForecastQueryDto, type ForecastSort } from './dto/forecasting.dto';
import { FORECASTING_SETTINGS, type ForecastingSettings } from './forecasting.settings';
import { ConsumptionHistory, type PairKey } from './persistence/consumption-history';
import { ThresholdSuggestionsService } from './threshold-suggestions.service';
import { WarningPriorityService } from './warning-priority.service';

interface ForecastRowDb {
  location_code: string;
  item_code: string;
  method: ForecastMethod;
  selection: ForecastSelection;
  wape_pct: string | null;
  mape_pct: string | null;
  avg_daily: string;
  on_hand: string | null;
  history_days: number;
  intermittent: boolean;
  as_of: string;
  computed_at: Date;
  sort_value: string;
}

const SORT_EXPR: Record<ForecastSort, string | null> = {
  location: null,
  wape: 'coalesce(f.wape_pct, 999999999)',
  avgDailyForecast: 'f.avg_daily',
  daysOfCover: `coalesce(CASE WHEN f.avg_daily > 0 THEN round(coalesce(b.on_hand, 0) / f.avg_daily, 2) END, 999999999999)`,
};

const badCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);
/** Pairs forecast between two yields to the event loop (keeps the API responsive during a run). */
const YIELD_EVERY = 200;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const qty = (x: number): string => (x > 0 && Number.isFinite(x) ? x : 0).toFixed(6);
const pct = (x: number | null): string | null => (x === null || !Number.isFinite(x) ? null : x.toFixed(2));
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Demand forecasts per (location, item): computed from the ledger's daily consumption
 * (ConsumptionHistory) by the domain's `forecastDemand`, cached in `demand_forecasts` by the
 * forecast job (once a business day, one instance per tenant at a time) and read from there.
 */
@Injectable()
export class ForecastingService {
  private readonly logger = new Logger(ForecastingService.name);

  constructor(
    private readonly db: Db,
    private readonly history: ConsumptionHistory,
    private readonly suggestions: ThresholdSuggestionsService,
    private readonly priority: WarningPriorityService,
    @Inject(FORECASTING_SETTINGS) private readonly settings: ForecastingSettings,
  ) {}

  /** The cached forecasts, keyset-paged; on hand and days of cover are read live. */
  async list(tenantId: string, q: ForecastQueryDto): Promise<Page<ForecastSummary>> {
    const sort = (q.sort ?? 'location') as ForecastSort;
    if (!FORECAST_SORTS.includes(sort)) {
      throw new AppError('VALIDATION_FAILED', `sort must be one of ${FORECAST_SORTS.join(', ')}`, [
        { path: 'sort', message: `sort must be one of ${FORECAST_SORTS.join(', ')}`, value: q.sort },
      ]);
    }
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const cmp = q.order === 'desc' ? '<' : '>';
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 3);
    if (cursor && !cursor.every((v) => typeof v === 'string')) throw badCursor();
    const expr = SORT_EXPR[sort];
    if (cursor && expr && !/^-?\d+(\.\d+)?$/.test(cursor[0] as string)) throw badCursor();
    const needsStock = sort === 'daysOfCover';
    const stock = (alias: string) =>
      `LEFT JOIN LATERAL (SELECT sum(bb.qty) AS on_hand FROM balances bb
          WHERE bb.tenant_id = ${alias}.tenant_id AND bb.location_id = ${alias}.location_id AND bb.item_id = ${alias}.item_id AND bb.location_kind = 'SITE') b ON true`;
    const params: unknown[] = [tenantId, q.locationCode ?? null, q.itemCode ?? null, q.method ?? null];
    let where = '';
    if (cursor) {
      if (expr) {
        params.push(cursor[0], cursor[1], cursor[2]);
        where = `AND (${expr}, l.code, i.code) ${cmp} ($5::numeric, $6::text, $7::text)`;
      } else {
        params.push(cursor[1], cursor[2]);
        where = `AND (l.code, i.code) ${cmp} ($5::text, $6::text)`;
      }
    }
    params.push(limit + 1);
    const order = `${expr ? `${expr} ${dir}, ` : ''}l.code ${dir}, i.code ${dir}`;
    const rows = await this.db.query<ForecastRowDb>(
      `WITH page AS (
         SELECT f.tenant_id, f.location_id, f.item_id, l.code AS location_code, i.code AS item_code, f.method, f.selection,
                f.wape_pct::text AS wape_pct, f.mape_pct::text AS mape_pct, f.avg_daily::text AS avg_daily, f.history_days,
                f.intermittent, f.as_of::text AS as_of, f.computed_at, ${expr ? `(${expr})::text` : `''`} AS sort_value
                ${needsStock ? ', b.on_hand' : ''}
           FROM demand_forecasts f
           JOIN locations l ON l.id = f.location_id
           JOIN items i ON i.id = f.item_id
           ${needsStock ? stock('f') : ''}
          WHERE f.tenant_id = $1 AND ($2::text IS NULL OR l.code = $2) AND ($3::text IS NULL OR i.code = $3) AND ($4::text IS NULL OR f.method = $4)
                ${where}
          ORDER BY ${order}
          LIMIT $${params.length})
       SELECT page.*, ${needsStock ? 'page.on_hand' : 'b.on_hand'}::numeric(20, 6)::text AS on_hand
         FROM page ${needsStock ? '' : stock('page')}
        ORDER BY ${expr ? `page.sort_value::numeric ${dir}, ` : ''}page.location_code ${dir}, page.item_code ${dir}`,
      params,
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.summary(r)),
      nextCursor: more && last ? encodeCursor([last.sort_value, last.location_code, last.item_code]) : null,
    };
  }

  private summary(r: ForecastRowDb): ForecastSummary {
    const onHand = r.on_hand ?? '0.000000';
    const cover = daysOfCover(onHand, r.avg_daily);
    return {
      locationCode: r.location_code,
      itemCode: r.item_code,
      method: r.method,
      selection: r.selection,
      wapePct: r.wape_pct,
      mapePct: r.mape_pct,
      avgDailyForecast: r.avg_daily,
      onHand,
      daysOfCover: cover === null ? null : cover.toFixed(2),
      historyDays: r.history_days,
      intermittent: r.intermittent,
      asOf: r.as_of,
      computedAt: r.computed_at.toISOString(),
    };
  }

  /**
   * One pair, computed live from the ledger: the daily history of the look-back window (ending
   * yesterday), the forecast of the horizon from today, the method and every candidate's
   * back-test accuracy. The same computation as the cached one, so both agree on a given day.
   */
  async detail(tenantId: string, locationCode: string, itemCode: string): Promise<ForecastDetail> {
    const [key] = await this.db.query<{ location_id: string | null; item_id: string | null }>(
      `SELECT (SELECT id FROM locations WHERE tenant_id = $1 AND code = $2) AS location_id,
              (SELECT id FROM items WHERE tenant_id = $1 AND code = $3) AS item_id`,
      [tenantId, locationCode, itemCode],
    );
    if (!key?.location_id) throw notFound(`Location ${locationCode}`);
    if (!key.item_id) throw notFound(`Item ${itemCode}`);
    const pair = { locationId: key.location_id, itemId: key.item_id };
    const asOf = await this.history.today();
    const { lookbackDays, horizonDays } = this.settings;
    const history = await this.history.daily(tenantId, pair, addDays(asOf, -lookbackDays), addDays(asOf, -1));
    const r = forecastDemand(history.map((h) => Number(h.qty)), { horizonDays });
    const [stock] = await this.db.query<{ on_hand: string; computed_at: Date }>(
      `SELECT coalesce(sum(qty), 0)::numeric(20, 6)::text AS on_hand, now() AS computed_at FROM balances
        WHERE tenant_id = $1 AND location_id = $2 AND item_id = $3 AND location_kind = 'SITE'`,
      [tenantId, pair.locationId, pair.itemId],
    );
    const s = stock as { on_hand: string; computed_at: Date };
    const avg = qty(r.avgDaily);
    const cover = daysOfCover(s.on_hand, avg);
    return {
      locationCode,
      itemCode,
      method: r.method,
      selection: r.selection,
      wapePct: pct(r.wapePct),
      mapePct: pct(r.mapePct),
      avgDailyForecast: avg,
      onHand: s.on_hand,
      daysOfCover: cover === null ? null : cover.toFixed(2),
      historyDays: r.historyDays,
      intermittent: r.intermittent,
      asOf,
      computedAt: s.computed_at.toISOString(),
      params: r.params,
      lookbackDays,
      horizonDays,
      rmseDaily: qty(r.rmseDaily),
      history,
      forecast: r.horizon.map((f, k) => ({ date: addDays(asOf, k), qty: qty(f) })),
      candidates: r.candidates.map((c) => ({
        method: c.method,
        params: c.params,
        wapePct: pct(c.wapePct),
        mapePct: pct(c.mapePct),
        mae: qty(c.mae),
        rmse: qty(c.rmse),
        chosen: c.method === r.method,
      })),
    };
  }

  /**
   * Recomputes a tenant's forecasts (the stale ones, or all with `force`), then its threshold
   * suggestions and warning priorities. One instance per tenant at a time (session advisory
   * lock): returns null when another run holds it. Pairs are processed in chunks, each written
   * in one statement, so an interrupted run keeps what it finished and the next run continues.
   */
  async refreshTenant(tenantId: string, opts: { force?: boolean } = {}): Promise<ForecastRefreshResult | null> {
    const started = process.hrtime.bigint();
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended('forecast:' || $1::text, 0)) AS ok`, [tenantId])) as Array<{ ok: boolean }>;
      if (!lock?.ok) return null;
      try {
        const asOf = await this.history.today();
        const pairs = await this.refreshForecasts(tenantId, asOf, opts.force ?? false);
        const suggestionsCreated = await this.suggestions.generate(tenantId, asOf);
        await this.priority.refresh(tenantId);
        return { asOf, pairs, suggestionsCreated, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended('forecast:' || $1::text, 0))`, [tenantId]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Pairs to forecast: every stock policy and every (site, item) consumed in the look-back window. */
  private async refreshForecasts(tenantId: string, asOf: string, force: boolean): Promise<number> {
    const { lookbackDays, horizonDays, chunk } = this.settings;
    const from = addDays(asOf, -lookbackDays);
    const keys = await this.db.query<{ location_id: string; item_id: string }>(
      `WITH k AS (
         SELECT location_id, item_id FROM stock_policies WHERE tenant_id = $1
         UNION
         SELECT DISTINCT location_id, item_id FROM title_transfers
          WHERE tenant_id = $1 AND kind = 'CONSUMPTION' AND effective_date >= $2::date AND effective_date < $3::date)
       SELECT k.location_id, k.item_id FROM k
        WHERE $4 OR NOT EXISTS (SELECT 1 FROM demand_forecasts f
                                 WHERE f.tenant_id = $1 AND f.location_id = k.location_id AND f.item_id = k.item_id AND f.as_of = $3::date)
        ORDER BY k.location_id, k.item_id`,
      [tenantId, from, asOf, force],
    );
    for (let start = 0; start < keys.length; start += chunk) {
      const part: PairKey[] = keys.slice(start, start + chunk).map((k) => ({ locationId: k.location_id, itemId: k.item_id }));
      const series = await this.history.dailyMany(tenantId, part, from, lookbackDays);
      const rows: Array<Record<string, unknown>> = [];
      for (let j = 0; j < part.length; j++) {
        if (j > 0 && j % YIELD_EVERY === 0) await tick();
        const key = part[j] as PairKey;
        rows.push(toRow(key, forecastDemand(series[j] as number[], { horizonDays })));
      }
      await this.db.query(
        `INSERT INTO demand_forecasts (tenant_id, location_id, item_id, as_of, method, selection, params, wape_pct, mape_pct,
                                       avg_daily, rmse_daily, horizon, candidates, history_days, intermittent, computed_at)
         SELECT $1, r.location_id, r.item_id, $2::date, r.method, r.selection, r.params, r.wape_pct, r.mape_pct,
                r.avg_daily, r.rmse_daily, r.horizon::numeric(20, 6)[], r.candidates, r.history_days, r.intermittent, now()
           FROM jsonb_to_recordset($3::jsonb) AS r(location_id uuid, item_id uuid, method text, selection text, params jsonb,
                wape_pct numeric, mape_pct numeric, avg_daily numeric, rmse_daily numeric, horizon text, candidates jsonb,
                history_days int, intermittent boolean)
         ON CONFLICT (tenant_id, location_id, item_id) DO UPDATE SET
           as_of = EXCLUDED.as_of, method = EXCLUDED.method, selection = EXCLUDED.selection, params = EXCLUDED.params,
           wape_pct = EXCLUDED.wape_pct, mape_pct = EXCLUDED.mape_pct, avg_daily = EXCLUDED.avg_daily, rmse_daily = EXCLUDED.rmse_daily,
           horizon = EXCLUDED.horizon, candidates = EXCLUDED.candidates, history_days = EXCLUDED.history_days,
           intermittent = EXCLUDED.intermittent, computed_at = EXCLUDED.computed_at`,
        [tenantId, asOf, JSON.stringify(rows)],
      );
      await tick();
    }
    // Pairs that are no longer forecast (policy gone, nothing consumed in the window).
    await this.db.query(`DELETE FROM demand_forecasts WHERE tenant_id = $1 AND as_of < $2::date`, [tenantId, asOf]);
    return keys.length;
  }

  /** Whether a tenant has forecasts to (re)compute today: cheap index probes, no history read. */
  async isStale(tenantId: string): Promise<boolean> {
    const asOf = await this.history.today();
    const [row] = await this.db.query<{ stale: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM demand_forecasts WHERE tenant_id = $1 AND as_of < $2::date)
           OR NOT EXISTS (SELECT 1 FROM demand_forecasts WHERE tenant_id = $1 AND as_of = $2::date)
           OR EXISTS (SELECT 1 FROM stock_policies p WHERE p.tenant_id = $1 AND NOT EXISTS (
                        SELECT 1 FROM demand_forecasts f WHERE f.tenant_id = $1 AND f.location_id = p.location_id AND f.item_id = p.item_id)) AS stale`,
      [tenantId, asOf],
    );
    return row?.stale ?? true;
  }

  /** The job's pass: every buyer tenant with stale forecasts, then every tenant's warning priorities. */
  async runScheduled(): Promise<void> {
    const tenants = await this.db.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'BUYER' ORDER BY id`);
    for (const { id } of tenants) {
      try {
        if (await this.isStale(id)) {
          const r = await this.refreshTenant(id);
          if (r) this.logger.log(`forecasts of ${id}: ${r.pairs} pairs, ${r.suggestionsCreated} suggestions in ${r.seconds.toFixed(1)} s`);
        } else {
          await this.priority.refresh(id);
        }
      } catch (e) {
        this.logger.error(`forecast run for tenant ${id} failed: ${(e as Error).message}`);
      }
    }
  }
}

function toRow(key: PairKey, r: ForecastResult): Record<string, unknown> {
  // numeric(12, 2): an absurd percentage (a tiny actual) is capped rather than overflowing.
  const round2 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Number(Math.min(x, 999_999_999).toFixed(2)));
  return {
    location_id: key.locationId,
    item_id: key.itemId,
    method: r.method,
    selection: r.selection,
    params: r.params,
    wape_pct: round2(r.wapePct),
    mape_pct: round2(r.mapePct),
    avg_daily: qty(r.avgDaily),
    rmse_daily: qty(r.rmseDaily),
    horizon: `{${r.horizon.map(qty).join(',')}}`,
    candidates: r.candidates.map((c) => ({ method: c.method, params: c.params, wapePct: round2(c.wapePct), mapePct: round2(c.mapePct), mae: Number(c.mae.toFixed(6)), rmse: Number(c.rmse.toFixed(6)) })),
    history_days: r.historyDays,
    intermittent: r.intermittent,
  };
}
