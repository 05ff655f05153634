import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Page, SupplierInventoryUpload, SupplierInventoryUploadError, SupplierInventoryUploadNotice, SupplierInventoryUploadSummary, UploadMode, UploadStatus } from '@stockbridge/shared';
import { UPLOAD_INLINE_ERRORS_MAX } from '@stockbridge/shared';
import { Db } from '../../../database/db.service';
import { keysetPage, PageQueryDto, sortSpec, isoSortKey } from '../../../common/http/paging';
import { decodeCells, encodeCells, type FileNotice, type RejectedRow, type RowError } from '../parsing';

/** What an upload is, before anything was read from it. */
export interface UploadBatchTarget {
  id: string;
  tenantId: string;
  supplierOrgId: string;
  uploadedBy: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  mode: UploadMode;
  dryRun: boolean;
}

/** A row of `supplier_inventory_uploads` as the services use it. */
export interface UploadBatchRow extends UploadBatchTarget {
  status: UploadStatus;
  background: boolean;
  totalRows: number | null;
  processedRows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  errorsTruncated: boolean;
  headers: string[] | null;
  notices: SupplierInventoryUploadNotice[];
  sites: string[] | null;
  noChange: boolean;
  duplicateOf: string | null;
  changedRows: number | null;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  validatedAt: Date | null;
  appliedAt: Date | null;
}

/** Counts and file facts the parser found, written when a batch finishes. */
export interface ParsedFacts {
  totalRows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  errorsTruncated: boolean;
  headers: string[];
  notices: FileNotice[];
  sites: string[];
}

/** One problem as stored: a row error, or a file-level finding (row null). */
export type StoredUploadError = Omit<RowError, 'row' | 'columnIndex' | 'code'> & { row: number | null; columnIndex: number | null; code: string };

type Raw = Record<string, unknown>;

const COLUMNS = `id, tenant_id, supplier_org_id, uploaded_by, file_name, file_sha256, file_bytes, mode, dry_run, status, background,
  total_rows, processed_rows, valid_rows, error_rows, error_count, errors_truncated, headers, notices, sites, no_change,
  duplicate_of, changed_rows, failure_reason, attempts, created_at, validated_at, applied_at`;

function toBatch(r: Raw): UploadBatchRow {
  return {
    id: r['id'] as string,
    tenantId: r['tenant_id'] as string,
    supplierOrgId: r['supplier_org_id'] as string,
    uploadedBy: r['uploaded_by'] as string,
    fileName: r['file_name'] as string,
    fileSha256: r['file_sha256'] as string,
    fileBytes: Number(r['file_bytes']),
    mode: r['mode'] as UploadMode,
    dryRun: r['dry_run'] as boolean,
    status: r['status'] as UploadStatus,
    background: r['background'] as boolean,
    totalRows: r['total_rows'] as number | null,
    processedRows: r['processed_rows'] as number,
    validRows: r['valid_rows'] as number,
    errorRows: r['error_rows'] as number,
    errorCount: r['error_count'] as number,
    errorsTruncated: r['errors_truncated'] as boolean,
    headers: r['headers'] as string[] | null,
    notices: r['notices'] as SupplierInventoryUploadNotice[],
    sites: r['sites'] as string[] | null,
    noChange: r['no_change'] as boolean,
    duplicateOf: r['duplicate_of'] as string | null,
    changedRows: r['changed_rows'] as number | null,
    failureReason: r['failure_reason'] as string | null,
    attempts: r['attempts'] as number,
    createdAt: r['created_at'] as Date,
    validatedAt: r['validated_at'] as Date | null,
    appliedAt: r['applied_at'] as Date | null,
  };
}

export function toUploadSummary(b: UploadBatchRow): SupplierInventoryUploadSummary {
  return {
    id: b.id,
    status: b.status,
    buyerOrgId: b.tenantId,
    supplierOrgId: b.supplierOrgId,
    uploadedBy: b.uploadedBy,
    fileName: b.fileName,
    fileSha256: b.fileSha256,
    fileBytes: b.fileBytes,
    mode: b.mode,
    dryRun: b.dryRun,
    totalRows: b.totalRows,
    processedRows: b.processedRows,
    validRows: b.validRows,
    errorRows: b.errorRows,
    errorCount: b.errorCount,
    unchanged: b.noChange,
    duplicateOf: b.duplicateOf,
    changedRows: b.changedRows,
    failureReason: b.failureReason,
    createdAt: b.createdAt.toISOString(),
    validatedAt: b.validatedAt?.toISOString() ?? null,
    appliedAt: b.appliedAt?.toISOString() ?? null,
  };
}

