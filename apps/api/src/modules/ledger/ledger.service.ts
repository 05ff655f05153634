import { Injectable } from '@nestjs/common';
import type {
  AdjustmentResponse,
  ConsumptionBatchResponse,
  ConsumptionResponse,
  JournalType,
  ProblemFieldError,
  TitleTransferView,
} from '@stockbridge/shared';
import { decimalPlaces, formatPlain } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { AppError } from '../../common/errors';
import type { ChainPostingBase, LedgerPostingPort, ReversalGuard } from './ledger-posting.port';
import { allocateByLayerOrder } from './fifo-by-layer-order';
import { ledgerError } from './ledger.errors';

/** What a posting command needs besides its body: who, for which buyer tenant. */
export interface PostingActor {
  tenantId: string;
  userId: string | null;
}

/** A consumption as the service takes it (quantities are decimal strings). */
export interface ConsumptionCommand {
  locationCode: string;
  itemCode: string;
  qty: string;
  supplierOrgId?: string | null;
  reference?: string | null;
  effectiveDate?: string | null;
}

export interface ReturnCommand {
  locationCode: string;
  itemCode: string;
  supplierOrgId: string;
  qty: string;
  reason: string;
  reference?: string | null;
  effectiveDate?: string | null;
}

export interface AdjustmentCommand {
  locationCode: string;
  itemCode: string;
  supplierOrgId: string;
  countedQty: string;
  reason: string;
  reference?: string | null;
  effectiveDate?: string | null;
}

interface TransferRow {
  line_no?: number;
  journal_id: string;
  supplier_org_id: string;
  qty: string;
  /** NULL for a slice of a buyer-owned layer (title passed already: no transfer, no price). */
  unit_price: string | null;
  currency: string;
  amount: string;
  lot_no: string | null;
  received_at: Date;
}

export const MAX_BATCH_LINES = 1000;

/** A row of a title transfer (not a slice of stock the buyer owned already). */
const isTitleTransfer = (r: TransferRow): r is TransferRow & { unit_price: string } => r.unit_price !== null;

function toTransfer(r: TransferRow & { unit_price: string }): TitleTransferView {
  return {
    supplierOrgId: r.supplier_org_id,
    qty: r.qty,
    unitPrice: r.unit_price,
    currency: r.currency,
    amount: r.amount,
    lotNo: r.lot_no,
    receivedAt: r.received_at.toISOString(),
    journalId: r.journal_id,
    ...(r.line_no !== undefined ? { lineNo: r.line_no } : {}),
  };
}

/**
 * The ledger's write side. Every command is one PL/pgSQL function call (one round trip),
 * inside the caller's transaction (the @Idempotent interceptor's, or the shipments context's
 * for the chain), so the journal commits or rolls back with everything else the request did.
 * The invariants live in the database (docs/ledger.md); this class maps its refusals.
 */
@Injectable()
export class LedgerService implements LedgerPostingPort {
  private readonly reversalGuards: ReversalGuard[] = [];

  constructor(private readonly db: Db) {}

  registerReversalGuard(guard: ReversalGuard): void {
    this.reversalGuards.push(guard);
  }

  // ------------------------------------------------------------------ the VMI chain (port)

  postShipment(p: ChainPostingBase): Promise<{ journalId: string }> {
    return this.postChain('SHIPMENT', p, null, null);
  }

  postReceipt(p: ChainPostingBase & { receiptId: string; receivedAt?: string | Date }): Promise<{ journalId: string }> {
    return this.postChain('RECEIPT', p, p.receiptId, p.receivedAt ?? null);
  }

  postShortClose(p: ChainPostingBase): Promise<{ journalId: string }> {
    return this.postChain('SHORT_CLOSE', p, null, null);
  }

  private postChain(type: JournalType, p: ChainPostingBase, receiptId: string | null, receivedAt: string | Date | null): Promise<{ journalId: string }> {
    return this.runStatement(async () => {
      const [row] = await this.db.statement<{ journal_id: string }>(
        `SELECT ledger_post_chain($1, $2, $3, $4, $5::uuid[], $6::numeric[], $7::uuid[], $8::text[], $9::date[], $10::date, $11, $12, $13, $14::timestamptz) AS journal_id`,
        [
          type,
          p.tenantId,
          p.supplierOrgId,
          p.locationId,
          p.lines.map((l) => l.itemId),
          p.lines.map((l) => l.qty),
          p.lines.map((l) => l.shipmentLineId),
          p.lines.map((l) => l.lotNo ?? null),
          p.lines.map((l) => l.expiryDate ?? null),
          p.effectiveDate ?? null,
          p.createdBy,
          p.reference,
          receiptId,
          receivedAt,
        ],
      );
      return { journalId: (row as { journal_id: string }).journal_id };
    });
  }

