import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the supplier scorecards (docs/scorecards.md) read by period: receipts by business
 * date (on-time delivery) and confirmed call-off lines by promised date (fill rate). The other
 * metrics use indexes that exist already: shipments by (tenant, created_at), title transfers
 * by (tenant, supplier, effective_date), journals by (tenant, effective_date), statements by
 * (tenant, supplier, period), first confirmations by (tenant, confirmed_at).
 */
export class CreatedScorecardIndexes1764000700001 implements MigrationInterface {
  name = 'CreatedScorecardIndexes1764000700001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX receipts_tenant_effective_idx ON receipts (tenant_id, effective_date)`);
    await q.query(`CREATE INDEX call_off_lines_promised_idx ON call_off_lines (tenant_id, promised_date) WHERE promised_date IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS call_off_lines_promised_idx`);
    await q.query(`DROP INDEX IF EXISTS receipts_tenant_effective_idx`);
  }
}
