import type { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import type { StatementCurrencyTotal, StatementStatus } from '@stockbridge/shared';
import { neutraliseCell } from '@stockbridge/domain';
import {
  CSV_BOM,
  CSV_EOL,
  MAX_XML_BACKLOG_BYTES,
  csvField,
  csvText,
  endStream,
  keepUp,
  spreadsheetNumber,
  utcDate,
  writable,
} from '../../../common/export/spreadsheet-stream';
import type { ExportRow, ItemQtyRow } from '../persistence/statement.repository';

/** What the export's header block, totals and quantities show. */
export interface StatementExportHeader {
  number: string;
  status: StatementStatus;
  buyerName: string;
  supplierName: string;
  supplierCode: string;
  periodFrom: string;
  periodTo: string;
  currency: string;
  contentSha256: string;
  lineCount: number;
  totals: StatementCurrencyTotal[];
  quantities: ItemQtyRow[];
  /** The supplier's dispute comment per line id (at most one dispute per statement, ≤ 1,000 lines). */
  disputes: ReadonlyMap<string, string>;
  /** Written as the workbook's created/modified dates, so regenerating gives the same document. */
  createdAt: string;
}

/**
 * A sheet holds at most this many lines: exceljs keeps a worksheet's XML in memory until the
 * sheet is committed, so long statements are split into sheets committed as they fill
 * (QUALITY.md) and memory stays flat whatever the statement's size.
 */
export const LINES_PER_SHEET = 100_000;

// Shared with the other streamed exports (common/export/spreadsheet-stream.ts); re-exported for the spec and the bench.
export { MAX_XML_BACKLOG_BYTES, csvField };

/** The lines table, column by column (docs/statements.md). */
export const LINE_COLUMNS: ReadonlyArray<{ header: string; width: number; numFmt?: string }> = [
  { header: 'Line', width: 8, numFmt: '0' },
  { header: 'Journal', width: 38 },
  { header: 'Date', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: 'Type', width: 14 },
  { header: 'Item', width: 16 },
  { header: 'Supplier SKU', width: 18 },
  { header: 'Location', width: 12 },
  { header: 'Quantity', width: 14, numFmt: '#,##0.00####' },
  { header: 'Unit price', width: 14, numFmt: '#,##0.00####' },
  { header: 'Amount', width: 14, numFmt: '#,##0.00' },
  { header: 'Currency', width: 9 },
  { header: 'Reference', width: 28 },
  { header: 'Dispute', width: 40 },
];
/** 1-based column of the amount and the currency (the totals rows use them). */
export const AMOUNT_COLUMN = 10;
export const CURRENCY_COLUMN = 11;

/** Rows of the xlsx header block above the lines table (the CSV has no "Sheet" row); a blank row, then the table's header row. */
export const HEADER_BLOCK_ROWS = 10;
export const TABLE_HEADER_ROW = HEADER_BLOCK_ROWS + 2;

/** The header block as (label, value) pairs; dates as `YYYY-MM-DD` text (the xlsx makes them date cells); "Sheet" only in the xlsx. */
export function headerBlock(h: Pick<StatementExportHeader, 'number' | 'status' | 'buyerName' | 'supplierName' | 'supplierCode' | 'periodFrom' | 'periodTo' | 'currency' | 'contentSha256' | 'lineCount'>, sheet?: { index: number; count: number }): Array<[string, string | number]> {
  return [
    ['Reconciliation statement', h.number],
    ['Status', h.status],
    ['Buyer', h.buyerName],
    ['Supplier', `${h.supplierName} (${h.supplierCode})`],
    ['Period from', h.periodFrom],
    ['Period to', h.periodTo],
    ['Currency', h.currency],
    ['Content SHA-256', h.contentSha256],
    ['Lines', h.lineCount],
    ...(sheet ? [['Sheet', `${sheet.index} of ${sheet.count}`] as [string, string]] : []),
  ];
}

const DAY_MS = 86_400_000;

/** Business days seen in an export, by day number: one Date and one text per distinct day. */
class Days {
  private readonly dates = new Map<number, Date>();
  private readonly texts = new Map<number, string>();

  date(epochDay: number): Date {
    let d = this.dates.get(epochDay);
    if (!d) this.dates.set(epochDay, (d = new Date(epochDay * DAY_MS)));
    return d;
  }

  text(epochDay: number): string {
    let t = this.texts.get(epochDay);
    if (!t) this.texts.set(epochDay, (t = this.date(epochDay).toISOString().slice(0, 10)));
    return t;
  }
}

/**
 * Writes the statement as .xlsx with exceljs's streaming WorkbookWriter: per sheet the header
 * block, a frozen header row and up to LINES_PER_SHEET lines (each sheet committed as it
 * fills); after the last line the totals per currency (values, never formulas); then a
 * "Quantities" sheet with the opening and closing quantities. Dates are date cells, quantities
 * and money numeric cells with number formats; every text cell goes through neutraliseCell.
 * Reads `batches` as it goes and pauses while the compressor (or the client) is behind, so
 * memory does not grow with the statement.
 */
export async function writeStatementXlsx(
  out: Writable,
  h: StatementExportHeader,
  batches: AsyncIterable<ExportRow[]>,
  opts: { linesPerSheet?: number; maxBacklogBytes?: number } = {},
): Promise<void> {
  const linesPerSheet = opts.linesPerSheet ?? LINES_PER_SHEET;
  const maxBacklog = opts.maxBacklogBytes ?? MAX_XML_BACKLOG_BYTES;
  const created = new Date(h.createdAt);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.created = created;
  workbook.modified = created;
  workbook.creator = 'Stockbridge';
  workbook.lastModifiedBy = 'Stockbridge';
  const sheetCount = Math.max(1, Math.ceil(h.lineCount / linesPerSheet));
  const days = new Days();

  // One style object per column, shared by every line cell of that column: exceljs dedupes a
  // cell's style by rendering it to XML unless it has seen that very object before (WeakMap),
  // so a fresh style per cell (what column styles give) costs a render per cell. Sharing
  // makes it a lookup, and the number formats end up in the file the same way.
  const lineStyles: Partial<ExcelJS.Style>[] = LINE_COLUMNS.map((c) => (c.numFmt ? { numFmt: c.numFmt } : {}));
  let sheetIndex = 0;
  let onSheet = 0;
  const openSheet = (): ExcelJS.Worksheet => {
    sheetIndex++;
    const name = sheetCount === 1 ? 'Lines' : `Lines ${sheetIndex}`;
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: 0 }] });
    ws.columns = LINE_COLUMNS.map((c) => ({ width: c.width }));
    for (const [label, value] of headerBlock(h, { index: sheetIndex, count: sheetCount })) {
      const isDate = label === 'Period from' || label === 'Period to';
      const row = ws.addRow([label, isDate ? utcDate(String(value)) : typeof value === 'number' ? value : neutraliseCell(value)]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).numFmt = isDate ? 'yyyy-mm-dd' : typeof value === 'number' ? '0' : '@';
      row.commit();
    }
    ws.addRow([]).commit();
    const header = ws.addRow(LINE_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    onSheet = 0;
    return ws;
  };

  let sheet = openSheet();
  for await (const batch of batches) {
    for (const l of batch) {
      if (onSheet === linesPerSheet) {
        sheet.commit();
        sheet = openSheet();
      }
      const dispute = h.disputes.size ? h.disputes.get(l[12]) : undefined;
      const values: ExcelJS.CellValue[] = [
        l[0],
        l[1],
        days.date(l[3]),
        l[2],
        neutraliseCell(l[4]),
        l[5] === null ? null : neutraliseCell(l[5]),
        neutraliseCell(l[6]),
        spreadsheetNumber(l[7]),
        spreadsheetNumber(l[8]),
        spreadsheetNumber(l[10]),
        l[9],
        l[11] === null ? null : neutraliseCell(l[11]),
        dispute === undefined ? null : neutraliseCell(dispute),
      ];
      const row = sheet.addRow(values);
      for (let c = 0; c < values.length; c++) {
        if (values[c] !== null) row.getCell(c + 1).style = lineStyles[c] as Partial<ExcelJS.Style>;
      }
      row.commit();
      onSheet++;
    }
    await keepUp(sheet, out, maxBacklog);
  }
  for (const t of h.totals) {
    const values: ExcelJS.CellValue[] = new Array(LINE_COLUMNS.length).fill(null);
    values[0] = 'Total';
    values[AMOUNT_COLUMN - 1] = spreadsheetNumber(t.amount);
    values[CURRENCY_COLUMN - 1] = t.currency;
    const row = sheet.addRow(values);
    row.font = { bold: true };
    row.commit();
  }
  sheet.commit();

  const qs = workbook.addWorksheet('Quantities', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  qs.columns = [{ width: 18 }, { width: 18, style: { numFmt: '#,##0.00####' } }, { width: 18, style: { numFmt: '#,##0.00####' } }];
  const qh = qs.addRow(['Item', `Opening qty (before ${h.periodFrom})`, `Closing qty (end of ${h.periodTo})`]);
  qh.font = { bold: true };
  qh.commit();
  for (const q of h.quantities) {
    qs.addRow([neutraliseCell(q.item_code), spreadsheetNumber(q.opening_qty), spreadsheetNumber(q.closing_qty)]).commit();
  }
  qs.commit();
  await workbook.commit();
  await endStream(out);
}

