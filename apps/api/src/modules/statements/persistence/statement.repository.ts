import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type {
  Page,
  StatementCurrencyTotal,
  StatementEvent,
  StatementItemQty,
  StatementLine,
  StatementLineType,
  StatementStatus,
  StatementSummary,
} from '@stockbridge/shared';
import { Db } from '../../../database/db.service';
import { AppError } from '../../../common/errors';
import { decodeCursor, encodeCursor, keysetPage, pageLimit, sortSpec, type PageQueryDto } from '../../../common/http/paging';
import { viewerParams, type StatementViewer } from '../statement-viewer';
import type { StatementContentLine } from '../content-hash';
import type { StatementLinesQueryDto, StatementQueryDto } from '../dto/statement.dto';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const DAY = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/** A statement header locked (or just read) for a command. */
export interface StatementHead {
  id: string;
  tenantId: string;
  number: string;
  status: StatementStatus;
  supplierOrgId: string;
  periodFrom: string;
  periodTo: string;
  lineCount: number;
}

interface HeadRow {
  id: string;
  tenant_id: string;
  number: string;
  status: StatementStatus;
  supplier_org_id: string;
  period_from: string;
  period_to: string;
  line_count: number;
}

interface SummaryRow extends HeadRow {
  buyer_name: string;
  supplier_code: string;
  supplier_name: string;
  currency: string;
  total_amount: string;
  content_sha256: string;
  created_at: string;
  created_by: string | null;
  issued_at: string | null;
  issued_by: string | null;
  responded_at: string | null;
  responded_by: string | null;
  superseded_by_id: string | null;
  superseded_by_number: string | null;
  disputed_line_count: number;
  totals: StatementCurrencyTotal[];
  sort_key: string;
}

/** A line as SQL returns it: every decimal as text with its column's scale. */
export interface LineRow {
  line_no: number;
  id: string;
  journal_id: string;
  journal_type: StatementLineType;
  effective_at: string;
  item_code: string;
  supplier_sku: string | null;
  location_code: string;
  qty: string;
  unit_price: string;
  currency: string;
  amount: string;
  reference: string | null;
  dispute_comment?: string | null;
  disputed_by?: string | null;
  disputed_by_email?: string | null;
  disputed_at?: string | null;
}

/**
 * A line as the exports read it, positionally: line no, journal id, journal type, business
 * date as days since 1970-01-01, item code, supplier SKU, location code, qty, unit price,
 * currency, amount (decimals as text at their column's scale), reference, line id.
 */
export type ExportRow = [
  lineNo: number,
  journalId: string,
  journalType: StatementLineType,
  epochDay: number,
  itemCode: string,
  supplierSku: string | null,
  locationCode: string,
  qty: string,
  unitPrice: string,
  currency: string,
  amount: string,
  reference: string | null,
  lineId: string,
];

export interface ItemQtyRow {
  item_id: string;
  item_code: string;
  opening_qty: string;
  closing_qty: string;
}

const HEAD_COLUMNS = `s.id, s.tenant_id, s.number, s.status, s.supplier_org_id, ${DAY('s.period_from')} AS period_from,
  ${DAY('s.period_to')} AS period_to, s.line_count`;

const SUMMARY_SELECT = `
  SELECT ${HEAD_COLUMNS}, b.name AS buyer_name, o.code AS supplier_code, o.name AS supplier_name, s.currency::text AS currency,
         s.total_amount::text AS total_amount, s.content_sha256, ${ISO('s.created_at')} AS created_at, s.created_by,
         ${ISO('s.issued_at')} AS issued_at, s.issued_by, ${ISO('s.responded_at')} AS responded_at, s.responded_by,
         s.superseded_by_id, sup.number AS superseded_by_number,
         (SELECT count(*)::int FROM statement_line_disputes d WHERE d.tenant_id = s.tenant_id AND d.statement_id = s.id) AS disputed_line_count,
         (SELECT coalesce(json_agg(json_build_object('currency', t.currency::text, 'amount', t.amount::text, 'lineCount', t.line_count) ORDER BY t.currency), '[]')
            FROM statement_totals t WHERE t.tenant_id = s.tenant_id AND t.statement_id = s.id) AS totals`;

const SUMMARY_FROM = `
    FROM statements s
    JOIN organizations b ON b.id = s.tenant_id
    JOIN organizations o ON o.id = s.supplier_org_id
    LEFT JOIN statements sup ON sup.tenant_id = s.tenant_id AND sup.id = s.superseded_by_id`;

