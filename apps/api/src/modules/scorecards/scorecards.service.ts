import { Injectable } from '@nestjs/common';
import {
  daysInclusive,
  elapsedDays,
  monthEnd,
  rankScorecards,
  resolveScorecardPeriod,
  SCORECARD_WEIGHTS,
  scorecardBuckets,
  scoreScorecard,
  type DatePeriod,
} from '@stockbridge/domain';
import type { ScorecardGranularity, ScorecardRanking, ScorecardTrend, SupplierScorecard } from '@stockbridge/shared';
import { AppError, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor, pageLimit } from '../../common/http/paging';
import { Db } from '../../database/db.service';
import type { ScorecardQueryDto, ScorecardTrendQueryDto } from './dto/scorecards.dto';
import { loadScorecardFacts, type ScorecardFactsRow } from './persistence/scorecard-facts.query';
import type { ScorecardViewer } from './scorecard-viewer';

/** The longest period one request may cover (two years and a day: a leap year fits twice). */
export const MAX_PERIOD_DAYS = 731;
/** Months a trend covers when the caller names no period (the current one included). */
export const DEFAULT_TREND_MONTHS = 12;
/** AGING's default day limit (warning_settings), the age beyond which consignment stock counts as aged. */
const DEFAULT_AGING_DAYS = 90;

interface SupplierRef {
  id: string;
  code: string;
  name: string;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);
const badRequest = (path: string, message: string, value?: unknown) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message, ...(value === undefined ? {} : { value }) }]);

/**
 * Supplier scorecards: the figures come from one SQL statement per request
 * (persistence/scorecard-facts.query.ts); the scoring, ranking and rounding are the domain's
 * (libs/domain scorecards). A buyer sees every linked supplier, ranked; a supplier sees only
 * its own scorecards at the buyers it is linked to.
 */
@Injectable()
export class ScorecardsService {
  constructor(private readonly db: Db) {}

  /** GET /scorecards: the buyer's ranking, or the supplier's own scorecard at each of its buyers. */
  async ranking(viewer: ScorecardViewer, q: ScorecardQueryDto): Promise<ScorecardRanking> {
    const today = todayUtc();
    const period = this.checkedPeriod(resolveScorecardPeriod(today, q.from, q.to));
    if (q.sort !== undefined && q.sort !== 'rank') throw badRequest('sort', 'sort must be rank', q.sort);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    const offset = cursor === null ? 0 : cursor[0];
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw badRequest('cursor', 'cursor is not valid');

    let cards: SupplierScorecard[];
    if (viewer.kind === 'BUYER') {
      if (q.buyerOrgId !== undefined && q.buyerOrgId !== viewer.tenantId) throw notFound('Buyer');
      const suppliers = await this.suppliersOf(viewer.tenantId);
      const scored = await this.scorecards(viewer.tenantId, suppliers, [period], today);
      cards = rankScorecards(scored.map((c) => c.total));
    } else {
      const buyers = await this.buyersOf(viewer.supplierOrgId, q.buyerOrgId);
      if (q.buyerOrgId !== undefined && buyers.length === 0) throw notFound('Buyer');
      const supplier = await this.organization(viewer.supplierOrgId);
      cards = [];
      for (const buyer of buyers) {
        const [card] = await this.scorecards(buyer, [supplier], [period], today);
        if (card) cards.push(card.total);
      }
    }
    const page = cards.slice(offset, offset + limit);
    return {
      periodFrom: period.from,
      periodTo: period.to,
      weights: { ...SCORECARD_WEIGHTS },
      items: page,
      nextCursor: offset + limit < cards.length ? encodeCursor([offset + limit]) : null,
    };
  }

  /** GET /scorecards/{supplierOrgId}: the whole period and one scorecard per month (or week). */
  async trend(viewer: ScorecardViewer, supplierOrgId: string, q: ScorecardTrendQueryDto): Promise<ScorecardTrend> {
    const today = todayUtc();
    // Only `from`: up to the end of the current month (a trend up to now), or of from's month if later.
    const to = q.to ?? (q.from !== undefined ? [monthEnd(today), monthEnd(q.from)].sort()[1] : undefined);
    const period = this.checkedPeriod(resolveScorecardPeriod(today, q.from, to, DEFAULT_TREND_MONTHS));
    const granularity: ScorecardGranularity = q.granularity ?? 'month';

    let tenantId: string;
    if (viewer.kind === 'BUYER') {
      if (q.buyerOrgId !== undefined && q.buyerOrgId !== viewer.tenantId) throw notFound('Buyer');
      tenantId = viewer.tenantId;
      const [link] = await this.db.query(`SELECT 1 FROM supplier_agreements WHERE tenant_id = $1 AND supplier_org_id = $2`, [tenantId, supplierOrgId]);
      if (!link) throw notFound('Supplier');
    } else {
      if (supplierOrgId !== viewer.supplierOrgId) throw notFound('Supplier');
      const buyers = await this.buyersOf(viewer.supplierOrgId, q.buyerOrgId);
      if (buyers.length === 0) throw notFound('Buyer');
      if (buyers.length > 1) throw badRequest('buyerOrgId', 'buyerOrgId is required: you supply several buyers');
      tenantId = buyers[0] as string;
    }
    const supplier = await this.organization(supplierOrgId);
    const buckets = scorecardBuckets(period.from, period.to, granularity);
    const [card] = await this.scorecards(tenantId, [supplier], [period, ...buckets], today);
    if (!card) throw notFound('Supplier');
    return {
      buyerOrgId: tenantId,
      supplierOrgId,
      supplierCode: supplier.code,
      supplierName: supplier.name,
      granularity,
      periodFrom: period.from,
      periodTo: period.to,
      weights: { ...SCORECARD_WEIGHTS },
      total: card.total,
      points: card.points,
    };
  }

