import { cellToText, cleanText } from './cell-values';
import { FileError, invalidFile, UploadRejectedError } from './upload-errors';

/** The columns an inventory upload understands, by their canonical (English) header. */
export const INVENTORY_FIELDS = ['supplierSku', 'itemCode', 'siteCode', 'availableQty', 'uom', 'lotNo', 'expiryDate'] as const;
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** Header aliases exactly as API.md lists them: the English header, then the Chinese one. */
export const HEADER_ALIASES: ReadonlyMap<InventoryField, { en: string; zh: string }> = new Map([
  ['supplierSku', { en: 'supplier_sku', zh: '供应商物料号' }],
  ['itemCode', { en: 'item_code', zh: '物料编码' }],
  ['siteCode', { en: 'site_code', zh: '仓库' }],
  ['availableQty', { en: 'available_qty', zh: '可用库存' }],
  ['uom', { en: 'uom', zh: '单位' }],
  ['lotNo', { en: 'lot_no', zh: '批次号' }],
  ['expiryDate', { en: 'expiry_date', zh: '有效期' }],
]);

/** Headers that name JavaScript object internals are refused outright (prototype pollution bait). */
const FORBIDDEN_HEADERS = new Set(['proto', 'constructor', 'prototype']);

/**
 * The comparison key of a header: Unicode NFKC (full-width letters, digits and the
 * ideographic space become ASCII), lower case, without spaces, `_`, `-`, `.` or a
 * required-marker `*`. So `Item Code`, `ITEM_CODE`, `item-code`, `ｉｔｅｍ＿ｃｏｄｅ` and
 * `物料 编码` all match their alias.
 */
export function normalizeHeader(text: string): string {
  return cleanText(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\s_\-.*\u3000]+/g, '');
}

const FIELD_BY_KEY: ReadonlyMap<string, InventoryField> = (() => {
  const map = new Map<string, InventoryField>();
  for (const [field, { en, zh }] of HEADER_ALIASES) {
    map.set(normalizeHeader(en), field);
    map.set(normalizeHeader(zh), field);
  }
  return map;
})();

/** Which field a header names, if any. */
export function fieldForHeader(header: string): InventoryField | undefined {
  return FIELD_BY_KEY.get(normalizeHeader(header));
}

export interface MappedColumn {
  field: InventoryField;
  /** 0-based column index (0 = column A). */
  index: number;
  /** The header as the file wrote it. */
  header: string;
}

export interface HeaderMap {
  /** Row number of the header row. */
  rowNumber: number;
  /** Every header cell as written ('' for an empty one), in column order. */
  headers: string[];
  /** Recognised columns, keyed by field (a Map: header text is never an object key). */
  columns: ReadonlyMap<InventoryField, MappedColumn>;
  /** Columns that were not recognised and are ignored. */
  ignored: { index: number; header: string }[];
}

export type HeaderAnalysis =
  | { ok: true; map: HeaderMap }
  | { ok: false; fatal: boolean; errors: FileError[]; recognised: number };

/**
 * Maps one candidate header row. Fatal findings (duplicate recognised columns, forbidden
 * headers) stop the search for a header row; missing columns only say "not this row".
 */
export function analyzeHeaderRow(rowNumber: number, values: readonly unknown[]): HeaderAnalysis {
  const headers = Array.from(values, (value) => cleanText(cellToText(value ?? null)));
  const columns = new Map<InventoryField, MappedColumn>();
  const ignored: { index: number; header: string }[] = [];
  const errors: FileError[] = [];

  headers.forEach((header, index) => {
    if (header === '') return;
    const key = normalizeHeader(header);
    if (FORBIDDEN_HEADERS.has(key)) {
      errors.push({
        reason: 'FORBIDDEN_HEADER',
        column: header,
        message: `The header "${header}" is not allowed; rename or remove that column.`,
        messageZh: `不允许使用表头“${header}”，请重命名或删除该列。`,
      });
      return;
    }
    const field = FIELD_BY_KEY.get(key);
    if (!field) {
      ignored.push({ index, header });
      return;
    }
    const existing = columns.get(field);
    if (existing) {
      const alias = HEADER_ALIASES.get(field) as { en: string; zh: string };
      errors.push({
        reason: 'DUPLICATE_COLUMNS',
        column: header,
        message: `Columns "${existing.header}" and "${header}" both mean ${alias.en} (${alias.zh}); keep only one.`,
        messageZh: `列“${existing.header}”和“${header}”都表示 ${alias.zh}（${alias.en}），请只保留一列。`,
      });
      return;
    }
    columns.set(field, { field, index, header });
  });

  if (errors.length > 0) return { ok: false, fatal: true, errors, recognised: columns.size };

  const missing = missingColumns(columns);
  if (missing.length > 0) return { ok: false, fatal: false, errors: missing, recognised: columns.size };
  return { ok: true, map: { rowNumber, headers, columns, ignored } };
}

