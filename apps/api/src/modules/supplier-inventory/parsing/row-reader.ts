import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import type * as yauzl from 'yauzl';
import {
  CellValue,
  excelSerialToDate,
  exceljsDateToSerial,
  isBlank,
  isDateNumberFormat,
} from './cell-values';
import { CsvDelimiter, readCsvRecords } from './csv-parser';
import { UploadLimits } from './limits';
import { SniffResult } from './sniff';
import { invalidFile, tooLarge, UploadRejectedError } from './upload-errors';
import { Watchdog } from './watchdog';
import { asZipError, columnLetters, openEntryStream, openZip, readZipDirectory, XlsxInspection } from './xlsx-inspect';
import { crc32, endOfCentralDirectory, localFileHeader, ZIP_METHOD_STORED } from './zip-records';

/** One non-empty row of the sheet. `values[0]` is column A; missing cells are `null`. */
export interface SheetRow {
  /** As Excel shows it (1-based); for CSV the record number. */
  rowNumber: number;
  values: SheetCellValue[];
}

/**
 * A formula cell whose file carries no cached result (written by a library, never opened
 * in Excel). We never compute formulas, so its value is unknown: parse-upload rejects the
 * file when such a cell sits in a column it uses, and ignores it elsewhere.
 */
export class UncachedFormula {
  constructor(readonly address: string, readonly formula: string) {}
}

export type SheetCellValue = CellValue | UncachedFormula;

export interface RowReaderOptions {
  watchdog?: Watchdog;
  /** Called once for CSV with the delimiter chosen from the header line. */
  onCsvDelimiter?: (delimiter: CsvDelimiter) => void;
  /** Bytes of the file consumed so far (CSV), for progress estimates. */
  onBytesRead?: (bytes: number) => void;
}

/** The WorkbookReader options the brief fixes; `styles: 'cache'` is what makes dates recognisable. */
export const WORKBOOK_READER_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
  entries: 'emit',
} as const;

/**
 * Streams the rows of the chosen sheet (xlsx) or of the file (CSV), skipping empty rows.
 * Memory stays bounded: one row at a time, plus the xlsx shared strings (size-capped by
 * inspection). Row index beyond `maxRows` or a non-empty cell beyond `maxColumns` → 413
 * at once, without reading further.
 */
export function readSheetRows(
  filePath: string,
  kind: SniffResult,
  inspection: XlsxInspection | null,
  limits: UploadLimits,
  options: RowReaderOptions = {},
): AsyncGenerator<SheetRow> {
  // No wrapping generator: every extra async-generator layer costs microtask turns per row.
  if (kind.kind === 'csv') return readCsvRows(filePath, kind, limits, options);
  if (!inspection) throw new Error('readSheetRows: an xlsx file needs its inspection');
  return readXlsxRows(filePath, inspection, limits, options);
}

/** The caller's watchdog, or one owned (and disposed) by this read. */
function watchdogFor(options: RowReaderOptions, limits: UploadLimits): { watchdog: Watchdog; owned: boolean } {
  return options.watchdog ? { watchdog: options.watchdog, owned: false } : { watchdog: new Watchdog(limits.maxSeconds), owned: true };
}

// ---------------------------------------------------------------------------------------
// CSV

