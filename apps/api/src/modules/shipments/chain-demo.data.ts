import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CallOff, CallOffStatus, Shipment } from '@stockbridge/shared';
import { Decimal, formatQuantity } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { SeedService } from '../../seed/seed.service';
import { DEMO_ITEMS, DEMO_LOCATIONS, DEMO_USERS } from '../../seed/demo-catalog';
import { CallOffsService } from '../call-offs/call-offs.service';
import { ShipmentsService } from './shipments.service';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** The demo call-offs per supplier: one per status, each through the real commands. */
const SCENARIOS: readonly CallOffStatus[] = ['OPEN', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED'];

/**
 * Demo history of the VMI chain (DEMO_DATA): for each demo supplier a call-off in every
 * status, made through CallOffsService / ShipmentsService so that documents and ledger agree.
 */
@Injectable()
export class ChainDemoData implements OnModuleInit {
  constructor(
    private readonly seed: SeedService,
    private readonly db: Db,
    private readonly callOffs: CallOffsService,
    private readonly shipments: ShipmentsService,
  ) {}

  onModuleInit(): void {
    this.seed.registerDemoStep('call-offs, shipments and receipts', (ctx) => this.run(ctx.buyerId, ctx.supplierIds));
  }

  async run(buyerId: string, supplierIds: Record<string, string>): Promise<void> {
    const userIds = await this.userIds();
    const user = (email: string) => {
      const id = userIds.get(email);
      if (!id) throw new Error(`demo user ${email} is missing`);
      return id;
    };
    const planner = user('planner@acme.example');
    const warehouse = user('warehouse@acme.example');
    const vmi = DEMO_LOCATIONS.filter((l) => l.type === 'VMI').map((l) => l.code);
    for (const [supplierCode, supplierOrgId] of Object.entries(supplierIds)) {
      const supplierUser = user(DEMO_USERS.find((u) => u.org === supplierCode && (u.roles as readonly string[]).includes('SUPPLIER_ADMIN'))?.email ?? '');
      const offers = DEMO_ITEMS.filter((i) => i.offers.some((o) => o.supplier === supplierCode));
      for (const [n, target] of SCENARIOS.entries()) {
        // Two items per call-off, rotating through the supplier's catalogue; ordered in the
        // item's own precision (e.g. 12.5 kg of grease).
        const items = [offers[n % offers.length], offers[(n + 1) % offers.length]].filter((i, k, all) => i && all.indexOf(i) === k) as typeof offers;
        const lines = items.map((item, k) => ({
          itemCode: item.code,
          qty: formatQuantity(new Decimal(item.policy.minQty).dividedBy(k === 0 ? 2 : 4), item.decimals),
          needBy: inDays(7 + n + k * 3),
        }));
        const tx = <T>(fn: () => Promise<T>) => this.db.transaction(fn);
        const co = await tx(() =>
          this.callOffs.create(buyerId, planner, { supplierOrgId, locationCode: vmi[n % vmi.length] ?? 'VMI-SH01', lines }),
        );
        if (target === 'OPEN') continue;
        if (target === 'REJECTED') {
          await tx(() => this.callOffs.reject(supplierOrgId, supplierUser, co.id, { reason: 'Production slot not available this month' }));
          continue;
        }
        if (target === 'CANCELLED') {
          await tx(() => this.callOffs.cancel(buyerId, planner, co.id, { reason: 'Demand moved to next quarter' }));
          continue;
        }
        await tx(() =>
          this.callOffs.confirm(supplierOrgId, supplierUser, co.id, {
            lines: co.lines.map((l) => ({ lineId: l.id, confirmedQty: l.qty, promisedDate: l.needBy })),
          }),
        );
        if (target === 'CONFIRMED') continue;
        const asn = await tx(() => this.ship(supplierOrgId, supplierUser, co, n));
        if (target === 'SHIPPED') continue;
        const part = (qty: string, decimals: number) => formatQuantity(new Decimal(qty).times('0.6').toDecimalPlaces(decimals, Decimal.ROUND_DOWN), decimals);
        const decimalsOf = (code: string) => items.find((i) => i.code === code)?.decimals ?? 0;
        if (target === 'RECEIVED') {
          await tx(() => this.shipments.receive(buyerId, warehouse, asn.id, { lines: asn.lines.map((l) => ({ shipmentLineId: l.id, receivedQty: l.qty })) }));
          continue;
        }
        await tx(() =>
          this.shipments.receive(buyerId, warehouse, asn.id, {
            lines: asn.lines.map((l) => ({ shipmentLineId: l.id, receivedQty: part(l.qty, decimalsOf(l.itemCode)) })),
          }),
        );
        if (target === 'CLOSED') {
          await tx(() => this.shipments.closeShort(buyerId, warehouse, asn.id, { reason: 'Cartons damaged in transit, returned to supplier' }));
        }
      }
    }
  }

  private ship(supplierOrgId: string, userId: string, co: CallOff, n: number): Promise<Shipment> {
    return this.shipments.create(supplierOrgId, userId, {
      callOffId: co.id,
      lines: co.lines.map((l, k) => ({
        callOffLineId: l.id,
        qty: l.qty,
        lotNo: `L${inDays(-1).replace(/-/g, '')}-${n}${k}`,
        expiryDate: inDays(365 + 30 * k),
      })),
    });
  }

  private async userIds(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; email: string }>(`SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])`, [
      DEMO_USERS.map((u) => u.email.toLowerCase()),
    ]);
    return new Map(rows.map((r) => [r.email, r.id]));
  }
}
