import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { UploadLimits } from './limits';
import { formatBytes } from './sniff';
import { invalidFile, tooLarge, unsupported, UploadRejectedError } from './upload-errors';
import { Watchdog } from './watchdog';

/** What the parser needs to know about a workbook before streaming its first sheet. */
export interface XlsxInspection {
  /** `workbookPr date1904` (serials count from 1904-01-01 instead of 1899-12-30). */
  date1904: boolean;
  /** The first visible sheet: the one that is read. */
  sheetName: string;
  /** Its part inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  sheetPath: string;
  /** Its `<dimension ref>`, when the sheet declares one near its start. */
  dimension: SheetDimension | null;
  /** Parts the row reader streams before the sheet (paths inside the zip). */
  parts: { workbook: string; workbookRels: string; styles: string | null; sharedStrings: string | null };
  /** Sum of the declared uncompressed sizes of every entry. */
  inflatedBytes: number;
  /** Names of hidden sheets before the chosen one, for a notice. */
  hiddenSheetsSkipped: string[];
}

export interface SheetDimension {
  ref: string;
  lastRow: number;
  lastColumn: number;
}

export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
export const CONTENT_TYPES_PART = '[Content_Types].xml';

/** Internal ceilings that are not user-facing limits (they bound memory, not business size). */
export const XLSX_GUARDS = Object.freeze({
  maxEntries: 10_000,
  /** workbook.xml, its rels and [Content_Types].xml are inflated whole: keep them small. */
  maxSmallPartBytes: 1024 * 1024,
  maxStylesBytes: 32 * 1024 * 1024,
  /** sharedStrings are cached in memory by the streaming reader. */
  maxSharedStringsBytes: 100 * 1024 * 1024,
  /** The `<dimension>` element precedes `<sheetData>`; never read further than this. */
  dimensionProbeBytes: 64 * 1024,
  bombRatio: 100,
  bombMinInflatedBytes: 10 * 1000 * 1000,
});

const REL_TYPE = {
  worksheet: /\/worksheet$/,
  styles: /\/styles$/,
  sharedStrings: /\/sharedStrings$/,
  macro: /\/(vbaProject|xlMacrosheet|xlIntlMacrosheet)$/i,
};

/**
 * Reads the zip central directory (nothing inflated) and refuses encrypted entries,
 * non-xlsx zips, macro-enabled workbooks and anything whose inflated size is beyond the
 * limits or looks like a zip bomb. Only then inflates the small parts that say which sheet
 * to read (`[Content_Types].xml`, `xl/workbook.xml`, its rels) and the first bytes of that
 * sheet for its `<dimension>`.
 */
export async function inspectXlsx(filePath: string, limits: UploadLimits, watchdog?: Watchdog): Promise<XlsxInspection> {
  const zip = await openZip(filePath, watchdog);
  try {
    const entries = await readZipDirectory(zip, watchdog);
    return await inspectEntries(zip, entries, limits, watchdog);
  } finally {
    zip.close();
  }
}

