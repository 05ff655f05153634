import { createReadStream, promises as fs } from 'node:fs';
import * as iconv from 'iconv-lite';
import { UploadLimits } from './limits';
import { invalidFile, tooLarge, unsupported } from './upload-errors';
import { Watchdog } from './watchdog';

/** What the bytes say the file is; the file name is never trusted. */
export type SniffResult =
  | { kind: 'xlsx'; fileBytes: number }
  | { kind: 'csv'; fileBytes: number; encoding: CsvEncoding; bom: boolean };
export type CsvEncoding = 'utf8' | 'gb18030';

const ZIP_LOCAL_FILE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const GB18030_BOM = Buffer.from([0x84, 0x31, 0x95, 0x33]);

/** Well-known binary formats, named in the rejection so the user knows what they sent. */
const KNOWN_BINARY: readonly { magic: Buffer; name: string }[] = [
  { magic: Buffer.from('%PDF-', 'latin1'), name: 'a PDF document' },
  { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]), name: 'a PNG image' },
  { magic: Buffer.from([0xff, 0xd8, 0xff]), name: 'a JPEG image' },
  { magic: Buffer.from('GIF8', 'latin1'), name: 'a GIF image' },
  { magic: Buffer.from([0x1f, 0x8b]), name: 'a gzip archive' },
  { magic: Buffer.from('Rar!', 'latin1'), name: 'a RAR archive' },
  { magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), name: 'a 7-Zip archive' },
  { magic: Buffer.from([0x50, 0x4b, 0x05, 0x06]), name: 'an empty zip archive' },
  { magic: Buffer.from([0x50, 0x4b, 0x07, 0x08]), name: 'a split zip archive' },
  { magic: Buffer.from([0x7f, 0x45, 0x4c, 0x46]), name: 'an executable' },
  { magic: Buffer.from('MZ', 'latin1'), name: 'an executable' },
];

const SNIFF_HEAD_BYTES = 64 * 1024;

/**
 * Decides from the content whether the upload is an xlsx candidate (zip), a CSV candidate
 * (text that decodes as strict UTF-8, else as GB18030 without replacement characters, with
 * no NUL or other binary control bytes, whose first line has a delimiter), or neither (415).
 * Reads the whole file at most once, in chunks, keeping nothing.
 */
export async function sniffUploadFile(
  filePath: string,
  limits: UploadLimits,
  watchdog?: Watchdog,
): Promise<SniffResult> {
  const stat = await fs.stat(filePath);
  const fileBytes = stat.size;
  if (fileBytes > limits.maxFileBytes) {
    throw tooLarge(
      'FILE_TOO_LARGE',
      `The file is ${formatBytes(fileBytes)}; the limit is ${formatBytes(limits.maxFileBytes)}.`,
      `文件大小为 ${formatBytes(fileBytes)}，超过上限 ${formatBytes(limits.maxFileBytes)}。`,
    );
  }
  if (fileBytes === 0) {
    throw invalidFile('EMPTY_FILE', 'The file is empty.', '文件为空。');
  }

  const head = await readHead(filePath, Math.min(SNIFF_HEAD_BYTES, fileBytes));
  if (startsWith(head, ZIP_LOCAL_FILE)) return { kind: 'xlsx', fileBytes };
  if (startsWith(head, CFB)) {
    throw unsupported(
      'ENCRYPTED_OR_LEGACY_WORKBOOK',
      'This is an encrypted or legacy (.xls) workbook. Remove the password or save it as "Excel Workbook (.xlsx)" and upload again.',
      '该文件是加密的或旧版（.xls）工作簿。请取消密码保护，或另存为“Excel 工作簿 (.xlsx)”后重新上传。',
    );
  }
  for (const { magic, name } of KNOWN_BINARY) {
    if (startsWith(head, magic)) throw notASpreadsheet(`The file is ${name}`);
  }
  if (startsWith(head, Buffer.from([0xff, 0xfe])) || startsWith(head, Buffer.from([0xfe, 0xff]))) {
    throw unsupported(
      'UNSUPPORTED_TEXT_ENCODING',
      'The file is UTF-16 text ("Unicode Text"). Save it as "CSV UTF-8" or as an Excel workbook (.xlsx).',
      '该文件是 UTF-16 文本（“Unicode 文本”）。请另存为“CSV UTF-8”或 Excel 工作簿 (.xlsx)。',
    );
  }

  const bom = startsWith(head, UTF8_BOM);
  const textStart = head.subarray(bom ? 3 : startsWith(head, GB18030_BOM) ? 4 : 0);
  const leading = textStart.toString('latin1', 0, 256).trimStart().toLowerCase();
  if (leading.startsWith('<?xml') || leading.startsWith('<html') || leading.startsWith('<!doctype')) {
    throw notASpreadsheet('The file is an XML or HTML document (for example an "XML Spreadsheet 2003" or a web page saved as .xls)');
  }

  const encoding = await detectTextEncoding(filePath, watchdog);
  if (encoding === null) throw notASpreadsheet('The file is neither an xlsx workbook nor CSV text');

  const firstLine = firstNonEmptyLine(
    encoding === 'utf8' ? new TextDecoder('utf-8').decode(textStart) : iconv.decode(textStart, 'gb18030'),
  );
  if (!/[,;\t]/.test(firstLine)) {
    throw notASpreadsheet('The file is text but not CSV: its first line has no comma, semicolon or tab between columns');
  }
  return { kind: 'csv', fileBytes, encoding, bom: bom || (encoding === 'gb18030' && startsWith(head, GB18030_BOM)) };
}

