import { analyzeHeaderRow, fieldForHeader, HeaderRowFinder, InventoryField, normalizeHeader } from './header-map';
import { UploadRejectedError } from './upload-errors';

describe('header aliases', () => {
  it.each<[string, InventoryField]>([
    ['supplier_sku', 'supplierSku'],
    ['供应商物料号', 'supplierSku'],
    ['item_code', 'itemCode'],
    ['物料编码', 'itemCode'],
    ['site_code', 'siteCode'],
    ['仓库', 'siteCode'],
    ['available_qty', 'availableQty'],
    ['可用库存', 'availableQty'],
    ['uom', 'uom'],
    ['单位', 'uom'],
    ['lot_no', 'lotNo'],
    ['批次号', 'lotNo'],
    ['expiry_date', 'expiryDate'],
    ['有效期', 'expiryDate'],
    // case, spaces, separators, full-width forms
    ['Item Code', 'itemCode'],
    ['ITEM_CODE', 'itemCode'],
    ['item-code', 'itemCode'],
    ['  item code  ', 'itemCode'],
    ['ｉｔｅｍ＿ｃｏｄｅ', 'itemCode'],
    ['物料　编码', 'itemCode'],
    ['物料 编码', 'itemCode'],
    ['Available Qty', 'availableQty'],
    ['available_qty*', 'availableQty'],
    ['\u200bsite_code', 'siteCode'],
    ['Site.Code', 'siteCode'],
    ['EXPIRY DATE', 'expiryDate'],
  ])('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['qty', 'quantity', 'warehouse', 'item', 'sku', '库存', '物料', 'comment', ''])('%j is not an alias', (header) => {
    expect(fieldForHeader(header)).toBeUndefined();
  });

  it('normalises to a comparison key', () => {
    expect(normalizeHeader(' Ｓｉｔｅ－Ｃｏｄｅ ')).toBe('sitecode');
  });
});

describe('analyzeHeaderRow', () => {
  it('maps any order and ignores extra columns', () => {
    const analysis = analyzeHeaderRow(1, ['note', '可用库存', null, 'Site Code', 'supplier_sku', 'extra']);
    expect(analysis.ok).toBe(true);
    if (!analysis.ok) return;
    expect([...analysis.map.columns.values()].map((c) => [c.field, c.index, c.header])).toEqual([
      ['availableQty', 1, '可用库存'],
      ['siteCode', 3, 'Site Code'],
      ['supplierSku', 4, 'supplier_sku'],
    ]);
    expect(analysis.map.ignored).toEqual([
      { index: 0, header: 'note' },
      { index: 5, header: 'extra' },
    ]);
    expect(analysis.map.headers).toEqual(['note', '可用库存', '', 'Site Code', 'supplier_sku', 'extra']);
  });

  it('keeps columns in a Map, never in an object keyed by header text', () => {
    const analysis = analyzeHeaderRow(1, ['site_code', 'item_code', 'available_qty', 'toString', 'hasOwnProperty']);
    expect(analysis.ok).toBe(true);
    if (analysis.ok) expect(analysis.map.columns).toBeInstanceOf(Map);
  });

  it.each(['__proto__', 'constructor', 'prototype', '__PROTO__', ' Constructor '])('refuses the header %j, fatally', (header) => {
    const analysis = analyzeHeaderRow(1, ['site_code', 'item_code', 'available_qty', header]);
    expect(analysis).toMatchObject({ ok: false, fatal: true, errors: [{ reason: 'FORBIDDEN_HEADER', column: header.trim() }] });
  });

  it('refuses two columns meaning the same field, fatally', () => {
    const analysis = analyzeHeaderRow(1, ['site_code', 'item_code', 'available_qty', 'Item Code']);
    expect(analysis).toMatchObject({ ok: false, fatal: true, errors: [{ reason: 'DUPLICATE_COLUMNS', column: 'Item Code' }] });
  });

  it('lists what is missing, with both aliases', () => {
    const analysis = analyzeHeaderRow(1, ['lot_no']);
    expect(analysis.ok).toBe(false);
    if (analysis.ok) return;
    expect(analysis.fatal).toBe(false);
    expect(analysis.errors.map((e) => e.column)).toEqual(['site_code', 'available_qty', 'item_code']);
    expect(analysis.errors[0].message).toBe('Missing the required column site_code (also accepted: 仓库).');
    expect(analysis.errors[2].message).toBe('Missing an item column: item_code (物料编码) or supplier_sku (供应商物料号).');
  });

  it('accepts either item column', () => {
    expect(analyzeHeaderRow(1, ['仓库', '可用库存', '物料编码']).ok).toBe(true);
    expect(analyzeHeaderRow(1, ['仓库', '可用库存', '供应商物料号']).ok).toBe(true);
  });
});

describe('HeaderRowFinder', () => {
  it('skips title rows until a row maps the required columns', () => {
    const finder = new HeaderRowFinder();
    expect(finder.offer(1, ['Inventory for ACME'])).toBeNull();
    expect(finder.offer(3, ['site_code', 'item_code', 'available_qty'])?.rowNumber).toBe(3);
  });

  it('gives up after ten candidate rows, reporting the most promising one', () => {
    const finder = new HeaderRowFinder();
    const offer = (row: number, values: string[]) => () => finder.offer(row, values);
    expect(offer(1, ['site_code', 'item_code'])()).toBeNull();
    for (let row = 2; row <= 9; row++) expect(offer(row, ['x'])()).toBeNull();
    let error: unknown;
    try {
      finder.offer(10, ['y']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UploadRejectedError);
    expect((error as UploadRejectedError).detail).toContain('row 1');
    expect((error as UploadRejectedError).errors.map((e) => e.column)).toEqual(['available_qty']);
  });

  it('has a clear answer for an empty sheet', () => {
    expect(new HeaderRowFinder().giveUp()).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'NO_HEADER_ROW' });
  });
});
