import type { Db } from '../../../database/db.service';
import type { DatePeriod } from '@stockbridge/domain';

/** One supplier's raw figures over one bucket, as the database counted and summed them. */
export interface ScorecardFactsRow {
  supplier_org_id: string;
  /** 1-based position of the bucket in the request. */
  n: number;
  as_of: string;
  deliveries: number;
  on_time: number;
  days_late: string;
  fill_lines: number;
  confirmed_qty: string;
  received_qty: string;
  confirmations: number;
  median_hours: string | null;
  avg_hours: string | null;
  shipments: number;
  shipments_closed_short: number;
  shipped_qty: string;
  short_closed_qty: string;
  consumed_qty: string;
  avg_on_hand_qty: string;
  on_hand_qty: string;
  aged_qty: string;
  statements: number;
  statement_lines: number;
  disputed_lines: number;
}

/**
 * Every scorecard figure of the given suppliers at one buyer, per bucket, in one statement
 * (one snapshot, one round trip). Each metric reads its own source by period through an
 * index (docs/scorecards.md):
 *
 * - on time: receipts by business date (receipts_tenant_effective_idx) → their lines → the
 *   call-off line's promised date; a delivery is one (receipt, call-off line);
 * - fill rate: confirmed call-off lines by promised date (call_off_lines_promised_idx), due by
 *   the bucket's as-of date, of call-offs neither cancelled nor rejected;
 * - confirmation lead time: first confirmations by time (call_off_first_confirmations), hours
 *   from the call-off's creation, median and mean as exact intervals;
 * - short close: ASNs by creation time (shipments_tenant_created_idx) and their lines;
 * - consumption: title transfers by (supplier, business date), reversals negative;
 * - consignment on hand: today's balances (balances_owner_idx) minus the site postings of the
 *   journals dated after each day (journals_tenant_effective_idx → postings_journal_idx): an
 *   end-of-day series whose mean over the elapsed days is the average on hand; the same
 *   subtraction, grouped by the layers' receipt dates, gives the aged part at each as-of date;
 * - disputes: issued statements whose period ends in the bucket and their disputed lines.
 */
