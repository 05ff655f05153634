import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Role } from '@stockbridge/shared';
import { Db } from '../database/db.service';
import { MasterDataService } from '../modules/master-data/master-data.service';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { DEMO_BUYER, DEMO_ITEMS, DEMO_LOCATIONS, DEMO_PASSWORD, DEMO_SUPPLIERS, DEMO_USERS } from './demo-catalog';

/** Extra demo steps registered by later contexts (ledger history, uploads, warnings...). */
export type DemoStep = (ctx: { buyerId: string; supplierIds: Record<string, string> }) => Promise<void>;

@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');
  private readonly demoSteps: Array<{ name: string; run: DemoStep }> = [];

  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly md: MasterDataService,
  ) {}

  /** Later contexts add their demo history here (called in registration order). */
  registerDemoStep(name: string, run: DemoStep): void {
    this.demoSteps.push({ name, run });
  }

  /** Creates the platform admin if missing; returns the generated password when one was made. */
  async ensureAdmin(email: string, password: string | null): Promise<string | null> {
    const generated = password ? null : randomBytes(12).toString('base64url');
    const created = await this.orgs.ensurePlatformAdmin(email, password ?? (generated as string));
    return created ? generated : null;
  }

  /** Seeds the demo world once (skipped when the demo buyer already exists). */
  async seedDemo(): Promise<boolean> {
    const exists = await this.db.query(`SELECT 1 FROM organizations WHERE code = $1`, [DEMO_BUYER.code]);
    if (exists.length) return false;
    const buyer = await this.orgs.createOrganization(DEMO_BUYER);
    const supplierIds: Record<string, string> = {};
    for (const s of DEMO_SUPPLIERS) supplierIds[s.code] = (await this.orgs.createOrganization({ code: s.code, name: s.name, type: s.type })).id;
    const orgId = (code: string) => (code === DEMO_BUYER.code ? buyer.id : (supplierIds[code] as string));
    for (const u of DEMO_USERS) {
      await this.orgs.createUser({ email: u.email, password: DEMO_PASSWORD, orgId: orgId(u.org), roles: [...u.roles] as Role[] });
    }
    for (const l of DEMO_LOCATIONS) await this.md.createLocation(buyer.id, l);
    for (const s of DEMO_SUPPLIERS) {
      await this.md.createAgreement(buyer.id, {
        supplierOrgId: supplierIds[s.code] as string,
        currency: s.currency,
        receiptTolerancePct: s.tolerance,
        paymentTermsDays: s.terms,
        ...(s.agingClause ?? {}),
      });
    }
    const [admin] = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE lower(email) = 'buyer-admin@acme.example'`);
    for (const item of DEMO_ITEMS) {
      await this.md.createItem(buyer.id, { code: item.code, description: item.description, uom: item.uom, decimals: item.decimals });
      for (const o of item.offers) {
        await this.md.putPrice(buyer.id, supplierIds[o.supplier] as string, item.code, { supplierSku: o.sku, unitPrice: o.unitPrice, leadTimeDays: o.leadTimeDays }, admin?.id ?? null);
      }
      for (const l of DEMO_LOCATIONS.filter((x) => x.type === 'VMI')) {
        await this.md.putStockPolicy(buyer.id, {
          locationCode: l.code,
          itemCode: item.code,
          minQty: item.policy.minQty,
          maxQty: item.policy.maxQty,
          preferredSupplierOrgId: supplierIds[item.offers[0]?.supplier ?? ''] ?? null,
        });
      }
    }
    for (const step of this.demoSteps) {
      this.logger.log(`demo data: ${step.name}`);
      await step.run({ buyerId: buyer.id, supplierIds });
    }
    return true;
  }
}
