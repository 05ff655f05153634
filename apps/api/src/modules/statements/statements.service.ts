import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Page, Statement, StatementCurrencyTotal, StatementEvent, StatementExportFormat, StatementLine, StatementSummary } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { validationFailed } from '../../common/errors';
import type { PageQueryDto } from '../../common/http/paging';
import { MasterDataService } from '../master-data/master-data.service';
import { LedgerService } from '../ledger/ledger.service';
import { nextDocumentNumber } from '../call-offs/persistence/document-number';
import { StatementContentHasher, type StatementContentHeader } from './content-hash';
import type { ConfirmStatementDto, CreateStatementDto, DisputeStatementDto, StatementLinesQueryDto, StatementQueryDto } from './dto/statement.dto';
import { writeStatementCsv, writeStatementXlsx, type StatementExportHeader } from './export/statement-export';
import {
  INLINE_LINES,
  PERIOD_QUANTITIES_SQL,
  StatementRepository,
  toContentLine,
  toItemQuantities,
  type ItemQtyRow,
  type StatementHead,
} from './persistence/statement.repository';
import { periodAlreadyClosed, statementInvalidState, statementNotFound, statementStale } from './statements.errors';
import type { StatementViewer } from './statement-viewer';

/** A snapshot of a million lines is one long INSERT … SELECT: it gets its own time limit. */
const SNAPSHOT_TIMEOUT_MS = 600_000;
/**
 * Lines per read when hashing a new snapshot or exporting: small enough that a batch's rows
 * mostly die young in V8's nursery (the heap stays flat), large enough that the per-query
 * cost (a short index range scan, the next batch prefetched) is noise.
 */
export const LINE_BATCH = 2_000;
export const EXPORT_BATCH = 2_000;

