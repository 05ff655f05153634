import { Injectable } from '@nestjs/common';
import type { BuyerLink, Item, Location, Organization, Page, PriceListEntry, StockPolicy, SupplierAgreement } from '@stockbridge/shared';
import { Decimal, decimalPlaces } from '@stockbridge/domain';
import { Db, sqlState } from '../../database/db.service';
import { AppError, notFound, validationFailed } from '../../common/errors';
import { keysetPage, PageQueryDto, sortSpec, isoSortKey, containsPattern } from '../../common/http/paging';
import type {
  AgingClauseDto,
  CreateItemDto,
  CreateLocationDto,
  CreateSupplierAgreementDto,
  ItemQueryDto,
  PriceListQueryDto,
  PutPriceListEntryDto,
  PutStockPolicyDto,
  StockPolicyQueryDto,
} from './dto/master-data.dto';


type Row = Record<string, unknown> & { id: string; sort_key: string };

const toLocation = (r: Row): Location => ({ id: r.id, code: r['code'] as string, name: r['name'] as string, type: r['type'] as Location['type'] });
const toItem = (r: Row): Item => ({
  id: r.id,
  code: r['code'] as string,
  description: r['description'] as string,
  uom: r['uom'] as string,
  decimals: Number(r['decimals']),
});
const toAgreement = (r: Row): SupplierAgreement => ({
  id: r.id,
  buyerOrgId: r['tenant_id'] as string,
  supplierOrgId: r['supplier_org_id'] as string,
  supplierCode: r['supplier_code'] as string,
  supplierName: r['supplier_name'] as string,
  currency: r['currency'] as string,
  receiptTolerancePct: r['receipt_tolerance_pct'] as string,
  paymentTermsDays: r['payment_terms_days'] as number,
  createdAt: (r['created_at'] as Date).toISOString(),
  maxConsignmentDays: (r['max_consignment_days'] as number | null) ?? null,
  agingNoticeDays: r['aging_notice_days'] as number,
});
const toPrice = (r: Row): PriceListEntry => ({
  id: r.id,
  supplierOrgId: r['supplier_org_id'] as string,
  itemCode: r['item_code'] as string,
  supplierSku: r['supplier_sku'] as string,
  unitPrice: r['unit_price'] as string,
  currency: r['currency'] as string,
  leadTimeDays: r['lead_time_days'] as number,
  validFrom: (r['valid_from'] as Date).toISOString(),
  validTo: r['valid_to'] ? (r['valid_to'] as Date).toISOString() : null,
});
const toPolicy = (r: Row): StockPolicy => ({
  id: r.id,
  locationCode: r['location_code'] as string,
  itemCode: r['item_code'] as string,
  minQty: r['min_qty'] as string,
  maxQty: r['max_qty'] as string,
  yellowPct: r['yellow_pct'] as string,
  orangePct: r['orange_pct'] as string,
  redPct: r['red_pct'] as string,
  autoCallOff: r['auto_call_off'] as boolean,
  preferredSupplierOrgId: (r['preferred_supplier_org_id'] as string | null) ?? null,
  updatedAt: (r['updated_at'] as Date).toISOString(),
});

/** Locations, items, supplier agreements, price lists and stock policies of one buyer tenant. */
@Injectable()
export class MasterDataService {
  constructor(private readonly db: Db) {}

  private page<T>(q: PageQueryDto, base: string, params: unknown[], sorts: Record<string, string>, def: string, map: (r: Row) => T) {
    const sort = sortSpec(q, sorts, def);
    return keysetPage<Row, T>((sql, p) => this.db.query(sql, p), {
      base: base.replace('$SORT', sort.expr),
      params,
      sort,
      query: q,
      map,
      sortValue: (r) => r.sort_key,
    });
  }

