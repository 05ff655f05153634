import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureContext } from '../../../../test/fixtures/imports/catalogue';
import { resolveUploadLimits } from './limits';
import { parseSupplierInventoryFile, ParseUploadOptions, ParseUploadResult, SINK_BATCH_SIZE } from './parse-upload';
import { ValidRow } from './row-validator';
import { UploadRejectedError, UploadRejectionCode, UploadRejectionReason } from './upload-errors';

const FIXTURES = join(__dirname, '../../../../test/fixtures/imports');
const ok = (name: string) => join(FIXTURES, 'ok', name);
const notOk = (name: string) => join(FIXTURES, 'not-ok', name);

function parse(path: string, options: Partial<ParseUploadOptions> = {}): Promise<ParseUploadResult> {
  return parseSupplierInventoryFile(path, { fileName: path.split('/').pop() as string, ctx: fixtureContext(), ...options });
}

async function rejection(path: string, options: Partial<ParseUploadOptions> = {}): Promise<UploadRejectedError> {
  try {
    await parse(path, options);
  } catch (error) {
    if (error instanceof UploadRejectedError) return error;
    throw error;
  }
  throw new Error(`${path} was not rejected`);
}

/** Valid rows as (row, site, item, qty, lot, expiry) tuples: compact and readable. */
const summary = (rows: ValidRow[]) => rows.map((r) => [r.rowNumber, r.siteCode, r.itemCode, r.availableQty, r.lotNo, r.expiryDate]);

const FOUR_VALID = [
  [2, 'SH01', 'ITEM-001', '120', 'LOT-A', '2027-12-31'],
  [3, 'SH01', 'ITEM-002', '12.345', null, null],
  [4, 'SZ02', 'ITEM-003', '0', 'LOT-B', '2026-01-05'],
  [5, 'SZ02', '100234', '7', null, null],
];

