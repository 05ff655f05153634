import { loginAs, startStack, UI_TIMEOUT, type Stack } from './stack';

/** Polls `read` until `ok` holds (the UI updates asynchronously), failing after UI_TIMEOUT. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The scorecard pages on the demo world: a planner sees the ranking of ACME's suppliers and
 * the trend (chart and table) of the one it picks, by month and by week, in both languages;
 * a supplier sees only its own scorecard at ACME and its trend there.
 */
describe('portal: supplier scorecards', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('a planner ranks the suppliers and opens a supplier\'s trend', async () => {
    const page = await loginAs(stack, 'planner@acme.example');
    await page.getByTestId('nav-scorecards').click();
    await page.getByTestId('page-title').filter({ hasText: 'Supplier scorecards' }).waitFor();

    const rows = page.getByTestId('scorecards-table').getByTestId('table-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    const { rows: linked } = await stack.t.sql.query(
      `SELECT count(*)::int AS n FROM supplier_agreements a JOIN organizations o ON o.id = a.tenant_id WHERE o.code = 'ACME'`,
    );
    expect(await rows.count()).toBe(linked[0].n);
    const names = await page.getByTestId('scorecard-supplier').allInnerTexts();
    expect(names.join(' ')).toMatch(/NORDBOLT/);
    await page.getByTestId('scorecard-weights').waitFor();

    // The first row's trend shows at once: a chart (canvas) and one table row per month.
    await page.getByTestId('scorecard-trend-chart').locator('canvas').waitFor({ timeout: UI_TIMEOUT });
    const trendRows = page.getByTestId('scorecard-trend-table').getByTestId('trend-row');
    expect(await until(() => trendRows.count(), (n) => n === 12)).toBe(12);

    // Another supplier, by week.
    await page.getByTestId('scorecard-show-trend').last().click();
    const lastName = (names[names.length - 1] ?? '').split(' (')[0] as string;
    await page.getByTestId('scorecard-trend-title').filter({ hasText: lastName }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('scorecard-granularity-week').click();
    // The last 13 weeks: the first column shows each week's Monday (a month shows YYYY-MM).
    const firstPeriod = await until(() => trendRows.first().locator('td').first().innerText(), (text) => /^\d{4}-\d{2}-\d{2}$/.test(text.trim()));
    expect(firstPeriod.trim()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await trendRows.count()).toBeGreaterThanOrEqual(13);

    // 简体中文
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="lang-switch"][data-lang="zh"]').waitFor();
    await page.getByTestId('page-title').filter({ hasText: '供应商评分卡' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('scorecard-trend-title').filter({ hasText: '的趋势' }).waitFor({ timeout: UI_TIMEOUT });
    await page.context().close();
  });

  it('a supplier sees only its own scorecard and its trend', async () => {
    const page = await loginAs(stack, 'admin@nordbolt.example');
    await page.getByTestId('nav-scorecards').click();
    await page.getByTestId('page-title').filter({ hasText: 'My scorecard' }).waitFor();
    const rows = page.getByTestId('scorecards-table').getByTestId('table-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId('scorecard-rank').count()).toBe(0);
    await page.getByTestId('scorecard-trend-chart').locator('canvas').waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('scorecard-trend-title').filter({ hasText: /ACME|Acme/ }).waitFor({ timeout: UI_TIMEOUT });
    await page.context().close();
  });

  it('the warehouse has no scorecard page', async () => {
    const page = await loginAs(stack, 'warehouse@acme.example');
    expect(await page.getByTestId('nav-scorecards').count()).toBe(0);
    await page.context().close();
  });
});
