import type { ThresholdSuggestion, WarningView } from '@stockbridge/shared';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { seedConsumptionHistory, weeklyQty } from '../factories/consumption-history';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { WarningEngine } from '../../src/modules/warnings/warning-engine';
import { WarningPriorityService } from '../../src/modules/forecasting/warning-priority.service';

/**
 * Self-tuning thresholds and the inbox priority (docs/forecasting.md), against histories with a
 * known answer: CABLE at VMI-1 is consumed 5 a day, its preferred supplier delivers in 7 days at
 * 2.35 → demand over the lead time 35, no forecast error, no lead-time variability → min 35;
 * the economic order quantity √(2 · 365 · 5 · 50 ÷ (0.25 · 2.35)) ≈ 557 exceeds 60 days of
 * demand, so the cycle is 300 → max 335.
 */
describe('threshold suggestions and warning priority', () => {
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    t = await createTestApp({ FORECAST_JOB_INTERVAL_MS: '0' });
    w = await createWorld(t);
    other = await createWorld(t);
    await seedConsumptionHistory(t, w, { location: w.locations.vmi1, item: w.items.cable, supplier: w.suppliers[0], days: 60, qtyOn: () => 5, extraStock: 400 });
    await seedConsumptionHistory(t, w, { location: w.locations.vmi1, item: w.items.bolt, supplier: w.suppliers[0], days: 84, qtyOn: weeklyQty, extraStock: 500 });
    await putPolicy('CABLE', '10', '20', w.suppliers[0].id);
    await putPolicy('BOLT', '1', '2');
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  async function putPolicy(itemCode: string, minQty: string, maxQty: string, preferredSupplierOrgId?: string, locationCode = 'VMI-1') {
    await t.api('put', '/stock-policies', w.users.planner).send({ locationCode, itemCode, minQty, maxQty, ...(preferredSupplierOrgId ? { preferredSupplierOrgId } : {}) }).expect(200);
  }
  const refresh = async () => (await t.api('post', '/forecasts/refresh', w.users.planner).expect(200)).body as { suggestionsCreated: number };
  const suggestions = async (query = '', user = w.users.planner) => (await t.api('get', `/stock-policies/suggestions${query}`, user).expect(200)).body as { items: ThresholdSuggestion[]; nextCursor: string | null };
  const pendingFor = async (itemCode: string) => (await suggestions(`?status=PENDING&itemCode=${itemCode}`)).items[0] as ThresholdSuggestion;
  const policy = async (itemCode: string) =>
    (
      await t.sql.query(
        `SELECT p.min_qty::text AS min, p.max_qty::text AS max FROM stock_policies p JOIN items i ON i.id = p.item_id JOIN locations l ON l.id = p.location_id
          WHERE p.tenant_id = $1 AND i.code = $2 AND l.code = 'VMI-1'`,
        [w.buyer.id, itemCode],
      )
    ).rows[0] as { min: string; max: string };

  describe('suggestions from the forecast and the lead time', () => {
    it('suggests min = lead-time demand + safety stock and max = min + economic cycle, with the reason and the risks', async () => {
      expect((await refresh()).suggestionsCreated).toBe(2);
      const list = await suggestions();
      expect(list.items.map((s) => [s.itemCode, s.status])).toEqual(expect.arrayContaining([['CABLE', 'PENDING'], ['BOLT', 'PENDING']]));
      expect(await pendingFor('CABLE')).toEqual({
        id: expect.any(String), status: 'PENDING', locationCode: 'VMI-1', itemCode: 'CABLE',
        currentMinQty: '10.000000', currentMaxQty: '20.000000', suggestedMinQty: '35.000000', suggestedMaxQty: '335.000000',
        policyMinQty: '10.000000', policyMaxQty: '20.000000',
        avgDailyForecast: '5.000000', leadTimeDays: '7.00', leadTimeStdDays: '0.00', leadTimeDemand: '35.000000', safetyStock: '0.000000',
        cycleQty: '300.000000', serviceLevelPct: '95.00', stockOutRiskCurrentPct: '100.000', stockOutRiskSuggestedPct: '0.000',
        method: 'NAIVE', wapePct: '0.00',
        reason: 'forecast 5/day (NAIVE, WAPE 0 %); lead time 7 ± 0 days; demand over lead time 35 + safety stock 0 at 95 % service → ' +
          'min 35 (now 10: stock-out risk per cycle 100 % → 0 %); max = min + cycle 300 → 335 (now 20)',
        createdAt: expect.any(String), decidedAt: null, decidedBy: null, comment: null,
      });
      // a weekly pattern: one week of demand over the 7-day lead time (58), cycle capped at 60 days of demand
      expect(await pendingFor('BOLT')).toMatchObject({ suggestedMinQty: '58.000000', suggestedMaxQty: '556.000000', leadTimeDays: '7.00' });
    });

    it('a second run keeps the same pending suggestions (no duplicates)', async () => {
      expect((await refresh()).suggestionsCreated).toBe(0);
      expect((await suggestions('?status=PENDING')).items).toHaveLength(2);
    });
  });

  describe('accept and reject', () => {
    it('accept applies min/max to the policy, recorded with who and when; deciding again → 409 INVALID_STATE', async () => {
      const s = await pendingFor('CABLE');
      const res = await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.planner).expect(200);
      expect(res.body).toMatchObject({ status: 'ACCEPTED', policyMinQty: '35.000000', policyMaxQty: '335.000000', decidedBy: w.users.planner.id, comment: null });
      expect(Date.parse(res.body.decidedAt)).not.toBeNaN();
      expect(await policy('CABLE')).toEqual({ min: '35.000000', max: '335.000000' });
      const again = await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.planner).expect(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(again.body.code).toBe('INVALID_STATE');
      expect((await t.api('post', `/stock-policies/suggestions/${s.id}/reject`, w.users.planner).send({}).expect(409)).body.code).toBe('INVALID_STATE');
      // the policy now matches: nothing new to suggest
      expect((await refresh()).suggestionsCreated).toBe(0);
      expect(await pendingFor('CABLE')).toBeUndefined();
    });

    it('concurrent accepts of one suggestion: one wins, the other gets 409', async () => {
      const s = await pendingFor('BOLT');
      const results = await Promise.all([w.users.planner, w.users.buyerAdmin].map((u) => t.api('post', `/stock-policies/suggestions/${s.id}/accept`, u)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await policy('BOLT')).toEqual({ min: '58.000000', max: '556.000000' });
      const { rows } = await t.sql.query(`SELECT status, decided_by FROM threshold_suggestions WHERE tenant_id = $1 AND id = $2`, [w.buyer.id, s.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].status).toBe('ACCEPTED');
    });

    it('reject keeps the policy, records who, when and the comment; no new suggestion during the quiet period', async () => {
      await putPolicy('BOLT', '1', '2');
      expect((await refresh()).suggestionsCreated).toBe(1);
      const s = await pendingFor('BOLT');
      const res = await t.api('post', `/stock-policies/suggestions/${s.id}/reject`, w.users.buyerAdmin).send({ comment: '  seasonal stop next month  ' }).expect(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', decidedBy: w.users.buyerAdmin.id, comment: 'seasonal stop next month', policyMinQty: '1.000000' });
      expect(await policy('BOLT')).toEqual({ min: '1.000000', max: '2.000000' });
      expect((await refresh()).suggestionsCreated).toBe(0);
      expect(await pendingFor('BOLT')).toBeUndefined();
    });

    it('a policy changed after the suggestion: accept → 409 and nothing applied; the next run supersedes it', async () => {
      await putPolicy('CABLE', '10', '20', w.suppliers[0].id);
      expect((await refresh()).suggestionsCreated).toBe(1);
      const stale = await pendingFor('CABLE');
      await putPolicy('CABLE', '11', '20', w.suppliers[0].id);
      const res = await t.api('post', `/stock-policies/suggestions/${stale.id}/accept`, w.users.planner).expect(409);
      expect(res.body.code).toBe('INVALID_STATE');
      expect(await policy('CABLE')).toEqual({ min: '11.000000', max: '20.000000' });
      expect((await t.api('get', `/stock-policies/suggestions/${stale.id}`, w.users.planner).expect(200)).body.status).toBe('PENDING');
      expect((await refresh()).suggestionsCreated).toBe(1);
      expect((await t.api('get', `/stock-policies/suggestions/${stale.id}`, w.users.planner).expect(200)).body.status).toBe('SUPERSEDED');
      expect((await pendingFor('CABLE')).currentMinQty).toBe('11.000000');
    });

    it('bad input → 400 problem+json and nothing written', async () => {
      const s = await pendingFor('CABLE');
      for (const body of [{ comment: 5 }, { comment: 'x'.repeat(1001) }, { foo: 'bar' }]) {
        const res = await t.api('post', `/stock-policies/suggestions/${s.id}/reject`, w.users.planner).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      for (const q of ['?status=MAYBE', '?limit=501', '?cursor=abc', '?bar=1']) {
        expect((await t.api('get', `/stock-policies/suggestions${q}`, w.users.planner)).status).toBe(400);
      }
      expect((await t.api('get', `/stock-policies/suggestions/${s.id}`, w.users.planner).expect(200)).body).toMatchObject({ status: 'PENDING', comment: null });
      expect(await policy('CABLE')).toEqual({ min: '11.000000', max: '20.000000' });
    });

    it('another tenant → 404; unknown or malformed ids → 404; wrong role → 403', async () => {
      const s = await pendingFor('CABLE');
      for (const path of [`/stock-policies/suggestions/${s.id}/accept`, `/stock-policies/suggestions/${s.id}/reject`]) {
        const res = await t.api('post', path, other.users.planner).send({}).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      await t.api('get', `/stock-policies/suggestions/${s.id}`, other.users.planner).expect(404);
      expect((await suggestions('', other.users.planner)).items).toEqual([]);
      await t.api('post', '/stock-policies/suggestions/not-a-uuid/accept', w.users.planner).expect(404);
      await t.api('post', '/stock-policies/suggestions/00000000-0000-4000-8000-000000000000/reject', w.users.planner).send({}).expect(404);
      await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.warehouse).expect(403);
      await t.api('post', `/stock-policies/suggestions/${s.id}/reject`, w.users.finance).send({}).expect(403);
      await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.supplierAdmin).expect(403);
      await t.api('get', '/stock-policies/suggestions', w.users.supplierAdmin).expect(403);
      await t.api('get', '/stock-policies/suggestions', w.users.warehouse).expect(200);
      expect((await pendingFor('CABLE')).status).toBe('PENDING');
    });

    it('an Idempotency-Key replay answers the same and applies once', async () => {
      const s = await pendingFor('CABLE');
      const first = await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.planner).set('Idempotency-Key', 'accept-cable-1').expect(200);
      const again = await t.api('post', `/stock-policies/suggestions/${s.id}/accept`, w.users.planner).set('Idempotency-Key', 'accept-cable-1').expect(200);
      expect(again.body).toEqual(first.body);
      expect(await policy('CABLE')).toEqual({ min: '35.000000', max: '335.000000' });
    });

    it('lists newest first with a cursor and filters', async () => {
      const all = await suggestions();
      const first = await suggestions('?limit=1');
      expect(first.items[0]?.id).toBe(all.items[0]?.id);
      const second = await suggestions(`?limit=1&cursor=${first.nextCursor}`);
      expect(second.items[0]?.id).toBe(all.items[1]?.id);
      const accepted = await suggestions('?status=ACCEPTED');
      expect(accepted.items.map((s) => s.itemCode).sort()).toEqual(['BOLT', 'CABLE', 'CABLE']);
      expect((await suggestions('?locationCode=VMI-2')).items).toEqual([]);
    });
  });

  describe('warnings acknowledged again and again without action get a lower priority', () => {
    const engine = () => t.app.get(WarningEngine);
    const lowWater = async (locationCode: string) =>
      ((await t.api('get', `/warnings?kind=LOW_WATER&locationCode=${locationCode}`, w.users.planner).expect(200)).body.items as WarningView[]).filter((x) => x.status !== 'RESOLVED');
    const ack = async (id: string) => (await t.api('post', `/warnings/${id}/acknowledge`, w.users.planner).expect(200)).body as WarningView;
    const consume = (qty: string) => t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-2', itemCode: 'GREASE', qty }).expect(201);
    const receive = (qty: string) => receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty });

    it('the third acknowledgement within 30 days with no call-off, transfer or policy change → LOW, listed after NORMAL ones', async () => {
      await putPolicy('GREASE', '10', '20', undefined, 'VMI-1'); // another open LOW_WATER, raised first
      await putPolicy('GREASE', '100', '200', undefined, 'VMI-2');
      await engine().drain();
      let [current] = await lowWater('VMI-2');
      expect(current).toMatchObject({ severity: 'RED', priority: 'NORMAL', priorityReason: null });
      expect((await ack((current as WarningView).id)).priority).toBe('NORMAL');
      for (const [inQty, outQty] of [['150', '100'], ['150', '150']] as const) {
        await receive(inQty); // back above min: resolved
        await engine().drain();
        expect(await lowWater('VMI-2')).toEqual([]);
        await consume(outQty); // 50 left: raised again, a new warning
        await engine().drain();
        [current] = await lowWater('VMI-2');
        expect(current?.priority).toBe('NORMAL');
        const acked = await ack((current as WarningView).id);
        if (outQty === '150') expect(acked).toMatchObject({ priority: 'LOW', priorityReason: 'acknowledged 3 times in 30 days without a call-off, transfer or policy change' });
        else expect(acked.priority).toBe('NORMAL');
      }
      const inbox = (await t.api('get', '/warnings?kind=LOW_WATER', w.users.planner).expect(200)).body.items as WarningView[];
      const open = inbox.filter((x) => x.status !== 'RESOLVED');
      expect(open.map((x) => [x.locationCode, x.priority])).toEqual([['VMI-1', 'NORMAL'], ['VMI-2', 'LOW']]);
      // the NORMAL one was raised earlier, yet it comes first
      expect(Date.parse((open[0] as WarningView).raisedAt)).toBeLessThan(Date.parse((open[1] as WarningView).raisedAt));
      // paging keeps the order
      const page1 = await t.api('get', '/warnings?kind=LOW_WATER&limit=1', w.users.planner).expect(200);
      const page2 = await t.api('get', `/warnings?kind=LOW_WATER&limit=10&cursor=${page1.body.nextCursor}`, w.users.planner).expect(200);
      expect([...page1.body.items, ...page2.body.items].map((x: WarningView) => x.id)).toEqual(inbox.map((x) => x.id));
    });

    it('a warning raised again on that key is lowered by the job; a call-off lifts the key back to NORMAL', async () => {
      await receive('150');
      await engine().drain();
      await consume('150');
      await engine().drain();
      let [current] = await lowWater('VMI-2');
      expect(current?.priority).toBe('NORMAL');
      await t.app.get(WarningPriorityService).refresh(w.buyer.id);
      [current] = await lowWater('VMI-2');
      expect(current?.priority).toBe('LOW');
      await t.api('post', '/call-offs', w.users.planner)
        .send({ supplierOrgId: w.suppliers[0].id, locationCode: 'VMI-2', lines: [{ itemCode: 'GREASE', qty: '100', needBy: '2030-01-01' }] })
        .expect(201);
      await t.app.get(WarningPriorityService).refresh(w.buyer.id);
      [current] = await lowWater('VMI-2');
      expect(current).toMatchObject({ priority: 'NORMAL', priorityReason: null });
    });
  });
});
