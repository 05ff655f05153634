import { MAX_QTY_DECIMALS, UploadRowErrorCode } from '@stockbridge/shared';
import { cellToText, cleanText, displayValue, excelNumberToDecimalString, isBlank, isCellError, toIsoDate } from './cell-values';
import { HEADER_ALIASES, HeaderAlias, HeaderMap, InventoryField } from './header-map';
import { UploadLimits } from './limits';

export interface ItemRef {
  itemId: string;
  code: string;
  uom: string;
  /** Decimals a quantity of this item may carry (0–6). */
  decimals: number;
}

export interface SiteRef {
  siteId: string;
  code: string;
}

export interface RowValidationContext {
  itemsByCode: ReadonlyMap<string, ItemRef>;
  itemsBySupplierSku: ReadonlyMap<string, ItemRef>;
  /** When given, a site code not in it is UNKNOWN_SITE; when absent, sites are checked by the service. */
  sitesByCode?: ReadonlyMap<string, SiteRef>;
  limits: UploadLimits;
}

/** A row ready to be applied. Quantities are decimal strings, dates `YYYY-MM-DD`. */
export interface ValidRow {
  rowNumber: number;
  siteCode: string;
  /** Set when the context knows the sites. */
  siteId: string | null;
  itemId: string;
  itemCode: string;
  supplierSku: string | null;
  availableQty: string;
  uom: string | null;
  lotNo: string | null;
  expiryDate: string | null;
}

/**
 * The row error codes of API.md (`UPLOAD_ROW_ERROR_CODES`), plus `TOO_LONG` for a cell
 * beyond `maxCellChars`, which the shared list does not have yet.
 */
export type RowErrorCode = UploadRowErrorCode | 'TOO_LONG';

export interface RowError {
  /** Row number as Excel shows it. */
  row: number;
  /** The header as the file wrote it. */
  column: string;
  /** 0-based column index, for highlighting the cell in the error workbook. */
  columnIndex: number;
  /** The cell as uploaded (JSON-safe: dates as `YYYY-MM-DD`, long text shortened). */
  value: string | number | boolean | null;
  code: RowErrorCode;
  message: string;
  messageZh: string;
}

/** A data row with its recognised cells; a field absent from `cells` has no column in the file. */
export interface MappedRow<F extends string = InventoryField> {
  rowNumber: number;
  cells: ReadonlyMap<F, MappedCell>;
}

export interface MappedCell {
  value: unknown;
  header: string;
  columnIndex: number;
}

export type RowValidation = { ok: true; value: ValidRow } | { ok: false; errors: RowError[] };

export function mapRow<F extends string = InventoryField>(headerMap: HeaderMap<F>, rowNumber: number, values: readonly unknown[]): MappedRow<F> {
  const cells = new Map<F, MappedCell>();
  for (const column of headerMap.columns.values()) {
    cells.set(column.field, { value: values[column.index] ?? null, header: column.header, columnIndex: column.index });
  }
  return { rowNumber, cells };
}

/** Quantities above this many integer digits are refused (beyond what Excel itself keeps exact). */
export const MAX_QTY_INTEGER_DIGITS = 15;

/**
 * A stateful validator for one file: besides checking each row on its own it remembers the
 * (site, item, lot) keys seen, to report later duplicates. Every problem of a row is
 * reported, not just the first.
 */
