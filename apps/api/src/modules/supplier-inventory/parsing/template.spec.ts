import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { parseSupplierInventoryFile } from './parse-upload';
import { TEMPLATE_EXAMPLE, TemplateLanguage, writeTemplate } from './template';

describe('writeTemplate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-template-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function template(lang: TemplateLanguage): Promise<string> {
    const path = join(dir, `template-${lang}.xlsx`);
    await writeTemplate(createWriteStream(path), lang);
    return path;
  }

  const item = { itemId: 'item-example', code: TEMPLATE_EXAMPLE.itemCode, uom: TEMPLATE_EXAMPLE.uom, decimals: 2 };
  const ctx = { itemsByCode: new Map([[item.code, item]]), itemsBySupplierSku: new Map([[TEMPLATE_EXAMPLE.supplierSku, item]]) };

  it.each<TemplateLanguage>(['en', 'zh'])('round-trips: the %s template uploaded back validates', async (lang) => {
    const path = await template(lang);
    const result = await parseSupplierInventoryFile(path, { fileName: 'template.xlsx', ctx });
    expect(result.errors).toEqual([]);
    expect(result.validRows).toEqual([
      {
        rowNumber: 2,
        siteCode: TEMPLATE_EXAMPLE.siteCode,
        siteId: null,
        itemId: 'item-example',
        itemCode: TEMPLATE_EXAMPLE.itemCode,
        supplierSku: TEMPLATE_EXAMPLE.supplierSku,
        availableQty: TEMPLATE_EXAMPLE.availableQty,
        uom: TEMPLATE_EXAMPLE.uom,
        lotNo: TEMPLATE_EXAMPLE.lotNo,
        expiryDate: TEMPLATE_EXAMPLE.expiryDate,
      },
    ]);
  });

  it('has the data sheet first, a bold frozen header, formats, validation, notes', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await template('en'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['inventory', 'notes']);
    const sheet = workbook.worksheets[0];
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String(header.getCell(4).note)).toContain('可用库存');
    expect(sheet.getCell('D2').numFmt).toBe('0.######');
    expect(sheet.getCell('G2').numFmt).toBe('yyyy-mm-dd');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
    expect(validations['D2']).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(validations['D10000']).toMatchObject({ type: 'decimal' });
    expect(validations['G500']).toMatchObject({ type: 'date' });
    const notes = workbook.worksheets[1];
    expect(notes.getColumn(1).values).toEqual(expect.arrayContaining(['site_code', 'available_qty', 'expiry_date']));
    expect(notes.getColumn(2).values).toEqual(expect.arrayContaining(['仓库', '可用库存', '有效期']));
  });

  it('writes Chinese headers for zh', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await template('zh'));
    expect(workbook.worksheets[0].getRow(1).values).toEqual([undefined, '仓库', '物料编码', '供应商物料号', '可用库存', '单位', '批次号', '有效期']);
  });
});
