import { extname } from 'node:path';
import { displayValue } from './cell-values';
import { CsvDelimiter } from './csv-parser';
import { HeaderMap, HeaderRowFinder, HeaderSchema, INVENTORY_HEADER_SCHEMA, InventoryField, MappedColumn } from './header-map';
import { DEFAULT_UPLOAD_LIMITS, UploadLimits } from './limits';
import { readSheetRows, SheetRow, UncachedFormula } from './row-reader';
import { createRowValidator, mapRow, MappedRow, RowError, RowValidationContext, ValidRow } from './row-validator';
import { CsvEncoding, sniffUploadFile } from './sniff';
import { invalidFile } from './upload-errors';
import { Watchdog } from './watchdog';
import { columnLetters, inspectXlsx } from './xlsx-inspect';

/** A rejected row as uploaded, for the error workbook: `values[i]` is under `headers[i]`. */
export interface RejectedRow {
  rowNumber: number;
  values: unknown[];
}

/** Something worth telling the uploader that does not, by itself, reject the file. */
export interface FileNotice {
  code: 'HIDDEN_SHEETS_SKIPPED' | 'IGNORED_COLUMNS' | 'ROWS_BEFORE_HEADER' | 'EXTENSION_MISMATCH';
  message: string;
  messageZh: string;
}

/** What any spreadsheet upload parse takes besides the file: its header and its row validator. */
export interface SpreadsheetParseOptions<F extends string, V> {
  /** As uploaded; used for messages only — the content decides the kind. */
  fileName: string;
  limits?: UploadLimits;
  /** The columns this kind of upload understands and requires. */
  header: HeaderSchema<F>;
  /** Checks one mapped data row; every problem of the row is reported (rows are results, not exceptions). */
  validator: { validate(row: MappedRow<F>): { ok: true; value: V } | { ok: false; errors: RowError[] } };
  /** Every {@link PROGRESS_EVERY} data rows and once at the end. The estimate may be null (unknown). */
  onProgress?: (processedRows: number, totalRowsEstimate: number | null) => void;
  /**
   * Receives valid rows in batches of {@link SINK_BATCH_SIZE} as they are found, so that
   * 200,000 rows need not be held; `validRows` is then left empty. Rows reach the sink even
   * if a later row is rejected: apply nothing unless the result has no errors. Time spent
   * in the sink does not count against `maxSeconds`.
   */
  sink?: (rows: V[]) => Promise<void>;
  /** Rejected rows kept for the error workbook (default 10,000); the rest are only counted. */
  maxRejectedRowsKept?: number;
  /** Row errors kept (default 100,000); the rest are only counted. */
  maxErrorsKept?: number;
}

export interface ParseUploadOptions {
  /** As uploaded; used for messages only — the content decides the kind. */
  fileName: string;
  limits?: UploadLimits;
  ctx: Omit<RowValidationContext, 'limits'> & { limits?: UploadLimits };
  /** Every {@link PROGRESS_EVERY} data rows and once at the end. The estimate may be null (unknown). */
  onProgress?: (processedRows: number, totalRowsEstimate: number | null) => void;
  /**
   * Receives valid rows in batches of {@link SINK_BATCH_SIZE} as they are found, so that
   * 200,000 rows need not be held; `validRows` is then left empty. Rows reach the sink even
   * if a later row is rejected: apply nothing unless the result has no errors. Time spent
   * in the sink does not count against `maxSeconds`.
   */
  sink?: (rows: ValidRow[]) => Promise<void>;
  /** Rejected rows kept for the error workbook (default 10,000); the rest are only counted. */
  maxRejectedRowsKept?: number;
  /** Row errors kept (default 100,000); the rest are only counted. */
  maxErrorsKept?: number;
}

/** The outcome of parsing any spreadsheet upload whose rows validate to `V`. */
export interface SpreadsheetParseResult<V, F extends string> {
  kind: 'xlsx' | 'csv';
  encoding: CsvEncoding | null;
  delimiter: CsvDelimiter | null;
  sheetName: string | null;
  headerRow: number;
  /** Every header cell as written, in column order (the error workbook reuses them). */
  headers: string[];
  /** Recognised columns. */
  columns: MappedColumn<F>[];
  /** Non-empty data rows read. */
  totalRows: number;
  validRowCount: number;
  /** Valid rows, unless a sink took them. */
  validRows: V[];
  errorRowCount: number;
  errorCount: number;
  errors: RowError[];
  errorsTruncated: boolean;
  rejectedRows: RejectedRow[];
  rejectedRowsTruncated: boolean;
  notices: FileNotice[];
}

