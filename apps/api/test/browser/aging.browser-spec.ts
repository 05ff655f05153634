import type { Page } from 'playwright-core';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

/**
 * The consignment aging clause on the suppliers page, on the demo world (HUAYANG: 45 days,
 * 21 days' notice; NORDBOLT: none): the buyer admin sets a clause in the dialog (a bad value
 * gets the API's field error under the field), changes and removes it, runs the clause now and
 * sees the counts; the stock that passed to the buyer shows under the buyer's own name.
 */
describe('portal: aging clause', () => {
  let stack: Stack;
  const pages: Page[] = [];

  jest.setTimeout(180_000);

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await stack?.close();
  });

  async function as(email: string): Promise<Page> {
    const page = await loginAs(stack, email);
    pages.push(page);
    return page;
  }

  async function suppliersPage(email: string): Promise<Page> {
    const page = await as(email);
    await page.getByTestId('nav-suppliers').click();
    await page.getByTestId('aging-HUAYANG').waitFor();
    return page;
  }

  async function agreement(code: string): Promise<Record<string, unknown>> {
    const token = await tokenOf(stack, 'planner@acme.example');
    const res = await stack.t.http().get('/api/v1/suppliers').set('Authorization', `Bearer ${token}`).expect(200);
    return (res.body.items as Array<Record<string, unknown>>).find((a) => a['supplierCode'] === code) as Record<string, unknown>;
  }

  it('the buyer admin sets, changes and removes a clause in the dialog; a bad value gets a field error', async () => {
    const page = await suppliersPage('buyer-admin@acme.example');
    await expect(page.getByTestId('aging-HUAYANG').innerText()).resolves.toMatch(/45 days\s*·\s*notice 21 d/);
    await expect(page.getByTestId('aging-NORDBOLT').innerText()).resolves.toBe('None');

    // Switch a clause on for NORDBOLT: not a whole number is refused in the browser.
    await page.getByTestId('aging-edit-NORDBOLT').click();
    await page.getByTestId('aging-off-note').waitFor();
    await page.getByTestId('aging-enabled').getByRole('switch').click();
    const maxDays = page.getByTestId('aging-max-days');
    await maxDays.fill('abc');
    await page.getByTestId('aging-submit').click();
    await page.getByTestId('aging-max-days-error').filter({ hasText: /whole number/i }).waitFor();

    // Out of the API's range: the problem+json field error lands under the field, nothing saved.
    await maxDays.fill('5000');
    await page.getByTestId('aging-submit').click();
    await page.getByTestId('aging-max-days-error').filter({ hasText: /maxConsignmentDays must not be greater than 3650/ }).waitFor();
    expect(await agreement('NORDBOLT')).toMatchObject({ maxConsignmentDays: null });

    await maxDays.fill('90');
    await page.getByTestId('aging-notice-days').fill('10');
    await page.getByTestId('aging-submit').click();
    await page.getByTestId('aging-submit').waitFor({ state: 'detached' });
    await page.getByTestId('aging-NORDBOLT').filter({ hasText: /90 days\s*·\s*notice 10 d/ }).waitFor();
    expect(await agreement('NORDBOLT')).toMatchObject({ maxConsignmentDays: 90, agingNoticeDays: 10 });

    // Change it: the dialog opens on the current values.
    await page.getByTestId('aging-edit-NORDBOLT').click();
    await expect(maxDays.inputValue()).resolves.toBe('90');
    await expect(page.getByTestId('aging-notice-days').inputValue()).resolves.toBe('10');
    await maxDays.fill('120');
    await page.getByTestId('aging-submit').click();
    await page.getByTestId('aging-NORDBOLT').filter({ hasText: /120 days\s*·\s*notice 10 d/ }).waitFor();

    // Remove it: switched off, the clause goes; the notice days stay for a later clause.
    await page.getByTestId('aging-edit-NORDBOLT').click();
    await page.getByTestId('aging-enabled').getByRole('switch').click();
    await page.getByTestId('aging-off-note').waitFor();
    await page.getByTestId('aging-submit').click();
    await page.getByTestId('aging-NORDBOLT').filter({ hasText: /^None$/ }).waitFor();
    expect(await agreement('NORDBOLT')).toMatchObject({ maxConsignmentDays: null, agingNoticeDays: 10 });
  });

  it('runs the clause now, shows the counts, and the stock that passed shows under the buyer’s own name', async () => {
    const page = await suppliersPage('buyer-admin@acme.example');
    await page.getByTestId('aging-run').click();
    const result = page.getByTestId('aging-run-result');
    await result.waitFor();
    const layers = Number((await page.getByTestId('aging-run-layers').innerText()).trim());
    const journals = Number((await page.getByTestId('aging-run-journals').innerText()).trim());
    expect(layers).toBeGreaterThan(0);
    expect(journals).toBeGreaterThan(0);
    await expect(page.getByTestId('aging-run-no-price').innerText()).resolves.toBe('0');

    // The API agrees: as many TITLE_TRANSFER journals as the run reported, the ledger balanced.
    const token = await tokenOf(stack, 'finance@acme.example');
    const list = await stack.t.http().get('/api/v1/ledger/journals?type=TITLE_TRANSFER&limit=500').set('Authorization', `Bearer ${token}`).expect(200);
    expect(list.body.items).toHaveLength(journals);
    const verify = await stack.t.http().get('/api/v1/ledger/verify').set('Authorization', `Bearer ${token}`).expect(200);
    expect(verify.body.balanced).toBe(true);

    // The journal explorer, through the link: the buyer-owned postings name the buyer.
    await page.getByTestId('aging-run-journals-link').click();
    await page.getByTestId('journals-table').waitFor();
    const journal = page.getByTestId('table-row').filter({ hasText: /AGING-CLAUSE/ }).first();
    await journal.waitFor();
    await journal.getByTestId('journal-expand').click();
    const postings = page.getByTestId('journal-detail').getByTestId('postings-table');
    await postings.waitFor();
    const text = await postings.innerText();
    expect(text).toContain('Acme Manufacturing');
    expect(text).toMatch(/Huayang/);
    expect(text).not.toContain('…');

    // The stock page: the owner filter offers the buyer's own stock, named.
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await page.getByTestId('stock-owner-filter').click();
    await page.getByTestId('stock-owner-option-own').click();
    await page.getByTestId('stock-owner-option-own').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () => {
        const owners = Array.from(document.querySelectorAll('[data-testid="stock-table"] [data-testid="stock-owner"]')).map((c) => c.textContent ?? '');
        return owners.length > 0 && owners.every((o) => o.includes('Acme Manufacturing') && o.includes('own stock'));
      },
      undefined,
      { timeout: UI_TIMEOUT },
    );
  });

  it('a planner edits the clause but cannot run it; the warehouse does neither; the page speaks Chinese', async () => {
    const planner = await suppliersPage('planner@acme.example');
    await planner.getByTestId('aging-edit-HUAYANG').waitFor();
    await expect(planner.getByTestId('aging-run').count()).resolves.toBe(0);

    const warehouse = await suppliersPage('warehouse@acme.example');
    await expect(warehouse.getByTestId('aging-edit-HUAYANG').count()).resolves.toBe(0);
    await expect(warehouse.getByTestId('aging-run').count()).resolves.toBe(0);

    const finance = await suppliersPage('finance@acme.example');
    await finance.getByTestId('aging-run').waitFor();
    await finance.getByTestId('lang-switch').click();
    await finance.locator('[data-testid="lang-switch"][data-lang="zh"]').waitFor();
    await finance.getByText('寄售期限条款').first().waitFor();
    await finance.getByTestId('aging-HUAYANG').filter({ hasText: '45 天' }).waitFor();
    await finance.getByTestId('aging-run').filter({ hasText: '立即执行寄售期限条款' }).waitFor();
  });
});