export interface StatementFile {
  stream: PassThrough;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES: Record<StatementExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Reconciliation statements: a frozen snapshot of one supplier's title transfers in one period
 * (create), closing that period on the ledger (issue), the supplier's answer (confirm or
 * dispute lines), and the exports. Each command is one transaction.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly db: Db,
    private readonly md: MasterDataService,
    private readonly ledger: LedgerService,
    private readonly repo: StatementRepository,
  ) {}

  /**
   * Always a new DRAFT: snapshots the supplier's title transfers whose business date lies in
   * [periodFrom, periodTo] (consumptions and the aging clause's title transfers positive,
   * reversals negative, frozen prices and
   * amounts), the totals per currency, the opening and closing quantities, and the content
   * hash. The supplier must be linked (404); periodFrom ≤ periodTo (400).
   */
  create(tenantId: string, userId: string, dto: CreateStatementDto): Promise<Statement> {
    if (dto.periodFrom > dto.periodTo) {
      throw validationFailed('periodTo must not be before periodFrom', [
        { path: 'periodTo', message: 'must not be before periodFrom', value: dto.periodTo },
      ]);
    }
    return this.db.transaction(async () => {
      const agreement = await this.md.agreement(tenantId, dto.supplierOrgId);
      const id = randomUUID();
      await this.db.setLocalStatementTimeout(SNAPSHOT_TIMEOUT_MS);

      // Lines first (their foreign key to the header is deferred): the header carries their count,
      // totals and hash. One statement inserts every line and totals them per currency.
      const totalRows = await this.db.query<{ currency: string; amount: string; line_count: number }>(
        `WITH ins AS (
           INSERT INTO statement_lines (tenant_id, statement_id, line_no, transfer_id, journal_id, journal_type, effective_date,
                                        item_id, item_code, supplier_sku, location_code, qty, unit_price, currency, amount, reference)
           SELECT t.tenant_id, $2, row_number() OVER (ORDER BY t.effective_date, t.id), t.id, t.journal_id,
                  CASE WHEN t.reverses_transfer_id IS NOT NULL THEN 'REVERSAL' WHEN t.kind = 'AGING_CLAUSE' THEN 'TITLE_TRANSFER' ELSE 'CONSUMPTION' END,
                  t.effective_date, t.item_id, i.code, pe.supplier_sku, l.code, t.qty, t.unit_price, t.currency, t.amount, t.reference
             FROM title_transfers t
             JOIN items i ON i.id = t.item_id
             JOIN locations l ON l.id = t.location_id
             LEFT JOIN price_list_entries pe ON pe.id = t.price_entry_id
            WHERE t.tenant_id = $1 AND t.supplier_org_id = $3 AND t.effective_date BETWEEN $4::date AND $5::date
           RETURNING currency, amount)
         SELECT currency::text AS currency, sum(amount)::numeric(20, 2)::text AS amount, count(*)::int AS line_count
           FROM ins GROUP BY currency ORDER BY currency`,
        [tenantId, id, dto.supplierOrgId, dto.periodFrom, dto.periodTo],
      );
      const totals: StatementCurrencyTotal[] = totalRows.length
        ? totalRows.map((r) => ({ currency: r.currency, amount: r.amount, lineCount: r.line_count }))
        : [{ currency: agreement.currency, amount: '0.00', lineCount: 0 }];
      const lineCount = totals.reduce((n, t) => n + t.lineCount, 0);
      const totalAmount = totals.find((t) => t.currency === agreement.currency)?.amount ?? '0.00';
      await this.db.query(
        `INSERT INTO statement_totals (tenant_id, statement_id, currency, amount, line_count)
         SELECT $1, $2, t.currency, t.amount, t.line_count FROM unnest($3::text[], $4::numeric[], $5::int[]) AS t(currency, amount, line_count)`,
        [tenantId, id, totals.map((t) => t.currency), totals.map((t) => t.amount), totals.map((t) => t.lineCount)],
      );

      const quantityRows = await this.db.query<ItemQtyRow>(
        `INSERT INTO statement_quantities (tenant_id, statement_id, item_id, item_code, opening_qty, closing_qty)
         SELECT $1, $5, q.item_id, q.item_code, q.opening_qty::numeric, q.closing_qty::numeric FROM (${PERIOD_QUANTITIES_SQL}) q
         RETURNING item_id, item_code, opening_qty::text AS opening_qty, closing_qty::text AS closing_qty`,
        [tenantId, dto.supplierOrgId, dto.periodFrom, dto.periodTo, id],
      );
      const quantities = toItemQuantities(sortQuantities(quantityRows));

      // The number last but one: the counter row stays locked until commit (gap-free), so
      // concurrent creators of this tenant queue for the hash only, not for the snapshot.
      const number = await nextDocumentNumber(this.db, tenantId, 'ST');
      const hasher = new StatementContentHasher({
        buyerOrgId: tenantId,
        supplierOrgId: dto.supplierOrgId,
        number,
        periodFrom: dto.periodFrom,
        periodTo: dto.periodTo,
        currency: agreement.currency,
        lineCount,
        totalAmount,
        totals,
        ...quantities,
      } satisfies StatementContentHeader);
      for await (const batch of this.repo.lineBatches(tenantId, id, LINE_BATCH)) {
        hasher.add(batch.map(toContentLine));
      }

      await this.db.query(
        `INSERT INTO statements (tenant_id, id, number, supplier_org_id, status, period_from, period_to, currency, total_amount,
                                 line_count, content_sha256, created_by)
         VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $7, $8, $9, $10, $11)`,
        [tenantId, id, number, dto.supplierOrgId, dto.periodFrom, dto.periodTo, agreement.currency, totalAmount, lineCount, hasher.digest(), userId],
      );
      await this.repo.addEvent({ tenantId, statementId: id, from: null, to: 'DRAFT', userId, orgId: tenantId, comment: null });
      return this.get({ kind: 'BUYER', tenantId }, id);
    });
  }

  list(viewer: StatementViewer, q: StatementQueryDto): Promise<Page<StatementSummary>> {
    return this.repo.list(viewer, q);
  }

  /** The header, the quantities and the first INLINE_LINES lines (then `linesTruncated`). */
  async get(viewer: StatementViewer, id: string): Promise<Statement> {
    const summary = await this.repo.summary(viewer, id);
    if (!summary) throw statementNotFound();
    const head = toHeadOf(summary);
    const [quantities, lines] = await Promise.all([this.repo.quantities(head.tenantId, head.id), this.repo.linesPage(head, {}, INLINE_LINES)]);
    return { ...summary, lines: lines.items, linesTruncated: lines.nextCursor !== null, linesNextCursor: lines.nextCursor, ...quantities };
  }

  async lines(viewer: StatementViewer, id: string, q: StatementLinesQueryDto): Promise<Page<StatementLine>> {
    return this.repo.linesPage(await this.visible(viewer, id), q);
  }

  async events(viewer: StatementViewer, id: string, q: PageQueryDto): Promise<Page<StatementEvent>> {
    return this.repo.events(await this.visible(viewer, id), q);
  }

  /**
   * Issues a DRAFT: takes the supplier's period lock exclusively (no posting for that
   * supplier is in flight or can start until commit), refuses a period that overlaps one
   * already closed (409 PERIOD_CLOSED) and a stale draft (409 INVALID_STATE: the period's
   * transfers or the supplier's stock before or in the period changed since the draft was
   * made), closes the period, supersedes the supplier's other drafts overlapping it.
   */
  issue(tenantId: string, userId: string, id: string): Promise<Statement> {
    const viewer: StatementViewer = { kind: 'BUYER', tenantId };
    return this.db.transaction(async () => {
      const peek = await this.repo.head(viewer, id, false);
      if (!peek) throw statementNotFound();
      // The period lock before the row lock: two issuers for one supplier queue here, never
      // each holding a statement row the other wants to supersede.
      await this.ledger.lockPeriodExclusive(tenantId, peek.supplierOrgId);
      const head = (await this.repo.head(viewer, id, true)) as StatementHead;
      if (head.status !== 'DRAFT') throw statementInvalidState(head.number, head.status, 'issued', 'DRAFT');

      const [closed] = await this.db.query<{ period_from: string; period_to: string; number: string | null }>(
        `SELECT to_char(c.period_from, 'YYYY-MM-DD') AS period_from, to_char(c.period_to, 'YYYY-MM-DD') AS period_to, s.number
           FROM closed_periods c LEFT JOIN statements s ON s.tenant_id = c.tenant_id AND s.id = c.statement_id
          WHERE c.tenant_id = $1 AND c.supplier_org_id = $2 AND c.period_from <= $4::date AND c.period_to >= $3::date
          ORDER BY c.period_from LIMIT 1`,
        [tenantId, head.supplierOrgId, head.periodFrom, head.periodTo],
      );
      if (closed) throw periodAlreadyClosed(head.number, closed.number, closed.period_from, closed.period_to);
      await this.assertFresh(head);

      await this.db.query(
        `INSERT INTO closed_periods (tenant_id, supplier_org_id, period_from, period_to, statement_id, closed_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, head.supplierOrgId, head.periodFrom, head.periodTo, head.id, userId],
      );
      // (A CTE, so the driver answers rows, not TypeORM's [rows, count] of an UPDATE.)
      const superseded = await this.db.query<{ id: string }>(
        `WITH s AS (
           UPDATE statements SET status = 'SUPERSEDED', superseded_by_id = $3, updated_at = now()
            WHERE tenant_id = $1 AND supplier_org_id = $2 AND status = 'DRAFT' AND id <> $3
              AND period_from <= $5::date AND period_to >= $4::date
           RETURNING id)
         SELECT id FROM s ORDER BY id`,
        [tenantId, head.supplierOrgId, head.id, head.periodFrom, head.periodTo],
      );
      for (const s of superseded) {
        await this.repo.addEvent({ tenantId, statementId: s.id, from: 'DRAFT', to: 'SUPERSEDED', userId, orgId: tenantId, comment: `superseded by ${head.number}` });
      }
      await this.db.query(`UPDATE statements SET status = 'ISSUED', issued_at = now(), issued_by = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        head.id,
        userId,
      ]);
      await this.repo.addEvent({ tenantId, statementId: head.id, from: 'DRAFT', to: 'ISSUED', userId, orgId: tenantId, comment: null });
      return this.get(viewer, id);
    });
  }

  /** The supplier accepts an ISSUED statement as a whole. */
  confirm(supplierOrgId: string, userId: string, id: string, dto: ConfirmStatementDto): Promise<Statement> {
    const viewer: StatementViewer = { kind: 'SUPPLIER', supplierOrgId };
    return this.db.transaction(async () => {
      const head = await this.lockIssued(viewer, id, 'confirmed');
      await this.respond(head, 'CONFIRMED', userId, supplierOrgId, dto.comment ?? null);
      return this.get(viewer, id);
    });
  }

  /**
   * The supplier refuses lines of an ISSUED statement, each with a comment. Every named line
   * must be a line of this statement, each at most once (else 400). Corrections are posted in
   * the next open period (docs/statements.md); this statement keeps its content.
   */
  dispute(supplierOrgId: string, userId: string, id: string, dto: DisputeStatementDto): Promise<Statement> {
    const viewer: StatementViewer = { kind: 'SUPPLIER', supplierOrgId };
    return this.db.transaction(async () => {
      const head = await this.lockIssued(viewer, id, 'disputed');
      const ids = dto.lines.map((l) => l.lineId.toLowerCase());
      const known = await this.repo.existingLineIds(head, [...new Set(ids)]);
      const errors: { path: string; message: string; value: string }[] = [];
      const seen = new Set<string>();
      ids.forEach((lineId, i) => {
        if (seen.has(lineId)) errors.push({ path: `lines[${i}].lineId`, message: 'a line may be disputed only once per request', value: lineId });
        else if (!known.has(lineId)) errors.push({ path: `lines[${i}].lineId`, message: 'not a line of this statement', value: lineId });
        seen.add(lineId);
      });
      if (errors.length) throw validationFailed(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      await this.db.query(
        `INSERT INTO statement_line_disputes (tenant_id, statement_id, line_id, comment, disputed_by)
         SELECT $1, $2, d.line_id, d.comment, $5 FROM unnest($3::uuid[], $4::text[]) AS d(line_id, comment)`,
        [head.tenantId, head.id, ids, dto.lines.map((l) => l.comment), userId],
      );
      await this.respond(head, 'DISPUTED', userId, supplierOrgId, dto.comment ?? `${ids.length} line(s) disputed`);
      return this.get(viewer, id);
    });
  }

  /**
   * The statement as a file, streamed: header and quantities are read first (so a missing
   * statement is a 404 problem, not a broken download), then the lines in keyset batches while
   * the file is written.
   */
  async export(viewer: StatementViewer, id: string, format: StatementExportFormat): Promise<StatementFile> {
    const summary = await this.repo.summary(viewer, id);
    if (!summary) throw statementNotFound();
    const quantities = await this.db.query<ItemQtyRow>(
      `SELECT item_id, item_code, opening_qty::text AS opening_qty, closing_qty::text AS closing_qty
         FROM statement_quantities WHERE tenant_id = $1 AND statement_id = $2 ORDER BY item_code COLLATE "C", item_id`,
      [summary.buyerOrgId, summary.id],
    );
    const disputes = await this.repo.disputeComments(summary.buyerOrgId, summary.id);
    const header: StatementExportHeader = { ...summary, quantities, disputes };
    const stream = new PassThrough();
    const batches = this.repo.exportBatches(summary.buyerOrgId, summary.id, EXPORT_BATCH);
    const write = format === 'csv' ? writeStatementCsv : writeStatementXlsx;
    write(stream, header, batches).catch((e: Error) => stream.destroy(e));
    return { stream, fileName: `${summary.number}.${format}`, contentType: CONTENT_TYPES[format] };
  }

  /**
   * Refuses to issue a draft whose snapshot is no longer what the ledger says. Transfers are
   * append-only, so the period's set is unchanged exactly when its count is; the quantities
   * are recomputed (a receipt, return or adjustment dated in or before the period moves them).
   * Runs under the exclusive period lock, so nothing can slip in between check and close.
   */
  private async assertFresh(head: StatementHead): Promise<void> {
    const [count] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM title_transfers
        WHERE tenant_id = $1 AND supplier_org_id = $2 AND effective_date BETWEEN $3::date AND $4::date`,
      [head.tenantId, head.supplierOrgId, head.periodFrom, head.periodTo],
    );
    const now = count?.n ?? 0;
    if (now !== head.lineCount) {
      throw statementStale(head.number, `the period now has ${now} title transfer(s), the draft holds ${head.lineCount}`);
    }
    const [current, stored] = await Promise.all([
      this.db.query<ItemQtyRow>(PERIOD_QUANTITIES_SQL, [head.tenantId, head.supplierOrgId, head.periodFrom, head.periodTo]),
      this.db.query<ItemQtyRow>(
        `SELECT item_id, item_code, opening_qty::text AS opening_qty, closing_qty::text AS closing_qty
           FROM statement_quantities WHERE tenant_id = $1 AND statement_id = $2`,
        [head.tenantId, head.id],
      ),
    ]);
    const key = (rows: ItemQtyRow[]) => sortQuantities(rows).map((r) => `${r.item_id}:${r.opening_qty}:${r.closing_qty}`).join('|');
    if (key(current) !== key(stored)) {
      throw statementStale(head.number, 'the supplier\'s stock at the buyer\'s sites before or in the period changed');
    }
  }

  private async lockIssued(viewer: StatementViewer, id: string, action: string): Promise<StatementHead> {
    const head = await this.repo.head(viewer, id, true);
    if (!head) throw statementNotFound();
    if (head.status !== 'ISSUED') throw statementInvalidState(head.number, head.status, action, 'ISSUED');
    return head;
  }

  private async respond(head: StatementHead, to: 'CONFIRMED' | 'DISPUTED', userId: string, orgId: string, comment: string | null): Promise<void> {
    await this.db.query(`UPDATE statements SET status = $3, responded_at = now(), responded_by = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      head.tenantId,
      head.id,
      to,
      userId,
    ]);
    await this.repo.addEvent({ tenantId: head.tenantId, statementId: head.id, from: 'ISSUED', to, userId, orgId, comment });
  }

  private async visible(viewer: StatementViewer, id: string): Promise<StatementHead> {
    const head = await this.repo.head(viewer, id, false);
    if (!head) throw statementNotFound();
    return head;
  }
}

function toHeadOf(s: StatementSummary): StatementHead {
  return {
    id: s.id,
    tenantId: s.buyerOrgId,
    number: s.number,
    status: s.status,
    supplierOrgId: s.supplierOrgId,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    lineCount: s.lineCount,
  };
}

/** Quantities in a stable order: item code, then item id. */
function sortQuantities(rows: readonly ItemQtyRow[]): ItemQtyRow[] {
  return [...rows].sort((a, b) => (a.item_code < b.item_code ? -1 : a.item_code > b.item_code ? 1 : a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0));
}