/**
 * Writes the statement as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese text
 * right; CRLF line ends): the header block as label,value rows, a blank row, the lines table
 * with the same columns as the xlsx, a Total row per currency, a blank row and the
 * quantities table. Decimals are written exactly as the API returns them (never through a
 * float); text cells go through neutraliseCell.
 */
export async function writeStatementCsv(out: Writable, h: StatementExportHeader, batches: AsyncIterable<ExportRow[]>): Promise<void> {
  const days = new Days();
  let head = CSV_BOM;
  for (const [label, value] of headerBlock(h)) {
    head += `${csvText(label)},${typeof value === 'number' ? String(value) : csvText(value)}${CSV_EOL}`;
  }
  head += CSV_EOL + LINE_COLUMNS.map((c) => csvText(c.header)).join(',') + CSV_EOL;
  out.write(head);
  for await (const batch of batches) {
    let chunk = '';
    for (const l of batch) {
      const dispute = h.disputes.size ? h.disputes.get(l[12]) : undefined;
      chunk +=
        `${l[0]},${l[1]},${days.text(l[3])},${l[2]},${csvText(l[4])},${csvText(l[5])},` +
        `${csvText(l[6])},${l[7]},${l[8]},${l[10]},${l[9]},${csvText(l[11])},${csvText(dispute)}${CSV_EOL}`;
    }
    out.write(chunk);
    await writable(out);
  }
  let tail = '';
  const blanks = (n: number) => ','.repeat(n);
  for (const t of h.totals) {
    tail += `Total${blanks(AMOUNT_COLUMN - 1)}${t.amount},${t.currency}${blanks(LINE_COLUMNS.length - CURRENCY_COLUMN)}${CSV_EOL}`;
  }
  tail += `${CSV_EOL}Item,Opening qty (before ${h.periodFrom}),Closing qty (end of ${h.periodTo})${CSV_EOL}`;
  for (const q of h.quantities) tail += `${csvText(q.item_code)},${q.opening_qty},${q.closing_qty}${CSV_EOL}`;
  out.write(tail);
  await endStream(out);
}
