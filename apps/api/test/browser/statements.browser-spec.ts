import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Finance views and statements in the portal, on the demo world: finance creates a statement of
 * Nordbolt's last 120 days, reviews it, issues it (the dialog says the period closes) and
 * downloads both exports; Nordbolt's admin disputes a line from its inbox and finance sees the
 * dispute with what to do about it; the consumption report and the ledger verification list
 * what they should.
 */
describe('portal: reconciliation statements and finance views', () => {
  let stack: Stack;
  let finance: Page;
  let number = '';
  const pages: Page[] = [];
  const periodFrom = day(-120);
  const periodTo = day(-1);

  jest.setTimeout(240_000);

  beforeAll(async () => {
    stack = await startStack();
    finance = await loginAs(stack, 'finance@acme.example');
    pages.push(finance);
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await stack?.close();
  });

  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), click()]);
    return { download, bytes: await readFile(await download.path()) };
  }

  async function status(page: Page, expected: string): Promise<void> {
    await page.locator(`[data-testid="statement-status"] [data-status="${expected}"]`).waitFor({ timeout: UI_TIMEOUT });
  }

  /** Types a business date into a datepicker input (the adapter reads YYYY-MM-DD). */
  async function typeDate(page: Page, testId: string, value: string): Promise<void> {
    const input = page.getByTestId(testId);
    await input.fill(value);
    await input.blur();
  }

  it('finance creates a statement for a period, reviews its lines, issues it and downloads both formats', async () => {
    const page = finance;
    await page.getByTestId('nav-statements').click();
    await page.getByTestId('statements-table').waitFor();
    await page.getByTestId('statement-create').click();
    await page.getByTestId('statement-create-supplier').click();
    await page.getByTestId('supplier-option-NORDBOLT').click();
    await page.getByTestId('supplier-option-NORDBOLT').waitFor({ state: 'detached' });
    await typeDate(page, 'statement-create-from', periodFrom);
    await typeDate(page, 'statement-create-to', periodTo);
    await page.getByTestId('statement-create-submit').click();

    await status(page, 'DRAFT');
    number = (await page.getByTestId('statement-number').innerText()).trim();
    expect(number).toMatch(/^ST-\d{4}-\d{6}$/);
    const lineCount = Number((await page.getByTestId('statement-line-count').innerText()).trim());
    expect(lineCount).toBeGreaterThan(0);
    const lines = page.getByTestId('statement-lines');
    await lines.getByTestId('table-row').first().waitFor();
    expect((await lines.getByTestId('line-no').first().innerText()).trim()).toBe('1');
    await expect(page.getByTestId('statement-totals').innerText()).resolves.toContain('EUR');

    // Issuing says what it does, then closes the period.
    await page.getByTestId('statement-issue').click();
    await expect(page.getByTestId('statement-issue-message').innerText()).resolves.toContain(`closes ${periodFrom} – ${periodTo}`);
    await page.getByTestId('statement-issue-confirm').click();
    await status(page, 'ISSUED');
    await page.locator('[data-testid="statement-history"] [data-testid="history-change"][data-status="ISSUED"]').waitFor();

    await page.getByTestId('statement-export').click();
    const xlsx = await downloaded(page, () => page.getByTestId('statement-export-xlsx').click());
    expect(xlsx.download.suggestedFilename()).toBe(`${number}.xlsx`);
    expect([...xlsx.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    await page.getByTestId('statement-export').click();
    const csv = await downloaded(page, () => page.getByTestId('statement-export-csv').click());
    expect(csv.download.suggestedFilename()).toBe(`${number}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(`Reconciliation statement,${number}`);

    // The ledger agrees: the period is closed for Nordbolt.
    const token = await tokenOf(stack, 'finance@acme.example');
    const list = await stack.t.api('get', `/statements?status=ISSUED`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(list.body.items.map((s: { number: string }) => s.number)).toContain(number);
  });

  it('the supplier disputes a line from its inbox, and finance sees the dispute and where to correct it', async () => {
    const supplier = await loginAs(stack, 'admin@nordbolt.example');
    pages.push(supplier);
    await supplier.getByTestId('nav-statements').click();
    // The inbox starts on the issued statements that wait for an answer.
    await supplier.getByTestId(`statement-link-${number}`).click();
    await status(supplier, 'ISSUED');
    const lines = supplier.getByTestId('statement-lines');
    await lines.getByTestId('table-row').first().waitFor();
    await supplier.getByTestId('line-select-1').locator('input').check();
    await supplier.getByTestId('statement-dispute').click();
    await supplier.getByTestId('dispute-comment-1').fill('quantity not withdrawn on that day');
    await supplier.getByTestId('statement-dispute-submit').click();
    await status(supplier, 'DISPUTED');
    await expect(lines.getByTestId('line-dispute').first().innerText()).resolves.toContain('quantity not withdrawn on that day');

    const page = finance;
    await page.getByTestId('nav-statements').click();
    // Wait for the filtered page before clicking a row: rows re-render when it arrives, and a
    // click landing in that moment is lost (seen once under load in CI).
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/statements?') && r.url().includes('status=DISPUTED')),
      page.getByTestId('status-filter-DISPUTED').click(),
    ]);
    await page.waitForFunction(
      () => {
        const chips = Array.from(document.querySelectorAll('[data-testid="table-row"] [data-status]'));
        return chips.length > 0 && chips.every((c) => c.getAttribute('data-status') === 'DISPUTED');
      },
      undefined,
      { timeout: UI_TIMEOUT },
    );
    await page.getByTestId(`statement-link-${number}`).click();
    await page.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    await status(page, 'DISPUTED');
    const disputes = page.getByTestId('statement-disputes');
    await disputes.waitFor();
    await expect(disputes.getByTestId('dispute-line-comment').first().innerText()).resolves.toContain('quantity not withdrawn on that day');
    await expect(page.getByTestId('statement-disputed-count').innerText()).resolves.toBe('1');
    // Who and when, in the history.
    await expect(
      page.locator('[data-testid="statement-history"] [data-testid="table-row"]').filter({ hasText: 'admin@nordbolt.example' }).count(),
    ).resolves.toBe(1);

    // "Find journal" opens the journal explorer on that supplier and day, where finance reverses.
    await disputes.getByTestId('dispute-find-journal').first().click();
    await page.getByTestId('journals-table').getByTestId('table-row').first().waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/ledger/journals');
    expect(url.searchParams.get('supplierOrgId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(url.searchParams.get('from')).toBe(url.searchParams.get('to'));
    await expect(page.getByTestId('journal-from-filter').inputValue()).resolves.toBe(url.searchParams.get('from'));
    await expect(page.getByTestId('journal-posted-by').first().innerText()).resolves.toMatch(/@acme\.example|^$/);
  });

  it('the consumption report lists Nordbolt with totals per currency and exports them', async () => {
    const page = finance;
    await page.getByTestId('nav-consumption-report').click();
    await typeDate(page, 'report-from-filter', periodFrom);
    await typeDate(page, 'report-to-filter', periodTo);
    const table = page.getByTestId('report-table');
    await table.getByTestId('table-row').filter({ hasText: 'Nordbolt' }).waitFor();
    await page.getByTestId('report-totals').getByTestId('total-row').first().waitFor();
    const currencies = await page.getByTestId('total-currency').allInnerTexts();
    expect(currencies.map((c) => c.trim())).toEqual(expect.arrayContaining(['EUR', 'CNY']));
    await page.getByTestId('report-export').click();
    const csv = await downloaded(page, () => page.getByTestId('report-export-csv').click());
    expect(csv.download.suggestedFilename()).toBe(`consumption_${periodFrom}_${periodTo}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain('Nordbolt');
  });

  it('ledger verification lists a mismatch when a balance was tampered with behind the ledger\'s back', async () => {
    const page = finance;
    await page.getByTestId('nav-ledger-verify').click();
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-ok').waitFor();
    const [b] = (await stack.t.sql.query(`SELECT id FROM balances WHERE qty > 0 ORDER BY id LIMIT 1`)).rows;
    await stack.t.sql.query(`UPDATE balances SET qty = qty + 1 WHERE id = $1`, [b.id]);
    try {
      await page.getByTestId('verify-run').click();
      await page.getByTestId('mismatch-row').first().waitFor();
      await expect(page.getByTestId('verify-mismatch-count').innerText()).resolves.toBe('1');
      await expect(page.locator('[data-testid="mismatch-kind"][data-kind="BALANCE_MISMATCH"]').innerText()).resolves.toContain('Balance ≠ sum of postings');
    } finally {
      await stack.t.sql.query(`UPDATE balances SET qty = qty - 1 WHERE id = $1`, [b.id]);
    }
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-ok').waitFor();
  });
});
