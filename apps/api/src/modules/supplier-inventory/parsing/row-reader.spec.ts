import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { toIsoDate } from './cell-values';
import { DEFAULT_UPLOAD_LIMITS } from './limits';
import { readSheetRows, SheetRow, UncachedFormula, WORKBOOK_READER_OPTIONS } from './row-reader';
import { sniffUploadFile } from './sniff';
import { Watchdog } from './watchdog';
import { inspectXlsx, XlsxInspection } from './xlsx-inspect';

const FIXTURES = join(__dirname, '../../../../test/fixtures/imports');
const LIMITS = { ...DEFAULT_UPLOAD_LIMITS };

async function rows(folder: 'ok' | 'not-ok', name: string): Promise<SheetRow[]> {
  const path = join(FIXTURES, folder, name);
  const kind = await sniffUploadFile(path, LIMITS);
  const inspection = kind.kind === 'xlsx' ? await inspectXlsx(path, LIMITS) : null;
  const out: SheetRow[] = [];
  for await (const row of readSheetRows(path, kind, inspection, LIMITS)) out.push(row);
  return out;
}

/** What a bare exceljs streaming read makes of the same file, for comparison. */
async function bareExceljsRows(name: string): Promise<unknown[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(join(FIXTURES, 'ok', name), WORKBOOK_READER_OPTIONS);
  const out: unknown[][] = [];
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of sheet) out.push((row.values as unknown[]).slice(1));
  }
  return out;
}

describe('readSheetRows — xlsx', () => {
  it('yields typed values with row numbers as Excel shows them, skipping empty rows', async () => {
    const result = await rows('ok', 'en-headers.xlsx');
    expect(result.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(result[1].values).toEqual(['SH01', 'ITEM-001', 'SKU-001', 120, 'EA', 'LOT-A', new Date(Date.UTC(2027, 11, 31))]);
    expect(result[2].values).toEqual(['SH01', 'ITEM-002', null, 12.345, 'KG']);
    expect((await rows('ok', 'reordered-extra-columns.xlsx')).map((r) => r.rowNumber)).toEqual([1, 3, 4, 5]);
  });

  it('honours date1904="true", which exceljs alone reads as the 1900 system (1462 days early)', async () => {
    const bare = await bareExceljsRows('date1904-true-attribute.xlsx');
    expect(toIsoDate(bare[1][6] as Date)).toBe('2023-12-30');
    const ours = await rows('ok', 'date1904-true-attribute.xlsx');
    expect(toIsoDate(ours[1].values[6] as Date)).toBe('2027-12-31');
  });

  it('reads a workbook that exceljs alone cannot stream (odd part names, sheet first, workbook last, data descriptors)', async () => {
    expect(await bareExceljsRows('streaming-hostile.xlsx')).toEqual([]);
    const ours = await rows('ok', 'streaming-hostile.xlsx');
    expect(ours).toHaveLength(5);
    expect(ours[4].values).toEqual(['SZ02', 100234, null, 7, 'pcs']);
  });

  it('reads inline strings (no sharedStrings part)', async () => {
    expect((await rows('ok', 'inline-strings.xlsx'))[1].values.slice(0, 3)).toEqual(['SH01', 'ITEM-001', 'SKU-001']);
  });

  it('uses cached formula results, including 0, and shared-formula children', async () => {
    const result = await rows('ok', 'formulas-cached.xlsx');
    expect(result.map((r) => r.values[3])).toEqual(['available_qty', 12, 2.35, 0, 2, 2]);
    expect(toIsoDate(result[2].values[6] as Date)).toBe('2027-06-30');
    expect(result[1].values[7]).toEqual(new UncachedFormula('H2', 'A1&"x"'));
  });

  it('turns cached errors into error values', async () => {
    const result = await rows('not-ok', 'invalid-number.xlsx');
    const byRow = new Map(result.map((r) => [r.rowNumber, r.values[2]]));
    expect(byRow.get(6)).toBe(true);
    expect(byRow.get(7)).toEqual({ error: '#N/A' });
    expect(byRow.get(8)).toEqual({ error: 'formula error' });
  });

  it('rejects cleanly when the watchdog has already failed', async () => {
    const path = join(FIXTURES, 'ok', 'en-headers.xlsx');
    const inspection = await inspectXlsx(path, LIMITS);
    const watchdog = new Watchdog(0);
    const iterator = readSheetRows(path, { kind: 'xlsx', fileBytes: 0 }, inspection, LIMITS, { watchdog });
    await expect(iterator.next()).rejects.toMatchObject({ reason: 'TIME_LIMIT' });
  });

  it('rejects, instead of hanging, when an entry inflates beyond its declared size mid-stream', async () => {
    // Skip inspection (which would catch it first) to exercise the reader's own guard.
    const inspection: XlsxInspection = {
      date1904: false,
      sheetName: 'inventory',
      sheetPath: 'xl/worksheets/sheet1.xml',
      dimension: null,
      parts: { workbook: 'xl/workbook.xml', workbookRels: 'xl/_rels/workbook.xml.rels', styles: 'xl/styles.xml', sharedStrings: 'xl/sharedStrings.xml' },
      inflatedBytes: 0,
      hiddenSheetsSkipped: [],
    };
    const consume = async () => {
      for await (const row of readSheetRows(join(FIXTURES, 'not-ok', 'declared-size-lie.xlsx'), { kind: 'xlsx', fileBytes: 0 }, inspection, LIMITS)) void row;
    };
    await expect(consume()).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' });
  });
});

describe('readSheetRows — csv', () => {
  it('counts records, not lines, for row numbers', async () => {
    const result = await rows('ok', 'utf8.csv');
    expect(result.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(result[1].values[7]).toBe('multi\r\nline "quoted" note');
  });

  it('decodes GB18030', async () => {
    const result = await rows('ok', 'gb18030-zh.csv');
    expect(result[0].values).toEqual(['仓库', '物料编码', '供应商物料号', '可用库存', '单位', '批次号', '有效期', '备注']);
    expect(result[1].values[7]).toBe('中文备注');
  });

  it('turns empty CSV cells into null', async () => {
    expect((await rows('ok', 'utf8.csv'))[2].values).toEqual(['SH01', 'ITEM-002', null, '12.345', 'KG', null, null, null]);
  });
});
