import { Injectable } from '@nestjs/common';
import type { JournalType, JournalView, LedgerLocationKind, Page, PostingView, TitleTransferView } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import type { Principal } from '../../common/auth/principal';
import type { JournalQueryDto } from './dto/ledger.dto';

interface JournalRow {
  tenant_id: string;
  id: string;
  seq: string;
  type: JournalType;
  effective_date: string;
  created_at: Date;
  created_by: string | null;
  created_by_email: string | null;
  reference: string | null;
  reason: string | null;
  reverses_journal_id: string | null;
  reversed_by: string | null;
  supplier_org_ids: string[];
}

interface PostingRow {
  tenant_id: string;
  journal_id: string;
  location_kind: LedgerLocationKind;
  location_code: string | null;
  item_code: string;
  owner_org_id: string;
  supplier_org_id: string;
  lot_no: string | null;
  qty: string;
  balance_after: string | null;
  account_version: string | null;
}

interface TransferRow {
  tenant_id: string;
  journal_id: string;
  supplier_org_id: string;
  item_code: string;
  location_code: string;
  qty: string;
  unit_price: string;
  currency: string;
  amount: string;
  lot_no: string | null;
  received_at: Date;
}

/**
 * Who may see what of the ledger: a buyer user sees its tenant; a supplier user sees, at the
 * buyers it is linked to, the journals that touch its own stock and only its own postings
 * and transfers (another supplier's share of a cross-owner consumption stays hidden).
 */
export interface LedgerViewer {
  tenantIds: string[];
  /** Set for supplier users: only their postings and transfers. */
  supplierOrgId: string | null;
}

const JOURNAL_COLUMNS = `j.tenant_id, j.id, j.seq, j.type, to_char(j.effective_date, 'YYYY-MM-DD') AS effective_date, j.created_at, j.created_by,
  j.reference, j.reason, j.reverses_journal_id, j.supplier_org_ids,
  (SELECT r.id FROM journals r WHERE r.tenant_id = j.tenant_id AND r.reverses_journal_id = j.id) AS reversed_by,
  (SELECT u.email FROM users u WHERE u.id = j.created_by) AS created_by_email`;

/** The ledger's read side: journals with their postings and title transfers. */
@Injectable()
export class JournalQueryService {
  constructor(private readonly db: Db) {}

  /** The tenants a caller may read, from the token (never from the request). */
  async viewerOf(p: Principal, buyerOrgId?: string): Promise<LedgerViewer> {
    if (p.orgType === 'BUYER' && p.orgId) return { tenantIds: [p.orgId], supplierOrgId: null };
    if (p.orgType === 'SUPPLIER' && p.orgId) {
      const rows = await this.db.query<{ tenant_id: string }>(
        `SELECT tenant_id FROM supplier_agreements WHERE supplier_org_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) ORDER BY tenant_id`,
        [p.orgId, buyerOrgId ?? null],
      );
      return { tenantIds: rows.map((r) => r.tenant_id), supplierOrgId: p.orgId };
    }
    throw new AppError('FORBIDDEN', 'Only buyer and supplier users can read the ledger');
  }

