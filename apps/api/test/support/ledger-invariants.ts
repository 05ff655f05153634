import type { TestApp } from './test-app';

/**
 * The ledger invariants of PRODUCT.md, checked at the end of every suite that posts:
 * GET /ledger/verify (as a FINANCE user of every buyer tenant in the suite's database) must be
 * balanced, and independent SQL must agree: every journal sums to zero per item, no real
 * balance is negative, every stored balance equals the sum of its postings (and its version
 * the number of them), every title-transferred quantity equals the quantity that passed from a
 * supplier to the buyer (consumed, or a buyer-owned layer made by the aging clause).
 */
export async function assertLedgerInvariants(t: TestApp): Promise<void> {
  const { rows: tenants } = await t.sql.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'BUYER' ORDER BY id`);
  for (const tenant of tenants) {
    const finance = await t.createUser(tenant.id, 'BUYER', ['FINANCE']);
    const res = await t.api('get', '/ledger/verify', finance);
    expect(res.status).toBe(200);
    expect(res.body.mismatches).toEqual([]);
    expect(res.body.balanced).toBe(true);
  }

  const unbalanced = await t.sql.query(
    `SELECT journal_id, item_id, sum(qty) AS total FROM postings GROUP BY tenant_id, journal_id, item_id HAVING sum(qty) <> 0 LIMIT 5`,
  );
  expect(unbalanced.rows).toEqual([]);

  const negative = await t.sql.query(`SELECT id, qty FROM balances WHERE qty < 0 LIMIT 5`);
  expect(negative.rows).toEqual([]);

  const drift = await t.sql.query(
    `SELECT b.id, b.qty, b.version, s.total, s.n
       FROM balances b
       LEFT JOIN (SELECT tenant_id, balance_id, sum(qty) AS total, count(*) AS n FROM postings WHERE balance_id IS NOT NULL GROUP BY 1, 2) s
         ON s.tenant_id = b.tenant_id AND s.balance_id = b.id
      WHERE b.qty <> coalesce(s.total, 0) OR b.version <> coalesce(s.n, 0)
      LIMIT 5`,
  );
  expect(drift.rows).toEqual([]);

  const orphans = await t.sql.query(
    `SELECT p.balance_id FROM postings p WHERE p.balance_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM balances b WHERE b.tenant_id = p.tenant_id AND b.id = p.balance_id) LIMIT 5`,
  );
  expect(orphans.rows).toEqual([]);

  const transfers = await t.sql.query(
    `SELECT coalesce(c.journal_id, x.journal_id) AS journal_id, c.q AS consumed, x.q AS transferred
       FROM (SELECT tenant_id, journal_id, sum(qty) AS q FROM postings
              WHERE owner_org_id = tenant_id AND supplier_org_id <> tenant_id GROUP BY 1, 2) c
       FULL JOIN (SELECT tenant_id, journal_id, sum(qty) AS q FROM title_transfers GROUP BY 1, 2) x
         ON x.tenant_id = c.tenant_id AND x.journal_id = c.journal_id
      WHERE c.q IS DISTINCT FROM x.q LIMIT 5`,
  );
  expect(transfers.rows).toEqual([]);

  const twiceReversed = await t.sql.query(
    `SELECT tenant_id, reverses_journal_id FROM journals WHERE reverses_journal_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5`,
  );
  expect(twiceReversed.rows).toEqual([]);
}
