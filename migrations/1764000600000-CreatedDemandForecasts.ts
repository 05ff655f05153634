import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demand forecasts (docs/forecasting.md): one cached forecast per (tenant, location, item),
 * recomputed by the forecast job once a business day (or on POST /forecasts/refresh) from the
 * daily consumption history in the ledger.
 *
 * - `demand_forecasts.as_of` is the first forecast day; the history ends the day before. A row
 *   whose as_of is before today is stale and gets recomputed by the next run.
 * - `horizon` holds the daily forecasts from as_of on; `candidates` the back-test accuracy of
 *   every method that competed.
 * - `title_transfers_consumption_day_idx`: the daily consumption of one (site, item) over the
 *   look-back window is an index range scan (the statement index is by supplier), with `qty`
 *   in the index so the per-day sums need no heap access.
 */
export class CreatedDemandForecasts1764000600000 implements MigrationInterface {
  name = 'CreatedDemandForecasts1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_forecasts (
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        as_of date NOT NULL,
        method text NOT NULL,
        selection text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        wape_pct numeric(12, 2) NULL,
        mape_pct numeric(12, 2) NULL,
        avg_daily numeric(20, 6) NOT NULL,
        rmse_daily numeric(20, 6) NOT NULL,
        horizon numeric(20, 6)[] NOT NULL,
        candidates jsonb NOT NULL DEFAULT '[]'::jsonb,
        history_days integer NOT NULL,
        intermittent boolean NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT demand_forecasts_pk PRIMARY KEY (tenant_id, location_id, item_id),
        CONSTRAINT demand_forecasts_method_ck CHECK (method IN ('NAIVE', 'SES', 'CROSTON', 'WEEKDAY_PROFILE', 'HOLT_WINTERS', 'MEAN')),
        CONSTRAINT demand_forecasts_selection_ck CHECK (selection IN ('BACKTEST', 'FALLBACK')),
        CONSTRAINT demand_forecasts_qty_ck CHECK (avg_daily >= 0 AND rmse_daily >= 0 AND history_days >= 0)
      )`);
    await q.query(`CREATE INDEX demand_forecasts_stale_idx ON demand_forecasts (tenant_id, as_of)`);
    await q.query(`
      CREATE INDEX title_transfers_consumption_day_idx ON title_transfers (tenant_id, location_id, item_id, effective_date)
        INCLUDE (qty) WHERE kind = 'CONSUMPTION'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS title_transfers_consumption_day_idx`);
    await q.query(`DROP TABLE IF EXISTS demand_forecasts`);
  }
}