describe('parseSupplierInventoryFile — ok fixtures', () => {
  it.each([
    ['en-headers.xlsx', FOUR_VALID],
    ['zh-headers.xlsx', FOUR_VALID],
    ['inline-strings.xlsx', FOUR_VALID],
    ['streaming-hostile.xlsx', FOUR_VALID],
    [
      'reordered-extra-columns.xlsx',
      [
        [4, 'SH01', 'ITEM-001', '5', 'L1', null],
        [5, 'SZ02', 'ITEM-003', '2.5', null, null],
      ],
    ],
    [
      'utf8.csv',
      [
        [2, 'SH01', 'ITEM-001', '120', 'LOT,A', '2027-12-31'],
        [3, 'SH01', 'ITEM-002', '12.345', null, null],
        [4, 'SZ02', 'ITEM-003', '0', 'LOT-B', '2026-01-05'],
      ],
    ],
    [
      'utf8-bom.csv',
      [
        [2, '上海仓', 'ITEM-001', '3', '批次-1', '2027-01-31'],
        [3, 'SH01', 'ITEM-002', '1.5', null, null],
      ],
    ],
    [
      'gb18030-zh.csv',
      [
        [2, '上海仓', 'ITEM-001', '8', '批次-1', '2027-03-01'],
        [3, '上海仓', 'ITEM-002', '0.5', null, null],
      ],
    ],
    [
      'semicolon.csv',
      [
        [2, 'SH01', 'ITEM-001', '4', null, null],
        [3, 'SZ02', 'ITEM-003', '1.25', null, null],
      ],
    ],
    ['tab-delimited.txt', [[2, 'SH01', 'ITEM-001', '9', null, null]]],
    [
      'date1904.xlsx',
      [
        [2, 'SH01', 'ITEM-001', '1', 'L-1904', '2027-12-31'],
        [3, 'SH01', 'ITEM-001', '1', 'L-EARLY', '1904-01-02'],
      ],
    ],
    ['date1904-true-attribute.xlsx', [[2, 'SH01', 'ITEM-001', '1', null, '2027-12-31']]],
    [
      'text-numbers.xlsx',
      [
        [2, 'SH01', 'ITEM-001', '12', null, null],
        [3, 'SH01', 'ITEM-002', '0.5', null, null],
        [4, 'SH01', 'ITEM-003', '3', null, null],
        [5, 'SH01', '100234', '12', null, null],
        [6, 'SZ02', 'ITEM-001', '7', null, null],
        [7, 'SZ02', 'ITEM-002', '0.25', null, null],
      ],
    ],
    [
      'delta-example.xlsx',
      [
        [2, 'SH01', 'ITEM-001', '40', 'LOT-A', null],
        [3, 'SH01', 'ITEM-001', '15', 'LOT-C', null],
      ],
    ],
    [
      'formulas-cached.xlsx',
      [
        [2, 'SH01', 'ITEM-001', '12', null, null],
        [3, 'SH01', 'ITEM-003', '2.35', 'L9', '2027-06-30'],
        [4, 'SH01', 'ITEM-002', '0', 'L4', null],
        [5, 'SH01', 'ITEM-002', '2', 'L5', null],
        [6, 'SH01', 'ITEM-002', '2', 'L6', null],
      ],
    ],
    [
      'hidden-junk-first.xlsx',
      [
        [2, 'SH01', 'ITEM-001', '120', 'LOT-A', '2027-12-31'],
        [3, 'SH01', 'ITEM-002', '12.345', null, null],
      ],
    ],
  ])('%s', async (name, expected) => {
    const result = await parse(ok(name));
    expect(result.errors).toEqual([]);
    expect(summary(result.validRows)).toEqual(expected);
    expect(result.totalRows).toBe(expected.length);
    expect(result.validRowCount).toBe(expected.length);
    expect(result.errorRowCount).toBe(0);
  });

  it('reports the kind, encoding and delimiter it found', async () => {
    expect(await parse(ok('en-headers.xlsx'))).toMatchObject({ kind: 'xlsx', encoding: null, delimiter: null, sheetName: 'inventory' });
    expect(await parse(ok('gb18030-zh.csv'))).toMatchObject({ kind: 'csv', encoding: 'gb18030', delimiter: ',' });
    expect(await parse(ok('semicolon.csv'))).toMatchObject({ kind: 'csv', encoding: 'utf8', delimiter: ';' });
    expect(await parse(ok('tab-delimited.txt'))).toMatchObject({ kind: 'csv', delimiter: '\t' });
  });

  it('keeps the optional columns: supplier SKU as written, uom in the item\'s spelling', async () => {
    const [first, , , fourth] = (await parse(ok('en-headers.xlsx'))).validRows;
    expect(first).toEqual({
      rowNumber: 2,
      siteCode: 'SH01',
      siteId: null,
      itemId: 'item-001',
      itemCode: 'ITEM-001',
      supplierSku: 'SKU-001',
      availableQty: '120',
      uom: 'EA',
      lotNo: 'LOT-A',
      expiryDate: '2027-12-31',
    });
    expect(fourth.uom).toBe('PCS'); // written "pcs"
  });

  it('finds a header below title rows, reports ignored columns and rows', async () => {
    const result = await parse(ok('reordered-extra-columns.xlsx'));
    expect(result.headerRow).toBe(3);
    expect(result.headers).toEqual(['Remarks', '可用库存', 'ITEM CODE', 'Site-Code', 'colour', 'Lot_No', '单 位']);
    expect(result.columns.map((c) => [c.field, c.index])).toEqual([
      ['availableQty', 1],
      ['itemCode', 2],
      ['siteCode', 3],
      ['lotNo', 5],
      ['uom', 6],
    ]);
    expect(result.notices.map((n) => n.code)).toEqual(['ROWS_BEFORE_HEADER', 'IGNORED_COLUMNS']);
  });

  it('says which hidden sheets it skipped', async () => {
    const result = await parse(ok('hidden-junk-first.xlsx'));
    expect(result.notices).toEqual([expect.objectContaining({ code: 'HIDDEN_SHEETS_SKIPPED' })]);
    expect(result.notices[0].message).toContain('lookup');
  });

  it('notes a file name that lies about the content, and reads the content', async () => {
    const result = await parse(ok('en-headers.xlsx'), { fileName: 'stock.csv' });
    expect(result.kind).toBe('xlsx');
    expect(result.notices.map((n) => n.code)).toContain('EXTENSION_MISMATCH');
  });
});

