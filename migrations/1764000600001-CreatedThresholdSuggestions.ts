import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-tuning thresholds (docs/forecasting.md "Thresholds"): min/max suggestions per stock
 * policy, computed by the forecast job, decided by a person.
 *
 * - status PENDING → ACCEPTED | REJECTED (a person: `decided_by`, `decided_at`, optional
 *   `comment`) or SUPERSEDED (the job replaced it with a newer one, or the policy changed).
 * - at most one PENDING suggestion per policy (partial unique index), so two job runs racing
 *   cannot both leave one, and an accept always applies the one the planner saw.
 * - `current_min/max` is the policy as it was when the suggestion was made: an accept is refused
 *   when the policy no longer has those values (someone changed it in between).
 */
export class CreatedThresholdSuggestions1764000600001 implements MigrationInterface {
  name = 'CreatedThresholdSuggestions1764000600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE threshold_suggestions (
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        policy_id uuid NOT NULL REFERENCES stock_policies (id) ON DELETE CASCADE,
        location_id uuid NOT NULL REFERENCES locations (id),
        item_id uuid NOT NULL REFERENCES items (id),
        status text NOT NULL DEFAULT 'PENDING',
        current_min numeric(20, 6) NOT NULL,
        current_max numeric(20, 6) NOT NULL,
        suggested_min numeric(20, 6) NOT NULL,
        suggested_max numeric(20, 6) NOT NULL,
        avg_daily numeric(20, 6) NOT NULL,
        lead_time_days numeric(10, 2) NOT NULL,
        lead_time_std_days numeric(10, 2) NOT NULL,
        lead_time_demand numeric(20, 6) NOT NULL,
        safety_stock numeric(20, 6) NOT NULL,
        cycle_qty numeric(20, 6) NOT NULL,
        service_level numeric(6, 4) NOT NULL,
        risk_current_pct numeric(7, 3) NOT NULL,
        risk_suggested_pct numeric(7, 3) NOT NULL,
        method text NOT NULL,
        wape_pct numeric(12, 2) NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        decided_by uuid NULL REFERENCES users (id),
        comment text NULL,
        CONSTRAINT threshold_suggestions_pk PRIMARY KEY (tenant_id, id),
        CONSTRAINT threshold_suggestions_status_ck CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'SUPERSEDED')),
        CONSTRAINT threshold_suggestions_decided_ck CHECK ((status IN ('ACCEPTED', 'REJECTED')) = (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
        CONSTRAINT threshold_suggestions_minmax_ck CHECK (suggested_min >= 0 AND suggested_min <= suggested_max),
        CONSTRAINT threshold_suggestions_comment_ck CHECK (comment IS NULL OR length(comment) <= 1000)
      )`);
    await q.query(`CREATE UNIQUE INDEX threshold_suggestions_pending_uq ON threshold_suggestions (tenant_id, policy_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX threshold_suggestions_list_idx ON threshold_suggestions (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX threshold_suggestions_policy_idx ON threshold_suggestions (policy_id, decided_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS threshold_suggestions`);
  }
}
