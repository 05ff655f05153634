import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { Db } from '../../src/database/db.service';
import { SupplierInventoryEvents } from '../../src/modules/supplier-inventory/supplier-inventory.events';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import {
  addFixtureCatalogue,
  binary,
  csv,
  FIXTURES,
  inventory,
  quantities,
  stockSnapshot,
  tableCounts,
  upload,
} from './supplier-inventory.support';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What each `ok` fixture states (site|item|lot → quantity), as GET /supplier-inventory must
 * show it after the upload is applied. Site codes come back upper case.
 */
const OK: Record<string, Record<string, string>> = {
  'date1904-true-attribute.xlsx': { 'SH01|ITEM-001|': '1' },
  'date1904.xlsx': { 'SH01|ITEM-001|L-1904': '1', 'SH01|ITEM-001|L-EARLY': '1' },
  'delta-example.xlsx': { 'SH01|ITEM-001|LOT-A': '40', 'SH01|ITEM-001|LOT-C': '15' },
  'en-headers.xlsx': { 'SH01|ITEM-001|LOT-A': '120', 'SH01|ITEM-002|': '12.345', 'SZ02|ITEM-003|LOT-B': '0', 'SZ02|100234|': '7' },
  'formulas-cached.xlsx': { 'SH01|ITEM-001|': '12', 'SH01|ITEM-003|L9': '2.35', 'SH01|ITEM-002|L4': '0', 'SH01|ITEM-002|L5': '2', 'SH01|ITEM-002|L6': '2' },
  'gb18030-zh.csv': { '上海仓|ITEM-001|批次-1': '8', '上海仓|ITEM-002|': '0.5' },
  'hidden-junk-first.xlsx': { 'SH01|ITEM-001|LOT-A': '120', 'SH01|ITEM-002|': '12.345' },
  'inline-strings.xlsx': { 'SH01|ITEM-001|LOT-A': '120', 'SH01|ITEM-002|': '12.345', 'SZ02|ITEM-003|LOT-B': '0', 'SZ02|100234|': '7' },
  'reordered-extra-columns.xlsx': { 'SH01|ITEM-001|L1': '5', 'SZ02|ITEM-003|': '2.5' },
  'semicolon.csv': { 'SH01|ITEM-001|': '4', 'SZ02|ITEM-003|': '1.25' },
  'streaming-hostile.xlsx': { 'SH01|ITEM-001|LOT-A': '120', 'SH01|ITEM-002|': '12.345', 'SZ02|ITEM-003|LOT-B': '0', 'SZ02|100234|': '7' },
  'tab-delimited.txt': { 'SH01|ITEM-001|': '9' },
  'text-numbers.xlsx': { 'SH01|ITEM-001|': '12', 'SH01|ITEM-002|': '0.5', 'SH01|ITEM-003|': '3', 'SH01|100234|': '12', 'SZ02|ITEM-001|': '7', 'SZ02|ITEM-002|': '0.25' },
  'utf8-bom.csv': { '上海仓|ITEM-001|批次-1': '3', 'SH01|ITEM-002|': '1.5' },
  'utf8.csv': { 'SH01|ITEM-001|LOT,A': '120', 'SH01|ITEM-002|': '12.345', 'SZ02|ITEM-003|LOT-B': '0' },
  'zh-headers.xlsx': { 'SH01|ITEM-001|LOT-A': '120', 'SH01|ITEM-002|': '12.345', 'SZ02|ITEM-003|LOT-B': '0', 'SZ02|100234|': '7' },
};

/** `not-ok` fixtures the parser refuses as a whole: HTTP status and the parser's reason. */
const FILE_REJECTED: Record<string, [number, string, string]> = {
  'binary.csv': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
  'cell-beyond-columns.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'TOO_MANY_COLUMNS'],
  'declared-size-lie.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
  'dimension-too-large.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'DIMENSION_TOO_LARGE'],
  'document.csv': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
  'duplicate-columns.csv': [422, 'VALIDATION_FAILED', 'DUPLICATE_COLUMNS'],
  'empty.csv': [422, 'VALIDATION_FAILED', 'EMPTY_FILE'],
  'encrypted-entry.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'ENCRYPTED_ZIP_ENTRY'],
  'encrypted.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'ENCRYPTED_OR_LEGACY_WORKBOOK'],
  'formula-without-value.xlsx': [422, 'VALIDATION_FAILED', 'FORMULA_WITHOUT_CACHED_VALUE'],
  'header-only.xlsx': [422, 'VALIDATION_FAILED', 'NO_DATA_ROWS'],
  'hidden-first-sheet.xlsx': [422, 'VALIDATION_FAILED', 'MISSING_COLUMNS'],
  'html-table.xls': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
  'image.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
  'iso-date-cells.xlsx': [422, 'VALIDATION_FAILED', 'UNSUPPORTED_CELL_TYPE'],
  'macro-enabled.xlsm': [415, 'UNSUPPORTED_MEDIA_TYPE', 'MACRO_ENABLED'],
  'missing-columns.xlsx': [422, 'VALIDATION_FAILED', 'MISSING_COLUMNS'],
  'plain-zip.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_AN_XLSX'],
  'proto-header.csv': [422, 'VALIDATION_FAILED', 'FORBIDDEN_HEADER'],
  'renamed-text.csv': [415, 'UNSUPPORTED_MEDIA_TYPE', 'NOT_A_SPREADSHEET'],
  'row-beyond-limit.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'TOO_MANY_ROWS'],
  'strict-ooxml.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'STRICT_OOXML'],
  'truncated.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'MALFORMED_ZIP'],
  'unterminated-quote.csv': [422, 'VALIDATION_FAILED', 'UNTERMINATED_QUOTE'],
  'utf16.csv': [415, 'UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_TEXT_ENCODING'],
  'xlm-macrosheet.xlsx': [415, 'UNSUPPORTED_MEDIA_TYPE', 'MACRO_ENABLED'],
  'zip-bomb-ratio.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
  'zip-bomb.xlsx': [413, 'PAYLOAD_TOO_LARGE', 'ZIP_BOMB'],
};

