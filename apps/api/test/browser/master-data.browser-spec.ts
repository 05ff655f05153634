import { loginAs, startStack, UI_TIMEOUT, type Stack } from './stack';

/**
 * The create dialogs (one shared frame: problem, fields, Cancel/Submit): a buyer admin creates
 * a location, sees it in the server-paged list, and a duplicate code comes back as the API's
 * 409 shown under the Code field, with nothing written.
 */
describe('portal: master-data dialogs', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('creates a location, then refuses a duplicate code under the field', async () => {
    const page = await loginAs(stack, 'buyer-admin@acme.example');
    await page.getByTestId('nav-locations').click();
    const create = async (code: string) => {
      await page.getByTestId('location-create').click();
      await page.getByTestId('location-code').fill(code);
      await page.getByTestId('location-name').fill(`Dock ${code}`);
      await page.getByTestId('location-submit').click();
    };

    await create('VMI-DOCK9');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await page.getByRole('cell', { name: 'VMI-DOCK9', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    const { rows } = await stack.t.sql.query(`SELECT name, type FROM locations WHERE code = 'VMI-DOCK9'`);
    expect(rows).toEqual([{ name: 'Dock VMI-DOCK9', type: 'VMI' }]);

    await create('VMI-DOCK9');
    const dialog = page.getByRole('dialog');
    await dialog.locator('mat-error').filter({ hasText: /./ }).first().waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog.locator('mat-error').first().innerText()).toMatch(/exist|already|taken/i);
    expect(await page.getByTestId('location-submit').isEnabled()).toBe(true);
    expect((await stack.t.sql.query(`SELECT count(*)::int AS n FROM locations WHERE code = 'VMI-DOCK9'`)).rows[0].n).toBe(1);
    await page.context().close();
  });
});
