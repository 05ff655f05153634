import { Decimal } from '@stockbridge/domain';
import type { ForecastDetail, ForecastSummary } from '@stockbridge/shared';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { addDays, seedConsumptionHistory, utcToday, weeklyQty, WEEKLY_PATTERN } from '../factories/consumption-history';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { ForecastingService } from '../../src/modules/forecasting/forecasting.service';

/**
 * Demand forecasts against synthetic histories with a known answer (docs/forecasting.md):
 * - VMI-1 BOLT: a pure weekly pattern over 84 days → a seasonal method, the pattern again;
 * - VMI-1 CABLE: 5 a day for 60 days → 5 a day, error 0;
 * - VMI-2 BOLT: a policy and no consumption → the fallback, 0.
 */
describe('demand forecasts', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let boltStock: { consumed: number; received: number };
  let cableStock: { consumed: number; received: number };

  beforeAll(async () => {
    t = await createTestApp({ FORECAST_JOB_INTERVAL_MS: '0' });
    w = await createWorld(t);
    other = await createWorld(t);
    boltStock = await seedConsumptionHistory(t, w, { location: w.locations.vmi1, item: w.items.bolt, supplier: w.suppliers[0], days: 84, qtyOn: weeklyQty, extraStock: 500 });
    cableStock = await seedConsumptionHistory(t, w, { location: w.locations.vmi1, item: w.items.cable, supplier: w.suppliers[0], days: 60, qtyOn: () => 5, extraStock: 400 });
    await t.sql.query(`INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty) VALUES ($1, $2, $3, 10, 50)`, [w.buyer.id, w.locations.vmi2.id, w.items.bolt.id]);
    await t.sql.query(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'VMI-ONLY-MINE', 'mine', 'VMI')`, [w.buyer.id]);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const list = async (query = '', user = w.users.planner) => (await t.api('get', `/forecasts${query}`, user).expect(200)).body as { items: ForecastSummary[]; nextCursor: string | null };

  describe('POST /forecasts/refresh and GET /forecasts', () => {
    it('computes one forecast per policy and per consumed (site, item)', async () => {
      const res = await t.api('post', '/forecasts/refresh', w.users.planner).expect(200);
      expect(res.body).toMatchObject({ asOf: utcToday(), pairs: 3 });
      expect(typeof res.body.seconds).toBe('number');
      const { items, nextCursor } = await list();
      expect(nextCursor).toBeNull();
      expect(items.map((i) => `${i.locationCode} ${i.itemCode}`)).toEqual(['VMI-1 BOLT', 'VMI-1 CABLE', 'VMI-2 BOLT']);
    });

    it('a constant series: the constant, WAPE and MAPE 0, days of cover = on hand ÷ 5', async () => {
      const [cable] = (await list('?itemCode=CABLE')).items;
      const onHand = cableStock.received - cableStock.consumed; // 400
      expect(cable).toEqual({
        locationCode: 'VMI-1', itemCode: 'CABLE', method: 'NAIVE', selection: 'BACKTEST', wapePct: '0.00', mapePct: '0.00',
        avgDailyForecast: '5.000000', onHand: `${onHand}.000000`, daysOfCover: '80.00', historyDays: 60, intermittent: false,
        asOf: utcToday(), computedAt: expect.any(String),
      });
    });

    it('a pure weekly pattern: a seasonal method with no error, the pattern\'s mean a day', async () => {
      const [bolt] = (await list('?itemCode=BOLT&locationCode=VMI-1')).items;
      const onHand = boltStock.received - boltStock.consumed;
      const avg = WEEKLY_PATTERN.reduce((a, b) => a + b, 0) / 7;
      expect(bolt).toMatchObject({ method: 'WEEKDAY_PROFILE', selection: 'BACKTEST', wapePct: '0.00', avgDailyForecast: avg.toFixed(6), onHand: `${onHand}.000000` });
      expect(bolt?.daysOfCover).toBe(new Decimal(onHand).dividedBy(avg.toFixed(6)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    });

    it('no consumption: the fallback forecasts 0, days of cover unknown', async () => {
      const [none] = (await list('?locationCode=VMI-2')).items;
      expect(none).toMatchObject({ itemCode: 'BOLT', method: 'MEAN', selection: 'FALLBACK', wapePct: null, mapePct: null, avgDailyForecast: '0.000000', daysOfCover: null, historyDays: 0 });
    });

    it('pages with a cursor, sorts and filters', async () => {
      const first = await list('?limit=2');
      expect(first.items).toHaveLength(2);
      const second = await list(`?limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((i) => `${i.locationCode} ${i.itemCode}`)).toEqual(['VMI-2 BOLT']);
      expect(second.nextCursor).toBeNull();
      const byAvg = await list('?sort=avgDailyForecast&order=desc&limit=1');
      expect(byAvg.items[0]?.itemCode).toBe('BOLT');
      const rest = await list(`?sort=avgDailyForecast&order=desc&limit=5&cursor=${byAvg.nextCursor}`);
      expect(rest.items.map((i) => i.avgDailyForecast)).toEqual(['5.000000', '0.000000']);
      // BOLT: 500 ÷ 8.29 ≈ 60 days, CABLE 80 days, VMI-2 BOLT no demand (last)
      const byCover = await list('?sort=daysOfCover');
      expect(byCover.items.map((i) => `${i.locationCode} ${i.itemCode}`)).toEqual(['VMI-1 BOLT', 'VMI-1 CABLE', 'VMI-2 BOLT']);
      expect((await list('?method=MEAN')).items).toHaveLength(1);
    });

    it('refuses bad input with problem+json', async () => {
      for (const q of ['?sort=nope', '?limit=0', '?method=MAGIC', '?cursor=%%%', '?foo=1', `?cursor=${Buffer.from('[1,2]').toString('base64url')}`, `?sort=wape&cursor=${Buffer.from('["x","a","b"]').toString('base64url')}`]) {
        const res = await t.api('get', `/forecasts${q}`, w.users.planner);
        expect([q, res.status]).toEqual([q, 400]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('is buyer-only and tenant-scoped; refresh needs a planner or buyer admin', async () => {
      await t.api('get', '/forecasts', w.users.supplierAdmin).expect(403);
      await t.api('get', '/forecasts', null).expect(401);
      await t.api('get', '/forecasts', w.users.warehouse).expect(200);
      await t.api('post', '/forecasts/refresh', w.users.warehouse).expect(403);
      await t.api('post', '/forecasts/refresh', w.users.supplierAdmin).expect(403);
      expect((await list('', other.users.planner)).items).toEqual([]);
    });

    it('one refresh per tenant at a time: concurrent refreshes end 200 or 409 CONFLICT, never twice the rows', async () => {
      const results = await Promise.all([1, 2, 3].map(() => t.api('post', '/forecasts/refresh', w.users.planner)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      expect(statuses).toContain(200);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('CONFLICT');
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM demand_forecasts WHERE tenant_id = $1`, [w.buyer.id]);
      expect(rows[0].n).toBe(3);
    });

    it('the job leaves fresh tenants alone and fills stale ones', async () => {
      const svc = t.app.get(ForecastingService);
      expect(await svc.isStale(w.buyer.id)).toBe(false);
      await t.sql.query(`UPDATE demand_forecasts SET as_of = as_of - 1 WHERE tenant_id = $1`, [w.buyer.id]);
      expect(await svc.isStale(w.buyer.id)).toBe(true);
      await svc.runScheduled();
      const { rows } = await t.sql.query(`SELECT DISTINCT as_of::text AS d FROM demand_forecasts WHERE tenant_id = $1`, [w.buyer.id]);
      expect(rows).toEqual([{ d: utcToday() }]);
    });
  });

  describe('GET /forecasts/{locationCode}/{itemCode}', () => {
    it('history from the ledger, the horizon, the method and every candidate\'s accuracy', async () => {
      const res = await t.api('get', '/forecasts/VMI-1/BOLT', w.users.planner).expect(200);
      const d = res.body as ForecastDetail;
      const today = utcToday();
      expect(d).toMatchObject({ locationCode: 'VMI-1', itemCode: 'BOLT', method: 'WEEKDAY_PROFILE', lookbackDays: 120, horizonDays: 28, asOf: today, rmseDaily: '0.000000' });
      expect(d.history).toHaveLength(120);
      expect(d.history[0]?.date).toBe(addDays(today, -120));
      expect(d.history[119]).toEqual({ date: addDays(today, -1), qty: `${weeklyQty(addDays(today, -1))}.000000` });
      expect(d.history[10]?.qty).toBe('0.000000'); // before the history starts: zero days are days too
      expect(d.forecast).toHaveLength(28);
      d.forecast.forEach((f, k) => expect(f).toEqual({ date: addDays(today, k), qty: weeklyQty(addDays(today, k)).toFixed(6) }));
      expect(d.candidates.map((c) => c.method)).toEqual(['NAIVE', 'SES', 'WEEKDAY_PROFILE', 'HOLT_WINTERS']);
      expect(d.candidates.find((c) => c.chosen)?.method).toBe('WEEKDAY_PROFILE');
      expect(Number(d.candidates.find((c) => c.method === 'SES')?.wapePct)).toBeGreaterThan(20);
      // the cached row agrees with the live computation
      const [cached] = (await list('?itemCode=BOLT&locationCode=VMI-1')).items;
      expect(cached?.avgDailyForecast).toBe(d.avgDailyForecast);
    });

    it('a reversed consumption nets out of its business date', async () => {
      const yesterday = addDays(utcToday(), -1);
      await seedConsumptionHistory(t, other, { location: other.locations.vmi1, item: other.items.grease, supplier: other.suppliers[0], days: 3, qtyOn: () => 2 });
      const before = (await t.api('get', '/forecasts/VMI-1/GREASE', other.users.planner).expect(200)).body as ForecastDetail;
      expect(before.history.slice(-3).map((h) => h.qty)).toEqual(['2.000000', '2.000000', '2.000000']);
      const { rows } = await t.sql.query(
        `SELECT j.id FROM journals j WHERE j.tenant_id = $1 AND j.type = 'CONSUMPTION' AND j.effective_date = $2::date`,
        [other.buyer.id, yesterday],
      );
      await t.api('post', `/ledger/journals/${rows[0].id}/reverse`, other.users.warehouse).send({ reason: 'typo', effectiveDate: yesterday }).expect(201);
      const after = (await t.api('get', '/forecasts/VMI-1/GREASE', other.users.planner).expect(200)).body as ForecastDetail;
      expect(after.history.slice(-3).map((h) => h.qty)).toEqual(['2.000000', '2.000000', '0.000000']);
      expect(after).toMatchObject({ method: 'MEAN', selection: 'FALLBACK', avgDailyForecast: '1.333333', historyDays: 3 });
    });

    it('unknown codes and other tenants → 404; suppliers → 403', async () => {
      const nf = await t.api('get', '/forecasts/VMI-1/NOPE', w.users.planner).expect(404);
      expect(nf.body.code).toBe('NOT_FOUND');
      await t.api('get', '/forecasts/NOPE/BOLT', w.users.planner).expect(404);
      await t.api('get', '/forecasts/VMI-ONLY-MINE/BOLT', w.users.planner).expect(200);
      await t.api('get', '/forecasts/VMI-ONLY-MINE/BOLT', other.users.planner).expect(404);
      await t.api('get', '/forecasts/VMI-1/BOLT', w.users.supplierAdmin).expect(403);
      // the other tenant's own VMI-1 BOLT has no history: its answer is its own, not ours
      const theirs = (await t.api('get', '/forecasts/VMI-1/BOLT', other.users.planner).expect(200)).body as ForecastDetail;
      expect(theirs.history.every((h) => h.qty === '0.000000')).toBe(true);
    });
  });

  describe('forecast fields in stock health and proposals', () => {
    it('stock health: forecast daily qty, days of cover and safety stock next to the 30-day figures', async () => {
      const res = await t.api('get', '/analytics/stock-health?locationCode=VMI-1', w.users.planner).expect(200);
      const cable = res.body.items.find((r: { itemCode: string }) => r.itemCode === 'CABLE');
      expect(cable).toMatchObject({ forecastDailyQty: '5.000000', forecastMethod: 'NAIVE', forecastSafetyStock: '0.000000' });
      expect(cable.forecastDaysOfCover).toBe(new Decimal(cable.onHand).dividedBy(5).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    });

    it('proposals: forecast fields on the min rule, plus policies forecast to reach min within the lead time', async () => {
      // CABLE at VMI-1: on hand 400, 5 a day; shortest lead time is supplier 2's 5 days → 25 over the lead time.
      // min 380: 400 > 380 now, but 400 − 25 = 375 ≤ 380 → order 500 − 375 = 125.
      await t.api('put', '/stock-policies', w.users.planner).send({ locationCode: 'VMI-1', itemCode: 'CABLE', minQty: '380', maxQty: '500' }).expect(200);
      const res = await t.api('get', '/replenishment/proposals', w.users.planner).expect(200);
      const byKey = (loc: string, item: string) => res.body.items.find((p: { locationCode: string; itemCode: string }) => p.locationCode === loc && p.itemCode === item);
      const onHand = cableStock.received - cableStock.consumed;
      expect(onHand).toBe(400);
      expect(byKey('VMI-1', 'CABLE')).toMatchObject({
        supplierOrgId: w.suppliers[1].id,
        suggestedQty: '125.000000',
        trigger: 'FORECAST',
        forecastDailyQty: '5.000000',
        leadTimeDays: '5.00',
        forecastLeadTimeDemand: '25.000000',
        daysOfCover: '80.00',
        reason: 'forecast 5/day (NAIVE) over lead time 5 days = 25; on hand 400 + in transit 0 + open call-offs 0 − 25 = 375 ≤ min 380 within the lead time; order 125 to reach max 500',
      });
      // API.md's rule unchanged: VMI-2 BOLT has nothing on hand, min 10, max 50
      expect(byKey('VMI-2', 'BOLT')).toMatchObject({ suggestedQty: '50.000000', trigger: 'MIN', forecastDailyQty: '0.000000', daysOfCover: null });
      expect(byKey('VMI-2', 'BOLT').reason).toBe('on hand 0 + in transit 0 + open call-offs 0 < min 10; order 50 to reach max 50');
    });
  });
});
