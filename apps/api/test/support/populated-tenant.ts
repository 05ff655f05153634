import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';
import type { TestApp, TestUser } from './test-app';

/** What {@link populateTenant} made, by the name the cross-tenant matrix looks resources up with. */
export interface PopulatedTenant {
  world: World;
  /** A second user of supplier 1 and a user of supplier 2 with the user role. */
  supplierUser2: TestUser;
  callOff: { id: string; lineIds: string[] };
  shipment: { id: string; lineIds: string[] };
  journals: { receipt: string; consumption: string; reversal: string };
  statement: { id: string; lineIds: string[] };
  uploads: { applied: string; rejected: string; validated: string };
  /** The supplier's own warehouse code used in its inventory rows. */
  siteCode: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A buyer tenant (createWorld) with one of nearly everything, made through the HTTP API by
 * its own users, all of it owned by or concerning supplier 1 (supplier 2 stays untouched so a
 * "neighbour" supplier of the same buyer can be used as an intruder): a confirmed call-off,
 * a partly received shipment, a consumption (title transfer), a return, an adjustment, a
 * reversal, a draft statement, uploads (applied, rejected, a validated dry run), inventory
 * rows, a stock policy with a LOW_WATER warning, a SUPPLIER_LOW_WATER warning, a pending
 * threshold suggestion, and demands (one entered, one imported).
 */
export async function populateTenant(t: TestApp, label: string): Promise<PopulatedTenant> {
  const w = await createWorld(t);
  const s1 = w.suppliers[0].id;
  const u = w.users;
  const ok = async (res: Promise<{ status: number; body: unknown; text?: string }>, status: number) => {
    const r = await res;
    if (r.status !== status) throw new Error(`populateTenant(${label}): expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, unknown> & { id: string };
  };
  const supplierUser2 = await t.createUser(w.suppliers[1].id, 'SUPPLIER', ['SUPPLIER_USER']);

  await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '500', lotNo: `${label}-L1` });

  const co = await ok(
    t.api('post', '/call-offs', u.planner).send({ supplierOrgId: s1, locationCode: 'VMI-1', lines: [{ itemCode: 'BOLT', qty: '100', needBy: '2030-01-31' }] }),
    201,
  );
  const coLines = (co['lines'] as Array<{ id: string; qty: string }>).map((l) => l.id);
  await ok(
    t.api('post', `/call-offs/${co.id}/confirm`, u.supplierAdmin).send({ lines: coLines.map((lineId) => ({ lineId, confirmedQty: '100', promisedDate: '2030-01-20' })) }),
    200,
  );
  const sh = await ok(t.api('post', '/shipments', u.supplierAdmin).send({ callOffId: co.id, lines: [{ callOffLineId: coLines[0], qty: '60', lotNo: `${label}-ASN` }] }), 201);
  const shLines = (sh['lines'] as Array<{ id: string }>).map((l) => l.id);
  const receipt = await ok(t.api('post', `/shipments/${sh.id}/receive`, u.warehouse).send({ lines: [{ shipmentLineId: shLines[0], receivedQty: '20' }] }), 201);

  const consumption = await ok(t.api('post', '/consumptions', u.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '7', supplierOrgId: s1, reference: `${label}-WO-1` }), 201);
  const toReverse = await ok(t.api('post', '/consumptions', u.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '3', supplierOrgId: s1, reference: `${label}-WO-2` }), 201);
  const reversal = await ok(t.api('post', `/ledger/journals/${toReverse['journalId']}/reverse`, u.finance).send({ reason: 'booked twice' }), 201);
  await ok(t.api('post', '/returns', u.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', supplierOrgId: s1, qty: '2', reason: 'damaged' }), 201);
  await ok(t.api('post', '/adjustments', u.warehouse).send({ locationCode: 'VMI-1', itemCode: 'BOLT', supplierOrgId: s1, countedQty: '505', reason: 'cycle count' }), 201);

  const statement = await ok(t.api('post', '/statements', u.finance).send({ supplierOrgId: s1, periodFrom: '2020-01-01', periodTo: today() }), 201);

  const siteCode = `${label}-WH`;
  const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');
  const uploadAs = (file: Buffer, name: string, dryRun: boolean) =>
    t.api('post', '/supplier-inventory/uploads', u.supplierAdmin).query({ buyerOrgId: w.buyer.id, dryRun: String(dryRun) }).attach('file', file, name);
  const applied = await ok(uploadAs(csv('site_code,item_code,available_qty', `${siteCode},BOLT,40`, `${siteCode},CABLE,12.5`), 'applied.csv', false), 201);
  const rejected = await ok(uploadAs(csv('site_code,item_code,available_qty', `${siteCode},NO-SUCH-ITEM,1`, `${siteCode},BOLT,-4`), 'rejected.csv', false), 201);
  const validated = await ok(uploadAs(csv('site_code,item_code,available_qty', `${siteCode}-2,GREASE,3.5`), 'dry-run.csv', true), 201);
  await ok(t.api('put', `/supplier-inventory/${siteCode}/GREASE`, u.supplierAdmin).send({ buyerOrgId: w.buyer.id, availableQty: '9' }), 200);

  // A demand entered by hand and one imported from a file (GET /demands/{id}, /demands/uploads/{id}).
  await ok(t.api('post', '/demands', u.planner).send({ itemCode: 'BOLT', locationCode: 'VMI-1', qty: '10', needBy: '2030-01-31', reference: `${label} demand` }), 201);
  await ok(t.api('post', '/demands/uploads', u.planner).attach('file', csv('item_code,location_code,qty,need_by', 'CABLE,VMI-2,2.5,2030-02-28'), 'demands.csv'), 201);

  await ok(t.api('put', '/stock-policies', u.planner).send({ locationCode: 'VMI-1', itemCode: 'BOLT', minQty: '5000', maxQty: '9000' }), 200);
  await ok(t.api('put', '/supplier-stock-thresholds', u.planner).send({ supplierOrgId: s1, itemCode: 'BOLT', thresholdQty: '100000' }), 200);
  await t.app.get(WarningEngine).drain();
  // A pending threshold suggestion on that policy (the forecast job makes them from a longer history).
  await t.sql.query(
    `INSERT INTO threshold_suggestions (tenant_id, policy_id, location_id, item_id, current_min, current_max, suggested_min, suggested_max, avg_daily,
                                        lead_time_days, lead_time_std_days, lead_time_demand, safety_stock, cycle_qty, service_level,
                                        risk_current_pct, risk_suggested_pct, method, reason)
     SELECT p.tenant_id, p.id, p.location_id, p.item_id, p.min_qty, p.max_qty, 6000, 9500, 5, 7, 0, 35, 25, 60, 0.95, 40, 5, 'SES', $2
       FROM stock_policies p WHERE p.tenant_id = $1 AND p.location_id = $3 AND p.item_id = $4`,
    [w.buyer.id, `${label} threshold suggestion`, w.locations.vmi1.id, w.items.bolt.id],
  );

  return {
    world: w,
    supplierUser2,
    callOff: { id: co.id, lineIds: coLines },
    shipment: { id: sh.id, lineIds: shLines },
    journals: { receipt: receipt['journalId'] as string, consumption: consumption['journalId'] as string, reversal: reversal.id },
    statement: { id: statement.id, lineIds: (statement['lines'] as Array<{ id: string }>).map((l) => l.id) },
    uploads: { applied: applied.id, rejected: rejected.id, validated: validated.id },
    siteCode,
  };
}