/** Scope of a viewer over `s`: $1 tenant (or null), $2 supplier (or null). */
const SCOPE = `($1::uuid IS NULL OR s.tenant_id = $1) AND ($2::uuid IS NULL OR s.supplier_org_id = $2)`;

const LINE_COLUMNS = `l.line_no, l.id, l.journal_id, l.journal_type, ${DAY('l.effective_date')} AS effective_at, l.item_code, l.supplier_sku,
  l.location_code, l.qty::text AS qty, l.unit_price::text AS unit_price, l.currency::text AS currency, l.amount::text AS amount, l.reference`;
const DISPUTE_COLUMNS = `d.comment AS dispute_comment, d.disputed_by, u.email AS disputed_by_email, ${ISO('d.disputed_at')} AS disputed_at`;
const DISPUTE_JOIN = `
  LEFT JOIN statement_line_disputes d ON d.tenant_id = l.tenant_id AND d.statement_id = l.statement_id AND d.line_id = l.id
  LEFT JOIN users u ON u.id = d.disputed_by`;

/**
 * The supplier-owned quantity per item at the buyer's real sites (SITE postings owned by the
 * supplier, both VMI and warehouse locations; never IN_TRANSIT or the virtual sides), before
 * ($3 = periodFrom, exclusive) and at the end of the period ($4 = periodTo, inclusive), by
 * business date. Items with no stock at either end and no movement in the period are left out.
 * $1 tenant, $2 supplier.
 */
export const PERIOD_QUANTITIES_SQL = `
  SELECT p.item_id, i.code AS item_code,
         coalesce(sum(p.qty) FILTER (WHERE j.effective_date < $3::date), 0)::numeric(20, 6)::text AS opening_qty,
         sum(p.qty)::numeric(20, 6)::text AS closing_qty
    FROM journals j
    JOIN postings p ON p.tenant_id = j.tenant_id AND p.journal_id = j.id
    JOIN items i ON i.id = p.item_id
   WHERE j.tenant_id = $1 AND j.supplier_org_ids @> ARRAY[$2::uuid] AND j.effective_date <= $4::date
     AND p.location_kind = 'SITE' AND p.owner_org_id = $2
   GROUP BY p.item_id, i.code
  HAVING coalesce(sum(p.qty) FILTER (WHERE j.effective_date < $3::date), 0) <> 0
      OR sum(p.qty) <> 0
      OR bool_or(j.effective_date >= $3::date)`;

/** Lines per page of GET /statements/{id} before `linesTruncated`. */
export const INLINE_LINES = 1000;

const invalidCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);

/** Statements: reads (scoped by viewer) and the snapshot writes. Every query binds its values. */
@Injectable()
export class StatementRepository {
  constructor(private readonly db: Db) {}

