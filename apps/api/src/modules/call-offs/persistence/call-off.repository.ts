import { Injectable } from '@nestjs/common';
import type { CallOff, CallOffLine, CallOffStatus, Page } from '@stockbridge/shared';
import { canTransition, Decimal, deriveCallOffStatus, formatQuantity, maxShippable, type CallOffLineProgress } from '@stockbridge/domain';
import { Db } from '../../../database/db.service';
import { keysetPage, sortSpec, isoSortKey } from '../../../common/http/paging';
import { scopeParams, type ChainViewer } from '../chain-viewer';
import type { CallOffQueryDto } from '../dto/call-off.dto';


/** A call-off header, locked for the rest of the transaction by `lockForUpdate`. */
export interface CallOffHead {
  id: string;
  tenantId: string;
  number: string;
  status: CallOffStatus;
  supplierOrgId: string;
  locationId: string;
  /** The agreement's tolerance (percent) at the time of the command. */
  tolerancePct: string;
}

/** A call-off line with everything the chain rules need. */
export interface CallOffLineState {
  id: string;
  lineNo: number;
  itemId: string;
  itemCode: string;
  decimals: number;
  qty: Decimal;
  confirmedQty: Decimal | null;
  shippedQty: Decimal;
  receivedQty: Decimal;
  shortClosedQty: Decimal;
  inTransitQty: Decimal;
}

/** Cumulative changes to a call-off line's progress (all ≥ 0). */
export interface CallOffLineDelta {
  lineId: string;
  shipped?: Decimal;
  received?: Decimal;
  shortClosed?: Decimal;
}

interface HeadRow {
  id: string;
  tenant_id: string;
  number: string;
  status: CallOffStatus;
  supplier_org_id: string;
  location_id: string;
  tolerance_pct: string;
}

interface CallOffRow extends HeadRow {
  buyer_name: string;
  supplier_name: string;
  location_code: string;
  reject_reason: string | null;
  cancel_reason: string | null;
  created_at: Date;
  updated_at: Date;
  confirmed_at: Date | null;
  sort_key: string;
}

interface LineRow {
  id: string;
  call_off_id: string;
  line_no: number;
  item_id: string;
  item_code: string;
  description: string;
  uom: string;
  decimals: number;
  qty: string;
  need_by: string;
  confirmed_qty: string | null;
  promised_date: string | null;
  shipped_qty: string;
  received_qty: string;
  short_closed_qty: string;
  in_transit_qty: string;
}

const HEAD_COLUMNS = `c.id, c.tenant_id, c.number, c.status, c.supplier_org_id, c.location_id, a.receipt_tolerance_pct::text AS tolerance_pct`;

/** The call-off read: `extra` adds columns (the list's `sort_key`). */
const callOffSelect = (extra = '') => `
  SELECT ${HEAD_COLUMNS}, b.name AS buyer_name, s.name AS supplier_name, l.code AS location_code,
         c.reject_reason, c.cancel_reason, c.created_at, c.updated_at, c.confirmed_at${extra}
    FROM call_offs c
    JOIN supplier_agreements a ON a.tenant_id = c.tenant_id AND a.supplier_org_id = c.supplier_org_id
    JOIN organizations b ON b.id = c.tenant_id
    JOIN organizations s ON s.id = c.supplier_org_id
    JOIN locations l ON l.id = c.location_id`;

// What is still on the way per call-off line: each ASN line's declared quantity not yet
// received (an over-receipt never counts negative) less what was closed short.
const LINE_SELECT = `
  SELECT cl.id, cl.call_off_id, cl.line_no, cl.item_id, i.code AS item_code, i.description, i.uom, i.decimals,
         cl.qty::text, to_char(cl.need_by, 'YYYY-MM-DD') AS need_by, cl.confirmed_qty::text,
         to_char(cl.promised_date, 'YYYY-MM-DD') AS promised_date, cl.shipped_qty::text, cl.received_qty::text,
         cl.short_closed_qty::text,
         COALESCE((SELECT sum(GREATEST(sl.qty - sl.received_qty, 0) - sl.short_closed_qty)
                     FROM shipment_lines sl
                    WHERE sl.tenant_id = cl.tenant_id AND sl.call_off_line_id = cl.id), 0)::text AS in_transit_qty
    FROM call_off_lines cl
    JOIN items i ON i.id = cl.item_id`;