type ExpectedError = [row: number, column: string, code: string];

describe('parseSupplierInventoryFile — rejected rows', () => {
  it.each<[string, ExpectedError[], number]>([
    [
      'required.xlsx',
      [
        [2, 'site_code', 'REQUIRED'],
        [3, 'item_code', 'REQUIRED'],
        [4, 'available_qty', 'REQUIRED'],
      ],
      0,
    ],
    [
      'unknown-item.xlsx',
      [
        [2, 'item_code', 'UNKNOWN_ITEM'],
        [3, 'supplier_sku', 'UNKNOWN_ITEM'],
        [4, 'supplier_sku', 'UNKNOWN_ITEM'],
      ],
      0,
    ],
    [
      'invalid-number.xlsx',
      [
        [2, 'available_qty', 'INVALID_NUMBER'],
        [3, 'available_qty', 'INVALID_NUMBER'],
        [4, 'available_qty', 'INVALID_NUMBER'],
        [5, 'available_qty', 'INVALID_NUMBER'],
        [6, 'available_qty', 'INVALID_NUMBER'],
        [7, 'available_qty', 'INVALID_NUMBER'],
        [8, 'available_qty', 'INVALID_NUMBER'],
      ],
      0,
    ],
    [
      'negative.xlsx',
      [
        [2, 'available_qty', 'NEGATIVE'],
        [3, 'available_qty', 'NEGATIVE'],
        [3, 'available_qty', 'TOO_MANY_DECIMALS'],
      ],
      1,
    ],
    [
      'too-many-decimals.xlsx',
      [
        [2, 'available_qty', 'TOO_MANY_DECIMALS'],
        [3, 'available_qty', 'TOO_MANY_DECIMALS'],
        [4, 'available_qty', 'TOO_MANY_DECIMALS'],
      ],
      1,
    ],
    [
      'invalid-date.xlsx',
      [
        [2, 'expiry_date', 'INVALID_DATE'],
        [3, 'expiry_date', 'INVALID_DATE'],
        [4, 'expiry_date', 'INVALID_DATE'],
        [5, 'expiry_date', 'INVALID_DATE'],
        [6, 'expiry_date', 'INVALID_DATE'],
      ],
      1,
    ],
    [
      'duplicate-row.xlsx',
      [
        [4, 'supplier_sku', 'DUPLICATE_ROW'],
        [6, 'item_code', 'DUPLICATE_ROW'],
      ],
      3,
    ],
    ['uom-mismatch.xlsx', [[2, 'uom', 'UOM_MISMATCH']], 1],
    ['too-long.csv', [[2, 'lot_no', 'TOO_LONG']], 0],
    [
      'many-errors-one-row.xlsx',
      [
        [2, 'site_code', 'REQUIRED'],
        [2, 'item_code', 'UNKNOWN_ITEM'],
        [2, 'available_qty', 'INVALID_NUMBER'],
        [2, 'expiry_date', 'INVALID_DATE'],
      ],
      0,
    ],
  ])('%s', async (name, expected, validCount) => {
    const result = await parse(notOk(name));
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual(expected);
    expect(result.validRowCount).toBe(validCount);
    expect(result.errorRowCount).toBe(new Set(expected.map(([row]) => row)).size);
    for (const error of result.errors) {
      expect(error.message).not.toBe('');
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('UNKNOWN_SITE only when the context knows the sites', async () => {
    const withSites = await parse(notOk('unknown-site.csv'), { ctx: fixtureContext({ withSites: true }) });
    expect(withSites.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([[2, 'site_code', 'UNKNOWN_SITE', 'XX99']]);
    expect(withSites.validRows[0]).toMatchObject({ siteCode: 'SH01', siteId: 'site-1' });
    const without = await parse(notOk('unknown-site.csv'));
    expect(without.errors).toEqual([]);
  });

  it('explains the duplicate with the first row and the disagreeing code and SKU', async () => {
    const duplicates = await parse(notOk('duplicate-row.xlsx'));
    expect(duplicates.errors[0].message).toBe('Duplicate of row 2: same site, item and lot.');
    const unknown = await parse(notOk('unknown-item.xlsx'));
    expect(unknown.errors[2].message).toBe('Item code "ITEM-001" and supplier SKU "SKU-002" refer to different items (ITEM-001 and ITEM-002).');
  });

  it('hints at the fix for separators', async () => {
    const result = await parse(notOk('invalid-number.xlsx'));
    expect(result.errors[1]).toMatchObject({ value: '1,000', message: expect.stringContaining('thousands separator') });
    expect(result.errors[2]).toMatchObject({ value: '12,5', message: expect.stringContaining('decimal comma') });
  });

  it('keeps rejected rows as uploaded, for the error workbook', async () => {
    const result = await parse(notOk('invalid-date.xlsx'));
    expect(result.headers).toEqual(['site_code', 'item_code', 'available_qty', 'lot_no', 'expiry_date']);
    expect(result.rejectedRows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(result.rejectedRows[0].values).toEqual(['SH01', 'ITEM-001', 1, 'L1', '2025-02-30']);
    expect(result.rejectedRows[3].values).toEqual(['SH01', 'ITEM-001', 1, 'L4', 45000]);
  });

  it('caps what it keeps but counts everything', async () => {
    const result = await parse(notOk('invalid-number.xlsx'), { maxRejectedRowsKept: 2, maxErrorsKept: 3 });
    expect(result.rejectedRows).toHaveLength(2);
    expect(result.rejectedRowsTruncated).toBe(true);
    expect(result.errors).toHaveLength(3);
    expect(result.errorsTruncated).toBe(true);
    expect(result.errorCount).toBe(7);
    expect(result.errorRowCount).toBe(7);
  });
});

describe('parseSupplierInventoryFile — refused files', () => {
  it.each<[string, UploadRejectionCode, UploadRejectionReason]>([
    ['empty.csv', 'VALIDATION_FAILED', 'EMPTY_FILE'],
    ['header-only.xlsx', 'VALIDATION_FAILED', 'NO_DATA_ROWS'],
    ['missing-columns.xlsx', 'VALIDATION_FAILED', 'MISSING_COLUMNS'],
    ['duplicate-columns.csv', 'VALIDATION_FAILED', 'DUPLICATE_COLUMNS'],
    ['proto-header.csv', 'VALIDATION_FAILED', 'FORBIDDEN_HEADER'],
    ['formula-without-value.xlsx', 'VALIDATION_FAILED', 'FORMULA_WITHOUT_CACHED_VALUE'],
    ['hidden-first-sheet.xlsx', 'VALIDATION_FAILED', 'MISSING_COLUMNS'],
    ['iso-date-cells.xlsx', 'VALIDATION_FAILED', 'UNSUPPORTED_CELL_TYPE'],
    ['unterminated-quote.csv', 'VALIDATION_FAILED', 'UNTERMINATED_QUOTE'],
    ['zip-bomb.xlsx', 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
    ['zip-bomb-ratio.xlsx', 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
    ['declared-size-lie.xlsx', 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
    ['dimension-too-large.xlsx', 'PAYLOAD_TOO_LARGE', 'DIMENSION_TOO_LARGE'],
    ['row-beyond-limit.xlsx', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_ROWS'],
    ['cell-beyond-columns.xlsx', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_COLUMNS'],
    ['renamed-text.csv', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
    ['document.csv', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
    ['image.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
    ['binary.csv', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
    ['html-table.xls', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
    ['utf16.csv', 'UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_TEXT_ENCODING'],
    ['encrypted.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'ENCRYPTED_OR_LEGACY_WORKBOOK'],
    ['encrypted-entry.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'ENCRYPTED_ZIP_ENTRY'],
    ['macro-enabled.xlsm', 'UNSUPPORTED_MEDIA_TYPE', 'MACRO_ENABLED'],
    ['xlm-macrosheet.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'MACRO_ENABLED'],
    ['plain-zip.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_AN_XLSX'],
    ['truncated.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'MALFORMED_ZIP'],
    ['strict-ooxml.xlsx', 'UNSUPPORTED_MEDIA_TYPE', 'STRICT_OOXML'],
  ])('%s → %s %s', async (name, code, reason) => {
    const error = await rejection(notOk(name));
    expect({ code: error.code, reason: error.reason }).toEqual({ code, reason });
    expect(error.detail).not.toBe('');
    expect(error.detailZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lists every missing column and the accepted aliases', async () => {
    const error = await rejection(notOk('missing-columns.xlsx'));
    expect(error.errors.map((e) => e.column)).toEqual(['site_code', 'available_qty']);
    expect(error.detail).toContain('site_code / 仓库');
    expect(error.detail).toContain('available_qty / 可用库存');
    expect(error.detail).toContain('supplier_sku / 供应商物料号');
  });

  it('names the cell of a formula without a cached value', async () => {
    const error = await rejection(notOk('formula-without-value.xlsx'));
    expect(error.detail).toContain('C3');
    expect(error.detail).toContain('=C2*2');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const error = await rejection(ok('en-headers.xlsx'), { limits: resolveUploadLimits({ maxFileBytes: 1000 }) });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'FILE_TOO_LARGE']);
  });

  it('refuses a workbook inflating beyond the limit from its directory alone', async () => {
    const error = await rejection(ok('en-headers.xlsx'), { limits: resolveUploadLimits({ maxInflatedBytes: 10_000 }) });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'INFLATED_TOO_LARGE']);
  });

  it('stops at the time limit with a clean 413', async () => {
    const error = await rejection(ok('en-headers.xlsx'), { limits: resolveUploadLimits({ maxSeconds: 0 }) });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'TIME_LIMIT']);
  });
});

describe('parseSupplierInventoryFile — large files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-upload-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function writeCsv(name: string, dataRows: number, lastLine?: string): Promise<string> {
    const path = join(dir, name);
    const out = createWriteStream(path);
    out.write('site_code,item_code,available_qty,lot_no\n');
    let chunk = '';
    for (let i = 1; i <= dataRows; i++) {
      chunk += i === dataRows && lastLine !== undefined ? lastLine : `SH01,ITEM-00${(i % 3) + 1},${i % 100},L${i}\n`;
      if (chunk.length > 64 * 1024) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        chunk = '';
      }
    }
    out.end(chunk);
    await new Promise<void>((resolve) => out.once('finish', () => resolve()));
    return path;
  }

  it('refuses a 200,001-row CSV with 413, without reading past the limit', async () => {
    // Header + 200,000 data rows = row 200,001. Its content is an unterminated quote: had the
    // parser read it, the answer would be a 422 about the quote, not a 413.
    const path = await writeCsv('too-many-rows.csv', 200_000, 'SH01,ITEM-001,1,"never closed\n');
    let maxProgress = 0;
    let sunk = 0;
    const error = await rejection(path, {
      onProgress: (processed) => (maxProgress = Math.max(maxProgress, processed)),
      sink: async (rows) => {
        sunk += rows.length;
      },
    });
    expect([error.code, error.reason]).toEqual(['PAYLOAD_TOO_LARGE', 'TOO_MANY_ROWS']);
    expect(error.detail).toContain('200,001');
    expect(maxProgress).toBeLessThanOrEqual(199_999);
    expect(sunk).toBeLessThanOrEqual(199_999);
  });

  it('streams valid rows to the sink in batches and keeps none itself', async () => {
    const path = await writeCsv('many-rows.csv', 2_500);
    const batches: number[] = [];
    const progress: [number, number | null][] = [];
    const result = await parse(path, {
      sink: async (rows) => {
        batches.push(rows.length);
      },
      onProgress: (processed, estimate) => progress.push([processed, estimate]),
    });
    expect(batches).toEqual([SINK_BATCH_SIZE, SINK_BATCH_SIZE, 500]);
    expect(result.validRows).toEqual([]);
    expect(result.validRowCount).toBe(2_500);
    expect(progress.map(([processed]) => processed)).toEqual([1000, 2000, 2500]);
    expect(progress[progress.length - 1]).toEqual([2500, 2500]);
  });
});
