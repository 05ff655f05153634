import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Decimal } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { AppError } from '../../common/errors';
import { SeedService } from '../../seed/seed.service';
import { LedgerService } from './ledger.service';

const DAY_MS = 86_400_000;

/** A withdrawal the history cannot cover is skipped; anything else is a bug and surfaces. */
function shortageIsFine(e: unknown): null {
  if (e instanceof AppError && e.code === 'INSUFFICIENT_STOCK') return null;
  throw e;
}

/** A small deterministic generator, so every fresh demo database tells the same story. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Offer {
  supplier_org_id: string;
  item_id: string;
  item_code: string;
  decimals: number;
  location_id: string;
  location_code: string;
  min_qty: string;
  max_qty: string;
}

type DemoEvent =
  | { at: number; kind: 'receipt'; offer: Offer; qty: Decimal; lotNo: string }
  | { at: number; kind: 'consumption'; offer: Offer; qty: Decimal };

/**
 * The demo world's stock history (DEMO_DATA): for every supplier offer at every VMI site,
 * receipts (ship + receive) spread over the last 90 days, consumptions in between that take
 * FIFO across layers and owners, one return, one count adjustment and one reversal — all
 * posted through the ledger's own functions with past business dates, in date order, so the
 * history is one a warehouse could really have written. Independent of call-offs.
 */
@Injectable()
export class LedgerDemoData implements OnModuleInit {
  private readonly logger = new Logger('LedgerDemo');

  constructor(
    private readonly seed: SeedService,
    private readonly ledger: LedgerService,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.seed.registerDemoStep('ledger: receipts, FIFO consumptions, a return, an adjustment, a reversal', ({ buyerId }) => this.run(buyerId));
  }

  async run(tenantId: string): Promise<void> {
    const rnd = generator(20_260_301);
    const now = Date.now();
    const [warehouse] = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE org_id = $1 AND 'WAREHOUSE' = ANY(roles) ORDER BY created_at LIMIT 1`, [tenantId]);
    const actor = { tenantId, userId: warehouse?.id ?? null };
    const offers = await this.db.query<Offer>(
      `SELECT p.supplier_org_id, i.id AS item_id, i.code AS item_code, i.decimals, l.id AS location_id, l.code AS location_code,
              coalesce(sp.min_qty, 100)::text AS min_qty, coalesce(sp.max_qty, 400)::text AS max_qty
         FROM price_list_entries p
         JOIN items i ON i.id = p.item_id
         JOIN locations l ON l.tenant_id = p.tenant_id AND l.type = 'VMI'
         LEFT JOIN stock_policies sp ON sp.tenant_id = p.tenant_id AND sp.location_id = l.id AND sp.item_id = i.id
        WHERE p.tenant_id = $1 AND p.valid_to IS NULL
        ORDER BY l.code, i.code, p.supplier_org_id`,
      [tenantId],
    );
    const round = (d: Decimal, decimals: number) => d.toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
    const events: DemoEvent[] = [];
    for (const offer of offers) {
      const owners = offers.filter((o) => o.item_id === offer.item_id && o.location_id === offer.location_id).length;
      const max = new Decimal(offer.max_qty).div(owners);
      let received = new Decimal(0);
      const receipts = [88, 58, 28].map((daysAgo, n) => {
        const at = now - (daysAgo - Math.floor(rnd() * 6)) * DAY_MS - Math.floor(rnd() * 8 * 3_600_000);
        const qty = round(max.times(0.3 + rnd() * 0.25), offer.decimals);
        received = received.plus(qty);
        return { at, kind: 'receipt' as const, offer, qty, lotNo: `${offer.item_code}-${new Date(at).toISOString().slice(2, 10).replace(/-/g, '')}-${n + 1}` };
      });
      events.push(...receipts.filter((r) => r.qty.gt(0)));
      // Consume 45–95 % of what arrived, in 5–9 withdrawals, each after the first receipt.
      const target = received.times(0.45 + rnd() * 0.5);
      const count = 5 + Math.floor(rnd() * 5);
      const first = (receipts[0] as { at: number }).at;
      for (let k = 0; k < count; k++) {
        const qty = round(target.div(count), offer.decimals);
        if (qty.gt(0)) events.push({ at: first + ((k + 1) / (count + 1)) * (now - first - DAY_MS), kind: 'consumption', offer, qty });
      }
    }
    events.sort((a, b) => a.at - b.at);

    let journals = 0;
    let reversible: string | null = null;
    for (const e of events) {
      const effectiveDate = new Date(e.at).toISOString().slice(0, 10);
      if (e.kind === 'receipt') {
        await this.db.transaction(async () => {
          const base = {
            tenantId,
            supplierOrgId: e.offer.supplier_org_id,
            locationId: e.offer.location_id,
            createdBy: actor.userId,
            effectiveDate,
            lines: [{ itemId: e.offer.item_id, qty: e.qty.toString(), shipmentLineId: randomUUID(), lotNo: e.lotNo }],
          };
          await this.ledger.postShipment({ ...base, effectiveDate: new Date(e.at - 3 * DAY_MS).toISOString().slice(0, 10), reference: `DEMO-ASN ${e.lotNo}` });
          await this.ledger.postReceipt({ ...base, reference: `DEMO-RC ${e.lotNo}`, receiptId: randomUUID(), receivedAt: new Date(e.at).toISOString() });
        });
        journals += 2;
      } else {
        // Across owners where the site holds several: FIFO decides whose stock goes first.
        const res = await this.ledger
          .consume(actor, { locationCode: e.offer.location_code, itemCode: e.offer.item_code, qty: e.qty.toString(), reference: `WO-${effectiveDate.replace(/-/g, '')}`, effectiveDate })
          .catch(shortageIsFine);
        if (res) {
          journals++;
          if (res.transfers.length > 1 || !reversible) reversible = res.journalId;
        }
      }
    }

    const [some] = offers;
    if (some) {
      const today = new Date(now).toISOString().slice(0, 10);
      const returned = await this.ledger
        .returnStock(actor, { locationCode: some.location_code, itemCode: some.item_code, supplierOrgId: some.supplier_org_id, qty: '1', reason: 'damaged in handling', effectiveDate: today })
        .catch(shortageIsFine);
      if (returned) journals++;
      const [book] = await this.db.query<{ qty: string }>(
        `SELECT coalesce(sum(qty), 0)::text AS qty FROM balances WHERE tenant_id = $1 AND item_id = $2 AND location_id = $3 AND owner_org_id = $4 AND location_kind = 'SITE'`,
        [tenantId, some.item_id, some.location_id, some.supplier_org_id],
      );
      const counted = Decimal.max(new Decimal(book?.qty ?? '0').minus(2), 0);
      const adjusted = await this.ledger.adjust(actor, {
        locationCode: some.location_code,
        itemCode: some.item_code,
        supplierOrgId: some.supplier_org_id,
        countedQty: counted.toString(),
        reason: 'cycle count',
        effectiveDate: today,
      });
      if (adjusted.journalId) journals++;
    }
    if (reversible) {
      await this.ledger.reverse(actor, reversible, 'booked against the wrong work order');
      journals++;
    }
    this.logger.log(`ledger demo history: ${journals} journals`);
  }
}