export type ParseUploadResult = SpreadsheetParseResult<ValidRow, InventoryField>;

export const SINK_BATCH_SIZE = 1000;
export const PROGRESS_EVERY = 1000;
export const DEFAULT_MAX_REJECTED_ROWS_KEPT = 10_000;
export const DEFAULT_MAX_ERRORS_KEPT = 100_000;

/**
 * The one entry point of the upload parser: sniff → inspect (xlsx) → stream rows → find
 * and map the header → validate every row → hand valid rows to the sink. Row problems are
 * results; a file that must be refused as a whole throws {@link UploadRejectedError}
 * (413 / 415 / 422). Memory stays bounded by the caps above whatever the file size.
 */
export async function parseSupplierInventoryFile(filePath: string, opts: ParseUploadOptions): Promise<ParseUploadResult> {
  const limits = opts.limits ?? opts.ctx.limits ?? { ...DEFAULT_UPLOAD_LIMITS };
  const { ctx, ...rest } = opts;
  return parseSpreadsheetFile<InventoryField, ValidRow>(filePath, {
    ...rest,
    limits,
    header: INVENTORY_HEADER_SCHEMA,
    validator: createRowValidator({ ...ctx, limits }),
  });
}

/**
 * {@link parseSupplierInventoryFile}'s pipeline for any kind of upload (the demand import
 * uses it too): the same sniffing, limits, xlsx streaming reader and CSV parser, header
 * search and row bookkeeping; the caller brings the header schema and the row validator.
 */
