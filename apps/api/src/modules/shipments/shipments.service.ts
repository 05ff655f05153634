import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CloseShortResult, Page, ReceiveResult, Shipment, ShipmentStatus } from '@stockbridge/shared';
import { Decimal, deriveShipmentStatus, formatQuantity, isOverReceipt, isOverShipment, maxShippable } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { AppError, invalidState, notFound } from '../../common/errors';
import { assertTransition, positiveQuantity } from '../call-offs/call-offs.service';
import { ChainFieldErrors } from '../call-offs/call-offs.errors';
import type { ChainViewer } from '../call-offs/chain-viewer';
import { CallOffRepository, isLineClosed, type CallOffHead, type CallOffLineDelta, type CallOffLineState } from '../call-offs/persistence/call-off.repository';
import { nextDocumentNumber } from '../call-offs/persistence/document-number';
import { LEDGER_POSTING, type ChainLineRef, type LedgerPostingPort } from '../ledger/ledger-posting.port';
import type { CloseShortDto, CreateShipmentDto, ReceiveShipmentDto, ShipmentQueryDto } from './dto/shipment.dto';
import { inTransitOf, ShipmentRepository, type ShipmentLineState } from './persistence/shipment.repository';

const shipmentNotFound = () => notFound('Shipment');
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Shipments (ASNs), receipts and short closes. Every command locks the call-off row first
 * (one lock order for the whole chain: call-off, then the ledger's balances), checks the
 * cumulative quantity rules under that lock, posts its journal through the ledger port and
 * updates the documents, all in the caller's one transaction.
 */
@Injectable()
export class ShipmentsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly callOffs: CallOffRepository,
    private readonly shipments: ShipmentRepository,
    @Inject(LEDGER_POSTING) private readonly ledger: LedgerPostingPort,
  ) {}

  /**
   * A journal an ASN, receipt or short close posted is corrected through its document (close
   * short, return), never by a bare ledger reversal that would leave shipped/received
   * quantities and statuses out of step with the ledger.
   */
  onModuleInit(): void {
    this.ledger.registerReversalGuard(async (tenantId, journalId) => {
      const [doc] = await this.db.query<{ number: string }>(
        `SELECT s.number FROM shipments s
          WHERE s.tenant_id = $1 AND ($2 = s.journal_id OR $2 = s.short_close_journal_id)
         UNION ALL
         SELECT s.number FROM receipts r JOIN shipments s ON s.tenant_id = r.tenant_id AND s.id = r.shipment_id
          WHERE r.tenant_id = $1 AND ($2 = r.journal_id OR $2 = r.over_delivery_journal_id)
         LIMIT 1`,
        [tenantId, journalId],
      );
      if (doc) {
        throw new AppError('INVALID_STATE', `This journal belongs to shipment ${doc.number}; correct it through the shipment (close short, or a return), not by reversing it`);
      }
    });
  }

  list(viewer: ChainViewer, q: ShipmentQueryDto): Promise<Page<Shipment>> {
    return this.shipments.list(viewer, q);
  }

  async get(viewer: ChainViewer, id: string): Promise<Shipment> {
    const shipment = await this.shipments.findOne(viewer, id);
    if (!shipment) throw shipmentNotFound();
    return shipment;
  }

  /**
   * The supplier declares an ASN against confirmed lines of its call-off. Cumulative shipped
   * per line may reach confirmed × (1 + tolerance) but not exceed it (422 OVER_SHIPMENT);
   * posts SUPPLIER −q, IN_TRANSIT +q per line (journal SHIPMENT).
   */
  create(supplierOrgId: string, userId: string, dto: CreateShipmentDto): Promise<Shipment> {
    return this.db.transaction(async () => {
      const viewer: ChainViewer = { kind: 'SUPPLIER', supplierOrgId };
      const head = await this.callOffs.lockForUpdate(viewer, dto.callOffId);
      if (!head) throw notFound('Call-off');
      assertTransition(head, 'ship');
      const lines = await this.callOffs.lines(head.tenantId, head.id);
      const byId = new Map(lines.map((l) => [l.id, l]));

      const errors = new ChainFieldErrors();
      const planned: Array<{ index: number; line: CallOffLineState; qty: Decimal; lotNo: string | null; expiryDate: string | null }> = [];
      dto.lines.forEach((l, i) => {
        const line = byId.get(l.callOffLineId);
        const qty = positiveQuantity(errors, `lines[${i}].qty`, l.qty, line?.decimals ?? 6);
        if (!line) errors.refuse(`lines[${i}].callOffLineId`, 'not a line of this call-off', l.callOffLineId);
        else planned.push({ index: i, line, qty, lotNo: l.lotNo ?? null, expiryDate: l.expiryDate ?? null });
      });
      errors.throwIfAny();

      // Cumulative per call-off line: one ASN may carry a line several times (one per lot).
      const perLine = new Map<string, { line: CallOffLineState; total: Decimal; index: number }>();
      for (const p of planned) {
        const group = perLine.get(p.line.id);
        if (group) group.total = group.total.plus(p.qty);
        else perLine.set(p.line.id, { line: p.line, total: p.qty, index: p.index });
      }
      for (const { line } of perLine.values()) {
        if (line.confirmedQty === null || isLineClosed(line)) {
          throw invalidState(`Line ${line.lineNo} (${line.itemCode}) of call-off ${head.number} is ${line.confirmedQty === null ? 'not confirmed' : 'closed'}`);
        }
      }
      const over = [...perLine.values()]
        .map((g) => ({ ...g, confirmed: g.line.confirmedQty ?? new Decimal(0) }))
        .filter((g) => isOverShipment(g.confirmed, g.line.shippedQty, g.total, head.tolerancePct));
      if (over.length) {
        const details = over.map(({ line, total, index, confirmed }) => {
          const max = maxShippable(confirmed, line.shippedQty, head.tolerancePct).toDecimalPlaces(line.decimals, Decimal.ROUND_DOWN);
          return {
            path: `lines[${index}].qty`,
            value: total.toString(),
            message: `line ${line.lineNo} (${line.itemCode}): confirmed ${confirmed.toString()}, already shipped ${line.shippedQty.toString()}, tolerance ${head.tolerancePct} %; at most ${max.toString()} more`,
            maxShippableQty: formatQuantity(max, line.decimals),
          };
        });
        throw new AppError(
          'OVER_SHIPMENT',
          `Shipping this would exceed the confirmed quantity plus ${head.tolerancePct} % tolerance: ${details.map((d) => d.message).join('; ')}`,
          details.map(({ path, value, message }) => ({ path, value, message })),
          { lines: details.map(({ path, maxShippableQty }) => ({ path, maxShippableQty })) },
        );
      }

      const shipmentId = randomUUID();
      const shipmentLines = planned.map((p, i) => ({ ...p, id: randomUUID(), lineNo: i + 1 }));
      const number = await nextDocumentNumber(this.db, head.tenantId, 'ASN');
      const { journalId } = await this.ledger.postShipment({
        tenantId: head.tenantId,
        supplierOrgId: head.supplierOrgId,
        locationId: head.locationId,
        lines: shipmentLines.map((l) => ({ itemId: l.line.itemId, qty: l.qty.toString(), shipmentLineId: l.id, lotNo: l.lotNo, expiryDate: l.expiryDate })),
        reference: number,
        createdBy: userId,
      });
      await this.db.query(
        `INSERT INTO shipments (id, tenant_id, number, call_off_id, supplier_org_id, location_id, status, journal_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'IN_TRANSIT', $7, $8)`,
        [shipmentId, head.tenantId, number, head.id, head.supplierOrgId, head.locationId, journalId, userId],
      );
      await this.db.query(
        `INSERT INTO shipment_lines (id, tenant_id, shipment_id, line_no, call_off_line_id, item_id, qty, lot_no, expiry_date)
         SELECT t.id, $1, $2, t.line_no, t.call_off_line_id, t.item_id, t.qty, t.lot_no, t.expiry_date
           FROM unnest($3::uuid[], $4::int[], $5::uuid[], $6::uuid[], $7::numeric[], $8::text[], $9::date[])
             AS t(id, line_no, call_off_line_id, item_id, qty, lot_no, expiry_date)`,
        [
          head.tenantId,
          shipmentId,
          shipmentLines.map((l) => l.id),
          shipmentLines.map((l) => l.lineNo),
          shipmentLines.map((l) => l.line.id),
          shipmentLines.map((l) => l.line.itemId),
          shipmentLines.map((l) => l.qty.toString()),
          shipmentLines.map((l) => l.lotNo),
          shipmentLines.map((l) => l.expiryDate),
        ],
      );
      await this.callOffs.addProgress(
        head.tenantId,
        [...perLine.values()].map(({ line, total }) => ({ lineId: line.id, shipped: total })),
      );
      await this.callOffs.refreshStatus(head);
      return this.get(viewer, shipmentId);
    });
  }

  /**
   * The warehouse receives ASN lines, in full or in part, possibly several times. Cumulative
   * received per line may reach shipped × (1 + tolerance) but not exceed it (422 OVER_RECEIPT).
   * What arrives beyond the ASN line (within tolerance) never was in transit: it is first
   * posted SUPPLIER → IN_TRANSIT (an over-delivery SHIPMENT journal), so that the RECEIPT
   * journal moves everything that arrived from IN_TRANSIT to the site.
   */
  receive(tenantId: string, userId: string, shipmentId: string, dto: ReceiveShipmentDto): Promise<ReceiveResult> {
    return this.db.transaction(async () => {
      const { head, shipment } = await this.lockShipment(tenantId, shipmentId);
      if (shipment.status === 'CLOSED') throw invalidState(`Shipment ${shipment.number} was closed short; nothing more can be received on it`);
      assertTransition(head, 'receive');
      const byId = new Map(shipment.lines.map((l) => [l.id, l]));
      const errors = new ChainFieldErrors();
      const seen = new Set<string>();
      const planned = dto.lines.map((r, i) => {
        if (seen.has(r.shipmentLineId)) errors.bad(`lines[${i}].shipmentLineId`, 'a line may appear only once per receipt', r.shipmentLineId);
        seen.add(r.shipmentLineId);
        const line = byId.get(r.shipmentLineId);
        if (!line) errors.refuse(`lines[${i}].shipmentLineId`, 'not a line of this shipment', r.shipmentLineId);
        const qty = positiveQuantity(errors, `lines[${i}].receivedQty`, r.receivedQty, line?.decimals ?? 6);
        return { index: i, line: line as ShipmentLineState, qty };
      });
      errors.throwIfAny();

      const over = planned.filter((p) => isOverReceipt(p.line.qty, p.line.receivedQty, p.qty, head.tolerancePct));
      if (over.length) {
        const details = over.map((p) => ({
          path: `lines[${p.index}].receivedQty`,
          value: p.qty.toString(),
          message: `ASN line ${p.line.lineNo} (${p.line.itemCode}): shipped ${p.line.qty.toString()}, already received ${p.line.receivedQty.toString()}, tolerance ${head.tolerancePct} %`,
        }));
        throw new AppError('OVER_RECEIPT', `Receiving this would exceed the shipped quantity plus ${head.tolerancePct} % tolerance: ${details.map((d) => d.message).join('; ')}`, details);
      }

      const effectiveDate = dto.effectiveDate ?? todayUtc();
      const receiptId = randomUUID();
      const receiptNumber = await nextDocumentNumber(this.db, tenantId, 'RC');
      const ref = (l: ShipmentLineState, qty: Decimal): ChainLineRef => ({
        itemId: l.itemId,
        qty: qty.toString(),
        shipmentLineId: l.id,
        lotNo: l.lotNo,
        expiryDate: l.expiryDate,
      });
      const base = { tenantId, supplierOrgId: shipment.supplierOrgId, locationId: shipment.locationId, createdBy: userId, effectiveDate };
      const withExcess = planned.map((p) => {
        // Only the part beyond the declared quantity that was not beyond it before.
        const excess = Decimal.max(p.line.receivedQty.plus(p.qty).minus(p.line.qty), 0).minus(Decimal.max(p.line.receivedQty.minus(p.line.qty), 0));
        return { ...p, excess };
      });
      const excess = withExcess.filter((p) => p.excess.gt(0));
      const overDeliveryJournalId = excess.length
        ? (
            await this.ledger.postShipment({
              ...base,
              lines: excess.map((p) => ref(p.line, p.excess)),
              reference: `${shipment.number} over-delivery ${receiptNumber}`,
            })
          ).journalId
        : null;
      const { journalId } = await this.ledger.postReceipt({
        ...base,
        receiptId,
        lines: planned.map((p) => ref(p.line, p.qty)),
        reference: `${receiptNumber} ${shipment.number}`,
      });

      await this.db.query(
        `INSERT INTO receipts (id, tenant_id, number, shipment_id, journal_id, over_delivery_journal_id, effective_date, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [receiptId, tenantId, receiptNumber, shipmentId, journalId, overDeliveryJournalId, effectiveDate, userId],
      );
      await this.db.query(
        `INSERT INTO receipt_lines (tenant_id, receipt_id, shipment_line_id, qty, over_delivered_qty)
         SELECT $1, $2, t.shipment_line_id, t.qty, t.excess FROM unnest($3::uuid[], $4::numeric[], $5::numeric[]) AS t(shipment_line_id, qty, excess)`,
        [tenantId, receiptId, withExcess.map((p) => p.line.id), withExcess.map((p) => p.qty.toString()), withExcess.map((p) => p.excess.toString())],
      );
      await this.db.query(
        `UPDATE shipment_lines sl SET received_qty = sl.received_qty + t.qty
           FROM unnest($2::uuid[], $3::numeric[]) AS t(id, qty) WHERE sl.tenant_id = $1 AND sl.id = t.id`,
        [tenantId, planned.map((p) => p.line.id), planned.map((p) => p.qty.toString())],
      );
      for (const p of planned) p.line.receivedQty = p.line.receivedQty.plus(p.qty);
      const shipmentStatus = await this.storeShipmentStatus(tenantId, shipmentId, shipment.lines, false);
      const callOffStatus = await this.progress(
        head,
        planned.map((p) => ({ lineId: p.line.callOffLineId, received: p.qty })),
      );
      return { receiptId, receiptNumber, journalId, overDeliveryJournalId, shipmentStatus, callOffStatus };
    });
  }

  /**
   * What is still in transit on the ASN goes back to the supplier's side (IN_TRANSIT −q,
   * SUPPLIER +q, journal SHORT_CLOSE) and the shipment is CLOSED. Nothing left → 409.
   */
  closeShort(tenantId: string, userId: string, shipmentId: string, dto: CloseShortDto): Promise<CloseShortResult> {
    return this.db.transaction(async () => {
      const { head, shipment } = await this.lockShipment(tenantId, shipmentId);
      if (shipment.status === 'CLOSED') throw invalidState(`Shipment ${shipment.number} is already closed`);
      const rest = shipment.lines.map((l) => ({ line: l, qty: inTransitOf(l) })).filter((r) => r.qty.gt(0));
      if (!rest.length) throw invalidState(`Nothing of shipment ${shipment.number} is still in transit`);

      const { journalId } = await this.ledger.postShortClose({
        tenantId,
        supplierOrgId: shipment.supplierOrgId,
        locationId: shipment.locationId,
        lines: rest.map((r) => ({ itemId: r.line.itemId, qty: r.qty.toString(), shipmentLineId: r.line.id, lotNo: r.line.lotNo, expiryDate: r.line.expiryDate })),
        reference: shipment.number,
        createdBy: userId,
        effectiveDate: dto.effectiveDate ?? todayUtc(),
      });
      await this.db.query(
        `UPDATE shipment_lines sl SET short_closed_qty = sl.short_closed_qty + t.qty
           FROM unnest($2::uuid[], $3::numeric[]) AS t(id, qty) WHERE sl.tenant_id = $1 AND sl.id = t.id`,
        [tenantId, rest.map((r) => r.line.id), rest.map((r) => r.qty.toString())],
      );
      await this.db.query(
        `UPDATE shipments SET short_close_journal_id = $3, closed_at = now(), closed_by = $4, close_reason = $5 WHERE tenant_id = $1 AND id = $2`,
        [tenantId, shipmentId, journalId, userId, dto.reason ?? null],
      );
      const shipmentStatus = await this.storeShipmentStatus(tenantId, shipmentId, shipment.lines, true);
      const callOffStatus = await this.progress(
        head,
        rest.map((r) => ({ lineId: r.line.callOffLineId, shortClosed: r.qty })),
      );
      return {
        journalId,
        shipmentStatus,
        callOffStatus,
        lines: rest.map((r) => ({ shipmentLineId: r.line.id, qty: formatQuantity(r.qty, r.line.decimals) })),
      };
    });
  }

  /** Finds the tenant's shipment (404), locks its call-off, then reads the shipment's state. */
  private async lockShipment(tenantId: string, shipmentId: string) {
    const viewer: ChainViewer = { kind: 'BUYER', tenantId };
    const found = await this.shipments.head(viewer, shipmentId);
    if (!found) throw shipmentNotFound();
    const head = await this.callOffs.lockForUpdate(viewer, found.callOffId);
    if (!head) throw shipmentNotFound();
    return { head, shipment: await this.shipments.state(tenantId, shipmentId) };
  }

  private async storeShipmentStatus(tenantId: string, shipmentId: string, lines: ShipmentLineState[], shortClosed: boolean): Promise<ShipmentStatus> {
    const status = deriveShipmentStatus(lines, shortClosed);
    await this.db.query(`UPDATE shipments SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, shipmentId, status]);
    return status;
  }

  /** Adds per-line progress (several ASN lines may share a call-off line) and re-derives the call-off's status. */
  private async progress(head: CallOffHead, deltas: CallOffLineDelta[]) {
    const merged = new Map<string, CallOffLineDelta>();
    for (const d of deltas) {
      const m = merged.get(d.lineId) ?? { lineId: d.lineId };
      for (const k of ['shipped', 'received', 'shortClosed'] as const) {
        if (d[k]) m[k] = (m[k] ?? new Decimal(0)).plus(d[k] as Decimal);
      }
      merged.set(d.lineId, m);
    }
    await this.callOffs.addProgress(head.tenantId, [...merged.values()]);
    return this.callOffs.refreshStatus(head);
  }
}
