import { analyzeHeaderRow, HeaderMap } from './header-map';
import { DEFAULT_UPLOAD_LIMITS } from './limits';
import { createRowValidator, ItemRef, mapRow, parseExpiryDate, parseQuantity, RowValidationContext } from './row-validator';

const EA: ItemRef = { itemId: 'i-ea', code: 'BOLT', uom: 'EA', decimals: 0 };
const KG: ItemRef = { itemId: 'i-kg', code: 'RESIN', uom: 'KG', decimals: 3 };

function context(overrides: Partial<RowValidationContext> = {}): RowValidationContext {
  return {
    itemsByCode: new Map([
      [EA.code, EA],
      [KG.code, KG],
    ]),
    itemsBySupplierSku: new Map([
      ['S-BOLT', EA],
      ['S-RESIN', KG],
    ]),
    limits: { ...DEFAULT_UPLOAD_LIMITS },
    ...overrides,
  };
}

const HEADERS = ['site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date'];
function headerMap(headers = HEADERS): HeaderMap {
  const analysis = analyzeHeaderRow(1, headers);
  if (!analysis.ok) throw new Error('bad headers');
  return analysis.map;
}

describe('parseQuantity', () => {
  it.each<[unknown, number, string]>([
    ['12', 0, '12'],
    ['12.5', 1, '12.5'],
    ['12.500', 1, '12.5'],
    ['0012.50', 2, '12.5'],
    ['+3', 0, '3'],
    ['.5', 1, '0.5'],
    ['5.', 0, '5'],
    ['0', 0, '0'],
    ['-0', 0, '0'],
    ['-0.000', 0, '0'],
    [' 7 ', 0, '7'],
    ['１２', 0, '12'],
    ['0.123456', 6, '0.123456'],
    ['999999999999999', 0, '999999999999999'],
    [12.345, 3, '12.345'],
    [0.1 + 0.2, 1, '0.3'],
    [1e-6, 6, '0.000001'],
  ])('%j with %d decimals → %s', (value, decimals, expected) => {
    expect(parseQuantity(value, decimals)).toEqual({ value: expected, problems: [] });
  });

  it.each<[unknown, number, string[]]>([
    ['abc', 6, ['INVALID_NUMBER']],
    ['1,000', 6, ['INVALID_NUMBER']],
    ['1,000.5', 6, ['INVALID_NUMBER']],
    ['12,5', 6, ['INVALID_NUMBER']],
    ['1e3', 6, ['INVALID_NUMBER']],
    ['1 000', 6, ['INVALID_NUMBER']],
    ['0x10', 6, ['INVALID_NUMBER']],
    ['', 6, ['INVALID_NUMBER']],
    ['.', 6, ['INVALID_NUMBER']],
    ['--1', 6, ['INVALID_NUMBER']],
    ['Infinity', 6, ['INVALID_NUMBER']],
    ['1234567890123456', 0, ['INVALID_NUMBER']],
    [true, 6, ['INVALID_NUMBER']],
    [new Date(), 6, ['INVALID_NUMBER']],
    [{ error: '#DIV/0!' }, 6, ['INVALID_NUMBER']],
    [-1, 0, ['NEGATIVE']],
    ['-0.5', 1, ['NEGATIVE']],
    ['1.5', 0, ['TOO_MANY_DECIMALS']],
    ['0.1234567', 6, ['TOO_MANY_DECIMALS']],
    [12.3456, 3, ['TOO_MANY_DECIMALS']],
    ['-1.2345', 3, ['NEGATIVE', 'TOO_MANY_DECIMALS']],
  ])('%j with %d decimals → %j', (value, decimals, codes) => {
    const result = parseQuantity(value, decimals);
    expect(result.value).toBeNull();
    expect(result.problems.map((p) => p.code)).toEqual(codes);
  });

  it('hints at the fix for a thousands separator', () => {
    expect(parseQuantity('1,000', 6).problems[0].message).toBe('"1,000" uses a thousands separator; write the number without it (e.g. 1000).');
  });

  it('flags text beyond the cell limit as TOO_LONG', () => {
    expect(parseQuantity('1'.repeat(20), 0, 10).problems.map((p) => p.code)).toEqual(['TOO_LONG']);
  });
});

