import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { DEFAULT_UPLOAD_LIMITS } from './limits';
import { sniffUploadFile } from './sniff';
import { UploadRejectedError } from './upload-errors';

describe('sniffUploadFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-sniff-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const sniff = (path: string) => sniffUploadFile(path, { ...DEFAULT_UPLOAD_LIMITS });
  const reason = async (path: string) => {
    try {
      await sniff(path);
    } catch (error) {
      if (error instanceof UploadRejectedError) return `${error.code} ${error.reason}`;
      throw error;
    }
    return 'accepted';
  };

  it('decides by content, never by name', async () => {
    expect(await sniff(file('really-a-zip.csv', Buffer.from('PK\x03\x04rest', 'latin1')))).toEqual({ kind: 'xlsx', fileBytes: 8 });
    expect(await sniff(file('really-text.xlsx', 'a,b\n1,2\n'))).toMatchObject({ kind: 'csv', encoding: 'utf8', bom: false });
  });

  it('prefers strict UTF-8 and falls back to GB18030', async () => {
    const text = '仓库,物料编码,可用库存\n上海仓,A,1\n';
    expect(await sniff(file('utf8.csv', text))).toMatchObject({ encoding: 'utf8', bom: false });
    expect(await sniff(file('bom.csv', `\ufeff${text}`))).toMatchObject({ encoding: 'utf8', bom: true });
    expect(await sniff(file('gbk.csv', iconv.encode(text, 'gbk')))).toMatchObject({ encoding: 'gb18030' });
    expect(await sniff(file('gb18030.csv', iconv.encode(text, 'gb18030')))).toMatchObject({ encoding: 'gb18030' });
  });

  it('judges the whole file, not just its start', async () => {
    const late = Buffer.concat([Buffer.from(`a,b\n${'x,1\n'.repeat(50_000)}`), iconv.encode('上海,2\n', 'gb18030')]);
    expect(await sniff(file('late-gbk.csv', late))).toMatchObject({ encoding: 'gb18030' });
    const lateNul = Buffer.concat([Buffer.from(`a,b\n${'x,1\n'.repeat(50_000)}`), Buffer.from([0])]);
    expect(await reason(file('late-nul.csv', lateNul))).toBe('UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET');
  });

  it.each<[string, Buffer | string, string]>([
    ['cfb.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'UNSUPPORTED_MEDIA_TYPE ENCRYPTED_OR_LEGACY_WORKBOOK'],
    ['doc.pdf', '%PDF-1.7\n', 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['gzip.csv', Buffer.from([0x1f, 0x8b, 8, 0]), 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['empty-zip.xlsx', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array(18).fill(0)]), 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['utf16be.csv', Buffer.from([0xfe, 0xff, 0, 0x61]), 'UNSUPPORTED_MEDIA_TYPE UNSUPPORTED_TEXT_ENCODING'],
    ['xml.xls', '<?xml version="1.0"?><Workbook/>', 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['prose.txt', 'Hello\nthere, friend\n', 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['latin1.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x2c, 0x31, 0x0a]), 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['control.csv', 'a,b\n\x01,2\n', 'UNSUPPORTED_MEDIA_TYPE NOT_A_SPREADSHEET'],
    ['empty.csv', '', 'VALIDATION_FAILED EMPTY_FILE'],
  ])('%s → %s', async (name, content, expected) => {
    expect(await reason(file(name, content))).toBe(expected);
  });

  it('refuses a file over maxFileBytes without reading it', async () => {
    const path = file('big.csv', 'a,b\n'.repeat(100));
    await expect(sniffUploadFile(path, { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes: 100 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'FILE_TOO_LARGE' });
  });
});