/** `not-ok` fixtures with bad rows: REJECTED, with these (row, column, code) and nothing applied. */
const ROWS_REJECTED: Record<string, Array<[number, string, string]>> = {
  'duplicate-row.xlsx': [
    [4, 'supplier_sku', 'DUPLICATE_ROW'],
    [6, 'item_code', 'DUPLICATE_ROW'],
  ],
  'invalid-date.xlsx': [2, 3, 4, 5, 6].map((row) => [row, 'expiry_date', 'INVALID_DATE'] as [number, string, string]),
  'invalid-number.xlsx': [2, 3, 4, 5, 6, 7, 8].map((row) => [row, 'available_qty', 'INVALID_NUMBER'] as [number, string, string]),
  'many-errors-one-row.xlsx': [
    [2, 'site_code', 'REQUIRED'],
    [2, 'item_code', 'UNKNOWN_ITEM'],
    [2, 'available_qty', 'INVALID_NUMBER'],
    [2, 'expiry_date', 'INVALID_DATE'],
  ],
  'negative.xlsx': [
    [2, 'available_qty', 'NEGATIVE'],
    [3, 'available_qty', 'NEGATIVE'],
    [3, 'available_qty', 'TOO_MANY_DECIMALS'],
  ],
  'required.xlsx': [
    [2, 'site_code', 'REQUIRED'],
    [3, 'item_code', 'REQUIRED'],
    [4, 'available_qty', 'REQUIRED'],
  ],
  'too-long.csv': [[2, 'lot_no', 'TOO_LONG']],
  'too-many-decimals.xlsx': [
    [2, 'available_qty', 'TOO_MANY_DECIMALS'],
    [3, 'available_qty', 'TOO_MANY_DECIMALS'],
    [4, 'available_qty', 'TOO_MANY_DECIMALS'],
  ],
  'unknown-item.xlsx': [
    [2, 'item_code', 'UNKNOWN_ITEM'],
    [3, 'supplier_sku', 'UNKNOWN_ITEM'],
    [4, 'supplier_sku', 'UNKNOWN_ITEM'],
  ],
  'uom-mismatch.xlsx': [[2, 'uom', 'UOM_MISMATCH']],
};

