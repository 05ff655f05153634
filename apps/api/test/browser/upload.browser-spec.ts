import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { FIXTURE_ITEMS } from '../fixtures/imports/catalogue';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

const FIXTURES = join(__dirname, '../fixtures/imports');
const BAD_FILE = join(FIXTURES, 'not-ok/invalid-number.xlsx');
const GOOD_FILE = join(FIXTURES, 'ok/en-headers.xlsx');

/**
 * The supplier upload screen end to end: a file with bad rows is rejected with every problem
 * listed (sortable, in the UI language) and as an error workbook; the fixed file, checked in
 * a dry run and then applied, becomes the stock the buyer sees and exports.
 */
describe('portal: supplier inventory upload', () => {
  let stack: Stack;
  let supplier: Page;
  const pages: Page[] = [];

  jest.setTimeout(180_000);

  beforeAll(async () => {
    // Files over 500 rows are read in the background (202 PROCESSING), so the last test can
    // watch the processing progress bar with a file of a few thousand rows.
    stack = await startStack({ UPLOAD_ASYNC_THRESHOLD_ROWS: '500', UPLOAD_JOB_POLL_MS: '200' });
    // The fixtures are written against catalogue.ts: give the demo buyer those items and put
    // them on Nordbolt's price list, through the API as the buyer admin would.
    const admin = await tokenOf(stack, 'buyer-admin@acme.example');
    const auth = { Authorization: `Bearer ${admin}` };
    const suppliers = await stack.t.api('get', '/suppliers').set(auth).expect(200);
    const nordbolt = suppliers.body.items.find((s: { supplierCode: string }) => s.supplierCode === 'NORDBOLT');
    for (const item of FIXTURE_ITEMS) {
      await stack.t
        .api('post', '/items')
        .set(auth)
        .set('Idempotency-Key', `fixture-item-${item.code}`)
        .send({ code: item.code, description: `${item.code} (fixture)`, uom: item.uom, decimals: item.decimals })
        .expect(201);
      await stack.t
        .api('put', `/suppliers/${nordbolt.supplierOrgId}/items/${encodeURIComponent(item.code)}`)
        .set(auth)
        .send({ supplierSku: item.supplierSku, unitPrice: '1', leadTimeDays: 7 })
        .expect(200);
    }
    supplier = await loginAs(stack, 'admin@nordbolt.example');
    pages.push(supplier);
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await stack?.close();
  });

  async function status(page: Page, expected: string): Promise<void> {
    await page.locator(`[data-testid="upload-status"] [data-status="${expected}"]`).waitFor({ timeout: UI_TIMEOUT });
  }

  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), click()]);
    const path = await download.path();
    return { download, bytes: await readFile(path) };
  }

  it('offers the template in English and Chinese', async () => {
    await supplier.getByTestId('nav-upload').click();
    await supplier.getByTestId('upload-drop').waitFor();
    const en = await downloaded(supplier, () => supplier.getByTestId('upload-template').click());
    expect(en.download.suggestedFilename()).toBe('supplier-inventory-template.xlsx');
    const zh = await downloaded(supplier, () => supplier.getByTestId('upload-template-zh').click());
    expect(zh.download.suggestedFilename()).toBe('supplier-inventory-template-zh.xlsx');
    const headers = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return JSON.stringify(wb.worksheets[0].getRow(1).values);
    };
    expect(await headers(en.bytes)).toContain('item_code');
    expect(await headers(zh.bytes)).toContain('物料编码');
  });

  it('rejects a file with bad rows and lists every problem, sortable and in the UI language', async () => {
    const page = supplier;
    // The only linked buyer is preselected.
    await page.locator('[data-testid="upload-buyer"]').getByText('Acme', { exact: false }).waitFor();
    await page.getByTestId('upload-file').setInputFiles(BAD_FILE);
    await expect(page.getByTestId('upload-file-name').innerText()).resolves.toBe('invalid-number.xlsx');
    await page.getByTestId('upload-submit').click();

    await status(page, 'REJECTED');
    await expect(page.getByTestId('upload-progress').getAttribute('data-value')).resolves.toBe('100');
    await expect(page.getByTestId('upload-total-rows').innerText()).resolves.toBe('7');
    await expect(page.getByTestId('upload-error-rows').innerText()).resolves.toBe('7');

    const table = page.getByTestId('upload-errors-table');
    await table.locator('[data-testid="table-row"]').nth(6).waitFor();
    expect(await table.locator('[data-testid="table-row"]').count()).toBe(7);
    expect((await table.getByTestId('error-row').allInnerTexts()).map((r) => r.trim())).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    await expect(table.getByTestId('table-row').first().innerText()).resolves.toContain('abc');

    // Sorting is the server's: row descending puts row 8 first.
    const rowHeader = table.locator('th').filter({ hasText: 'Row' });
    await rowHeader.click(); // asc
    await page.locator('[data-testid="upload-errors-table"][aria-busy="false"]').waitFor();
    await rowHeader.click(); // desc
    await page.waitForFunction(() => {
      const first = document.querySelector('[data-testid="upload-errors-table"] [data-testid="error-row"]');
      return first?.textContent?.trim() === '8';
    }, undefined, { timeout: UI_TIMEOUT });

    // The same problems in Chinese once the person switches language.
    const english = (await table.getByTestId('error-message').first().innerText()).trim();
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(
      () => /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="upload-errors-table"] [data-testid="error-message"]')?.textContent ?? ''),
      undefined,
      { timeout: UI_TIMEOUT },
    );
    await expect(page.getByTestId('page-title').innerText()).resolves.toBe('库存上传');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('page-title').innerText()).resolves.toBe('Inventory upload');
  });

  it('downloads the error workbook of the rejected rows', async () => {
    const { download, bytes } = await downloaded(supplier, () => supplier.getByTestId('upload-error-workbook').click());
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0].eachRow((row) => text.push(JSON.stringify(row.values)));
    // Header plus the seven rejected rows as uploaded, with their problem.
    expect(text.length).toBeGreaterThanOrEqual(8);
    expect(text.join('\n')).toContain('abc');
    expect(text.join('\n')).toContain('1e3');
  });

  it('checks the fixed file in a dry run (dropped on the zone), applies it and lists it in the history', async () => {
    const page = supplier;
    await page.getByTestId('upload-dry-run').click();
    await page.getByTestId('upload-mode-SNAPSHOT').waitFor();
    // Drop the file on the zone, as a person dragging it from the desktop would.
    const content = (await readFile(GOOD_FILE)).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'en-headers.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      return dt;
    }, content);
    await page.getByTestId('upload-drop').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('upload-file-name').innerText()).resolves.toBe('en-headers.xlsx');
    await page.getByTestId('upload-submit').click();

    await status(page, 'VALIDATED');
    await expect(page.getByTestId('upload-valid-rows').innerText()).resolves.toBe('4');
    await expect(page.getByTestId('upload-error-rows').innerText()).resolves.toBe('0');
    await expect(page.getByTestId('upload-errors-table').count()).resolves.toBe(0);

    await page.getByTestId('upload-apply').click();
    await status(page, 'APPLIED');
    await expect(page.getByTestId('upload-apply').count()).resolves.toBe(0);

    const history = page.getByTestId('upload-history-table');
    await history.getByText('en-headers.xlsx').first().waitFor();
    await history.getByText('invalid-number.xlsx').first().waitFor();
    await expect(history.locator('[data-status="APPLIED"]').first().isVisible()).resolves.toBe(true);
    await expect(history.locator('[data-status="REJECTED"]').first().isVisible()).resolves.toBe(true);

    // Reopening the rejected upload from the history brings its problems back.
    await history.getByTestId('table-row').filter({ hasText: 'invalid-number.xlsx' }).first().getByTestId('upload-history-open').click();
    await status(page, 'REJECTED');
    await page.getByTestId('upload-errors-table').locator('[data-testid="table-row"]').first().waitFor();
  });

  it('a large file is read in the background: upload progress, then processing progress, then APPLIED', async () => {
    const page = supplier;
    const dryRun = page.getByTestId('upload-dry-run').getByRole('switch');
    if ((await dryRun.getAttribute('aria-checked')) === 'true') await dryRun.click();
    await page.getByTestId('upload-mode-DELTA').click();
    const rows = 3000;
    const lines = ['site_code,item_code,available_qty,lot_no'];
    for (let i = 0; i < rows; i++) lines.push(`BIG-${i % 20},ITEM-001,${i},L${i}`);
    await page.getByTestId('upload-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
    await page.getByTestId('upload-submit').click();

    // 202: the server reads it in the background and the page polls the batch.
    await page.getByTestId('processing-progress-block').waitFor({ timeout: UI_TIMEOUT });
    await expect(page.getByTestId('upload-progress').getAttribute('data-value')).resolves.toBe('100');
    await status(page, 'APPLIED');
    await page.getByTestId('processing-progress-block').waitFor({ state: 'detached' });
    await expect(page.getByTestId('upload-total-rows').innerText()).resolves.toBe(String(rows));
    await expect(page.getByTestId('upload-valid-rows').innerText()).resolves.toBe(String(rows));
    await page.getByTestId('upload-history-table').getByText('big.csv').waitFor();
  });

  it('the buyer sees the applied stock and exports the current filter as CSV', async () => {
    const page = await loginAs(stack, 'buyer-admin@acme.example');
    pages.push(page);
    await page.getByTestId('nav-supplier-stock').click();
    await page.getByTestId('supplier-stock-table').waitFor();
    await page.getByTestId('supplier-stock-supplier-filter').click();
    await page.getByTestId('supplier-option-NORDBOLT').click();
    await page.getByTestId('supplier-stock-item-filter').fill('ITEM-001');
    await page.getByTestId('supplier-stock-site-filter').fill('SH01');
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="supplier-stock-table"]');
        const rows = Array.from(el?.querySelectorAll('[data-testid="table-row"]') ?? []);
        return el?.getAttribute('aria-busy') === 'false' && rows.length > 0 && rows.every((r) => r.textContent?.includes('ITEM-001') && r.textContent?.includes('SH01'));
      },
      undefined,
      { timeout: UI_TIMEOUT },
    );
    const row = page.getByTestId('table-row').filter({ hasText: 'LOT-A' });
    await expect(row.getByTestId('supplier-stock-qty').innerText()).resolves.toMatch(/^120\b/);

    const { download, bytes } = await downloaded(page, () => page.getByTestId('supplier-stock-export').click());
    expect(download.suggestedFilename()).toMatch(/^supplier-stock-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = bytes.toString('utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe('supplier_code,site_code,item_code,item_description,supplier_sku,available_qty,uom,lot_no,expiry_date,as_of');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith('NORDBOLT,SH01,ITEM-001,'))).toBe(true);
    expect(lines.some((l) => l.includes(',120,') && l.includes(',LOT-A,'))).toBe(true);

    // Without the site filter the export walks every page (500 rows each) of the 3,000+ rows.
    await page.getByTestId('supplier-stock-site-filter').fill('');
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="supplier-stock-table"]');
        const rows = Array.from(el?.querySelectorAll('[data-testid="table-row"]') ?? []);
        return el?.getAttribute('aria-busy') === 'false' && rows.some((r) => r.textContent?.includes('BIG-'));
      },
      undefined,
      { timeout: UI_TIMEOUT },
    );
    const all = await downloaded(page, () => page.getByTestId('supplier-stock-export').click());
    const allLines = all.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split(/\r\n/).slice(1);
    expect(allLines.filter((l) => /^NORDBOLT,BIG-\d+,ITEM-001,/.test(l))).toHaveLength(3000);
    expect(new Set(allLines).size).toBe(allLines.length);
  });
});
