import type { Locator, Page } from 'playwright-core';
import { loginAs, startStack, tokenOf, UI_TIMEOUT, type Stack } from './stack';

/**
 * The dashboards on the demo world: the planner sees KPI cards, a drawn heat map and trend,
 * acknowledges a warning in the inbox and creates a call-off from a proposal in one click; a
 * supplier sees its own dashboard (its buyers, its positions) and none of the buyer's parts.
 */
describe('portal: the dashboards', () => {
  let stack: Stack;
  const pages: Page[] = [];

  jest.setTimeout(180_000);

  beforeAll(async () => {
    stack = await startStack();
    // The demo's stock changes reach the warnings through the outbox: wait until it is drained.
    for (let i = 0; i < 400; i++) {
      const { rows } = await stack.t.sql.query(`SELECT count(*)::int AS n FROM warning_outbox`);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
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

  async function api<T>(email: string, path: string): Promise<T> {
    const token = await tokenOf(stack, email);
    const res = await stack.t.api('get', path).set('Authorization', `Bearer ${token}`).expect(200);
    return res.body as T;
  }

  /** Polls a text until it passes `check` (rendering and language changes are async). */
  async function eventually(read: () => Promise<string>, check: (text: string) => boolean, what: string): Promise<string> {
    const deadline = Date.now() + UI_TIMEOUT;
    let last = '';
    while (Date.now() < deadline) {
      last = await read().catch(() => '');
      if (check(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what}: last saw "${last}"`);
  }

  /** True once the chart's canvas has been drawn on (some pixels neither blank nor white). */
  async function expectDrawn(chart: Locator): Promise<void> {
    const canvas = chart.locator('canvas').first();
    await canvas.waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    const handle = await canvas.elementHandle();
    await chart.page().waitForFunction(
      (el) => {
        const c = el as HTMLCanvasElement;
        if (c.width === 0 || c.height === 0) return false;
        const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i] as number, data[i + 1] as number, data[i + 2] as number, data[i + 3] as number];
          if (a > 0 && !(r > 245 && g > 245 && b > 245)) inked++;
          if (inked > 500) return true;
        }
        return false;
      },
      handle,
      { timeout: UI_TIMEOUT },
    );
  }

  describe('the planner', () => {
    let page: Page;

    beforeAll(async () => {
      page = await as('planner@acme.example');
      // The dashboard is the first entry of the navigation.
      const first = page.locator('nav a[data-testid^="nav-"]:not([data-testid="nav-home"])').first();
      await expect(first.getAttribute('data-testid')).resolves.toBe('nav-dashboard');
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('dashboard-buyer').waitFor();
    });

    it('sees the KPI cards with the API\'s figures', async () => {
      const kpis = await api<{ openWarnings: { total: number; RED: number } }>('planner@acme.example', '/analytics/kpis');
      expect(kpis.openWarnings.total).toBeGreaterThan(0);
      for (const id of ['kpi-open-warnings', 'kpi-stock-value', 'kpi-days-of-cover']) await page.getByTestId(id).waitFor();
      await eventually(() => page.getByTestId('kpi-open-total').innerText(), (t) => t.trim() === String(kpis.openWarnings.total), 'kpi-open-total');
      await eventually(() => page.getByTestId('kpi-count-RED').innerText(), (t) => t.includes(String(kpis.openWarnings.RED)), 'kpi-count-RED');
      await eventually(() => page.getByTestId('kpi-stock-value').innerText(), (t) => /€|EUR|CN¥|CNY/.test(t), 'kpi-stock-value');
    });

    it('sees the heat map and the trend chart drawn', async () => {
      await expectDrawn(page.getByTestId('heatmap-chart'));
      // The trend opens on the worst cell of the map.
      await page.getByTestId('trend-summary').waitFor();
      await expectDrawn(page.getByTestId('trend-chart'));
    });

    it('acknowledges a warning in the inbox and sees it marked', async () => {
      await page.getByTestId('warning-status-filter').click();
      await page.locator('mat-option').filter({ hasText: /^\s*Open\s*$/ }).click();
      const row = page.getByTestId('warnings-table').getByTestId('table-row').filter({ has: page.getByTestId('warning-ack') }).first();
      await row.waitFor();
      const id = await row.locator('[data-warning-id]').getAttribute('data-warning-id');
      expect(id).toBeTruthy();
      await row.getByTestId('warning-ack').click();
      const marked = page.locator(`[data-testid="table-row"]:has([data-warning-id="${id}"])`);
      await marked.locator('[data-testid="status-chip"][data-status="ACKNOWLEDGED"]').waitFor();
      await expect(marked.getByTestId('warning-ack').count()).resolves.toBe(0);
      const acknowledged = await api<{ items: Array<{ id: string }> }>('planner@acme.example', '/warnings?status=ACKNOWLEDGED&limit=100');
      expect(acknowledged.items.map((w) => w.id)).toContain(id);
      // The KPI card counts it after a refresh.
      await page.getByTestId('dashboard-refresh').click();
      await eventually(() => page.getByTestId('kpi-open-warnings').innerText(), (t) => /1 acknowledged/.test(t), 'kpi-open-warnings');
    });

    it('creates a call-off from a proposal in one click; the proposal then drops out', async () => {
      const row = page.getByTestId('proposal-row').filter({ has: page.locator('[data-testid="proposal-create-call-off"]:not([disabled])') }).first();
      await row.waitFor();
      const location = (await row.getAttribute('data-location')) as string;
      const item = (await row.getAttribute('data-item')) as string;
      await row.getByTestId('proposal-create-call-off').click();
      const created = page.getByTestId('proposal-created');
      await created.waitFor();
      const number = (await created.getAttribute('data-number')) as string;
      expect(number).toMatch(/^CO-/);
      await expect(created.innerText()).resolves.toContain(number);
      const callOffs = await api<{ items: Array<{ number: string; status: string; locationCode: string; lines: Array<{ itemCode: string }> }> }>(
        'planner@acme.example',
        `/call-offs?locationCode=${location}&itemCode=${item}&limit=100`,
      );
      expect(callOffs.items.find((c) => c.number === number)).toMatchObject({ status: 'OPEN', locationCode: location, lines: [{ itemCode: item }] });
      // Ordered up to max: the proposal nets the open call-off and is gone after the reload.
      await page.locator(`[data-testid="proposal-row"][data-location="${location}"][data-item="${item}"]`).waitFor({ state: 'detached' });
      const proposals = await api<{ items: Array<{ locationCode: string; itemCode: string }> }>('planner@acme.example', '/replenishment/proposals');
      expect(proposals.items.some((p) => p.locationCode === location && p.itemCode === item)).toBe(false);
    });
  });

  describe('a supplier', () => {
    it('lands on its own dashboard: its buyers and its positions, none of the buyer-only parts', async () => {
      const page = await as('admin@nordbolt.example');
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('dashboard-supplier').waitFor();
      const card = page.locator('[data-testid="supplier-buyer-card"][data-buyer="ACME"]');
      await card.waitFor();
      const overview = await api<{ items: Array<{ buyerCode: string; openWarnings: { RED: number } }> }>('admin@nordbolt.example', '/analytics/supplier-overview');
      expect(overview.items.map((b) => b.buyerCode)).toEqual(['ACME']);
      await expect(card.getByTestId('supplier-count-RED').innerText()).resolves.toContain(String(overview.items[0]?.openWarnings.RED));
      await page.getByTestId('positions-table').getByTestId('table-row').first().waitFor();

      for (const id of ['dashboard-buyer', 'kpi-open-warnings', 'heatmap-panel', 'trend-panel', 'inbox-panel', 'proposals-panel', 'warning-ack']) {
        expect({ id, count: await page.getByTestId(id).count() }).toEqual({ id, count: 0 });
      }
      // … and the API refuses them too.
      const token = await tokenOf(stack, 'admin@nordbolt.example');
      await stack.t.api('get', '/analytics/kpis').set('Authorization', `Bearer ${token}`).expect(403);

      // Both languages.
      await page.getByTestId('lang-switch').click();
      await page.locator('[data-testid="lang-switch"][data-lang="zh"]').waitFor();
      await eventually(() => page.getByTestId('page-title').innerText(), (t) => t.trim() === '看板', 'page-title');
      await eventually(() => page.getByTestId('positions-panel').innerText(), (t) => t.includes('我在各采购方的库存'), 'positions-panel');
    });
  });
});
