import { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { cellToText, isCellError } from './cell-values';
import { RowError } from './row-validator';
import { endStream } from './template';

export interface ErrorWorkbookInput {
  /** The uploaded headers, in the uploaded order. */
  headers: readonly string[];
  /** Rejected rows as uploaded: `values[i]` is under `headers[i]`. */
  rows: readonly { rowNumber: number; values: readonly unknown[] }[];
  errors: readonly RowError[];
}

export type ErrorWorkbookLanguage = 'en' | 'zh';

const RED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const RED_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const FORMULA_TRIGGER = /^[=+\-@\t\r\n]/;

/**
 * Text that a spreadsheet could take for a formula (`=`, `+`, `-`, `@`, TAB, CR, LF first)
 * gets a leading apostrophe, so that neither this file nor a CSV made from it ever runs one.
 */
export function neutralizeFormulaText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/**
 * Writes the rejected rows as they were uploaded (same headers, same order) followed by an
 * `error` column (every message of the row, joined by "; ") and a `row` column (the
 * original row number). Each bad cell is filled red and carries a note with its messages.
 * Streams with exceljs's WorkbookWriter, committing row by row; nothing is written as a
 * formula. The stream is ended when the workbook is complete.
 */
export async function writeErrorWorkbook(stream: Writable, input: ErrorWorkbookInput, lang: ErrorWorkbookLanguage = 'en'): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(lang === 'zh' ? '错误' : 'errors', { views: [{ state: 'frozen', ySplit: 1 }] });

  const errorColumn = input.headers.length + 1;
  const header = sheet.addRow([...input.headers.map(neutralizeFormulaText), lang === 'zh' ? '错误' : 'error', lang === 'zh' ? '行号' : 'row']);
  header.font = { bold: true };
  header.commit();
  sheet.getColumn(errorColumn).width = 60;

  const errorsByRow = new Map<number, RowError[]>();
  for (const error of input.errors) {
    const list = errorsByRow.get(error.row);
    if (list) list.push(error);
    else errorsByRow.set(error.row, [error]);
  }
  const text = (error: RowError) => (lang === 'zh' ? error.messageZh : error.message);

  for (const rejected of input.rows) {
    const errors = errorsByRow.get(rejected.rowNumber) ?? [];
    const values = input.headers.map((_, i) => toCellValue(rejected.values[i]));
    const row = sheet.addRow([...values, errors.map(text).join('; '), rejected.rowNumber]);
    const byColumn = new Map<number, RowError[]>();
    for (const error of errors) {
      if (error.columnIndex < 0 || error.columnIndex >= input.headers.length) continue;
      const list = byColumn.get(error.columnIndex);
      if (list) list.push(error);
      else byColumn.set(error.columnIndex, [error]);
    }
    for (const [columnIndex, cellErrors] of byColumn) {
      const cell = row.getCell(columnIndex + 1);
      cell.fill = RED_FILL;
      cell.note = cellErrors.map(text).join('\n');
    }
    if (errors.length > 0) row.getCell(errorColumn).font = RED_FONT;
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  await endStream(stream);
}

function toCellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if (isCellError(value)) return value.error;
  return neutralizeFormulaText(typeof value === 'string' ? value : cellToText(value));
}
