import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox priority of warnings (docs/forecasting.md "Priority"): `priority_rank` 1 = NORMAL,
 * 0 = LOW (planners keep acknowledging this key without acting), with the reason. Stored on the
 * row so the default inbox order (priority, newest first) is an index scan, and kept up to date
 * by the acknowledgement itself and by the forecast job.
 *
 * Adding columns with constant defaults rewrites nothing (PostgreSQL ≥ 11).
 */
export class AddedWarningPriority1764000600002 implements MigrationInterface {
  name = 'AddedWarningPriority1764000600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warnings ADD COLUMN priority_rank smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE warnings ADD COLUMN priority_reason text NULL`);
    await q.query(`ALTER TABLE warnings ADD CONSTRAINT warnings_priority_ck CHECK (priority_rank IN (0, 1))`);
    await q.query(`CREATE INDEX warnings_inbox_idx ON warnings (tenant_id, priority_rank DESC, raised_at DESC, id DESC)`);
    await q.query(`CREATE INDEX warnings_acknowledged_idx ON warnings (tenant_id, acknowledged_at) WHERE acknowledged_at IS NOT NULL`);
    await q.query(`CREATE INDEX warnings_low_priority_idx ON warnings (tenant_id) WHERE priority_rank = 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS warnings_low_priority_idx`);
    await q.query(`DROP INDEX IF EXISTS warnings_acknowledged_idx`);
    await q.query(`DROP INDEX IF EXISTS warnings_inbox_idx`);
    await q.query(`ALTER TABLE warnings DROP CONSTRAINT IF EXISTS warnings_priority_ck`);
    await q.query(`ALTER TABLE warnings DROP COLUMN IF EXISTS priority_reason`);
    await q.query(`ALTER TABLE warnings DROP COLUMN IF EXISTS priority_rank`);
  }
}