async function inspectEntries(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  limits: UploadLimits,
  watchdog?: Watchdog,
): Promise<XlsxInspection> {
  for (const entry of entries.values()) {
    if (entry.isEncrypted()) {
      throw unsupported(
        'ENCRYPTED_ZIP_ENTRY',
        `The workbook is encrypted (entry "${entry.fileName}"). Remove the password and upload again.`,
        `工作簿已加密（条目“${entry.fileName}”）。请取消密码保护后重新上传。`,
      );
    }
  }
  if (!entries.has(CONTENT_TYPES_PART) || !entries.has(WORKBOOK_PART)) {
    throw unsupported(
      'NOT_AN_XLSX',
      `The file is a zip archive but not an Excel workbook (no ${entries.has(CONTENT_TYPES_PART) ? WORKBOOK_PART : CONTENT_TYPES_PART}).`,
      '该文件是 zip 压缩包，但不是 Excel 工作簿。',
    );
  }
  for (const name of entries.keys()) {
    if (/(^|\/)vbaProject\.bin$/i.test(name)) throw macroEnabled();
  }

  let inflatedBytes = 0;
  for (const entry of entries.values()) {
    inflatedBytes += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (ratio > XLSX_GUARDS.bombRatio && entry.uncompressedSize > XLSX_GUARDS.bombMinInflatedBytes) {
      throw tooLarge(
        'ZIP_BOMB',
        `The workbook entry "${entry.fileName}" inflates ${Math.round(ratio)}× to ${formatBytes(entry.uncompressedSize)}; it is refused as a zip bomb.`,
        `工作簿条目“${entry.fileName}”解压后膨胀 ${Math.round(ratio)} 倍至 ${formatBytes(entry.uncompressedSize)}，被视为压缩炸弹而拒绝。`,
      );
    }
  }
  if (inflatedBytes > limits.maxInflatedBytes) {
    throw tooLarge(
      'INFLATED_TOO_LARGE',
      `The workbook inflates to ${formatBytes(inflatedBytes)}; the limit is ${formatBytes(limits.maxInflatedBytes)}.`,
      `工作簿解压后为 ${formatBytes(inflatedBytes)}，超过上限 ${formatBytes(limits.maxInflatedBytes)}。`,
    );
  }

  const contentTypes = await inflateSmallPart(zip, entries, CONTENT_TYPES_PART, watchdog);
  if (/macroEnabled|vbaProject|macrosheet/i.test(contentTypes)) throw macroEnabled();

  const workbookXml = await inflateSmallPart(zip, entries, WORKBOOK_PART, watchdog);
  if (workbookXml.includes('http://purl.oclc.org/ooxml/spreadsheetml/main')) {
    throw unsupported(
      'STRICT_OOXML',
      'The workbook is saved as "Strict Open XML Spreadsheet". Save it as "Excel Workbook (.xlsx)" and upload again.',
      '该工作簿以“Strict Open XML 电子表格”格式保存。请另存为“Excel 工作簿 (.xlsx)”后重新上传。',
    );
  }
  if (!entries.has(WORKBOOK_RELS_PART)) {
    throw unsupported('NOT_AN_XLSX', `The workbook has no ${WORKBOOK_RELS_PART}.`, '工作簿缺少关系文件，无法读取。');
  }
  const relsXml = await inflateSmallPart(zip, entries, WORKBOOK_RELS_PART, watchdog);

  const rels = new Map<string, { type: string; target: string }>();
  for (const attrs of findTags(relsXml, 'Relationship')) {
    const id = attrs.get('Id');
    const type = attrs.get('Type') ?? '';
    const target = attrs.get('Target');
    if (!id || !target || attrs.get('TargetMode') === 'External') continue;
    if (REL_TYPE.macro.test(type)) throw macroEnabled();
    rels.set(id, { type, target: resolvePartPath('xl', target) });
  }
  const relOfType = (pattern: RegExp) => [...rels.values()].find((rel) => pattern.test(rel.type))?.target ?? null;
  const styles = existingPart(entries, relOfType(REL_TYPE.styles));
  const sharedStrings = existingPart(entries, relOfType(REL_TYPE.sharedStrings));
  checkPartSize(entries, styles, XLSX_GUARDS.maxStylesBytes);
  checkPartSize(entries, sharedStrings, Math.min(XLSX_GUARDS.maxSharedStringsBytes, limits.maxInflatedBytes));

  const date1904 = [...findTags(workbookXml, 'workbookPr')].some((attrs) => isTrue(attrs.get('date1904')));

  const hiddenSheetsSkipped: string[] = [];
  let chosen: { name: string; path: string } | null = null;
  for (const attrs of findTags(workbookXml, 'sheet')) {
    const name = attrs.get('name') ?? '';
    const state = attrs.get('state') ?? 'visible';
    if (state === 'hidden' || state === 'veryHidden') {
      hiddenSheetsSkipped.push(name);
      continue;
    }
    const rel = rels.get(namespacedId(attrs) ?? '');
    if (!rel || !REL_TYPE.worksheet.test(rel.type)) {
      throw invalidFile(
        'NO_VISIBLE_WORKSHEET',
        `The first visible sheet "${name}" is not a worksheet (a chart or dialog sheet). Move the data sheet to the front.`,
        `第一个可见工作表“${name}”不是数据工作表（而是图表或对话框工作表）。请将数据工作表移到最前面。`,
      );
    }
    if (!entries.has(rel.target)) {
      throw unsupported('NOT_AN_XLSX', `The workbook refers to a missing sheet part "${rel.target}".`, '工作簿引用了不存在的工作表，文件已损坏。');
    }
    chosen = { name, path: rel.target };
    break;
  }
  if (!chosen) {
    throw invalidFile('NO_VISIBLE_WORKSHEET', 'The workbook has no visible worksheet.', '工作簿中没有可见的工作表。');
  }

  const dimension = await probeDimension(zip, entries.get(chosen.path) as yauzl.Entry, watchdog);
  if (dimension && (dimension.lastRow > limits.maxRows || dimension.lastColumn > limits.maxColumns)) {
    throw tooLarge(
      'DIMENSION_TOO_LARGE',
      `Sheet "${chosen.name}" spans ${dimension.ref} (${dimension.lastRow.toLocaleString('en-US')} rows × ${dimension.lastColumn} columns); the limits are ${limits.maxRows.toLocaleString('en-US')} rows and ${limits.maxColumns} columns.`,
      `工作表“${chosen.name}”的范围为 ${dimension.ref}（${dimension.lastRow} 行 × ${dimension.lastColumn} 列），上限为 ${limits.maxRows} 行、${limits.maxColumns} 列。`,
    );
  }

  return {
    date1904,
    sheetName: chosen.name,
    sheetPath: chosen.path,
    dimension,
    parts: { workbook: WORKBOOK_PART, workbookRels: WORKBOOK_RELS_PART, styles, sharedStrings },
    inflatedBytes,
    hiddenSheetsSkipped,
  };
}

