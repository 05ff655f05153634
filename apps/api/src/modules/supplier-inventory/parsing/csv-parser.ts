import { UploadLimits } from './limits';
import { invalidFile, tooLarge } from './upload-errors';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based record number: the row a spreadsheet program shows for it. */
  rowNumber: number;
  values: string[];
}

type CsvLimits = Pick<UploadLimits, 'maxRows' | 'maxColumns' | 'maxCellChars'>;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

const HEADER_PROBE_CHARS = 256 * 1024;

/**
 * Streaming RFC 4180 reader over decoded text chunks: quoted fields, `""` escapes, CRLF /
 * LF / CR line ends, newlines inside quotes. The delimiter (`,` `;` or TAB) is the one that
 * occurs most often outside quotes in the first line. Lenient where Excel is lenient (a
 * stray quote inside an unquoted field is kept), strict where data would be lost (a quote
 * still open at the end of the file is an error).
 *
 * Limits are enforced as records are read: a record beyond `maxRows` (header included) or a
 * non-empty field beyond `maxColumns` stops reading at once (413); a field longer than
 * `maxCellChars` is kept to `maxCellChars + 1` characters so the validator can flag it
 * without the parser ever holding more.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<string>,
  limits: CsvLimits,
  onDelimiter?: (delimiter: CsvDelimiter) => void,
): AsyncGenerator<CsvRecord> {
  const maxField = limits.maxCellChars + 1;
  let delimiter: number | null = null;
  let pending = '';
  let first = true;

  let state = State.FieldStart;
  let field = '';
  let fieldLength = 0;
  let record: string[] = [];
  let recordStarted = false;
  let rowNumber = 0;
  let quoteOpenedAtRow = 0;
  let skipLf = false;
  let completed: CsvRecord[] = [];

  const startRecordIfNeeded = () => {
    if (recordStarted) return;
    recordStarted = true;
    rowNumber++;
    if (rowNumber > limits.maxRows) {
      throw tooLarge(
        'TOO_MANY_ROWS',
        `The file has more than ${limits.maxRows.toLocaleString('en-US')} rows (row ${rowNumber.toLocaleString('en-US')} was reached); split it into smaller files.`,
        `文件超过 ${limits.maxRows} 行（已读到第 ${rowNumber} 行），请拆分为多个较小的文件。`,
      );
    }
  };
  const append = (text: string) => {
    if (fieldLength >= maxField) return;
    const room = maxField - fieldLength;
    const piece = text.length > room ? text.slice(0, room) : text;
    field += piece;
    fieldLength += piece.length;
  };
  const endField = () => {
    if (record.length >= limits.maxColumns && field !== '') {
      throw tooLarge(
        'TOO_MANY_COLUMNS',
        `Row ${rowNumber} has a value in column ${record.length + 1}; at most ${limits.maxColumns} columns are accepted.`,
        `第 ${rowNumber} 行的第 ${record.length + 1} 列有内容，最多接受 ${limits.maxColumns} 列。`,
      );
    }
    if (record.length < limits.maxColumns) record.push(field);
    field = '';
    fieldLength = 0;
  };
  const endRecord = () => {
    endField();
    completed.push({ rowNumber, values: record });
    record = [];
    recordStarted = false;
    state = State.FieldStart;
  };

  const consume = (text: string) => {
    const d = delimiter as number;
    let i = 0;
    if (skipLf && text.length > 0) {
      skipLf = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (state) {
        case State.FieldStart:
        case State.Unquoted: {
          if (c === d) {
            startRecordIfNeeded();
            endField();
            state = State.FieldStart;
            i++;
          } else if (c === 13 || c === 10) {
            startRecordIfNeeded();
            endRecord();
            if (c === 13) {
              if (i + 1 < n) {
                if (text.charCodeAt(i + 1) === 10) i++;
              } else {
                skipLf = true;
              }
            }
            i++;
          } else if (c === 34 && state === State.FieldStart) {
            startRecordIfNeeded();
            state = State.Quoted;
            quoteOpenedAtRow = rowNumber;
            i++;
          } else {
            startRecordIfNeeded();
            state = State.Unquoted;
            // Copy the run up to the next special character in one slice.
            let j = i + 1;
            while (j < n) {
              const cj = text.charCodeAt(j);
              if (cj === d || cj === 13 || cj === 10) break;
              j++;
            }
            append(text.slice(i, j));
            i = j;
          }
          break;
        }
        case State.Quoted: {
          const close = text.indexOf('"', i);
          if (close === -1) {
            append(text.slice(i));
            i = n;
          } else {
            append(text.slice(i, close));
            state = State.QuoteInQuoted;
            i = close + 1;
          }
          break;
        }
        case State.QuoteInQuoted: {
          if (c === 34) {
            append('"');
            state = State.Quoted;
            i++;
          } else if (c === d || c === 13 || c === 10) {
            state = State.Unquoted; // the field is closed; the separator is handled there
          } else {
            // `"abc"def`: Excel keeps the trailing text; so do we.
            state = State.Unquoted;
          }
          break;
        }
      }
    }
  };

  for await (const chunk of chunks) {
    let text = chunk;
    if (first) {
      pending += text;
      if (pending.length > 0 && pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      if (!/[\r\n]/.test(pending) && pending.length < HEADER_PROBE_CHARS) continue;
      text = pending;
      pending = '';
      first = false;
      delimiter = detectDelimiter(text).charCodeAt(0);
      onDelimiter?.(String.fromCharCode(delimiter) as CsvDelimiter);
    }
    consume(text);
    if (completed.length > 0) {
      const batch = completed;
      completed = [];
      yield* batch;
    }
  }
  if (first) {
    // The whole file was shorter than the probe and had no line end.
    first = false;
    delimiter = detectDelimiter(pending).charCodeAt(0);
    onDelimiter?.(String.fromCharCode(delimiter) as CsvDelimiter);
    consume(pending);
  }
  if ((state as State) === State.Quoted) {
    throw invalidFile(
      'UNTERMINATED_QUOTE',
      `Row ${quoteOpenedAtRow} opens a quoted value that is never closed; check for a stray " character.`,
      `第 ${quoteOpenedAtRow} 行有未闭合的引号，请检查多余的 " 字符。`,
    );
  }
  if (recordStarted) endRecord();
  yield* completed;
}

/** The delimiter seen most often outside quotes on the first line (ties favour the comma). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}
