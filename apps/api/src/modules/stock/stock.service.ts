import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Page, StockLayer, StockRow } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { AppError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import type { Principal } from '../../common/auth/principal';
import type { StockLayerQueryDto, StockQueryDto } from './dto/stock.dto';

const badCursor = () => new AppError('VALIDATION_FAILED', 'cursor is not valid', [{ path: 'cursor', message: 'cursor is not valid' }]);

/** Whose stock a caller may read: a buyer its tenant; a supplier what it owns at its buyers. */
export interface StockViewer {
  tenantIds: string[];
  ownerOrgId: string | null;
}

interface StockRowDb {
  tenant_id: string;
  location_code: string;
  item_code: string;
  owner_org_id: string;
  on_hand: string;
  in_transit: string;
}

interface LayerRowDb {
  id: string;
  tenant_id: string;
  owner_org_id: string;
  location_code: string;
  item_code: string;
  lot_no: string | null;
  expiry_date: string | null;
  received_at: Date;
  qty: string;
  original_qty: string;
  age_days: number;
}

/**
 * Stock as the ledger's balances say it: on hand (receipt layers at a site) and in transit
 * (ASN lines on their way to it), per (site, item, owner).
 */
@Injectable()
export class StockService {
  constructor(private readonly db: Db) {}

  async viewerOf(p: Principal, buyerOrgId?: string): Promise<StockViewer> {
    if (p.orgType === 'BUYER' && p.orgId) return { tenantIds: [p.orgId], ownerOrgId: null };
    if (p.orgType === 'SUPPLIER' && p.orgId) {
      const rows = await this.db.query<{ tenant_id: string }>(
        `SELECT tenant_id FROM supplier_agreements WHERE supplier_org_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) ORDER BY tenant_id`,
        [p.orgId, buyerOrgId ?? null],
      );
      return { tenantIds: rows.map((r) => r.tenant_id), ownerOrgId: p.orgId };
    }
    throw new AppError('FORBIDDEN', 'Only buyer and supplier users can read stock');
  }

  /**
   * Rows ordered by (buyer, site code, item code, owner), keyset-paged. The page is built per
   * site walking items in code order and summing only their balances (index probes), so a
   * page costs the same with 50 rows or 50,000 in the tenant.
   */
  async list(viewer: StockViewer, q: StockQueryDto): Promise<Page<StockRow>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 4) as [string, string, string, string] | null;
    if (cursor && !cursor.every((v) => typeof v === 'string')) throw badCursor();
    if (q.sort !== undefined && q.sort !== 'location') {
      throw new AppError('VALIDATION_FAILED', 'sort must be location (site, item, owner)', [{ path: 'sort', message: 'sort must be location', value: q.sort }]);
    }
    if (viewer.ownerOrgId && q.ownerOrgId && q.ownerOrgId !== viewer.ownerOrgId) return { items: [], nextCursor: null };
    const owner = viewer.ownerOrgId ?? q.ownerOrgId ?? null;
    const sites = await this.db.query<{ tenant_id: string; id: string; code: string }>(
      `SELECT tenant_id, id, code FROM locations
        WHERE tenant_id = ANY($1::uuid[]) AND ($2::text IS NULL OR code = $2)
          AND ($3::text IS NULL OR (tenant_id::text, code) >= ($3::text, $4::text))
        ORDER BY tenant_id::text, code`,
      [viewer.tenantIds, q.locationCode ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null],
    );
    const out: StockRowDb[] = [];
    for (const site of sites) {
      const atCursorSite = cursor !== null && cursor[0] === site.tenant_id && cursor[1] === site.code;
      const after = atCursorSite ? { code: cursor[2], owner: cursor[3] } : null;
      // The SQL is one of a few fixed variants (no user text in it): an item filter or a cursor
      // must reach the items index as an index condition, or every page would walk the site
      // from its first item again.
      const params: unknown[] = [site.tenant_id, site.id, site.code];
      const bind = (v: unknown) => `$${params.push(v)}`;
      const ownerCondition = owner ? `AND b.owner_org_id = ${bind(owner)}` : '';
      let itemCondition = '';
      if (q.itemCode) itemCondition = `AND i.code = ${bind(q.itemCode)}`;
      if (after) {
        const code = bind(after.code);
        itemCondition += ` AND i.code >= ${code} AND (i.code, s.owner_org_id::text) > (${code}, ${bind(after.owner)})`;
      }
      const rows = await this.db.query<StockRowDb>(
        `SELECT $1::uuid AS tenant_id, $3::text AS location_code, i.code AS item_code, s.owner_org_id, s.on_hand, s.in_transit
           FROM items i
           CROSS JOIN LATERAL (
             SELECT b.owner_org_id,
                    coalesce(sum(b.qty) FILTER (WHERE b.location_kind = 'SITE'), 0)::numeric(20, 6) AS on_hand,
                    coalesce(sum(b.qty) FILTER (WHERE b.location_kind = 'IN_TRANSIT'), 0)::numeric(20, 6) AS in_transit
               FROM balances b
              WHERE b.tenant_id = $1 AND b.location_id = $2 AND b.item_id = i.id ${ownerCondition}
              GROUP BY b.owner_org_id
             HAVING sum(b.qty) > 0) s
          WHERE i.tenant_id = $1 ${itemCondition}
          ORDER BY i.code, s.owner_org_id::text
          LIMIT ${bind(limit + 1 - out.length)}`,
        params,
      );
      out.push(...rows);
      if (out.length > limit) break;
    }
    const more = out.length > limit;
    const page = more ? out.slice(0, limit) : out;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        locationCode: r.location_code,
        itemCode: r.item_code,
        ownerOrgId: r.owner_org_id,
        onHand: r.on_hand,
        inTransit: r.in_transit,
        buyerOrgId: r.tenant_id,
      })),
      nextCursor: more && last ? encodeCursor([last.tenant_id, last.location_code, last.item_code, last.owner_org_id]) : null,
    };
  }

  /** Receipt layers with stock left, oldest first (the order consumption takes them in). */
  async layers(viewer: StockViewer, q: StockLayerQueryDto): Promise<Page<StockLayer>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    if (cursor && !(isUUID(cursor[0]) && /^\d{1,19}$/.test(String(cursor[1])))) throw badCursor();
    if (viewer.ownerOrgId && q.ownerOrgId && q.ownerOrgId !== viewer.ownerOrgId) return { items: [], nextCursor: null };
    const rows = await this.db.query<LayerRowDb>(
      `SELECT b.id, b.tenant_id, b.owner_org_id, l.code AS location_code, i.code AS item_code, rl.lot_no,
              to_char(rl.expiry_date, 'YYYY-MM-DD') AS expiry_date, rl.received_at, b.qty, rl.original_qty,
              floor(extract(epoch FROM (now() - rl.received_at)) / 86400)::int AS age_days
         FROM balances b
         JOIN receipt_layers rl ON rl.tenant_id = b.tenant_id AND rl.id = b.id
         JOIN locations l ON l.id = b.location_id
         JOIN items i ON i.id = b.item_id
        WHERE b.tenant_id = ANY($1::uuid[]) AND b.location_kind = 'SITE' AND b.qty > 0
          AND ($2::text IS NULL OR l.code = $2) AND ($3::text IS NULL OR i.code = $3)
          AND ($4::uuid IS NULL OR b.owner_org_id = $4)
          ${cursor ? 'AND (b.tenant_id, b.id) > ($5::uuid, $6::bigint)' : 'AND $5::uuid IS NULL AND $6::bigint IS NULL'}
        ORDER BY b.tenant_id, b.id
        LIMIT $7`,
      [viewer.tenantIds, q.locationCode ?? null, q.itemCode ?? null, viewer.ownerOrgId ?? q.ownerOrgId ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        ownerOrgId: r.owner_org_id,
        lotNo: r.lot_no,
        receivedAt: r.received_at.toISOString(),
        remainingQty: r.qty,
        ageDays: r.age_days,
        layerId: r.id,
        locationCode: r.location_code,
        itemCode: r.item_code,
        expiryDate: r.expiry_date,
        originalQty: r.original_qty,
        buyerOrgId: r.tenant_id,
      })),
      nextCursor: more && last ? encodeCursor([last.tenant_id, last.id]) : null,
    };
  }
}