export function loadScorecardFacts(
  db: Db,
  tenantId: string,
  supplierOrgIds: string[],
  buckets: DatePeriod[],
  today: string,
  agingDays: number,
): Promise<ScorecardFactsRow[]> {
  if (supplierOrgIds.length === 0 || buckets.length === 0) return Promise.resolve([]);
  return db.query<ScorecardFactsRow>(
    `WITH b AS (
       SELECT x.n::int AS n, x.s AS start_date, x.e AS end_date, least(x.e, $5::date) AS as_of
         FROM unnest($3::date[], $4::date[]) WITH ORDINALITY AS x(s, e, n)),
     span AS (
       SELECT min(start_date) AS from_date, max(end_date) AS to_date, least(max(end_date), $5::date) AS last_day,
              min(start_date)::timestamp AT TIME ZONE 'UTC' AS from_ts, (max(end_date) + 1)::timestamp AT TIME ZONE 'UTC' AS to_ts
         FROM b),
     sup AS (SELECT DISTINCT unnest($2::uuid[]) AS supplier_org_id),
     deliveries AS (
       SELECT DISTINCT r.id AS receipt_id, cl.id AS line_id, r.effective_date AS receipt_date, cl.promised_date, s.supplier_org_id
         FROM span, receipts r
         JOIN shipments s ON s.tenant_id = r.tenant_id AND s.id = r.shipment_id
         JOIN receipt_lines rl ON rl.tenant_id = r.tenant_id AND rl.receipt_id = r.id
         JOIN shipment_lines sl ON sl.tenant_id = rl.tenant_id AND sl.id = rl.shipment_line_id
         JOIN call_off_lines cl ON cl.tenant_id = sl.tenant_id AND cl.id = sl.call_off_line_id
        WHERE r.tenant_id = $1 AND r.effective_date BETWEEN span.from_date AND span.to_date
          AND s.supplier_org_id = ANY($2::uuid[]) AND cl.promised_date IS NOT NULL),
     otd AS (
       SELECT d.supplier_org_id, b.n, count(*)::int AS deliveries,
              count(*) FILTER (WHERE d.receipt_date <= d.promised_date)::int AS on_time,
              coalesce(sum(d.receipt_date - d.promised_date) FILTER (WHERE d.receipt_date > d.promised_date), 0)::text AS days_late
         FROM deliveries d JOIN b ON d.receipt_date BETWEEN b.start_date AND b.end_date
        GROUP BY d.supplier_org_id, b.n),
     fill AS (
       SELECT c.supplier_org_id, b.n, count(*)::int AS lines, sum(cl.confirmed_qty) AS confirmed,
              sum(least(cl.received_qty, cl.confirmed_qty)) AS received
         FROM span, call_off_lines cl
         JOIN call_offs c ON c.tenant_id = cl.tenant_id AND c.id = cl.call_off_id
         JOIN b ON cl.promised_date BETWEEN b.start_date AND b.as_of
        WHERE cl.tenant_id = $1 AND cl.promised_date BETWEEN span.from_date AND span.last_day AND cl.confirmed_qty > 0
          AND c.supplier_org_id = ANY($2::uuid[]) AND c.status NOT IN ('CANCELLED', 'REJECTED')
        GROUP BY c.supplier_org_id, b.n),
     conf AS (
       SELECT f.supplier_org_id, b.n, count(*)::int AS confirmations,
              extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY f.confirmed_at - c.created_at)) / 3600 AS median_hours,
              extract(epoch FROM avg(f.confirmed_at - c.created_at)) / 3600 AS avg_hours
         FROM span, call_off_first_confirmations f
         JOIN call_offs c ON c.tenant_id = f.tenant_id AND c.id = f.call_off_id
         JOIN b ON (f.confirmed_at AT TIME ZONE 'UTC')::date BETWEEN b.start_date AND b.end_date
        WHERE f.tenant_id = $1 AND f.supplier_org_id = ANY($2::uuid[]) AND f.confirmed_at >= span.from_ts AND f.confirmed_at < span.to_ts
        GROUP BY f.supplier_org_id, b.n),
     sc AS (
       SELECT s.supplier_org_id, b.n, count(DISTINCT s.id)::int AS shipments,
              count(DISTINCT s.id) FILTER (WHERE s.short_close_journal_id IS NOT NULL)::int AS closed_short,
              sum(sl.qty) AS shipped, sum(sl.short_closed_qty) AS short_closed
         FROM span, shipments s
         JOIN shipment_lines sl ON sl.tenant_id = s.tenant_id AND sl.shipment_id = s.id
         JOIN b ON (s.created_at AT TIME ZONE 'UTC')::date BETWEEN b.start_date AND b.end_date
        WHERE s.tenant_id = $1 AND s.supplier_org_id = ANY($2::uuid[]) AND s.created_at >= span.from_ts AND s.created_at < span.to_ts
        GROUP BY s.supplier_org_id, b.n),
     cons AS (
       SELECT tt.supplier_org_id, b.n, sum(tt.qty) AS consumed
         FROM span, title_transfers tt JOIN b ON tt.effective_date BETWEEN b.start_date AND b.as_of
        WHERE tt.tenant_id = $1 AND tt.supplier_org_id = ANY($2::uuid[]) AND tt.effective_date BETWEEN span.from_date AND span.last_day
        GROUP BY tt.supplier_org_id, b.n),
     -- Site postings of the suppliers' stock dated after the period's first day, per layer and day.
     sp AS MATERIALIZED (
       SELECT p.owner_org_id, p.balance_id, j.effective_date AS d, sum(p.qty) AS q
         FROM span, journals j
         JOIN postings p ON p.tenant_id = j.tenant_id AND p.journal_id = j.id
        WHERE j.tenant_id = $1 AND j.effective_date > span.from_date
          AND p.location_kind = 'SITE' AND p.owner_org_id = ANY($2::uuid[])
        GROUP BY p.owner_org_id, p.balance_id, j.effective_date),
     -- The suppliers' stock at the sites today, per receipt date of its layers (the age classes).
     rcur AS (
       SELECT bl.owner_org_id AS supplier_org_id, (rl.received_at AT TIME ZONE 'UTC')::date AS received_on, sum(bl.qty) AS qty
         FROM balances bl JOIN receipt_layers rl ON rl.tenant_id = bl.tenant_id AND rl.id = bl.id
        WHERE bl.tenant_id = $1 AND bl.owner_org_id = ANY($2::uuid[]) AND bl.location_kind = 'SITE' AND bl.qty > 0
        GROUP BY bl.owner_org_id, received_on),
     cur AS (SELECT supplier_org_id, sum(qty) AS qty FROM rcur GROUP BY supplier_org_id),
     chg AS (SELECT owner_org_id AS supplier_org_id, d, sum(q) AS q FROM sp GROUP BY owner_org_id, d),
     later AS (SELECT chg.supplier_org_id, sum(chg.q) AS q FROM chg, span WHERE chg.d > span.last_day GROUP BY chg.supplier_org_id),
     days AS (SELECT g::date AS d FROM span, generate_series(span.from_date, span.last_day, interval '1 day') g),
     daily AS (
       SELECT s.supplier_org_id, days.d,
              coalesce(cur.qty, 0) - coalesce(later.q, 0)
                - coalesce(sum(coalesce(c.q, 0)) OVER (PARTITION BY s.supplier_org_id ORDER BY days.d DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS on_hand
         FROM sup s CROSS JOIN days
         LEFT JOIN cur ON cur.supplier_org_id = s.supplier_org_id
         LEFT JOIN later ON later.supplier_org_id = s.supplier_org_id
         LEFT JOIN chg c ON c.supplier_org_id = s.supplier_org_id AND c.d = days.d),
     avg_oh AS (
       SELECT daily.supplier_org_id, b.n, avg(daily.on_hand) AS avg_on_hand
         FROM daily JOIN b ON daily.d BETWEEN b.start_date AND b.as_of
        GROUP BY daily.supplier_org_id, b.n),
     -- Stock at a bucket's as-of date = today's minus what was posted after it; aged = the part in
     -- layers received more than agingDays before that date. Both by receipt date, not per layer.
     rchg AS (
       SELECT sp.owner_org_id AS supplier_org_id, (rl.received_at AT TIME ZONE 'UTC')::date AS received_on, sp.d, sum(sp.q) AS q
         FROM sp JOIN receipt_layers rl ON rl.tenant_id = $1 AND rl.id = sp.balance_id
        GROUP BY sp.owner_org_id, received_on, sp.d),
     aged_now AS (
       SELECT r.supplier_org_id, b.n, sum(r.qty) AS qty FROM rcur r JOIN b ON b.as_of - r.received_on > $6::int
        GROUP BY r.supplier_org_id, b.n),
     aged_later AS (
       SELECT c.supplier_org_id, b.n, sum(c.q) AS q FROM rchg c JOIN b ON c.d > b.as_of AND b.as_of - c.received_on > $6::int
        GROUP BY c.supplier_org_id, b.n),
     aged AS (
       SELECT s.supplier_org_id, b.n, coalesce(oh.on_hand, 0) AS on_hand, coalesce(an.qty, 0) - coalesce(al.q, 0) AS aged
         FROM sup s CROSS JOIN b
         LEFT JOIN daily oh ON oh.supplier_org_id = s.supplier_org_id AND oh.d = b.as_of
         LEFT JOIN aged_now an ON an.supplier_org_id = s.supplier_org_id AND an.n = b.n
         LEFT JOIN aged_later al ON al.supplier_org_id = s.supplier_org_id AND al.n = b.n
        WHERE b.as_of >= b.start_date),
     disp AS (
       SELECT st.supplier_org_id, b.n, count(*)::int AS statements, sum(st.line_count)::int AS lines,
              sum((SELECT count(*) FROM statement_line_disputes d WHERE d.tenant_id = st.tenant_id AND d.statement_id = st.id))::int AS disputed
         FROM span, statements st JOIN b ON st.period_to BETWEEN b.start_date AND b.end_date
        WHERE st.tenant_id = $1 AND st.supplier_org_id = ANY($2::uuid[]) AND st.status IN ('ISSUED', 'CONFIRMED', 'DISPUTED')
          AND st.period_to BETWEEN span.from_date AND span.to_date
        GROUP BY st.supplier_org_id, b.n)
     SELECT s.supplier_org_id, b.n, to_char(b.as_of, 'YYYY-MM-DD') AS as_of,
            coalesce(otd.deliveries, 0) AS deliveries, coalesce(otd.on_time, 0) AS on_time, coalesce(otd.days_late, '0') AS days_late,
            coalesce(fill.lines, 0) AS fill_lines, coalesce(fill.confirmed, 0)::text AS confirmed_qty, coalesce(fill.received, 0)::text AS received_qty,
            coalesce(conf.confirmations, 0) AS confirmations, conf.median_hours::text AS median_hours, conf.avg_hours::text AS avg_hours,
            coalesce(sc.shipments, 0) AS shipments, coalesce(sc.closed_short, 0) AS shipments_closed_short,
            coalesce(sc.shipped, 0)::text AS shipped_qty, coalesce(sc.short_closed, 0)::text AS short_closed_qty,
            coalesce(cons.consumed, 0)::text AS consumed_qty, coalesce(avg_oh.avg_on_hand, 0)::text AS avg_on_hand_qty,
            coalesce(aged.on_hand, 0)::text AS on_hand_qty, coalesce(aged.aged, 0)::text AS aged_qty,
            coalesce(disp.statements, 0) AS statements, coalesce(disp.lines, 0) AS statement_lines, coalesce(disp.disputed, 0) AS disputed_lines
       FROM sup s CROSS JOIN b
       LEFT JOIN otd ON otd.supplier_org_id = s.supplier_org_id AND otd.n = b.n
       LEFT JOIN fill ON fill.supplier_org_id = s.supplier_org_id AND fill.n = b.n
       LEFT JOIN conf ON conf.supplier_org_id = s.supplier_org_id AND conf.n = b.n
       LEFT JOIN sc ON sc.supplier_org_id = s.supplier_org_id AND sc.n = b.n
       LEFT JOIN cons ON cons.supplier_org_id = s.supplier_org_id AND cons.n = b.n
       LEFT JOIN avg_oh ON avg_oh.supplier_org_id = s.supplier_org_id AND avg_oh.n = b.n
       LEFT JOIN aged ON aged.supplier_org_id = s.supplier_org_id AND aged.n = b.n
       LEFT JOIN disp ON disp.supplier_org_id = s.supplier_org_id AND disp.n = b.n
      ORDER BY s.supplier_org_id, b.n`,
    [tenantId, supplierOrgIds, buckets.map((x) => x.from), buckets.map((x) => x.to), today, agingDays],
  );
}