/** Opens the zip for random access; a file that is not a readable zip is a 415. */
export async function openZip(filePath: string, watchdog?: Watchdog): Promise<yauzl.ZipFile> {
  try {
    const opening = yauzl.openPromise(filePath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
    return await (watchdog ? watchdog.race(opening) : opening);
  } catch (error) {
    throw asZipError(error);
  }
}

/** Central directory only: names, sizes and flags; refuses duplicates and absurd entry counts. */
export async function readZipDirectory(zip: yauzl.ZipFile, watchdog?: Watchdog): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > XLSX_GUARDS.maxEntries) {
    throw tooLarge(
      'TOO_MANY_ZIP_ENTRIES',
      `The workbook has ${zip.entryCount} parts; at most ${XLSX_GUARDS.maxEntries} are accepted.`,
      `工作簿包含 ${zip.entryCount} 个部件，最多接受 ${XLSX_GUARDS.maxEntries} 个。`,
    );
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    const iterator = zip.eachEntry();
    for (;;) {
      const next = iterator.next();
      const { value, done } = await (watchdog ? watchdog.race(next) : next);
      if (done) break;
      const entry = value as yauzl.Entry;
      if (entries.has(entry.fileName)) {
        throw unsupported('MALFORMED_ZIP', `The zip archive lists "${entry.fileName}" twice.`, `zip 压缩包中“${entry.fileName}”重复出现，文件无效。`);
      }
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    throw asZipError(error);
  }
  return entries;
}

/** A stream of one entry's inflated bytes; yauzl enforces that it matches the declared size. */
export async function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry, watchdog?: Watchdog): Promise<Readable> {
  try {
    const opening = zip.openReadStreamPromise(entry);
    return await (watchdog ? watchdog.race(opening) : opening);
  } catch (error) {
    throw asZipError(error);
  }
}

/** Maps zip-level failures to rejections: lying sizes are bombs, anything else is malformed. */
export function asZipError(error: unknown): UploadRejectedError {
  if (error instanceof UploadRejectedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/too many bytes in the stream|expected .* got/i.test(message)) {
    return tooLarge(
      'ZIP_BOMB',
      'A workbook entry inflates beyond the size its zip directory declares; it is refused as a zip bomb.',
      '工作簿条目解压后超出其声明的大小，被视为压缩炸弹而拒绝。',
      error,
    );
  }
  if (/compression method/i.test(message)) {
    return unsupported('MALFORMED_ZIP', 'The workbook uses an unsupported zip compression method.', '工作簿使用了不支持的 zip 压缩方式。', error);
  }
  return unsupported(
    'MALFORMED_ZIP',
    `The file starts like a zip archive but cannot be read as one (${message}).`,
    '该文件看似 zip 压缩包，但无法读取（文件已损坏或被截断）。',
    error,
  );
}

async function inflateSmallPart(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  path: string,
  watchdog?: Watchdog,
): Promise<string> {
  const entry = entries.get(path) as yauzl.Entry;
  checkPartSize(entries, path, XLSX_GUARDS.maxSmallPartBytes);
  const stream = await openEntryStream(zip, entry, watchdog);
  const chunks: Buffer[] = [];
  try {
    const reading = (async () => {
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    })();
    await (watchdog ? watchdog.race(reading) : reading);
  } catch (error) {
    throw asZipError(error);
  } finally {
    stream.destroy();
  }
  const xml = Buffer.concat(chunks).toString('utf8');
  refuseDtd(xml, path);
  return stripComments(xml);
}