  // ------------------------------------------------------------------ consumption

  /** FIFO over the oldest layers (of one supplier or across owners); title passes, priced now. */
  consume(actor: PostingActor, c: ConsumptionCommand): Promise<ConsumptionResponse> {
    return this.runStatement(async () => {
      const rows = await this.db.statement<TransferRow>(`SELECT * FROM ledger_consume($1, $2, $3, $4::numeric, $5, $6::date, $7, $8)`, [
        actor.tenantId,
        c.locationCode,
        c.itemCode,
        c.qty,
        c.supplierOrgId ?? null,
        c.effectiveDate ?? null,
        actor.userId,
        c.reference ?? null,
      ]);
      return { journalId: (rows[0] as TransferRow).journal_id, transfers: rows.filter(isTitleTransfer).map(toTransfer) };
    });
  }

  /**
   * Up to 1000 consumptions, all or nothing, one journal per line. Set-based: one statement
   * resolves every code, one locks (in id order) the oldest layers covering each (item, site)'s
   * demand, FIFO is allocated in memory over the locked rows in id order (lines served in
   * order, a later line sees what earlier lines left), and one function call writes all
   * journals, postings and transfers.
   */
  consumeBatch(actor: PostingActor, lines: ConsumptionCommand[]): Promise<ConsumptionBatchResponse> {
    return this.db.transaction(async () => {
      if (lines.length === 0 || lines.length > MAX_BATCH_LINES) {
        throw new AppError('VALIDATION_FAILED', `lines must hold 1 to ${MAX_BATCH_LINES} consumptions`, [{ path: 'lines', message: `1 to ${MAX_BATCH_LINES} lines` }]);
      }
      const resolved = await this.db.query<{ n: string; location_id: string | null; item_id: string | null; decimals: number | null }>(
        `SELECT x.n, l.id AS location_id, i.id AS item_id, i.decimals
           FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(loc, item, n)
           LEFT JOIN locations l ON l.tenant_id = $1 AND l.code = x.loc
           LEFT JOIN items i ON i.tenant_id = $1 AND i.code = x.item
          ORDER BY x.n`,
        [actor.tenantId, lines.map((l) => l.locationCode), lines.map((l) => l.itemCode)],
      );
      const missing: ProblemFieldError[] = [];
      const invalid: ProblemFieldError[] = [];
      resolved.forEach((r, i) => {
        const line = lines[i] as ConsumptionCommand;
        if (!r.location_id) missing.push({ path: `lines[${i}].locationCode`, value: line.locationCode, message: `Location ${line.locationCode} was not found` });
        if (!r.item_id) missing.push({ path: `lines[${i}].itemCode`, value: line.itemCode, message: `Item ${line.itemCode} was not found` });
        else {
          const places = decimalPlaces(line.qty);
          if (places === null || places > (r.decimals ?? 0)) {
            invalid.push({ path: `lines[${i}].qty`, value: line.qty, message: `qty ${line.qty} has more decimals than item ${line.itemCode} allows (${r.decimals})` });
          } else if (!/[1-9]/.test(line.qty)) {
            invalid.push({ path: `lines[${i}].qty`, value: line.qty, message: 'qty must be greater than zero' });
          }
        }
      });
      if (missing.length) throw new AppError('NOT_FOUND', missing.map((e) => e.message).join('; '), missing);
      if (invalid.length) throw new AppError('VALIDATION_FAILED', invalid.map((e) => e.message).join('; '), invalid);
      const supplierFilters = [...new Set(lines.map((l) => l.supplierOrgId).filter((s): s is string => !!s && s !== actor.tenantId))];
      if (supplierFilters.length) {
        const linked = await this.db.query<{ supplier_org_id: string }>(
          `SELECT supplier_org_id FROM supplier_agreements WHERE tenant_id = $1 AND supplier_org_id = ANY($2::uuid[])`,
          [actor.tenantId, supplierFilters],
        );
        const known = new Set(linked.map((r) => r.supplier_org_id));
        const unknown = lines.flatMap((l, i) =>
          l.supplierOrgId && l.supplierOrgId !== actor.tenantId && !known.has(l.supplierOrgId)
            ? [{ path: `lines[${i}].supplierOrgId`, value: l.supplierOrgId, message: `Supplier ${l.supplierOrgId} is not linked to this buyer` }]
            : [],
        );
        if (unknown.length) throw new AppError('NOT_FOUND', unknown.map((e) => e.message).join('; '), unknown);
      }

      const ids = resolved.map((r) => ({ itemId: r.item_id as string, locationId: r.location_id as string }));
      // Lock, in id order (the global lock order, shared with single consumptions), the oldest
      // layers of each (item, site) that cover its total demand — for sites where some line
      // names a supplier, every layer. Locking all candidates would write a lock (and WAL) on
      // every layer. Should the locked prefix no longer cover the demand (taken by a concurrent
      // command between the window and the lock), lock every candidate and allocate again;
      // that late lock may run out of order and deadlock, which Db.transaction retries.
      const batchLines = lines.map((l, i) => ({ ...(ids[i] as { itemId: string; locationId: string }), qty: l.qty, ownerOrgId: l.supplierOrgId ?? null }));
      const lockLayers = async (everything: boolean) =>
        (
          await this.db.query<{ id: string; item_id: string; location_id: string; owner_org_id: string; qty: string }>(
            `WITH demand AS (
               SELECT x.item, x.loc, sum(x.qty) AS total, bool_or(x.owner IS NOT NULL OR $6) AS all_layers
                 FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::uuid[]) AS x(item, loc, qty, owner)
                GROUP BY x.item, x.loc
             ), needed AS (
               SELECT c.id FROM (
                 SELECT b.id, d.total, d.all_layers, sum(b.qty) OVER (PARTITION BY b.item_id, b.location_id ORDER BY b.id) - b.qty AS before
                   FROM balances b JOIN demand d ON d.item = b.item_id AND d.loc = b.location_id
                  WHERE b.tenant_id = $1 AND b.location_kind = 'SITE' AND b.qty > 0) c
                WHERE c.all_layers OR c.before < c.total
             )
             SELECT b.id, b.item_id, b.location_id, b.owner_org_id, b.qty
               FROM balances b
              WHERE b.tenant_id = $1 AND b.id IN (SELECT id FROM needed) AND b.qty > 0
              ORDER BY b.id
              FOR NO KEY UPDATE`,
            [
              actor.tenantId,
              batchLines.map((l) => l.itemId),
              batchLines.map((l) => l.locationId),
              batchLines.map((l) => l.qty),
              batchLines.map((l) => l.ownerOrgId),
              everything,
            ],
          )
        ).map((l) => ({ id: l.id, itemId: l.item_id, locationId: l.location_id, ownerOrgId: l.owner_org_id, qty: l.qty }));
      let result = allocateByLayerOrder(await lockLayers(false), batchLines);
      if (!result.ok) result = allocateByLayerOrder(await lockLayers(true), batchLines);
      if (!result.ok) {
        const line = lines[result.line] as ConsumptionCommand;
        const message = `line ${result.line}: not enough stock of ${line.itemCode} at ${line.locationCode}: ${formatPlain(result.requested)} requested, ${formatPlain(result.available)} available`;
        throw new AppError('INSUFFICIENT_STOCK', message, [{ path: `lines[${result.line}].qty`, value: line.qty, message }], {
          line: result.line,
          requested: formatPlain(result.requested),
          available: formatPlain(result.available),
        });
      }
      const alloc = result.allocations;
      const rows = await this.run(
        () =>
          this.db.query<TransferRow>(
            `SELECT * FROM ledger_consume_batch($1, $2, $3::uuid[], $4::uuid[], $5::date[], $6::text[], $7::int[], $8::bigint[], $9::uuid[], $10::numeric[])`,
            [
              actor.tenantId,
              actor.userId,
              ids.map((x) => x.itemId),
              ids.map((x) => x.locationId),
              lines.map((l) => l.effectiveDate ?? null),
              lines.map((l) => l.reference ?? null),
              alloc.map((a) => a.line + 1),
              alloc.map((a) => a.layerId),
              alloc.map((a) => a.ownerOrgId),
              alloc.map((a) => a.qty.toString()),
            ],
          ),
      );
      const journalIds: string[] = new Array<string>(lines.length);
      for (const r of rows) journalIds[r.line_no as number] = r.journal_id;
      return { journalIds, transfers: rows.filter(isTitleTransfer).map(toTransfer) };
    });
  }

