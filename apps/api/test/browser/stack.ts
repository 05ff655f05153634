import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app';
import { SeedService } from '../../src/seed/seed.service';
import { DEMO_PASSWORD } from '../../src/seed/demo-catalog';

/** The built portal (scripts/test.mjs builds it before the browser tests run). */
export const PORTAL_DIR = join(__dirname, '../../../../dist/apps/portal/browser');
export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export { DEMO_PASSWORD };

/** The API serving the built portal on a free loopback port, on a fresh database with the demo world. */
export interface Stack {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `env` adds configuration (e.g. upload thresholds) to the stack's API. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const t = await createTestApp({ PORTAL_DIR, LOGIN_MAX_FAILURES: '50', ...env });
  await t.app.get(SeedService).seedDemo();
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    t,
    baseUrl,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}

/** Generous: the machine is shared and the first page load compiles nothing but is cold. */
export const UI_TIMEOUT = 20_000;

/**
 * Opens a fresh context (own localStorage, downloads accepted) and logs in through the login
 * form (`data-testid` on the `<input>`s themselves). Waits until the shell shows the user.
 */
export async function loginAs(stack: Stack, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 960 }, acceptDownloads: true });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-badge').and(page.locator(`[data-email="${email}"]`)).waitFor();
  return page;
}

/** A bearer token for API cross-checks, through the real login endpoint. */
export async function tokenOf(stack: Stack, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await stack.t.api('post', '/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken as string;
}
