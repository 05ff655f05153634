import { MAX_QTY_DECIMALS } from '@stockbridge/shared';
import {
  caseInsensitiveLookup,
  HeaderAlias,
  headerSchema,
  HeaderSchema,
  MappedCell,
  MappedRow,
  missingRequired,
  parseDateCell,
  parseQuantity,
  RowError,
  rowCells,
  TemplateSpec,
  UploadLimits,
} from '../supplier-inventory/parsing';

/**
 * The demand import's columns (plain TypeScript; the pipeline is the supplier upload's
 * `parseSpreadsheetFile`). Headers in English or Chinese, any order, case and spacing ignored.
 */
export const DEMAND_FIELDS = ['itemCode', 'locationCode', 'qty', 'needBy', 'reference'] as const;
export type DemandField = (typeof DEMAND_FIELDS)[number];

export const DEMAND_HEADER_ALIASES: ReadonlyMap<DemandField, HeaderAlias> = new Map<DemandField, HeaderAlias>([
  ['itemCode', { en: 'item_code', zh: '物料编码' }],
  ['locationCode', { en: 'location_code', zh: '仓库', also: ['site_code', '地点'] }],
  ['qty', { en: 'qty', zh: '需求数量', also: ['quantity', 'demand_qty', '数量'] }],
  ['needBy', { en: 'need_by', zh: '需求日期', also: ['need_by_date', 'due_date'] }],
  ['reference', { en: 'reference', zh: '参考号', also: ['ref'] }],
]);

/** item, location, quantity and need-by are required; reference is optional. */
export const DEMAND_HEADER_SCHEMA: HeaderSchema<DemandField> = headerSchema(DEMAND_HEADER_ALIASES, (columns) =>
  missingRequired(DEMAND_HEADER_ALIASES, columns, ['itemCode', 'locationCode', 'qty', 'needBy']),
);

/** The longest reference kept (POST /demands refuses longer ones the same way). */
export const MAX_REFERENCE_CHARS = 100;

export interface DemandItemRef {
  itemId: string;
  code: string;
  decimals: number;
}

export interface DemandLocationRef {
  locationId: string;
  code: string;
}

export interface DemandImportContext {
  itemsByCode: ReadonlyMap<string, DemandItemRef>;
  locationsByCode: ReadonlyMap<string, DemandLocationRef>;
  limits: UploadLimits;
}

/** A row ready to become a demand. */
export interface DemandRow {
  rowNumber: number;
  itemId: string;
  locationId: string;
  /** Normalised decimal string, > 0, within the item's decimals. */
  qty: string;
  needBy: string;
  reference: string | null;
}

const NEED_BY_LABEL = { en: 'need-by date', zh: '需求日期' };

/**
 * Validates the rows of one file: codes known to the tenant (case-insensitive when
 * unambiguous), a quantity > 0 within the item's decimals, a real need-by date, a reference
 * of at most {@link MAX_REFERENCE_CHARS}; the same (item, location, need-by, reference) twice
 * in a file is a DUPLICATE_ROW. Every problem of every row is reported, with the upload's codes:
 * REQUIRED, UNKNOWN_ITEM, UNKNOWN_SITE, INVALID_NUMBER (also for 0), NEGATIVE,
 * TOO_MANY_DECIMALS, INVALID_DATE, DUPLICATE_ROW, TOO_LONG.
 */
