import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgingClauseRunResult } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AGING_CLAUSE_SETTINGS, type AgingClauseSettings } from './aging-clause.settings';

interface BatchRow {
  candidates: number;
  transferred: number;
  journal_count: number;
  skipped_no_price: number;
  skipped_period_closed: number;
  last_id: string | null;
}

/**
 * The consignment aging clause (docs/transfers-and-aging.md): title of every supplier receipt
 * layer older than its agreement's maxConsignmentDays passes to the buyer, at the price in force
 * at the run, as TITLE_TRANSFER journals dated the run's UTC day; the stock stays where it is.
 *
 * A run walks each tenant's layers in id order in batches (`ledger_title_transfer_aged`, one
 * transaction each). Safe with several instances and concurrent runs: candidate layers are
 * locked FOR NO KEY UPDATE SKIP LOCKED (two runs split the work, neither waits), a layer whose
 * stock is gone is no candidate, and the primary key of aging_clause_transfers (tenant, layer,
 * layer version) refuses a second transfer of the same stock whatever happens.
 */
@Injectable()
export class AgingClauseService {
  private readonly logger = new Logger(AgingClauseService.name);

  constructor(
    private readonly db: Db,
    @Inject(AGING_CLAUSE_SETTINGS) private readonly settings: AgingClauseSettings,
  ) {}

  async run(opts: { tenantId?: string; asOf?: Date; trigger: 'SCHEDULE' | 'MANUAL' }): Promise<AgingClauseRunResult> {
    const asOf = opts.asOf ?? new Date();
    const [run] = await this.db.query<{ id: string }>(
      `INSERT INTO aging_clause_runs (tenant_id, trigger, as_of) VALUES ($1, $2, $3) RETURNING id`,
      [opts.tenantId ?? null, opts.trigger, asOf.toISOString()],
    );
    const runId = (run as { id: string }).id;
    const totals = { tenants: 0, layersTransferred: 0, journals: 0, skippedNoPrice: 0, skippedPeriodClosed: 0 };
    try {
      // Only tenants with a clause on some agreement have anything to do.
      const tenants = await this.db.query<{ tenant_id: string }>(
        `SELECT DISTINCT tenant_id FROM supplier_agreements
          WHERE max_consignment_days IS NOT NULL AND ($1::uuid IS NULL OR tenant_id = $1) ORDER BY tenant_id`,
        [opts.tenantId ?? null],
      );
      for (const { tenant_id: tenantId } of tenants) {
        totals.tenants++;
        let after: string | null = null;
        for (;;) {
          const row: BatchRow = await this.db.transaction(async () => {
            const [r] = await this.db.query<BatchRow>(`SELECT * FROM ledger_title_transfer_aged($1, $2::timestamptz, $3, $4::bigint)`, [
              tenantId,
              asOf.toISOString(),
              this.settings.batchSize,
              after,
            ]);
            return r as BatchRow;
          });
          totals.layersTransferred += row.transferred;
          totals.journals += row.journal_count;
          totals.skippedNoPrice += row.skipped_no_price;
          totals.skippedPeriodClosed += row.skipped_period_closed;
          if (row.last_id === null) break;
          after = row.last_id;
        }
      }
      await this.finish(runId, totals, null);
    } catch (e) {
      await this.finish(runId, totals, (e as Error).message).catch(() => undefined);
      throw e;
    }
    if (totals.skippedNoPrice > 0) this.logger.warn(`aging clause: ${totals.skippedNoPrice} aged layer(s) have no price in force and stay consignment stock`);
    return { runId, asOf: asOf.toISOString(), ...totals };
  }

  private async finish(runId: string, t: Omit<AgingClauseRunResult, 'runId' | 'asOf'>, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE aging_clause_runs SET finished_at = clock_timestamp(), tenants = $2, layers_transferred = $3, journals = $4,
              skipped_no_price = $5, skipped_period_closed = $6, error = $7 WHERE id = $1`,
      [runId, t.tenants, t.layersTransferred, t.journals, t.skippedNoPrice, t.skippedPeriodClosed, error],
    );
  }
}
