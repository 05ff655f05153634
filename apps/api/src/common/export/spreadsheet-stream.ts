import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { neutraliseCell } from '@stockbridge/domain';

/*
 * What every streamed spreadsheet export shares (statements, the consumption report): flow
 * control between exceljs's WorkbookWriter, the zip compressor and the client; RFC 4180 CSV
 * fields; formula neutralisation of text cells (QUALITY.md: in both formats, nothing is ever
 * a live formula); decimals as spreadsheet numbers.
 */

/**
 * How much sheet XML may wait for the zip's compressor before the writer pauses. exceljs
 * writes into the archive without backpressure; without this pause a fast producer (or a slow
 * client) would pile a whole sheet up in memory.
 */
export const MAX_XML_BACKLOG_BYTES = 4 * 1024 * 1024;

export const CSV_EOL = '\r\n';

/** The UTF-8 byte-order mark every CSV export starts with (Excel then reads Chinese text right). */
export const CSV_BOM = '\uFEFF';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** `YYYY-MM-DD` as the UTC midnight a spreadsheet date cell holds. */
export const utcDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/**
 * A spreadsheet number is an IEEE double: the exact decimal is the API's and the CSV's; a
 * quantity or price with at most 15 significant digits survives the trip unchanged.
 */
export const spreadsheetNumber = (decimal: string): number => +decimal;

/** RFC 4180 field: quoted when it holds a quote, comma, CR or LF (or leading/trailing space). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell of a CSV: neutralised, then quoted as needed; null is an empty field. */
export const csvText = (value: string | null | undefined): string => (value == null ? '' : csvField(neutraliseCell(value)));

/** A text cell of an xlsx: neutralised; null stays an empty cell. */
export const xlsxText = (value: string | null | undefined): string | null => (value == null ? null : neutraliseCell(value));

/** Waits until `out` can take more, or fails if the client went away. */
export async function writable(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new Error('export aborted: the output was closed');
  if (!out.writableNeedDrain) return;
  await drained(out, out);
}

/** Resolves on `stream`'s next 'drain'; rejects when `out` closes first. */
export function drained(stream: Writable, out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', done);
      stream.off('close', done);
      out.off('close', closed);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const closed = () => {
      cleanup();
      reject(new Error('export aborted: the output was closed'));
    };
    stream.on('drain', done);
    stream.on('close', done);
    out.on('close', closed);
  });
}

/**
 * How much of a worksheet's XML waits for the archiver: exceljs pipes the sheet into a
 * PassThrough (archiver's readable-stream) that zip-stream reads when it gets to that entry.
 * exceljs 4.4 / archiver 5 internals (pinned); without them the export still works, only
 * without this flow control.
 */
export interface SheetBacklog {
  stream: Writable;
  bytes(): number;
}
export function sheetBacklog(sheet: ExcelJS.Worksheet): SheetBacklog | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const first = (Array.isArray(pipes) ? pipes[0] : undefined) as (Writable & { _writableState?: { length?: number } }) | undefined;
  if (!first || typeof first.on !== 'function') return null;
  const bytes = () => first.writableLength ?? first._writableState?.length ?? 0;
  return typeof bytes() === 'number' ? { stream: first, bytes } : null;
}

/**
 * After a batch of rows: pauses while the sheet's XML waits for the compressor beyond
 * `maxBacklogBytes`, then while the client is behind.
 */
export async function keepUp(sheet: ExcelJS.Worksheet, out: Writable, maxBacklogBytes = MAX_XML_BACKLOG_BYTES): Promise<void> {
  const backlog = sheetBacklog(sheet);
  if (backlog && backlog.bytes() > maxBacklogBytes) await drained(backlog.stream, out);
  await writable(out);
}

export function endStream(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.writableFinished) return resolve();
    out.once('error', reject);
    out.end(() => resolve());
  });
}
