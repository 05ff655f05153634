import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ConsumptionReportGroup, ConsumptionReportRow, ConsumptionReportTotal, Page } from '@stockbridge/shared';
import { Db } from '../../../database/db.service';
import { keysetPage, sortSpec, type PageQueryDto, type SortSpec } from '../../../common/http/paging';

/** What a report reads, already scoped to the caller: never wider than `tenantIds`. */
export interface ConsumptionScope {
  /** The buyer tenants the caller may read (its own; a supplier's linked buyers). */
  tenantIds: string[];
  /** Only this supplier's transfers (a supplier caller's own organisation, or the filter). */
  supplierOrgId: string | null;
  itemCode: string | null;
  from: string | null;
  to: string | null;
  groupBy: readonly ConsumptionReportGroup[];
}

interface GroupRow {
  id: string;
  sort_key: string;
  tenant_id: string;
  buyer_name: string;
  supplier_org_id: string | null;
  supplier_code: string | null;
  supplier_name: string | null;
  item_code: string | null;
  item_description: string | null;
  uom: string | null;
  month: string | null;
  currency: string;
  qty: string;
  consumed_qty: string;
  reversed_qty: string;
  amount: string;
  transfer_count: number;
  reversal_count: number;
}

interface TotalRow {
  currency: string;
  qty: string;
  consumed_qty: string;
  reversed_qty: string;
  amount: string;
  transfer_count: number;
  reversal_count: number;
}

/** $1 tenants, $2 supplier, $3 item code, $4 from, $5 to: the transfers a report counts. */
const SCOPE_WHERE = `
  WHERE t.tenant_id = ANY($1::uuid[])
    AND ($2::uuid IS NULL OR t.supplier_org_id = $2)
    AND ($3::text IS NULL OR i.code = $3)
    AND ($4::date IS NULL OR t.effective_date >= $4)
    AND ($5::date IS NULL OR t.effective_date <= $5)`;

const scopeParams = (s: ConsumptionScope): unknown[] => [s.tenantIds, s.supplierOrgId, s.itemCode, s.from, s.to];

/**
 * Consumptions count positive and their reversals negative because the title transfers carry
 * that sign (a reversal's transfer is the negative mirror at the original frozen price), so a
 * plain sum is the net. The numeric sums stay numeric for sorting; the text columns carry the
 * API's scales (6 decimals for quantities, 2 for money).
 */
const AGGREGATES = `
  sum(t.qty) AS qty_n,
  sum(t.amount) AS amount_n,
  coalesce(sum(t.qty) FILTER (WHERE t.qty > 0), 0) AS consumed_n,
  coalesce(-sum(t.qty) FILTER (WHERE t.qty < 0), 0) AS reversed_n,
  count(*)::int AS transfer_count,
  (count(*) FILTER (WHERE t.qty < 0))::int AS reversal_count`;

const MONTH = `to_char(t.effective_date, 'YYYY-MM')`;

/** The grouped transfers (one row per buyer × chosen dimensions × currency). */
function groupedSql(groupBy: readonly ConsumptionReportGroup[]): string {
  const supplier = groupBy.includes('supplier');
  const item = groupBy.includes('item');
  const month = groupBy.includes('month');
  const columns = [
    't.tenant_id',
    'b.name AS buyer_name',
    supplier ? 't.supplier_org_id, s.code AS supplier_code, s.name AS supplier_name' : 'NULL::uuid AS supplier_org_id, NULL::text AS supplier_code, NULL::text AS supplier_name',
    item
      ? 't.item_id, i.code AS item_code, i.description AS item_description, i.uom'
      : 'NULL::uuid AS item_id, NULL::text AS item_code, NULL::text AS item_description, NULL::text AS uom',
    month ? `${MONTH} AS month` : 'NULL::text AS month',
    't.currency::text AS currency',
    AGGREGATES,
  ];
  const groups = ['t.tenant_id', 'b.name', ...(supplier ? ['t.supplier_org_id', 's.code', 's.name'] : []), ...(item ? ['t.item_id', 'i.code', 'i.description', 'i.uom'] : []), ...(month ? [MONTH] : []), 't.currency'];
  return `
    SELECT ${columns.join(',\n           ')}
      FROM title_transfers t
      JOIN organizations b ON b.id = t.tenant_id
      JOIN items i ON i.id = t.item_id
      ${supplier ? 'JOIN organizations s ON s.id = t.supplier_org_id' : ''}
      ${SCOPE_WHERE}
     GROUP BY ${groups.join(', ')}`;
}

/** Sort keys: the group's dimensions in order (byte order, so keyset cursors compare like ORDER BY), or a measure. */
const SORTS: Record<string, string> = {
  key: `concat_ws(chr(31), g.buyer_name, g.supplier_code, g.item_code, g.month, g.currency) COLLATE "C"`,
  qty: 'g.qty_n',
  amount: 'g.amount_n',
  transferCount: 'g.transfer_count',
};

