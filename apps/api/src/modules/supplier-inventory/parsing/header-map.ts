import { cellToText, cleanText } from './cell-values';
import { FileError, invalidFile, UploadRejectedError } from './upload-errors';

/** The columns an inventory upload understands, by their canonical (English) header. */
export const INVENTORY_FIELDS = ['supplierSku', 'itemCode', 'siteCode', 'availableQty', 'uom', 'lotNo', 'expiryDate'] as const;
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** A field's headers: the English one, the Chinese one, and any further accepted spellings. */
export interface HeaderAlias {
  en: string;
  zh: string;
  /** Other headers meaning the same field (e.g. `location_code` besides `site_code`). */
  also?: readonly string[];
}

/** Header aliases exactly as API.md lists them: the English header, then the Chinese one. */
export const HEADER_ALIASES: ReadonlyMap<InventoryField, HeaderAlias> = new Map([
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

/**
 * What one kind of upload understands in its header row: each field's aliases and which
 * columns a header row must have. Built once per kind by {@link headerSchema}; the header
 * finder, the row mapping and the messages all follow it.
 */
export interface HeaderSchema<F extends string> {
  aliases: ReadonlyMap<F, HeaderAlias>;
  /** Findings for the required columns `columns` lacks; empty when the row is usable. */
  missing(columns: ReadonlyMap<F, MappedColumn<F>>): FileError[];
  /** Which field a header names, if any (aliases compared by {@link normalizeHeader}). */
  fieldFor(header: string): F | undefined;
}

/** A header schema from the aliases and the required-columns rule. */
export function headerSchema<F extends string>(
  aliases: ReadonlyMap<F, HeaderAlias>,
  missing: (columns: ReadonlyMap<F, MappedColumn<F>>) => FileError[],
): HeaderSchema<F> {
  const byKey = new Map<string, F>();
  for (const [field, { en, zh, also }] of aliases) {
    for (const header of [en, zh, ...(also ?? [])]) byKey.set(normalizeHeader(header), field);
  }
  return { aliases, missing, fieldFor: (header) => byKey.get(normalizeHeader(header)) };
}

/** "Missing the required column x (also accepted: y)." for each required field absent. */
export function missingRequired<F extends string>(aliases: ReadonlyMap<F, HeaderAlias>, columns: ReadonlyMap<F, MappedColumn<F>>, required: readonly F[]): FileError[] {
  const errors: FileError[] = [];
  for (const field of required) {
    if (columns.has(field)) continue;
    const { en, zh, also } = aliases.get(field) as HeaderAlias;
    const others = [zh, ...(also ?? [])].join(', ');
    errors.push({
      reason: 'MISSING_COLUMNS',
      column: en,
      message: `Missing the required column ${en} (also accepted: ${others}).`,
      messageZh: `缺少必需的列 ${zh}（也可使用 ${[en, ...(also ?? [])].join('、')}）。`,
    });
  }
  return errors;
}

/** The supplier-inventory header: site and quantity, and an item by code or by supplier SKU. */
export const INVENTORY_HEADER_SCHEMA: HeaderSchema<InventoryField> = headerSchema(HEADER_ALIASES, (columns) => {
  const errors = missingRequired(HEADER_ALIASES, columns, ['siteCode', 'availableQty']);
  if (!columns.has('itemCode') && !columns.has('supplierSku')) {
    const item = HEADER_ALIASES.get('itemCode') as HeaderAlias;
    const sku = HEADER_ALIASES.get('supplierSku') as HeaderAlias;
    errors.push({
      reason: 'MISSING_COLUMNS',
      column: item.en,
      message: `Missing an item column: ${item.en} (${item.zh}) or ${sku.en} (${sku.zh}).`,
      messageZh: `缺少物料列：${item.zh}（${item.en}）或 ${sku.zh}（${sku.en}）。`,
    });
  }
  return errors;
});

/** Which inventory field a header names, if any. */
export function fieldForHeader(header: string): InventoryField | undefined {
  return INVENTORY_HEADER_SCHEMA.fieldFor(header);
}

export interface MappedColumn<F extends string = InventoryField> {
  field: F;
  /** 0-based column index (0 = column A). */
  index: number;
  /** The header as the file wrote it. */
  header: string;
}

export interface HeaderMap<F extends string = InventoryField> {
  /** Row number of the header row. */
  rowNumber: number;
  /** Every header cell as written ('' for an empty one), in column order. */
  headers: string[];
  /** Recognised columns, keyed by field (a Map: header text is never an object key). */
  columns: ReadonlyMap<F, MappedColumn<F>>;
  /** Columns that were not recognised and are ignored. */
  ignored: { index: number; header: string }[];
}

export type HeaderAnalysis<F extends string = InventoryField> =
  | { ok: true; map: HeaderMap<F> }
  | { ok: false; fatal: boolean; errors: FileError[]; recognised: number };

/**
 * Maps one candidate header row. Fatal findings (duplicate recognised columns, forbidden
 * headers) stop the search for a header row; missing columns only say "not this row".
 */
export function analyzeHeaderRow(rowNumber: number, values: readonly unknown[]): HeaderAnalysis {
  return analyzeHeaderRowWith(INVENTORY_HEADER_SCHEMA, rowNumber, values);
}

/** {@link analyzeHeaderRow} for any kind of upload. */
export function analyzeHeaderRowWith<F extends string>(schema: HeaderSchema<F>, rowNumber: number, values: readonly unknown[]): HeaderAnalysis<F> {
  const headers = Array.from(values, (value) => cleanText(cellToText(value ?? null)));
  const columns = new Map<F, MappedColumn<F>>();
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
    const field = schema.fieldFor(header);
    if (!field) {
      ignored.push({ index, header });
      return;
    }
    const existing = columns.get(field);
    if (existing) {
      const alias = schema.aliases.get(field) as HeaderAlias;
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

  const missing = schema.missing(columns);
  if (missing.length > 0) return { ok: false, fatal: false, errors: missing, recognised: columns.size };
  return { ok: true, map: { rowNumber, headers, columns, ignored } };
}

/** How many leading non-empty rows may precede the header (a title, a note). */
export const MAX_ROWS_BEFORE_HEADER = 10;

/**
 * Finds the header row among the first non-empty rows: the first row that maps every
 * required column. Gives up with a 422 listing what is missing from the most promising
 * candidate, or at once on a fatal header problem.
 */
export class HeaderRowFinder<F extends string = InventoryField> {
  private best: { rowNumber: number; errors: FileError[]; recognised: number } | null = null;
  private seen = 0;

  /** `schema` defaults to the supplier-inventory header. */
  constructor(private readonly schema: HeaderSchema<F> = INVENTORY_HEADER_SCHEMA as unknown as HeaderSchema<F>) {}

  /** Returns the map when `values` is the header row, null to try the next row; throws when hopeless. */
  offer(rowNumber: number, values: readonly unknown[]): HeaderMap<F> | null {
    this.seen++;
    const analysis = analyzeHeaderRowWith(this.schema, rowNumber, values);
    if (analysis.ok) return analysis.map;
    if (analysis.fatal) throw headerRejected(this.schema, rowNumber, analysis.errors);
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
    return headerRejected(this.schema, this.best.rowNumber, this.best.errors);
  }
}

function headerRejected<F extends string>(schema: HeaderSchema<F>, rowNumber: number, errors: FileError[]): UploadRejectedError {
  const reason = errors[0]?.reason ?? 'MISSING_COLUMNS';
  const accepted = [...schema.aliases.values()].map(({ en, zh, also }) => [en, ...(also ?? []), zh].join(' / ')).join(', ');
  const detail =
    `The header row (row ${rowNumber}) cannot be used: ${errors.map((e) => e.message).join(' ')}` +
    ` Accepted headers (English / Chinese, any order, case and spaces ignored): ${accepted}.`;
  const detailZh = `表头行（第 ${rowNumber} 行）无法使用：${errors.map((e) => e.messageZh).join('')}可用表头（英文 / 中文，顺序不限，忽略大小写和空格）：${accepted}。`;
  return invalidFile(reason, detail, detailZh, { errors });
}
