import { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { HEADER_ALIASES, HeaderAlias, InventoryField } from './header-map';

export type TemplateLanguage = 'en' | 'zh';

/** Column order of the template (the parser accepts any order). */
export const TEMPLATE_FIELDS: readonly InventoryField[] = ['siteCode', 'itemCode', 'supplierSku', 'availableQty', 'uom', 'lotNo', 'expiryDate'];

/** One data row of the template: text cells, quantity as a decimal string, expiry as YYYY-MM-DD. */
export type TemplateExample = Readonly<Record<InventoryField, string>>;

/**
 * The generic example row, used when the template is not made for one buyer's price list; a
 * context that knows this item validates the template as uploaded.
 */
export const TEMPLATE_EXAMPLE: TemplateExample = Object.freeze({
  siteCode: 'SH01',
  itemCode: 'ITEM-001',
  supplierSku: 'SKU-001',
  availableQty: '120.5',
  uom: 'EA',
  lotNo: 'LOT-2025-001',
  expiryDate: '2027-12-31',
});

/** Rows 2..this carry the data validation and formats. */
export const TEMPLATE_VALIDATED_ROWS = 10_000;

const QTY_FORMAT = '0.######';
const DATE_FORMAT = 'yyyy-mm-dd';
const TEXT_FORMAT = '@';

const COLUMN_NOTES: ReadonlyMap<InventoryField, { required: string; en: string; zh: string }> = new Map([
  ['siteCode', { required: 'yes / 是', en: 'Code of your own warehouse (site) that holds the stock, e.g. SH01. Use the same code in every upload: a SNAPSHOT replaces the stock of each site in the file.', zh: '存放该库存的贵方仓库代码，例如 SH01。每次上传请使用相同的代码：全量（SNAPSHOT）上传会替换文件中每个仓库的库存。' }],
  ['itemCode', { required: 'item_code or supplier_sku / 二选一', en: "The buyer's item code. Give item_code or supplier_sku (or both; they must name the same item).", zh: '采购方物料编码。物料编码与供应商物料号至少填一个（都填时须指向同一物料）。' }],
  ['supplierSku', { required: 'item_code or supplier_sku / 二选一', en: "Your own part number, as in the buyer's price list for you.", zh: '贵方自己的物料号，需与采购方价格表中的一致。' }],
  ['availableQty', { required: 'yes / 是', en: "Quantity available, 0 or more, with at most the item's decimals (never more than 6). A number or plain text like 12.5 — no thousands separators.", zh: '可用数量，不小于 0，小数位不超过物料允许的位数（最多 6 位）。填写数字或 12.5 这样的文本，不要使用千位分隔符。' }],
  ['uom', { required: 'no / 否', en: "Unit of measure. Optional; when given it must match the item's unit.", zh: '计量单位。选填；填写时须与物料的单位一致。' }],
  ['lotNo', { required: 'no / 否', en: 'Lot or batch number. Optional; a site + item + lot may appear only once per file.', zh: '批次号。选填；同一文件中“仓库 + 物料 + 批次号”只能出现一次。' }],
  ['expiryDate', { required: 'no / 否', en: 'Expiry date: a date cell, or text YYYY-MM-DD.', zh: '有效期：日期格式单元格，或 YYYY-MM-DD 格式的文本。' }],
]);

/** One column of an upload template. */
export interface TemplateColumn {
  alias: HeaderAlias;
  /** "yes / 是", "no / 否"… for the notes sheet. */
  required: string;
  /** What to put in the column, for the header note and the notes sheet. */
  en: string;
  zh: string;
  format: 'qty' | 'date' | 'text';
  width: number;
  /** Data validation on rows 2…{@link TEMPLATE_VALIDATED_ROWS}: a quantity ≥ 0 or > 0, or a date. */
  validation?: 'nonNegative' | 'positive' | 'date';
  /** The example row's cell: text, a decimal string (qty) or `YYYY-MM-DD` (date). */
  example: string;
}

/** Everything that differs between the templates of two kinds of upload. */
export interface TemplateSpec {
  sheetName: { en: string; zh: string };
  columns: readonly TemplateColumn[];
  /** The "general" line of the notes sheet. */
  general: { en: string; zh: string };
}

/**
 * Writes the upload template as a real .xlsx: the data sheet first (the parser reads the
 * first visible sheet) with a bold, frozen header row in the chosen language, the other
 * language's header as a note on each header cell, column formats, data validation on the
 * quantity and expiry columns, one example row, and a bilingual `notes` sheet.
 * The stream is ended when the workbook is written.
 */
export async function writeTemplate(stream: Writable, lang: TemplateLanguage = 'en', exampleRow: TemplateExample = TEMPLATE_EXAMPLE): Promise<void> {
  await writeTemplateWorkbook(stream, lang, {
    sheetName: { en: 'inventory', zh: '库存' },
    columns: TEMPLATE_FIELDS.map((field) => {
      const note = COLUMN_NOTES.get(field) as { required: string; en: string; zh: string };
      return {
        alias: HEADER_ALIASES.get(field) as HeaderAlias,
        ...note,
        format: field === 'availableQty' ? 'qty' : field === 'expiryDate' ? 'date' : 'text',
        width: field === 'availableQty' ? 16 : 18,
        validation: field === 'availableQty' ? 'nonNegative' : field === 'expiryDate' ? 'date' : undefined,
        example: exampleRow[field],
      };
    }),
    general: {
      en: 'Headers may be English or Chinese, in any order; other columns are ignored. Only the first visible sheet is read. Upload .xlsx or CSV (UTF-8 or GB18030); no macros, no passwords. Formulas must have been calculated by Excel.',
      zh: '表头可用英文或中文，顺序不限，其他列会被忽略。只读取第一个可见工作表。请上传 .xlsx 或 CSV（UTF-8 或 GB18030），不要包含宏或密码。公式须已由 Excel 计算。',
    },
  });
}

/** {@link writeTemplate} for any kind of upload, from its {@link TemplateSpec}. */
export async function writeTemplateWorkbook(stream: Writable, lang: TemplateLanguage, spec: TemplateSpec): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Stockbridge';
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;

  const sheet = workbook.addWorksheet(spec.sheetName[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  const numFmt = (c: TemplateColumn) => (c.format === 'qty' ? QTY_FORMAT : c.format === 'date' ? DATE_FORMAT : TEXT_FORMAT);
  sheet.columns = spec.columns.map((c, i) => ({ header: lang === 'zh' ? c.alias.zh : c.alias.en, key: `c${i}`, width: c.width }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  spec.columns.forEach((c, i) => {
    headerRow.getCell(i + 1).note = lang === 'zh' ? `${c.alias.en}\n${c.zh}` : `${c.alias.zh}\n${c.en}`;
  });

  spec.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).numFmt = numFmt(c);
  });

  const example = sheet.addRow(
    Object.fromEntries(spec.columns.map((c, i) => [`c${i}`, c.format === 'qty' ? Number(c.example) : c.format === 'date' ? new Date(`${c.example}T00:00:00Z`) : c.example])),
  );
  example.eachCell((cell, column) => {
    cell.numFmt = numFmt(spec.columns[column - 1] as TemplateColumn);
  });

  const dataValidations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  spec.columns.forEach((c, i) => {
    if (!c.validation) return;
    const letter = String.fromCharCode(65 + i);
    const range = `${letter}2:${letter}${TEMPLATE_VALIDATED_ROWS}`;
    const title = lang === 'zh' ? c.alias.zh : c.alias.en;
    if (c.validation === 'date') {
      dataValidations.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: title,
        error: lang === 'zh' ? '请输入日期（YYYY-MM-DD）。' : 'Enter a date (YYYY-MM-DD).',
      });
    } else {
      const positive = c.validation === 'positive';
      dataValidations.add(range, {
        type: 'decimal',
        operator: positive ? 'greaterThan' : 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: title,
        error: positive ? (lang === 'zh' ? '请输入大于 0 的数字。' : 'Enter a number greater than 0.') : lang === 'zh' ? '请输入不小于 0 的数字。' : 'Enter a number of 0 or more.',
      });
    }
  });

  const notes = workbook.addWorksheet(lang === 'zh' ? '说明' : 'notes');
  notes.columns = [
    { header: 'column (English)', width: 16 },
    { header: '列名（中文）', width: 14 },
    { header: 'required / 必填', width: 22 },
    { header: 'meaning', width: 70 },
    { header: '说明', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of spec.columns) notes.addRow([c.alias.en, c.alias.zh, c.required, c.en, c.zh]);
  notes.addRow([]);
  notes.addRow(['general', '通用', '', spec.general.en, spec.general.zh]);
  notes.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  notes.getColumn(5).alignment = { wrapText: true, vertical: 'top' };

  await workbook.xlsx.write(stream);
  await endStream(stream);
}

/** Ends a writable (if the writer did not) and waits until everything is flushed. */
export function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.writableFinished) return resolve();
    stream.once('finish', () => resolve());
    stream.once('error', reject);
    if (!stream.writableEnded) stream.end();
  });
}
