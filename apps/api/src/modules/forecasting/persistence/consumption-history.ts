import { Injectable } from '@nestjs/common';
import { Db } from '../../../database/db.service';

export interface PairKey {
  locationId: string;
  itemId: string;
}

/**
 * Daily consumption from the ledger: the title transfers of kind CONSUMPTION (consumptions
 * positive, their reversals negative, so a reversed consumption nets out on its business
 * date), summed per business date in SQL over `title_transfers_consumption_day_idx`. Title
 * transfers of the aging clause are not consumption and are left out.
 */
@Injectable()
export class ConsumptionHistory {
  constructor(private readonly db: Db) {}

  /** Today's business date (UTC), the first forecast day. */
  async today(): Promise<string> {
    const [row] = await this.db.query<{ d: string }>(`SELECT ((now() AT TIME ZONE 'UTC')::date)::text AS d`);
    return (row as { d: string }).d;
  }

  /** Every day of [from, to] (inclusive) with its net consumption, zero days included. */
  async daily(tenantId: string, key: PairKey, from: string, to: string): Promise<Array<{ date: string; qty: string }>> {
    return this.db.query<{ date: string; qty: string }>(
      `SELECT d.day::date::text AS date, coalesce(c.qty, 0)::numeric(20, 6)::text AS qty
         FROM generate_series($4::date, $5::date, interval '1 day') AS d(day)
         LEFT JOIN (
           SELECT tt.effective_date, sum(tt.qty) AS qty FROM title_transfers tt
            WHERE tt.tenant_id = $1 AND tt.location_id = $2 AND tt.item_id = $3 AND tt.kind = 'CONSUMPTION'
              AND tt.effective_date BETWEEN $4::date AND $5::date
            GROUP BY tt.effective_date) c ON c.effective_date = d.day::date
        ORDER BY d.day`,
      [tenantId, key.locationId, key.itemId, from, to],
    );
  }

  /**
   * The daily series of many pairs at once, as numbers (forecasting input), one array of
   * `days` values per pair starting at `from`. SQL returns only the days with transfers (day
   * offset and net quantity per pair); the zero days are filled in here.
   */
  async dailyMany(tenantId: string, keys: PairKey[], from: string, days: number): Promise<number[][]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ n: string; offs: number[] | null; qtys: number[] | null }>(
      `SELECT k.n, h.offs, h.qtys
         FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS k(l, i, n)
         LEFT JOIN LATERAL (
           SELECT array_agg(d.day - $4::date) AS offs, array_agg(d.qty::float8) AS qtys FROM (
             SELECT tt.effective_date AS day, sum(tt.qty) AS qty FROM title_transfers tt
              WHERE tt.tenant_id = $1 AND tt.location_id = k.l AND tt.item_id = k.i AND tt.kind = 'CONSUMPTION'
                AND tt.effective_date >= $4::date AND tt.effective_date < $4::date + $5::int
              GROUP BY tt.effective_date) d) h ON true
        ORDER BY k.n`,
      [tenantId, keys.map((k) => k.locationId), keys.map((k) => k.itemId), from, days],
    );
    return rows.map((r) => {
      const series = new Array<number>(days).fill(0);
      const offs = r.offs ?? [];
      const qtys = r.qtys ?? [];
      for (let j = 0; j < offs.length; j++) series[offs[j] as number] = qtys[j] as number;
      return series;
    });
  }
}