async function* readCsvRows(
  filePath: string,
  kind: Extract<SniffResult, { kind: 'csv' }>,
  limits: UploadLimits,
  options: RowReaderOptions,
): AsyncGenerator<SheetRow> {
  const { watchdog, owned } = watchdogFor(options, limits);
  const file = createReadStream(filePath, { highWaterMark: 64 * 1024 });
  file.on('error', (error) => watchdog.fail(error));
  async function* decoded(): AsyncGenerator<string> {
    const decoder = kind.encoding === 'utf8' ? new StringDecoder('utf8') : iconv.getDecoder('gb18030');
    for await (const chunk of file as AsyncIterable<Buffer>) {
      options.onBytesRead?.(file.bytesRead);
      yield decoder.write(chunk);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  const records = readCsvRecords(decoded(), limits, options.onCsvDelimiter);
  try {
    for (;;) {
      const next = await watchdog.race(records.next());
      if (next.done) break;
      const { rowNumber, values } = next.value;
      if (values.every((value) => isBlank(value))) continue;
      yield { rowNumber, values: values.map((value) => (value === '' ? null : value)) };
    }
  } finally {
    file.destroy();
    if (owned) watchdog.dispose();
  }
}

// ---------------------------------------------------------------------------------------
// XLSX

interface ExcelCell {
  type: number;
  value: unknown;
  model: unknown;
  numFmt?: string;
  address: string;
}
interface ExcelRow {
  number: number;
  eachCell(callback: (cell: ExcelCell, column: number) => void): void;
}
interface StreamingWorkbookReader {
  properties?: { model?: { date1904?: boolean } };
  [Symbol.asyncIterator](): AsyncIterator<AsyncIterable<ExcelRow>>;
}

/** Names exceljs's streaming reader recognises (it matches these paths literally). */
const CANONICAL = {
  workbook: 'xl/workbook.xml',
  workbookRels: 'xl/_rels/workbook.xml.rels',
  styles: 'xl/styles.xml',
  sharedStrings: 'xl/sharedStrings.xml',
  sheet: 'xl/worksheets/sheet1.xml',
};
const CANONICAL_CHUNK_BYTES = 64 * 1024;
const ISO_DATE_CELL = Buffer.from(' t="d"', 'latin1');
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  'utf8',
);

type CanonicalPart = { name: string; entry: yauzl.Entry; isSheet: boolean } | { name: string; data: Buffer };

/**
 * exceljs's streaming reader makes one pass over the zip in stored order, which breaks in
 * known ways (exceljs#3064: workbook.xml stored after the sheets → crash or wrong sheet
 * names; sheets stored before sharedStrings/styles → spilled to temp files, dates not
 * recognised when styles come late; entries with data descriptors → unzipper scanning for
 * a signature, or stalling on STORED entries; #2790: undrained entries halting the stream).
 *
 * So it never sees the uploaded zip. It gets a canonical stream built from the central
 * directory: workbook.xml, its rels, styles, sharedStrings (an empty one if absent), then
 * only the chosen sheet, each as a STORED entry with sizes known up front and inflated by
 * yauzl, which fails as soon as an entry inflates beyond its declared size. Nothing else
 * of the workbook is ever inflated.
 */
async function* readXlsxRows(
  filePath: string,
  inspection: XlsxInspection,
  limits: UploadLimits,
  options: RowReaderOptions,
): AsyncGenerator<SheetRow> {
  const { watchdog, owned } = watchdogFor(options, limits);
  let zip: yauzl.ZipFile | null = null;
  let source: Readable | null = null;
  try {
    zip = await openZip(filePath, watchdog);
    const entries = await readZipDirectory(zip, watchdog);
    const entryAt = (path: string) => {
      const entry = entries.get(path);
      if (!entry) throw asZipError(new Error(`missing part ${path}`));
      return entry;
    };
    const parts: CanonicalPart[] = [
      { name: CANONICAL.workbook, entry: entryAt(inspection.parts.workbook), isSheet: false },
      { name: CANONICAL.workbookRels, entry: entryAt(inspection.parts.workbookRels), isSheet: false },
    ];
    if (inspection.parts.styles) parts.push({ name: CANONICAL.styles, entry: entryAt(inspection.parts.styles), isSheet: false });
    parts.push(
      inspection.parts.sharedStrings
        ? { name: CANONICAL.sharedStrings, entry: entryAt(inspection.parts.sharedStrings), isSheet: false }
        : { name: CANONICAL.sharedStrings, data: EMPTY_SHARED_STRINGS },
    );
    parts.push({ name: CANONICAL.sheet, entry: entryAt(inspection.sheetPath), isSheet: true });

    source = Readable.from(canonicalWorkbookStream(zip, parts, watchdog), { objectMode: false });
    source.on('error', (error) => watchdog.fail(asZipError(error)));

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, WORKBOOK_READER_OPTIONS) as unknown as StreamingWorkbookReader;
    const sheets = reader[Symbol.asyncIterator]();
    const first = await watchdog.race(sheets.next()).catch(rethrowAsCorrupt);
    if (first.done) throw corrupt('the sheet could not be found in the workbook stream');
    const rows = first.value[Symbol.asyncIterator]();

    const readerAssumes1904 = () => Boolean(reader.properties?.model?.date1904);
    let previousRow = 0;
    for (;;) {
      const next = await watchdog.race(rows.next()).catch(rethrowAsCorrupt);
      if (next.done) break;
      const row = next.value;
      // `r` is optional in OOXML: a row without it follows the previous one.
      const rowNumber = Number.isInteger(row.number) && row.number > 0 ? row.number : previousRow + 1;
      previousRow = rowNumber;
      if (rowNumber > limits.maxRows) throw tooManyRows(rowNumber, limits);
      const values = convertRow(row, rowNumber, inspection.date1904, readerAssumes1904(), limits);
      if (values.length > 0) yield { rowNumber, values };
    }
  } finally {
    source?.destroy();
    zip?.close();
    if (owned) watchdog.dispose();
  }
}