const toState = (r: LineRow): CallOffLineState => ({
  id: r.id,
  lineNo: r.line_no,
  itemId: r.item_id,
  itemCode: r.item_code,
  decimals: Number(r.decimals),
  qty: new Decimal(r.qty),
  confirmedQty: r.confirmed_qty === null ? null : new Decimal(r.confirmed_qty),
  shippedQty: new Decimal(r.shipped_qty),
  receivedQty: new Decimal(r.received_qty),
  shortClosedQty: new Decimal(r.short_closed_qty),
  inTransitQty: new Decimal(r.in_transit_qty),
});

/**
 * A line is closed when nothing more is expected on it: an ASN of it was closed short,
 * nothing of it is still in transit, and it was shipped up to its confirmed quantity (a
 * line shipped only in part stays open for the rest).
 */
export function isLineClosed(l: Pick<CallOffLineState, 'confirmedQty' | 'qty' | 'shippedQty' | 'shortClosedQty' | 'inTransitQty'>): boolean {
  return l.shortClosedQty.gt(0) && l.inTransitQty.lte(0) && l.shippedQty.gte(l.confirmedQty ?? l.qty);
}

export function progressOf(l: CallOffLineState): CallOffLineProgress {
  return {
    qty: l.qty,
    confirmedQty: l.confirmedQty,
    shippedQty: l.shippedQty,
    receivedQty: l.receivedQty,
    closed: isLineClosed(l),
  };
}

/** How much more may be declared on ASNs: floored to what the item's decimals can express. */
export function shippableOf(l: Pick<CallOffLineState, 'confirmedQty' | 'shippedQty' | 'decimals'>, tolerancePct: string): Decimal {
  if (l.confirmedQty === null) return new Decimal(0);
  return maxShippable(l.confirmedQty, l.shippedQty, tolerancePct).toDecimalPlaces(l.decimals, Decimal.ROUND_DOWN);
}

/** Reads and progress updates of call-offs; the commands live in CallOffsService. */
@Injectable()
export class CallOffRepository {
  constructor(private readonly db: Db) {}

  /**
   * Locks the call-off row (`FOR UPDATE OF c`, never the joined master data) for the rest
   * of the transaction, so the chain's commands on one call-off run one at a time: two
   * ASNs cannot together over-ship, two receipts cannot together over-receive.
   * Null when the call-off does not exist for this viewer.
   */
  async lockForUpdate(viewer: ChainViewer, id: string): Promise<CallOffHead | null> {
    const [r] = await this.db.query<HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM call_offs c
         JOIN supplier_agreements a ON a.tenant_id = c.tenant_id AND a.supplier_org_id = c.supplier_org_id
        WHERE c.id = $1 AND ($2::uuid IS NULL OR c.tenant_id = $2) AND ($3::uuid IS NULL OR c.supplier_org_id = $3)
        FOR UPDATE OF c`,
      [id, ...scopeParams(viewer)],
    );
    return r ? toHead(r) : null;
  }

  async lines(tenantId: string, callOffId: string): Promise<CallOffLineState[]> {
    const rows = await this.db.query<LineRow>(`${LINE_SELECT} WHERE cl.tenant_id = $1 AND cl.call_off_id = $2 ORDER BY cl.line_no`, [tenantId, callOffId]);
    return rows.map(toState);
  }

  /** Adds shipped / received / closed-short quantities to call-off lines (one statement). */
  async addProgress(tenantId: string, deltas: CallOffLineDelta[]): Promise<void> {
    if (!deltas.length) return;
    await this.db.query(
      `UPDATE call_off_lines cl
          SET shipped_qty = cl.shipped_qty + d.shipped, received_qty = cl.received_qty + d.received,
              short_closed_qty = cl.short_closed_qty + d.short_closed
         FROM (SELECT * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[]) AS t(id, shipped, received, short_closed)) d
        WHERE cl.tenant_id = $1 AND cl.id = d.id`,
      [
        tenantId,
        deltas.map((d) => d.lineId),
        deltas.map((d) => (d.shipped ?? new Decimal(0)).toString()),
        deltas.map((d) => (d.received ?? new Decimal(0)).toString()),
        deltas.map((d) => (d.shortClosed ?? new Decimal(0)).toString()),
      ],
    );
  }

  /** Re-derives the status from the lines and stores it; returns the new status. */
  async refreshStatus(head: CallOffHead): Promise<CallOffStatus> {
    const lines = await this.lines(head.tenantId, head.id);
    const status = deriveCallOffStatus(head.status, lines.map(progressOf));
    await this.db.query(`UPDATE call_offs SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [head.tenantId, head.id, status]);
    head.status = status;
    return status;
  }

  async findOne(viewer: ChainViewer, id: string): Promise<CallOff | null> {
    const rows = await this.db.query<CallOffRow>(
      `${callOffSelect()} WHERE c.id = $1 AND ($2::uuid IS NULL OR c.tenant_id = $2) AND ($3::uuid IS NULL OR c.supplier_org_id = $3)`,
      [id, ...scopeParams(viewer)],
    );
    const [callOff] = await this.withLines(rows);
    return callOff ?? null;
  }

  async list(viewer: ChainViewer, q: CallOffQueryDto): Promise<Page<CallOff>> {
    const sort = sortSpec({ ...q, order: q.order ?? (q.sort ? 'asc' : 'desc') }, { createdAt: isoSortKey('c.created_at'), number: 'c.number', status: `c.status || ' ' || c.number` }, 'createdAt');
    const page = await keysetPage<CallOffRow, CallOffRow>((sql, p) => this.db.query(sql, p), {
      base: `${callOffSelect(`, ${sort.expr} AS sort_key`)}
               WHERE ($1::uuid IS NULL OR c.tenant_id = $1) AND ($2::uuid IS NULL OR c.supplier_org_id = $2)
                 AND ($3::text[] IS NULL OR c.status = ANY($3)) AND ($4::uuid IS NULL OR c.supplier_org_id = $4)
                 AND ($5::uuid IS NULL OR c.tenant_id = $5) AND ($6::text IS NULL OR l.code = $6)
                 AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM call_off_lines x JOIN items xi ON xi.id = x.item_id
                                                   WHERE x.tenant_id = c.tenant_id AND x.call_off_id = c.id AND xi.code = $7))`,
      params: [
        ...scopeParams(viewer),
        q.status ? q.status.split(',') : null,
        q.supplierOrgId ?? null,
        q.buyerOrgId ?? null,
        q.locationCode ?? null,
        q.itemCode ?? null,
      ],
      sort,
      query: q,
      map: (r) => r,
      sortValue: (r) => r.sort_key,
    });
    return { items: await this.withLines(page.items), nextCursor: page.nextCursor };
  }

  private async withLines(rows: CallOffRow[]): Promise<CallOff[]> {
    if (!rows.length) return [];
    const lines = await this.db.query<LineRow>(`${LINE_SELECT} WHERE cl.call_off_id = ANY($1::uuid[]) ORDER BY cl.call_off_id, cl.line_no`, [rows.map((r) => r.id)]);
    const byCallOff = new Map<string, LineRow[]>();
    for (const l of lines) byCallOff.set(l.call_off_id, [...(byCallOff.get(l.call_off_id) ?? []), l]);
    return rows.map((r) => toCallOff(r, byCallOff.get(r.id) ?? []));
  }
}