  private async insertUnique<T>(what: string, code: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (sqlState(e) === '23505') throw new AppError('DUPLICATE', `${what} ${code} already exists`);
      throw e;
    }
  }

  // ---- locations ----
  createLocation(tenantId: string, dto: CreateLocationDto): Promise<Location> {
    return this.insertUnique('Location', dto.code, async () => {
      const [r] = await this.db.query<Row>(
        `INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, $2, $3, $4) RETURNING id, code, name, type`,
        [tenantId, dto.code, dto.name, dto.type],
      );
      return toLocation(r as Row);
    });
  }

  listLocations(tenantId: string, q: PageQueryDto): Promise<Page<Location>> {
    return this.page(q, `SELECT id, code, name, type, $SORT AS sort_key FROM locations WHERE tenant_id = $1`, [tenantId], { code: 'code', name: 'name', type: `type || ':' || code` }, 'code', toLocation);
  }

  async locationByCode(tenantId: string, code: string): Promise<Location> {
    const [r] = await this.db.query<Row>(`SELECT id, code, name, type FROM locations WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
    if (!r) throw notFound(`Location ${code}`);
    return toLocation(r);
  }

  // ---- items ----
  createItem(tenantId: string, dto: CreateItemDto): Promise<Item> {
    return this.insertUnique('Item', dto.code, async () => {
      const [r] = await this.db.query<Row>(
        `INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, $2, $3, $4, $5) RETURNING id, code, description, uom, decimals`,
        [tenantId, dto.code, dto.description, dto.uom, dto.decimals],
      );
      return toItem(r as Row);
    });
  }

  listItems(tenantId: string, q: ItemQueryDto): Promise<Page<Item>> {
    return this.page(
      q,
      `SELECT id, code, description, uom, decimals, $SORT AS sort_key FROM items
        WHERE tenant_id = $1 AND ($2::text IS NULL OR code ILIKE $2 OR description ILIKE $2)`,
      [tenantId, containsPattern(q.search)],
      { code: 'code', description: 'description', uom: `uom || ':' || code` },
      'code',
      toItem,
    );
  }

  async itemByCode(tenantId: string, code: string): Promise<Item> {
    const [r] = await this.db.query<Row>(`SELECT id, code, description, uom, decimals FROM items WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
    if (!r) throw notFound(`Item ${code}`);
    return toItem(r);
  }

  // ---- supplier agreements ----
  async createAgreement(tenantId: string, dto: CreateSupplierAgreementDto): Promise<SupplierAgreement> {
    const [org] = await this.db.query<{ type: string }>(`SELECT type FROM organizations WHERE id = $1`, [dto.supplierOrgId]);
    if (!org || org.type !== 'SUPPLIER') {
      throw validationFailed('supplierOrgId does not name a supplier organization', [
        { path: 'supplierOrgId', message: 'not a supplier organization', value: dto.supplierOrgId },
      ]);
    }
    // The DTO's percent format allows up to 999.9999; a tolerance is at most 100 % (the
    // database's check would otherwise answer 500).
    if (new Decimal(dto.receiptTolerancePct).gt(100)) {
      throw validationFailed('receiptTolerancePct must be at most 100', [
        { path: 'receiptTolerancePct', message: 'receiptTolerancePct must be at most 100', value: dto.receiptTolerancePct },
      ]);
    }
    return this.insertUnique('An agreement with supplier', dto.supplierOrgId, async () => {
      const [r] = await this.db.query<{ id: string }>(
        `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days, max_consignment_days, aging_notice_days)
         VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::int, 14)) RETURNING id`,
        [tenantId, dto.supplierOrgId, dto.currency, dto.receiptTolerancePct, dto.paymentTermsDays, dto.maxConsignmentDays ?? null, dto.agingNoticeDays ?? null],
      );
      return this.agreement(tenantId, dto.supplierOrgId, r?.id);
    });
  }

  /**
   * Sets (or, with null, removes) the agreement's consignment aging clause: layers older than
   * maxConsignmentDays pass to the buyer on the next run of the aging-clause job; an AGING
   * warning is raised agingNoticeDays before (docs/transfers-and-aging.md).
   */
  async putAgingClause(tenantId: string, supplierOrgId: string, dto: AgingClauseDto): Promise<SupplierAgreement> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE supplier_agreements SET max_consignment_days = $3, aging_notice_days = coalesce($4::int, aging_notice_days)
        WHERE tenant_id = $1 AND supplier_org_id = $2 RETURNING id`,
      [tenantId, supplierOrgId, dto.maxConsignmentDays, dto.agingNoticeDays ?? null],
    );
    if (!rows.length) throw notFound('Supplier');
    return this.agreement(tenantId, supplierOrgId);
  }

  /** The agreement linking `supplierOrgId` to the tenant; 404 when they are not linked. */
  async agreement(tenantId: string, supplierOrgId: string, id?: string): Promise<SupplierAgreement> {
    const [r] = await this.db.query<Row>(
      `SELECT a.*, o.code AS supplier_code, o.name AS supplier_name FROM supplier_agreements a JOIN organizations o ON o.id = a.supplier_org_id
        WHERE a.tenant_id = $1 AND a.supplier_org_id = $2 AND ($3::uuid IS NULL OR a.id = $3)`,
      [tenantId, supplierOrgId, id ?? null],
    );
    if (!r) throw notFound('Supplier');
    return toAgreement(r);
  }

  listAgreements(tenantId: string, q: PageQueryDto): Promise<Page<SupplierAgreement>> {
    return this.page(
      q,
      `SELECT a.*, o.code AS supplier_code, o.name AS supplier_name, $SORT AS sort_key
         FROM supplier_agreements a JOIN organizations o ON o.id = a.supplier_org_id WHERE a.tenant_id = $1`,
      [tenantId],
      { code: 'o.code', name: 'o.name', createdAt: isoSortKey('a.created_at') },
      'code',
      toAgreement,
    );
  }

  /** Supplier organisations not yet linked to this buyer (to pick from when linking). */
  listSupplierCandidates(tenantId: string, q: PageQueryDto & { search?: string }): Promise<Page<Organization>> {
    return this.page(
      q,
      `SELECT o.id, o.code, o.name, o.type, o.created_at, $SORT AS sort_key FROM organizations o
        WHERE o.type = 'SUPPLIER' AND NOT EXISTS (SELECT 1 FROM supplier_agreements a WHERE a.tenant_id = $1 AND a.supplier_org_id = o.id)
          AND ($2::text IS NULL OR o.code ILIKE $2 OR o.name ILIKE $2)`,
      [tenantId, containsPattern(q.search)],
      { code: 'o.code', name: 'o.name' },
      'code',
      (r) => ({ id: r.id, code: r['code'] as string, name: r['name'] as string, type: 'SUPPLIER' as const }),
    );
  }

  listBuyers(supplierOrgId: string, q: PageQueryDto): Promise<Page<BuyerLink>> {
    return this.page(
      q,
      `SELECT a.id, a.tenant_id, o.code, o.name, a.currency, a.receipt_tolerance_pct, a.payment_terms_days, $SORT AS sort_key
         FROM supplier_agreements a JOIN organizations o ON o.id = a.tenant_id WHERE a.supplier_org_id = $1`,
      [supplierOrgId],
      { code: 'o.code', name: 'o.name' },
      'code',
      (r) => ({
        buyerOrgId: r['tenant_id'] as string,
        buyerCode: r['code'] as string,
        buyerName: r['name'] as string,
        currency: r['currency'] as string,
        receiptTolerancePct: r['receipt_tolerance_pct'] as string,
        paymentTermsDays: r['payment_terms_days'] as number,
      }),
    );
  }

  // ---- price lists ----
  /**
   * Sets the supplier's price for an item from now on. The previous entry is closed at the
   * same instant, so each moment has exactly one price; past transfers keep theirs.
   */
  async putPrice(tenantId: string, supplierOrgId: string, itemCode: string, dto: PutPriceListEntryDto, userId: string | null): Promise<PriceListEntry> {
    return this.db.transaction(async () => {
      const agreement = await this.agreement(tenantId, supplierOrgId);
      const item = await this.itemByCode(tenantId, itemCode);
      // Serialise price changes of one (supplier, item): two concurrent PUTs must not both
      // close the same entry or both insert a "current" one.
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`price:${tenantId}:${supplierOrgId}:${item.id}`]);
      const clash = await this.db.query(
        `SELECT 1 FROM price_list_entries WHERE tenant_id = $1 AND supplier_org_id = $2 AND supplier_sku = $3 AND item_id <> $4 AND valid_to IS NULL`,
        [tenantId, supplierOrgId, dto.supplierSku, item.id],
      );
      if (clash.length) throw new AppError('DUPLICATE', `Supplier SKU ${dto.supplierSku} is already mapped to another item`);
      const [current] = await this.db.query<Row>(
        `SELECT id, supplier_sku, unit_price, lead_time_days FROM price_list_entries
          WHERE tenant_id = $1 AND supplier_org_id = $2 AND item_id = $3 AND valid_to IS NULL`,
        [tenantId, supplierOrgId, item.id],
      );
      if (
        current &&
        current['supplier_sku'] === dto.supplierSku &&
        new Decimal(current['unit_price'] as string).eq(dto.unitPrice) &&
        current['lead_time_days'] === dto.leadTimeDays
      ) {
        return this.priceById(tenantId, current.id);
      }
      const [{ now }] = (await this.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`)) as [{ now: Date }];
      if (current) await this.db.query(`UPDATE price_list_entries SET valid_to = $2 WHERE id = $1`, [current.id, now]);
      const [r] = await this.db.query<{ id: string }>(
        `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [tenantId, supplierOrgId, item.id, dto.supplierSku, dto.unitPrice, agreement.currency, dto.leadTimeDays, now, userId],
      );
      return this.priceById(tenantId, (r as { id: string }).id);
    });
  }

  private async priceById(tenantId: string, id: string): Promise<PriceListEntry> {
    const [r] = await this.db.query<Row>(
      `SELECT p.*, i.code AS item_code FROM price_list_entries p JOIN items i ON i.id = p.item_id WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, id],
    );
    return toPrice(r as Row);
  }

  /** Price-list entries of one supplier; a supplier may read its own at a linked buyer. */
  async listPrices(tenantId: string, supplierOrgId: string, q: PriceListQueryDto): Promise<Page<PriceListEntry>> {
    await this.agreement(tenantId, supplierOrgId);
    return this.page(
      q,
      `SELECT p.*, i.code AS item_code, $SORT AS sort_key FROM price_list_entries p JOIN items i ON i.id = p.item_id
        WHERE p.tenant_id = $1 AND p.supplier_org_id = $2 AND ($3::boolean OR p.valid_to IS NULL) AND ($4::text IS NULL OR i.code = $4)`,
      [tenantId, supplierOrgId, q.history ?? false, q.itemCode ?? null],
      { itemCode: `i.code || ' ' || ${isoSortKey('p.valid_from')}`, supplierSku: 'p.supplier_sku', validFrom: isoSortKey('p.valid_from') },
      'itemCode',
      toPrice,
    );
  }

  // ---- stock policies ----
  async putStockPolicy(tenantId: string, dto: PutStockPolicyDto): Promise<StockPolicy> {
    const errors = [];
    const min = new Decimal(dto.minQty);
    const max = new Decimal(dto.maxQty);
    if (min.gt(max)) errors.push({ path: 'minQty', message: 'minQty must not exceed maxQty', value: dto.minQty });
    const y = new Decimal(dto.yellowPct ?? '10');
    const o = new Decimal(dto.orangePct ?? '20');
    const r = new Decimal(dto.redPct ?? '30');
    if (y.gt(o) || o.gt(r)) errors.push({ path: 'yellowPct', message: 'thresholds must satisfy yellowPct ≤ orangePct ≤ redPct', value: `${y}/${o}/${r}` });
    if (r.gt(100)) errors.push({ path: 'redPct', message: 'redPct must be at most 100', value: dto.redPct });
    if (errors.length) throw validationFailed(errors.map((e) => e.message).join('; '), errors);
    const location = await this.locationByCode(tenantId, dto.locationCode).catch(() => {
      throw validationFailed(`Unknown location ${dto.locationCode}`, [{ path: 'locationCode', message: 'unknown location', value: dto.locationCode }]);
    });
    const item = await this.itemByCode(tenantId, dto.itemCode).catch(() => {
      throw validationFailed(`Unknown item ${dto.itemCode}`, [{ path: 'itemCode', message: 'unknown item', value: dto.itemCode }]);
    });
    // Quantities carry at most the item's decimals (API.md conventions), policy limits included.
    const tooPrecise = (['minQty', 'maxQty'] as const)
      .filter((k) => (decimalPlaces(dto[k]) ?? 0) > item.decimals)
      .map((k) => ({ path: k, message: `${k} may have at most ${item.decimals} decimals for item ${item.code}`, value: dto[k] }));
    if (tooPrecise.length) throw validationFailed(tooPrecise.map((e) => e.message).join('; '), tooPrecise);
    if (dto.preferredSupplierOrgId) {
      await this.agreement(tenantId, dto.preferredSupplierOrgId).catch(() => {
        throw validationFailed('preferredSupplierOrgId is not a linked supplier', [
          { path: 'preferredSupplierOrgId', message: 'not a linked supplier', value: dto.preferredSupplierOrgId },
        ]);
      });
    }
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty, yellow_pct, orange_pct, red_pct, auto_call_off, preferred_supplier_org_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (tenant_id, location_id, item_id) DO UPDATE SET
         min_qty = EXCLUDED.min_qty, max_qty = EXCLUDED.max_qty, yellow_pct = EXCLUDED.yellow_pct, orange_pct = EXCLUDED.orange_pct,
         red_pct = EXCLUDED.red_pct, auto_call_off = EXCLUDED.auto_call_off, preferred_supplier_org_id = EXCLUDED.preferred_supplier_org_id, updated_at = now()
       RETURNING id`,
      [tenantId, location.id, item.id, dto.minQty, dto.maxQty, y.toString(), o.toString(), r.toString(), dto.autoCallOff ?? false, dto.preferredSupplierOrgId ?? null],
    );
    const [p] = await this.db.query<Row>(
      `SELECT p.*, l.code AS location_code, i.code AS item_code FROM stock_policies p
         JOIN locations l ON l.id = p.location_id JOIN items i ON i.id = p.item_id WHERE p.id = $1`,
      [(row as { id: string }).id],
    );
    return toPolicy(p as Row);
  }

  listStockPolicies(tenantId: string, q: StockPolicyQueryDto): Promise<Page<StockPolicy>> {
    return this.page(
      q,
      `SELECT p.*, l.code AS location_code, i.code AS item_code, $SORT AS sort_key FROM stock_policies p
         JOIN locations l ON l.id = p.location_id JOIN items i ON i.id = p.item_id
        WHERE p.tenant_id = $1 AND ($2::text IS NULL OR l.code = $2) AND ($3::text IS NULL OR i.code = $3)`,
      [tenantId, q.locationCode ?? null, q.itemCode ?? null],
      { location: `l.code || ' ' || i.code`, item: `i.code || ' ' || l.code` },
      'location',
      toPolicy,
    );
  }
}
