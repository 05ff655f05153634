import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { DEFAULT_UPLOAD_LIMITS } from './limits';
import { columnLetters, columnNumber, decodeXmlEntities, findTags, inspectXlsx, parseDimensionRef, resolvePartPath } from './xlsx-inspect';

const FIXTURES = join(__dirname, '../../../../test/fixtures/imports');
const inspect = (folder: 'ok' | 'not-ok', name: string, limits = { ...DEFAULT_UPLOAD_LIMITS }) => inspectXlsx(join(FIXTURES, folder, name), limits);

describe('inspectXlsx', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads what the row reader needs from the directory and the small parts', async () => {
    expect(await inspect('ok', 'en-headers.xlsx')).toEqual({
      date1904: false,
      sheetName: 'inventory',
      sheetPath: 'xl/worksheets/sheet1.xml',
      dimension: { ref: 'A1:G5', lastRow: 5, lastColumn: 7 },
      parts: {
        workbook: 'xl/workbook.xml',
        workbookRels: 'xl/_rels/workbook.xml.rels',
        styles: 'xl/styles.xml',
        sharedStrings: 'xl/sharedStrings.xml',
      },
      inflatedBytes: expect.any(Number),
      hiddenSheetsSkipped: [],
    });
  });

  it.each(['date1904.xlsx', 'date1904-true-attribute.xlsx'])('sees the 1904 date system in %s', async (name) => {
    expect((await inspect('ok', name)).date1904).toBe(true);
  });

  it('picks the first visible sheet', async () => {
    expect(await inspect('ok', 'hidden-junk-first.xlsx')).toMatchObject({
      sheetName: 'inventory',
      sheetPath: 'xl/worksheets/sheet2.xml',
      hiddenSheetsSkipped: ['lookup'],
    });
  });

  it('follows the relationships to a sheet part not named sheetN.xml', async () => {
    expect((await inspect('ok', 'streaming-hostile.xlsx')).sheetPath).toBe('xl/worksheets/inventory.xml');
  });

  it('copes with a workbook without shared strings', async () => {
    expect((await inspect('ok', 'inline-strings.xlsx')).parts.sharedStrings).toBeNull();
  });

  it('refuses a zip bomb from the central directory, before inflating anything', async () => {
    const inflations = jest.spyOn(yauzl.ZipFile.prototype, 'openReadStream');
    await expect(inspect('not-ok', 'zip-bomb.xlsx')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' });
    expect(inflations).not.toHaveBeenCalled();
  });

  it('refuses an oversized total from the directory, before inflating anything', async () => {
    const inflations = jest.spyOn(yauzl.ZipFile.prototype, 'openReadStream');
    await expect(inspect('ok', 'en-headers.xlsx', { ...DEFAULT_UPLOAD_LIMITS, maxInflatedBytes: 1000 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'INFLATED_TOO_LARGE',
    });
    expect(inflations).not.toHaveBeenCalled();
  });

  it('refuses encrypted entries and macro parts without inflating', async () => {
    const inflations = jest.spyOn(yauzl.ZipFile.prototype, 'openReadStream');
    await expect(inspect('not-ok', 'encrypted-entry.xlsx')).rejects.toMatchObject({ reason: 'ENCRYPTED_ZIP_ENTRY' });
    await expect(inspect('not-ok', 'macro-enabled.xlsm')).rejects.toMatchObject({ reason: 'MACRO_ENABLED' });
    expect(inflations).not.toHaveBeenCalled();
  });

  it('refuses a dimension beyond the limits', async () => {
    await expect(inspect('not-ok', 'dimension-too-large.xlsx')).rejects.toMatchObject({ reason: 'DIMENSION_TOO_LARGE' });
    await expect(inspect('ok', 'en-headers.xlsx', { ...DEFAULT_UPLOAD_LIMITS, maxColumns: 6 })).rejects.toMatchObject({ reason: 'DIMENSION_TOO_LARGE' });
  });

  it('catches an entry inflating beyond its declared size while probing the dimension', async () => {
    await expect(inspect('not-ok', 'declared-size-lie.xlsx')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' });
  });
});

describe('xml and zip helpers', () => {
  it.each<[string, { lastRow: number; lastColumn: number } | null]>([
    ['A1:G5', { lastRow: 5, lastColumn: 7 }],
    ['B2', { lastRow: 2, lastColumn: 2 }],
    ['$A$1:$XFD$1048576', { lastRow: 1048576, lastColumn: 16384 }],
    ['A1:AB300000', { lastRow: 300000, lastColumn: 28 }],
    ['nonsense', null],
  ])('dimension %s', (ref, expected) => {
    const parsed = parseDimensionRef(ref);
    expect(parsed && { lastRow: parsed.lastRow, lastColumn: parsed.lastColumn }).toEqual(expected);
  });

  it.each<[string, number]>([
    ['A', 1],
    ['Z', 26],
    ['AA', 27],
    ['BL', 64],
    ['XFD', 16384],
  ])('column %s is %d and back', (letters, number) => {
    expect(columnNumber(letters)).toBe(number);
    expect(columnLetters(number)).toBe(letters);
  });

  it.each([
    ['xl', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', '../xl/./worksheets/s.xml', 'xl/worksheets/s.xml'],
  ])('part path %s + %s', (base, target, expected) => {
    expect(resolvePartPath(base, target)).toBe(expected);
  });

  it('reads attributes of prefixed tags and decodes entities', () => {
    const xml = '<x:sheets><x:sheet name="A &amp; B &#x4E2D;" state="hidden" r:id="rId1"/><sheet name=\'C\' ns2:id="rId2"></sheet></x:sheets>';
    const sheets = [...findTags(xml, 'sheet')].map((attrs) => Object.fromEntries(attrs));
    expect(sheets).toEqual([
      { name: 'A & B 中', state: 'hidden', 'r:id': 'rId1' },
      { name: 'C', 'ns2:id': 'rId2' },
    ]);
    expect(decodeXmlEntities('&lt;&gt;&quot;&apos;&#65;&#0;')).toBe('<>"\'A');
  });
});
