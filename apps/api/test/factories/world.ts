import type { Role } from '@stockbridge/shared';
import type { TestApp, TestUser } from '../support/test-app';

/** A buyer tenant with users for every role, two linked suppliers, locations, items and prices. */
export interface World {
  buyer: { id: string; code: string };
  suppliers: [{ id: string; code: string }, { id: string; code: string }];
  users: {
    buyerAdmin: TestUser;
    planner: TestUser;
    warehouse: TestUser;
    finance: TestUser;
    supplierAdmin: TestUser;
    supplierUser: TestUser;
    supplier2Admin: TestUser;
  };
  locations: { vmi1: { id: string; code: string }; vmi2: { id: string; code: string }; wh: { id: string; code: string } };
  items: Record<'bolt' | 'cable' | 'grease', { id: string; code: string; decimals: number; uom: string }>;
}

/**
 * Builds a world straight in SQL (fast; the endpoints that create these things have their own
 * tests). Prices: supplier 1 offers bolt, cable and grease; supplier 2 offers bolt and cable.
 */
export async function createWorld(t: TestApp, opts: { currency2?: string } = {}): Promise<World> {
  const buyer = await t.createOrg('BUYER');
  const s1 = await t.createOrg('SUPPLIER');
  const s2 = await t.createOrg('SUPPLIER');
  const u = (org: string, type: 'BUYER' | 'SUPPLIER', roles: Role[]) => t.createUser(org, type, roles);
  const users = {
    buyerAdmin: await u(buyer.id, 'BUYER', ['BUYER_ADMIN']),
    planner: await u(buyer.id, 'BUYER', ['PLANNER']),
    warehouse: await u(buyer.id, 'BUYER', ['WAREHOUSE']),
    finance: await u(buyer.id, 'BUYER', ['FINANCE']),
    supplierAdmin: await u(s1.id, 'SUPPLIER', ['SUPPLIER_ADMIN']),
    supplierUser: await u(s1.id, 'SUPPLIER', ['SUPPLIER_USER']),
    supplier2Admin: await u(s2.id, 'SUPPLIER', ['SUPPLIER_ADMIN']),
  };
  const loc = async (code: string, type: 'VMI' | 'WAREHOUSE') => {
    const { rows } = await t.sql.query(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, $2, $3, $4) RETURNING id`, [buyer.id, code, `${code} site`, type]);
    return { id: rows[0].id as string, code };
  };
  const item = async (code: string, uom: string, decimals: number) => {
    const { rows } = await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      buyer.id,
      code,
      `${code} description`,
      uom,
      decimals,
    ]);
    return { id: rows[0].id as string, code, uom, decimals };
  };
  const locations = { vmi1: await loc('VMI-1', 'VMI'), vmi2: await loc('VMI-2', 'VMI'), wh: await loc('WH-1', 'WAREHOUSE') };
  const items = { bolt: await item('BOLT', 'PCS', 0), cable: await item('CABLE', 'M', 2), grease: await item('GREASE', 'KG', 3) };
  for (const [s, currency, tol] of [
    [s1, 'EUR', '5'],
    [s2, opts.currency2 ?? 'CNY', '0'],
  ] as const) {
    await t.sql.query(
      `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, $3, $4, 30)`,
      [buyer.id, s.id, currency, tol],
    );
  }
  const price = (s: { id: string }, it: { id: string }, sku: string, p: string, currency: string, lead = 7) =>
    t.sql.query(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days, valid_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() - interval '400 days')`,
      [buyer.id, s.id, it.id, sku, p, currency, lead],
    );
  await price(s1, items.bolt, 'S1-BOLT', '0.125', 'EUR');
  await price(s1, items.cable, 'S1-CABLE', '2.35', 'EUR');
  await price(s1, items.grease, 'S1-GREASE', '8.90', 'EUR', 14);
  await price(s2, items.bolt, 'S2-BOLT', '0.99', opts.currency2 ?? 'CNY', 9);
  await price(s2, items.cable, 'S2-CABLE', '17.10', opts.currency2 ?? 'CNY', 5);
  return { buyer, suppliers: [s1, s2], users, locations, items };
}
