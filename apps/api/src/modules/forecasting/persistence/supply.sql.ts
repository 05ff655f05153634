/**
 * SQL fragments shared by forecasting's readers: who supplies a (site, item) and how long it
 * takes. Parameters are positional placeholders chosen by the caller; nothing here is user text.
 */

/**
 * CTE `best_supply(item_id, supplier_org_id, lead_time_days, unit_price)`: per item of
 * `items` (a subquery of item ids), the linked supplier with a current price and the shortest
 * lead time (then the lowest org id). Set-based: the price list's indexes lead with the
 * supplier, so a per-row "any supplier of this item" probe would scan the tenant's whole list.
 */
export const bestSupplyCte = (tenant: string, items: string): string => `
  best_supply AS (
    SELECT DISTINCT ON (pe.item_id) pe.item_id, pe.supplier_org_id, pe.lead_time_days, pe.unit_price
      FROM price_list_entries pe
      JOIN supplier_agreements a ON a.tenant_id = pe.tenant_id AND a.supplier_org_id = pe.supplier_org_id
     WHERE pe.tenant_id = ${tenant} AND pe.valid_to IS NULL AND pe.item_id IN (${items})
     ORDER BY pe.item_id, pe.lead_time_days, pe.supplier_org_id)`;

/**
 * Joins giving `sup(supplier_org_id, lead_time_days, unit_price)`: the policy's preferred
 * supplier's current price entry (a primary-key-like probe), else `best_supply` — the same
 * choice as replenishment proposals. Needs {@link bestSupplyCte} in the WITH clause.
 */
export const supplierJoins = (tenant: string, item: string, preferred: string): string => `
  LEFT JOIN price_list_entries pref_pe ON pref_pe.tenant_id = ${tenant} AND pref_pe.supplier_org_id = ${preferred}
       AND pref_pe.item_id = ${item} AND pref_pe.valid_to IS NULL
  LEFT JOIN best_supply best_pe ON best_pe.item_id = ${item} AND ${preferred} IS NULL
  CROSS JOIN LATERAL (
    SELECT CASE WHEN ${preferred} IS NULL THEN best_pe.supplier_org_id ELSE pref_pe.supplier_org_id END AS supplier_org_id,
           CASE WHEN ${preferred} IS NULL THEN best_pe.lead_time_days ELSE pref_pe.lead_time_days END AS lead_time_days,
           CASE WHEN ${preferred} IS NULL THEN best_pe.unit_price ELSE pref_pe.unit_price END AS unit_price) sup`;

/**
 * CTE `lt_stats(supplier_org_id, item_id, n, mean_days, std_days)`: observed lead times of the
 * last 365 days per (supplier, item) — business date of each receipt minus the (UTC) day its
 * call-off was created, one observation per (call-off, receipt). Used when there are at least
 * three observations; otherwise the price list's lead time with no variability.
 */
export const leadTimeStatsCte = (tenant: string): string => `
  lt_stats AS (
    SELECT x.supplier_org_id, x.item_id, count(*)::int AS n, avg(x.days)::float8 AS mean_days, stddev_pop(x.days)::float8 AS std_days
      FROM (
        SELECT DISTINCT c.supplier_org_id, cl.item_id, c.id AS call_off_id, r.id AS receipt_id,
               (r.effective_date - (c.created_at AT TIME ZONE 'UTC')::date) AS days
          FROM call_offs c
          JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
          JOIN shipments s ON s.tenant_id = c.tenant_id AND s.call_off_id = c.id
          JOIN receipts r ON r.tenant_id = s.tenant_id AND r.shipment_id = s.id
         WHERE c.tenant_id = ${tenant} AND c.created_at > now() - interval '365 days') x
     GROUP BY x.supplier_org_id, x.item_id)`;

/** Fewest observed lead times before they replace the price list's. */
export const MIN_LEAD_TIME_OBSERVATIONS = 3;

export interface LeadTime {
  days: number;
  stdDays: number;
}

/** The lead time to plan with: observed (≥ 3 observations) or the price list's with σ = 0. */
export function leadTimeOf(priceListDays: number | null, observed: { n: number | null; mean_days: number | null; std_days: number | null }): LeadTime | null {
  if (observed.n !== null && observed.n >= MIN_LEAD_TIME_OBSERVATIONS && observed.mean_days !== null) {
    return { days: Math.max(observed.mean_days, 0), stdDays: Math.max(observed.std_days ?? 0, 0) };
  }
  return priceListDays === null ? null : { days: priceListDays, stdDays: 0 };
}
