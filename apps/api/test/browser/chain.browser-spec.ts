import type { Page } from 'playwright-core';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

/**
 * The VMI chain through the portal, one role after the other on the demo world:
 * planner issues a call-off → supplier confirms it and sends an ASN → warehouse receives it
 * (in two parts) → warehouse consumes and sees the title transfer, priced.
 */
describe('portal: the VMI chain', () => {
  let stack: Stack;
  const pages: Page[] = [];
  let callOffNumber = '';
  let asnNumber = '';
  const lot = `E2E-${Date.now().toString(36).toUpperCase()}`;

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

  it('the planner issues a call-off to Nordbolt for VMI-SH01', async () => {
    const page = await as('planner@acme.example');
    await page.getByTestId('nav-call-offs').click();
    await page.getByTestId('call-offs-table').waitFor();
    await page.getByTestId('call-off-create').click();

    await pick(page, 'call-off-supplier', 'supplier-option-NORDBOLT');
    await pick(page, 'call-off-location', 'location-option-VMI-SH01');
    await page.getByTestId('line-item-0').fill('BOLT-M6');
    await page.getByTestId('item-option-BOLT-M6').click();
    await page.getByTestId('line-qty-0').fill('100');
    // A second line shows the form handles several (and the remove button works).
    await page.getByTestId('line-add').click();
    await page.getByTestId('line-item-1').fill('NUT-M6');
    await page.getByTestId('line-remove-1').click();
    await expectCount(page, '[data-testid="call-off-line"]', 1);

    await page.getByTestId('call-off-submit').click();
    const number = page.getByTestId('call-off-number');
    await number.waitFor();
    callOffNumber = (await number.innerText()).trim();
    expect(callOffNumber).toMatch(/^CO-\d{4}-\d+$/);
    await page.locator('[data-testid="call-off-status"] [data-status="OPEN"]').waitFor();
    await expect(page.getByTestId('line-row').count()).resolves.toBe(1);
    // A planner cannot answer a call-off.
    await expect(page.getByTestId('call-off-confirm').count()).resolves.toBe(0);
    await expect(page.getByTestId('call-off-cancel').isVisible()).resolves.toBe(true);
  });

  it('the supplier finds it in its inbox, confirms it and sends an ASN with a lot', async () => {
    const page = await as('admin@nordbolt.example');
    await page.getByTestId('nav-call-offs').click();
    await page.getByTestId(`call-off-link-${callOffNumber}`).click();
    await page.locator('[data-testid="call-off-status"] [data-status="OPEN"]').waitFor();

    await page.getByTestId('call-off-confirm').click();
    await expect(page.getByTestId('confirm-qty-0').inputValue()).resolves.toBe('100');
    await page.getByTestId('confirm-submit').click();
    await page.locator('[data-testid="call-off-status"] [data-status="CONFIRMED"]').waitFor();
    await expect(page.getByTestId('line-confirmed').first().innerText()).resolves.toBe('100');

    await page.getByTestId('call-off-ship').click();
    await expect(page.getByTestId('asn-qty-0').inputValue()).resolves.toBe('100');
    await page.getByTestId('asn-lot-0').fill(lot);
    // Beyond confirmed × (1 + 5 % tolerance): refused, and the error sits under the line's field.
    await page.getByTestId('asn-qty-0').fill('1000');
    await page.getByTestId('asn-submit').click();
    await page.getByTestId('form-error').waitFor();
    await page.getByTestId('asn-line').first().locator('mat-error').filter({ hasText: /\S/ }).waitFor();
    await page.getByTestId('asn-qty-0').fill('100');
    await page.getByTestId('asn-submit').click();
    const number = page.getByTestId('shipment-number');
    await number.waitFor();
    asnNumber = (await number.innerText()).trim();
    expect(asnNumber).toMatch(/^ASN-\d{4}-\d+$/);
    await page.locator('[data-testid="shipment-status"] [data-status="IN_TRANSIT"]').waitFor();
    await expect(page.getByTestId('line-in-transit').first().innerText()).resolves.toBe('100');
    // The supplier cannot receive.
    await expect(page.getByTestId('receive-submit').count()).resolves.toBe(0);
  });

  it('the warehouse receives the ASN in two parts from the receiving desk', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-receiving').click();
    await page.getByTestId('receiving-table').waitFor();
    await page.getByTestId(`receive-link-${asnNumber}`).click();
    await page.locator('[data-testid="shipment-status"] [data-status="IN_TRANSIT"]').waitFor();

    await page.getByTestId('receive-qty-0').fill('60');
    await page.getByTestId('receive-submit').click();
    await page.locator('[data-testid="shipment-status"] [data-status="PARTIALLY_RECEIVED"]').waitFor();
    await page.getByTestId('receipt-result').waitFor();
    await expect(page.getByTestId('line-received').first().innerText()).resolves.toBe('60');
    await expect(page.getByTestId('receive-qty-0').inputValue()).resolves.toBe('40');

    await page.getByTestId('receive-submit').click();
    await page.locator('[data-testid="shipment-status"] [data-status="RECEIVED"]').waitFor();
    await expect(page.getByTestId('line-received').first().innerText()).resolves.toBe('100');
    await expect(page.locator('[data-testid="shipment-receipts"] tr[mat-row], [data-testid="shipment-receipts"] tr.mat-mdc-row').count()).resolves.toBe(2);
  });

  it('the warehouse consumes from Nordbolt at VMI-SH01 and sees the title transfer, priced', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-postings').click();
    await page.getByTestId('postings-tab-consumption').waitFor();
    await pick(page, 'posting-location', 'location-option-VMI-SH01');
    await page.getByTestId('posting-item').fill('BOLT-M6');
    await page.getByTestId('item-option-BOLT-M6').click();
    await page.getByTestId('stock-hint').waitFor();
    await pick(page, 'posting-supplier', 'supplier-option-NORDBOLT');
    // More than there is: 409 INSUFFICIENT_STOCK, nothing posted, the form says why.
    await page.getByTestId('posting-qty').fill('99999999');
    await page.getByTestId('posting-submit').click();
    await expect(page.getByTestId('form-error').innerText()).resolves.toMatch(/stock/i);
    await expect(page.getByTestId('posting-result').count()).resolves.toBe(0);

    await page.getByTestId('posting-qty').fill('7');
    await page.getByTestId('posting-reference').fill('WO-E2E-1');
    await page.getByTestId('posting-submit').click();

    await page.getByTestId('transfers-table').waitFor();
    const rows = page.getByTestId('transfer-row');
    expect(await rows.count()).toBeGreaterThan(0);
    const supplierCells = await page.getByTestId('transfer-supplier').allInnerTexts();
    expect(supplierCells.every((s) => s.includes('Nordbolt'))).toBe(true);
    // The price list's 0.042 EUR, frozen on every slice; quantities add up to 7.
    for (const price of await page.getByTestId('transfer-price').allInnerTexts()) {
      expect(price.replace(/\s+/g, ' ')).toMatch(/^0\.042\d* EUR$/);
    }
    const qtys = (await page.getByTestId('transfer-qty').allInnerTexts()).map((q) => Number(q.trim()));
    expect(qtys.reduce((a, b) => a + b, 0)).toBe(7);
    await expect(page.getByTestId('transfer-total').innerText()).resolves.toMatch(/\d+\.\d{2}\s+EUR/);

    // The ledger agrees: a CONSUMPTION journal with that reference, and it is balanced.
    const token = await tokenOf(stack, 'finance@acme.example');
    const journals = await stack.t.http().get('/api/v1/ledger/journals').query({ type: 'CONSUMPTION', limit: 20 }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(journals.body.items.some((j: { reference: string | null }) => j.reference === 'WO-E2E-1')).toBe(true);
    const verify = await stack.t.http().get('/api/v1/ledger/verify').set('Authorization', `Bearer ${token}`).expect(200);
    expect(verify.body.balanced).toBe(true);
  });

  it('the warehouse returns stock to the supplier and posts a count, seeing the difference', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-postings').click();
    await page.getByTestId('postings-tab-return').click();
    await pick(page, 'posting-location', 'location-option-VMI-SH01');
    await page.getByTestId('posting-item').fill('BOLT-M6');
    await page.getByTestId('item-option-BOLT-M6').click();
    await pick(page, 'posting-supplier', 'supplier-option-NORDBOLT');
    await page.getByTestId('posting-qty').fill('3');
    // A return needs a reason.
    await page.getByTestId('posting-submit').click();
    await page.locator('mat-error').filter({ hasText: 'This field is required.' }).first().waitFor();
    await page.getByTestId('posting-reason').fill('damaged packaging');
    await page.getByTestId('posting-submit').click();
    await page.getByTestId('posting-result').getByText('Return posted').waitFor();

    // The count: what the ledger holds for (VMI-SH01, BOLT-M6, Nordbolt), minus two.
    const token = await tokenOf(stack, 'warehouse@acme.example');
    const auth = { Authorization: `Bearer ${token}` };
    const suppliers = await stack.t.http().get('/api/v1/suppliers').set(auth).expect(200);
    const nordbolt = suppliers.body.items.find((x: { supplierCode: string }) => x.supplierCode === 'NORDBOLT').supplierOrgId as string;
    const stock = await stack.t.http().get('/api/v1/stock').query({ locationCode: 'VMI-SH01', itemCode: 'BOLT-M6', ownerOrgId: nordbolt }).set(auth).expect(200);
    const book = BigInt(String(stock.body.items[0].onHand).split('.')[0]);

    await page.getByTestId('postings-tab-adjustment').click();
    await page.getByTestId('posting-result').waitFor({ state: 'detached' });
    await pick(page, 'posting-supplier', 'supplier-option-NORDBOLT');
    await page.getByTestId('posting-qty').fill(String(book - 2n));
    await page.getByTestId('posting-reason').fill('cycle count');
    await page.getByTestId('posting-submit').click();
    await expect(page.getByTestId('adjustment-difference').innerText()).resolves.toMatch(/^-2(\.0+)?$/);
  });

  it('the planner cancels a call-off that nothing was shipped against', async () => {
    const page = await as('planner@acme.example');
    await page.goto(`${stack.baseUrl}/call-offs/new`);
    await pick(page, 'call-off-supplier', 'supplier-option-HUAYANG');
    await pick(page, 'call-off-location', 'location-option-VMI-SZ02');
    await page.getByTestId('line-item-0').fill('LED-RED');
    await page.getByTestId('item-option-LED-RED').click();
    await page.getByTestId('line-qty-0').fill('500');
    await page.getByTestId('call-off-submit').click();
    await page.locator('[data-testid="call-off-status"] [data-status="OPEN"]').waitFor();
    await page.getByTestId('call-off-cancel').click();
    await page.getByTestId('reason-input').fill('demand moved');
    await page.getByTestId('reason-submit').click();
    await page.locator('[data-testid="call-off-status"] [data-status="CANCELLED"]').waitFor();
    await expect(page.getByTestId('call-off-cancel-reason').innerText()).resolves.toContain('demand moved');
    await expect(page.getByTestId('call-off-cancel').count()).resolves.toBe(0);
  });

  it('the stock page shows the received lot as a layer of VMI-SH01 × BOLT-M6 × Nordbolt', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table').waitFor();
    await pick(page, 'stock-location-filter', 'stock-location-option-VMI-SH01');
    await page.getByTestId('stock-item-filter').fill('BOLT-M6');
    // The search is debounced: wait until the server's filtered page is what shows.
    await rowsAllContain(page, 'stock-table', 'BOLT-M6');
    const row = page.getByTestId('table-row').filter({ hasText: 'Nordbolt' });
    await expect(row.count()).resolves.toBe(1);
    const onHand = (await row.getByTestId('stock-on-hand').innerText()).trim();
    expect(Number(onHand)).toBeGreaterThanOrEqual(93);
    await row.first().getByTestId('stock-layers-toggle').click();
    const layers = page.getByTestId('layers-table');
    await layers.locator('[data-testid="table-row"]').first().waitFor();
    // Oldest layers come first: page on until the newest (ours) shows.
    const next = page.getByTestId('table-row-detail').getByTestId('page-next');
    for (let i = 0; i < 20 && !(await layers.getByText(lot).first().isVisible()); i++) {
      await next.click();
      await page.locator('[data-testid="layers-table"][aria-busy="false"]').waitFor();
    }
    // Two receipts (60 + 40) made two layers of the lot, each with its age in days.
    const ours = layers.getByTestId('table-row').filter({ hasText: lot });
    await ours.first().waitFor();
    expect(await ours.count()).toBe(2);
    await expect(ours.first().locator('[data-testid="status-chip"]').innerText()).resolves.toMatch(/0 days/);
  });

  it('finance finds the consumption journal, sees its postings, and a second reversal is refused with ALREADY_REVERSED', async () => {
    const page = await as('finance@acme.example');
    await page.getByTestId('nav-journals').click();
    await page.getByTestId('journal-type-filter').click();
    await page.getByRole('option', { name: 'Consumption', exact: true }).click();
    await rowsAllContain(page, 'journals-table', 'Consumption');
    const row = page.getByTestId('table-row').filter({ hasText: 'WO-E2E-1' });
    await expect(row.count()).resolves.toBe(1);
    await row.getByTestId('journal-expand').click();
    const detail = page.getByTestId('journal-detail');
    await detail.waitFor();
    // VMI site −7, CONSUMED +7 (one pair per layer taken), and the priced transfers.
    expect(await detail.getByTestId('postings-table').locator('tr.mat-mdc-row').count()).toBeGreaterThanOrEqual(2);
    await detail.getByTestId('journal-transfers').waitFor();

    // Someone else reverses it meanwhile (the list on screen still offers the button).
    const token = await tokenOf(stack, 'warehouse@acme.example');
    const journals = await stack.t.http().get('/api/v1/ledger/journals').query({ type: 'CONSUMPTION', limit: 50 }).set('Authorization', `Bearer ${token}`).expect(200);
    const journal = journals.body.items.find((j: { reference: string | null }) => j.reference === 'WO-E2E-1');
    await stack.t.http().post(`/api/v1/ledger/journals/${journal.id}/reverse`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', `rev-${journal.id}`).send({ reason: 'wrong work order' }).expect(201);

    await row.getByTestId('journal-reverse').click();
    await page.getByTestId('reason-input').fill('booked twice');
    await page.getByTestId('reason-submit').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/already been reversed/i);
    await page.getByTestId('reason-cancel').click();
    await page.getByTestId('reason-input').waitFor({ state: 'detached' });
    // In Chinese the refusal reads as the translated ALREADY_REVERSED message.
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="lang-switch"][data-lang="zh"]').waitFor();
    await row.getByTestId('journal-reverse').click();
    await page.getByTestId('reason-input').fill('重复过账');
    await page.getByTestId('reason-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="form-error"]')?.textContent?.includes('该凭证已被冲销'), undefined, { timeout: UI_TIMEOUT });
    await page.getByTestId('reason-cancel').click();
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="lang-switch"][data-lang="en"]').waitFor();

    // After a reload the journal is marked reversed and offers no reversal any more.
    await page.reload();
    await page.getByTestId('journal-type-filter').click();
    await page.getByRole('option', { name: 'Consumption', exact: true }).click();
    await rowsAllContain(page, 'journals-table', 'Consumption');
    const reversed = page.getByTestId('table-row').filter({ hasText: 'WO-E2E-1' });
    await reversed.getByTestId('journal-reversed').waitFor();
    await expect(reversed.getByTestId('journal-reverse').count()).resolves.toBe(0);

    // After the whole chain, the verification page finds the ledger balanced.
    await page.getByTestId('nav-ledger-verify').click();
    await page.getByTestId('verify-run').click();
    await page.locator('[data-testid="verify-result"] [data-status="BALANCED"]').waitFor();
    await expect(page.getByTestId('verify-mismatch-count').innerText()).resolves.toBe('0');
    expect(Number(await page.getByTestId('verify-journals').innerText())).toBeGreaterThan(0);
    await page.getByTestId('verify-ok').waitFor();
  });
});

async function expectCount(page: Page, selector: string, n: number): Promise<void> {
  await page.waitForFunction(([s, count]) => document.querySelectorAll(s as string).length === count, [selector, n] as const, { timeout: UI_TIMEOUT });
}

/** Waits until a table shows rows and every row contains `text` (a server-side filter applied). */
async function rowsAllContain(page: Page, tableTestId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([table, t]) => {
      const el = document.querySelector(`[data-testid="${table}"]`);
      if (!el || el.getAttribute('aria-busy') === 'true') return false;
      const rows = Array.from(el.querySelectorAll('[data-testid="table-row"]'));
      return rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes(t as string));
    },
    [tableTestId, text] as const,
    { timeout: UI_TIMEOUT },
  );
}