/** The rows as the API and the exports show them, with `sort_key` and `id` for keyset paging. */
function rowsSql(groupBy: readonly ConsumptionReportGroup[], sortExpr: string): string {
  return `
    SELECT g.tenant_id, g.buyer_name, g.supplier_org_id, g.supplier_code, g.supplier_name, g.item_code, g.item_description, g.uom,
           g.month, g.currency, g.qty_n::numeric(20, 6)::text AS qty, g.consumed_n::numeric(20, 6)::text AS consumed_qty,
           g.reversed_n::numeric(20, 6)::text AS reversed_qty, g.amount_n::numeric(20, 2)::text AS amount, g.transfer_count, g.reversal_count,
           ${sortExpr} AS sort_key,
           concat_ws('|', g.tenant_id, g.supplier_org_id, g.item_id, g.month, g.currency) COLLATE "C" AS id
      FROM (${groupedSql(groupBy)}) g`;
}

const TOTALS_SQL = `
  SELECT t.currency::text AS currency, sum(t.qty)::numeric(20, 6)::text AS qty,
         coalesce(sum(t.qty) FILTER (WHERE t.qty > 0), 0)::numeric(20, 6)::text AS consumed_qty,
         coalesce(-sum(t.qty) FILTER (WHERE t.qty < 0), 0)::numeric(20, 6)::text AS reversed_qty,
         sum(t.amount)::numeric(20, 2)::text AS amount, count(*)::int AS transfer_count, (count(*) FILTER (WHERE t.qty < 0))::int AS reversal_count
    FROM title_transfers t
    JOIN items i ON i.id = t.item_id
    ${SCOPE_WHERE}
   GROUP BY t.currency
   ORDER BY t.currency`;

/** An export's reads: one consistent snapshot, rows fetched from a server-side cursor. */
export interface ConsumptionExportReader {
  totals: ConsumptionReportTotal[];
  /** Every row in key order, `size` at a time. */
  batches(size: number): AsyncGenerator<ConsumptionReportRow[]>;
  /** Ends the snapshot and gives the connection back (idempotent; also done when `batches` ends). */
  close(): Promise<void>;
}

/** The consumption report's SQL over the title-transfer lines. Every query binds its values. */
@Injectable()
export class ConsumptionReportRepository {
  constructor(private readonly db: Db) {}

  /** One page of rows, keyset-paged on the chosen sort (default: the dimensions, ascending; measures: descending). */
  page(scope: ConsumptionScope, q: PageQueryDto): Promise<Page<ConsumptionReportRow>> {
    const sort: SortSpec = sortSpec(q, SORTS, 'key');
    if (!q.order && (q.sort ?? 'key') !== 'key') sort.order = 'desc';
    return keysetPage<GroupRow, ConsumptionReportRow>((sql, params) => this.db.query<GroupRow>(sql, params), {
      base: rowsSql(scope.groupBy, sort.expr),
      params: scopeParams(scope),
      sort,
      query: q,
      map: toRow,
      sortValue: (r) => r.sort_key,
    });
  }

  totals(scope: ConsumptionScope): Promise<ConsumptionReportTotal[]> {
    return this.db.query<TotalRow>(TOTALS_SQL, scopeParams(scope)).then((rows) => rows.map(toTotal));
  }

  /**
   * Opens a read-only REPEATABLE READ snapshot on a connection of its own: the totals and every
   * row come from the same instant (the totals rows of the file add up to its lines whatever is
   * posted meanwhile), and the rows stream from a cursor, so memory does not grow with the
   * number of groups.
   */
  async openExport(scope: ConsumptionScope): Promise<ConsumptionExportReader> {
    const pool = (this.db.dataSource.driver as PostgresDriver).master as Pool;
    const client: PoolClient = await pool.connect();
    let open = true;
    const close = async (failed = false) => {
      if (!open) return;
      open = false;
      try {
        await client.query(failed ? 'ROLLBACK' : 'COMMIT');
        client.release();
      } catch (e) {
        client.release(e as Error);
      }
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const totals = (await client.query<TotalRow>(TOTALS_SQL, scopeParams(scope))).rows.map(toTotal);
      await client.query(`DECLARE consumption_rows NO SCROLL CURSOR FOR ${rowsSql(scope.groupBy, SORTS['key'] as string)} ORDER BY sort_key, id`, scopeParams(scope));
      return {
        totals,
        close: () => close(),
        async *batches(size: number) {
          let failed = true;
          try {
            for (;;) {
              const { rows } = await client.query<GroupRow>(`FETCH FORWARD ${Math.max(1, Math.floor(size))} FROM consumption_rows`);
              if (rows.length === 0) break;
              yield rows.map(toRow);
            }
            failed = false;
          } finally {
            await close(failed);
          }
        },
      };
    } catch (e) {
      await close(true);
      throw e;
    }
  }
}

function toRow(r: GroupRow): ConsumptionReportRow {
  return {
    id: r.id,
    buyerOrgId: r.tenant_id,
    buyerName: r.buyer_name,
    supplierOrgId: r.supplier_org_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    itemCode: r.item_code,
    itemDescription: r.item_description,
    uom: r.uom,
    month: r.month,
    currency: r.currency,
    qty: r.qty,
    consumedQty: r.consumed_qty,
    reversedQty: r.reversed_qty,
    amount: r.amount,
    transferCount: r.transfer_count,
    reversalCount: r.reversal_count,
  };
}

function toTotal(r: TotalRow): ConsumptionReportTotal {
  return {
    currency: r.currency,
    qty: r.qty,
    consumedQty: r.consumed_qty,
    reversedQty: r.reversed_qty,
    amount: r.amount,
    transferCount: r.transfer_count,
    reversalCount: r.reversal_count,
  };
}