function toHead(r: HeadRow): CallOffHead {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    number: r.number,
    status: r.status,
    supplierOrgId: r.supplier_org_id,
    locationId: r.location_id,
    tolerancePct: new Decimal(r.tolerance_pct).toString(),
  };
}

function toCallOff(r: CallOffRow, lines: LineRow[]): CallOff {
  const tolerancePct = new Decimal(r.tolerance_pct).toString();
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    buyerOrgId: r.tenant_id,
    buyerName: r.buyer_name,
    supplierOrgId: r.supplier_org_id,
    supplierName: r.supplier_name,
    locationCode: r.location_code,
    tolerancePct,
    rejectReason: r.reject_reason,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    confirmedAt: r.confirmed_at ? r.confirmed_at.toISOString() : null,
    lines: lines.map((l) => toLine(l, canTransition(r.status, 'ship') ? tolerancePct : null)),
  };
}

/** `tolerancePct` null: the call-off takes no ASN in its status, so nothing is shippable. */
function toLine(r: LineRow, tolerancePct: string | null): CallOffLine {
  const s = toState(r);
  const q = (d: Decimal) => formatQuantity(d, s.decimals);
  return {
    id: r.id,
    lineNo: r.line_no,
    itemCode: r.item_code,
    itemDescription: r.description,
    uom: r.uom,
    qty: q(s.qty),
    needBy: r.need_by,
    confirmedQty: s.confirmedQty === null ? null : q(s.confirmedQty),
    promisedDate: r.promised_date,
    shippedQty: q(s.shippedQty),
    receivedQty: q(s.receivedQty),
    shortClosedQty: q(s.shortClosedQty),
    inTransitQty: q(s.inTransitQty),
    maxShippableQty: q(tolerancePct === null || isLineClosed(s) ? new Decimal(0) : shippableOf(s, tolerancePct)),
    closed: isLineClosed(s),
  };
}
