import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { gradeSupplierLowWater } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { CallOffsService } from '../call-offs/call-offs.service';
import { SupplierInventoryEvents, type SupplierStockChanged } from '../supplier-inventory/supplier-inventory.events';
import { agingClauseNotices, mergeAgingNotices } from './aging-clause-notices';

const ZERO = '00000000-0000-0000-0000-000000000000';
const CLAIM_LIMIT = 10_000;
const POLL_MS = 500;
const TIME_DRIVEN_MS = 5 * 60_000;
/** pg_try_advisory_lock key of the periodic time-driven job (one instance runs it). */
const TIME_DRIVEN_LOCK = 7_364_000_300;

/** One graded key; severity null = the condition is clear (resolve an open warning). */
interface Graded {
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

/**
 * Raises, re-grades and resolves warnings. Stock-driven kinds (LOW_WATER, OVERSTOCK) follow the
 * `warning_outbox` filled by triggers on balances and stock_policies; SUPPLIER_LOW_WATER follows
 * the supplier inventory's change hook; AGING, EXPIRY and SLOW_MOVING are re-evaluated by a
 * periodic job.
 */
@Injectable()
export class WarningEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WarningEngine.name);
  private timer: NodeJS.Timeout | null = null;
  private timeTimer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly supplierEvents: SupplierInventoryEvents,
    private readonly callOffs: CallOffsService,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.supplierEvents.onChanged((c) => this.onSupplierStockChanged(c));
    this.schedule();
    this.timeTimer = setInterval(() => {
      if (!this.stopped) void this.runTimeDrivenOnce().catch((e) => this.logger.error(`time-driven warnings failed: ${(e as Error).message}`));
    }, TIME_DRIVEN_MS);
    this.timeTimer.unref();
  }

  // Before TypeORM closes the pool (its shutdown hook runs later), so no query is cut off.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.timeTimer) clearInterval(this.timeTimer);
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((e) => this.logger.error(`warning outbox failed: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, POLL_MS);
    this.timer.unref();
  }

  /** Processes outbox batches until it is empty (tests call this to drain deterministically). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.processBatch();
      total += n;
      if (n < CLAIM_LIMIT || this.stopped) return total;
    }
  }

  /** Claims up to CLAIM_LIMIT outbox rows and re-grades their distinct (tenant, location, item) keys. */
  async processBatch(): Promise<number> {
    return this.db.transaction(async () => {
      // TypeORM answers DELETE … RETURNING as [rows, affected].
      const [claimed] = (await this.db.query(
        // = ANY(ARRAY(…)): the claim runs once as an init plan, then primary-key probes (an
        // IN-subquery can be planned as a semi join that rescans the claim per outbox row).
        `DELETE FROM warning_outbox WHERE id = ANY(ARRAY(
           SELECT id FROM warning_outbox ORDER BY id FOR UPDATE SKIP LOCKED LIMIT ${CLAIM_LIMIT}))
         RETURNING tenant_id, location_id, item_id`,
      )) as unknown as [Array<{ tenant_id: string; location_id: string; item_id: string }>, number];
      if (claimed.length === 0) return 0;
      const keys = new Map<string, { tenant_id: string; location_id: string; item_id: string }>();
      for (const c of claimed) keys.set(`${c.tenant_id}|${c.location_id}|${c.item_id}`, c);
      const sorted = [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
      await this.regradeSites(sorted);
      return claimed.length;
    });
  }

  /**
   * Re-grades LOW_WATER and OVERSTOCK of the given keys, in one set-based statement. Re-grading is serialised per tenant by
   * a transaction advisory lock (tenants locked in id order: no deadlock between workers; one
   * lock per tenant, not per key, so a batch of thousands of keys does not fill the lock
   * table), and the position is read after the lock, so the last writer always graded the
   * latest committed stock.
   */
  async regradeSites(keys: Array<{ tenant_id: string; location_id: string; item_id: string }>): Promise<void> {
    if (keys.length === 0) return;
    const t = keys.map((k) => k.tenant_id);
    const l = keys.map((k) => k.location_id);
    const i = keys.map((k) => k.item_id);
    const tenants = [...new Set(t)].sort();
    await this.db.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('warning:' || k.t, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS k(t, n) ORDER BY k.n`,
      [tenants],
    );
    // One statement: position of every key → grades → raise or re-grade (in place, and only
    // when something changed) the warning keys, and return the open warnings of the clear keys
    // plus the keys due an auto call-off. Set-based: the keys' balances and open call-off lines
    // are summed by one GROUP BY each, joined to the keys (the planner picks index probes or a
    // hash join by the batch's size), instead of one lateral probe per key. The bands are
    // gradeLowWater's, compared without division ((min − available) × 100 ≥ pct × min ⇔ d ≥
    // pct), so exact at the boundaries; the shown deviation is rounded half away from zero to 2
    // decimals like the domain's. Due an auto call-off: LOW_WATER graded ORANGE or RED (so,
    // once written, an open ORANGE/RED LOW_WATER warning), auto call-off on with a preferred
    // supplier, and something still missing to max — usually no key, and then no further query.
    const rows = await this.db.query<{ what: 'RESOLVE' | 'CALL_OFF'; tenant_id: string; id: string; item_id: string | null }>(
      `WITH k AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(t, l, i)),
       bal AS (
         SELECT b.tenant_id, b.location_id, b.item_id,
                sum(b.qty) FILTER (WHERE b.location_kind = 'SITE') AS on_hand,
                sum(b.qty) FILTER (WHERE b.location_kind = 'IN_TRANSIT') AS in_transit
           FROM k JOIN balances b ON b.tenant_id = k.t AND b.location_id = k.l AND b.item_id = k.i
          GROUP BY b.tenant_id, b.location_id, b.item_id),
       co AS (
         SELECT c.tenant_id, c.location_id, cl.item_id, sum(greatest(coalesce(cl.confirmed_qty, cl.qty) - cl.shipped_qty, 0)) AS qty
           FROM k JOIN call_off_lines cl ON cl.tenant_id = k.t AND cl.item_id = k.i
           JOIN call_offs c ON c.tenant_id = cl.tenant_id AND c.id = cl.call_off_id AND c.location_id = k.l
          WHERE c.status IN ('OPEN', 'CONFIRMED')
          GROUP BY c.tenant_id, c.location_id, cl.item_id),
       pos AS (
         SELECT k.t AS tenant_id, k.l AS location_id, k.i AS item_id,
                p.min_qty, p.max_qty, p.yellow_pct, p.orange_pct, p.red_pct,
                p.auto_call_off AND p.preferred_supplier_org_id IS NOT NULL AS auto_call_off,
                coalesce(b.on_hand, 0)::numeric(20, 6) AS on_hand,
                coalesce(b.in_transit, 0)::numeric(20, 6) AS in_transit,
                coalesce(co.qty, 0)::numeric(20, 6) AS open_qty,
                (coalesce(b.on_hand, 0) + coalesce(b.in_transit, 0))::numeric(20, 6) AS available
           FROM k
           LEFT JOIN stock_policies p ON p.tenant_id = k.t AND p.location_id = k.l AND p.item_id = k.i
           LEFT JOIN bal b ON b.tenant_id = k.t AND b.location_id = k.l AND b.item_id = k.i
           LEFT JOIN co ON co.tenant_id = k.t AND co.location_id = k.l AND co.item_id = k.i),
       g AS (
         SELECT tenant_id, location_id, item_id, 'LOW_WATER'::text AS kind,
                CASE WHEN min_qty IS NULL OR min_qty <= 0 THEN NULL
                     WHEN available <= 0 OR (min_qty - available) * 100 >= red_pct * min_qty THEN 'RED'
                     WHEN (min_qty - available) * 100 >= orange_pct * min_qty THEN 'ORANGE'
                     WHEN (min_qty - available) * 100 >= yellow_pct * min_qty THEN 'YELLOW' END AS severity,
                available, coalesce(min_qty, 0) AS threshold,
                CASE WHEN min_qty > 0 THEN round((min_qty - available) * 100 / min_qty, 2) ELSE 0 END AS deviation_pct,
                greatest(max_qty - (on_hand + in_transit + open_qty), 0) AS suggested_qty,
                jsonb_build_object('onHand', on_hand::text, 'inTransit', in_transit::text, 'openCallOffQty', open_qty::text) AS snapshot,
                auto_call_off AND max_qty - (on_hand + in_transit + open_qty) > 0 AS wants_call_off
           FROM pos
         UNION ALL
         SELECT tenant_id, location_id, item_id, 'OVERSTOCK',
                CASE WHEN max_qty > 0 AND available > max_qty THEN 'YELLOW' END,
                available, coalesce(max_qty, 0),
                CASE WHEN max_qty > 0 THEN round((available - max_qty) * 100 / max_qty, 2) ELSE 0 END,
                NULL,
                jsonb_build_object('onHand', on_hand::text, 'inTransit', in_transit::text, 'openCallOffQty', open_qty::text),
                false
           FROM pos),
       -- The open warning of each clear key, by one probe of warnings_open_item_idx (plain
       -- equalities: a key's site is never null and no owner is the zero uuid, so the same row
       -- as the unique key's coalesce form; LIMIT 1: one open row per key). Returned and
       -- resolved by the next statement through the primary key: an UPDATE joined to this CTE
       -- was planned from its guessed size (1 % of the keys clear) and stale statistics of
       -- warnings, and once turned inside out (every open warning × every key).
       clear AS (
         SELECT o.tenant_id, o.id FROM g CROSS JOIN LATERAL (
           SELECT x.tenant_id, x.id FROM warnings x
            WHERE x.tenant_id = g.tenant_id AND x.kind = g.kind AND x.item_id = g.item_id
              AND x.location_id = g.location_id AND x.owner_org_id IS NULL AND x.status <> 'RESOLVED'
            LIMIT 1) o
          WHERE g.severity IS NULL),
       raised AS (
         INSERT INTO warnings (tenant_id, kind, severity, location_id, item_id, owner_org_id, available, threshold, deviation_pct, suggested_qty, snapshot)
         SELECT tenant_id, kind, severity, location_id, item_id, NULL, available, threshold, deviation_pct, suggested_qty, snapshot
           FROM g WHERE severity IS NOT NULL
         ON CONFLICT (tenant_id, kind, (coalesce(location_id, '${ZERO}'::uuid)), item_id, (coalesce(owner_org_id, '${ZERO}'::uuid))) WHERE status <> 'RESOLVED'
         DO UPDATE SET severity = EXCLUDED.severity, available = EXCLUDED.available, threshold = EXCLUDED.threshold,
                       deviation_pct = EXCLUDED.deviation_pct, suggested_qty = EXCLUDED.suggested_qty, snapshot = EXCLUDED.snapshot, updated_at = now()
          WHERE (warnings.severity, warnings.available, warnings.threshold, warnings.deviation_pct, warnings.suggested_qty, warnings.snapshot)
                IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.available, EXCLUDED.threshold, EXCLUDED.deviation_pct, EXCLUDED.suggested_qty, EXCLUDED.snapshot)
         RETURNING 1)
       SELECT 'RESOLVE' AS what, tenant_id, id, NULL::uuid AS item_id FROM clear
       UNION ALL
       SELECT 'CALL_OFF', tenant_id, location_id, item_id FROM g
        WHERE kind = 'LOW_WATER' AND severity IN ('ORANGE', 'RED') AND wants_call_off`,
      [t, l, i],
    );
    const clear = rows.filter((r) => r.what === 'RESOLVE');
    if (clear.length > 0)
      await this.db.query(
        `UPDATE warnings w SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS r(t, id)
          WHERE w.tenant_id = r.t AND w.id = r.id AND w.status <> 'RESOLVED'`,
        [clear.map((r) => r.tenant_id), clear.map((r) => r.id)],
      );
    const due = rows.filter((r) => r.what === 'CALL_OFF');
    if (due.length > 0)
      await this.autoCallOffs(
        due.map((d) => d.tenant_id),
        due.map((d) => d.id),
        due.map((d) => d.item_id as string),
      );
  }

  /**
   * PRODUCT.md: ORANGE (or worse) with auto call-off on → a call-off for the preferred supplier
   * of what is still missing to max (suggested qty, net of open call-offs, rounded up to the
   * item's decimals), needed by today + the supplier's lead time. Once created it counts as
   * open call-off quantity, so the next re-grade suggests 0 and nothing is ordered twice. A
   * call-off that cannot be created (no current price, …) is skipped under a savepoint, never
   * failing the batch.
   */
  private async autoCallOffs(t: string[], l: string[], i: string[]): Promise<void> {
    const due = await this.db.query<{ tenant_id: string; location_code: string; item_code: string; supplier_org_id: string; qty: string; need_by: string }>(
      `SELECT p.tenant_id, loc.code AS location_code, it.code AS item_code, p.preferred_supplier_org_id AS supplier_org_id,
              (ceil(greatest(p.max_qty - (coalesce(b.qty, 0) + coalesce(co.qty, 0)), 0) * power(10::numeric, it.decimals)) / power(10::numeric, it.decimals))::text AS qty,
              (current_date + coalesce(pe.lead_time_days, 0))::text AS need_by
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(t, l, i)
         JOIN stock_policies p ON p.tenant_id = k.t AND p.location_id = k.l AND p.item_id = k.i
              AND p.auto_call_off AND p.preferred_supplier_org_id IS NOT NULL
         JOIN warnings w ON w.tenant_id = k.t AND w.kind = 'LOW_WATER' AND w.location_id = k.l AND w.item_id = k.i
              AND w.status <> 'RESOLVED' AND w.severity IN ('ORANGE', 'RED')
         JOIN locations loc ON loc.id = k.l
         JOIN items it ON it.id = k.i
         LEFT JOIN LATERAL (SELECT sum(qty) AS qty FROM balances WHERE tenant_id = k.t AND location_id = k.l AND item_id = k.i) b ON true
         LEFT JOIN LATERAL (
           SELECT sum(greatest(coalesce(cl.confirmed_qty, cl.qty) - cl.shipped_qty, 0)) AS qty
             FROM call_offs c JOIN call_off_lines cl ON cl.tenant_id = c.tenant_id AND cl.call_off_id = c.id
            WHERE c.tenant_id = k.t AND c.location_id = k.l AND cl.item_id = k.i AND c.status IN ('OPEN', 'CONFIRMED')) co ON true
         LEFT JOIN LATERAL (
           SELECT lead_time_days FROM price_list_entries
            WHERE tenant_id = k.t AND supplier_org_id = p.preferred_supplier_org_id AND item_id = k.i AND valid_to IS NULL LIMIT 1) pe ON true
        WHERE p.max_qty - (coalesce(b.qty, 0) + coalesce(co.qty, 0)) > 0`,
      [t, l, i],
    );
    for (const d of due) {
      await this.db.query(`SAVEPOINT warnings_auto_call_off`);
      try {
        await this.callOffs.create(d.tenant_id, null, {
          supplierOrgId: d.supplier_org_id,
          locationCode: d.location_code,
          lines: [{ itemCode: d.item_code, qty: d.qty, needBy: d.need_by }],
        });
        await this.db.query(`RELEASE SAVEPOINT warnings_auto_call_off`);
      } catch (e) {
        await this.db.query(`ROLLBACK TO SAVEPOINT warnings_auto_call_off`);
        this.logger.warn(`auto call-off skipped for ${d.location_code}/${d.item_code}: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Writes graded keys set-based: clear keys resolve their open warning; warning keys re-grade
   * the open one in place (raised_at kept) or raise a new one (the partial unique index is the
   * arbiter, so two writers can never open two).
   */
  async apply(graded: Graded[]): Promise<void> {
    if (graded.length === 0) return;
    const json = JSON.stringify(graded);
    await this.db.query(
      `UPDATE warnings w SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, kind text, location_id uuid, item_id uuid, owner_org_id uuid, severity text)
        WHERE r.severity IS NULL AND w.status <> 'RESOLVED'
          AND w.tenant_id = r.tenant_id AND w.kind = r.kind AND w.item_id = r.item_id
          AND coalesce(w.location_id, '${ZERO}'::uuid) = coalesce(r.location_id, '${ZERO}'::uuid)
          AND coalesce(w.owner_org_id, '${ZERO}'::uuid) = coalesce(r.owner_org_id, '${ZERO}'::uuid)`,
      [json],
    );
    await this.db.query(
      `INSERT INTO warnings (tenant_id, kind, severity, location_id, item_id, owner_org_id, available, threshold, deviation_pct, suggested_qty, snapshot)
       SELECT r.tenant_id, r.kind, r.severity, r.location_id, r.item_id, r.owner_org_id, r.available, r.threshold, r.deviation_pct, r.suggested_qty, r.snapshot
         FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, kind text, location_id uuid, item_id uuid, owner_org_id uuid, severity text,
              available numeric, threshold numeric, deviation_pct numeric, suggested_qty numeric, snapshot jsonb)
        WHERE r.severity IS NOT NULL
       ON CONFLICT (tenant_id, kind, (coalesce(location_id, '${ZERO}'::uuid)), item_id, (coalesce(owner_org_id, '${ZERO}'::uuid))) WHERE status <> 'RESOLVED'
       DO UPDATE SET severity = EXCLUDED.severity, available = EXCLUDED.available, threshold = EXCLUDED.threshold,
                     deviation_pct = EXCLUDED.deviation_pct, suggested_qty = EXCLUDED.suggested_qty, snapshot = EXCLUDED.snapshot, updated_at = now()
        WHERE (warnings.severity, warnings.available, warnings.threshold, warnings.deviation_pct, warnings.suggested_qty, warnings.snapshot)
              IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.available, EXCLUDED.threshold, EXCLUDED.deviation_pct, EXCLUDED.suggested_qty, EXCLUDED.snapshot)`,
      [json],
    );
  }

  /** SUPPLIER_LOW_WATER, inside the upload/edit transaction that changed the supplier's stock. */
  async onSupplierStockChanged(c: SupplierStockChanged): Promise<void> {
    await this.regradeSupplier(c.tenantId, c.supplierOrgId, c.itemIds);
  }

  async regradeSupplier(tenantId: string, supplierOrgId: string, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('warning-supplier:' || $1::text || ':' || $2::text, 0))`, [tenantId, supplierOrgId]);
    const rows = await this.db.query<{ item_id: string; threshold_qty: string | null; available: string }>(
      `SELECT i.id AS item_id, th.threshold_qty::text AS threshold_qty,
              coalesce((SELECT sum(si.available_qty) FROM supplier_inventory si
                         WHERE si.tenant_id = $1 AND si.supplier_org_id = $2 AND si.item_id = i.id), 0)::numeric(20, 6)::text AS available
         FROM unnest($3::uuid[]) AS i(id)
         LEFT JOIN supplier_stock_thresholds th ON th.tenant_id = $1 AND th.supplier_org_id = $2 AND th.item_id = i.id`,
      [tenantId, supplierOrgId, itemIds],
    );
    await this.apply(
      rows.map((r) => {
        const g = r.threshold_qty === null ? { severity: null, deviationPct: '0.00' } : gradeSupplierLowWater({ threshold: r.threshold_qty, available: r.available });
        return {
          tenant_id: tenantId, kind: 'SUPPLIER_LOW_WATER', location_id: null, item_id: r.item_id, owner_org_id: supplierOrgId,
          severity: g.severity, available: r.available, threshold: r.threshold_qty ?? '0', deviation_pct: g.deviationPct, suggested_qty: null,
          snapshot: { available: r.available },
        };
      }),
    );
  }

  /** The periodic job: one instance at a time (session advisory lock), every tenant. */
  async runTimeDrivenOnce(): Promise<boolean> {
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = await runner.query(`SELECT pg_try_advisory_lock($1) AS ok`, [TIME_DRIVEN_LOCK]);
      if (!lock.ok) return false;
      try {
        const tenants = await runner.query(`SELECT id FROM organizations WHERE type = 'BUYER' ORDER BY id`);
        for (const { id } of tenants as Array<{ id: string }>) await this.evaluateTimeDriven(id);
        return true;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [TIME_DRIVEN_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * AGING (a layer with stock left older than aging_days), EXPIRY (a lot with stock left that
   * expires within expiry_days) per (site, item, owner); SLOW_MOVING (stock at a site and no
   * consumption there for slow_moving_days) per (site, item, supplier). AGING is also raised
   * agingNoticeDays before an agreement's aging clause transfers title (aging-clause-notices.ts).
   * Keys that no longer match resolve; `asOf` lets tests move the clock.
   */
  async evaluateTimeDriven(tenantId: string, asOf?: Date): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('warning-time:' || $1::text, 0))`, [tenantId]);
      const now = (asOf ?? new Date()).toISOString();
      const rows = await this.db.query<{ kind: string; location_id: string; item_id: string; owner_org_id: string; available: string; threshold: string; deviation_pct: string; severity: string; detail: string }>(
        `WITH s AS (SELECT coalesce(max(aging_days), 90) AS aging, coalesce(max(slow_moving_days), 60) AS slow, coalesce(max(expiry_days), 30) AS expiry
                      FROM warning_settings WHERE tenant_id = $1),
              layers AS (
                SELECT rl.location_id, rl.item_id, rl.owner_org_id, b.qty, rl.received_at, rl.expiry_date,
                       floor(extract(epoch FROM ($2::timestamptz - rl.received_at)) / 86400)::int AS age_days
                  FROM balances b JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
                 WHERE b.tenant_id = $1 AND b.location_kind = 'SITE' AND b.qty > 0)
         SELECT 'AGING' AS kind, l.location_id, l.item_id, l.owner_org_id, sum(l.qty)::numeric(20, 6)::text AS available,
                s.aging::text AS threshold, max(l.age_days)::text AS detail,
                CASE WHEN max(l.age_days) >= 2 * s.aging THEN 'RED' WHEN max(l.age_days) >= 1.5 * s.aging THEN 'ORANGE' ELSE 'YELLOW' END AS severity,
                round((max(l.age_days) - s.aging) * 100.0 / s.aging, 2)::text AS deviation_pct
           FROM layers l CROSS JOIN s WHERE l.age_days > s.aging
          GROUP BY l.location_id, l.item_id, l.owner_org_id, s.aging
         UNION ALL
         SELECT 'EXPIRY', l.location_id, l.item_id, l.owner_org_id, sum(l.qty)::numeric(20, 6)::text,
                s.expiry::text, min(l.expiry_date)::text,
                CASE WHEN min(l.expiry_date) <= ($2::timestamptz AT TIME ZONE 'UTC')::date THEN 'RED'
                     WHEN min(l.expiry_date) - ($2::timestamptz AT TIME ZONE 'UTC')::date <= s.expiry / 3 THEN 'ORANGE' ELSE 'YELLOW' END,
                round((s.expiry - (min(l.expiry_date) - ($2::timestamptz AT TIME ZONE 'UTC')::date)) * 100.0 / s.expiry, 2)::text
           FROM layers l CROSS JOIN s
          WHERE l.expiry_date IS NOT NULL AND l.expiry_date - ($2::timestamptz AT TIME ZONE 'UTC')::date <= s.expiry
          GROUP BY l.location_id, l.item_id, l.owner_org_id, s.expiry
         UNION ALL
         SELECT 'SLOW_MOVING', l.location_id, l.item_id, l.owner_org_id, sum(l.qty)::numeric(20, 6)::text, s.slow::text, NULL, 'YELLOW', '0.00'
           FROM layers l CROSS JOIN s
          WHERE l.owner_org_id <> $1
          GROUP BY l.location_id, l.item_id, l.owner_org_id, s.slow
         HAVING min(l.received_at) <= $2::timestamptz - make_interval(days => s.slow)
            AND NOT EXISTS (SELECT 1 FROM title_transfers tt
                             WHERE tt.tenant_id = $1 AND tt.location_id = l.location_id AND tt.item_id = l.item_id AND tt.supplier_org_id = l.owner_org_id
                               AND tt.reverses_transfer_id IS NULL AND tt.kind = 'CONSUMPTION'
                               AND tt.transferred_at > $2::timestamptz - make_interval(days => s.slow))`,
        [tenantId, now],
      );
      const raised: Graded[] = rows.map((r) => ({
        tenant_id: tenantId, kind: r.kind, location_id: r.location_id, item_id: r.item_id, owner_org_id: r.owner_org_id,
        severity: r.severity, available: r.available, threshold: r.threshold, deviation_pct: r.deviation_pct, suggested_qty: null,
        snapshot: r.detail === null ? {} : { [r.kind === 'EXPIRY' ? 'earliestExpiry' : 'oldestAgeDays']: r.detail },
      }));
      mergeAgingNotices(raised, await agingClauseNotices(this.db, tenantId, now));
      await this.apply(raised);
      // Whatever time-driven warning is open and not raised again now is clear: resolve it.
      await this.db.query(
        `UPDATE warnings w SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
          WHERE w.tenant_id = $1 AND w.kind IN ('AGING', 'EXPIRY', 'SLOW_MOVING') AND w.status <> 'RESOLVED'
            AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(kind text, location_id uuid, item_id uuid, owner_org_id uuid)
                             WHERE r.kind = w.kind AND r.location_id = w.location_id AND r.item_id = w.item_id AND r.owner_org_id = w.owner_org_id)`,
        [tenantId, JSON.stringify(raised)],
      );
    });
  }
}