describe('supplier inventory uploads', () => {
  let t: TestApp;
  let w: World;
  let supplier: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    await addFixtureCatalogue(t, w);
    supplier = w.users.supplierAdmin;
  });
  afterAll(() => t.close());

  const buyerOrgId = () => w.buyer.id;

  describe('fixtures', () => {
    it.each(Object.keys(OK))('ok/%s → APPLIED with its quantities', async (name) => {
      const res = await upload(t, supplier, join(FIXTURES, 'ok', name), name, { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(201);
      const expected = OK[name] as Record<string, string>;
      expect(res.body).toMatchObject({
        status: 'APPLIED',
        totalRows: Object.keys(expected).length,
        validRows: Object.keys(expected).length,
        errorRows: 0,
        errors: [],
        unchanged: false,
        fileName: name,
        mode: 'SNAPSHOT',
      });
      expect(res.body.fileSha256).toMatch(/^[0-9a-f]{64}$/);
      const rows = (await inventory(t, w.users.planner, { supplierOrgId: w.suppliers[0].id })).filter((r) => r.uploadId === res.body.id);
      const mine = quantities(rows);
      for (const [key, qty] of Object.entries(expected)) expect([key, mine[key]]).toEqual([key, qty]);
    });

    it('every ok fixture is covered', () => {
      const files = require('node:fs').readdirSync(join(FIXTURES, 'ok')) as string[];
      expect(files.sort()).toEqual(Object.keys(OK).sort());
      const bad = require('node:fs').readdirSync(join(FIXTURES, 'not-ok')) as string[];
      expect(bad.sort()).toEqual([...Object.keys(FILE_REJECTED), ...Object.keys(ROWS_REJECTED), 'unknown-site.csv'].sort());
    });

    it.each(Object.keys(FILE_REJECTED))('not-ok/%s → refused as a whole, nothing written', async (name) => {
      const [status, code, reason] = FILE_REJECTED[name] as [number, string, string];
      const before = await tableCounts(t);
      const stock = await stockSnapshot(t);
      const res = await upload(t, supplier, join(FIXTURES, 'not-ok', name), name, { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, reason });
      expect(typeof res.body.detailZh).toBe('string');
      expect(await tableCounts(t)).toEqual(before);
      expect(await stockSnapshot(t)).toEqual(stock);
    });

    it.each(Object.keys(ROWS_REJECTED))('not-ok/%s → REJECTED with every bad row, nothing applied', async (name) => {
      const stock = await stockSnapshot(t);
      const history = await t.count('supplier_inventory_history');
      const res = await upload(t, supplier, join(FIXTURES, 'not-ok', name), name, { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('REJECTED');
      const found = (res.body.errors as Array<{ row: number; column: string; code: string; message: string; messageZh: string }>).map((e) => [e.row, e.column, e.code]);
      expect(found).toEqual(ROWS_REJECTED[name]);
      for (const e of res.body.errors) {
        expect(e.message.length).toBeGreaterThan(0);
        expect(e.messageZh.length).toBeGreaterThan(0);
        expect(e).toHaveProperty('value');
      }
      expect(res.body.errorRows).toBe(new Set(found.map((f) => f[0])).size);
      expect(res.body.errorCount).toBe(found.length);
      expect(await stockSnapshot(t)).toEqual(stock);
      expect(await t.count('supplier_inventory_history')).toBe(history);
      // The batch is kept (who, when, hash, counts) with its errors.
      const kept = await t.api('get', `/supplier-inventory/uploads/${res.body.id}`, w.users.planner).expect(200);
      expect(kept.body).toMatchObject({ status: 'REJECTED', errorCount: found.length, fileSha256: res.body.fileSha256 });
    });

    it('not-ok/unknown-site.csv is accepted: site_code is the supplier\'s own warehouse code, not a buyer site', async () => {
      const res = await upload(t, supplier, join(FIXTURES, 'not-ok', 'unknown-site.csv'), 'unknown-site.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('APPLIED');
      const rows = quantities((await inventory(t, supplier)).filter((r) => r.uploadId === res.body.id));
      expect(rows).toEqual({ 'XX99|ITEM-001|': '1', 'SH01|ITEM-001|': '1' });
    });

    it('a file over the multipart size limit → 413, nothing written', async () => {
      const before = await tableCounts(t);
      const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
      const res = await upload(t, supplier, big, 'big.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await tableCounts(t)).toEqual(before);
    });

    it('a text document renamed .txt or .xlsx → 415, nothing written', async () => {
      const before = await tableCounts(t);
      const notes = readFileSync(join(FIXTURES, 'not-ok', 'renamed-text.csv'));
      for (const name of ['stock.txt', 'stock.xlsx']) {
        const res = await upload(t, supplier, notes, name, { buyerOrgId: buyerOrgId() });
        expect(res.status).toBe(415);
        expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'NOT_A_SPREADSHEET' });
      }
      expect(await tableCounts(t)).toEqual(before);
    });

    it('no file part, or a part with another name → 400', async () => {
      const none = await t.api('post', '/supplier-inventory/uploads', supplier).query({ buyerOrgId: buyerOrgId() }).field('note', 'x');
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('VALIDATION_FAILED');
      const other = await t.api('post', '/supplier-inventory/uploads', supplier).query({ buyerOrgId: buyerOrgId() }).attach('sheet', csv('site_code,item_code,available_qty', 'A,ITEM-001,1'), 'a.csv');
      expect(other.status).toBe(400);
      const json = await t.api('post', '/supplier-inventory/uploads', supplier).query({ buyerOrgId: buyerOrgId() }).send({ file: 'x' });
      expect(json.status).toBe(400);
    });

    it('bad query → 400 (mode, dryRun, buyerOrgId)', async () => {
      const file = csv('site_code,item_code,available_qty', 'A,ITEM-001,1');
      for (const q of [{ buyerOrgId: 'nope' }, { buyerOrgId: buyerOrgId(), mode: 'FULL' }, { buyerOrgId: buyerOrgId(), dryRun: 'maybe' }]) {
        const res = await t.api('post', '/supplier-inventory/uploads', supplier).query(q).attach('file', file, 'a.csv');
        expect(res.status).toBe(400);
      }
    });
  });

  describe('modes, dry run and the same-file rule', () => {
    const site = (s: string) => `${s}-${Math.random().toString(36).slice(2, 7)}`.toUpperCase();

    it('SNAPSHOT drops the rows of the file\'s sites that the file leaves out to zero; other sites stay', async () => {
      const [a, b] = [site('A'), site('B')];
      await upload(t, supplier, csv('site_code,item_code,available_qty,lot_no', `${a},ITEM-001,10,`, `${a},ITEM-002,2.5,L1`, `${b},ITEM-003,4,`), 's1.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const second = await upload(t, supplier, csv('site_code,item_code,available_qty', `${a},ITEM-001,11`), 's2.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      expect(second.body).toMatchObject({ status: 'APPLIED', changedRows: 2 });
      const rows = quantities((await inventory(t, supplier)).filter((r) => [a, b].includes(r.siteCode)));
      expect(rows).toEqual({ [`${a}|ITEM-001|`]: '11', [`${a}|ITEM-002|L1`]: '0', [`${b}|ITEM-003|`]: '4' });
      const hist = await t.api('get', `/supplier-inventory/${a}/ITEM-002/history`, supplier).query({ buyerOrgId: buyerOrgId() }).expect(200);
      expect(hist.body.items.map((h: { oldQty: string | null; newQty: string; source: string }) => [h.oldQty, h.newQty, h.source])).toEqual([
        ['2.500', '0.000', 'UPLOAD'],
        [null, '2.500', 'UPLOAD'],
      ]);
      expect(hist.body.items[0].uploadId).toBe(second.body.id);
    });

    it('DELTA changes only the rows in the file', async () => {
      const a = site('D');
      await upload(t, supplier, csv('site_code,item_code,available_qty', `${a},ITEM-001,10`, `${a},ITEM-003,1.5`), 'd1.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const res = await upload(t, supplier, csv('site_code,item_code,available_qty', `${a},ITEM-001,3`), 'd2.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
      expect(res.body).toMatchObject({ status: 'APPLIED', mode: 'DELTA', changedRows: 1 });
      expect(quantities((await inventory(t, supplier)).filter((r) => r.siteCode === a))).toEqual({ [`${a}|ITEM-001|`]: '3', [`${a}|ITEM-003|`]: '1.5' });
    });

    it('dry run → VALIDATED (nothing applied), then apply → APPLIED; applying again → 409', async () => {
      const a = site('DRY');
      const file = csv('site_code,supplier_sku,available_qty,expiry_date', `${a},SKU-002,1.125,2027-01-31`, `${a},SKU-003,4,`);
      const history = await t.count('supplier_inventory_history');
      const dry = await upload(t, w.users.supplierUser, file, 'dry.csv', { buyerOrgId: buyerOrgId(), dryRun: true }).expect(201);
      expect(dry.body).toMatchObject({ status: 'VALIDATED', dryRun: true, totalRows: 2, validRows: 2, errorRows: 0, appliedAt: null });
      expect((await inventory(t, supplier)).filter((r) => r.siteCode === a)).toEqual([]);
      expect(await t.count('supplier_inventory_history')).toBe(history);

      const applied = await t.api('post', `/supplier-inventory/uploads/${dry.body.id}/apply`, supplier).expect(200);
      expect(applied.body).toMatchObject({ id: dry.body.id, status: 'APPLIED', changedRows: 2, unchanged: false });
      const rows = (await inventory(t, supplier)).filter((r) => r.siteCode === a);
      expect(quantities(rows)).toEqual({ [`${a}|ITEM-002|`]: '1.125', [`${a}|ITEM-003|`]: '4' });
      expect(rows.find((r) => r.itemCode === 'ITEM-002')).toMatchObject({ expiryDate: '2027-01-31', uploadId: dry.body.id, uom: 'KG', supplierSku: 'SKU-002' });
      expect(await t.count('supplier_inventory_upload_rows')).toBe(0);

      const again = await t.api('post', `/supplier-inventory/uploads/${dry.body.id}/apply`, supplier);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('INVALID_STATE');
    });

    it('applying a REJECTED upload → 409; a buyer → 403; another supplier → 404', async () => {
      const bad = await upload(t, supplier, csv('site_code,item_code,available_qty', 'X,ITEM-001,-1'), 'bad.csv', { buyerOrgId: buyerOrgId(), dryRun: true }).expect(201);
      expect(bad.body.status).toBe('REJECTED');
      expect((await t.api('post', `/supplier-inventory/uploads/${bad.body.id}/apply`, supplier)).status).toBe(409);
      expect((await t.api('post', `/supplier-inventory/uploads/${bad.body.id}/apply`, w.users.planner)).status).toBe(403);
      expect((await t.api('post', `/supplier-inventory/uploads/${bad.body.id}/apply`, w.users.supplier2Admin)).status).toBe(404);
    });

    it('the same file again changes nothing and says so; after a single-row edit it applies again', async () => {
      const a = site('SAME');
      const file = csv('site_code,item_code,available_qty', `${a},ITEM-001,10`, `${a},ITEM-003,2`);
      const first = await upload(t, supplier, file, 'same.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const stock = await stockSnapshot(t);
      const history = await t.count('supplier_inventory_history');
      const second = await upload(t, w.users.supplierUser, file, 'same-again.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      expect(second.body).toMatchObject({ status: 'APPLIED', unchanged: true, duplicateOf: first.body.id, changedRows: 0, totalRows: 2, validRows: 2 });
      expect(second.body.id).not.toBe(first.body.id);
      expect(await stockSnapshot(t)).toEqual(stock);
      expect(await t.count('supplier_inventory_history')).toBe(history);

      // Same bytes in the other mode is another instruction: it is applied.
      const delta = await upload(t, supplier, file, 'same.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
      expect(delta.body.unchanged).toBe(false);

      await t.api('put', `/supplier-inventory/${a}/ITEM-001`, supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '7' }).expect(200);
      const afterEdit = await upload(t, supplier, file, 'same.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
      expect(afterEdit.body).toMatchObject({ unchanged: false, changedRows: 1 });
      expect(quantities((await inventory(t, supplier)).filter((r) => r.siteCode === a))).toEqual({ [`${a}|ITEM-001|`]: '10', [`${a}|ITEM-003|`]: '2' });
    });
  });

  describe('access', () => {
    const file = () => csv('site_code,item_code,available_qty', 'ACC,ITEM-001,1');

    it('no token → 401; a buyer uploading → 403', async () => {
      expect((await upload(t, null, file(), 'a.csv', { buyerOrgId: buyerOrgId() })).status).toBe(401);
      const res = await upload(t, w.users.planner, file(), 'a.csv', { buyerOrgId: buyerOrgId() });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await t.api('put', '/supplier-inventory/ACC/ITEM-001', w.users.buyerAdmin).send({ buyerOrgId: buyerOrgId(), availableQty: '1' })).status).toBe(403);
    });

    it('a buyer the supplier is not linked to → 404, nothing written', async () => {
      const other = await t.createOrg('BUYER');
      const before = await tableCounts(t);
      const res = await upload(t, supplier, file(), 'a.csv', { buyerOrgId: other.id });
      expect(res.status).toBe(404);
      expect((await upload(t, supplier, file(), 'a.csv', { buyerOrgId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      expect((await t.api('put', '/supplier-inventory/ACC/ITEM-001', supplier).send({ buyerOrgId: other.id, availableQty: '1' })).status).toBe(404);
    });

    it('an upload is visible to its supplier and its buyer only; its errors to its supplier only', async () => {
      const res = await upload(t, supplier, csv('site_code,item_code,available_qty', 'ACC,NOPE,1'), 'a.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const id = res.body.id as string;
      await t.api('get', `/supplier-inventory/uploads/${id}`, w.users.supplierUser).expect(200);
      await t.api('get', `/supplier-inventory/uploads/${id}`, w.users.finance).expect(200);
      expect((await t.api('get', `/supplier-inventory/uploads/${id}`, w.users.supplier2Admin)).status).toBe(404);
      const otherBuyer = await t.createOrg('BUYER');
      const stranger = await t.createUser(otherBuyer.id, 'BUYER', ['PLANNER']);
      expect((await t.api('get', `/supplier-inventory/uploads/${id}`, stranger)).status).toBe(404);
      expect((await t.api('get', `/supplier-inventory/uploads/${id}/errors`, w.users.supplier2Admin)).status).toBe(404);
      expect((await t.api('get', `/supplier-inventory/uploads/${id}/errors`, w.users.planner)).status).toBe(403);
      expect((await t.api('post', `/supplier-inventory/uploads/${id}/apply`, stranger)).status).toBe(403);
      expect((await t.api('get', `/supplier-inventory/uploads/00000000-0000-4000-8000-000000000000`, supplier)).status).toBe(404);
      // Lists: the other supplier and the other buyer do not see it.
      const list2 = await t.api('get', '/supplier-inventory/uploads', w.users.supplier2Admin).expect(200);
      expect(list2.body.items.map((u: { id: string }) => u.id)).not.toContain(id);
      const listStranger = await t.api('get', '/supplier-inventory/uploads', stranger).expect(200);
      expect(listStranger.body.items).toEqual([]);
    });

    it('stock: a buyer sees all its suppliers\' rows, a supplier only its own, another buyer nothing', async () => {
      await upload(t, w.users.supplier2Admin, csv('site_code,supplier_sku,available_qty', 'S2-WH,S2-ITEM1,5'), 's2.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const buyerView = await inventory(t, w.users.planner, { itemCode: 'ITEM-001' });
      expect(new Set(buyerView.map((r) => r.supplierOrgId))).toEqual(new Set([w.suppliers[0].id, w.suppliers[1].id]));
      const only2 = await inventory(t, w.users.planner, { supplierOrgId: w.suppliers[1].id });
      expect(quantities(only2)).toEqual({ 'S2-WH|ITEM-001|': '5' });
      expect(only2[0]).toMatchObject({ supplierSku: 'S2-ITEM1', uom: 'EA' });
      const s2 = await inventory(t, w.users.supplier2Admin);
      expect(s2.every((r) => r.supplierOrgId === w.suppliers[1].id)).toBe(true);
      const s1 = await inventory(t, supplier, { supplierOrgId: w.suppliers[1].id });
      expect(s1).toEqual([]);
      const otherBuyer = await t.createOrg('BUYER');
      const stranger = await t.createUser(otherBuyer.id, 'BUYER', ['PLANNER']);
      expect(await inventory(t, stranger)).toEqual([]);
      expect((await t.api('get', '/supplier-inventory/S2-WH/ITEM-001/history', stranger).expect(200)).body.items).toEqual([]);
      expect((await t.api('get', '/supplier-inventory/S2-WH/ITEM-001/history', supplier).expect(200)).body.items).toEqual([]);
      expect((await t.api('get', '/supplier-inventory/S2-WH/ITEM-001/history', w.users.planner).expect(200)).body.items).toHaveLength(1);
    });
  });

  describe('error workbook, error list and template', () => {
    it('the error workbook holds the rejected rows as uploaded plus an error column', async () => {
      const res = await upload(t, supplier, join(FIXTURES, 'not-ok', 'many-errors-one-row.xlsx'), 'many-errors-one-row.xlsx', { buyerOrgId: buyerOrgId() }).expect(201);
      const wb = await t.api('get', `/supplier-inventory/uploads/${res.body.id}/errors`, supplier).buffer(true).parse(binary).expect(200);
      expect(wb.headers['content-type']).toBe(XLSX_MIME);
      expect(wb.headers['content-disposition']).toMatch(/^attachment; filename="many-errors-one-row-errors\.xlsx"/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((wb.body as Buffer) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['site_code', 'item_code', 'supplier_sku', 'available_qty', 'uom', 'lot_no', 'expiry_date', 'error', 'row']);
      expect(sheet.actualRowCount).toBe(2);
      const row = sheet.getRow(2);
      expect(row.getCell(2).value).toBe('NOPE-9');
      expect(row.getCell(4).value).toBe('abc');
      expect(String(row.getCell(8).value)).toContain('NOPE-9');
      expect(row.getCell(9).value).toBe(2);

      const zh = await t.api('get', `/supplier-inventory/uploads/${res.body.id}/errors`, supplier).query({ lang: 'zh' }).buffer(true).parse(binary).expect(200);
      const bookZh = new ExcelJS.Workbook();
      await bookZh.xlsx.load((zh.body as Buffer) as unknown as ExcelJS.Buffer);
      expect(((bookZh.worksheets[0] as ExcelJS.Worksheet).getRow(1).values as unknown[]).slice(-2)).toEqual(['错误', '行号']);
    });

    it('?format=json pages the problems with server-side sort', async () => {
      const lines = ['site_code,item_code,available_qty'];
      for (let i = 0; i < 30; i++) lines.push(`E${i},${i % 2 ? 'NOPE' : 'ITEM-001'},${i % 3 ? '-1' : 'x'}`);
      const res = await upload(t, supplier, csv(...lines), 'many.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      expect(res.body.errorCount).toBe(45);
      const seen: Array<{ row: number; code: string }> = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ row: number; code: string; messageZh: string }>; nextCursor: string | null } } = await t
          .api('get', `/supplier-inventory/uploads/${res.body.id}/errors`, supplier)
          .query({ format: 'json', limit: '10', ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(45);
      expect(seen.map((e) => e.row)).toEqual([...seen.map((e) => e.row)].sort((a, b) => a - b));
      const byCode = await t.api('get', `/supplier-inventory/uploads/${res.body.id}/errors`, supplier).query({ format: 'json', sort: 'code', order: 'desc', limit: '500' }).expect(200);
      const codes = byCode.body.items.map((e: { code: string }) => e.code);
      expect(codes).toEqual([...codes].sort().reverse());
      expect((await t.api('get', `/supplier-inventory/uploads/${res.body.id}/errors`, supplier).query({ format: 'json', sort: 'nope' })).status).toBe(400);
    });

    it('the template downloads (en and zh) and, uploaded back, validates', async () => {
      // The template's example row: SH01, ITEM-001 / SKU-001, 120.5 EA. A buyer whose catalogue
      // knows that item (with one decimal) accepts it as uploaded.
      const buyer = await t.createOrg('BUYER');
      await t.sql.query(`INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'EUR', 0, 30)`, [buyer.id, w.suppliers[0].id]);
      const { rows } = await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, 'ITEM-001', 'template item', 'EA', 1) RETURNING id`, [buyer.id]);
      await t.sql.query(
        `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days) VALUES ($1, $2, $3, 'SKU-001', 1, 'EUR', 1)`,
        [buyer.id, w.suppliers[0].id, rows[0].id],
      );
      for (const lang of ['en', 'zh']) {
        const res = await t.api('get', '/supplier-inventory/template', w.users.planner).query({ lang }).buffer(true).parse(binary).expect(200);
        expect(res.headers['content-type']).toBe(XLSX_MIME);
        expect(res.headers['content-disposition']).toMatch(/^attachment;/);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load((res.body as Buffer) as unknown as ExcelJS.Buffer);
        const header = ((book.worksheets[0] as ExcelJS.Worksheet).getRow(1).values as unknown[]).slice(1);
        expect(header[0]).toBe(lang === 'zh' ? '仓库' : 'site_code');
        const back = await upload(t, supplier, res.body as Buffer, `template-${lang}.xlsx`, { buyerOrgId: buyer.id, dryRun: true }).expect(201);
        expect(back.body).toMatchObject({ status: 'VALIDATED', totalRows: 1, validRows: 1, errors: [] });
        // en: the supplier's first publication at this buyer (plain inserts); zh: the same row again (no change).
        const applied = await t.api('post', `/supplier-inventory/uploads/${back.body.id}/apply`, supplier).expect(200);
        expect(applied.body).toMatchObject({ status: 'APPLIED', changedRows: lang === 'en' ? 1 : 0 });
      }
      const published = await inventory(t, supplier, { buyerOrgId: buyer.id });
      expect(published).toEqual([expect.objectContaining({ siteCode: 'SH01', itemCode: 'ITEM-001', availableQty: '120.5', lotNo: 'LOT-2025-001', expiryDate: '2027-12-31', uom: 'EA' })]);
      expect((await t.api('get', '/supplier-inventory/template')).status).toBe(401);
      expect((await t.api('get', '/supplier-inventory/template', supplier).query({ lang: 'fr' })).status).toBe(400);
    });

    it("a supplier's template for one buyer names a real item of its price list there and validates as downloaded", async () => {
      const res = await t.api('get', '/supplier-inventory/template', supplier).query({ buyerOrgId: buyerOrgId() }).buffer(true).parse(binary).expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((res.body as Buffer) as unknown as ExcelJS.Buffer);
      const example = ((book.worksheets[0] as ExcelJS.Worksheet).getRow(2).values as unknown[]).slice(1);
      const { rows } = await t.sql.query(
        `SELECT i.code, e.supplier_sku, i.uom, i.decimals FROM price_list_entries e JOIN items i ON i.id = e.item_id
          WHERE e.tenant_id = $1 AND e.supplier_org_id = $2 AND e.valid_to IS NULL ORDER BY i.code LIMIT 1`,
        [buyerOrgId(), supplier.orgId],
      );
      expect(example.slice(1, 5)).toEqual([rows[0].code, rows[0].supplier_sku, Number(rows[0].decimals) > 0 ? 120.5 : 120, rows[0].uom]);
      const uploadsBefore = (await t.sql.query('SELECT count(*)::int AS n FROM supplier_inventory_uploads')).rows[0].n;
      const back = await upload(t, supplier, res.body as Buffer, 'template.xlsx', { buyerOrgId: buyerOrgId(), dryRun: true }).expect(201);
      expect(back.body).toMatchObject({ status: 'VALIDATED', totalRows: 1, validRows: 1, errors: [] });
      expect((await t.sql.query('SELECT count(*)::int AS n FROM supplier_inventory_uploads')).rows[0].n).toBe(uploadsBefore + 1);
      // A buyer it is not linked to: 404, as for any other tenant's resource; a malformed id: 400.
      const stranger = await t.createOrg('BUYER');
      expect((await t.api('get', '/supplier-inventory/template', supplier).query({ buyerOrgId: stranger.id })).status).toBe(404);
      expect((await t.api('get', '/supplier-inventory/template', supplier).query({ buyerOrgId: 'nope' })).status).toBe(400);
    });
  });

  describe('SupplierStockChanged hook', () => {
    it('is called inside the apply and edit transactions with the changed items; a throwing listener undoes the change', async () => {
      const events = t.app.get(SupplierInventoryEvents);
      const seen: Array<{ tenantId: string; supplierOrgId: string; itemIds: string[]; visible: number }> = [];
      const off = events.onChanged(async (c) => {
        // Inside the transaction: the listener's own queries see the new rows.
        const [row] = await t.app.get(Db).query<{ n: number }>(`SELECT count(*)::int AS n FROM supplier_inventory WHERE site_code = 'HOOK'`);
        seen.push({ ...c, itemIds: [...c.itemIds].sort(), visible: row?.n ?? 0 });
      });
      try {
        await upload(t, supplier, csv('site_code,item_code,available_qty', 'HOOK,ITEM-001,1', 'HOOK,ITEM-002,2'), 'hook.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
        await t.api('put', '/supplier-inventory/HOOK/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '3' }).expect(200);
        // Nothing changed: no call.
        await t.api('put', '/supplier-inventory/HOOK/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '3' }).expect(200);
        const ids = (await t.sql.query(`SELECT code, id FROM items WHERE tenant_id = $1`, [buyerOrgId()])).rows.reduce(
          (m: Record<string, string>, r: { code: string; id: string }) => ({ ...m, [r.code]: r.id }),
          {},
        );
        expect(seen).toEqual([
          { tenantId: buyerOrgId(), supplierOrgId: w.suppliers[0].id, itemIds: [ids['ITEM-001'], ids['ITEM-002']].sort(), visible: 2 },
          { tenantId: buyerOrgId(), supplierOrgId: w.suppliers[0].id, itemIds: [ids['ITEM-003']], visible: 3 },
        ]);
      } finally {
        off();
      }
      const failing = events.onChanged(async () => {
        throw new Error('listener failed');
      });
      try {
        const stock = await stockSnapshot(t);
        const res = await upload(t, supplier, csv('site_code,item_code,available_qty', 'HOOK,ITEM-001,50'), 'hook2.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' });
        expect(res.status).toBe(500);
        expect(await stockSnapshot(t)).toEqual(stock);
      } finally {
        failing();
      }
    });
  });

  describe('OpenAPI', () => {
    it('publishes every supplier-inventory endpoint, the upload as multipart', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
      const paths = Object.keys(doc.paths).filter((p) => p.includes('supplier-inventory'));
      expect(paths.sort()).toEqual(
        [
          '/api/v1/supplier-inventory',
          '/api/v1/supplier-inventory/template',
          '/api/v1/supplier-inventory/uploads',
          '/api/v1/supplier-inventory/uploads/{id}',
          '/api/v1/supplier-inventory/uploads/{id}/apply',
          '/api/v1/supplier-inventory/uploads/{id}/errors',
          '/api/v1/supplier-inventory/{siteCode}/{itemCode}',
          '/api/v1/supplier-inventory/{siteCode}/{itemCode}/history',
        ].sort(),
      );
      expect(Object.keys(doc.paths['/api/v1/supplier-inventory/uploads']?.['post']?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    });
  });

  describe('single-row edit, history, lists', () => {
    it('PUT sets one row now, records history, validates decimals by item; unknown item → 404', async () => {
      const r1 = await t.api('put', '/supplier-inventory/edit-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: 5.25, lotNo: 'L7', expiryDate: '2028-02-29' }).expect(200);
      expect(r1.body).toMatchObject({ siteCode: 'EDIT-1', itemCode: 'ITEM-003', lotNo: 'L7', availableQty: '5.25', uom: 'M', expiryDate: '2028-02-29', uploadId: null, supplierSku: 'SKU-003' });
      const r2 = await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', w.users.supplierUser).send({ buyerOrgId: buyerOrgId(), availableQty: '6', lotNo: 'L7' }).expect(200);
      expect(r2.body).toMatchObject({ availableQty: '6.00', expiryDate: '2028-02-29' });
      const tooPrecise = await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '1.234' });
      expect(tooPrecise.status).toBe(422);
      expect(tooPrecise.body.errors[0]).toMatchObject({ path: 'availableQty', code: 'TOO_MANY_DECIMALS' });
      expect((await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '-1' })).status).toBe(400);
      expect((await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '1', expiryDate: '2027-02-30' })).status).toBe(400);
      expect((await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '1', extra: true })).status).toBe(400);
      expect((await t.api('put', '/supplier-inventory/EDIT-1/NOPE', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '1' })).status).toBe(404);
      // An item of the buyer that supplier 2 does not supply.
      expect((await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', w.users.supplier2Admin).send({ buyerOrgId: buyerOrgId(), availableQty: '1' })).status).toBe(404);
      // Same quantity again: no new history entry.
      await t.api('put', '/supplier-inventory/EDIT-1/ITEM-003', supplier).send({ buyerOrgId: buyerOrgId(), availableQty: '6.0', lotNo: 'L7' }).expect(200);
      const hist = await t.api('get', '/supplier-inventory/edit-1/ITEM-003/history', w.users.planner).query({ lotNo: 'L7' }).expect(200);
      expect(hist.body.items.map((h: { oldQty: string | null; newQty: string; source: string; changedBy: string }) => [h.oldQty, h.newQty, h.source, h.changedBy])).toEqual([
        ['5.25', '6.00', 'MANUAL_EDIT', w.users.supplierUser.id],
        [null, '5.25', 'MANUAL_EDIT', supplier.id],
      ]);
    });

    it('GET /supplier-inventory pages with a cursor and filters by site and item', async () => {
      const lines = ['site_code,item_code,available_qty,lot_no'];
      for (let i = 0; i < 12; i++) lines.push(`PG,ITEM-001,${i},L${String(i).padStart(2, '0')}`);
      await upload(t, supplier, csv(...lines), 'pages.csv', { buyerOrgId: buyerOrgId() }).expect(201);
      const first = await t.api('get', '/supplier-inventory', w.users.planner).query({ siteCode: 'pg', itemCode: 'ITEM-001', limit: '5' }).expect(200);
      expect(first.body.items).toHaveLength(5);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const all = await inventory(t, w.users.planner, { siteCode: 'PG' });
      expect(all).toHaveLength(12);
      expect(all.map((r) => r.lotNo)).toEqual([...all.map((r) => r.lotNo)].sort());
    });

    it('GET /supplier-inventory/uploads lists the history, newest first, filterable', async () => {
      const res = await t.api('get', '/supplier-inventory/uploads', supplier).query({ limit: '500' }).expect(200);
      const items = res.body.items as Array<{ createdAt: string; status: string; supplierOrgId: string }>;
      expect(items.length).toBeGreaterThan(10);
      expect(items.map((u) => u.createdAt)).toEqual([...items.map((u) => u.createdAt)].sort().reverse());
      expect(items.every((u) => u.supplierOrgId === w.suppliers[0].id)).toBe(true);
      const rejected = await t.api('get', '/supplier-inventory/uploads', w.users.planner).query({ status: 'REJECTED', supplierOrgId: w.suppliers[0].id }).expect(200);
      expect(rejected.body.items.length).toBeGreaterThan(0);
      expect(rejected.body.items.every((u: { status: string }) => u.status === 'REJECTED')).toBe(true);
    });

    it('the buyer\'s dashboard sees fresh values right after an upload', async () => {
      const file = readFileSync(join(FIXTURES, 'ok', 'semicolon.csv'));
      const res = await upload(t, supplier, Buffer.concat([file, Buffer.from('FRESH;ITEM-001;99;\n')]), 'fresh.csv', { buyerOrgId: buyerOrgId(), mode: 'DELTA' }).expect(201);
      const rows = await inventory(t, w.users.planner, { siteCode: 'FRESH' });
      expect(rows).toEqual([expect.objectContaining({ availableQty: '99', uploadId: res.body.id })]);
    });
  });
});