  // ------------------------------------------------------------------ returns, adjustments

  /** Consignment stock sent back: SITE(S) −q, SUPPLIER(S) +q, FIFO over S's layers. */
  returnStock(actor: PostingActor, c: ReturnCommand): Promise<{ journalId: string }> {
    return this.runStatement(async () => {
      const [row] = await this.db.statement<{ journal_id: string }>(
        `SELECT ledger_return($1, $2, $3, $4, $5::numeric, $6::date, $7, $8, $9) AS journal_id`,
        [actor.tenantId, c.locationCode, c.itemCode, c.supplierOrgId, c.qty, c.effectiveDate ?? null, actor.userId, c.reason, c.reference ?? null],
      );
      return { journalId: (row as { journal_id: string }).journal_id };
    });
  }

  /** A count: difference = counted − book for that owner at that site; nothing posted when 0. */
  adjust(actor: PostingActor, c: AdjustmentCommand): Promise<AdjustmentResponse> {
    return this.runStatement(async () => {
      const [row] = await this.db.statement<{ journal_id: string | null; difference: string; book_qty: string }>(
        `SELECT * FROM ledger_adjust($1, $2, $3, $4, $5::numeric, $6::date, $7, $8, $9)`,
        [actor.tenantId, c.locationCode, c.itemCode, c.supplierOrgId, c.countedQty, c.effectiveDate ?? null, actor.userId, c.reason, c.reference ?? null],
      );
      const r = row as { journal_id: string | null; difference: string; book_qty: string };
      return { journalId: r.journal_id, difference: formatPlain(r.difference), bookQty: formatPlain(r.book_qty) };
    });
  }

