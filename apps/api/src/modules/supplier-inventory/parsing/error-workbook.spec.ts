import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { fixtureContext } from '../../../../test/fixtures/imports/catalogue';
import { ErrorWorkbookInput, neutralizeFormulaText, writeErrorWorkbook } from './error-workbook';
import { parseSupplierInventoryFile } from './parse-upload';
import { RowError } from './row-validator';

const FIXTURES = join(__dirname, '../../../../test/fixtures/imports');

describe('writeErrorWorkbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-errors-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function roundTrip(input: ErrorWorkbookInput, lang: 'en' | 'zh' = 'en'): Promise<ExcelJS.Worksheet> {
    const path = join(dir, `errors-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeErrorWorkbook(createWriteStream(path), input, lang);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return workbook.worksheets[0];
  }

  it('writes the rejected rows as uploaded, with error and row columns, marking the bad cells', async () => {
    const result = await parseSupplierInventoryFile(join(FIXTURES, 'not-ok', 'many-errors-one-row.xlsx'), { fileName: 'x.xlsx', ctx: fixtureContext() });
    const sheet = await roundTrip({ headers: result.headers, rows: result.rejectedRows, errors: result.errors });
    expect(sheet.getRow(1).values).toEqual([undefined, 'site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date', 'error', 'row']);
    expect(sheet.getRow(1).values).toHaveLength(10);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('NOPE-9');
    expect(row.getCell(4).value).toBe('abc');
    expect(row.getCell(8).value).toBe(
      'site_code is required.; Item code "NOPE-9" is not known.; "abc" is not a number.; "2025-02-30" is not a real calendar date.',
    );
    expect(row.getCell(9).value).toBe(2);
    for (const column of [1, 2, 4, 7]) {
      expect(row.getCell(column).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
      expect(row.getCell(column).note).toBeTruthy();
    }
    expect(row.getCell(5).fill).toBeUndefined();
    expect(String(row.getCell(4).note)).toBe('"abc" is not a number.');
  });

  it('keeps dates and numbers typed', async () => {
    const result = await parseSupplierInventoryFile(join(FIXTURES, 'not-ok', 'invalid-date.xlsx'), { fileName: 'x.xlsx', ctx: fixtureContext() });
    const sheet = await roundTrip({ headers: result.headers, rows: result.rejectedRows, errors: result.errors });
    expect(sheet.getRow(5).getCell(5).value).toBe(45000);
    expect(sheet.getRow(2).getCell(3).value).toBe(1);
  });

  it('never writes a formula: text that looks like one is neutralised, headers included', async () => {
    const error: RowError = { row: 7, column: 'lot_no', columnIndex: 1, value: '=1+1', code: 'TOO_LONG', message: 'm', messageZh: '中' };
    const sheet = await roundTrip({
      headers: ['site_code', 'lot_no', '=HYPERLINK("http://evil")'],
      rows: [{ rowNumber: 7, values: ['=1+1', '+SUM(A1)', '-2'] }, { rowNumber: 8, values: ['@cmd', '\tx', 'plain'] }],
      errors: [error],
    });
    expect(sheet.getRow(1).getCell(3).value).toBe('\'=HYPERLINK("http://evil")');
    expect(sheet.getRow(2).values).toEqual([undefined, "'=1+1", "'+SUM(A1)", "'-2", 'm', 7]);
    expect(sheet.getRow(3).values).toEqual([undefined, "'@cmd", "'\tx", 'plain', undefined, 8]);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writes Chinese messages for zh', async () => {
    const result = await parseSupplierInventoryFile(join(FIXTURES, 'not-ok', 'uom-mismatch.xlsx'), { fileName: 'x.xlsx', ctx: fixtureContext() });
    const sheet = await roundTrip({ headers: result.headers, rows: result.rejectedRows, errors: result.errors }, 'zh');
    expect(sheet.name).toBe('错误');
    expect(sheet.getRow(2).getCell(5).value).toBe('单位“KG”与物料的单位“EA”不一致。');
  });

  it.each([
    ['=cmd', "'=cmd"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\nx', "'\nx"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('neutralizeFormulaText(%j) → %j', (text, expected) => {
    expect(neutralizeFormulaText(text)).toBe(expected);
  });
});