export function createRowValidator(ctx: RowValidationContext): { validate(row: MappedRow): RowValidation } {
  const itemByCode = caseInsensitiveLookup(ctx.itemsByCode);
  const itemBySku = caseInsensitiveLookup(ctx.itemsBySupplierSku);
  const siteByCode = ctx.sitesByCode ? caseInsensitiveLookup(ctx.sitesByCode) : null;
  const firstRowByKey = new Map<string, number>();
  const maxChars = ctx.limits.maxCellChars;

  return {
    validate(row: MappedRow): RowValidation {
      const { errors, fail, text, has } = rowCells(row, maxChars, (field) => HEADER_ALIASES.get(field) as HeaderAlias);

      // Site
      const siteCell = row.cells.get('siteCode') as MappedCell;
      const siteCode = text('siteCode');
      let siteId: string | null = null;
      if (!has('siteCode')) {
        fail(siteCell, 'REQUIRED', `${label('siteCode')} is required.`, `${labelZh('siteCode')}为必填项。`);
      } else if (siteCode !== null && siteByCode) {
        const site = siteByCode(siteCode);
        if (site) siteId = site.siteId;
        else fail(siteCell, 'UNKNOWN_SITE', `Site "${siteCode}" is not a site of this buyer.`, `仓库“${siteCode}”不是该采购方的仓库。`);
      }

      // Item, by code and/or supplier SKU
      const codeCell = row.cells.get('itemCode');
      const skuCell = row.cells.get('supplierSku');
      const itemCode = text('itemCode');
      const sku = text('supplierSku');
      const byCode = itemCode !== null ? itemByCode(itemCode) : undefined;
      const bySku = sku !== null ? itemBySku(sku) : undefined;
      if (codeCell && itemCode !== null && !byCode) {
        fail(codeCell, 'UNKNOWN_ITEM', `Item code "${itemCode}" is not known.`, `物料编码“${itemCode}”不存在。`);
      }
      if (skuCell && sku !== null && !bySku) {
        fail(skuCell, 'UNKNOWN_ITEM', `Supplier SKU "${sku}" is not in your price list for this buyer.`, `供应商物料号“${sku}”不在该采购方的价格表中。`);
      }
      if (byCode && bySku && byCode.itemId !== bySku.itemId) {
        fail(
          skuCell as MappedCell,
          'UNKNOWN_ITEM',
          `Item code "${itemCode}" and supplier SKU "${sku}" refer to different items (${byCode.code} and ${bySku.code}).`,
          `物料编码“${itemCode}”与供应商物料号“${sku}”对应不同的物料（${byCode.code} 与 ${bySku.code}）。`,
        );
      }
      if (!has('itemCode') && !has('supplierSku')) {
        fail(
          (codeCell ?? skuCell) as MappedCell,
          'REQUIRED',
          `${codeCell ? label('itemCode') : label('supplierSku')} is required${codeCell && skuCell ? ` (or ${label('supplierSku')})` : ''}.`,
          `${codeCell ? labelZh('itemCode') : labelZh('supplierSku')}为必填项${codeCell && skuCell ? `（或填写${labelZh('supplierSku')}）` : ''}。`,
        );
      }
      const item = byCode && bySku && byCode.itemId !== bySku.itemId ? undefined : (byCode ?? bySku);

      // Quantity
      const qtyCell = row.cells.get('availableQty') as MappedCell;
      let availableQty: string | null = null;
      if (!has('availableQty')) {
        fail(qtyCell, 'REQUIRED', `${label('availableQty')} is required.`, `${labelZh('availableQty')}为必填项。`);
      } else {
        const decimals = Math.min(item?.decimals ?? MAX_QTY_DECIMALS, MAX_QTY_DECIMALS);
        const parsed = parseQuantity(qtyCell.value, decimals, maxChars);
        for (const problem of parsed.problems) fail(qtyCell, problem.code, problem.message, problem.messageZh);
        if (parsed.problems.length === 0) availableQty = parsed.value;
      }

      // Unit of measure
      const uomCell = row.cells.get('uom');
      let uom = text('uom');
      if (uomCell && uom !== null && item) {
        if (uom.toUpperCase() !== item.uom.toUpperCase()) {
          fail(uomCell, 'UOM_MISMATCH', `Unit "${uom}" does not match the item's unit "${item.uom}".`, `单位“${uom}”与物料的单位“${item.uom}”不一致。`);
        } else {
          uom = item.uom;
        }
      }

      // Lot and expiry
      const lotNo = text('lotNo');
      const expiryCell = row.cells.get('expiryDate');
      let expiryDate: string | null = null;
      if (expiryCell && !isBlank(expiryCell.value)) {
        const parsed = parseExpiryDate(expiryCell.value, maxChars);
        if (parsed.ok) expiryDate = parsed.value;
        else fail(expiryCell, parsed.code, parsed.message, parsed.messageZh);
      }

      // Duplicate (site, item, lot) within the file
      if (siteCode !== null && item) {
        const key = `${siteCode.toUpperCase()}\u0000${item.itemId}\u0000${lotNo ?? ''}`;
        const first = firstRowByKey.get(key);
        if (first === undefined) {
          firstRowByKey.set(key, row.rowNumber);
        } else {
          fail(
            (codeCell && has('itemCode') ? codeCell : (skuCell ?? codeCell)) as MappedCell,
            'DUPLICATE_ROW',
            `Duplicate of row ${first}: same site, item and lot.`,
            `与第 ${first} 行重复：仓库、物料和批次号相同。`,
          );
        }
      }

      if (errors.length > 0 || !item || siteCode === null || availableQty === null) {
        return { ok: false, errors };
      }
      return {
        ok: true,
        value: {
          rowNumber: row.rowNumber,
          siteCode,
          siteId,
          itemId: item.itemId,
          itemCode: item.code,
          supplierSku: sku,
          availableQty,
          uom,
          lotNo,
          expiryDate,
        },
      };
    },
  };
}

