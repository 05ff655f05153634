import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import type { DemandUpload, DemandUploadError, DemandUploadStatus, DemandUploadSummary, Page } from '@stockbridge/shared';
import { Db } from '../../database/db.service';
import { isoSortKey, keysetPage, sortSpec, type PageQueryDto } from '../../common/http/paging';
import {
  decodeCells,
  encodeCells,
  FileNotice,
  parseSpreadsheetFile,
  RowError,
  SpreadsheetParseResult,
  UploadRejectedError,
  writeErrorWorkbook,
} from '../supplier-inventory/parsing';
import { spoolUpload } from '../supplier-inventory/uploads/upload-intake';
import { fileRejected } from '../supplier-inventory/supplier-inventory.errors';
import { createDemandRowValidator, DEMAND_HEADER_SCHEMA, DemandField, DemandItemRef, DemandLocationRef, DemandRow } from './demand-import';
import { demandUploadNotFound } from './demands.errors';
import { DEMANDS_SETTINGS, type DemandsSettings } from './demands.settings';
import type { DemandUploadListQueryDto, DemandUploadQueryDto } from './dto/demands.dto';

/** Problems returned with the upload; the rest are counted (and in the error workbook). */
export const ERRORS_SHOWN = 1000;
/** Problems and rejected rows stored with a rejected upload, for the error workbook. */
const ERRORS_KEPT = 10_000;
const REJECTED_ROWS_KEPT = 1000;

/** Thrown inside the import transaction to roll back every demand a rejected file streamed in. */
class RowsRejected extends Error {
  constructor(readonly result: SpreadsheetParseResult<DemandRow, DemandField>) {
    super('rows rejected');
  }
}

interface UploadRow {
  id: string;
  status: DemandUploadStatus;
  dry_run: boolean;
  file_name: string;
  file_sha256: string;
  file_bytes: string;
  total_rows: number;
  valid_rows: number;
  error_rows: number;
  error_count: number;
  errors_truncated: boolean;
  created_demands: number;
  duplicate_of: string | null;
  uploaded_by: string;
  created_at: Date;
  notices?: FileNotice[];
  errors?: RowError[];
  sort_key?: string;
}

const SUMMARY_COLUMNS = `u.id, u.status, u.dry_run, u.file_name, u.file_sha256, u.file_bytes::text, u.total_rows, u.valid_rows, u.error_rows,
  u.error_count, u.errors_truncated, u.created_demands, u.duplicate_of, u.uploaded_by, u.created_at`;

function toSummary(r: UploadRow): DemandUploadSummary {
  return {
    id: r.id,
    status: r.status,
    dryRun: r.dry_run,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    fileBytes: Number(r.file_bytes),
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    errorRows: r.error_rows,
    errorCount: r.error_count,
    createdDemands: r.created_demands,
    unchanged: r.duplicate_of !== null,
    duplicateOf: r.duplicate_of,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at.toISOString(),
  };
}

const toError = (e: RowError): DemandUploadError => ({ row: e.row, column: e.column, value: e.value, code: e.code, message: e.message, messageZh: e.messageZh });

/**
 * Demand imports (.xlsx / .csv) through the supplier upload's parsing pipeline: the same
 * sniffing, limits, streaming readers, header search and row codes. All or nothing: valid rows
 * become demands inside one transaction while the parser reads on, and one bad row rolls
 * everything back; the rejection (counts, problems, rejected rows) is then recorded on its own.
 * A dry run reads and validates only. The same file (SHA-256) applies once per tenant.
 */
@Injectable()
export class DemandUploadsService {
  constructor(
    private readonly db: Db,
    @Inject(DEMANDS_SETTINGS) private readonly settings: DemandsSettings,
  ) {}