async function* canonicalWorkbookStream(zip: yauzl.ZipFile, parts: CanonicalPart[], watchdog: Watchdog): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if ('data' in part) {
      const size = part.data.length;
      yield localFileHeader({ name: part.name, method: ZIP_METHOD_STORED, flags: 0, crc32: crc32(part.data), compressedSize: size, uncompressedSize: size });
      yield part.data;
      continue;
    }
    const { entry } = part;
    yield localFileHeader({
      name: part.name,
      method: ZIP_METHOD_STORED,
      flags: 0,
      crc32: entry.crc32,
      compressedSize: entry.uncompressedSize,
      uncompressedSize: entry.uncompressedSize,
    });
    const stream = await openEntryStream(zip, entry, watchdog);
    try {
      let tail: Buffer = Buffer.alloc(0);
      // zlib hands out 16 KiB pieces; fewer, larger chunks are cheaper for every stage after.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (part.isSheet) {
          // `t="d"` cells (ISO 8601 text dates) are read by exceljs as parseFloat("2025-…") = 2025.
          if (chunk.indexOf(ISO_DATE_CELL) !== -1) throw isoDateCells();
          if (tail.length > 0 && Buffer.concat([tail, chunk.subarray(0, ISO_DATE_CELL.length)]).indexOf(ISO_DATE_CELL) !== -1) throw isoDateCells();
          tail = chunk.subarray(Math.max(0, chunk.length - ISO_DATE_CELL.length + 1));
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CANONICAL_CHUNK_BYTES) {
          yield pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
    } finally {
      stream.destroy();
    }
  }
  yield endOfCentralDirectory(parts.length, 0, 0);
}

function convertRow(row: ExcelRow, rowNumber: number, date1904: boolean, readerAssumes1904: boolean, limits: UploadLimits): SheetCellValue[] {
  const values: SheetCellValue[] = [];
  let lastNonBlank = 0;
  row.eachCell((cell, column) => {
    const value = convertCell(cell, date1904, readerAssumes1904);
    if (isBlank(value)) return;
    if (column > limits.maxColumns) {
      throw tooLarge(
        'TOO_MANY_COLUMNS',
        `Cell ${columnLetters(column)}${rowNumber} has a value; at most ${limits.maxColumns} columns are accepted.`,
        `单元格 ${columnLetters(column)}${rowNumber} 有内容，最多接受 ${limits.maxColumns} 列。`,
      );
    }
    values[column - 1] = value;
    lastNonBlank = Math.max(lastNonBlank, column);
  });
  for (let i = 0; i < lastNonBlank; i++) if (values[i] === undefined) values[i] = null;
  return values;
}

