/**
 * Generates the supplier-inventory upload fixtures committed under
 * apps/api/test/fixtures/imports/{ok,not-ok}/ (see the README.md there for what each proves).
 *
 * Run from the repository root:
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/api/scripts/make-import-fixtures.ts
 *
 * Output is deterministic (fixed document dates, fixed zip timestamps, zlib level 9), so a
 * re-run rewrites identical bytes and `git status` shows no change unless this script did.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import * as yauzl from 'yauzl';
import {
  centralDirectoryHeader,
  crc32,
  dataDescriptor,
  endOfCentralDirectory,
  localFileHeader,
  ZIP_FLAG_DATA_DESCRIPTOR,
  ZIP_FLAG_ENCRYPTED,
  ZIP_METHOD_DEFLATED,
} from '../src/modules/supplier-inventory/parsing/zip-records';

const ROOT = join(__dirname, '../test/fixtures/imports');
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

// ---------------------------------------------------------------------------------------
// Zip plumbing

interface ZipPart {
  name: string;
  data: Buffer;
  method?: number;
  flags?: number;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
  /** Pre-compressed data (for entries too big to hold inflated). */
  raw?: { compressed: Buffer; crc: number; size: number };
}

function writeZip(parts: readonly ZipPart[], options: { dataDescriptors?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? ZIP_METHOD_DEFLATED;
    const compressed = part.raw?.compressed ?? (method === ZIP_METHOD_DEFLATED ? zlib.deflateRawSync(part.data, { level: 9 }) : part.data);
    const record = {
      name: part.name,
      method,
      flags: (part.flags ?? 0) | (options.dataDescriptors ? ZIP_FLAG_DATA_DESCRIPTOR : 0),
      crc32: part.raw?.crc ?? crc32(part.data),
      compressedSize: compressed.length,
      uncompressedSize: part.declaredSize ?? part.raw?.size ?? part.data.length,
    };
    const local = localFileHeader(record);
    central.push(centralDirectoryHeader(record, offset));
    chunks.push(local, compressed);
    offset += local.length + compressed.length;
    if (record.flags & ZIP_FLAG_DATA_DESCRIPTOR) {
      const descriptor = dataDescriptor(record);
      chunks.push(descriptor);
      offset += descriptor.length;
    }
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...chunks, directory, endOfCentralDirectory(parts.length, directory.length, offset)]);
}

async function readZip(buffer: Buffer): Promise<ZipPart[]> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  const parts: ZipPart[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return parts;
}

