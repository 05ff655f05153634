import { Injectable } from '@nestjs/common';
import type { Page, Shipment, ShipmentLine, ShipmentReceipt, ShipmentStatus } from '@stockbridge/shared';
import { Decimal, formatQuantity } from '@stockbridge/domain';
import { Db } from '../../../database/db.service';
import { keysetPage, sortSpec, isoSortKey } from '../../../common/http/paging';
import { scopeParams, type ChainViewer } from '../../call-offs/chain-viewer';
import type { ShipmentQueryDto } from '../dto/shipment.dto';


/** An ASN line with everything receiving and closing short need. */
export interface ShipmentLineState {
  id: string;
  lineNo: number;
  callOffLineId: string;
  itemId: string;
  itemCode: string;
  decimals: number;
  qty: Decimal;
  receivedQty: Decimal;
  shortClosedQty: Decimal;
  lotNo: string | null;
  expiryDate: string | null;
}

/** What is still in transit on an ASN line: declared, not received (never negative), not closed short. */
export function inTransitOf(l: Pick<ShipmentLineState, 'qty' | 'receivedQty' | 'shortClosedQty'>): Decimal {
  return Decimal.max(l.qty.minus(l.receivedQty), 0).minus(l.shortClosedQty);
}

interface ShipmentRow {
  id: string;
  tenant_id: string;
  number: string;
  status: ShipmentStatus;
  call_off_id: string;
  call_off_number: string;
  supplier_org_id: string;
  supplier_name: string;
  location_id: string;
  location_code: string;
  journal_id: string;
  short_close_journal_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  sort_key: string;
}

interface LineRow {
  id: string;
  shipment_id: string;
  line_no: number;
  call_off_line_id: string;
  item_id: string;
  item_code: string;
  uom: string;
  decimals: number;
  qty: string;
  received_qty: string;
  short_closed_qty: string;
  lot_no: string | null;
  expiry_date: string | null;
}

const shipmentSelect = (extra = '') => `
  SELECT s.id, s.tenant_id, s.number, s.status, s.call_off_id, c.number AS call_off_number, s.supplier_org_id,
         o.name AS supplier_name, s.location_id, l.code AS location_code, s.journal_id, s.short_close_journal_id,
         s.created_at, s.closed_at${extra}
    FROM shipments s
    JOIN call_offs c ON c.tenant_id = s.tenant_id AND c.id = s.call_off_id
    JOIN organizations o ON o.id = s.supplier_org_id
    JOIN locations l ON l.id = s.location_id`;

const LINE_SELECT = `
  SELECT sl.id, sl.shipment_id, sl.line_no, sl.call_off_line_id, sl.item_id, i.code AS item_code, i.uom, i.decimals,
         sl.qty::text, sl.received_qty::text, sl.short_closed_qty::text, sl.lot_no,
         to_char(sl.expiry_date, 'YYYY-MM-DD') AS expiry_date
    FROM shipment_lines sl JOIN items i ON i.id = sl.item_id`;

const toState = (r: LineRow): ShipmentLineState => ({
  id: r.id,
  lineNo: r.line_no,
  callOffLineId: r.call_off_line_id,
  itemId: r.item_id,
  itemCode: r.item_code,
  decimals: Number(r.decimals),
  qty: new Decimal(r.qty),
  receivedQty: new Decimal(r.received_qty),
  shortClosedQty: new Decimal(r.short_closed_qty),
  lotNo: r.lot_no,
  expiryDate: r.expiry_date,
});

/** Reads of shipments (ASNs) and their receipts, scoped to a buyer or a supplier. */
@Injectable()
export class ShipmentRepository {
  constructor(private readonly db: Db) {}

  /** The shipment's header as this viewer may see it (no lock: commands lock the call-off). */
  async head(viewer: ChainViewer, id: string): Promise<{ id: string; tenantId: string; callOffId: string } | null> {
    const [r] = await this.db.query<{ id: string; tenant_id: string; call_off_id: string }>(
      `SELECT id, tenant_id, call_off_id FROM shipments
        WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) AND ($3::uuid IS NULL OR supplier_org_id = $3)`,
      [id, ...scopeParams(viewer)],
    );
    return r ? { id: r.id, tenantId: r.tenant_id, callOffId: r.call_off_id } : null;
  }