/** What a row validator needs for one row: the errors so far and typed access to its cells. */
export interface RowCells<F extends string> {
  errors: RowError[];
  /** Records a problem of `cell`. */
  fail(cell: MappedCell, code: RowErrorCode, message: string, messageZh: string): void;
  /** Trimmed text of a code-like cell; null when blank or too long (the latter reported as TOO_LONG). */
  text(field: F): string | null;
  /** Whether the field has a column and a non-blank cell in this row. */
  has(field: F): boolean;
}

/**
 * The per-row toolkit of a validator, for any kind of upload: problems are collected with the
 * cell's header, column and value as uploaded; `text` trims code-like cells and reports one
 * longer than `maxChars` with the field's English / Chinese label.
 */
export function rowCells<F extends string>(row: MappedRow<F>, maxChars: number, aliasOf: (field: F) => HeaderAlias): RowCells<F> {
  const errors: RowError[] = [];
  const fail = (cell: MappedCell, code: RowErrorCode, message: string, messageZh: string) => {
    errors.push({ row: row.rowNumber, column: cell.header, columnIndex: cell.columnIndex, value: displayValue(cell.value), code, message, messageZh });
  };
  return {
    errors,
    fail,
    text(field: F): string | null {
      const cell = row.cells.get(field);
      if (!cell || isBlank(cell.value)) return null;
      const value = cleanText(cellToText(cell.value));
      if (value.length > maxChars) {
        const alias = aliasOf(field);
        fail(cell, 'TOO_LONG', `${alias.en} is longer than ${maxChars} characters.`, `${alias.zh}超过 ${maxChars} 个字符。`);
        return null;
      }
      return value === '' ? null : value;
    },
    has(field: F): boolean {
      const cell = row.cells.get(field);
      return cell !== undefined && !isBlank(cell.value);
    },
  };
}

export interface Problem {
  code: RowErrorCode;
  message: string;
  messageZh: string;
}

/**
 * A quantity cell as an exact decimal string. Numbers stored by Excel are read as Excel
 * displays them (15 significant digits); text must be a plain decimal with a dot
 * (`12.5`, `+3`, `.5`, full-width digits allowed) — thousands separators, decimal commas
 * and exponents are refused rather than guessed. Reports every problem (negative *and*
 * too many decimals).
 */
export function parseQuantity(value: unknown, decimals: number, maxChars = Number.POSITIVE_INFINITY): { value: string | null; problems: Problem[] } {
  const invalid = (message: string, messageZh: string) => ({ value: null, problems: [{ code: 'INVALID_NUMBER' as const, message, messageZh }] });
  let text: string;
  if (typeof value === 'number') {
    const decimal = excelNumberToDecimalString(value);
    if (decimal === null) return invalid('The quantity is not a finite number.', '数量不是有效的数字。');
    text = decimal;
  } else if (typeof value === 'string') {
    text = cleanText(value.normalize('NFKC'));
    if (text.length > maxChars) {
      return { value: null, problems: [{ code: 'TOO_LONG', message: `The quantity is longer than ${maxChars} characters.`, messageZh: `数量超过 ${maxChars} 个字符。` }] };
    }
  } else if (value instanceof Date) {
    return invalid('The quantity cell holds a date; format it as a number.', '数量单元格是日期格式，请设置为数字格式。');
  } else if (isCellError(value)) {
    return value.error.startsWith('#')
      ? invalid(`The quantity cell shows the error ${value.error}.`, `数量单元格显示错误 ${value.error}。`)
      : invalid('The quantity cell shows a formula error.', '数量单元格的公式结果为错误值。');
  } else {
    return invalid('The quantity is not a number.', '数量不是数字。');
  }

  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
      return invalid(
        `"${text}" uses a thousands separator; write the number without it (e.g. ${text.replace(/,/g, '')}).`,
        `“${text}”包含千位分隔符，请去掉分隔符（例如 ${text.replace(/,/g, '')}）。`,
      );
    }
    if (/^[+-]?\d+,\d+$/.test(text)) {
      return invalid(`"${text}" uses a decimal comma; use a dot (e.g. ${text.replace(',', '.')}).`, `“${text}”使用逗号作小数点，请改用句点（例如 ${text.replace(',', '.')}）。`);
    }
    return invalid(`"${shorten(text)}" is not a number.`, `“${shorten(text)}”不是有效的数字。`);
  }
  // Exact normalisation on the digits themselves: no float, no rounding.
  const integer = (match[2] ?? '').replace(/^0+/, '');
  const fraction = (match[3] ?? match[4] ?? '').replace(/0+$/, '');
  const isZero = integer === '' && fraction === '';
  if (integer.length > MAX_QTY_INTEGER_DIGITS) {
    return invalid(`The quantity ${shorten(text)} is too large.`, `数量 ${shorten(text)} 过大。`);
  }
  const problems: Problem[] = [];
  if (match[1] === '-' && !isZero) {
    problems.push({ code: 'NEGATIVE', message: `The quantity ${text} is negative.`, messageZh: `数量 ${text} 为负数。` });
  }
  if (fraction.length > decimals) {
    problems.push({
      code: 'TOO_MANY_DECIMALS',
      message: `The quantity ${text} has ${fraction.length} decimal${fraction.length === 1 ? '' : 's'}; this item allows ${decimals}.`,
      messageZh: `数量 ${text} 有 ${fraction.length} 位小数，该物料最多允许 ${decimals} 位。`,
    });
  }
  if (problems.length > 0) return { value: null, problems };
  return { value: isZero ? '0' : `${integer || '0'}${fraction ? `.${fraction}` : ''}`, problems };
}

