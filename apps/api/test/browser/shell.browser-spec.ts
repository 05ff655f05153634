import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/test-app';
import { loginAs, startStack, UI_TIMEOUT, type Stack } from './stack';

/**
 * The shell per role: each demo role sees exactly the pages its permissions open (in the
 * sidenav and as home-page shortcuts), a page it may not use is refused, and the language
 * switch turns the navigation and titles into Simplified Chinese.
 */

/** Every nav entry these tests know about (other pages may add theirs). */
const ALL_NAV = [
  'nav-admin-orgs',
  'nav-admin-users',
  'nav-call-offs',
  'nav-shipments',
  'nav-receiving',
  'nav-stock',
  'nav-postings',
  'nav-journals',
  'nav-ledger-verify',
  'nav-upload',
  'nav-supplier-stock',
  'nav-locations',
  'nav-items',
  'nav-suppliers',
  'nav-buyers',
] as const;
type NavId = (typeof ALL_NAV)[number];

const MASTER_DATA: NavId[] = ['nav-locations', 'nav-items', 'nav-suppliers'];
const BUYER_COMMON: NavId[] = ['nav-call-offs', 'nav-shipments', 'nav-stock', 'nav-journals', 'nav-supplier-stock', ...MASTER_DATA];

const ROLES: Array<{ who: string; email: string; visible: NavId[]; forbidden: string }> = [
  { who: 'planner', email: 'planner@acme.example', visible: BUYER_COMMON, forbidden: '/postings/consumption' },
  { who: 'warehouse', email: 'warehouse@acme.example', visible: [...BUYER_COMMON, 'nav-receiving', 'nav-postings'], forbidden: '/ledger/verify' },
  { who: 'finance', email: 'finance@acme.example', visible: [...BUYER_COMMON, 'nav-ledger-verify'], forbidden: '/receiving' },
  { who: 'buyer admin', email: 'buyer-admin@acme.example', visible: [...BUYER_COMMON, 'nav-ledger-verify'], forbidden: '/supplier-inventory/upload' },
  {
    who: 'supplier admin',
    email: 'admin@nordbolt.example',
    visible: ['nav-call-offs', 'nav-shipments', 'nav-stock', 'nav-journals', 'nav-upload', 'nav-supplier-stock', 'nav-buyers'],
    forbidden: '/items',
  },
  { who: 'supplier user', email: 'sales@huayang.example', visible: ['nav-call-offs', 'nav-shipments', 'nav-stock', 'nav-journals', 'nav-upload', 'nav-supplier-stock', 'nav-buyers'], forbidden: '/call-offs/new' },
];

describe('portal: the shell per role', () => {
  let stack: Stack;
  let adminEmail = '';
  const pages: Page[] = [];

  jest.setTimeout(180_000);

  beforeAll(async () => {
    stack = await startStack();
    // The stack seeds the demo users only; the platform admin is made here.
    adminEmail = (await stack.t.createUser(null, null, ['PLATFORM_ADMIN'])).email;
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await stack?.close();
  });

  async function as(email: string, password?: string): Promise<Page> {
    const page = await loginAs(stack, email, password);
    pages.push(page);
    return page;
  }

  async function expectNav(page: Page, visible: readonly NavId[]): Promise<void> {
    await page.getByTestId('nav-home').waitFor();
    for (const id of visible) {
      await page.getByTestId(id).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      // The home page offers the same pages as shortcuts.
      await page.getByTestId(`home-${id}`).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    }
    for (const id of ALL_NAV.filter((n) => !visible.includes(n))) {
      expect({ id, count: await page.getByTestId(id).count() }).toEqual({ id, count: 0 });
      expect({ id, count: await page.getByTestId(`home-${id}`).count() }).toEqual({ id, count: 0 });
    }
  }

  it.each(ROLES)('the $who sees its pages and nothing else', async ({ email, visible, forbidden }) => {
    const page = await as(email);
    await expect(page.getByTestId('user-badge').getAttribute('data-email')).resolves.toBe(email);
    await expectNav(page, visible);

    // Each visible page opens with its title.
    for (const id of visible) {
      const href = await page.getByTestId(id).getAttribute('href');
      await page.getByTestId(id).click();
      // (A section may redirect to its first tab: /postings → /postings/consumption.)
      await page.waitForFunction(
        (path) => location.pathname.startsWith(path ?? '/') && !!document.querySelector('[data-testid="page-title"]')?.textContent?.trim(),
        href,
        { timeout: UI_TIMEOUT },
      );
      // Lists load without an error (the API accepts every query the page sends).
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: UI_TIMEOUT });
      expect({ id, errors: await page.getByTestId('table-error').count() }).toEqual({ id, errors: 0 });
    }

    // A page the role cannot use sends it home instead of loading.
    await page.goto(`${stack.baseUrl}${forbidden}`);
    await page.waitForURL(`${stack.baseUrl}/`, { timeout: UI_TIMEOUT });
    await page.getByTestId('home-welcome').waitFor();
  });

  it('the platform admin sees administration only', async () => {
    const page = await as(adminEmail, TEST_PASSWORD);
    await expect(page.getByTestId('user-badge').getAttribute('data-roles')).resolves.toBe('PLATFORM_ADMIN');
    await expectNav(page, ['nav-admin-orgs', 'nav-admin-users']);
  });

  it('switching to 简体中文 translates the navigation and the page titles, and survives a reload', async () => {
    const page = await as('warehouse@acme.example');
    await page.getByTestId('nav-postings').click();
    await titleIs(page, 'Stock movements');
    await expect(page.getByTestId('nav-call-offs').innerText()).resolves.toContain('Call-offs');
    await expect(page.title()).resolves.toBe('Stock movements · Stockbridge');

    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="lang-switch"][data-lang="zh"]').waitFor();
    await titleIs(page, '库存过账');
    await expect(page.getByTestId('nav-call-offs').innerText()).resolves.toContain('要货计划');
    await expect(page.getByTestId('nav-receiving').innerText()).resolves.toContain('收货');
    await expect(page.getByTestId('nav-journals').innerText()).resolves.toContain('台账凭证');
    await expect(page.getByTestId('postings-tab-consumption').innerText()).resolves.toContain('消耗');
    await page.waitForFunction(() => document.title === '库存过账 · Stockbridge', undefined, { timeout: UI_TIMEOUT });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');

    // Another page in Chinese, then the choice survives a reload.
    await page.getByTestId('nav-stock').click();
    await titleIs(page, '寄售库存');
    await page.reload();
    await titleIs(page, '寄售库存');
    await expect(page.getByTestId('nav-home').innerText()).resolves.toContain('首页');

    await page.getByTestId('lang-switch').click();
    await titleIs(page, 'Consignment stock');
  });
});

/** Waits for the page heading to read `text` (navigation and language changes are async). */
async function titleIs(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-testid="page-title"]')?.textContent?.trim() === t, text, { timeout: UI_TIMEOUT });
}
