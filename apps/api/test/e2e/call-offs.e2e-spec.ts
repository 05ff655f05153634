import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';

/** Call-offs: issue, read with tenant/supplier isolation, confirm, reject, cancel. */
describe('call-offs', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
  });
  afterAll(() => t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    supplierOrgId: w.suppliers[0].id,
    locationCode: w.locations.vmi1.code,
    lines: [
      { itemCode: 'BOLT', qty: '100', needBy: '2026-06-01' },
      { itemCode: 'CABLE', qty: 12.5, needBy: '2026-06-15' },
    ],
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) => (await t.api('post', '/call-offs', w.users.planner).send(body(over)).expect(201)).body;
  const confirmAll = (co: { id: string; lines: Array<{ id: string; qty: string }> }, user = w.users.supplierAdmin) =>
    t.api('post', `/call-offs/${co.id}/confirm`, user).send({ lines: co.lines.map((l) => ({ lineId: l.id, confirmedQty: l.qty, promisedDate: '2026-05-30' })) });
  /** Counts of everything a refused create must leave untouched. */
  const snapshot = async () => ({
    callOffs: await t.count('call_offs'),
    lines: await t.count('call_off_lines'),
    seq: (await t.sql.query(`SELECT coalesce(sum(last_value), 0)::int AS n FROM document_sequences`)).rows[0].n as number,
  });

  describe('POST /call-offs', () => {
    it('creates an OPEN call-off with gap-free numbers and exact quantities', async () => {
      const co = await create();
      expect(co).toMatchObject({
        id: expect.any(String),
        number: expect.stringMatching(new RegExp(`^CO-${year}-\\d{6}$`)),
        status: 'OPEN',
        supplierOrgId: w.suppliers[0].id,
        buyerOrgId: w.buyer.id,
        locationCode: 'VMI-1',
        tolerancePct: '5',
      });
      expect(co.lines).toEqual([
        expect.objectContaining({ lineNo: 1, itemCode: 'BOLT', qty: '100', confirmedQty: null, shippedQty: '0', receivedQty: '0', needBy: '2026-06-01', promisedDate: null }),
        expect.objectContaining({ lineNo: 2, itemCode: 'CABLE', qty: '12.50', confirmedQty: null, shippedQty: '0.00', receivedQty: '0.00', needBy: '2026-06-15' }),
      ]);
      const next = await create();
      const seq = (n: string) => parseInt(n.slice(-6), 10);
      expect(seq(next.number)).toBe(seq(co.number) + 1);
      const { rows } = await t.sql.query(`SELECT qty::text FROM call_off_lines WHERE call_off_id = $1 ORDER BY line_no`, [co.id]);
      expect(rows.map((r) => r.qty)).toEqual(['100.000000', '12.500000']);
    });

    it('numbers per tenant: another buyer starts its own sequence', async () => {
      const res = await t
        .api('post', '/call-offs', other.users.planner)
        .send({ supplierOrgId: other.suppliers[0].id, locationCode: 'VMI-1', lines: [{ itemCode: 'BOLT', qty: 1, needBy: '2026-06-01' }] })
        .expect(201);
      expect(res.body.number).toBe(`CO-${year}-000001`);
    });

    it('allows the same item on several lines (different need-by dates)', async () => {
      const co = await create({
        lines: [
          { itemCode: 'BOLT', qty: '10', needBy: '2026-06-01' },
          { itemCode: 'BOLT', qty: '20', needBy: '2026-07-01' },
        ],
      });
      expect(co.lines.map((l: { itemCode: string; qty: string }) => `${l.itemCode}:${l.qty}`)).toEqual(['BOLT:10', 'BOLT:20']);
    });

    it.each<[string, Record<string, unknown>, number, string | RegExp]>([
      ['an item the supplier has no price for', { supplierOrgId: 'S2', lines: [{ itemCode: 'GREASE', qty: '1', needBy: '2026-06-01' }] }, 422, 'lines[0].itemCode'],
      ['an unknown item', { lines: [{ itemCode: 'NOPE', qty: '1', needBy: '2026-06-01' }] }, 422, 'lines[0].itemCode'],
      ['a warehouse location', { locationCode: 'WH-1' }, 422, 'locationCode'],
      ['an unknown location', { locationCode: 'NOWHERE' }, 422, 'locationCode'],
      ['a zero quantity', { lines: [{ itemCode: 'BOLT', qty: '0', needBy: '2026-06-01' }] }, 400, 'lines[0].qty'],
      ['a negative quantity', { lines: [{ itemCode: 'BOLT', qty: '-1', needBy: '2026-06-01' }] }, 400, 'lines.0.qty'],
      ['more decimals than the item has', { lines: [{ itemCode: 'BOLT', qty: '1.5', needBy: '2026-06-01' }] }, 400, 'lines[0].qty'],
      ['more than 6 decimals', { lines: [{ itemCode: 'GREASE', qty: '1.0000001', needBy: '2026-06-01' }] }, 400, 'lines.0.qty'],
      ['a float-noise number', { lines: [{ itemCode: 'CABLE', qty: 0.1 + 0.2, needBy: '2026-06-01' }] }, 400, /lines/],
      ['an impossible date', { lines: [{ itemCode: 'BOLT', qty: '1', needBy: '2026-02-30' }] }, 400, 'lines.0.needBy'],
      ['no lines', { lines: [] }, 400, 'lines'],
      ['an unknown property', { priority: 'HIGH' }, 400, 'priority'],
      ['a bad supplier id', { supplierOrgId: 'not-a-uuid' }, 400, 'supplierOrgId'],
    ])('refuses %s and writes nothing', async (_name, over, status, path) => {
      const before = await snapshot();
      const payload = body(over);
      if (payload.supplierOrgId === 'S2') payload.supplierOrgId = w.suppliers[1].id;
      const res = await t.api('post', '/call-offs', w.users.planner).send(payload).expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code: 'VALIDATION_FAILED' });
      const paths = (res.body.errors ?? []).map((e: { path: string }) => e.path).join(' ');
      expect(paths).toMatch(path);
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for a supplier not linked to this buyer (and writes nothing)', async () => {
      const before = await snapshot();
      const res = await t.api('post', '/call-offs', w.users.planner).send(body({ supplierOrgId: other.suppliers[0].id })).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('needs a token (401) and the PLANNER role (403)', async () => {
      expect((await t.api('post', '/call-offs').send(body()).expect(401)).body.code).toBe('UNAUTHORIZED');
      for (const u of [w.users.warehouse, w.users.buyerAdmin, w.users.supplierAdmin]) {
        expect((await t.api('post', '/call-offs', u).send(body()).expect(403)).body.code).toBe('FORBIDDEN');
      }
    });

    it('replays an Idempotency-Key: same answer, one call-off', async () => {
      const before = await t.count('call_offs');
      const first = await t.api('post', '/call-offs', w.users.planner).set('Idempotency-Key', 'co-create-1').send(body()).expect(201);
      const again = await t.api('post', '/call-offs', w.users.planner).set('Idempotency-Key', 'co-create-1').send(body()).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await t.count('call_offs')).toBe(before + 1);
      const reused = await t.api('post', '/call-offs', w.users.planner).set('Idempotency-Key', 'co-create-1').send(body({ locationCode: 'VMI-2' })).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('GET /call-offs and /call-offs/{id}', () => {
    let mine: { id: string };
    let theirs: { id: string };
    beforeAll(async () => {
      mine = await create({ locationCode: 'VMI-2' });
      theirs = await create({ supplierOrgId: w.suppliers[1].id, lines: [{ itemCode: 'BOLT', qty: '5', needBy: '2026-06-01' }] });
    });

    it('lets the buyer and the addressed supplier read a call-off', async () => {
      for (const u of [w.users.planner, w.users.warehouse, w.users.finance, w.users.supplierAdmin, w.users.supplierUser]) {
        const res = await t.api('get', `/call-offs/${mine.id}`, u).expect(200);
        expect(res.body.id).toBe(mine.id);
      }
    });

    it('answers 404 to another supplier and another tenant, 400 to a malformed id', async () => {
      expect((await t.api('get', `/call-offs/${mine.id}`, w.users.supplier2Admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await t.api('get', `/call-offs/${mine.id}`, other.users.planner).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await t.api('get', `/call-offs/${mine.id}`, other.users.supplierAdmin).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('get', '/call-offs/not-a-uuid', w.users.planner).expect(400);
      await t.api('get', `/call-offs/${mine.id}`).expect(401);
    });

    it('lists only what the caller may see', async () => {
      const ids = async (u: typeof w.users.planner, qs = '') => {
        const res = await t.api('get', `/call-offs?limit=500${qs}`, u).expect(200);
        return res.body.items.map((c: { id: string }) => c.id) as string[];
      };
      expect(await ids(w.users.planner)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      const s1 = await ids(w.users.supplierAdmin);
      expect(s1).toContain(mine.id);
      expect(s1).not.toContain(theirs.id);
      const s2 = await ids(w.users.supplier2Admin);
      expect(s2).toEqual([theirs.id]);
      expect(await ids(other.users.planner)).not.toContain(mine.id);
      // A supplier asking for another supplier's call-offs gets none.
      expect(await ids(w.users.supplier2Admin, `&supplierOrgId=${w.suppliers[0].id}`)).toEqual([]);
    });

    it('filters by status, supplier and location', async () => {
      const res = await t.api('get', `/call-offs?supplierOrgId=${w.suppliers[1].id}&status=OPEN`, w.users.planner).expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([theirs.id]);
      const byLoc = await t.api('get', '/call-offs?locationCode=VMI-2', w.users.planner).expect(200);
      expect(byLoc.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
      const none = await t.api('get', '/call-offs?status=SHIPPED,RECEIVED', w.users.planner).expect(200);
      expect(none.body.items).toEqual([]);
      const bad = await t.api('get', '/call-offs?status=DONE', w.users.planner).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('pages with a cursor, newest first, without repeats', async () => {
      const all = (await t.api('get', '/call-offs?limit=500', w.users.planner).expect(200)).body.items.map((c: { id: string }) => c.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .api('get', `/call-offs?limit=2${cursor ? `&cursor=${cursor}` : ''}`, w.users.planner)
          .expect(200);
        seen.push(...res.body.items.map((c) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(all.length).toBeGreaterThan(3);
      expect(all[0]).toBe(theirs.id);
    });
  });

  describe('POST /call-offs/{id}/confirm', () => {
    it('confirms every line, less than ordered or zero, and derives CONFIRMED', async () => {
      const co = await create();
      const res = await t
        .api('post', `/call-offs/${co.id}/confirm`, w.users.supplierUser)
        .send({
          lines: [
            { lineId: co.lines[0].id, confirmedQty: 80, promisedDate: '2026-05-28' },
            { lineId: co.lines[1].id, confirmedQty: '0', promisedDate: '2026-05-28' },
          ],
        })
        .expect(200);
      expect(res.body.status).toBe('CONFIRMED');
      expect(res.body.confirmedAt).toEqual(expect.any(String));
      expect(res.body.lines).toEqual([
        expect.objectContaining({ confirmedQty: '80', promisedDate: '2026-05-28', maxShippableQty: '84' }),
        expect.objectContaining({ confirmedQty: '0.00', maxShippableQty: '0.00' }),
      ]);
    });

    it('may be revised while CONFIRMED; unnamed lines keep their answer', async () => {
      const co = await create();
      await confirmAll(co).expect(200);
      const res = await t
        .api('post', `/call-offs/${co.id}/confirm`, w.users.supplierAdmin)
        .send({ lines: [{ lineId: co.lines[1].id, confirmedQty: '10.25', promisedDate: '2026-06-20' }] })
        .expect(200);
      expect(res.body.status).toBe('CONFIRMED');
      expect(res.body.lines.map((l: { confirmedQty: string }) => l.confirmedQty)).toEqual(['100', '10.25']);
    });

    it.each<[string, (co: { lines: Array<{ id: string }> }) => unknown[], number, string]>([
      ['a line left unconfirmed', (co) => [{ lineId: co.lines[0].id, confirmedQty: '1', promisedDate: '2026-05-28' }], 422, 'lines'],
      ['more than ordered', (co) => co.lines.map((l) => ({ lineId: l.id, confirmedQty: '101', promisedDate: '2026-05-28' })), 422, 'lines[0].confirmedQty'],
      ['a line of another call-off', () => [{ lineId: '00000000-0000-4000-8000-000000000000', confirmedQty: '1', promisedDate: '2026-05-28' }], 422, 'lines[0].lineId'],
      ['a line twice', (co) => [0, 0, 1].map((i) => ({ lineId: co.lines[i]?.id, confirmedQty: '1', promisedDate: '2026-05-28' })), 400, 'lines[1].lineId'],
      ['too many decimals', (co) => co.lines.map((l) => ({ lineId: l.id, confirmedQty: '1.001', promisedDate: '2026-05-28' })), 400, 'lines[0].confirmedQty'],
      ['a bad date', (co) => co.lines.map((l) => ({ lineId: l.id, confirmedQty: '1', promisedDate: '28.05.2026' })), 400, 'lines.0.promisedDate'],
    ])('refuses %s and changes nothing', async (_name, lines, status, path) => {
      const co = await create();
      const res = await t.api('post', `/call-offs/${co.id}/confirm`, w.users.supplierAdmin).send({ lines: lines(co) }).expect(status);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      const after = (await t.api('get', `/call-offs/${co.id}`, w.users.planner).expect(200)).body;
      expect(after.status).toBe('OPEN');
      expect(after.lines.every((l: { confirmedQty: unknown }) => l.confirmedQty === null)).toBe(true);
    });

    it('is for the addressed supplier only: buyer 403, other supplier 404, no token 401', async () => {
      const co = await create();
      expect((await confirmAll(co, w.users.planner).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await confirmAll(co, w.users.supplier2Admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await confirmAll(co, other.users.supplierAdmin).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('post', `/call-offs/${co.id}/confirm`).send({ lines: [] }).expect(401);
      expect((await t.api('get', `/call-offs/${co.id}`, w.users.planner)).body.status).toBe('OPEN');
    });

    it('refuses a rejected or cancelled call-off with 409 INVALID_STATE', async () => {
      const rejected = await create();
      await t.api('post', `/call-offs/${rejected.id}/reject`, w.users.supplierAdmin).send({ reason: 'no capacity' }).expect(200);
      const cancelled = await create();
      await t.api('post', `/call-offs/${cancelled.id}/cancel`, w.users.planner).send({}).expect(200);
      for (const co of [rejected, cancelled]) {
        const res = await confirmAll(co).expect(409);
        expect(res.body).toMatchObject({ code: 'INVALID_STATE', status: 409 });
      }
    });
  });

  describe('POST /call-offs/{id}/reject', () => {
    it('rejects an OPEN call-off with a reason', async () => {
      const co = await create();
      const res = await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplierUser).send({ reason: 'Item discontinued' }).expect(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', rejectReason: 'Item discontinued' });
    });

    it('needs a reason (400), the supplier role (403), its own call-off (404), an OPEN one (409)', async () => {
      const co = await create();
      expect((await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplierAdmin).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.api('post', `/call-offs/${co.id}/reject`, w.users.planner).send({ reason: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplier2Admin).send({ reason: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
      await confirmAll(co).expect(200);
      const res = await t.api('post', `/call-offs/${co.id}/reject`, w.users.supplierAdmin).send({ reason: 'changed my mind' }).expect(409);
      expect(res.body.code).toBe('INVALID_STATE');
      expect((await t.api('get', `/call-offs/${co.id}`, w.users.planner)).body).toMatchObject({ status: 'CONFIRMED', rejectReason: null });
    });
  });

  describe('POST /call-offs/{id}/cancel', () => {
    it('cancels an OPEN or CONFIRMED call-off, with or without a body', async () => {
      const open = await create();
      const res = await t.api('post', `/call-offs/${open.id}/cancel`, w.users.planner).expect(200);
      expect(res.body.status).toBe('CANCELLED');
      const confirmed = await create();
      await confirmAll(confirmed).expect(200);
      const res2 = await t.api('post', `/call-offs/${confirmed.id}/cancel`, w.users.planner).send({ reason: 'demand dropped' }).expect(200);
      expect(res2.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'demand dropped' });
    });

    it('needs the PLANNER role (403) of the same tenant (404); refuses twice or after a rejection (409)', async () => {
      const co = await create();
      expect((await t.api('post', `/call-offs/${co.id}/cancel`, w.users.supplierAdmin).send({}).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.api('post', `/call-offs/${co.id}/cancel`, w.users.warehouse).send({}).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.api('post', `/call-offs/${co.id}/cancel`, other.users.planner).send({}).expect(404)).body.code).toBe('NOT_FOUND');
      await t.api('post', `/call-offs/${co.id}/cancel`, w.users.planner).send({}).expect(200);
      expect((await t.api('post', `/call-offs/${co.id}/cancel`, w.users.planner).send({}).expect(409)).body.code).toBe('INVALID_STATE');
      const rejected = await create();
      await t.api('post', `/call-offs/${rejected.id}/reject`, w.users.supplierAdmin).send({ reason: 'no' }).expect(200);
      expect((await t.api('post', `/call-offs/${rejected.id}/cancel`, w.users.planner).send({}).expect(409)).body.code).toBe('INVALID_STATE');
    });
  });
});