function part(parts: ZipPart[], name: string): ZipPart {
  const found = parts.find((p) => p.name === name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

function editXml(parts: ZipPart[], name: string, edit: (xml: string) => string): ZipPart[] {
  const target = part(parts, name);
  const edited = edit(target.data.toString('utf8'));
  if (edited === target.data.toString('utf8')) throw new Error(`edit of ${name} changed nothing`);
  target.data = Buffer.from(edited, 'utf8');
  return parts;
}

/** Deflates `head + block × n + tail` without ever holding it inflated. */
async function deflateRepeated(head: string, block: string, totalBytes: number, tail: string) {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (buffer: Buffer) => {
    crc = crc32(buffer, crc);
    size += buffer.length;
    if (!deflate.write(buffer)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(head));
  const unit = Buffer.from(block.repeat(Math.max(1, Math.floor((1024 * 1024) / block.length))));
  while (size + unit.length < totalBytes) await write(unit);
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { compressed: Buffer.concat(out), crc, size };
}

// ---------------------------------------------------------------------------------------
// Workbooks

type Row = unknown[];

interface SheetSpec {
  name: string;
  rows: Row[];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** numFmt per 1-based column, applied to every data row. */
  formats?: Record<number, string>;
}

async function workbookParts(sheets: SheetSpec[], options: { date1904?: boolean } = {}): Promise<ZipPart[]> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'make-import-fixtures';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  if (options.date1904) workbook.properties.date1904 = true;
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    for (const values of spec.rows) {
      const row = sheet.addRow(values);
      row.eachCell((cell, column) => {
        const format = spec.formats?.[column];
        if (format && row.number > 1) cell.numFmt = format;
        else if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
    }
  }
  return readZip(Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function workbook(sheets: SheetSpec[] | Row[], options: { date1904?: boolean } = {}): Promise<Buffer> {
  return writeZip(await workbookParts(asSheets(sheets), options));
}

function asSheets(sheets: SheetSpec[] | Row[]): SheetSpec[] {
  return sheets.length > 0 && !Array.isArray(sheets[0]) ? (sheets as SheetSpec[]) : [{ name: 'inventory', rows: sheets as Row[] }];
}

/** A workbook written by exceljs's streaming writer without shared strings (inline strings only). */
async function inlineStringWorkbook(rows: Row[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  writer.created = FIXED_DATE;
  writer.modified = FIXED_DATE;
  const sheet = writer.addWorksheet('inventory');
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
  }
  sheet.commit();
  await writer.commit();
  return writeZip(await readZip(Buffer.concat(chunks)));
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const serial1900 = (date: Date) => (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

const EN = ['site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date'];
const ZH = ['仓库', '物料编码', '供应商物料号', '可用库存', '单位', '批次号', '有效期'];

/** Four valid rows against the catalogue (see catalogue.ts). */
const VALID_ROWS: Row[] = [
  ['SH01', 'ITEM-001', 'SKU-001', 120, 'EA', 'LOT-A', utc(2027, 12, 31)],
  ['SH01', 'ITEM-002', null, 12.345, 'KG', null, null],
  ['SZ02', null, 'SKU-003', 0, null, 'LOT-B', '2026/1/5'],
  ['SZ02', 100234, null, 7, 'pcs', null, null],
];

// ---------------------------------------------------------------------------------------
// Fixtures

type Fixtures = Record<string, Buffer | string | (() => Promise<Buffer>)>;

const ok: Fixtures = {
  'en-headers.xlsx': () => workbook([EN, ...VALID_ROWS]),
  'zh-headers.xlsx': () => workbook([ZH, ...VALID_ROWS]),
  'reordered-extra-columns.xlsx': () =>
    workbook([
      ['Stock report — June'],
      [],
      ['Remarks', '可用库存', 'ITEM CODE', 'Site-Code', 'colour', ' Lot_No ', '单 位'],
      ['first', 5, 'ITEM-001', 'SH01', 'red', 'L1', 'EA'],
      ['second', 2.5, 'ITEM-003', 'SZ02', 'blue', null, 'm'],
    ]),
  'utf8.csv':
    'site_code,item_code,supplier_sku,available_qty,uom,lot_no,expiry_date,comment\r\n' +
    'SH01,ITEM-001,SKU-001,120,EA,"LOT,A",2027-12-31,"multi\r\nline ""quoted"" note"\r\n' +
    'SH01,ITEM-002,,12.345,KG,,,\r\n' +
    'SZ02,,SKU-003,0,,LOT-B,2026/1/5,plain\r\n',
  'utf8-bom.csv': '\ufeff' + `${ZH.join(',')}\n上海仓,ITEM-001,,3,EA,批次-1,2027-01-31\nSH01,,SKU-002,1.5,kg,,`,
  'semicolon.csv': 'site_code;item_code;available_qty;comment\nSH01;ITEM-001;4;"a; b, c"\nSZ02;ITEM-003;1.25;\n',
  'tab-delimited.txt': 'site_code\titem_code\tavailable_qty\nSH01\tITEM-001\t9\n',
  'gb18030-zh.csv': () =>
    Promise.resolve(iconv.encode(`${ZH.join(',')},备注\r\n上海仓,ITEM-001,SKU-001,8,EA,批次-1,2027-03-01,中文备注\r\n上海仓,ITEM-002,,0.5,KG,,,\r\n`, 'gb18030')),
  'date1904.xlsx': () =>
    workbook(
      [
        [...EN, 'note'],
        ['SH01', 'ITEM-001', null, 1, 'EA', 'L-1904', utc(2027, 12, 31), 'date cell'],
        ['SH01', 'ITEM-001', null, 1, 'EA', 'L-EARLY', utc(1904, 1, 2), 'day 1 of the 1904 system'],
      ],
      { date1904: true },
    ),
  'date1904-true-attribute.xlsx': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, ['SH01', 'ITEM-001', null, 1, 'EA', null, utc(2027, 12, 31)]] }], { date1904: true });
    return writeZip(editXml(parts, 'xl/workbook.xml', (xml) => xml.replace('date1904="1"', 'date1904="true"')));
  },
  'text-numbers.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty'],
      ['SH01', 'ITEM-001', '12'],
      ['SH01', 'ITEM-002', '0.5'],
      ['SH01', 'ITEM-003', '+3'],
      ['SH01', '100234', '１２'],
      ['SZ02', 'ITEM-001', ' 7 '],
      ['SZ02', 'ITEM-002', '.25'],
    ]),
  'delta-example.xlsx': () =>
    workbook([
      ['site_code', 'supplier_sku', 'available_qty', 'lot_no'],
      ['SH01', 'SKU-001', 40, 'LOT-A'],
      ['SH01', 'SKU-001', 15, 'LOT-C'],
    ]),
  'formulas-cached.xlsx': async () =>
    writeZip(
      // Rows 4-6 are written by hand: a cached 0 (which exceljs's cell.value drops) and a
      // shared formula, whose child cells carry no formula text.
      editXml(
        await workbookParts([
        {
          name: 'inventory',
          rows: [
            [...EN, 'helper'],
            // The helper column holds a formula without a cached value: ignored, since unused.
            ['SH01', 'ITEM-001', null, { formula: '10+2', result: 12 }, 'EA', null, null, { formula: 'A1&"x"' }],
            ['SH01', 'ITEM-003', null, { formula: 'ROUND(2.345,2)', result: 2.35 }, 'M', 'L9', { formula: 'DATE(2027,6,30)', result: serial1900(utc(2027, 6, 30)) }, null],
          ],
          formats: { 7: 'yyyy-mm-dd' },
        },
      ]),
        'xl/worksheets/sheet1.xml',
        (xml) =>
          xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:H6"/>').replace(
            '</sheetData>',
            [4, 5, 6]
              .map((r) => {
                const qty = r === 4 ? '<f>5-5</f><v>0</v>' : r === 5 ? '<f t="shared" ref="D5:D6" si="0">1+1</f><v>2</v>' : '<f t="shared" si="0"/><v>2</v>';
                return `<row r="${r}">${inline(`A${r}`, 'SH01')}${inline(`B${r}`, 'ITEM-002')}<c r="D${r}">${qty}</c>${inline(`F${r}`, `L${r}`)}</row>`;
              })
              .join('') + '</sheetData>',
          ),
      ),
    ),
  'hidden-junk-first.xlsx': () =>
    workbook([
      { name: 'lookup', state: 'veryHidden', rows: [['junk', 'not', 'inventory']] },
      { name: 'inventory', rows: [EN, ...VALID_ROWS.slice(0, 2)] },
    ]),
  'inline-strings.xlsx': () => inlineStringWorkbook([EN, ...VALID_ROWS]),
  'streaming-hostile.xlsx': async () => {
    // The same workbook as en-headers.xlsx, stored the way exceljs's one-pass reader cannot
    // take it: a sheet part not named sheetN.xml, the sheet before sharedStrings and styles,
    // workbook.xml last, and every entry with a trailing data descriptor.
    let parts = await workbookParts([{ name: 'inventory', rows: [EN, ...VALID_ROWS] }]);
    parts = editXml(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('worksheets/sheet1.xml', 'worksheets/inventory.xml'));
    parts = editXml(parts, '[Content_Types].xml', (xml) => xml.replace('/xl/worksheets/sheet1.xml', '/xl/worksheets/inventory.xml'));
    part(parts, 'xl/worksheets/sheet1.xml').name = 'xl/worksheets/inventory.xml';
    const order = ['xl/worksheets/inventory.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const first = order.map((name) => part(parts, name));
    const rest = parts.filter((p) => !order.includes(p.name) && p.name !== 'xl/workbook.xml');
    return writeZip([...first, ...rest, part(parts, 'xl/workbook.xml')], { dataDescriptors: true });
  },
};

