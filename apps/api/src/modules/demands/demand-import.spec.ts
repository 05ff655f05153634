import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { analyzeHeaderRowWith, DEFAULT_UPLOAD_LIMITS, mapRow, parseSpreadsheetFile, UploadRejectedError } from '../supplier-inventory/parsing';
import { createDemandRowValidator, DEMAND_HEADER_SCHEMA, DemandField, DemandRow } from './demand-import';

const ctx = () => ({
  itemsByCode: new Map([
    ['BOLT', { itemId: 'i-bolt', code: 'BOLT', decimals: 0 }],
    ['CABLE', { itemId: 'i-cable', code: 'CABLE', decimals: 2 }],
  ]),
  locationsByCode: new Map([['VMI-1', { locationId: 'l-1', code: 'VMI-1' }]]),
  limits: DEFAULT_UPLOAD_LIMITS,
});

describe('demand header', () => {
  it.each([
    [['item_code', 'location_code', 'qty', 'need_by', 'reference']],
    [['物料编码', '仓库', '需求数量', '需求日期', '参考号']],
    [['Item Code', 'Site Code', 'Quantity', 'Need By', 'Ref']],
  ])('maps %j', (headers) => {
    const analysis = analyzeHeaderRowWith(DEMAND_HEADER_SCHEMA, 1, headers);
    expect(analysis.ok).toBe(true);
    if (analysis.ok) expect([...analysis.map.columns.keys()].sort()).toEqual(['itemCode', 'locationCode', 'needBy', 'qty', 'reference']);
  });

  it('names every missing required column, and reference is optional', () => {
    const analysis = analyzeHeaderRowWith(DEMAND_HEADER_SCHEMA, 1, ['item_code', 'qty']);
    expect(analysis.ok).toBe(false);
    if (!analysis.ok) expect(analysis.errors.map((e) => e.column)).toEqual(['location_code', 'need_by']);
    expect(analyzeHeaderRowWith(DEMAND_HEADER_SCHEMA, 1, ['item_code', '仓库', 'qty', 'need_by']).ok).toBe(true);
  });

  it('refuses two columns meaning the same field (site_code and location_code)', () => {
    const analysis = analyzeHeaderRowWith(DEMAND_HEADER_SCHEMA, 1, ['item_code', 'site_code', 'location_code', 'qty', 'need_by']);
    expect(analysis).toMatchObject({ ok: false, fatal: true, errors: [{ reason: 'DUPLICATE_COLUMNS' }] });
  });
});

describe('createDemandRowValidator', () => {
  const headers = ['item_code', 'location_code', 'qty', 'need_by', 'reference'];
  const analysis = analyzeHeaderRowWith(DEMAND_HEADER_SCHEMA, 1, headers);
  if (!analysis.ok) throw new Error('header');
  const row = (n: number, values: unknown[]) => mapRow<DemandField>(analysis.map, n, values);

  it('accepts a good row (codes case-insensitively, a date cell, a number cell)', () => {
    const v = createDemandRowValidator(ctx());
    expect(v.validate(row(2, ['bolt', 'vmi-1', 40, new Date(Date.UTC(2026, 11, 3)), ' SO-1 ']))).toEqual({
      ok: true,
      value: { rowNumber: 2, itemId: 'i-bolt', locationId: 'l-1', qty: '40', needBy: '2026-12-03', reference: 'SO-1' },
    });
  });

  it.each<[string, unknown[], Array<[string, string]>]>([
    ['all blank', [null, '', null, null, null], [['item_code', 'REQUIRED'], ['location_code', 'REQUIRED'], ['qty', 'REQUIRED'], ['need_by', 'REQUIRED']]],
    ['unknown codes', ['NUT', 'VMI-9', '1', '2026-12-03', null], [['item_code', 'UNKNOWN_ITEM'], ['location_code', 'UNKNOWN_SITE']]],
    ['zero', ['BOLT', 'VMI-1', '0', '2026-12-03', null], [['qty', 'INVALID_NUMBER']]],
    ['negative and over-precise', ['BOLT', 'VMI-1', '-1.5', '2026-12-03', null], [['qty', 'NEGATIVE'], ['qty', 'TOO_MANY_DECIMALS']]],
    ['text quantity', ['CABLE', 'VMI-1', '1,5', '2026-12-03', null], [['qty', 'INVALID_NUMBER']]],
    ['impossible date', ['CABLE', 'VMI-1', '1.25', '2026-02-30', null], [['need_by', 'INVALID_DATE']]],
    ['bare number date', ['CABLE', 'VMI-1', '1.25', 46000, null], [['need_by', 'INVALID_DATE']]],
    ['long reference', ['CABLE', 'VMI-1', '1.25', '2026-12-03', 'x'.repeat(101)], [['reference', 'TOO_LONG']]],
  ])('%s', (_name, values, expected) => {
    const result = createDemandRowValidator(ctx()).validate(row(5, values));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.column, e.code])).toEqual(expected);
  });

  it('reports a second identical row (item, location, need-by, reference) as DUPLICATE_ROW', () => {
    const v = createDemandRowValidator(ctx());
    expect(v.validate(row(2, ['BOLT', 'VMI-1', '1', '2026-12-03', 'A'])).ok).toBe(true);
    expect(v.validate(row(3, ['BOLT', 'VMI-1', '2', '2026-12-03', 'B'])).ok).toBe(true);
    const again = v.validate(row(4, ['bolt', 'VMI-1', '5', '2026/12/3', 'A']));
    expect(again).toMatchObject({ ok: false, errors: [{ row: 4, column: 'item_code', code: 'DUPLICATE_ROW', message: 'Duplicate of row 2: same item, location, need-by date and reference.' }] });
  });
});

describe('parseSpreadsheetFile with the demand schema', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sb-demand-import-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const parse = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return parseSpreadsheetFile<DemandField, DemandRow>(path, {
      fileName: name,
      header: DEMAND_HEADER_SCHEMA,
      validator: createDemandRowValidator(ctx()),
    });
  };

  it('reads a GB18030 CSV with Chinese headers', async () => {
    const text = '物料编码,仓库,需求数量,需求日期,参考号\r\nBOLT,VMI-1,40,2026年12月3日,订单一\r\nCABLE,VMI-1,2.5,2026-12-04,\r\n';
    const result = await parse('demand-gb.csv', iconv.encode(text, 'gb18030'));
    expect(result).toMatchObject({ kind: 'csv', encoding: 'gb18030', errorCount: 0 });
    expect(result.validRows.map((r) => [r.rowNumber, r.itemId, r.qty, r.needBy, r.reference])).toEqual([
      [2, 'i-bolt', '40', '2026-12-03', '订单一'],
      [3, 'i-cable', '2.5', '2026-12-04', null],
    ]);
  });

  it('refuses a file without the required columns as a whole (422)', async () => {
    await expect(parse('demand-bad.csv', Buffer.from('\ufeffitem_code,qty\nBOLT,1\n'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', reason: 'MISSING_COLUMNS' } satisfies Partial<UploadRejectedError>);
  });
});