/** exceljs cell value → {@link SheetCellValue}; dates re-derived with the workbook's real date system. */
export function convertCell(cell: ExcelCell, date1904: boolean, readerAssumes1904: boolean): SheetCellValue {
  if (cell.type === ExcelJS.ValueType.Formula) {
    // Not `cell.value`: its getter drops falsy results, so a cached 0, "" or FALSE would
    // look uncached. The model keeps the result exactly as read.
    const model = cell.model as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
    return convertFormula(cell, String(model.formula ?? model.sharedFormula ?? ''), model.result, date1904, readerAssumes1904);
  }
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return fixDate(value, date1904, readerAssumes1904);
  if (typeof value !== 'object') return String(value);

  const object = value as Record<string, unknown>;
  if (Array.isArray(object['richText'])) {
    return (object['richText'] as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  // A shared-formula child (`<f t="shared" si="0"/>`) has empty formula text, which exceljs
  // does not recognise as a formula: it arrives as a plain `{formula: '', result}` object.
  if ('formula' in object) return convertFormula(cell, String(object['formula'] ?? ''), object['result'], date1904, readerAssumes1904);
  if (typeof object['error'] === 'string') return { error: object['error'] as string };
  if ('text' in object) return String(object['text'] ?? '');
  if ('sharedString' in object) throw corrupt('a cell refers to a shared string that was not loaded');
  throw invalidFile(
    'UNSUPPORTED_CELL_TYPE',
    `Cell ${cell.address} holds a value of a kind that cannot be read.`,
    `单元格 ${cell.address} 的内容类型无法读取。`,
  );
}

function convertFormula(cell: ExcelCell, formula: string, result: unknown, date1904: boolean, readerAssumes1904: boolean): SheetCellValue {
  if (result === undefined || result === null) return new UncachedFormula(cell.address, formula);
  // A cached error (t="e", e.g. #N/A) reaches us as parseFloat("#N/A") = NaN; its text is lost.
  if (typeof result === 'number' && Number.isNaN(result)) return { error: FORMULA_ERROR };
  if (typeof result === 'number' && isDateNumberFormat(cell.numFmt)) {
    // exceljs converts plain date cells but not formula results.
    return excelSerialToDate(result, date1904) ?? result;
  }
  if (result instanceof Date) return fixDate(result, date1904, readerAssumes1904);
  if (typeof result === 'object' && typeof (result as { error?: unknown }).error === 'string') {
    return { error: (result as { error: string }).error };
  }
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') return result;
  return String(result);
}

/** The error text of a formula whose cached result is an error value exceljs could not keep. */
export const FORMULA_ERROR = 'formula error';

function fixDate(date: Date, date1904: boolean, readerAssumes1904: boolean): CellValue {
  const serial = exceljsDateToSerial(date, readerAssumes1904);
  return excelSerialToDate(serial, date1904) ?? serial;
}

function tooManyRows(rowNumber: number, limits: UploadLimits): UploadRejectedError {
  return tooLarge(
    'TOO_MANY_ROWS',
    `The sheet has a row ${rowNumber.toLocaleString('en-US')}; at most ${limits.maxRows.toLocaleString('en-US')} rows are accepted. Split it into smaller files.`,
    `工作表包含第 ${rowNumber} 行，最多接受 ${limits.maxRows} 行，请拆分为多个较小的文件。`,
  );
}

function isoDateCells(): UploadRejectedError {
  return invalidFile(
    'UNSUPPORTED_CELL_TYPE',
    'The sheet stores dates as ISO text cells (t="d"), which cannot be read reliably. Open it in Excel and save it as "Excel Workbook (.xlsx)".',
    '工作表以 ISO 文本单元格（t="d"）存储日期，无法可靠读取。请用 Excel 打开并另存为“Excel 工作簿 (.xlsx)”。',
  );
}

function corrupt(why: string, cause?: unknown): UploadRejectedError {
  return invalidFile('CORRUPT_WORKBOOK', `The workbook could not be read: ${why}.`, '工作簿内容已损坏，无法读取。', { cause });
}

function rethrowAsCorrupt(error: unknown): never {
  if (error instanceof UploadRejectedError) throw error;
  throw corrupt(error instanceof Error ? error.message : String(error), error);
}
