import { Decimal } from '@stockbridge/domain';
import type { TestApp, TestUser } from './test-app';
import { assertLedgerInvariants } from './ledger-invariants';

/** GET /stock for one (site, item, owner), quantities in their shortest exact form. */
export async function stockOf(t: TestApp, user: TestUser, locationCode: string, itemCode: string, ownerOrgId: string) {
  const res = await t.api('get', `/stock?locationCode=${locationCode}&itemCode=${itemCode}&ownerOrgId=${ownerOrgId}`, user).expect(200);
  const row = (res.body.items as Array<{ onHand: string; inTransit: string }>)[0] ?? { onHand: '0', inTransit: '0' };
  return { onHand: new Decimal(row.onHand).toString(), inTransit: new Decimal(row.inTransit).toString() };
}

/** Documents and ledger agree: every ASN line's in-transit quantity is its in-transit balance. */
export async function chainInvariants(t: TestApp) {
  const { rows } = await t.sql.query(
    `SELECT sl.id, GREATEST(sl.qty - sl.received_qty, 0) - sl.short_closed_qty AS documents, COALESCE(b.qty, 0) AS ledger
       FROM shipment_lines sl
       LEFT JOIN balances b ON b.tenant_id = sl.tenant_id AND b.location_kind = 'IN_TRANSIT' AND b.transit_key = sl.id
      WHERE GREATEST(sl.qty - sl.received_qty, 0) - sl.short_closed_qty <> COALESCE(b.qty, 0)`,
  );
  expect(rows).toEqual([]);
  await assertLedgerInvariants(t);
}
