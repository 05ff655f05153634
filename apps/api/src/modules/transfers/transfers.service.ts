import { Injectable } from '@nestjs/common';
import type { Page, TransferMove, TransferResponse, TransferView } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import { ledgerError } from '../ledger/ledger.errors';
import type { PostingActor } from '../ledger/ledger.service';
import type { TransferDto, TransferQueryDto } from './dto/transfer.dto';

interface MoveRow {
  journal_id: string;
  owner_org_id: string;
  qty: string;
  lot_no: string | null;
  received_at: Date;
  expiry_date: string | null;
  from_layer_id: string;
  to_layer_id: string;
}

interface TransferRow {
  id: string;
  seq: string;
  effective_at: string;
  created_at: Date;
  created_by: string | null;
  reference: string | null;
  reversed_by: string | null;
  from_code: string;
  to_code: string;
  item_code: string;
  qty: string;
  moves: Array<Omit<TransferMove, 'qty'> & { qty: string }>;
}

/**
 * Inter-site transfers (调拨): consignment stock moves between two VMI sites of one buyer, owner
 * unchanged, as one TRANSFER journal posted by `ledger_transfer` (FIFO over the source's
 * layers; each slice becomes a new layer at the destination with the original lot, expiry and
 * receipt date). The command runs in the request's transaction (the @Idempotent interceptor's).
 */
@Injectable()
export class TransfersService {
  constructor(private readonly db: Db) {}

  async transfer(actor: PostingActor, dto: TransferDto): Promise<TransferResponse> {
    try {
      return await this.db.transaction(async () => {
        const rows = await this.db.query<MoveRow>(
          `SELECT journal_id, owner_org_id, qty::text AS qty, lot_no, received_at, to_char(expiry_date, 'YYYY-MM-DD') AS expiry_date,
                  from_layer_id::text AS from_layer_id, to_layer_id::text AS to_layer_id
             FROM ledger_transfer($1, $2, $3, $4, $5::numeric, $6, $7::date, $8, $9)`,
          [actor.tenantId, dto.fromLocationCode, dto.toLocationCode, dto.itemCode, dto.qty, dto.supplierOrgId ?? null, dto.effectiveDate ?? null, actor.userId, dto.reference ?? null],
        );
        return {
          journalId: (rows[0] as MoveRow).journal_id,
          moves: rows.map((r) => ({
            supplierOrgId: r.owner_org_id,
            qty: r.qty,
            lotNo: r.lot_no,
            receivedAt: r.received_at.toISOString(),
            expiryDate: r.expiry_date,
            fromLayerId: r.from_layer_id,
            toLayerId: r.to_layer_id,
          })),
        };
      });
    } catch (e) {
      throw ledgerError(e);
    }
  }

  /** TRANSFER journals of the tenant, newest first (keyset on the journal sequence). */
  async list(tenantId: string, q: TransferQueryDto): Promise<Page<TransferView>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0]))) {
      throw new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);
    }
    if (q.sort !== undefined && q.sort !== 'createdAt') {
      throw new AppError('VALIDATION_FAILED', 'sort must be createdAt (newest first by default)', [{ path: 'sort', message: 'sort must be createdAt', value: q.sort }]);
    }
    const asc = q.order === 'asc';
    const rows = await this.db.query<TransferRow>(
      `SELECT j.id, j.seq::text AS seq, to_char(j.effective_date, 'YYYY-MM-DD') AS effective_at, j.created_at, j.created_by, j.reference,
              (SELECT r.id FROM journals r WHERE r.tenant_id = j.tenant_id AND r.reverses_journal_id = j.id) AS reversed_by,
              x.from_code, x.to_code, x.item_code, x.qty::text AS qty, x.moves
         FROM journals j
         CROSS JOIN LATERAL (
           SELECT max(l.code) FILTER (WHERE p.qty < 0) AS from_code, max(l.code) FILTER (WHERE p.qty > 0) AS to_code,
                  max(i.code) AS item_code, sum(p.qty) FILTER (WHERE p.qty > 0) AS qty,
                  json_agg(json_build_object(
                    'supplierOrgId', p.owner_org_id, 'qty', p.qty::text, 'lotNo', rl.lot_no,
                    'receivedAt', to_char(rl.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'expiryDate', to_char(rl.expiry_date, 'YYYY-MM-DD'),
                    'fromLayerId', rl.origin_layer_id::text, 'toLayerId', p.layer_id::text) ORDER BY p.id) FILTER (WHERE p.qty > 0) AS moves
             FROM postings p
             JOIN locations l ON l.id = p.location_id
             JOIN items i ON i.id = p.item_id
             LEFT JOIN receipt_layers rl ON rl.tenant_id = p.tenant_id AND rl.id = p.layer_id
            WHERE p.tenant_id = j.tenant_id AND p.journal_id = j.id) x
        WHERE j.tenant_id = $1 AND j.type = 'TRANSFER'
          AND ($2::text IS NULL OR x.from_code = $2 OR x.to_code = $2)
          AND ($3::text IS NULL OR x.item_code = $3)
          AND ($4::date IS NULL OR j.effective_date >= $4)
          AND ($5::date IS NULL OR j.effective_date <= $5)
          AND ($6::bigint IS NULL OR j.seq ${asc ? '>' : '<'} $6)
        ORDER BY j.seq ${asc ? 'ASC' : 'DESC'}
        LIMIT $7`,
      [tenantId, q.locationCode ?? null, q.itemCode ?? null, q.from ?? null, q.to ?? null, cursor ? String(cursor[0]) : null, limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        journalId: r.id,
        fromLocationCode: r.from_code,
        toLocationCode: r.to_code,
        itemCode: r.item_code,
        qty: r.qty,
        effectiveAt: r.effective_at,
        createdAt: r.created_at.toISOString(),
        createdBy: r.created_by,
        reference: r.reference,
        reversedByJournalId: r.reversed_by,
        moves: r.moves,
      })),
      nextCursor: more && last ? encodeCursor([last.seq]) : null,
    };
  }
}
