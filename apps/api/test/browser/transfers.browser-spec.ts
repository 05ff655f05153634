import type { Page } from 'playwright-core';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

/**
 * An inter-site transfer (调拨) through the portal on the demo world: the warehouse moves
 * BOLT-M6 from VMI-SZ02 to VMI-SH01, sees the layers that moved (lots kept), finds the
 * transfer in the list and, through the link, the TRANSFER journal in the journal explorer.
 */
describe('portal: inter-site transfers', () => {
  let stack: Stack;
  const pages: Page[] = [];
  const reference = `TR-E2E-${Date.now().toString(36).toUpperCase()}`;

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

  /** Opens a Material select and picks the option with that test id. */
  async function pick(page: Page, selectTestId: string, optionTestId: string): Promise<void> {
    await page.getByTestId(selectTestId).click();
    await page.getByTestId(optionTestId).click();
    await page.getByTestId(optionTestId).waitFor({ state: 'detached' });
  }

  it('the warehouse transfers stock between two VMI sites and sees it in the list and in the journal explorer', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('transfer-list-table').waitFor();

    await pick(page, 'transfer-from', 'transfer-from-option-VMI-SZ02');
    await pick(page, 'transfer-to', 'transfer-to-option-VMI-SZ02');
    await page.getByTestId('transfer-item').fill('BOLT-M6');
    await page.getByTestId('item-option-BOLT-M6').click();
    await page.getByTestId('stock-hint').waitFor();
    await page.getByTestId('transfer-qty').fill('5');
    // The same site twice: refused (422), nothing posted, the form says which field.
    await page.getByTestId('transfer-submit').click();
    await page.locator('mat-error').filter({ hasText: /different locations/i }).first().waitFor({ timeout: UI_TIMEOUT });
    await expect(page.getByTestId('transfer-result').count()).resolves.toBe(0);

    await pick(page, 'transfer-to', 'transfer-to-option-VMI-SH01');
    await page.getByTestId('transfer-reference').fill(reference);
    await page.getByTestId('transfer-submit').click();

    // The layers that moved: oldest first, lots kept, quantities adding up to 5.
    await page.getByTestId('transfer-moves').waitFor();
    const qtys = (await page.locator('[data-testid="transfer-move"] td.num').allInnerTexts()).map((q) => Number(q.trim()));
    expect(qtys.reduce((a, b) => a + b, 0)).toBe(5);
    const lots = await page.locator('[data-testid="transfer-move"] td.mono').allInnerTexts();
    expect(lots.some((l) => l.startsWith('BOLT-M6-'))).toBe(true);

    // The list shows it first, from → to, with its reference.
    const row = page.getByTestId('table-row').filter({ hasText: reference });
    await row.waitFor();
    await expect(row.getByTestId('transfer-route').innerText()).resolves.toMatch(/VMI-SZ02\s*→\s*VMI-SH01/);
    await expect(row.getByTestId('transfer-list-qty').innerText()).resolves.toMatch(/^5(\.0+)?$/);
    await row.getByTestId('transfer-expand').click();
    await page.getByTestId('transfer-detail').waitFor();

    // The journal explorer, filtered on TRANSFER journals, has it.
    await page.getByTestId('transfer-journal-link').click();
    await page.getByTestId('journals-table').waitFor();
    const journal = page.getByTestId('table-row').filter({ hasText: reference });
    await journal.waitFor();
    await expect(journal.innerText()).resolves.toMatch(/Inter-site transfer/);
    await journal.getByTestId('journal-expand').click();
    const detail = page.getByTestId('journal-detail');
    await detail.waitFor();
    const postings = await detail.getByTestId('postings-table').innerText();
    expect(postings).toContain('VMI-SZ02');
    expect(postings).toContain('VMI-SH01');

    // The API agrees, and the ledger is balanced.
    const token = await tokenOf(stack, 'finance@acme.example');
    const list = await stack.t.http().get('/api/v1/transfers').set('Authorization', `Bearer ${token}`).expect(200);
    expect(list.body.items[0]).toMatchObject({ reference, fromLocationCode: 'VMI-SZ02', toLocationCode: 'VMI-SH01', itemCode: 'BOLT-M6' });
    const verify = await stack.t.http().get('/api/v1/ledger/verify').set('Authorization', `Bearer ${token}`).expect(200);
    expect(verify.body.balanced).toBe(true);
  });

  it('the page speaks Chinese too', async () => {
    const page = await as('planner@acme.example');
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('transfer-list-table').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText('库位调拨').first().waitFor();
    await page.getByTestId('transfer-submit').getByText('调拨').waitFor();
  });
});
