import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import type { ConsumptionReport, ConsumptionReportGroup, ReportExportFormat } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { validationFailed } from '../../common/errors';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../common/export/spreadsheet-stream';
import type { Principal } from '../../common/auth/principal';
import { JournalQueryService } from '../ledger/journal-query.service';
import type { ConsumptionReportExportQueryDto, ConsumptionReportFilterDto, ConsumptionReportQueryDto } from './dto/consumption-report.dto';
import { writeConsumptionCsv, writeConsumptionXlsx, type ConsumptionExportHeader } from './export/consumption-report-export';
import { ConsumptionReportRepository, type ConsumptionScope } from './persistence/consumption-report.repository';

/** Groups per FETCH while a file is written. */
export const EXPORT_BATCH = 2_000;

const DEFAULT_GROUPS: readonly ConsumptionReportGroup[] = ['supplier'];

export interface ReportFile {
  stream: PassThrough;
  fileName: string;
  contentType: string;
}

async function* noRows(): AsyncGenerator<never> {
  // A report the caller may see nothing of: the header block and the table's header only.
  yield* [];
}

/** A scope that matches nothing (a filter outside what the caller may see): empty, never 404. */
const NOTHING = Symbol('nothing');

/**
 * The consumption report: the title transfers (consumptions +, reversals −) of the buyers the
 * caller may read, grouped by supplier, item and/or month and always by currency, with totals
 * per currency; as JSON (cursor-paged) or a streamed .xlsx/.csv.
 */
@Injectable()
export class ConsumptionReportService {
  constructor(
    private readonly db: Db,
    private readonly journals: JournalQueryService,
    private readonly repo: ConsumptionReportRepository,
  ) {}

  async report(p: Principal, q: ConsumptionReportQueryDto): Promise<ConsumptionReport> {
    const scope = await this.scopeOf(p, q);
    const head = { groupBy: [...(q.groupBy ?? DEFAULT_GROUPS)], from: q.from ?? null, to: q.to ?? null, generatedAt: new Date().toISOString() };
    if (scope === NOTHING) return { ...head, items: [], nextCursor: null, totals: [] };
    const [page, totals] = await Promise.all([this.repo.page(scope, q), this.repo.totals(scope)]);
    return { ...head, ...page, totals };
  }

  /**
   * The report as a file, streamed: the scope is checked (and the snapshot opened) before the
   * first byte, so bad input is a 400 problem, not a broken download.
   */
  async export(p: Principal, q: ConsumptionReportExportQueryDto): Promise<ReportFile> {
    const format: ReportExportFormat = q.format ?? 'xlsx';
    const scope = await this.scopeOf(p, q);
    const groupBy = [...(q.groupBy ?? DEFAULT_GROUPS)];
    const names = await this.orgNames([p.orgId, q.supplierOrgId, q.buyerOrgId]);
    const label = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : 'All');
    const base: Omit<ConsumptionExportHeader, 'totals'> = {
      buyer: label(p.orgType === 'BUYER' ? p.orgId : q.buyerOrgId),
      supplier: label(p.orgType === 'SUPPLIER' ? p.orgId : q.supplierOrgId),
      item: q.itemCode ?? 'All',
      from: q.from ?? null,
      to: q.to ?? null,
      groupBy,
      generatedAt: new Date().toISOString(),
      buyerColumn: p.orgType === 'SUPPLIER',
    };
    const stream = new PassThrough();
    const write = format === 'csv' ? writeConsumptionCsv : writeConsumptionXlsx;
    const fileName = `consumption_${q.from ?? 'start'}_${q.to ?? 'today'}.${format}`;
    const contentType = format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE;
    if (scope === NOTHING) {
      write(stream, { ...base, totals: [] }, noRows()).catch((e: Error) => stream.destroy(e));
      return { stream, fileName, contentType };
    }
    const reader = await this.repo.openExport(scope);
    write(stream, { ...base, totals: reader.totals }, reader.batches(EXPORT_BATCH))
      .catch((e: Error) => stream.destroy(e))
      .finally(() => void reader.close());
    return { stream, fileName, contentType };
  }

  /**
   * The transfers the caller may count: a buyer its own tenant; a supplier only its own
   * transfers at the buyers it is linked to. Filters outside that give an empty report.
   */
  private async scopeOf(p: Principal, q: ConsumptionReportFilterDto): Promise<ConsumptionScope | typeof NOTHING> {
    if (q.from && q.to && q.from > q.to) {
      throw validationFailed('to must not be before from', [{ path: 'to', message: 'must not be before from', value: q.to }]);
    }
    const viewer = await this.journals.viewerOf(p, q.buyerOrgId);
    const tenantIds = q.buyerOrgId ? viewer.tenantIds.filter((t) => t === q.buyerOrgId) : viewer.tenantIds;
    if (viewer.supplierOrgId && q.supplierOrgId && q.supplierOrgId !== viewer.supplierOrgId) return NOTHING;
    if (!tenantIds.length) return NOTHING;
    return {
      tenantIds,
      supplierOrgId: viewer.supplierOrgId ?? q.supplierOrgId ?? null,
      itemCode: q.itemCode ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      groupBy: q.groupBy ?? DEFAULT_GROUPS,
    };
  }

  private async orgNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows = await this.db.query<{ id: string; code: string; name: string }>(`SELECT id, code, name FROM organizations WHERE id = ANY($1::uuid[])`, [wanted]);
    return new Map(rows.map((r) => [r.id, `${r.name} (${r.code})`]));
  }
}
