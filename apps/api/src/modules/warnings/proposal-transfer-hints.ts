import { formatPlain, transferHint } from '@stockbridge/domain';
import type { ReplenishmentProposal } from '@stockbridge/shared';
import type { Db } from '../../database/db.service';

/**
 * Adds `transferFrom` to proposals when another VMI site of the buyer holds the item above its
 * max ("VMI-2 has 300 above max; transfer 120 to VMI-1 instead of ordering"): one query for
 * every (item, other site with a policy) position, the choice is the domain's `transferHint`.
 * The proposal's own fields stay as they are; the hint is advice (POST /transfers acts on it).
 */
export async function addTransferHints(db: Db, tenantId: string, proposals: ReplenishmentProposal[]): Promise<void> {
  if (proposals.length === 0) return;
  const rows = await db.query<{ item_code: string; location_code: string; decimals: number; on_hand: string; in_transit: string; max_qty: string }>(
    `SELECT i.code AS item_code, l.code AS location_code, i.decimals,
            coalesce(b.on_hand, 0)::numeric(20, 6)::text AS on_hand, coalesce(b.in_transit, 0)::numeric(20, 6)::text AS in_transit,
            p.max_qty::text AS max_qty
       FROM stock_policies p
       JOIN items i ON i.id = p.item_id
       JOIN locations l ON l.id = p.location_id AND l.type = 'VMI'
       LEFT JOIN LATERAL (
         SELECT sum(qty) FILTER (WHERE location_kind = 'SITE') AS on_hand, sum(qty) FILTER (WHERE location_kind = 'IN_TRANSIT') AS in_transit
           FROM balances WHERE tenant_id = p.tenant_id AND location_id = p.location_id AND item_id = p.item_id) b ON true
      WHERE p.tenant_id = $1 AND i.code = ANY($2::text[])
        AND coalesce(b.on_hand, 0) + coalesce(b.in_transit, 0) > p.max_qty AND coalesce(b.on_hand, 0) > 0`,
    [tenantId, [...new Set(proposals.map((p) => p.itemCode))]],
  );
  for (const proposal of proposals) {
    const sources = rows.filter((r) => r.item_code === proposal.itemCode && r.location_code !== proposal.locationCode);
    const hint = transferHint(
      proposal.suggestedQty,
      sources.map((r) => ({ locationCode: r.location_code, onHand: r.on_hand, inTransit: r.in_transit, maxQty: r.max_qty })),
      sources[0]?.decimals ?? 6,
    );
    if (!hint) continue;
    const surplus = formatPlain(hint.surplusQty);
    const qty = formatPlain(hint.qty);
    proposal.transferFrom = {
      locationCode: hint.locationCode,
      surplusQty: surplus,
      qty,
      note: `${hint.locationCode} has ${surplus} above max; transfer ${qty} to ${proposal.locationCode} instead of ordering`,
    };
  }
}