const tooLong = 'L'.repeat(1001);

const notOk: Fixtures = {
  // One per row error code
  'required.xlsx': () =>
    workbook([
      [...EN],
      [null, 'ITEM-001', null, 1, null, null, null],
      ['SH01', null, null, 1, null, null, null],
      ['SH01', 'ITEM-001', null, null, null, 'L1', null],
    ]),
  'unknown-item.xlsx': () =>
    workbook([
      [...EN],
      ['SH01', 'NOPE-1', null, 1, null, null, null],
      ['SH01', null, 'SKU-NOPE', 1, null, null, null],
      ['SH01', 'ITEM-001', 'SKU-002', 1, null, null, null],
    ]),
  'invalid-number.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty', 'lot_no'],
      ['SH01', 'ITEM-002', 'abc', 'L1'],
      ['SH01', 'ITEM-002', '1,000', 'L2'],
      ['SH01', 'ITEM-002', '12,5', 'L3'],
      ['SH01', 'ITEM-002', '1e3', 'L4'],
      ['SH01', 'ITEM-002', true, 'L5'],
      ['SH01', 'ITEM-002', { error: '#N/A' }, 'L6'],
      ['SH01', 'ITEM-002', { formula: 'NA()', result: { error: '#N/A' } }, 'L7'],
    ]),
  'negative.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty', 'lot_no'],
      ['SH01', 'ITEM-001', -5, 'L1'],
      ['SH01', 'ITEM-002', '-1.2345', 'L2'],
      ['SH01', 'ITEM-002', '-0', 'L3'],
    ]),
  'too-many-decimals.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty', 'lot_no'],
      ['SH01', 'ITEM-001', 1.5, 'L1'],
      ['SH01', 'ITEM-002', 12.3456, 'L2'],
      ['SH01', '100234', '0.1234567', 'L3'],
      ['SH01', 'ITEM-002', '1.500', 'L4'],
    ]),
  'invalid-date.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty', 'lot_no', 'expiry_date'],
      ['SH01', 'ITEM-001', 1, 'L1', '2025-02-30'],
      ['SH01', 'ITEM-001', 1, 'L2', '31/12/2025'],
      ['SH01', 'ITEM-001', 1, 'L3', 'tomorrow'],
      ['SH01', 'ITEM-001', 1, 'L4', 45000],
      ['SH01', 'ITEM-001', 1, 'L5', '2025/13/01'],
      ['SH01', 'ITEM-001', 1, 'L6', '2024-02-29'],
    ]),
  'duplicate-row.xlsx': () =>
    workbook([
      [...EN],
      ['SH01', 'ITEM-001', null, 1, null, 'L1', null],
      ['SH01', 'ITEM-002', null, 1, null, null, null],
      ['sh01', null, 'SKU-001', 2, null, 'L1', null],
      ['SH01', 'ITEM-001', null, 3, null, 'L2', null],
      ['SH01', 'ITEM-002', null, 1, null, null, null],
    ]),
  'uom-mismatch.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty', 'uom'],
      ['SH01', 'ITEM-001', 1, 'KG'],
      ['SH01', 'ITEM-002', 1, 'kg'],
    ]),
  'unknown-site.csv': 'site_code,item_code,available_qty\nXX99,ITEM-001,1\nSH01,ITEM-001,1\n',
  'too-long.csv': `site_code,item_code,available_qty,lot_no\nSH01,ITEM-001,1,${tooLong}\n`,
  'many-errors-one-row.xlsx': () =>
    workbook([
      [...EN],
      [null, 'NOPE-9', null, 'abc', 'EA', null, '2025-02-30'],
    ]),
  // File-level refusals
  'empty.csv': '',
  'header-only.xlsx': () => workbook([[...EN]]),
  'missing-columns.xlsx': () => workbook([['item_code', 'qty', 'warehouse'], ['ITEM-001', 1, 'SH01']]),
  'duplicate-columns.csv': 'site_code,item_code,物料编码,available_qty\nSH01,ITEM-001,ITEM-001,1\n',
  'proto-header.csv': 'site_code,item_code,available_qty,__proto__\nSH01,ITEM-001,1,{"polluted":true}\n',
  'formula-without-value.xlsx': () =>
    workbook([
      ['site_code', 'item_code', 'available_qty'],
      ['SH01', 'ITEM-001', 1],
      ['SH01', 'ITEM-003', { formula: 'C2*2' }],
    ]),
  'hidden-first-sheet.xlsx': () =>
    workbook([
      { name: 'inventory', state: 'hidden', rows: [EN, ...VALID_ROWS] },
      { name: 'readme', rows: [['Please fill in the other sheet.']] },
    ]),
  'zip-bomb.xlsx': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]);
    const sheet = part(parts, 'xl/worksheets/sheet1.xml');
    sheet.raw = await deflateRepeated(
      // One endless cell: a single repeated byte deflates about 1000:1.
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
      'A',
      210 * 1024 * 1024,
      '</t></is></c></row></sheetData></worksheet>',
    );
    return writeZip(parts);
  },
  'zip-bomb-ratio.xlsx': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]);
    part(parts, 'xl/worksheets/sheet1.xml').raw = await deflateRepeated(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>`,
      '<row></row>',
      12 * 1000 * 1000,
      '</sheetData></worksheet>',
    );
    return writeZip(parts);
  },
  'declared-size-lie.xlsx': async () => {
    const rows: Row[] = [EN];
    for (let i = 0; i < 3000; i++) rows.push(['SH01', 'ITEM-001', null, i, 'EA', `L${i}`, null]);
    const parts = await workbookParts([{ name: 'inventory', rows }]);
    part(parts, 'xl/worksheets/sheet1.xml').declaredSize = 100;
    return writeZip(parts);
  },
  'dimension-too-large.xlsx': async () =>
    writeZip(editXml(await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]), 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:G300000"/>'))),
  'row-beyond-limit.xlsx': async () =>
    writeZip(
      editXml(await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]), 'xl/worksheets/sheet1.xml', (xml) =>
        xml.replace(/<dimension ref="[^"]*"\/>/, '').replace('</sheetData>', `<row r="250000">${inline('A250000', 'SH01')}</row></sheetData>`),
      ),
    ),
  'cell-beyond-columns.xlsx': async () =>
    writeZip(
      editXml(await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]), 'xl/worksheets/sheet1.xml', (xml) =>
        xml.replace(/<dimension ref="[^"]*"\/>/, '').replace('</sheetData>', `<row r="3">${inline('A3', 'SH01')}${inline('BZ3', 'far away')}</row></sheetData>`),
      ),
    ),
  'iso-date-cells.xlsx': async () =>
    writeZip(
      editXml(await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]), 'xl/worksheets/sheet1.xml', (xml) =>
        xml.replace('</sheetData>', `<row r="3">${inline('A3', 'SH01')}${inline('B3', 'ITEM-003')}<c r="D3"><v>1</v></c><c r="G3" t="d"><v>2027-12-31T00:00:00</v></c></row></sheetData>`),
      ),
    ),
  'renamed-text.csv': 'Meeting notes\nWe agreed to send the stock list on Monday, as usual.\nThanks, Li\n',
  'document.csv': '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'image.xlsx': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 0)]),
  'binary.csv': Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  'html-table.xls': '<html><body><table><tr><td>site_code</td><td>item_code</td></tr></table></body></html>\n',
  'utf16.csv': () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('site_code,item_code,available_qty\r\nSH01,ITEM-001,1\r\n', 'utf16le')])),
  'encrypted.xlsx': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]),
  'encrypted-entry.xlsx': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]);
    part(parts, 'xl/worksheets/sheet1.xml').flags = ZIP_FLAG_ENCRYPTED;
    return writeZip(parts);
  },
  'macro-enabled.xlsm': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]);
    editXml(parts, '[Content_Types].xml', (xml) =>
      xml
        .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
        .replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'),
    );
    parts.push({ name: 'xl/vbaProject.bin', data: Buffer.from('not really VBA, but named like it') });
    return writeZip(parts);
  },
  'xlm-macrosheet.xlsx': async () => {
    const parts = await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]);
    editXml(parts, '[Content_Types].xml', (xml) =>
      xml.replace('</Types>', '<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>'),
    );
    editXml(parts, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replace('</Relationships>', '<Relationship Id="rIdM1" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>'),
    );
    parts.push({ name: 'xl/macrosheets/sheet1.xml', data: Buffer.from(`<xm:macrosheet xmlns="${MAIN_NS}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>`) });
    return writeZip(parts);
  },
  'plain-zip.xlsx': () => Promise.resolve(writeZip([{ name: 'readme.txt', data: Buffer.from('just a zip') }])),
  'truncated.xlsx': async () => {
    const full = await workbook([EN, ...VALID_ROWS]);
    return full.subarray(0, Math.floor(full.length / 2));
  },
  'strict-ooxml.xlsx': async () =>
    writeZip(editXml(await workbookParts([{ name: 'inventory', rows: [EN, VALID_ROWS[0]] }]), 'xl/workbook.xml', (xml) => xml.replace(`xmlns="${MAIN_NS}"`, 'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"'))),
  'unterminated-quote.csv': 'site_code,item_code,available_qty,lot_no\nSH01,ITEM-001,1,"L1\nSH01,ITEM-002,2,L2\n',
};

async function writeAll(folder: string, fixtures: Fixtures): Promise<void> {
  const dir = join(ROOT, folder);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) rmSync(join(dir, name));
  for (const [name, make] of Object.entries(fixtures)) {
    const content = typeof make === 'function' ? await make() : make;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (bytes.length > 1024 * 1024) throw new Error(`${name} is ${bytes.length} bytes; fixtures must stay under 1 MB`);
    writeFileSync(join(dir, name), bytes);
    console.log(`${folder}/${name}`.padEnd(44), String(bytes.length).padStart(8), 'bytes');
  }
}

async function main(): Promise<void> {
  await writeAll('ok', ok);
  await writeAll('not-ok', notOk);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