describe('parseExpiryDate', () => {
  it.each<[unknown, string]>([
    ['2025-01-31', '2025-01-31'],
    ['2025/01/31', '2025-01-31'],
    ['2025/1/5', '2025-01-05'],
    ['2025-1-5', '2025-01-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2025年1月5日', '2025-01-05'],
    ['２０２５－０１－３１', '2025-01-31'],
    [' 2025-12-31 ', '2025-12-31'],
    [new Date(Date.UTC(2027, 11, 31)), '2027-12-31'],
    [new Date(Date.UTC(2027, 11, 31, 18, 30)), '2027-12-31'],
  ])('%j → %s', (value, expected) => {
    expect(parseExpiryDate(value)).toEqual({ ok: true, value: expected });
  });

  it.each<unknown>([
    '2025-02-30',
    '2023-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025/01-31',
    '31/12/2025',
    '12/31/2025',
    '20250131',
    '2025-1-32',
    'tomorrow',
    '1899-12-31',
    45658,
    true,
    new Date(Number.NaN),
  ])('%j is INVALID_DATE', (value) => {
    expect(parseExpiryDate(value)).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });
});

describe('createRowValidator', () => {
  const map = headerMap();
  const row = (rowNumber: number, values: unknown[]) => mapRow(map, rowNumber, values);

  it('returns the canonical row', () => {
    const validator = createRowValidator(context());
    expect(validator.validate(row(2, ['SH01', 'bolt', null, '10', 'ea', ' L1 ', '2026-01-31']))).toEqual({
      ok: true,
      value: {
        rowNumber: 2,
        siteCode: 'SH01',
        siteId: null,
        itemId: 'i-ea',
        itemCode: 'BOLT',
        supplierSku: null,
        availableQty: '10',
        uom: 'EA',
        lotNo: 'L1',
        expiryDate: '2026-01-31',
      },
    });
  });

  it('resolves an item by supplier SKU alone, and by both when they agree', () => {
    const validator = createRowValidator(context());
    expect(validator.validate(row(2, ['SH01', null, 'S-RESIN', '1.5']))).toMatchObject({ ok: true, value: { itemId: 'i-kg', supplierSku: 'S-RESIN' } });
    expect(validator.validate(row(3, ['SH02', 'RESIN', 'S-RESIN', '1.5']))).toMatchObject({ ok: true, value: { itemId: 'i-kg' } });
  });

  it('reports every problem of a row, each with its column, value and both languages', () => {
    const validator = createRowValidator(context());
    const result = validator.validate(row(7, [null, 'NOPE', 'S-NOPE', '-1.5', 'KG', null, '2025-02-30']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.columnIndex, e.value, e.code])).toEqual([
      [7, 'site_code', 0, null, 'REQUIRED'],
      [7, 'item_code', 1, 'NOPE', 'UNKNOWN_ITEM'],
      [7, 'supplier_sku', 2, 'S-NOPE', 'UNKNOWN_ITEM'],
      [7, 'available_qty', 3, '-1.5', 'NEGATIVE'],
      [7, 'expiry_date', 6, '2025-02-30', 'INVALID_DATE'],
    ]);
    for (const error of result.errors) expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('uses the item\'s decimals, capped at six', () => {
    const many: ItemRef = { itemId: 'i-x', code: 'X', uom: 'L', decimals: 9 };
    const validator = createRowValidator(context({ itemsByCode: new Map([['X', many], ['BOLT', EA]]) }));
    expect(validator.validate(row(2, ['SH01', 'BOLT', null, '1.5'])).ok).toBe(false);
    expect(validator.validate(row(3, ['SH01', 'X', null, '1.123456'])).ok).toBe(true);
    expect(validator.validate(row(4, ['SH01', 'X', null, '1.1234567'])).ok).toBe(false);
  });

  it('refuses a code and a SKU that name different items', () => {
    const result = createRowValidator(context()).validate(row(2, ['SH01', 'BOLT', 'S-RESIN', '1']));
    expect(result).toMatchObject({ ok: false, errors: [{ column: 'supplier_sku', code: 'UNKNOWN_ITEM' }] });
  });

  it('compares the unit case-insensitively', () => {
    const validator = createRowValidator(context());
    expect(validator.validate(row(2, ['SH01', 'RESIN', null, '1', 'kg'])).ok).toBe(true);
    expect(validator.validate(row(3, ['SH01', 'BOLT', null, '1', 'KG']))).toMatchObject({ ok: false, errors: [{ code: 'UOM_MISMATCH' }] });
  });

  it('reports a later duplicate (site, item, lot) with the first row number', () => {
    const validator = createRowValidator(context());
    expect(validator.validate(row(2, ['SH01', 'BOLT', null, '1', null, 'L1'])).ok).toBe(true);
    expect(validator.validate(row(3, ['SH01', 'BOLT', null, '1', null, 'L2'])).ok).toBe(true);
    expect(validator.validate(row(4, ['SH01', 'BOLT', null, '1', null, null])).ok).toBe(true);
    expect(validator.validate(row(5, ['sh01', null, 'S-BOLT', '2', null, 'L1']))).toMatchObject({
      ok: false,
      errors: [{ code: 'DUPLICATE_ROW', message: 'Duplicate of row 2: same site, item and lot.' }],
    });
    expect(validator.validate(row(6, ['SH01', 'BOLT', null, '3', null, null]))).toMatchObject({
      ok: false,
      errors: [{ code: 'DUPLICATE_ROW', message: 'Duplicate of row 4: same site, item and lot.' }],
    });
  });

  it('knows sites only when told', () => {
    const sites = new Map([['SH01', { siteId: 's-1', code: 'SH01' }]]);
    const validator = createRowValidator(context({ sitesByCode: sites }));
    expect(validator.validate(row(2, ['sh01', 'BOLT', null, '1']))).toMatchObject({ ok: true, value: { siteId: 's-1' } });
    expect(validator.validate(row(3, ['XX', 'BOLT', null, '1']))).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_SITE' }] });
  });

  it('matches codes case-insensitively unless two codes differ only by case', () => {
    const lower: ItemRef = { itemId: 'i-lower', code: 'bolt', uom: 'EA', decimals: 0 };
    const validator = createRowValidator(context({ itemsByCode: new Map([['BOLT', EA], ['bolt', lower]]) }));
    expect(validator.validate(row(2, ['SH01', 'bolt', null, '1']))).toMatchObject({ ok: true, value: { itemId: 'i-lower' } });
    expect(validator.validate(row(3, ['SH01', 'Bolt', null, '1']))).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_ITEM' }] });
  });

  it('flags a mapped cell longer than the limit as TOO_LONG', () => {
    const validator = createRowValidator(context({ limits: { ...DEFAULT_UPLOAD_LIMITS, maxCellChars: 5 } }));
    expect(validator.validate(row(2, ['SH01', 'BOLT', null, '1', null, 'LOT-123456']))).toMatchObject({
      ok: false,
      errors: [{ column: 'lot_no', code: 'TOO_LONG' }],
    });
  });

  it('needs one item column filled when both exist', () => {
    const result = createRowValidator(context()).validate(row(2, ['SH01', null, null, '1']));
    expect(result).toMatchObject({ ok: false, errors: [{ column: 'item_code', code: 'REQUIRED', message: 'item_code is required (or supplier_sku).' }] });
  });
});