function missingColumns(columns: ReadonlyMap<InventoryField, MappedColumn>): FileError[] {
  const errors: FileError[] = [];
  const describe = (field: InventoryField) => {
    const { en, zh } = HEADER_ALIASES.get(field) as { en: string; zh: string };
    return { en, zh };
  };
  for (const field of ['siteCode', 'availableQty'] as const) {
    if (columns.has(field)) continue;
    const { en, zh } = describe(field);
    errors.push({
      reason: 'MISSING_COLUMNS',
      column: en,
      message: `Missing the required column ${en} (also accepted: ${zh}).`,
      messageZh: `缺少必需的列 ${zh}（也可使用 ${en}）。`,
    });
  }
  if (!columns.has('itemCode') && !columns.has('supplierSku')) {
    const item = describe('itemCode');
    const sku = describe('supplierSku');
    errors.push({
      reason: 'MISSING_COLUMNS',
      column: item.en,
      message: `Missing an item column: ${item.en} (${item.zh}) or ${sku.en} (${sku.zh}).`,
      messageZh: `缺少物料列：${item.zh}（${item.en}）或 ${sku.zh}（${sku.en}）。`,
    });
  }
  return errors;
}

/** How many leading non-empty rows may precede the header (a title, a note). */
export const MAX_ROWS_BEFORE_HEADER = 10;

/**
 * Finds the header row among the first non-empty rows: the first row that maps every
 * required column. Gives up with a 422 listing what is missing from the most promising
 * candidate, or at once on a fatal header problem.
 */
export class HeaderRowFinder {
  private best: { rowNumber: number; errors: FileError[]; recognised: number } | null = null;
  private seen = 0;

  /** Returns the map when `values` is the header row, null to try the next row; throws when hopeless. */
  offer(rowNumber: number, values: readonly unknown[]): HeaderMap | null {
    this.seen++;
    const analysis = analyzeHeaderRow(rowNumber, values);
    if (analysis.ok) return analysis.map;
    if (analysis.fatal) throw headerRejected(rowNumber, analysis.errors);
    if (!this.best || analysis.recognised > this.best.recognised) {
      this.best = { rowNumber, errors: analysis.errors, recognised: analysis.recognised };
    }
    if (this.seen >= MAX_ROWS_BEFORE_HEADER) throw this.giveUp();
    return null;
  }

  /** The rejection when the rows ran out (or the search window closed) without a header. */
  giveUp(): UploadRejectedError {
    if (!this.best) {
      return invalidFile('NO_HEADER_ROW', 'The sheet is empty: no header row and no data.', '工作表为空：没有表头也没有数据。');
    }
    return headerRejected(this.best.rowNumber, this.best.errors);
  }
}

function headerRejected(rowNumber: number, errors: FileError[]): UploadRejectedError {
  const reason = errors[0]?.reason ?? 'MISSING_COLUMNS';
  const accepted = [...HEADER_ALIASES.values()].map(({ en, zh }) => `${en} / ${zh}`).join(', ');
  const detail =
    `The header row (row ${rowNumber}) cannot be used: ${errors.map((e) => e.message).join(' ')}` +
    ` Accepted headers (English / Chinese, any order, case and spaces ignored): ${accepted}.`;
  const detailZh = `表头行（第 ${rowNumber} 行）无法使用：${errors.map((e) => e.messageZh).join('')}可用表头（英文 / 中文，顺序不限，忽略大小写和空格）：${accepted}。`;
  return invalidFile(reason, detail, detailZh, { errors });
}