  /** The header visible to the viewer, locked FOR UPDATE when inside a command. */
  async head(viewer: StatementViewer, id: string, lock: boolean): Promise<StatementHead | null> {
    const [row] = await this.db.query<HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM statements s WHERE s.id = $3 AND ${SCOPE} ${lock ? 'FOR UPDATE' : ''}`,
      [...viewerParams(viewer), id],
    );
    return row ? toHead(row) : null;
  }

  async summary(viewer: StatementViewer, id: string): Promise<StatementSummary | null> {
    const [row] = await this.db.query<SummaryRow>(`${SUMMARY_SELECT}, '' AS sort_key ${SUMMARY_FROM} WHERE s.id = $3 AND ${SCOPE}`, [
      ...viewerParams(viewer),
      id,
    ]);
    return row ? toSummary(row) : null;
  }

  list(viewer: StatementViewer, q: StatementQueryDto): Promise<Page<StatementSummary>> {
    const sort = sortSpec(q, { createdAt: ISO('s.created_at'), number: 's.number', periodFrom: DAY('s.period_from') }, 'createdAt');
    if (!q.order && (q.sort ?? 'createdAt') === 'createdAt') sort.order = 'desc';
    const [tenantId, supplierOrgId] = viewerParams(viewer);
    return keysetPage<SummaryRow, StatementSummary>((sql, params) => this.db.query<SummaryRow>(sql, params), {
      base: `${SUMMARY_SELECT}, ${sort.expr} AS sort_key ${SUMMARY_FROM}
              WHERE ${SCOPE}
                AND ($3::text IS NULL OR s.status = $3)
                AND ($4::uuid IS NULL OR s.supplier_org_id = $4)
                AND ($5::uuid IS NULL OR s.tenant_id = $5)
                AND ($6::date IS NULL OR s.period_to >= $6)
                AND ($7::date IS NULL OR s.period_from <= $7)`,
      params: [tenantId, supplierOrgId, q.status ?? null, q.supplierOrgId ?? null, q.buyerOrgId ?? null, q.from ?? null, q.to ?? null],
      sort,
      query: q,
      map: toSummary,
      sortValue: (r) => r.sort_key,
    });
  }

  async quantities(tenantId: string, statementId: string): Promise<{ openingQty: StatementItemQty[]; closingQty: StatementItemQty[] }> {
    const rows = await this.db.query<ItemQtyRow>(
      `SELECT item_id, item_code, opening_qty::text AS opening_qty, closing_qty::text AS closing_qty
         FROM statement_quantities WHERE tenant_id = $1 AND statement_id = $2 ORDER BY item_code COLLATE "C", item_id`,
      [tenantId, statementId],
    );
    return toItemQuantities(rows);
  }

  /** A page of lines in lineNo order (cursor = the last lineNo), with their disputes. */
  async linesPage(head: StatementHead, q: Pick<StatementLinesQueryDto, 'cursor' | 'disputed' | 'limit'>, limit = pageLimit(q)): Promise<Page<StatementLine>> {
    const cursor = decodeCursor(q.cursor, 1);
    const after = cursor ? cursor[0] : 0;
    if (typeof after !== 'number' || !Number.isSafeInteger(after)) throw invalidCursor();
    const disputed = q.disputed ?? null;
    const rows = await this.db.query<LineRow>(
      `SELECT ${LINE_COLUMNS}, ${DISPUTE_COLUMNS}
         FROM statement_lines l ${DISPUTE_JOIN}
        WHERE l.tenant_id = $1 AND l.statement_id = $2 AND l.line_no > $3
          AND ($4::boolean IS NULL OR (d.line_id IS NOT NULL) = $4)
        ORDER BY l.line_no LIMIT $5`,
      [head.tenantId, head.id, after, disputed, limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return { items: page.map(toLine), nextCursor: more && last ? encodeCursor([last.line_no]) : null };
  }

  /**
   * The lines after `afterLineNo`, `size` at a time, by keyset on the primary key (one short
   * index range scan per batch: no long-lived cursor). Runs in the caller's transaction.
   */
  lineBatch(tenantId: string, statementId: string, afterLineNo: number, size: number): Promise<LineRow[]> {
    return this.db.query<LineRow>(
      `SELECT ${LINE_COLUMNS} FROM statement_lines l
        WHERE l.tenant_id = $1 AND l.statement_id = $2 AND l.line_no > $3
        ORDER BY l.line_no LIMIT $4`,
      [tenantId, statementId, afterLineNo, size],
    );
  }

  /** Every line, in order, in batches (in the caller's transaction: the creation hashes its own snapshot). */
  async *lineBatches(tenantId: string, statementId: string, size: number): AsyncGenerator<LineRow[]> {
    let next = this.lineBatch(tenantId, statementId, 0, size);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) return;
      const last = batch[batch.length - 1] as LineRow;
      next = batch.length < size ? Promise.resolve([]) : this.lineBatch(tenantId, statementId, last.line_no, size);
      // A consumer that stops early must not leave a rejected prefetch unobserved.
      next.catch(() => undefined);
      yield batch;
    }
  }

  /**
   * Every line for an export, `size` at a time, as positional rows (node-pg `rowMode: 'array'`)
   * of the few columns a file needs, straight from the pool: no transaction (the lines never
   * change), no per-row objects, dates as day numbers. The next batch is already on its way
   * while one is written; this is most of what an export costs besides the file format itself.
   */
  async *exportBatches(tenantId: string, statementId: string, size: number): AsyncGenerator<ExportRow[]> {
    const pool = (this.db.dataSource.driver as PostgresDriver).master as Pool;
    const fetch = (after: number) =>
      pool
        .query<ExportRow>({
          text: `SELECT l.line_no, l.journal_id, l.journal_type, l.effective_date - DATE '1970-01-01', l.item_code, l.supplier_sku, l.location_code,
                        l.qty, l.unit_price, l.currency, l.amount, l.reference, l.id
                   FROM statement_lines l
                  WHERE l.tenant_id = $1 AND l.statement_id = $2 AND l.line_no > $3
                  ORDER BY l.line_no LIMIT $4`,
          values: [tenantId, statementId, after, size],
          rowMode: 'array',
        })
        .then((r) => r.rows);
    let next = fetch(0);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) return;
      const last = batch[batch.length - 1] as ExportRow;
      next = batch.length < size ? Promise.resolve([]) : fetch(last[0]);
      next.catch(() => undefined);
      yield batch;
    }
  }

  /** The dispute comments of a statement by line id (a dispute names at most MAX_DISPUTED_LINES lines). */
  async disputeComments(tenantId: string, statementId: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ line_id: string; comment: string }>(
      `SELECT line_id, comment FROM statement_line_disputes WHERE tenant_id = $1 AND statement_id = $2`,
      [tenantId, statementId],
    );
    return new Map(rows.map((r) => [r.line_id, r.comment]));
  }

  /** Lines of this statement among `lineIds` (for disputes). */
  async existingLineIds(head: StatementHead, lineIds: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM statement_lines WHERE tenant_id = $1 AND statement_id = $2 AND id = ANY($3::uuid[])`,
      [head.tenantId, head.id, lineIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  async events(head: StatementHead, q: PageQueryDto): Promise<Page<StatementEvent>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor && !/^\d{1,18}$/.test(String(cursor[0]))) throw invalidCursor();
    const rows = await this.db.query<{
      id: string;
      from_status: StatementStatus | null;
      to_status: StatementStatus;
      at: string;
      by_user_id: string | null;
      email: string | null;
      by_org_id: string | null;
      comment: string | null;
    }>(
      `SELECT e.id::text AS id, e.from_status, e.to_status, ${ISO('e.at')} AS at, e.by_user_id, u.email, e.by_org_id, e.comment
         FROM statement_events e LEFT JOIN users u ON u.id = e.by_user_id
        WHERE e.tenant_id = $1 AND e.statement_id = $2 AND e.id > $3::bigint
        ORDER BY e.id LIMIT $4`,
      [head.tenantId, head.id, cursor ? String(cursor[0]) : '0', limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        at: r.at,
        by: r.by_user_id,
        byEmail: r.email,
        byOrgId: r.by_org_id,
        comment: r.comment,
      })),
      nextCursor: more && last ? encodeCursor([last.id]) : null,
    };
  }

  async addEvent(e: { tenantId: string; statementId: string; from: StatementStatus | null; to: StatementStatus; userId: string | null; orgId: string | null; comment: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO statement_events (tenant_id, statement_id, from_status, to_status, by_user_id, by_org_id, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.tenantId, e.statementId, e.from, e.to, e.userId, e.orgId, e.comment],
    );
  }
}