  // ------------------------------------------------------------------ reversal

  /** The mirror image of one journal (and its title transfers), at most once. Returns its id. */
  reverse(actor: PostingActor, journalId: string, reason: string, effectiveDate?: string | null): Promise<string> {
    return this.run(async () => {
      for (const guard of this.reversalGuards) await guard(actor.tenantId, journalId);
      const [row] = await this.db.query<{ journal_id: string }>(`SELECT ledger_reverse($1, $2, $3::date, $4, $5) AS journal_id`, [
        actor.tenantId,
        journalId,
        effectiveDate ?? null,
        actor.userId,
        reason,
      ]);
      return (row as { journal_id: string }).journal_id;
    });
  }

  // ------------------------------------------------------------------ period close

  /**
   * Takes the period lock of (tenant, supplier) exclusively until the current transaction
   * ends: every posting for that supplier holds it shared while it checks closed_periods, so
   * after this returns no posting is in flight and none can start until commit. Statements
   * call this before reading transfers and inserting into closed_periods.
   */
  async lockPeriodExclusive(tenantId: string, supplierOrgId: string): Promise<void> {
    if (!this.db.inTransaction) throw new Error('lockPeriodExclusive must run inside a transaction');
    await this.db.query(`SELECT pg_advisory_xact_lock(ledger_period_lock_key($1::uuid, $2::uuid))`, [tenantId, supplierOrgId]);
  }

  /** The advisory lock key (bigint as a string) of the period lock of (tenant, supplier). */
  async periodLockKey(tenantId: string, supplierOrgId: string): Promise<string> {
    const [row] = await this.db.query<{ key: string }>(`SELECT ledger_period_lock_key($1::uuid, $2::uuid)::text AS key`, [tenantId, supplierOrgId]);
    return (row as { key: string }).key;
  }

  /**
   * Closes [periodFrom, periodTo] for a supplier: takes the period lock exclusively and records
   * the closed period; postings dated inside it are refused from now on (409 PERIOD_CLOSED).
   */
  closePeriod(p: { tenantId: string; supplierOrgId: string; periodFrom: string; periodTo: string; statementId?: string | null; closedBy?: string | null }): Promise<void> {
    return this.db.transaction(async () => {
      await this.lockPeriodExclusive(p.tenantId, p.supplierOrgId);
      await this.db.query(
        `INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to, statement_id, closed_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [p.tenantId, p.supplierOrgId, p.periodFrom, p.periodTo, p.statementId ?? null, p.closedBy ?? null],
      );
    });
  }

  /**
   * For commands that are one posting-function call (`db.statement`): no transaction of its own
   * when the caller has none — the statement is atomic by itself — and the database's refusals
   * mapped as in `run`.
   */
  private async runStatement<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw ledgerError(e);
    }
  }

  /** Runs in the current transaction (or a new one) and maps the database's refusals. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (e) {
      throw ledgerError(e);
    }
  }
}
