import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each call-off was confirmed for the first time (supplier scorecards: confirmation lead
 * time = created → first confirmed). `call_offs.confirmed_at` moves on every revision of a
 * confirmation, so the first answer is kept here, written by a trigger in the same
 * transaction as the confirmation. The trigger fires once per call-off (only when confirmed_at
 * goes from NULL to a value), so it costs nothing on the chain's other updates.
 */
export class CreatedCallOffFirstConfirmations1764000700000 implements MigrationInterface {
  name = 'CreatedCallOffFirstConfirmations1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_off_first_confirmations (
        tenant_id uuid NOT NULL,
        call_off_id uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        confirmed_at timestamptz NOT NULL,
        CONSTRAINT call_off_first_confirmations_pk PRIMARY KEY (tenant_id, call_off_id),
        CONSTRAINT call_off_first_confirmations_call_off_fk FOREIGN KEY (tenant_id, call_off_id) REFERENCES call_offs (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX call_off_first_confirmations_period_idx ON call_off_first_confirmations (tenant_id, confirmed_at)`);
    await q.query(`
      CREATE FUNCTION call_offs_record_first_confirmation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO call_off_first_confirmations (tenant_id, call_off_id, supplier_org_id, confirmed_at)
        VALUES (NEW.tenant_id, NEW.id, NEW.supplier_org_id, NEW.confirmed_at)
        ON CONFLICT (tenant_id, call_off_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER call_offs_first_confirmation AFTER UPDATE OF confirmed_at ON call_offs
        FOR EACH ROW WHEN (OLD.confirmed_at IS NULL AND NEW.confirmed_at IS NOT NULL)
        EXECUTE FUNCTION call_offs_record_first_confirmation()`);
    // Call-offs confirmed before this migration: their latest confirmation is all that is known.
    await q.query(`
      INSERT INTO call_off_first_confirmations (tenant_id, call_off_id, supplier_org_id, confirmed_at)
      SELECT tenant_id, id, supplier_org_id, confirmed_at FROM call_offs WHERE confirmed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS call_offs_first_confirmation ON call_offs`);
    await q.query(`DROP FUNCTION IF EXISTS call_offs_record_first_confirmation()`);
    await q.query(`DROP TABLE IF EXISTS call_off_first_confirmations`);
  }
}