/**
 * Strict UTF-8 first (ASCII is UTF-8, and GBK text is almost never valid UTF-8), then
 * GB18030 (a superset of GBK and GB2312). Any NUL or C0 control other than TAB/CR/LF/FF
 * means binary. Returns null when neither decoding is clean.
 */
async function detectTextEncoding(filePath: string, watchdog?: Watchdog): Promise<CsvEncoding | null> {
  // Pass 1: binary bytes anywhere, and strict UTF-8.
  let utf8Ok = true;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      watchdog?.check();
      if (hasBinaryControl(chunk)) return null;
      if (!utf8Ok) continue;
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        utf8Ok = false;
      }
    }
  } finally {
    stream.destroy();
  }
  if (utf8Ok) {
    try {
      utf8.decode();
      return 'utf8';
    } catch {
      // a truncated multi-byte sequence at the very end: not UTF-8
    }
  }
  // Pass 2, only for non-UTF-8 text: GB18030 must decode without replacement characters.
  return (await decodesAsGb18030(filePath, watchdog)) ? 'gb18030' : null;
}

async function decodesAsGb18030(filePath: string, watchdog?: Watchdog): Promise<boolean> {
  const gb = iconv.getDecoder('gb18030');
  const stream = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      watchdog?.check();
      if (gb.write(chunk).includes('\ufffd')) return false;
    }
  } finally {
    stream.destroy();
  }
  return !(gb.end() ?? '').includes('\ufffd');
}

function hasBinaryControl(chunk: Buffer): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

function firstNonEmptyLine(text: string): string {
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    if (line.trim() !== '') return line;
  }
  return '';
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

function notASpreadsheet(what: string) {
  return unsupported(
    'NOT_A_SPREADSHEET',
    `${what}. Upload an Excel workbook (.xlsx) or a CSV file.`,
    `${translateWhat(what)}。请上传 Excel 工作簿 (.xlsx) 或 CSV 文件。`,
  );
}

function translateWhat(what: string): string {
  if (what.includes('PDF')) return '该文件是 PDF 文档';
  if (what.includes('image')) return '该文件是图片';
  if (what.includes('archive')) return '该文件是压缩包';
  if (what.includes('executable')) return '该文件是可执行程序';
  if (what.includes('XML or HTML')) return '该文件是 XML 或 HTML 文档';
  if (what.includes('not CSV')) return '该文件是文本，但不是 CSV：第一行没有逗号、分号或制表符分隔的列';
  return '该文件既不是 xlsx 工作簿也不是 CSV 文本';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
