import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import {
  centralDirectoryHeader,
  crc32,
  endOfCentralDirectory,
  localFileHeader,
  ZIP_METHOD_DEFLATED,
  ZIP_METHOD_STORED,
} from '../../src/modules/supplier-inventory/parsing/zip-records';

/**
 * Hostile spreadsheets built in memory for the malicious-input suite (the committed fixtures
 * under test/fixtures/imports cover the classic ones; these are generated because they are
 * big, or parametrised).
 */

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  method?: number;
  /** What the directory claims the entry inflates to (a lie, when set). */
  declaredSize?: number;
}

export function zip(entries: readonly ZipEntrySpec[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? ZIP_METHOD_DEFLATED;
    const body = method === ZIP_METHOD_DEFLATED ? zlib.deflateRawSync(e.data, { level: 1 }) : e.data;
    const record = { name: e.name, method, flags: 0, crc32: crc32(e.data), compressedSize: body.length, uncompressedSize: e.declaredSize ?? e.data.length };
    const local = localFileHeader(record);
    central.push(centralDirectoryHeader(record, offset));
    chunks.push(local, body);
    offset += local.length + body.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...chunks, directory, endOfCentralDirectory(entries.length, directory.length, offset)]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');

/** A minimal, valid workbook: `sheets` worksheets (the first holds `rows`), shared strings as given. */
export function workbook(opts: { rows: string[][]; sheets?: number; sharedStrings?: ZipEntrySpec | null }): ZipEntrySpec[] {
  const sheets = opts.sheets ?? 1;
  const strings: string[] = [];
  const idx = (s: string) => {
    const i = strings.indexOf(s);
    if (i >= 0) return i;
    strings.push(s);
    return strings.length - 1;
  };
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetData = opts.rows
    .map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => `<c r="${col(ci)}${ri + 1}" t="s"><v>${idx(v)}</v></c>`).join('')}</row>`)
    .join('');
  const sheetXml = (data: string) => xml(`<worksheet xmlns="${NS}"><sheetData>${data}</sheetData></worksheet>`);
  const sheetList = Array.from({ length: sheets }, (_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = Array.from({ length: sheets }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const overrides = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  const shared =
    opts.sharedStrings === undefined
      ? { name: 'xl/sharedStrings.xml', data: xml(`<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`) }
      : opts.sharedStrings;
  const entries: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheetList}</sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml(sheetData) },
    ...Array.from({ length: sheets - 1 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 2}.xml`, data: sheetXml(''), method: ZIP_METHOD_STORED })),
  ];
  if (shared) entries.push(shared);
  return entries;
}

/** A valid little workbook (control: the builder makes files the API accepts). */
export const plainWorkbook = (rows: string[][]) => zip(workbook({ rows }));

/**
 * Shared strings whose directory entry claims `declared` bytes while the data is incompressible
 * (the ratio stays under the zip-bomb ratio: only the size says it is too much to cache).
 */
export function hugeSharedStrings(rows: string[][], declared: number): Buffer {
  const noise = randomBytes(Math.ceil(declared / 90));
  return zip(workbook({ rows, sharedStrings: { name: 'xl/sharedStrings.xml', data: noise, declaredSize: declared } }));
}

/** A workbook with more parts than any real one (one tiny sheet each). */
export const manySheets = (rows: string[][], sheets: number) => zip(workbook({ rows, sheets }));

/** Starts like a zip (local header signature) and then is garbage: no central directory. */
export function malformedZip(): Buffer {
  const header = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
  return Buffer.concat([header, randomBytes(4096)]);
}

/** A zip whose end-of-central-directory record points past the end of the file. */
export function zipWithBrokenDirectory(rows: string[][]): Buffer {
  const good = plainWorkbook(rows);
  const eocd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const broken = Buffer.from(good);
  broken.writeUInt32LE(good.length * 4, eocd + 16);
  return broken;
}

/** A CSV whose second line is one field of `bytes` bytes, no newline in it. */
export function csvWithHugeLine(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('site_code,item_code,available_qty\n'), Buffer.alloc(bytes, 'A'), Buffer.from(',BOLT,1\n')]);
}
