import { Injectable } from '@nestjs/common';
import type { Page, SupplierInventoryHistoryEntry, SupplierInventoryRow } from '@stockbridge/shared';
import { Decimal } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { notFound, unprocessable, validationFailed } from '../../common/errors';
import type { Principal } from '../../common/auth/principal';
import { supplierOrgOf } from '../../common/auth/tenant';
import { MasterDataService } from '../master-data/master-data.service';
import { SupplierInventoryRepository } from './persistence/supplier-inventory.repository';
import { SupplierInventoryEvents } from './supplier-inventory.events';
import type { HistoryQueryDto, InventoryQueryDto, PutInventoryRowDto } from './dto/supplier-inventory.dto';
import { TEMPLATE_EXAMPLE, type TemplateExample } from './parsing';

/** Site codes are the supplier's own warehouse codes: compared without case, stored upper case. */
export function canonicalSiteCode(raw: string): string {
  const site = raw.normalize('NFKC').trim().toUpperCase();
  // eslint-disable-next-line no-control-regex
  if (!site || site.length > 100 || /[\u0000-\u001f\u007f]/.test(site)) {
    throw validationFailed('siteCode must be 1–100 printable characters', [{ path: 'siteCode', message: 'must be 1–100 printable characters', value: raw }]);
  }
  return site;
}

/** Current supplier stock: the buyer's view across suppliers, a supplier's view of its own, single-row edits. */
@Injectable()
export class SupplierInventoryService {
  constructor(
    private readonly db: Db,
    private readonly md: MasterDataService,
    private readonly repo: SupplierInventoryRepository,
    private readonly events: SupplierInventoryEvents,
  ) {}

  /** A buyer sees its tenant's rows (of every linked supplier); a supplier only its own. */
  private scope(p: Principal, q: { buyerOrgId?: string; supplierOrgId?: string }): { tenantId: string | null; supplierOrgId: string | null } {
    if (p.orgType === 'BUYER' && p.orgId) return { tenantId: p.orgId, supplierOrgId: q.supplierOrgId ?? null };
    const supplierOrgId = supplierOrgOf(p);
    if (q.supplierOrgId && q.supplierOrgId !== supplierOrgId) return { tenantId: '00000000-0000-0000-0000-000000000000', supplierOrgId };
    return { tenantId: q.buyerOrgId ?? null, supplierOrgId };
  }

  list(p: Principal, q: InventoryQueryDto): Promise<Page<SupplierInventoryRow>> {
    return this.repo.list(this.scope(p, q), { itemCode: q.itemCode, siteCode: q.siteCode ? canonicalSiteCode(q.siteCode) : undefined, lotNo: q.lotNo }, q);
  }

  history(p: Principal, siteCode: string, itemCode: string, q: HistoryQueryDto): Promise<Page<SupplierInventoryHistoryEntry>> {
    return this.repo.history(this.scope(p, q), { siteCode: canonicalSiteCode(siteCode), itemCode, lotNo: q.lotNo }, q);
  }

  /**
   * PUT /supplier-inventory/{siteCode}/{itemCode}: the supplier states one quantity now.
   * The item must be one it supplies to that buyer (price list), else 404; the quantity may
   * carry no more decimals than the item allows (422 TOO_MANY_DECIMALS).
   */
  async put(p: Principal, rawSite: string, itemCode: string, dto: PutInventoryRowDto): Promise<SupplierInventoryRow> {
    const supplierOrgId = supplierOrgOf(p);
    const siteCode = canonicalSiteCode(rawSite);
    await this.md.agreement(dto.buyerOrgId, supplierOrgId);
    const item = await this.suppliedItem(dto.buyerOrgId, supplierOrgId, itemCode);
    const qty = new Decimal(dto.availableQty);
    if (qty.decimalPlaces() > item.decimals) {
      throw unprocessable(`availableQty ${dto.availableQty} has ${qty.decimalPlaces()} decimals; item ${item.code} allows ${item.decimals}`, [
        { path: 'availableQty', code: 'TOO_MANY_DECIMALS', message: `at most ${item.decimals} decimals for item ${item.code}`, value: dto.availableQty },
      ]);
    }
    const lotNo = dto.lotNo ?? '';
    return this.db.transaction(async () => {
      await this.repo.lockSupplier(dto.buyerOrgId, supplierOrgId);
      const at = await this.repo.now();
      const { changed } = await this.repo.upsertOne(
        { tenantId: dto.buyerOrgId, supplierOrgId, siteCode, itemId: item.id, lotNo, qty: qty.toFixed(), uom: item.uom, expiryDate: dto.expiryDate },
        p.userId,
        at,
      );
      if (changed) await this.events.changed({ tenantId: dto.buyerOrgId, supplierOrgId, itemIds: [item.id] });
      return (await this.repo.one(dto.buyerOrgId, supplierOrgId, siteCode, item.id, lotNo)) as SupplierInventoryRow;
    });
  }

  /**
   * The template's example row for a supplier filling in stock for one buyer: the first item
   * (by code) on its current price list there, with its SKU and unit, a quantity with the
   * item's decimals and the site code it used last (else the generic one) — so the template
   * uploaded back validates against the real catalogue. Not linked to that buyer → 404.
   * Buyers and callers without a buyer get the generic example.
   */
  async templateExample(p: Principal, buyerOrgId: string | undefined): Promise<TemplateExample> {
    if (!buyerOrgId || p.orgType !== 'SUPPLIER') return TEMPLATE_EXAMPLE;
    const supplierOrgId = supplierOrgOf(p);
    await this.md.agreement(buyerOrgId, supplierOrgId);
    const [row] = await this.db.query<{ code: string; sku: string; uom: string; decimals: number; site: string | null }>(
      `SELECT i.code, e.supplier_sku AS sku, i.uom, i.decimals,
              (SELECT s.site_code FROM supplier_inventory s
                WHERE s.tenant_id = $1 AND s.supplier_org_id = $2 ORDER BY s.updated_at DESC LIMIT 1) AS site
         FROM price_list_entries e JOIN items i ON i.id = e.item_id
        WHERE e.tenant_id = $1 AND e.supplier_org_id = $2 AND e.valid_to IS NULL
        ORDER BY i.code LIMIT 1`,
      [buyerOrgId, supplierOrgId],
    );
    if (!row) return TEMPLATE_EXAMPLE;
    return {
      ...TEMPLATE_EXAMPLE,
      siteCode: row.site ?? TEMPLATE_EXAMPLE.siteCode,
      itemCode: row.code,
      supplierSku: row.sku,
      uom: row.uom,
      availableQty: Number(row.decimals) > 0 ? '120.5' : '120',
    };
  }

  /** An item of the buyer that this supplier has a current price-list entry for (code, case-insensitively when unambiguous). */
  private async suppliedItem(tenantId: string, supplierOrgId: string, code: string): Promise<{ id: string; code: string; uom: string; decimals: number }> {
    const rows = await this.db.query<{ id: string; code: string; uom: string; decimals: number }>(
      `SELECT i.id, i.code, i.uom, i.decimals FROM items i
        WHERE i.tenant_id = $1 AND upper(i.code) = upper($3)
          AND EXISTS (SELECT 1 FROM price_list_entries p WHERE p.tenant_id = $1 AND p.supplier_org_id = $2 AND p.item_id = i.id AND p.valid_to IS NULL)`,
      [tenantId, supplierOrgId, code],
    );
    const item = rows.find((r) => r.code === code) ?? (rows.length === 1 ? rows[0] : undefined);
    if (!item) throw notFound(`Item ${code}`);
    return { ...item, decimals: Number(item.decimals) };
  }
}