function toHead(r: HeadRow): StatementHead {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    number: r.number,
    status: r.status,
    supplierOrgId: r.supplier_org_id,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    lineCount: r.line_count,
  };
}

function toSummary(r: SummaryRow): StatementSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    buyerOrgId: r.tenant_id,
    buyerName: r.buyer_name,
    supplierOrgId: r.supplier_org_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    currency: r.currency,
    totalAmount: r.total_amount,
    totals: r.totals,
    lineCount: r.line_count,
    disputedLineCount: r.disputed_line_count,
    contentSha256: r.content_sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    respondedAt: r.responded_at,
    respondedBy: r.responded_by,
    supersededById: r.superseded_by_id,
    supersededByNumber: r.superseded_by_number,
  };
}

/** The content of a line (what the hash covers). */
export function toContentLine(r: LineRow): StatementContentLine {
  return {
    id: r.id,
    lineNo: r.line_no,
    journalId: r.journal_id,
    journalType: r.journal_type,
    effectiveAt: r.effective_at,
    itemCode: r.item_code,
    supplierSku: r.supplier_sku,
    locationCode: r.location_code,
    qty: r.qty,
    unitPrice: r.unit_price,
    amount: r.amount,
    currency: r.currency,
    reference: r.reference,
  };
}

export function toLine(r: LineRow): StatementLine {
  return {
    ...toContentLine(r),
    dispute:
      r.dispute_comment != null
        ? { comment: r.dispute_comment, by: r.disputed_by ?? null, byEmail: r.disputed_by_email ?? null, at: r.disputed_at ?? '' }
        : null,
  };
}

export function toItemQuantities(rows: readonly ItemQtyRow[]): { openingQty: StatementItemQty[]; closingQty: StatementItemQty[] } {
  return {
    openingQty: rows.map((r) => ({ itemCode: r.item_code, qty: r.opening_qty })),
    closingQty: rows.map((r) => ({ itemCode: r.item_code, qty: r.closing_qty })),
  };
}
