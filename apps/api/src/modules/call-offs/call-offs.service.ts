import { Injectable } from '@nestjs/common';
import type { CallOff, Page } from '@stockbridge/shared';
import { callOffTransitions, canTransition, Decimal, parseQuantity, type CallOffAction } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { MasterDataService } from '../master-data/master-data.service';
import { callOffInvalidState, callOffNotFound, ChainFieldErrors } from './call-offs.errors';
import type { ChainViewer } from './chain-viewer';
import type { CallOffQueryDto, CancelCallOffDto, ConfirmCallOffDto, CreateCallOffDto, RejectCallOffDto } from './dto/call-off.dto';
import { CallOffRepository, type CallOffHead } from './persistence/call-off.repository';
import { nextDocumentNumber } from './persistence/document-number';

const ACTION_WORDS: Record<CallOffAction, string> = {
  confirm: 'confirmed',
  reject: 'rejected',
  cancel: 'cancelled',
  ship: 'shipped against',
  receive: 'received against',
};

/** Throws 409 INVALID_STATE unless the call-off's status allows `action` (domain transitions). */
export function assertTransition(head: CallOffHead, action: CallOffAction): void {
  if (!canTransition(head.status, action)) {
    throw callOffInvalidState(head.number, head.status, ACTION_WORDS[action], callOffTransitions[action]);
  }
}

interface ItemRow {
  id: string;
  code: string;
  decimals: number;
  priced: boolean;
}

/**
 * Call-offs: the buyer's consignment orders and the supplier's answer (confirm per line or
 * reject). Each command is one transaction that locks the call-off row first.
 */
@Injectable()
export class CallOffsService {
  constructor(
    private readonly db: Db,
    private readonly md: MasterDataService,
    private readonly repo: CallOffRepository,
  ) {}

  list(viewer: ChainViewer, q: CallOffQueryDto): Promise<Page<CallOff>> {
    return this.repo.list(viewer, q);
  }

  async get(viewer: ChainViewer, id: string): Promise<CallOff> {
    const callOff = await this.repo.findOne(viewer, id);
    if (!callOff) throw callOffNotFound();
    return callOff;
  }

  /**
   * Creates an OPEN call-off with a gap-free number. The supplier must be linked (else 404);
   * the location must be one of the tenant's VMI locations and every item must have a current
   * price-list entry of that supplier (else 422 VALIDATION_FAILED); quantities must be > 0
   * within the item's decimals (else 400). `userId` is null for call-offs the system raises
   * (the warnings engine's auto call-off).
   */
  create(tenantId: string, userId: string | null, dto: CreateCallOffDto): Promise<CallOff> {
    return this.db.transaction(async () => {
      await this.md.agreement(tenantId, dto.supplierOrgId);
      const errors = new ChainFieldErrors();
      const [location] = await this.db.query<{ id: string; type: string }>(`SELECT id, type FROM locations WHERE tenant_id = $1 AND code = $2`, [
        tenantId,
        dto.locationCode,
      ]);
      if (!location) errors.refuse('locationCode', 'unknown location', dto.locationCode);
      else if (location.type !== 'VMI') errors.refuse('locationCode', 'call-offs deliver to VMI locations only', dto.locationCode);

      const items = await this.db.query<ItemRow>(
        `SELECT i.id, i.code, i.decimals,
                EXISTS (SELECT 1 FROM price_list_entries p
                         WHERE p.tenant_id = i.tenant_id AND p.supplier_org_id = $3 AND p.item_id = i.id AND p.valid_to IS NULL) AS priced
           FROM items i WHERE i.tenant_id = $1 AND i.code = ANY($2::text[])`,
        [tenantId, [...new Set(dto.lines.map((l) => l.itemCode))], dto.supplierOrgId],
      );
      const byCode = new Map(items.map((i) => [i.code, i]));
      const lines = dto.lines.map((l, i) => {
        const item = byCode.get(l.itemCode);
        const qty = positiveQuantity(errors, `lines[${i}].qty`, l.qty, item?.decimals ?? 6);
        if (!item) errors.refuse(`lines[${i}].itemCode`, 'unknown item', l.itemCode);
        else if (!item.priced) errors.refuse(`lines[${i}].itemCode`, 'the supplier has no current price-list entry for this item', l.itemCode);
        return { itemId: item?.id ?? '', qty, needBy: l.needBy };
      });
      errors.throwIfAny();

      const number = await nextDocumentNumber(this.db, tenantId, 'CO');
      const [row] = await this.db.query<{ id: string }>(
        `INSERT INTO call_offs (tenant_id, number, supplier_org_id, location_id, status, created_by)
         VALUES ($1, $2, $3, $4, 'OPEN', $5) RETURNING id`,
        [tenantId, number, dto.supplierOrgId, location?.id, userId],
      );
      const id = (row as { id: string }).id;
      await this.db.query(
        `INSERT INTO call_off_lines (tenant_id, call_off_id, line_no, item_id, qty, need_by)
         SELECT $1, $2, t.line_no, t.item_id, t.qty, t.need_by
           FROM unnest($3::int[], $4::uuid[], $5::numeric[], $6::date[]) AS t(line_no, item_id, qty, need_by)`,
        [tenantId, id, lines.map((_, i) => i + 1), lines.map((l) => l.itemId), lines.map((l) => l.qty.toString()), lines.map((l) => l.needBy)],
      );
      return this.get({ kind: 'BUYER', tenantId }, id);
    });
  }