  async upload(tenantId: string, userId: string, q: DemandUploadQueryDto, req: FastifyRequest): Promise<DemandUpload> {
    const file = await spoolUpload(req, this.settings.spoolDir, this.settings.limits.maxFileBytes);
    try {
      const dryRun = q.dryRun ?? false;
      const id = randomUUID();
      const target = { id, tenantId, userId, fileName: file.fileName, sha256: file.sha256, bytes: file.bytes, dryRun };
      const ctx = await this.catalogue(tenantId);
      try {
        await this.db.transaction(async () => {
          if (!dryRun) {
            // Same bytes at the same time: one imports, the other sees it and changes nothing.
            await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`demand-upload:${tenantId}:${file.sha256}`]);
            const [previous] = await this.db.query<{ id: string; total_rows: number; valid_rows: number }>(
              `SELECT id, total_rows, valid_rows FROM demand_uploads
                WHERE tenant_id = $1 AND file_sha256 = $2 AND status = 'APPLIED' AND duplicate_of IS NULL`,
              [tenantId, file.sha256],
            );
            if (previous) {
              await this.insert(target, 'APPLIED', { totalRows: previous.total_rows, validRows: previous.valid_rows, duplicateOf: previous.id });
              return;
            }
          }
          await this.insert(target, dryRun ? 'VALIDATED' : 'APPLIED', {});
          let created = 0;
          const result = await parseSpreadsheetFile<DemandField, DemandRow>(file.path, {
            fileName: file.fileName,
            limits: this.settings.limits,
            header: DEMAND_HEADER_SCHEMA,
            validator: createDemandRowValidator({ ...ctx, limits: this.settings.limits }),
            // A dry run keeps nothing; an import writes each batch at once (rolled back on any bad row).
            sink: async (rows) => {
              if (dryRun) return;
              created += await this.insertDemands(target, rows);
            },
            maxErrorsKept: ERRORS_KEPT,
            maxRejectedRowsKept: REJECTED_ROWS_KEPT,
          });
          if (result.errorRowCount > 0) throw new RowsRejected(result);
          await this.db.query(
            `UPDATE demand_uploads SET total_rows = $2, valid_rows = $3, created_demands = $4, headers = $5::jsonb, notices = $6::jsonb WHERE id = $1`,
            [id, result.totalRows, result.validRowCount, created, JSON.stringify(result.headers), JSON.stringify(result.notices)],
          );
        });
      } catch (err) {
        if (err instanceof RowsRejected) {
          const r = err.result;
          await this.db.transaction(() =>
            this.insert(target, 'REJECTED', {
              totalRows: r.totalRows,
              validRows: r.validRowCount,
              errorRows: r.errorRowCount,
              errorCount: r.errorCount,
              errorsTruncated: r.errorsTruncated,
              headers: r.headers,
              errors: r.errors,
              rejectedRows: r.rejectedRows.map((row) => ({ row: row.rowNumber, cells: JSON.parse(encodeCells(row.values)) as unknown[] })),
              notices: r.notices,
            }),
          );
        } else if (err instanceof UploadRejectedError) {
          throw fileRejected(err);
        } else {
          throw err;
        }
      }
      return this.get(tenantId, id);
    } finally {
      await fs.rm(file.path, { force: true });
    }
  }

  async get(tenantId: string, id: string): Promise<DemandUpload> {
    if (!isUUID(id)) throw demandUploadNotFound();
    const [row] = await this.db.query<UploadRow>(
      `SELECT ${SUMMARY_COLUMNS}, u.notices,
              (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(u.errors) WITH ORDINALITY AS x(e, n) WHERE n <= $3) AS errors
         FROM demand_uploads u WHERE u.tenant_id = $1 AND u.id = $2`,
      [tenantId, id, ERRORS_SHOWN],
    );
    if (!row) throw demandUploadNotFound();
    return {
      ...toSummary(row),
      errors: (row.errors ?? []).map(toError),
      errorsTruncated: row.errors_truncated || row.error_count > (row.errors ?? []).length,
      notices: row.notices ?? [],
    };
  }

  /** Newest first (sort: createdAt, fileName, status). */
  list(tenantId: string, q: DemandUploadListQueryDto): Promise<Page<DemandUploadSummary>> {
    const sort = sortSpec({ ...q, order: q.order ?? (q.sort && q.sort !== 'createdAt' ? 'asc' : 'desc') }, { createdAt: isoSortKey('u.created_at'), fileName: 'u.file_name', status: 'u.status' }, 'createdAt');
    return keysetPage<UploadRow, DemandUploadSummary>((sql, p) => this.db.query(sql, p), {
      base: `SELECT ${SUMMARY_COLUMNS}, ${sort.expr} AS sort_key FROM demand_uploads u WHERE u.tenant_id = $1 AND ($2::text IS NULL OR u.status = $2)`,
      params: [tenantId, q.status ?? null],
      sort,
      query: q as PageQueryDto,
      map: toSummary,
      sortValue: (r) => r.sort_key ?? null,
    });
  }

  /** The rejected rows as uploaded (the first 1,000), bad cells in red, with an error column, as .xlsx. */
  async errorWorkbook(tenantId: string, id: string, lang: 'en' | 'zh'): Promise<{ stream: PassThrough; fileName: string }> {
    if (!isUUID(id)) throw demandUploadNotFound();
    const [row] = await this.db.query<{ file_name: string; headers: string[]; errors: RowError[]; rejected_rows: { row: number; cells: unknown[] }[] }>(
      `SELECT file_name, headers, errors, rejected_rows FROM demand_uploads WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (!row) throw demandUploadNotFound();
    const stream = new PassThrough();
    writeErrorWorkbook(stream, { headers: row.headers, rows: row.rejected_rows.map((r) => ({ rowNumber: r.row, values: decodeCells(r.cells) })), errors: row.errors }, lang).catch((e: Error) =>
      stream.destroy(e),
    );
    const base = row.file_name.replace(/\.[^.]*$/, '') || 'demands';
    return { stream, fileName: `${base}-errors.xlsx` };
  }

  /** Every item and location of the tenant, by code, for the row validator. */
  private async catalogue(tenantId: string): Promise<{ itemsByCode: Map<string, DemandItemRef>; locationsByCode: Map<string, DemandLocationRef> }> {
    const items = await this.db.query<{ id: string; code: string; decimals: number }>(`SELECT id, code, decimals FROM items WHERE tenant_id = $1`, [tenantId]);
    const locations = await this.db.query<{ id: string; code: string }>(`SELECT id, code FROM locations WHERE tenant_id = $1`, [tenantId]);
    return {
      itemsByCode: new Map(items.map((i) => [i.code, { itemId: i.id, code: i.code, decimals: Number(i.decimals) }])),
      locationsByCode: new Map(locations.map((l) => [l.code, { locationId: l.id, code: l.code }])),
    };
  }

  private async insertDemands(t: { id: string; tenantId: string; userId: string }, rows: DemandRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.db.query(
      `INSERT INTO demands (tenant_id, location_id, item_id, qty, need_by, reference, source, upload_id, upload_row, created_by)
       SELECT $1, r.location_id, r.item_id, r.qty, r.need_by, r.reference, 'UPLOAD', $2, r.row_no, $3
         FROM unnest($4::uuid[], $5::uuid[], $6::numeric[], $7::date[], $8::text[], $9::int[]) AS r(location_id, item_id, qty, need_by, reference, row_no)`,
      [
        t.tenantId,
        t.id,
        t.userId,
        rows.map((r) => r.locationId),
        rows.map((r) => r.itemId),
        rows.map((r) => r.qty),
        rows.map((r) => r.needBy),
        rows.map((r) => r.reference),
        rows.map((r) => r.rowNumber),
      ],
    );
    return rows.length;
  }

  private async insert(
    t: { id: string; tenantId: string; userId: string; fileName: string; sha256: string; bytes: number; dryRun: boolean },
    status: DemandUploadStatus,
    facts: {
      totalRows?: number;
      validRows?: number;
      errorRows?: number;
      errorCount?: number;
      errorsTruncated?: boolean;
      duplicateOf?: string;
      headers?: string[];
      errors?: RowError[];
      rejectedRows?: { row: number; cells: unknown[] }[];
      notices?: FileNotice[];
    },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO demand_uploads (id, tenant_id, uploaded_by, file_name, file_sha256, file_bytes, dry_run, status, total_rows, valid_rows,
                                   error_rows, error_count, errors_truncated, duplicate_of, headers, errors, rejected_rows, notices)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb, $17::jsonb, $18::jsonb)`,
      [
        t.id,
        t.tenantId,
        t.userId,
        t.fileName,
        t.sha256,
        t.bytes,
        t.dryRun,
        status,
        facts.totalRows ?? 0,
        facts.validRows ?? 0,
        facts.errorRows ?? 0,
        facts.errorCount ?? 0,
        facts.errorsTruncated ?? false,
        facts.duplicateOf ?? null,
        JSON.stringify(facts.headers ?? []),
        JSON.stringify(facts.errors ?? []),
        JSON.stringify(facts.rejectedRows ?? []),
        JSON.stringify(facts.notices ?? []),
      ],
    );
  }
}
