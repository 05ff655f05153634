import { Injectable } from '@nestjs/common';
import { DEMOTION_ACKNOWLEDGEMENTS, DEMOTION_WINDOW_DAYS } from '@stockbridge/domain';
import type { WarningPriority } from '@stockbridge/shared';
import { Db } from '../../database/db.service';

/** A (location, item) — or one warning's exact key — to re-evaluate instead of the whole tenant. */
export type PriorityScope = { locationId: string; itemId: string } | { warningId: string };

/**
 * Inbox priority of warnings, the rule of the domain's `warningPriority` in SQL
 * (docs/forecasting.md "Priority"): a key (kind, location, item, owner) whose warnings were
 * acknowledged ≥ 3 times in the last 30 days, counting only acknowledgements after the last
 * action on that (location, item) — a call-off created (for a supplier key: by that supplier),
 * a TRANSFER journal touching it, its stock policy or supplier-stock threshold changed — is
 * LOW: its open warnings get `priority_rank` 0 and a reason. Keys that no longer qualify go
 * back to NORMAL. Run after an acknowledgement (that key), after an accepted threshold
 * suggestion (that site and item) and by the forecast job (whole tenant).
 */
@Injectable()
export class WarningPriorityService {
  constructor(private readonly db: Db) {}

  async refresh(tenantId: string, scope: PriorityScope | null = null): Promise<void> {
    const warningId = scope && 'warningId' in scope ? scope.warningId : null;
    const locationId = scope && 'locationId' in scope ? scope.locationId : null;
    const itemId = scope && 'itemId' in scope ? scope.itemId : null;
    await this.db.transaction(async () => {
      if (!scope) {
        // Whole tenant: serialise with the warning engine's re-grading of this tenant, so both
        // never update the same warnings in opposite orders.
        await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('warning:' || $1::text, 0))`, [tenantId]);
      }
      await this.db.query(
        `WITH target AS (
           SELECT kind, location_id, item_id, owner_org_id FROM warnings WHERE tenant_id = $1 AND id = $2::uuid),
         acks AS (
           SELECT w.kind, w.location_id, w.item_id, w.owner_org_id, array_agg(w.acknowledged_at) AS ats
             FROM warnings w
            WHERE w.tenant_id = $1 AND w.acknowledged_at > now() - make_interval(days => $5)
              AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM target t WHERE t.kind = w.kind AND t.item_id = w.item_id
                     AND t.location_id IS NOT DISTINCT FROM w.location_id AND t.owner_org_id IS NOT DISTINCT FROM w.owner_org_id))
              AND ($3::uuid IS NULL OR (w.location_id = $3 AND w.item_id = $4))
            GROUP BY w.kind, w.location_id, w.item_id, w.owner_org_id
           HAVING count(*) >= $6),
         demoted AS (
           SELECT a.kind, a.location_id, a.item_id, a.owner_org_id, n.counted
             FROM acks a
             CROSS JOIN LATERAL (SELECT greatest(
               (SELECT max(c.created_at) FROM call_off_lines cl JOIN call_offs c ON c.tenant_id = cl.tenant_id AND c.id = cl.call_off_id
                 WHERE cl.tenant_id = $1 AND cl.item_id = a.item_id
                   AND (a.location_id IS NULL OR c.location_id = a.location_id)
                   AND (a.owner_org_id IS NULL OR c.supplier_org_id = a.owner_org_id)),
               (SELECT max(p.updated_at) FROM stock_policies p WHERE p.tenant_id = $1 AND p.location_id = a.location_id AND p.item_id = a.item_id),
               (SELECT max(th.updated_at) FROM supplier_stock_thresholds th
                 WHERE a.location_id IS NULL AND th.tenant_id = $1 AND th.supplier_org_id = a.owner_org_id AND th.item_id = a.item_id),
               (SELECT max(j.created_at) FROM journals j JOIN postings po ON po.tenant_id = j.tenant_id AND po.journal_id = j.id
                 WHERE j.tenant_id = $1 AND j.type = 'TRANSFER' AND j.effective_date >= (now() - make_interval(days => $5 + 1))::date
                   AND po.item_id = a.item_id AND po.location_id = a.location_id)) AS at) last
             CROSS JOIN LATERAL (SELECT count(*)::int AS counted FROM unnest(a.ats) AS t(at) WHERE last.at IS NULL OR t.at > last.at) n
            WHERE n.counted >= $6),
         demote AS (
           UPDATE warnings w
              SET priority_rank = 0,
                  priority_reason = format('acknowledged %s times in %s days without a call-off, transfer or policy change', d.counted, $5)
             FROM demoted d
            WHERE w.tenant_id = $1 AND w.status <> 'RESOLVED' AND w.kind = d.kind AND w.item_id = d.item_id
              AND w.location_id IS NOT DISTINCT FROM d.location_id AND w.owner_org_id IS NOT DISTINCT FROM d.owner_org_id
              AND (w.priority_rank <> 0 OR w.priority_reason IS DISTINCT FROM
                   format('acknowledged %s times in %s days without a call-off, transfer or policy change', d.counted, $5))
           RETURNING w.id)
         UPDATE warnings w SET priority_rank = 1, priority_reason = NULL
          WHERE w.tenant_id = $1 AND w.priority_rank = 0
            AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM target t WHERE t.kind = w.kind AND t.item_id = w.item_id
                   AND t.location_id IS NOT DISTINCT FROM w.location_id AND t.owner_org_id IS NOT DISTINCT FROM w.owner_org_id))
            AND ($3::uuid IS NULL OR (w.location_id = $3 AND w.item_id = $4))
            AND NOT EXISTS (SELECT 1 FROM demoted d WHERE d.kind = w.kind AND d.item_id = w.item_id
                              AND d.location_id IS NOT DISTINCT FROM w.location_id AND d.owner_org_id IS NOT DISTINCT FROM w.owner_org_id)`,
        [tenantId, warningId, locationId, itemId, DEMOTION_WINDOW_DAYS, DEMOTION_ACKNOWLEDGEMENTS],
      );
    });
  }
}

/** The contract value of a stored rank. */
export const priorityOf = (rank: number): WarningPriority => (rank === 0 ? 'LOW' : 'NORMAL');
