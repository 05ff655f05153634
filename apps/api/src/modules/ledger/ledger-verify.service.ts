import { Injectable } from '@nestjs/common';
import type { LedgerMismatch, VerifyResult } from '@stockbridge/shared';
import { Db } from '../../database/db.service';

const MAX_LISTED = 100;

/**
 * GET /ledger/verify: recomputes every real balance of a tenant from its postings and checks
 * every journal sums to zero per item. ONE statement, so every check reads the same snapshot
 * (concurrent postings never show up as false mismatches) without a long transaction.
 *
 * Per real account: stored qty = Σ posting qty; version = number of postings = highest
 * account_version (with the unique (account, version) index: versions are exactly 1..n); the
 * last posting's balance_after = stored qty; qty ≥ 0. Per journal: Σ qty per item = 0, and
 * the quantity whose title passed equals the title-transfer quantity. Title passes wherever
 * goods of a supplier land on an account the buyer owns: CONSUMED (a consumption) or a
 * buyer-owned site layer (the aging clause's TITLE_TRANSFER); such postings name the supplier
 * (`supplier_org_id`), while postings of stock the buyer owned already name the buyer.
 */
@Injectable()
export class LedgerVerifyService {
  constructor(private readonly db: Db) {}

  async verify(tenantId: string): Promise<VerifyResult> {
    const [row] = await this.db.query<{ result: Omit<VerifyResult, 'balanced'> & { mismatches: LedgerMismatch[] | null } }>(
      `WITH sums AS (
         SELECT balance_id, sum(qty) AS total, count(*) AS n, max(account_version) AS max_version
           FROM postings WHERE tenant_id = $1 AND balance_id IS NOT NULL GROUP BY balance_id
       ), accounts AS (
         SELECT b.id, b.item_id, b.location_id, b.owner_org_id, b.qty, b.version,
                coalesce(s.total, 0) AS total, coalesce(s.n, 0) AS n, s.max_version, last.balance_after AS last_after
           FROM balances b
           LEFT JOIN sums s ON s.balance_id = b.id
           LEFT JOIN postings last ON last.tenant_id = b.tenant_id AND last.balance_id = b.id AND last.account_version = b.version
          WHERE b.tenant_id = $1
       ), bad_accounts AS (
         SELECT a.*, CASE
                  WHEN a.qty < 0 THEN 'NEGATIVE_BALANCE'
                  WHEN a.qty <> a.total THEN 'BALANCE_MISMATCH'
                  WHEN a.version <> a.n OR a.max_version IS DISTINCT FROM a.version THEN 'VERSION_MISMATCH'
                  ELSE 'RUNNING_BALANCE_MISMATCH' END AS kind
           FROM accounts a
          WHERE a.qty < 0 OR a.qty <> a.total OR a.version <> a.n OR a.max_version IS DISTINCT FROM a.version
             OR a.last_after IS DISTINCT FROM a.qty
          ORDER BY a.id LIMIT ${MAX_LISTED}
       ), orphan_postings AS (
         SELECT s.balance_id FROM sums s
          WHERE NOT EXISTS (SELECT 1 FROM balances b WHERE b.tenant_id = $1 AND b.id = s.balance_id)
          LIMIT ${MAX_LISTED}
       ), unbalanced AS (
         SELECT journal_id, item_id, sum(qty) AS total FROM postings WHERE tenant_id = $1
          GROUP BY journal_id, item_id HAVING sum(qty) <> 0
          ORDER BY journal_id LIMIT ${MAX_LISTED}
       ), consumed AS (
         SELECT journal_id, sum(qty) AS q FROM postings
          WHERE tenant_id = $1 AND owner_org_id = tenant_id AND supplier_org_id <> tenant_id GROUP BY journal_id
       ), transferred AS (
         SELECT journal_id, sum(qty) AS q FROM title_transfers WHERE tenant_id = $1 GROUP BY journal_id
       ), transfer_mismatch AS (
         SELECT coalesce(c.journal_id, t.journal_id) AS journal_id, c.q AS consumed, t.q AS transferred
           FROM consumed c FULL JOIN transferred t ON t.journal_id = c.journal_id
          WHERE c.q IS DISTINCT FROM t.q
          LIMIT ${MAX_LISTED}
       )
       SELECT json_build_object(
         'journalsChecked', (SELECT count(*) FROM journals WHERE tenant_id = $1),
         'accountsChecked', (SELECT count(*) FROM balances WHERE tenant_id = $1),
         'postingsChecked', (SELECT count(*) FROM postings WHERE tenant_id = $1),
         'mismatches', (
           SELECT json_agg(m) FROM (
             SELECT json_build_object('kind', a.kind, 'balanceId', a.id::text, 'itemCode', i.code, 'locationCode', l.code,
                      'ownerOrgId', a.owner_org_id, 'stored', a.qty::text, 'computed', a.total::text,
                      'detail', format('account %s: stored %s (version %s), postings sum %s (%s postings, last version %s, last running balance %s)',
                                       a.id, a.qty, a.version, a.total, a.n, a.max_version, a.last_after)) AS m
               FROM bad_accounts a JOIN items i ON i.id = a.item_id JOIN locations l ON l.id = a.location_id
             UNION ALL
             SELECT json_build_object('kind', 'BALANCE_MISMATCH', 'balanceId', o.balance_id::text,
                      'detail', format('postings on account %s, which has no balance row', o.balance_id))
               FROM orphan_postings o
             UNION ALL
             SELECT json_build_object('kind', 'UNBALANCED_JOURNAL', 'journalId', u.journal_id, 'itemCode', i.code,
                      'computed', u.total::text, 'detail', format('journal %s sums to %s for item %s', u.journal_id, u.total, i.code))
               FROM unbalanced u JOIN items i ON i.id = u.item_id
             UNION ALL
             SELECT json_build_object('kind', 'TRANSFER_MISMATCH', 'journalId', t.journal_id,
                      'stored', coalesce(t.transferred, 0)::text, 'computed', coalesce(t.consumed, 0)::text,
                      'detail', format('journal %s: consumed %s, title transferred %s', t.journal_id, coalesce(t.consumed, 0), coalesce(t.transferred, 0)))
               FROM transfer_mismatch t
           ) x
         )
       ) AS result`,
      [tenantId],
    );
    const r = (row as { result: Omit<VerifyResult, 'balanced'> & { mismatches: LedgerMismatch[] | null } }).result;
    const mismatches = r.mismatches ?? [];
    return {
      balanced: mismatches.length === 0,
      journalsChecked: Number(r.journalsChecked),
      accountsChecked: Number(r.accountsChecked),
      postingsChecked: Number(r.postingsChecked),
      mismatches,
      verifiedAt: new Date().toISOString(),
    };
  }
}