  async list(viewer: LedgerViewer, q: JournalQueryDto): Promise<Page<JournalView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0]))) {
      throw new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);
    }
    if (q.sort !== undefined && q.sort !== 'seq') {
      throw new AppError('VALIDATION_FAILED', 'sort must be seq (newest first by default)', [{ path: 'sort', message: 'sort must be seq', value: q.sort }]);
    }
    const asc = q.order === 'asc';
    // A supplier only ever sees journals touching its own stock, whatever it filters on.
    const supplierFilter = viewer.supplierOrgId ?? q.supplierOrgId ?? null;
    if (viewer.supplierOrgId && q.supplierOrgId && q.supplierOrgId !== viewer.supplierOrgId) return { items: [], nextCursor: null };
    if (!viewer.tenantIds.length) return { items: [], nextCursor: null };
    const rows = await this.db.query<JournalRow>(
      `SELECT ${JOURNAL_COLUMNS}
         FROM journals j
        WHERE j.tenant_id = ANY($1::uuid[])
          AND ($2::text IS NULL OR j.type = $2)
          AND ($3::date IS NULL OR j.effective_date >= $3)
          AND ($4::date IS NULL OR j.effective_date <= $4)
          AND ($5::uuid IS NULL OR j.supplier_org_ids @> ARRAY[$5::uuid])
          AND ($6::bigint IS NULL OR j.seq ${asc ? '>' : '<'} $6)
        ORDER BY j.seq ${asc ? 'ASC' : 'DESC'}
        LIMIT $7`,
      [viewer.tenantIds, q.type ?? null, q.from ?? null, q.to ?? null, supplierFilter, cursor ? String(cursor[0]) : null, limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const items = await this.withDetails(viewer, page);
    const last = page[page.length - 1];
    return { items, nextCursor: more && last ? encodeCursor([last.seq]) : null };
  }

  /** One journal; another tenant's (or, for a supplier, one not touching its stock) → 404. */
  async get(viewer: LedgerViewer, id: string): Promise<JournalView> {
    const rows = viewer.tenantIds.length
      ? await this.db.query<JournalRow>(
          `SELECT ${JOURNAL_COLUMNS} FROM journals j
            WHERE j.tenant_id = ANY($1::uuid[]) AND j.id = $2 AND ($3::uuid IS NULL OR j.supplier_org_ids @> ARRAY[$3::uuid])`,
          [viewer.tenantIds, id, viewer.supplierOrgId],
        )
      : [];
    if (!rows.length) throw notFound(`Journal ${id}`);
    const [view] = await this.withDetails(viewer, rows);
    return view as JournalView;
  }

  private async withDetails(viewer: LedgerViewer, journals: JournalRow[]): Promise<JournalView[]> {
    if (!journals.length) return [];
    const tenants = journals.map((j) => j.tenant_id);
    const ids = journals.map((j) => j.id);
    const [postings, transfers] = await Promise.all([
      this.db.query<PostingRow>(
        `SELECT p.tenant_id, p.journal_id, p.location_kind, l.code AS location_code, i.code AS item_code, p.owner_org_id,
                p.supplier_org_id, rl.lot_no, p.qty, p.balance_after, p.account_version
           FROM postings p
           JOIN items i ON i.id = p.item_id
           LEFT JOIN locations l ON l.id = p.location_id
           LEFT JOIN receipt_layers rl ON rl.tenant_id = p.tenant_id AND rl.id = p.layer_id
          WHERE (p.tenant_id, p.journal_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
            AND ($3::uuid IS NULL OR p.supplier_org_id = $3)
          ORDER BY p.id`,
        [tenants, ids, viewer.supplierOrgId],
      ),
      this.db.query<TransferRow>(
        `SELECT t.tenant_id, t.journal_id, t.supplier_org_id, i.code AS item_code, l.code AS location_code, t.qty, t.unit_price,
                t.currency, t.amount, rl.lot_no, rl.received_at
           FROM title_transfers t
           JOIN items i ON i.id = t.item_id
           JOIN locations l ON l.id = t.location_id
           JOIN receipt_layers rl ON rl.tenant_id = t.tenant_id AND rl.id = t.layer_id
          WHERE (t.tenant_id, t.journal_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
            AND ($3::uuid IS NULL OR t.supplier_org_id = $3)
          ORDER BY t.id`,
        [tenants, ids, viewer.supplierOrgId],
      ),
    ]);
    const postingsOf = group(postings, (p) => p.journal_id);
    const transfersOf = group(transfers, (t) => t.journal_id);
    return journals.map((j) => ({
      id: j.id,
      type: j.type,
      effectiveAt: j.effective_date,
      createdAt: j.created_at.toISOString(),
      createdBy: j.created_by,
      // Who posted, for the audit view: the buyer's own people only (suppliers see the id).
      createdByEmail: viewer.supplierOrgId ? null : j.created_by_email,
      reference: j.reference,
      reversesJournalId: j.reverses_journal_id,
      reversedByJournalId: j.reversed_by,
      reason: j.reason,
      supplierOrgIds: viewer.supplierOrgId ? [viewer.supplierOrgId] : j.supplier_org_ids,
      postings: (postingsOf.get(j.id) ?? []).map(toPosting),
      transfers: (transfersOf.get(j.id) ?? []).map(
        (t): TitleTransferView => ({
          supplierOrgId: t.supplier_org_id,
          qty: t.qty,
          unitPrice: t.unit_price,
          currency: t.currency,
          amount: t.amount,
          lotNo: t.lot_no,
          receivedAt: t.received_at.toISOString(),
          itemCode: t.item_code,
          locationCode: t.location_code,
          journalId: t.journal_id,
        }),
      ),
    }));
  }
}

function toPosting(p: PostingRow): PostingView {
  const site = p.location_kind === 'SITE';
  return {
    locationCode: site ? (p.location_code as string) : p.location_kind,
    locationKind: p.location_kind,
    siteCode: p.location_code,
    itemCode: p.item_code,
    ownerOrgId: p.owner_org_id,
    supplierOrgId: p.supplier_org_id,
    lotNo: p.lot_no,
    qty: p.qty,
    balanceAfter: p.balance_after,
    accountVersion: p.account_version === null ? null : Number(p.account_version),
  };
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
