import { agingClauseSeverity } from '@stockbridge/domain';
import type { Db } from '../../database/db.service';

/** A graded time-driven key, as the warning engine writes it. */
export interface GradedAging {
  tenant_id: string;
  kind: string;
  location_id: string | null;
  item_id: string;
  owner_org_id: string | null;
  severity: string | null;
  available: string;
  threshold: string;
  deviation_pct: string;
  suggested_qty: string | null;
  snapshot: Record<string, string>;
}

const RANK: Record<string, number> = { YELLOW: 1, ORANGE: 2, RED: 3 };

/**
 * The aging clause's notice (docs/transfers-and-aging.md): per (site, item, supplier), the
 * supplier's layers whose agreement sets maxConsignmentDays and that are within its
 * agingNoticeDays of the title transfer. Graded by the domain's `agingClauseSeverity` from the
 * oldest layer's days left (RED = due: the job transfers it on its next run, or cannot).
 * threshold = maxConsignmentDays; deviation = (oldest age − max) × 100 / max, like AGING's.
 */
export async function agingClauseNotices(db: Db, tenantId: string, now: string): Promise<GradedAging[]> {
  const rows = await db.query<{ location_id: string; item_id: string; owner_org_id: string; available: string; max_days: number; notice_days: number; oldest_age: number }>(
    `SELECT rl.location_id, rl.item_id, rl.owner_org_id, sum(b.qty)::numeric(20, 6)::text AS available,
            a.max_consignment_days AS max_days, a.aging_notice_days AS notice_days,
            max(floor(extract(epoch FROM ($2::timestamptz - rl.received_at)) / 86400))::int AS oldest_age
       FROM balances b
       JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
       JOIN supplier_agreements a ON a.tenant_id = b.tenant_id AND a.supplier_org_id = b.owner_org_id
      WHERE b.tenant_id = $1 AND b.location_kind = 'SITE' AND b.qty > 0 AND a.max_consignment_days IS NOT NULL
        AND rl.received_at <= $2::timestamptz - make_interval(days => greatest(a.max_consignment_days - a.aging_notice_days, 0))
      GROUP BY rl.location_id, rl.item_id, rl.owner_org_id, a.max_consignment_days, a.aging_notice_days`,
    [tenantId, now],
  );
  const notices: GradedAging[] = [];
  for (const r of rows) {
    const daysLeft = r.max_days - r.oldest_age;
    const severity = agingClauseSeverity(daysLeft, r.notice_days);
    if (severity === null) continue;
    notices.push({
      tenant_id: tenantId,
      kind: 'AGING',
      location_id: r.location_id,
      item_id: r.item_id,
      owner_org_id: r.owner_org_id,
      severity,
      available: r.available,
      threshold: String(r.max_days),
      deviation_pct: (Math.round(((r.oldest_age - r.max_days) * 10000) / r.max_days) / 100).toFixed(2),
      suggested_qty: null,
      snapshot: { oldestAgeDays: String(r.oldest_age), maxConsignmentDays: String(r.max_days), titleTransferInDays: String(Math.max(daysLeft, 0)) },
    });
  }
  return notices;
}

/**
 * Folds the clause's notices into the AGING rows of the general rule (one open warning per
 * (kind, site, item, owner)): the graver grade wins, the snapshots are merged.
 */
export function mergeAgingNotices(raised: GradedAging[], notices: readonly GradedAging[]): void {
  for (const n of notices) {
    const same = raised.find((r) => r.kind === 'AGING' && r.location_id === n.location_id && r.item_id === n.item_id && r.owner_org_id === n.owner_org_id);
    if (!same) {
      raised.push(n);
      continue;
    }
    const snapshot = { ...same.snapshot, ...n.snapshot };
    if ((RANK[n.severity ?? ''] ?? 0) > (RANK[same.severity ?? ''] ?? 0)) Object.assign(same, n);
    same.snapshot = snapshot;
  }
}