  /** Status, number and lines, read after the call-off lock so they cannot change underneath. */
  async state(tenantId: string, id: string): Promise<{ number: string; status: ShipmentStatus; locationId: string; supplierOrgId: string; lines: ShipmentLineState[] }> {
    const [s] = await this.db.query<{ number: string; status: ShipmentStatus; location_id: string; supplier_org_id: string }>(
      `SELECT number, status, location_id, supplier_org_id FROM shipments WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (!s) throw new Error(`shipment ${id} vanished under a lock`);
    const lines = await this.db.query<LineRow>(`${LINE_SELECT} WHERE sl.tenant_id = $1 AND sl.shipment_id = $2 ORDER BY sl.line_no`, [tenantId, id]);
    return { number: s.number, status: s.status, locationId: s.location_id, supplierOrgId: s.supplier_org_id, lines: lines.map(toState) };
  }

  async findOne(viewer: ChainViewer, id: string): Promise<Shipment | null> {
    const rows = await this.db.query<ShipmentRow>(
      `${shipmentSelect()} WHERE s.id = $1 AND ($2::uuid IS NULL OR s.tenant_id = $2) AND ($3::uuid IS NULL OR s.supplier_org_id = $3)`,
      [id, ...scopeParams(viewer)],
    );
    const [shipment] = await this.withLines(rows);
    if (!shipment) return null;
    return { ...shipment, receipts: await this.receipts(rows[0] as ShipmentRow) };
  }

  async list(viewer: ChainViewer, q: ShipmentQueryDto): Promise<Page<Shipment>> {
    const sort = sortSpec({ ...q, order: q.order ?? (q.sort ? 'asc' : 'desc') }, { createdAt: isoSortKey('s.created_at'), number: 's.number', status: `s.status || ' ' || s.number` }, 'createdAt');
    const page = await keysetPage<ShipmentRow, ShipmentRow>((sql, p) => this.db.query(sql, p), {
      base: `${shipmentSelect(`, ${sort.expr} AS sort_key`)}
              WHERE ($1::uuid IS NULL OR s.tenant_id = $1) AND ($2::uuid IS NULL OR s.supplier_org_id = $2)
                AND ($3::text[] IS NULL OR s.status = ANY($3)) AND ($4::uuid IS NULL OR s.call_off_id = $4)
                AND ($5::uuid IS NULL OR s.supplier_org_id = $5) AND ($6::uuid IS NULL OR s.tenant_id = $6)
                AND ($7::text IS NULL OR l.code = $7)`,
      params: [
        ...scopeParams(viewer),
        q.status ? q.status.split(',') : null,
        q.callOffId ?? null,
        q.supplierOrgId ?? null,
        q.buyerOrgId ?? null,
        q.locationCode ?? null,
      ],
      sort,
      query: q,
      map: (r) => r,
      sortValue: (r) => r.sort_key,
    });
    return { items: await this.withLines(page.items), nextCursor: page.nextCursor };
  }

  private async withLines(rows: ShipmentRow[]): Promise<Shipment[]> {
    if (!rows.length) return [];
    const lines = await this.db.query<LineRow>(`${LINE_SELECT} WHERE sl.shipment_id = ANY($1::uuid[]) ORDER BY sl.shipment_id, sl.line_no`, [rows.map((r) => r.id)]);
    const byShipment = new Map<string, LineRow[]>();
    for (const l of lines) byShipment.set(l.shipment_id, [...(byShipment.get(l.shipment_id) ?? []), l]);
    return rows.map((r) => toShipment(r, byShipment.get(r.id) ?? []));
  }

  private async receipts(s: ShipmentRow): Promise<ShipmentReceipt[]> {
    const rows = await this.db.query<{
      id: string;
      number: string;
      journal_id: string;
      over_delivery_journal_id: string | null;
      effective_date: string;
      created_at: Date;
      shipment_line_id: string;
      qty: string;
      decimals: number;
    }>(
      `SELECT r.id, r.number, r.journal_id, r.over_delivery_journal_id, to_char(r.effective_date, 'YYYY-MM-DD') AS effective_date, r.created_at,
              rl.shipment_line_id, rl.qty::text, i.decimals
         FROM receipts r
         JOIN receipt_lines rl ON rl.tenant_id = r.tenant_id AND rl.receipt_id = r.id
         JOIN shipment_lines sl ON sl.tenant_id = rl.tenant_id AND sl.id = rl.shipment_line_id
         JOIN items i ON i.id = sl.item_id
        WHERE r.tenant_id = $1 AND r.shipment_id = $2
        ORDER BY r.created_at, r.number, sl.line_no`,
      [s.tenant_id, s.id],
    );
    const out = new Map<string, ShipmentReceipt>();
    for (const r of rows) {
      let receipt = out.get(r.id);
      if (!receipt) {
        receipt = {
          id: r.id,
          number: r.number,
          journalId: r.journal_id,
          overDeliveryJournalId: r.over_delivery_journal_id,
          effectiveDate: r.effective_date,
          createdAt: r.created_at.toISOString(),
          lines: [],
        };
        out.set(r.id, receipt);
      }
      receipt.lines.push({ shipmentLineId: r.shipment_line_id, qty: formatQuantity(r.qty, Number(r.decimals)) });
    }
    return [...out.values()];
  }
}

function toShipment(r: ShipmentRow, lines: LineRow[]): Shipment {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    callOffId: r.call_off_id,
    callOffNumber: r.call_off_number,
    buyerOrgId: r.tenant_id,
    supplierOrgId: r.supplier_org_id,
    supplierName: r.supplier_name,
    locationCode: r.location_code,
    journalId: r.journal_id,
    shortCloseJournalId: r.short_close_journal_id,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    lines: lines.map(toLine),
  };
}

function toLine(r: LineRow): ShipmentLine {
  const s = toState(r);
  const q = (d: Decimal) => formatQuantity(d, s.decimals);
  return {
    id: r.id,
    lineNo: r.line_no,
    callOffLineId: r.call_off_line_id,
    itemCode: r.item_code,
    uom: r.uom,
    qty: q(s.qty),
    receivedQty: q(s.receivedQty),
    shortClosedQty: q(s.shortClosedQty),
    inTransitQty: q(inTransitOf(s)),
    lotNo: r.lot_no,
    expiryDate: r.expiry_date,
  };
}