  /**
   * The supplier confirms lines (confirmed quantity ≤ ordered, promised date). Allowed while
   * OPEN, and again while CONFIRMED (a revision before anything ships). Lines not named keep
   * their confirmation; afterwards every line must have one (else 422).
   */
  confirm(supplierOrgId: string, userId: string, id: string, dto: ConfirmCallOffDto): Promise<CallOff> {
    return this.db.transaction(async () => {
      const head = await this.lock({ kind: 'SUPPLIER', supplierOrgId }, id);
      assertTransition(head, 'confirm');
      const lines = await this.repo.lines(head.tenantId, head.id);
      const byId = new Map(lines.map((l) => [l.id, l]));
      const errors = new ChainFieldErrors();
      const seen = new Set<string>();
      const answers: Array<{ lineId: string; confirmedQty: Decimal; promisedDate: string }> = [];
      dto.lines.forEach((a, i) => {
        if (seen.has(a.lineId)) errors.bad(`lines[${i}].lineId`, 'a line may be answered only once per request', a.lineId);
        seen.add(a.lineId);
        const line = byId.get(a.lineId);
        const parsed = parseQuantity(a.confirmedQty, line?.decimals ?? 6);
        if (!parsed.ok) errors.bad(`lines[${i}].confirmedQty`, parsed.message, a.confirmedQty);
        if (!line) {
          errors.refuse(`lines[${i}].lineId`, 'not a line of this call-off', a.lineId);
          return;
        }
        if (parsed.ok && parsed.value.gt(line.qty)) {
          errors.refuse(`lines[${i}].confirmedQty`, `more than the ordered ${line.qty.toString()}`, a.confirmedQty);
        }
        if (parsed.ok) answers.push({ lineId: line.id, confirmedQty: parsed.value, promisedDate: a.promisedDate });
      });
      for (const l of lines) {
        if (l.confirmedQty === null && !seen.has(l.id)) errors.refuse('lines', `line ${l.lineNo} (${l.itemCode}) is not confirmed`, l.id);
      }
      errors.throwIfAny();
      await this.db.query(
        `UPDATE call_off_lines cl SET confirmed_qty = t.confirmed_qty, promised_date = t.promised_date
           FROM unnest($2::uuid[], $3::numeric[], $4::date[]) AS t(id, confirmed_qty, promised_date)
          WHERE cl.tenant_id = $1 AND cl.id = t.id`,
        [head.tenantId, answers.map((a) => a.lineId), answers.map((a) => a.confirmedQty.toString()), answers.map((a) => a.promisedDate)],
      );
      await this.db.query(`UPDATE call_offs SET confirmed_at = now(), confirmed_by = $3 WHERE tenant_id = $1 AND id = $2`, [head.tenantId, head.id, userId]);
      await this.repo.refreshStatus(head);
      return this.get({ kind: 'SUPPLIER', supplierOrgId }, id);
    });
  }

  /** The supplier declines an OPEN call-off as a whole. */
  reject(supplierOrgId: string, userId: string, id: string, dto: RejectCallOffDto): Promise<CallOff> {
    return this.db.transaction(async () => {
      const head = await this.lock({ kind: 'SUPPLIER', supplierOrgId }, id);
      assertTransition(head, 'reject');
      await this.db.query(
        `UPDATE call_offs SET status = 'REJECTED', reject_reason = $3, rejected_at = now(), rejected_by = $4, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [head.tenantId, head.id, dto.reason, userId],
      );
      return this.get({ kind: 'SUPPLIER', supplierOrgId }, id);
    });
  }

  /** The planner withdraws a call-off before anything was shipped against it. */
  cancel(tenantId: string, userId: string, id: string, dto: CancelCallOffDto): Promise<CallOff> {
    return this.db.transaction(async () => {
      const head = await this.lock({ kind: 'BUYER', tenantId }, id);
      assertTransition(head, 'cancel');
      await this.db.query(
        `UPDATE call_offs SET status = 'CANCELLED', cancel_reason = $3, cancelled_at = now(), cancelled_by = $4, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [head.tenantId, head.id, dto.reason ?? null, userId],
      );
      return this.get({ kind: 'BUYER', tenantId }, id);
    });
  }

  private async lock(viewer: ChainViewer, id: string): Promise<CallOffHead> {
    const head = await this.repo.lockForUpdate(viewer, id);
    if (!head) throw callOffNotFound();
    return head;
  }
}

/** Parses a quantity that must be > 0 within `decimals`; records a 400 error otherwise. */
export function positiveQuantity(errors: ChainFieldErrors, path: string, value: string, decimals: number): Decimal {
  const parsed = parseQuantity(value, decimals);
  if (!parsed.ok) {
    errors.bad(path, parsed.message, value);
    return new Decimal(0);
  }
  if (!parsed.value.gt(0)) errors.bad(path, 'must be greater than 0', value);
  return parsed.value;
}