const toError = (r: Raw): SupplierInventoryUploadError => ({
  row: r['row_no'] as number | null,
  column: r['column_name'] as string,
  value: (r['value'] ?? null) as SupplierInventoryUploadError['value'],
  code: r['code'] as string,
  message: r['message'] as string,
  messageZh: r['message_zh'] as string,
});

const CHUNK = 5000;
const FILE_CHUNK_BYTES = 1024 * 1024;

/** SQL of upload batches: the record of every upload, its problems, and its job lease. */
@Injectable()
export class UploadBatchesRepository {
  constructor(private readonly db: Db) {}

  /** On a pool connection of its own, never inside the caller's transaction. */
  private outside<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.dataSource.query(sql, params);
  }

  /** A count from a data-modifying statement (TypeORM answers UPDATE/DELETE as [rows, count]). */
  private async affected(sql: string, params: unknown[]): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM w`, params);
    return row?.n ?? 0;
  }

  async insert(b: UploadBatchTarget, opts: { status: UploadStatus; background: boolean }): Promise<void> {
    await this.db.query(
      `INSERT INTO supplier_inventory_uploads (id, tenant_id, supplier_org_id, uploaded_by, file_name, file_sha256, file_bytes, mode, dry_run, status, background)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [b.id, b.tenantId, b.supplierOrgId, b.uploadedBy, b.fileName, b.fileSha256, b.fileBytes, b.mode, b.dryRun, opts.status, opts.background],
    );
  }

  async byId(id: string, opts: { forUpdate?: boolean } = {}): Promise<UploadBatchRow | null> {
    const [r] = await this.db.query<Raw>(`SELECT ${COLUMNS} FROM supplier_inventory_uploads WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toBatch(r) : null;
  }

  async view(b: UploadBatchRow): Promise<SupplierInventoryUpload> {
    const rows = await this.db.query<Raw>(
      `SELECT row_no, column_name, value, code, message, message_zh FROM supplier_inventory_upload_errors
        WHERE tenant_id = $1 AND upload_id = $2 ORDER BY seq LIMIT $3`,
      [b.tenantId, b.id, UPLOAD_INLINE_ERRORS_MAX],
    );
    return {
      ...toUploadSummary(b),
      errors: rows.map(toError),
      errorsTruncated: b.errorsTruncated || b.errorCount > rows.length,
      notices: b.notices,
    };
  }

  list(
    scope: { tenantId: string | null; supplierOrgId: string | null },
    filter: { status?: UploadStatus; mode?: UploadMode },
    q: PageQueryDto,
  ): Promise<Page<SupplierInventoryUploadSummary>> {
    const sort = sortSpec({ ...q, order: q.order ?? 'desc' }, { createdAt: isoSortKey('created_at'), fileName: `file_name || ' ' || id`, status: `status || ' ' || ${isoSortKey('created_at')}` }, 'createdAt');
    return keysetPage<Raw & { id: string; sort_key: string }, SupplierInventoryUploadSummary>((sql, p) => this.db.query(sql, p), {
      base: `SELECT ${COLUMNS}, ${sort.expr} AS sort_key FROM supplier_inventory_uploads
              WHERE ($1::uuid IS NULL OR tenant_id = $1) AND ($2::uuid IS NULL OR supplier_org_id = $2)
                AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR mode = $4)`,
      params: [scope.tenantId, scope.supplierOrgId, filter.status ?? null, filter.mode ?? null],
      sort,
      query: q,
      map: (r) => toUploadSummary(toBatch(r)),
      sortValue: (r) => r.sort_key,
    });
  }

  /**
   * The upload whose content is in effect for a (buyer, supplier): the last one applied that
   * was not itself a repeat, provided nothing was edited by hand since.
   */
  async inEffect(tenantId: string, supplierOrgId: string): Promise<UploadBatchRow | null> {
    const [r] = await this.db.query<Raw>(
      `SELECT ${COLUMNS} FROM supplier_inventory_uploads
        WHERE tenant_id = $1 AND supplier_org_id = $2 AND status = 'APPLIED' AND NOT no_change
        ORDER BY applied_at DESC LIMIT 1`,
      [tenantId, supplierOrgId],
    );
    if (!r) return null;
    const edits = await this.db.query(
      `SELECT 1 FROM supplier_inventory_history
        WHERE tenant_id = $1 AND supplier_org_id = $2 AND source = 'MANUAL_EDIT' AND changed_at >= $3 LIMIT 1`,
      [tenantId, supplierOrgId, r['applied_at']],
    );
    return edits.length ? null : toBatch(r);
  }

  /** Fence: a background job's writes only land while it still holds the lease. */
  private fenceSql(param: number): string {
    return `AND status = 'PROCESSING' AND ($${param}::text IS NULL OR locked_by = $${param})`;
  }

  async finishApplied(b: UploadBatchTarget, facts: ParsedFacts, changedRows: number, at: Date, fence: string | null): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'APPLIED', total_rows = $3, processed_rows = $3, valid_rows = $4, error_rows = 0, error_count = 0,
              headers = $5, notices = $6, sites = $7, changed_rows = $8, applied_at = $9, finished_at = clock_timestamp(),
              locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 ${this.fenceSql(10)}`,
      [b.tenantId, b.id, facts.totalRows, facts.validRows, JSON.stringify(facts.headers), JSON.stringify(facts.notices), facts.sites, changedRows, at, fence],
    );
    if (n) await this.dropFile(b);
    return n === 1;
  }

  async finishValidated(b: UploadBatchTarget, facts: ParsedFacts, fence: string | null): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'VALIDATED', total_rows = $3, processed_rows = $3, valid_rows = $4, error_rows = 0, error_count = 0,
              headers = $5, notices = $6, sites = $7, validated_at = clock_timestamp(), finished_at = clock_timestamp(),
              locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 ${this.fenceSql(8)}`,
      [b.tenantId, b.id, facts.totalRows, facts.validRows, JSON.stringify(facts.headers), JSON.stringify(facts.notices), facts.sites, fence],
    );
    if (n) await this.dropFile(b);
    return n === 1;
  }

  /** The same file as the upload in effect: recorded as applied, changing nothing. */
  async finishUnchanged(b: UploadBatchTarget, same: UploadBatchRow, at: Date, fence: string | null): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'APPLIED', no_change = true, duplicate_of = $3, total_rows = $4, processed_rows = $4, valid_rows = $5,
              error_rows = 0, error_count = 0, headers = $6, notices = $7, sites = $8, changed_rows = 0, applied_at = $9, finished_at = clock_timestamp(),
              validated_at = CASE WHEN dry_run THEN COALESCE(validated_at, $9) ELSE validated_at END, locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 AND status IN ('PROCESSING', 'VALIDATED') AND ($10::text IS NULL OR locked_by = $10)`,
      [b.tenantId, b.id, same.id, same.totalRows, same.validRows, JSON.stringify(same.headers), JSON.stringify(same.notices), same.sites, at, fence],
    );
    if (n) await this.dropFile(b);
    return n === 1;
  }

  /** A VALIDATED dry run applied later. */
  async markDryRunApplied(b: UploadBatchRow, changedRows: number, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE supplier_inventory_uploads SET status = 'APPLIED', changed_rows = $3, applied_at = $4, finished_at = clock_timestamp()
        WHERE tenant_id = $1 AND id = $2 AND status = 'VALIDATED'`,
      [b.tenantId, b.id, changedRows, at],
    );
  }

  async finishRejected(b: UploadBatchTarget, facts: ParsedFacts, errors: readonly StoredUploadError[], rejected: readonly RejectedRow[], fence: string | null): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'REJECTED', total_rows = $3, processed_rows = $3, valid_rows = $4, error_rows = $5, error_count = $6,
              errors_truncated = $7, headers = $8, notices = $9, sites = $10, finished_at = clock_timestamp(), locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 ${this.fenceSql(11)}`,
      [
        b.tenantId,
        b.id,
        facts.totalRows,
        facts.validRows,
        facts.errorRows,
        facts.errorCount,
        facts.errorsTruncated,
        JSON.stringify(facts.headers),
        JSON.stringify(facts.notices),
        facts.sites,
        fence,
      ],
    );
    if (!n) return false;
    await this.insertErrors(b, errors);
    await this.insertRejectedRows(b, rejected);
    await this.dropFile(b);
    return true;
  }

  /** A background job found the file unreadable as a whole (the client already had its 202). */
  async finishFileRejected(b: UploadBatchTarget, reason: string, errors: readonly StoredUploadError[], fence: string): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'REJECTED', failure_reason = $3, finished_at = clock_timestamp(), locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 ${this.fenceSql(4)}`,
      [b.tenantId, b.id, reason, fence],
    );
    if (!n) return false;
    await this.db.query(`UPDATE supplier_inventory_uploads SET error_count = $3 WHERE tenant_id = $1 AND id = $2`, [b.tenantId, b.id, errors.length]);
    await this.insertErrors(b, errors);
    await this.dropFile(b);
    return true;
  }

  async finishFailed(b: { tenantId: string; id: string }, reason: string, fence: string): Promise<boolean> {
    const n = await this.affected(
      `UPDATE supplier_inventory_uploads SET status = 'FAILED', failure_reason = $3, finished_at = clock_timestamp(), locked_by = NULL, locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 ${this.fenceSql(4)}`,
      [b.tenantId, b.id, reason, fence],
    );
    if (n) await this.dropFile(b);
    return n === 1;
  }

  private async insertErrors(b: { tenantId: string; id: string }, errors: readonly StoredUploadError[]): Promise<void> {
    for (let start = 0; start < errors.length; start += CHUNK) {
      const part = errors.slice(start, start + CHUNK);
      await this.db.query(
        `INSERT INTO supplier_inventory_upload_errors (tenant_id, upload_id, seq, row_no, column_name, column_index, value, code, message, message_zh)
         SELECT $1, $2, $3 + e.ord, e.row_no, e.column_name, e.column_index, e.value, e.code, e.message, e.message_zh
           FROM unnest($4::int[], $5::text[], $6::int[], $7::jsonb[], $8::text[], $9::text[], $10::text[])
                WITH ORDINALITY AS e(row_no, column_name, column_index, value, code, message, message_zh, ord)`,
        [
          b.tenantId,
          b.id,
          start,
          part.map((e) => e.row),
          part.map((e) => e.column),
          part.map((e) => e.columnIndex),
          part.map((e) => JSON.stringify(e.value ?? null)),
          part.map((e) => e.code),
          part.map((e) => e.message),
          part.map((e) => e.messageZh),
        ],
      );
    }
  }

  private async insertRejectedRows(b: { tenantId: string; id: string }, rows: readonly RejectedRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const part = rows.slice(start, start + CHUNK);
      await this.db.query(
        `INSERT INTO supplier_inventory_upload_rejected_rows (tenant_id, upload_id, row_no, cells)
         SELECT $1, $2, r.row_no, r.cells FROM unnest($3::int[], $4::jsonb[]) AS r(row_no, cells)`,
        [b.tenantId, b.id, part.map((r) => r.rowNumber), part.map((r) => encodeCells(r.values))],
      );
    }
  }

  errorsPage(b: UploadBatchRow, q: PageQueryDto): Promise<Page<SupplierInventoryUploadError>> {
    const seq = `lpad(seq::text, 10, '0')`;
    const sort = sortSpec(q, { row: `lpad(coalesce(row_no, 0)::text, 10, '0') || ' ' || ${seq}`, column: `column_name || ' ' || ${seq}`, code: `code || ' ' || ${seq}` }, 'row');
    return keysetPage<Raw & { id: string; sort_key: string }, SupplierInventoryUploadError>((sql, p) => this.db.query(sql, p), {
      base: `SELECT ${seq} AS id, row_no, column_name, value, code, message, message_zh, ${sort.expr} AS sort_key
               FROM supplier_inventory_upload_errors WHERE tenant_id = $1 AND upload_id = $2`,
      params: [b.tenantId, b.id],
      sort,
      query: q,
      map: toError,
      sortValue: (r) => r.sort_key,
    });
  }

  /** Everything the error workbook needs, in row order. */
  async errorWorkbookInput(b: UploadBatchRow): Promise<{ headers: string[]; rows: RejectedRow[]; errors: RowError[] }> {
    const rows = await this.db.query<{ row_no: number; cells: unknown[] }>(
      `SELECT row_no, cells FROM supplier_inventory_upload_rejected_rows WHERE tenant_id = $1 AND upload_id = $2 ORDER BY row_no`,
      [b.tenantId, b.id],
    );
    const errors = await this.db.query<Raw>(
      `SELECT row_no, column_name, column_index, value, code, message, message_zh FROM supplier_inventory_upload_errors
        WHERE tenant_id = $1 AND upload_id = $2 ORDER BY seq`,
      [b.tenantId, b.id],
    );
    return {
      headers: b.headers ?? [],
      rows: rows.map((r) => ({ rowNumber: r.row_no, values: decodeCells(r.cells) })),
      errors: errors.map((e) => ({
        row: (e['row_no'] as number | null) ?? 0,
        column: e['column_name'] as string,
        columnIndex: (e['column_index'] as number | null) ?? -1,
        value: (e['value'] ?? null) as RowError['value'],
        code: e['code'] as RowError['code'],
        message: e['message'] as string,
        messageZh: e['message_zh'] as string,
      })),
    };
  }

  // ---- background jobs ----

  /** Keeps the uploaded bytes in PostgreSQL so whichever instance claims the job can read them. */
  async storeFile(b: { tenantId: string; id: string }, path: string): Promise<void> {
    let seq = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES })) {
      await this.db.query(`INSERT INTO supplier_inventory_upload_files (tenant_id, upload_id, seq, data) VALUES ($1, $2, $3, $4)`, [b.tenantId, b.id, seq++, chunk]);
    }
  }

  /** Writes the stored bytes to `path`; false when there are none (the job cannot be resumed). */
  async readFileTo(b: { tenantId: string; id: string }, path: string): Promise<boolean> {
    const [{ n }] = (await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM supplier_inventory_upload_files WHERE tenant_id = $1 AND upload_id = $2`,
      [b.tenantId, b.id],
    )) as [{ n: number }];
    if (n === 0) return false;
    const out = createWriteStream(path);
    try {
      for (let seq = 0; seq < n; seq++) {
        const [row] = await this.db.query<{ data: Buffer }>(
          `SELECT data FROM supplier_inventory_upload_files WHERE tenant_id = $1 AND upload_id = $2 AND seq = $3`,
          [b.tenantId, b.id, seq],
        );
        if (!row) return false;
        if (!out.write(row.data)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return true;
  }

  private async dropFile(b: { tenantId: string; id: string }): Promise<void> {
    await this.db.query(`DELETE FROM supplier_inventory_upload_files WHERE tenant_id = $1 AND upload_id = $2`, [b.tenantId, b.id]);
  }

  /**
   * Claims the oldest upload waiting for processing, or one whose worker's lease ran out (it
   * died), for `leaseSeconds`. SKIP LOCKED lets several instances poll without blocking.
   */
  async claimNext(instanceId: string, leaseSeconds: number): Promise<UploadBatchRow | null> {
    const [r] = await this.outside<Raw>(
      `WITH next AS (
         SELECT tenant_id, id FROM supplier_inventory_uploads
          WHERE status = 'PROCESSING' AND (locked_until IS NULL OR locked_until < now())
          ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE supplier_inventory_uploads u SET locked_by = $1, locked_until = now() + make_interval(secs => $2), attempts = u.attempts + 1
           FROM next WHERE u.tenant_id = next.tenant_id AND u.id = next.id
         RETURNING u.*)
       SELECT ${COLUMNS} FROM claimed`,
      [instanceId, leaseSeconds],
    );
    return r ? toBatch(r) : null;
  }

  /** Renews a lease (outside any transaction); false when this worker no longer holds it. */
  async heartbeat(b: { tenantId: string; id: string }, instanceId: string, leaseSeconds: number): Promise<boolean> {
    const [row] = await this.outside<{ n: number }>(
      `WITH w AS (UPDATE supplier_inventory_uploads SET locked_until = now() + make_interval(secs => $4)
                   WHERE tenant_id = $1 AND id = $2 AND status = 'PROCESSING' AND locked_by = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM w`,
      [b.tenantId, b.id, instanceId, leaseSeconds],
    );
    return row?.n === 1;
  }

  /** Rows read so far, visible to pollers while the job's own transaction is still open. */
  async progress(b: { tenantId: string; id: string }, instanceId: string, processedRows: number, totalRows: number | null): Promise<void> {
    await this.outside(
      `WITH w AS (UPDATE supplier_inventory_uploads SET processed_rows = $4, total_rows = $5
                   WHERE tenant_id = $1 AND id = $2 AND status = 'PROCESSING' AND locked_by = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM w`,
      [b.tenantId, b.id, instanceId, processedRows, totalRows],
    );
  }

  /** Gives a job back (after a transient failure) to be retried after `delaySeconds`. */
  async release(b: { tenantId: string; id: string }, instanceId: string, delaySeconds: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE supplier_inventory_uploads SET locked_by = NULL, locked_until = now() + make_interval(secs => $4), failure_reason = $5, processed_rows = 0
        WHERE tenant_id = $1 AND id = $2 AND status = 'PROCESSING' AND locked_by = $3`,
      [b.tenantId, b.id, instanceId, delaySeconds, reason],
    );
  }
}
