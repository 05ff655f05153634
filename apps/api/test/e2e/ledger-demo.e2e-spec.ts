import { LedgerDemoData } from '../../src/modules/ledger/ledger-demo';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { assertLedgerInvariants } from '../support/ledger-invariants';

describe('ledger demo history', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    await t.app.get(LedgerDemoData).run(w.buyer.id);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  it('leaves stock at both VMI sites from both suppliers, received over the last 90 days', async () => {
    const layers = await t.sql.query(
      `SELECT owner_org_id, location_id, min(received_at) AS oldest, max(received_at) AS newest FROM receipt_layers WHERE tenant_id = $1 GROUP BY 1, 2`,
      [w.buyer.id],
    );
    expect(layers.rows).toHaveLength(4);
    const oldest = Math.min(...layers.rows.map((r) => new Date(r.oldest).getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(75 * 86_400_000);
    expect(Date.now() - oldest).toBeLessThan(95 * 86_400_000);
    const stock = await t.api('get', '/stock?limit=500', w.users.planner).expect(200);
    expect(stock.body.items.length).toBeGreaterThan(4);
  });

  it('has FIFO consumptions across layers, a return, an adjustment and one reversal, dated in the past', async () => {
    const { rows } = await t.sql.query(`SELECT type, count(*)::int AS n, min(effective_date)::text AS first FROM journals WHERE tenant_id = $1 GROUP BY type`, [w.buyer.id]);
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(byType['RECEIPT'].n).toBeGreaterThan(10);
    expect(byType['CONSUMPTION'].n).toBeGreaterThan(20);
    expect(byType['REVERSAL'].n).toBe(1);
    expect(byType['RETURN'].n).toBe(1);
    expect(byType['ADJUSTMENT'].n).toBe(1);
    expect(byType['CONSUMPTION'].first < new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    const multi = await t.sql.query(`SELECT journal_id FROM title_transfers WHERE tenant_id = $1 AND qty > 0 GROUP BY journal_id HAVING count(*) > 1 LIMIT 1`, [w.buyer.id]);
    expect(multi.rows).toHaveLength(1);
  });
});