export async function parseSpreadsheetFile<F extends string, V>(filePath: string, opts: SpreadsheetParseOptions<F, V>): Promise<SpreadsheetParseResult<V, F>> {
  const limits = opts.limits ?? { ...DEFAULT_UPLOAD_LIMITS };
  const maxRejectedRowsKept = opts.maxRejectedRowsKept ?? DEFAULT_MAX_REJECTED_ROWS_KEPT;
  const maxErrorsKept = opts.maxErrorsKept ?? DEFAULT_MAX_ERRORS_KEPT;
  const watchdog = new Watchdog(limits.maxSeconds);
  try {
    const sniff = await sniffUploadFile(filePath, limits, watchdog);
    const inspection = sniff.kind === 'xlsx' ? await inspectXlsx(filePath, limits, watchdog) : null;
    const notices: FileNotice[] = [];
    const extension = extname(opts.fileName).toLowerCase();
    if ((sniff.kind === 'xlsx' && extension === '.csv') || (sniff.kind === 'csv' && /^\.xls[xmb]?$/.test(extension))) {
      notices.push({
        code: 'EXTENSION_MISMATCH',
        message: `"${opts.fileName}" was read as ${sniff.kind === 'xlsx' ? 'an Excel workbook' : 'CSV text'}, which is what its content is.`,
        messageZh: `“${opts.fileName}”按其实际内容读取为${sniff.kind === 'xlsx' ? ' Excel 工作簿' : ' CSV 文本'}。`,
      });
    }
    if (inspection && inspection.hiddenSheetsSkipped.length > 0) {
      notices.push({
        code: 'HIDDEN_SHEETS_SKIPPED',
        message: `Hidden sheets were skipped (${inspection.hiddenSheetsSkipped.join(', ')}); sheet "${inspection.sheetName}" was read.`,
        messageZh: `已跳过隐藏工作表（${inspection.hiddenSheetsSkipped.join('、')}），读取了工作表“${inspection.sheetName}”。`,
      });
    }

    const validator = opts.validator;
    const finder = new HeaderRowFinder<F>(opts.header);
    let headerMap: HeaderMap<F> | null = null;
    let usedColumns: ReadonlySet<number> = new Set();
    let rowsBeforeHeader = 0;
    let delimiter: CsvDelimiter | null = null;
    let bytesRead = 0;

    let totalRows = 0;
    let validRowCount = 0;
    let errorRowCount = 0;
    let errorCount = 0;
    const validRows: V[] = [];
    let batch: V[] = [];
    const errors: RowError[] = [];
    const rejectedRows: RejectedRow[] = [];

    const estimateTotal = (): number | null => {
      if (inspection?.dimension && headerMap) return Math.max(totalRows, inspection.dimension.lastRow - headerMap.rowNumber);
      if (sniff.kind === 'csv' && bytesRead > 0) return Math.max(totalRows, Math.round((totalRows * sniff.fileBytes) / bytesRead));
      return null;
    };
    const flush = async () => {
      if (!opts.sink || batch.length === 0) return;
      const rows = batch;
      batch = [];
      const sink = opts.sink;
      await watchdog.paused(() => sink(rows));
    };

    const rows = readSheetRows(filePath, sniff, inspection, limits, {
      watchdog,
      onCsvDelimiter: (d) => (delimiter = d),
      onBytesRead: (bytes) => (bytesRead = bytes),
    });
    for await (const row of rows) {
      watchdog.check();
      if (!headerMap) {
        headerMap = finder.offer(row.rowNumber, row.values.map((v) => (v instanceof UncachedFormula ? null : v)));
        if (!headerMap) rowsBeforeHeader++;
        else usedColumns = new Set([...headerMap.columns.values()].map((c) => c.index));
        continue;
      }
      refuseUncachedFormulas(row, usedColumns, headerMap);
      totalRows++;
      const result = validator.validate(mapRow(headerMap, row.rowNumber, row.values));
      if (result.ok) {
        validRowCount++;
        if (opts.sink) {
          batch.push(result.value);
          if (batch.length >= SINK_BATCH_SIZE) await flush();
        } else {
          validRows.push(result.value);
        }
      } else {
        errorRowCount++;
        errorCount += result.errors.length;
        for (const error of result.errors) if (errors.length < maxErrorsKept) errors.push(error);
        if (rejectedRows.length < maxRejectedRowsKept) {
          rejectedRows.push({ rowNumber: row.rowNumber, values: keepForReport(row.values, limits.maxCellChars) });
        }
      }
      if (opts.onProgress && totalRows % PROGRESS_EVERY === 0) opts.onProgress(totalRows, estimateTotal());
    }

    if (!headerMap) throw finder.giveUp();
    if (totalRows === 0) {
      throw invalidFile('NO_DATA_ROWS', `The file has a header row (row ${headerMap.rowNumber}) but no data rows.`, `文件只有表头（第 ${headerMap.rowNumber} 行），没有数据行。`);
    }
    await flush();
    opts.onProgress?.(totalRows, totalRows);

    if (rowsBeforeHeader > 0) {
      notices.push({
        code: 'ROWS_BEFORE_HEADER',
        message: `${rowsBeforeHeader} row(s) above the header (row ${headerMap.rowNumber}) were ignored.`,
        messageZh: `表头（第 ${headerMap.rowNumber} 行）上方的 ${rowsBeforeHeader} 行已忽略。`,
      });
    }
    if (headerMap.ignored.length > 0) {
      const names = headerMap.ignored.map((c) => c.header).join(', ');
      notices.push({ code: 'IGNORED_COLUMNS', message: `Columns not used: ${names}.`, messageZh: `未使用的列：${names}。` });
    }

    return {
      kind: sniff.kind,
      encoding: sniff.kind === 'csv' ? sniff.encoding : null,
      delimiter,
      sheetName: inspection?.sheetName ?? null,
      headerRow: headerMap.rowNumber,
      headers: headerMap.headers,
      columns: [...headerMap.columns.values()].sort((a, b) => a.index - b.index),
      totalRows,
      validRowCount,
      validRows,
      errorRowCount,
      errorCount,
      errors,
      errorsTruncated: errorCount > errors.length,
      rejectedRows,
      rejectedRowsTruncated: errorRowCount > rejectedRows.length,
      notices,
    };
  } finally {
    watchdog.dispose();
  }
}

/**
 * We never compute formulas, so a formula without a cached result in a column we use makes
 * the value unknowable: the file is refused (422) and the user told to let Excel calculate
 * and save. Elsewhere such a cell is irrelevant and ignored.
 */
function refuseUncachedFormulas(row: SheetRow, usedColumns: ReadonlySet<number>, headerMap: { headers: readonly string[] }): void {
  for (const index of usedColumns) {
    const value = row.values[index];
    if (value instanceof UncachedFormula) {
      const address = value.address || `${columnLetters(index + 1)}${row.rowNumber}`;
      const header = headerMap.headers[index];
      throw invalidFile(
        'FORMULA_WITHOUT_CACHED_VALUE',
        `Cell ${address} (${header}) holds a formula without a calculated value (=${value.formula}). Open the file in Excel, let it calculate, save it and upload again — or paste the values instead of formulas.`,
        `单元格 ${address}（${header}）包含未计算结果的公式（=${value.formula}）。请用 Excel 打开文件、重新计算并保存后再上传，或改为粘贴数值。`,
      );
    }
  }
}

function keepForReport(values: readonly unknown[], maxCellChars: number): unknown[] {
  return values.map((value) => {
    if (value instanceof UncachedFormula) return null;
    if (typeof value === 'string' && value.length > maxCellChars) return displayValue(value, maxCellChars);
    return value ?? null;
  });
}


