import type { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import type { ConsumptionReportGroup, ConsumptionReportRow, ConsumptionReportTotal } from '@stockbridge/shared';
import {
  CSV_BOM,
  CSV_EOL,
  csvText,
  endStream,
  keepUp,
  spreadsheetNumber,
  utcDate,
  writable,
  xlsxText,
} from '../../../common/export/spreadsheet-stream';

/** What the header block of a consumption report file says. */
export interface ConsumptionExportHeader {
  /** "Acme (ACME)" for a buyer caller or the buyer filter; "All" otherwise. */
  buyer: string;
  supplier: string;
  item: string;
  from: string | null;
  to: string | null;
  groupBy: readonly ConsumptionReportGroup[];
  generatedAt: string;
  /** Whether the table names the buyer of each row (supplier callers see several buyers). */
  buyerColumn: boolean;
  totals: ConsumptionReportTotal[];
}

type Kind = 'text' | 'qty' | 'amount' | 'count' | 'month';

/** One column of the table: its header, width and how a row (or a totals row) fills it. */
export interface ReportColumn {
  header: string;
  width: number;
  kind: Kind;
  value: (r: ConsumptionReportRow) => string | number | null;
}

const FORMATS: Record<Kind, string | undefined> = {
  text: undefined,
  qty: '#,##0.00####',
  amount: '#,##0.00',
  count: '0',
  month: 'yyyy-mm',
};

/** The table's columns for a grouping (docs/statements.md "The consumption report"). */
export function reportColumns(groupBy: readonly ConsumptionReportGroup[], buyerColumn: boolean): ReportColumn[] {
  const cols: ReportColumn[] = [];
  if (buyerColumn) cols.push({ header: 'Buyer', width: 28, kind: 'text', value: (r) => r.buyerName });
  if (groupBy.includes('supplier')) {
    cols.push({ header: 'Supplier code', width: 16, kind: 'text', value: (r) => r.supplierCode });
    cols.push({ header: 'Supplier', width: 30, kind: 'text', value: (r) => r.supplierName });
  }
  if (groupBy.includes('item')) {
    cols.push({ header: 'Item', width: 16, kind: 'text', value: (r) => r.itemCode });
    cols.push({ header: 'Description', width: 34, kind: 'text', value: (r) => r.itemDescription });
    cols.push({ header: 'UoM', width: 8, kind: 'text', value: (r) => r.uom });
  }
  if (groupBy.includes('month')) cols.push({ header: 'Month', width: 10, kind: 'month', value: (r) => r.month });
  cols.push(
    { header: 'Currency', width: 9, kind: 'text', value: (r) => r.currency },
    { header: 'Quantity', width: 16, kind: 'qty', value: (r) => r.qty },
    { header: 'Consumed', width: 16, kind: 'qty', value: (r) => r.consumedQty },
    { header: 'Reversed', width: 16, kind: 'qty', value: (r) => r.reversedQty },
    { header: 'Amount', width: 16, kind: 'amount', value: (r) => r.amount },
    { header: 'Transfers', width: 10, kind: 'count', value: (r) => r.transferCount },
    { header: 'Reversals', width: 10, kind: 'count', value: (r) => r.reversalCount },
  );
  return cols;
}

/** A totals line as a row: no dimensions, the first column says "Total". */
function totalAsRow(t: ConsumptionReportTotal): ConsumptionReportRow {
  return {
    id: `total|${t.currency}`,
    buyerOrgId: '',
    buyerName: '',
    supplierOrgId: null,
    supplierCode: null,
    supplierName: null,
    itemCode: null,
    itemDescription: null,
    uom: null,
    month: null,
    ...t,
  };
}

/** The header block as (label, value) pairs; dates as `YYYY-MM-DD` text (the xlsx makes them date cells). */
export function reportHeaderBlock(h: ConsumptionExportHeader): Array<[string, string]> {
  return [
    ['Consumption report', 'Title transfers: consumptions positive, reversals negative'],
    ['Buyer', h.buyer],
    ['Supplier', h.supplier],
    ['Item', h.item],
    ['Period from', h.from ?? 'All'],
    ['Period to', h.to ?? 'All'],
    ['Group by', [...h.groupBy, 'currency'].join(', ')],
    ['Generated at', h.generatedAt],
  ];
}

/** Rows of the xlsx header block; then a blank row, then the table's header row (frozen below it). */
export const REPORT_HEADER_ROWS = 8;
export const REPORT_TABLE_HEADER_ROW = REPORT_HEADER_ROWS + 2;

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Writes the report as .xlsx (exceljs WorkbookWriter, one sheet "Consumption"): header block,
 * frozen header row, the rows as they arrive (numbers as numeric cells with formats, months
 * as date cells), one bold "Total" row per currency as values; every text cell neutralised.
 */
export async function writeConsumptionXlsx(out: Writable, h: ConsumptionExportHeader, batches: AsyncIterable<ConsumptionReportRow[]>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const generated = new Date(h.generatedAt);
  workbook.created = generated;
  workbook.modified = generated;
  workbook.creator = 'Stockbridge';
  workbook.lastModifiedBy = 'Stockbridge';
  const columns = reportColumns(h.groupBy, h.buyerColumn);
  const sheet = workbook.addWorksheet('Consumption', { views: [{ state: 'frozen', ySplit: REPORT_TABLE_HEADER_ROW, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  for (const [label, value] of reportHeaderBlock(h)) {
    const date = (label === 'Period from' || label === 'Period to') && isDay(value);
    const row = sheet.addRow([label, date ? utcDate(value) : xlsxText(value)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).numFmt = date ? 'yyyy-mm-dd' : '@';
    row.commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  // One style object per column, shared by every cell of it (exceljs renders a style only once per object).
  const styles = columns.map((c): Partial<ExcelJS.Style> => (FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] as string } : {}));
  const write = (r: ConsumptionReportRow, total: boolean) => {
    const values = columns.map((c, i): ExcelJS.CellValue => {
      if (total && i === 0) return 'Total';
      const v = c.value(r);
      if (v === null) return null;
      switch (c.kind) {
        case 'qty':
        case 'amount':
          return spreadsheetNumber(String(v));
        case 'count':
          return Number(v);
        case 'month':
          return utcDate(`${v}-01`);
        default:
          return xlsxText(String(v));
      }
    });
    const row = sheet.addRow(values);
    values.forEach((v, i) => {
      if (v !== null) row.getCell(i + 1).style = styles[i] as Partial<ExcelJS.Style>;
    });
    if (total) row.font = { bold: true };
    row.commit();
  };

  for await (const batch of batches) {
    for (const r of batch) write(r, false);
    await keepUp(sheet, out);
  }
  for (const t of h.totals) write(totalAsRow(t), true);
  sheet.commit();
  await workbook.commit();
  await endStream(out);
}

/**
 * Writes the report as CSV: UTF-8 with a BOM, CRLF, RFC 4180 quoting; the header block as
 * label,value rows, a blank row, the table, one "Total" row per currency. Decimals exactly as
 * the API writes them; text neutralised.
 */
export async function writeConsumptionCsv(out: Writable, h: ConsumptionExportHeader, batches: AsyncIterable<ConsumptionReportRow[]>): Promise<void> {
  const columns = reportColumns(h.groupBy, h.buyerColumn);
  const line = (r: ConsumptionReportRow, total: boolean) =>
    columns
      .map((c, i) => {
        if (total && i === 0) return 'Total';
        const v = c.value(r);
        if (v === null) return '';
        return c.kind === 'text' ? csvText(String(v)) : String(v);
      })
      .join(',') + CSV_EOL;
  let head = CSV_BOM;
  for (const [label, value] of reportHeaderBlock(h)) head += `${csvText(label)},${csvText(value)}${CSV_EOL}`;
  head += CSV_EOL + columns.map((c) => csvText(c.header)).join(',') + CSV_EOL;
  out.write(head);
  for await (const batch of batches) {
    let chunk = '';
    for (const r of batch) chunk += line(r, false);
    out.write(chunk);
    await writable(out);
  }
  let tail = '';
  for (const t of h.totals) tail += line(totalAsRow(t), true);
  out.write(tail);
  await endStream(out);
}
