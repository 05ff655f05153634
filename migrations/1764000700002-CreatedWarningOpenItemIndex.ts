import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open warnings by (tenant, kind, item, site). The warning engine looks open warnings up by
 * plain `location_id` (auto call-offs: "is this key ORANGE or RED now?") and by
 * `coalesce(location_id, …)` (resolving keys that cleared). The unique key index
 * (warnings_open_key_uq) leads with the coalesce expression, so the plain lookup could only use
 * its (tenant, kind) prefix and read every open warning of the tenant once per key: a bulk change
 * of 5 × 2,000 policies spent 1.1–1.3 s per 2,000-key batch there (bench/warnings.ts), growing
 * with the number of open warnings. Item before site serves both shapes with a handful of
 * entries per probe (one per site of the item).
 */
export class CreatedWarningOpenItemIndex1764000700002 implements MigrationInterface {
  name = 'CreatedWarningOpenItemIndex1764000700002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX warnings_open_item_idx ON warnings (tenant_id, kind, item_id, location_id) WHERE status <> 'RESOLVED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS warnings_open_item_idx`);
  }
}
