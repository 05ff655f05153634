import type request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';

/** A problem body without its per-request correlation id (the rest must replay verbatim). */
const stable = (body: Record<string, unknown>) => {
  const rest = { ...body };
  delete rest['correlationId'];
  return rest;
};

describe('Idempotency-Key', () => {
  let t: TestApp;
  let w: World;
  let otherPlanner: TestUser;
  let admin: TestUser;
  let admin2: TestUser;
  let n = 0;
  const key = (p = 'key') => `${p}-${Date.now().toString(36)}-${n++}`;
  const code = (p = 'IDEM') => `${p}-${Date.now().toString(36)}-${n++}`;
  const postLocation = (u: TestUser, k: string | null, body: Record<string, unknown>) => {
    const req = t.api('post', '/locations', u);
    if (k !== null) req.set('Idempotency-Key', k);
    return req.send(body);
  };
  const locationRows = async (tenantId: string, c: string) =>
    (await t.sql.query(`SELECT id FROM locations WHERE tenant_id = $1 AND code = $2`, [tenantId, c])).rows.length;
  const keyRows = async (k: string) => (await t.sql.query(`SELECT org_id FROM idempotency_keys WHERE key = $1`, [k])).rows.length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    const other = await t.createOrg('BUYER');
    otherPlanner = await t.createUser(other.id, 'BUYER', ['PLANNER']);
    admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
    admin2 = await t.createUser(null, null, ['PLATFORM_ADMIN']);
  });
  afterAll(() => t.close());

  describe('replays', () => {
    it('same key and body → same status and body, one row (POST /locations)', async () => {
      const k = key();
      const body = { code: code(), name: 'Replay site', type: 'VMI' };
      const first = await postLocation(w.users.planner, k, body).expect(201);
      const before = await t.count('locations');
      const second = await postLocation(w.users.planner, k, body);
      const third = await postLocation(w.users.planner, k, body);
      for (const r of [second, third]) {
        expect(r.status).toBe(201);
        expect(r.headers['content-type']).toMatch(/^application\/json/);
        expect(r.body).toEqual(first.body);
      }
      expect(await t.count('locations')).toBe(before);
      expect(await locationRows(w.buyer.id, body.code)).toBe(1);
      expect(await keyRows(k)).toBe(1);
      const { rows } = await t.sql.query(`SELECT status_code FROM idempotency_keys WHERE key = $1`, [k]);
      expect(rows[0].status_code).toBe(201);
    });

    it('the body is compared by meaning, not by key order or spacing', async () => {
      const k = key();
      const c = code();
      const first = await postLocation(w.users.planner, k, { code: c, name: 'Order', type: 'VMI' }).expect(201);
      const again = await t
        .api('post', '/locations', w.users.planner)
        .set('Idempotency-Key', k)
        .set('Content-Type', 'application/json')
        .send(`{ "type": "VMI",   "name": "Order", "code": "${c}" }`)
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(await locationRows(w.buyer.id, c)).toBe(1);
    });

    it('the key belongs to the organisation: another user of the same buyer replays it', async () => {
      const k = key();
      const body = { code: code(), name: 'Shared key', type: 'WAREHOUSE' };
      const first = await postLocation(w.users.planner, k, body).expect(201);
      const byAdmin = await postLocation(w.users.buyerAdmin, k, body).expect(201);
      expect(byAdmin.body).toEqual(first.body);
      expect(await locationRows(w.buyer.id, body.code)).toBe(1);
    });

    it('same key and body → same answer on POST /admin/organizations', async () => {
      const k = key();
      const body = { code: code('ORG'), name: 'Idempotent org', type: 'SUPPLIER' };
      const first = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send(body).expect(201);
      const before = await t.count('organizations');
      const second = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send(body).expect(201);
      expect(second.body).toEqual(first.body);
      expect(await t.count('organizations')).toBe(before);
    });

    it('without a key every POST is a new request', async () => {
      const body = { code: code(), name: 'No key', type: 'VMI' };
      await postLocation(w.users.planner, null, body).expect(201);
      const res = await postLocation(w.users.planner, null, body).expect(409);
      expect(res.body.code).toBe('DUPLICATE');
    });
  });

  describe('reuse with another request', () => {
    it('same key, different body → 422 IDEMPOTENCY_KEY_REUSED, nothing written, the first answer kept', async () => {
      const k = key();
      const body = { code: code(), name: 'First', type: 'VMI' };
      const first = await postLocation(w.users.planner, k, body).expect(201);
      const before = await t.count('locations');
      const res = await postLocation(w.users.planner, k, { ...body, name: 'Second' });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await t.count('locations')).toBe(before);
      // The 422 does not overwrite what the key means.
      const replay = await postLocation(w.users.planner, k, body).expect(201);
      expect(replay.body).toEqual(first.body);
    });

    it('same key on another endpoint → 422', async () => {
      const k = key();
      await postLocation(w.users.planner, k, { code: code(), name: 'n', type: 'VMI' }).expect(201);
      const before = await t.count('items');
      const res = await t.api('post', '/items', w.users.planner).set('Idempotency-Key', k).send({ code: code(), description: 'd', uom: 'PCS', decimals: 0 });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await t.count('items')).toBe(before);
    });

    it('same key, different body on POST /admin/organizations → 422', async () => {
      const k = key();
      const c = code('ORG');
      await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send({ code: c, name: 'A', type: 'BUYER' }).expect(201);
      const before = await t.count('organizations');
      const res = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send({ code: c, name: 'B', type: 'BUYER' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await t.count('organizations')).toBe(before);
    });
  });

  describe('refusals are answers too', () => {
    it('a 409 DUPLICATE replays as the same 409, even once the cause is gone', async () => {
      const c = code();
      await postLocation(w.users.planner, null, { code: c, name: 'Taken', type: 'VMI' }).expect(201);
      const k = key();
      const body = { code: c, name: 'Taken again', type: 'VMI' };
      const first = await postLocation(w.users.planner, k, body).expect(409);
      expect(first.body.code).toBe('DUPLICATE');
      // Remove the conflicting row: a replay must still answer what the key answered.
      await t.sql.query(`DELETE FROM locations WHERE tenant_id = $1 AND code = $2`, [w.buyer.id, c]);
      const replay = await postLocation(w.users.planner, k, body);
      expect(replay.status).toBe(409);
      expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stable(replay.body)).toEqual(stable(first.body));
      expect(replay.body.correlationId).toEqual(expect.any(String));
      expect(await locationRows(w.buyer.id, c)).toBe(0);
    });

    it('a 409 DUPLICATE on POST /admin/organizations replays as 409', async () => {
      const existing = await t.createOrg('BUYER');
      const k = key();
      const body = { code: existing.code, name: 'dup', type: 'BUYER' };
      const first = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send(body).expect(409);
      const replay = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send(body).expect(409);
      expect(stable(replay.body)).toEqual(stable(first.body));
    });

    it('a 400 VALIDATION_FAILED replays as the same 400', async () => {
      const k = key();
      const body = { code: 'bad code', name: 'n', type: 'VMI' };
      const first = await postLocation(w.users.planner, k, body).expect(400);
      const replay = await postLocation(w.users.planner, k, body).expect(400);
      expect(stable(replay.body)).toEqual(stable(first.body));
    });

    it('a 403 is not stored: the key stays free for an allowed caller of the same organisation', async () => {
      const k = key();
      const body = { code: code(), name: 'After 403', type: 'VMI' };
      await postLocation(w.users.warehouse, k, body).expect(403);
      expect(await keyRows(k)).toBe(0);
      await postLocation(w.users.planner, k, body).expect(201);
      expect(await locationRows(w.buyer.id, body.code)).toBe(1);
    });
  });

  describe('parallel twins', () => {
    /**
     * The rule (QUALITY.md): parallel duplicates with one key post once; every other answer is
     * the same result, or 409 IDEMPOTENCY_IN_PROGRESS while the first is still running.
     */
    const expectOneOutcome = (responses: request.Response[], status: number) => {
      const done = responses.filter((r) => r.status === status);
      const waiting = responses.filter((r) => r.status !== status);
      expect(done.length).toBeGreaterThanOrEqual(1);
      for (const r of waiting) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      }
      for (const r of done) expect(stable(r.body)).toEqual(stable(done[0]?.body));
    };

    it.each([1, 2, 3])('5 identical POST /locations at once with one key → one row, one answer (round %i)', async () => {
      const k = key('par');
      const body = { code: code('PAR'), name: 'Parallel', type: 'VMI' };
      const before = await t.count('locations');
      const responses = await Promise.all([0, 1, 2, 3, 4].map(() => postLocation(w.users.planner, k, body)));
      expectOneOutcome(responses, 201);
      expect(await t.count('locations')).toBe(before + 1);
      expect(await locationRows(w.buyer.id, body.code)).toBe(1);
      expect(await keyRows(k)).toBe(1);
    });

    it('5 identical POST /admin/organizations at once with one key → one row', async () => {
      const k = key('par');
      const body = { code: code('PORG'), name: 'Parallel org', type: 'BUYER' };
      const before = await t.count('organizations');
      const responses = await Promise.all([0, 1, 2, 3, 4].map(() => t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send(body)));
      expectOneOutcome(responses, 201);
      expect(await t.count('organizations')).toBe(before + 1);
    });

    it('5 identical failing requests at once with one key → all the same 409 DUPLICATE, nothing written', async () => {
      const c = code('PDUP');
      await postLocation(w.users.planner, null, { code: c, name: 'Taken', type: 'VMI' }).expect(201);
      const before = await t.count('locations');
      const k = key('par');
      const responses = await Promise.all([0, 1, 2, 3, 4].map(() => postLocation(w.users.planner, k, { code: c, name: 'again', type: 'VMI' })));
      for (const r of responses) {
        expect(r.status).toBe(409);
        expect(['DUPLICATE', 'IDEMPOTENCY_IN_PROGRESS']).toContain(r.body.code);
      }
      expect(responses.some((r) => r.body.code === 'DUPLICATE')).toBe(true);
      expect(await t.count('locations')).toBe(before);
    });

    it('5 requests with different keys for the same code → one 201, the rest 409 DUPLICATE (never 500)', async () => {
      const body = { code: code('RACE'), name: 'Race', type: 'VMI' };
      const responses = await Promise.all([0, 1, 2, 3, 4].map(() => postLocation(w.users.planner, key('race'), body)));
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of responses.filter((x) => x.status !== 201)) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('DUPLICATE');
      }
      expect(await locationRows(w.buyer.id, body.code)).toBe(1);
    });
  });

  describe('scope', () => {
    it('keys are per organisation: another buyer using the same key is independent', async () => {
      const k = key('shared');
      const c = code();
      const mine = await postLocation(w.users.planner, k, { code: c, name: 'Mine', type: 'VMI' }).expect(201);
      // Same key, same body, another tenant: its own new location, not a replay of ours.
      const theirs = await postLocation(otherPlanner, k, { code: c, name: 'Mine', type: 'VMI' }).expect(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      // Same key, another body, another tenant: not a reuse either.
      const k2 = key('shared');
      await postLocation(w.users.planner, k2, { code: code(), name: 'x', type: 'VMI' }).expect(201);
      await postLocation(otherPlanner, k2, { code: code(), name: 'y', type: 'WAREHOUSE' }).expect(201);
      expect(await keyRows(k)).toBe(2);
    });

    it('platform admins each have their own keys', async () => {
      const k = key('admins');
      const a = await t.api('post', '/admin/organizations', admin).set('Idempotency-Key', k).send({ code: code('A1'), name: 'a', type: 'BUYER' }).expect(201);
      const b = await t.api('post', '/admin/organizations', admin2).set('Idempotency-Key', k).send({ code: code('A2'), name: 'b', type: 'BUYER' }).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('a key older than 24 hours is taken as new', async () => {
      const k = key('old');
      await postLocation(w.users.planner, k, { code: code(), name: 'old', type: 'VMI' }).expect(201);
      await t.sql.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [k]);
      const fresh = { code: code(), name: 'new', type: 'VMI' };
      await postLocation(w.users.planner, k, fresh).expect(201);
      expect(await locationRows(w.buyer.id, fresh.code)).toBe(1);
      // And the new meaning of the key is now the one replayed.
      const replay = await postLocation(w.users.planner, k, fresh).expect(201);
      expect(replay.body.code).toBe(fresh.code);
    });
  });

  describe('invalid keys → 400, nothing written', () => {
    it.each([
      ['too long (201 characters)', 'k'.repeat(201)],
      ['non-ASCII', 'clé-1'],
      ['with a space', 'a key'],
      ['with a tab', 'a\tkey'],
      ['empty', ''],
    ])('%s', async (_name, k) => {
      const before = await Promise.all([t.count('locations'), t.count('idempotency_keys')]);
      const res = await postLocation(w.users.planner, k, { code: code(), name: 'n', type: 'VMI' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await Promise.all([t.count('locations'), t.count('idempotency_keys')])).toEqual(before);
    });

    it('200 printable ASCII characters are fine', async () => {
      await postLocation(w.users.planner, `${'k'.repeat(190)}!~#$%^&*()`, { code: code(), name: 'n', type: 'VMI' }).expect(201);
    });
  });
});
