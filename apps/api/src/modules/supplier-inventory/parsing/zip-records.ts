/**
 * The few ZIP records this module writes itself (APPNOTE 6.3.x §4.3): local file headers
 * and an end-of-central-directory record for the canonical stream handed to exceljs
 * (see row-reader), plus central directory headers for the fixture generator.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const ZIP_METHOD_STORED = 0;
export const ZIP_METHOD_DEFLATED = 8;
/** General purpose flag bits. */
export const ZIP_FLAG_ENCRYPTED = 0x0001;
export const ZIP_FLAG_DATA_DESCRIPTOR = 0x0008;
export const ZIP_FLAG_UTF8 = 0x0800;

/** 1980-01-01 00:00, the smallest DOS date: fixed so that generated files are reproducible. */
export const DOS_EPOCH = { time: 0, date: (0 << 9) | (1 << 5) | 1 };

export interface ZipEntryRecord {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  dosTime?: number;
  dosDate?: number;
}

export function localFileHeader(entry: ZipEntryRecord): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags | ZIP_FLAG_UTF8, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(entry.dosTime ?? DOS_EPOCH.time, 10);
  header.writeUInt16LE(entry.dosDate ?? DOS_EPOCH.date, 12);
  const deferred = (entry.flags & ZIP_FLAG_DATA_DESCRIPTOR) !== 0;
  header.writeUInt32LE(deferred ? 0 : entry.crc32, 14);
  header.writeUInt32LE(deferred ? 0 : entry.compressedSize, 18);
  header.writeUInt32LE(deferred ? 0 : entry.uncompressedSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

export function dataDescriptor(entry: ZipEntryRecord): Buffer {
  const record = Buffer.alloc(16);
  record.writeUInt32LE(0x08074b50, 0);
  record.writeUInt32LE(entry.crc32, 4);
  record.writeUInt32LE(entry.compressedSize, 8);
  record.writeUInt32LE(entry.uncompressedSize, 12);
  return record;
}

export function centralDirectoryHeader(entry: ZipEntryRecord, localHeaderOffset: number): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags | ZIP_FLAG_UTF8, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(entry.dosTime ?? DOS_EPOCH.time, 12);
  header.writeUInt16LE(entry.dosDate ?? DOS_EPOCH.date, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.uncompressedSize, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(localHeaderOffset, 42);
  return Buffer.concat([header, name]);
}

export function endOfCentralDirectory(entryCount: number, directorySize: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(entryCount, 8);
  record.writeUInt16LE(entryCount, 10);
  record.writeUInt32LE(directorySize, 12);
  record.writeUInt32LE(directoryOffset, 16);
  return record;
}