/** Reads the sheet only until its `<dimension>` (or `<sheetData>`) shows up. */
async function probeDimension(zip: yauzl.ZipFile, entry: yauzl.Entry, watchdog?: Watchdog): Promise<SheetDimension | null> {
  const stream = await openEntryStream(zip, entry, watchdog);
  let text = '';
  try {
    const reading = (async () => {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        text += chunk.toString('latin1');
        if (/<(?:\w+:)?sheetData[\s>/]/.test(text) || text.length >= XLSX_GUARDS.dimensionProbeBytes) break;
      }
    })();
    await (watchdog ? watchdog.race(reading) : reading);
  } catch (error) {
    throw asZipError(error);
  } finally {
    stream.destroy();
  }
  text = text.slice(0, XLSX_GUARDS.dimensionProbeBytes);
  refuseDtd(text, entry.fileName);
  const sheetDataAt = text.search(/<(?:\w+:)?sheetData[\s>/]/);
  const head = sheetDataAt >= 0 ? text.slice(0, sheetDataAt) : text;
  const attrs = [...findTags(head, 'dimension')][0];
  const ref = attrs?.get('ref');
  return ref ? parseDimensionRef(ref) : null;
}

/** `A1:H100` → last row 100, last column 8; `B2` → row 2, column 2. */
export function parseDimensionRef(ref: string): SheetDimension | null {
  const last = ref.split(':').pop() ?? '';
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(last.trim());
  if (!match) return null;
  return { ref, lastRow: Number(match[2]), lastColumn: columnNumber(match[1]) };
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Attribute maps of every `<prefix:localName …>` tag. A tiny, bounded scanner for the few
 * small parts read here (OOXML parts carry no DTD, so no entity beyond the five predefined
 * ones and character references).
 */
export function* findTags(xml: string, localName: string): Generator<Map<string, string>> {
  const tag = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const attrs = new Map<string, string>();
    const attr = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    for (let a = attr.exec(match[1]); a; a = attr.exec(match[1])) {
      attrs.set(a[1], decodeXmlEntities(a[2] ?? a[3] ?? ''));
    }
    yield attrs;
  }
}

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}

/** `r:id` — whatever prefix the relationships namespace got. */
function namespacedId(attrs: Map<string, string>): string | undefined {
  for (const [name, value] of attrs) if (/^[\w.-]+:id$/.test(name)) return value;
  return undefined;
}

/** Relationship targets are relative to the source part's folder, or absolute from the root. */
export function resolvePartPath(baseDir: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of target.replace(/^\/+/, '').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function existingPart(entries: Map<string, yauzl.Entry>, path: string | null): string | null {
  return path !== null && entries.has(path) ? path : null;
}

function checkPartSize(entries: Map<string, yauzl.Entry>, path: string | null, max: number): void {
  const entry = path === null ? undefined : entries.get(path);
  if (entry && entry.uncompressedSize > max) {
    throw tooLarge(
      'PART_TOO_LARGE',
      `The workbook part "${path}" is ${formatBytes(entry.uncompressedSize)}; at most ${formatBytes(max)} is accepted.`,
      `工作簿部件“${path}”为 ${formatBytes(entry.uncompressedSize)}，上限为 ${formatBytes(max)}。`,
    );
  }
}

function refuseDtd(xml: string, path: string): void {
  if (/<!DOCTYPE/i.test(xml)) {
    throw unsupported('NOT_AN_XLSX', `The workbook part "${path}" declares a DTD, which Excel never writes.`, '工作簿部件包含 DTD 声明，Excel 不会生成此类内容，文件被拒绝。');
  }
}

function stripComments(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->/g, '');
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function macroEnabled(): UploadRejectedError {
  return unsupported(
    'MACRO_ENABLED',
    'Macro-enabled workbooks (.xlsm, VBA or Excel 4.0 macros) are not accepted. Save as "Excel Workbook (.xlsx)" and upload again.',
    '不接受启用宏的工作簿（.xlsm、VBA 或 Excel 4.0 宏）。请另存为“Excel 工作簿 (.xlsx)”后重新上传。',
  );
}
