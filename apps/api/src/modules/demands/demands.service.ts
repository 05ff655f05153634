import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Demand, DemandStatus, Page } from '@stockbridge/shared';
import { formatQuantity, parseQuantity } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { validationFailed, notFound } from '../../common/errors';
import { isoSortKey, keysetPage, sortSpec } from '../../common/http/paging';
import { demandInvalidState, demandNotFound } from './demands.errors';
import type { CancelDemandDto, CreateDemandDto, DemandQueryDto } from './dto/demands.dto';

interface DemandRow {
  id: string;
  item_code: string;
  location_code: string;
  uom: string;
  decimals: number;
  qty: string;
  need_by: string;
  reference: string | null;
  status: DemandStatus;
  source: Demand['source'];
  upload_id: string | null;
  upload_row: number | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  sort_key?: string;
}

const demandSelect = (extra = '') => `
  SELECT d.id, i.code AS item_code, l.code AS location_code, i.uom, i.decimals, d.qty::text AS qty,
         to_char(d.need_by, 'YYYY-MM-DD') AS need_by, d.reference, d.status, d.source, d.upload_id, d.upload_row,
         d.created_at, d.created_by, d.updated_at, d.closed_at, d.close_reason${extra}
    FROM demands d
    JOIN items i ON i.id = d.item_id
    JOIN locations l ON l.id = d.location_id`;

export function toDemand(r: DemandRow): Demand {
  return {
    id: r.id,
    itemCode: r.item_code,
    locationCode: r.location_code,
    qty: formatQuantity(r.qty, Number(r.decimals)),
    uom: r.uom,
    needBy: r.need_by,
    reference: r.reference,
    status: r.status,
    source: r.source,
    uploadId: r.upload_id,
    uploadRow: r.upload_row,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    closeReason: r.close_reason,
  };
}

/**
 * Demands entered one by one: create, list, cancel, mark fulfilled. Each command is one
 * transaction (the idempotency interceptor's); the demand row is locked before its status
 * changes. Imports live in DemandUploadsService.
 */
@Injectable()
export class DemandsService {
  constructor(private readonly db: Db) {}

  /**
   * Unknown item or location of this tenant → 404; a quantity that is not > 0 or has more
   * decimals than the item allows → 400 (the body's shape is checked by the DTO before).
   */
  async create(tenantId: string, userId: string, dto: CreateDemandDto): Promise<Demand> {
    const [item] = await this.db.query<{ id: string; decimals: number }>(`SELECT id, decimals FROM items WHERE tenant_id = $1 AND code = $2`, [tenantId, dto.itemCode]);
    if (!item) throw notFound('Item');
    const [location] = await this.db.query<{ id: string }>(`SELECT id FROM locations WHERE tenant_id = $1 AND code = $2`, [tenantId, dto.locationCode]);
    if (!location) throw notFound('Location');
    const parsed = parseQuantity(dto.qty, Number(item.decimals));
    if (!parsed.ok) throw validationFailed(`qty: ${parsed.message}`, [{ path: 'qty', message: parsed.message, value: dto.qty }]);
    if (!parsed.value.gt(0)) throw validationFailed('qty: must be greater than 0', [{ path: 'qty', message: 'must be greater than 0', value: dto.qty }]);
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO demands (tenant_id, location_id, item_id, qty, need_by, reference, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'MANUAL', $7) RETURNING id`,
      [tenantId, location.id, item.id, parsed.value.toString(), dto.needBy, dto.reference || null, userId],
    );
    return this.get(tenantId, (row as { id: string }).id);
  }

  async get(tenantId: string, id: string): Promise<Demand> {
    if (!isUUID(id)) throw demandNotFound();
    const [row] = await this.db.query<DemandRow>(`${demandSelect()} WHERE d.tenant_id = $1 AND d.id = $2`, [tenantId, id]);
    if (!row) throw demandNotFound();
    return toDemand(row);
  }

  /**
   * Keyset-paged; sort needBy (default, ascending), createdAt (default descending) or qty
   * (numeric(20, 6) is always positive with 6 decimals, so its zero-padded text sorts as the number).
   */
  list(tenantId: string, q: DemandQueryDto): Promise<Page<Demand>> {
    const sort = sortSpec(
      { ...q, order: q.order ?? (q.sort === 'createdAt' ? 'desc' : 'asc') },
      { needBy: `to_char(d.need_by, 'YYYY-MM-DD')`, createdAt: isoSortKey('d.created_at'), qty: `lpad(d.qty::text, 21, '0')` },
      'needBy',
    );
    return keysetPage<DemandRow, Demand>((sql, p) => this.db.query(sql, p), {
      base: `${demandSelect(`, ${sort.expr} AS sort_key`)}
              WHERE d.tenant_id = $1 AND ($2::text IS NULL OR i.code = $2) AND ($3::text IS NULL OR l.code = $3)
                AND ($4::text[] IS NULL OR d.status = ANY($4)) AND ($5::date IS NULL OR d.need_by >= $5) AND ($6::date IS NULL OR d.need_by <= $6)`,
      params: [tenantId, q.itemCode ?? null, q.locationCode ?? null, q.status ? q.status.split(',') : null, q.needByFrom ?? null, q.needByTo ?? null],
      sort,
      query: q,
      map: toDemand,
      sortValue: (r) => r.sort_key ?? null,
    });
  }

  cancel(tenantId: string, userId: string, id: string, dto: CancelDemandDto): Promise<Demand> {
    return this.close(tenantId, userId, id, 'CANCELLED', dto.reason ?? null);
  }

  fulfill(tenantId: string, userId: string, id: string): Promise<Demand> {
    return this.close(tenantId, userId, id, 'FULFILLED', null);
  }

  /** OPEN → CANCELLED / FULFILLED under a row lock; any other status → 409 INVALID_STATE. */
  private async close(tenantId: string, userId: string, id: string, status: 'CANCELLED' | 'FULFILLED', reason: string | null): Promise<Demand> {
    if (!isUUID(id)) throw demandNotFound();
    return this.db.transaction(async () => {
      const [current] = await this.db.query<{ status: DemandStatus }>(`SELECT status FROM demands WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!current) throw demandNotFound();
      if (current.status !== 'OPEN') throw demandInvalidState(current.status, status === 'CANCELLED' ? 'cancelled' : 'marked fulfilled');
      await this.db.query(
        `UPDATE demands SET status = $3, closed_at = now(), closed_by = $4, close_reason = $5, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, status, userId, reason],
      );
      return this.get(tenantId, id);
    });
  }
}