  private checkedPeriod(p: DatePeriod): DatePeriod {
    if (p.from > p.to) throw badRequest('to', 'to must not be before from', p.to);
    if (daysInclusive(p.from, p.to) > MAX_PERIOD_DAYS) throw badRequest('to', `a period covers at most ${MAX_PERIOD_DAYS} days`, p.to);
    return p;
  }

  /**
   * Scorecards of `suppliers` at buyer `tenantId`: the first period is the total, the others
   * (if any) the trend's buckets. One statement computes every figure; the domain scores.
   */
  private async scorecards(
    tenantId: string,
    suppliers: SupplierRef[],
    periods: DatePeriod[],
    today: string,
  ): Promise<Array<{ total: SupplierScorecard; points: SupplierScorecard[] }>> {
    if (suppliers.length === 0) return [];
    const [settings] = await this.db.query<{ aging_days: number }>(`SELECT aging_days FROM warning_settings WHERE tenant_id = $1`, [tenantId]);
    const agingDays = settings?.aging_days ?? DEFAULT_AGING_DAYS;
    const rows = await loadScorecardFacts(this.db, tenantId, suppliers.map((s) => s.id), periods, today, agingDays);
    const bySupplier = new Map<string, ScorecardFactsRow[]>();
    for (const r of rows) bySupplier.set(r.supplier_org_id, [...(bySupplier.get(r.supplier_org_id) ?? []), r]);
    return suppliers.map((s) => {
      const cards = (bySupplier.get(s.id) ?? []).sort((a, b) => a.n - b.n).map((r) => {
        const period = periods[r.n - 1] as DatePeriod;
        return this.card(tenantId, s, period, r, elapsedDays(period.from, period.to, today), agingDays);
      });
      const [total, ...points] = cards;
      return { total: total as SupplierScorecard, points };
    });
  }

  private card(tenantId: string, s: SupplierRef, period: DatePeriod, r: ScorecardFactsRow, elapsed: number, agingDays: number): SupplierScorecard {
    const scored = scoreScorecard({
      deliveries: r.deliveries,
      onTimeDeliveries: r.on_time,
      daysLateTotal: r.days_late,
      fillLines: r.fill_lines,
      confirmedQty: r.confirmed_qty,
      receivedQty: r.received_qty,
      confirmations: r.confirmations,
      medianConfirmationHours: r.median_hours,
      avgConfirmationHours: r.avg_hours,
      shipments: r.shipments,
      shipmentsClosedShort: r.shipments_closed_short,
      shippedQty: r.shipped_qty,
      shortClosedQty: r.short_closed_qty,
      consumedQty: r.consumed_qty,
      avgOnHandQty: r.avg_on_hand_qty,
      elapsedDays: elapsed,
      onHandQty: r.on_hand_qty,
      agedQty: r.aged_qty,
      agingDays,
      statements: r.statements,
      statementLines: r.statement_lines,
      disputedLines: r.disputed_lines,
    });
    return {
      buyerOrgId: tenantId,
      supplierOrgId: s.id,
      supplierCode: s.code,
      supplierName: s.name,
      periodFrom: period.from,
      periodTo: period.to,
      asOf: r.as_of,
      rank: null,
      score: scored.score,
      grade: scored.grade,
      subscores: scored.subscores,
      metrics: scored.metrics,
    };
  }

  private suppliersOf(tenantId: string): Promise<SupplierRef[]> {
    return this.db.query<SupplierRef>(
      `SELECT o.id, o.code, o.name FROM supplier_agreements a JOIN organizations o ON o.id = a.supplier_org_id
        WHERE a.tenant_id = $1 ORDER BY o.code`,
      [tenantId],
    );
  }

  /** The buyers a supplier is linked to (one when `buyerOrgId` names a linked one, none when it names another). */
  private async buyersOf(supplierOrgId: string, buyerOrgId?: string): Promise<string[]> {
    const rows = await this.db.query<{ tenant_id: string }>(
      `SELECT a.tenant_id FROM supplier_agreements a JOIN organizations o ON o.id = a.tenant_id
        WHERE a.supplier_org_id = $1 AND ($2::uuid IS NULL OR a.tenant_id = $2) ORDER BY o.code`,
      [supplierOrgId, buyerOrgId ?? null],
    );
    return rows.map((r) => r.tenant_id);
  }

  private async organization(id: string): Promise<SupplierRef> {
    const [org] = await this.db.query<SupplierRef>(`SELECT id, code, name FROM organizations WHERE id = $1`, [id]);
    if (!org) throw notFound('Supplier');
    return org;
  }
}
