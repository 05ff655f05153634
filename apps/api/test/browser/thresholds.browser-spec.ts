import type { ThresholdSuggestion } from '@stockbridge/shared';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

/**
 * Forecasts and threshold suggestions in the portal, on the demo world (90 days of FIFO
 * consumptions at two sites): the forecast job is run once through POST /forecasts/refresh,
 * then a planner opens a forecast's history-vs-forecast chart, accepts a threshold suggestion
 * and sees the policy take the suggested min and max.
 */
describe('portal: forecasts and threshold suggestions', () => {
  let stack: Stack;
  let pending: ThresholdSuggestion[];

  beforeAll(async () => {
    stack = await startStack({ FORECAST_JOB_INTERVAL_MS: '0' });
    const token = await tokenOf(stack, 'planner@acme.example');
    const refreshed = await stack.t.http().post('/api/v1/forecasts/refresh').set('Authorization', `Bearer ${token}`).send({}).expect(200);
    expect(refreshed.body.pairs).toBeGreaterThan(0);
    const list = await stack.t.http().get('/api/v1/stock-policies/suggestions?status=PENDING&limit=500').set('Authorization', `Bearer ${token}`).expect(200);
    pending = list.body.items;
    expect(pending.length).toBeGreaterThan(0);
  });
  afterAll(() => stack.close());

  it('shows the forecasts and one pair\'s history vs forecast chart', async () => {
    const page = await loginAs(stack, 'planner@acme.example');
    await page.getByTestId('nav-forecasts').click();
    const table = page.getByTestId('forecasts-table');
    await table.getByTestId('forecast-open').first().waitFor({ timeout: UI_TIMEOUT });
    await table.getByTestId('forecast-open').first().click();
    await page.getByTestId('forecast-detail-method').waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('forecast-chart').locator('canvas').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('forecast-chart').getAttribute('aria-label')).toMatch(/120 days of history and 28 days of forecast/);
    await page.context().close();
  });

  it('a planner accepts a suggestion and the policy takes the suggested min and max', async () => {
    const page = await loginAs(stack, 'planner@acme.example');
    await page.getByTestId('nav-thresholds').click();
    const table = page.getByTestId('thresholds-table');
    const firstRow = table.getByTestId('table-row').first();
    await firstRow.getByTestId('threshold-accept').waitFor({ timeout: UI_TIMEOUT });
    const location = (await firstRow.getByTestId('threshold-location').innerText()).trim();
    const item = (await firstRow.getByTestId('threshold-item').innerText()).trim();
    const suggested = (await firstRow.getByTestId('threshold-suggested').innerText()).trim();
    const chosen = pending.find((s) => s.locationCode === location && s.itemCode === item) as ThresholdSuggestion;
    expect(chosen).toBeDefined();
    expect(suggested).toBe(`${trim(chosen.suggestedMinQty)} / ${trim(chosen.suggestedMaxQty)}`);

    await firstRow.getByTestId('threshold-accept').click();
    await page.locator('.sb-snack-success').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('.sb-snack-success').innerText()).toContain(`${location} · ${item}`);
    // the ACCEPTED list shows the policy as it is now: the suggested values
    await page.getByTestId('thresholds-status-filter').click();
    await page.getByTestId('thresholds-status-option-ACCEPTED').click();
    const accepted = table
      .getByTestId('table-row')
      .filter({ has: page.getByTestId('threshold-location').filter({ hasText: new RegExp(`^\\s*${location}\\s*$`) }) })
      .filter({ has: page.getByTestId('threshold-item').filter({ hasText: new RegExp(`^\\s*${item}\\s*$`) }) })
      .first();
    await accepted.getByTestId('threshold-status').and(page.locator('[data-status="ACCEPTED"]')).waitFor({ timeout: UI_TIMEOUT });
    expect((await accepted.getByTestId('threshold-policy').innerText()).trim()).toBe(suggested);

    const { rows } = await stack.t.sql.query(
      `SELECT p.min_qty::text AS min, p.max_qty::text AS max, s.status, u.email
         FROM threshold_suggestions s JOIN stock_policies p ON p.id = s.policy_id JOIN users u ON u.id = s.decided_by
        WHERE s.id = $1`,
      [chosen.id],
    );
    expect(rows).toEqual([{ min: chosen.suggestedMinQty, max: chosen.suggestedMaxQty, status: 'ACCEPTED', email: 'planner@acme.example' }]);
    await page.context().close();
  });
});

const trim = (qty: string) => (qty.includes('.') ? qty.replace(/\.?0+$/, '') : qty);
