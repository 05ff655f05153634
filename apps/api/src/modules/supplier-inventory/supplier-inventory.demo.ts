import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../database/db.service';
import { SeedService } from '../../seed/seed.service';
import { SUPPLIER_INVENTORY_SETTINGS, type SupplierInventorySettings } from './supplier-inventory.settings';
import { UploadProcessor } from './uploads/upload-processor';

/** Each demo supplier's own warehouses. */
const DEMO_SITES: Record<string, string[]> = { NORDBOLT: ['NB-HAMBURG', 'NB-SHANGHAI'], HUAYANG: ['HY-SHENZHEN', 'HY-SUZHOU'] };

/**
 * Demo data: every demo supplier publishes its stock once, through the real upload path
 * (a CSV parsed, validated and applied as a SNAPSHOT), so the portal shows supplier stock
 * and an upload in the history from the first start.
 */
@Injectable()
export class SupplierInventoryDemo implements OnModuleInit {
  constructor(
    private readonly seed: SeedService,
    private readonly db: Db,
    private readonly processor: UploadProcessor,
    @Inject(SUPPLIER_INVENTORY_SETTINGS) private readonly settings: SupplierInventorySettings,
  ) {}

  onModuleInit(): void {
    this.seed.registerDemoStep('supplier inventory uploads', ({ buyerId, supplierIds }) => this.publish(buyerId, supplierIds));
  }

  private async publish(buyerId: string, supplierIds: Record<string, string>): Promise<void> {
    await fs.mkdir(this.settings.spoolDir, { recursive: true });
    for (const [code, supplierOrgId] of Object.entries(supplierIds)) {
      const [user] = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE org_id = $1 ORDER BY 'SUPPLIER_ADMIN' = ANY(roles) DESC, email LIMIT 1`, [supplierOrgId]);
      const items = await this.db.query<{ sku: string; decimals: number }>(
        `SELECT p.supplier_sku AS sku, i.decimals FROM price_list_entries p JOIN items i ON i.id = p.item_id
          WHERE p.tenant_id = $1 AND p.supplier_org_id = $2 AND p.valid_to IS NULL ORDER BY p.supplier_sku`,
        [buyerId, supplierOrgId],
      );
      if (!user || items.length === 0) continue;
      const lines = ['supplier_sku,site_code,available_qty,lot_no'];
      (DEMO_SITES[code] ?? [`${code}-MAIN`]).forEach((site, s) =>
        items.forEach((item, i) => {
          // Deterministic, varied quantities; every fifth item is out of stock at the second site.
          const qty = s === 1 && i % 5 === 0 ? 0 : ((i + 3) * 137 + s * 911) % 5000;
          lines.push(`${item.sku},${site},${item.decimals > 0 ? `${qty}.5` : qty},${s === 0 ? `LOT-${2025}${String(i + 1).padStart(3, '0')}` : ''}`);
        }),
      );
      const content = lines.join('\n') + '\n';
      const path = join(this.settings.spoolDir, `demo-${randomUUID()}.csv`);
      await fs.writeFile(path, content);
      try {
        await this.processor.process(
          {
            id: randomUUID(),
            tenantId: buyerId,
            supplierOrgId,
            uploadedBy: user.id,
            fileName: `${code.toLowerCase()}-stock.csv`,
            fileSha256: createHash('sha256').update(content).digest('hex'),
            fileBytes: Buffer.byteLength(content),
            mode: 'SNAPSHOT',
            dryRun: false,
          },
          path,
          { fence: null },
        );
      } finally {
        await fs.rm(path, { force: true });
      }
    }
  }
}