/** Sign, then `123`, `123.`, `123.45` or `.45`. */
const PLAIN_DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;

/**
 * An expiry date as `YYYY-MM-DD`. Accepts a real Excel date (already converted from either
 * date system), and text `YYYY-MM-DD`, `YYYY/MM/DD` (month and day may have one digit) or
 * `YYYY年M月D日`; the day must exist (no 2025-02-30). A bare number is refused: it could be
 * a serial or `20250131`, and guessing would be worse than asking.
 */
export function parseExpiryDate(
  value: unknown,
  maxChars = Number.POSITIVE_INFINITY,
): { ok: true; value: string } | ({ ok: false } & Problem) {
  return parseDateCell(value, EXPIRY_DATE_LABEL, maxChars);
}

const EXPIRY_DATE_LABEL = { en: 'expiry date', zh: '有效期' } as const;

/**
 * A date cell as `YYYY-MM-DD`, by the rules of {@link parseExpiryDate}; `label` names the
 * field in the messages ("The need-by date …" / "需求日期…").
 */
export function parseDateCell(
  value: unknown,
  label: { en: string; zh: string },
  maxChars = Number.POSITIVE_INFINITY,
): { ok: true; value: string } | ({ ok: false } & Problem) {
  const invalid = (message: string, messageZh: string) => ({ ok: false as const, code: 'INVALID_DATE' as const, message, messageZh });
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < 1900 || year > 9999) return invalid(`The ${label.en} is not a valid date.`, `${label.zh}不是有效日期。`);
    return { ok: true, value: toIsoDate(value) };
  }
  if (typeof value === 'number') {
    return invalid(
      `The ${label.en} ${displayValue(value)} is a number; format the cell as a date or write YYYY-MM-DD.`,
      `${label.zh} ${displayValue(value)} 是数字，请将单元格设置为日期格式，或填写 YYYY-MM-DD。`,
    );
  }
  if (typeof value !== 'string') return invalid(`The ${label.en} is not a date.`, `${label.zh}不是日期。`);
  const text = cleanText(value.normalize('NFKC'));
  if (text.length > maxChars) {
    return { ok: false, code: 'TOO_LONG', message: `The ${label.en} is longer than ${maxChars} characters.`, messageZh: `${label.zh}超过 ${maxChars} 个字符。` };
  }
  const match = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(text) ?? /^(\d{4})(年)(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (!match) {
    return invalid(`"${shorten(text)}" is not a date; write YYYY-MM-DD.`, `“${shorten(text)}”不是日期，请填写 YYYY-MM-DD 格式。`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return invalid(`"${text}" is not a real calendar date.`, `“${text}”不是真实存在的日期。`);
  }
  return { ok: true, value: toIsoDate(date) };
}

/**
 * A lookup by code that falls back to a case-insensitive match when that is unambiguous (two
 * codes differing only by case match neither way but exactly).
 */
export function caseInsensitiveLookup<T>(map: ReadonlyMap<string, T>): (key: string) => T | undefined {
  let folded: Map<string, T | null> | null = null;
  return (key: string) => {
    const exact = map.get(key);
    if (exact !== undefined) return exact;
    if (!folded) {
      folded = new Map();
      for (const [k, v] of map) {
        const f = k.toUpperCase();
        // Two codes differing only by case are ambiguous: neither matches case-insensitively.
        folded.set(f, folded.has(f) ? null : v);
      }
    }
    return folded.get(key.toUpperCase()) ?? undefined;
  };
}

function label(field: InventoryField): string {
  return (HEADER_ALIASES.get(field) as HeaderAlias).en;
}

function labelZh(field: InventoryField): string {
  return (HEADER_ALIASES.get(field) as HeaderAlias).zh;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}