export function createDemandRowValidator(ctx: DemandImportContext): {
  validate(row: MappedRow<DemandField>): { ok: true; value: DemandRow } | { ok: false; errors: RowError[] };
} {
  const itemByCode = caseInsensitiveLookup(ctx.itemsByCode);
  const locationByCode = caseInsensitiveLookup(ctx.locationsByCode);
  const firstRowByKey = new Map<string, number>();
  const maxChars = ctx.limits.maxCellChars;
  const alias = (field: DemandField) => DEMAND_HEADER_ALIASES.get(field) as HeaderAlias;

  return {
    validate(row) {
      const { errors, fail, text, has } = rowCells(row, maxChars, alias);
      const cell = (field: DemandField) => row.cells.get(field) as MappedCell;
      const required = (field: DemandField) => fail(cell(field), 'REQUIRED', `${alias(field).en} is required.`, `${alias(field).zh}为必填项。`);

      const itemCode = text('itemCode');
      const item = itemCode !== null ? itemByCode(itemCode) : undefined;
      if (!has('itemCode')) required('itemCode');
      else if (itemCode !== null && !item) fail(cell('itemCode'), 'UNKNOWN_ITEM', `Item code "${itemCode}" is not known.`, `物料编码“${itemCode}”不存在。`);

      const locationCode = text('locationCode');
      const location = locationCode !== null ? locationByCode(locationCode) : undefined;
      if (!has('locationCode')) required('locationCode');
      else if (locationCode !== null && !location) {
        fail(cell('locationCode'), 'UNKNOWN_SITE', `Location "${locationCode}" is not a location of yours.`, `仓库“${locationCode}”不是贵方的仓库。`);
      }

      let qty: string | null = null;
      if (!has('qty')) required('qty');
      else {
        const decimals = Math.min(item?.decimals ?? MAX_QTY_DECIMALS, MAX_QTY_DECIMALS);
        const parsed = parseQuantity(cell('qty').value, decimals, maxChars);
        for (const p of parsed.problems) fail(cell('qty'), p.code, p.message, p.messageZh);
        if (parsed.problems.length === 0 && parsed.value === '0') {
          fail(cell('qty'), 'INVALID_NUMBER', 'The quantity must be greater than 0.', '数量必须大于 0。');
        } else if (parsed.problems.length === 0) qty = parsed.value;
      }

      let needBy: string | null = null;
      if (!has('needBy')) required('needBy');
      else {
        const parsed = parseDateCell(cell('needBy').value, NEED_BY_LABEL, maxChars);
        if (parsed.ok) needBy = parsed.value;
        else fail(cell('needBy'), parsed.code, parsed.message, parsed.messageZh);
      }

      const reference = text('reference');
      if (reference !== null && reference.length > MAX_REFERENCE_CHARS) {
        fail(cell('reference'), 'TOO_LONG', `reference is longer than ${MAX_REFERENCE_CHARS} characters.`, `参考号超过 ${MAX_REFERENCE_CHARS} 个字符。`);
      }

      if (item && location && needBy !== null) {
        const key = `${item.itemId}\u0000${location.locationId}\u0000${needBy}\u0000${reference ?? ''}`;
        const first = firstRowByKey.get(key);
        if (first === undefined) firstRowByKey.set(key, row.rowNumber);
        else {
          fail(cell('itemCode'), 'DUPLICATE_ROW', `Duplicate of row ${first}: same item, location, need-by date and reference.`, `与第 ${first} 行重复：物料、仓库、需求日期和参考号相同。`);
        }
      }

      if (errors.length > 0 || !item || !location || qty === null || needBy === null) return { ok: false, errors };
      return { ok: true, value: { rowNumber: row.rowNumber, itemId: item.itemId, locationId: location.locationId, qty, needBy, reference } };
    },
  };
}

/** GET /demands/template: the columns in this order, with an example row. */
export function demandTemplateSpec(example: { itemCode: string; locationCode: string; qty: string; needBy: string }): TemplateSpec {
  const col = (field: DemandField) => DEMAND_HEADER_ALIASES.get(field) as HeaderAlias;
  return {
    sheetName: { en: 'demand', zh: '需求' },
    columns: [
      { alias: col('itemCode'), required: 'yes / 是', en: 'Your item code.', zh: '物料编码。', format: 'text', width: 18, example: example.itemCode },
      {
        alias: col('locationCode'),
        required: 'yes / 是',
        en: 'The code of your location (site) the demand is for. Also accepted as header: site_code.',
        zh: '需求所在的仓库（地点）代码。表头也可写 site_code。',
        format: 'text',
        width: 18,
        example: example.locationCode,
      },
      {
        alias: col('qty'),
        required: 'yes / 是',
        en: "Quantity needed, greater than 0, with at most the item's decimals. A number or plain text like 12.5 — no thousands separators.",
        zh: '需求数量，大于 0，小数位不超过物料允许的位数。填写数字或 12.5 这样的文本，不要使用千位分隔符。',
        format: 'qty',
        width: 14,
        validation: 'positive',
        example: example.qty,
      },
      {
        alias: col('needBy'),
        required: 'yes / 是',
        en: 'The date it is needed by: a date cell, or text YYYY-MM-DD.',
        zh: '需求日期：日期格式单元格，或 YYYY-MM-DD 格式的文本。',
        format: 'date',
        width: 14,
        validation: 'date',
        example: example.needBy,
      },
      {
        alias: col('reference'),
        required: 'no / 否',
        en: `Optional: an order, project or work order number (at most ${MAX_REFERENCE_CHARS} characters).`,
        zh: `选填：订单、项目或工单号（最多 ${MAX_REFERENCE_CHARS} 个字符）。`,
        format: 'text',
        width: 20,
        example: 'SO-2026-001',
      },
    ],
    general: {
      en: 'One row per demand. Headers may be English or Chinese, in any order; other columns are ignored. Only the first visible sheet is read. Upload .xlsx or CSV (UTF-8 or GB18030). The whole file is imported or nothing: fix every listed row and upload again. The same file twice is imported once.',
      zh: '每行一条需求。表头可用英文或中文，顺序不限，其他列会被忽略。只读取第一个可见工作表。请上传 .xlsx 或 CSV（UTF-8 或 GB18030）。整个文件要么全部导入，要么都不导入：请修改列出的每一行后重新上传。同一文件只导入一次。',
    },
  };
}
