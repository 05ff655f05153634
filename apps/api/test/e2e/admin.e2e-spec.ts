import type request from 'supertest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

describe('admin: organisations and users', () => {
  let t: TestApp;
  let admin: TestUser;
  let buyerAdmin: TestUser;
  let supplierAdmin: TestUser;
  let buyer: { id: string; code: string };
  let supplier: { id: string; code: string };
  let n = 0;
  const code = (p = 'ORG') => `${p}-${Date.now().toString(36)}-${n++}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
    buyer = await t.createOrg('BUYER');
    supplier = await t.createOrg('SUPPLIER');
    buyerAdmin = await t.createUser(buyer.id, 'BUYER', ['BUYER_ADMIN']);
    supplierAdmin = await t.createUser(supplier.id, 'SUPPLIER', ['SUPPLIER_ADMIN']);
  });
  afterAll(() => t.close());

  describe('POST /admin/organizations', () => {
    it('creates a buyer and a supplier → 201 {id, code, name, type}', async () => {
      for (const type of ['BUYER', 'SUPPLIER'] as const) {
        const c = code(type);
        const res = await t.api('post', '/admin/organizations', admin).send({ code: c, name: `${type} one`, type }).expect(201);
        expect(res.body).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), code: c, name: `${type} one`, type }));
        const { rows } = await t.sql.query(`SELECT code, name, type FROM organizations WHERE id = $1`, [res.body.id]);
        expect(rows).toEqual([{ code: c, name: `${type} one`, type }]);
      }
    });

    it('trims code and name', async () => {
      const c = code();
      const res = await t.api('post', '/admin/organizations', admin).send({ code: `  ${c} `, name: '  Spaced  ', type: 'BUYER' }).expect(201);
      expect(res.body).toMatchObject({ code: c, name: 'Spaced' });
    });

    it('duplicate code → 409 DUPLICATE, nothing written', async () => {
      const before = await t.count('organizations');
      const res = await t.api('post', '/admin/organizations', admin).send({ code: buyer.code, name: 'again', type: 'BUYER' }).expect(409);
      expect(res.body).toMatchObject({ code: 'DUPLICATE', status: 409 });
      expect(await t.count('organizations')).toBe(before);
    });

    it.each([
      ['bad type', { code: 'OK-1', name: 'n', type: 'PLATFORM' }],
      ['lower-case type', { code: 'OK-2', name: 'n', type: 'buyer' }],
      ['missing type', { code: 'OK-3', name: 'n' }],
      ['bad code characters', { code: 'A B/C', name: 'n', type: 'BUYER' }],
      ['code starting with a dash', { code: '-ABC', name: 'n', type: 'BUYER' }],
      ['code too long', { code: 'A'.repeat(41), name: 'n', type: 'BUYER' }],
      ['empty name', { code: 'OK-4', name: '   ', type: 'BUYER' }],
      ['name not a string', { code: 'OK-5', name: 5, type: 'BUYER' }],
      ['unknown property', { code: 'OK-6', name: 'n', type: 'BUYER', id: '00000000-0000-0000-0000-000000000000' }],
    ])('%s → 400 VALIDATION_FAILED, nothing written', async (_name, body) => {
      const before = await t.count('organizations');
      const res = await t.api('post', '/admin/organizations', admin).send(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(await t.count('organizations')).toBe(before);
    });

    it('non-admins → 403 FORBIDDEN, no token → 401; nothing written', async () => {
      const before = await t.count('organizations');
      for (const u of [buyerAdmin, supplierAdmin]) {
        const res = await t.api('post', '/admin/organizations', u).send({ code: code(), name: 'n', type: 'BUYER' }).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const res = await t.api('post', '/admin/organizations').send({ code: code(), name: 'n', type: 'BUYER' }).expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
      expect(await t.count('organizations')).toBe(before);
    });

    it('a forged PLATFORM_ADMIN role claim on a buyer user is refused (signature)', async () => {
      const [h, , s] = buyerAdmin.token.split('.');
      const payload = JSON.parse(Buffer.from(buyerAdmin.token.split('.')[1] ?? '', 'base64url').toString());
      payload.roles = ['PLATFORM_ADMIN'];
      const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      await t.api('post', '/admin/organizations').set('Authorization', `Bearer ${forged}`).send({ code: code(), name: 'n', type: 'BUYER' }).expect(401);
    });
  });

  describe('GET /admin/organizations/:id', () => {
    it('returns one organisation', async () => {
      const res = await t.api('get', `/admin/organizations/${buyer.id}`, admin).expect(200);
      expect(res.body).toMatchObject({ id: buyer.id, code: buyer.code, type: 'BUYER' });
    });

    it('unknown id → 404 NOT_FOUND', async () => {
      const res = await t.api('get', '/admin/organizations/4b0c3a52-8a56-4d5e-9b8c-0123456789ab', admin).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });

    it('an id that is not a UUID → 400', async () => {
      const res = await t.api('get', '/admin/organizations/not-a-uuid', admin).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('non-admin → 403', async () => {
      await t.api('get', `/admin/organizations/${buyer.id}`, buyerAdmin).expect(403);
    });
  });

  describe('GET /admin/organizations (paging)', () => {
    const prefix = `PG${Date.now().toString(36).toUpperCase()}`;
    beforeAll(async () => {
      for (let i = 0; i < 7; i++) await t.createOrg(i % 2 ? 'SUPPLIER' : 'BUYER', `${prefix}-${i}`);
    });

    it('walks every page with limit and cursor, in code order, without gaps or repeats', async () => {
      const all = await t.api('get', `/admin/organizations?limit=500`, admin).expect(200);
      expect(all.body.nextCursor).toBeNull();
      const expected = (all.body.items as { code: string }[]).map((o) => o.code);
      expect(expected).toEqual([...expected].sort());
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await t.api('get', `/admin/organizations?limit=3${cursor ? `&cursor=${cursor}` : ''}`, admin).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...(res.body.items as { code: string }[]).map((o) => o.code));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 3));
    });

    it('filters by type and search, sorts by name desc', async () => {
      const res = await t.api('get', `/admin/organizations?type=SUPPLIER&search=${prefix}&sort=name&order=desc`, admin).expect(200);
      const codes = (res.body.items as { code: string; type: string }[]).map((o) => o.code);
      expect(codes).toEqual([`${prefix}-5`, `${prefix}-3`, `${prefix}-1`]);
      expect(res.body.items.every((o: { type: string }) => o.type === 'SUPPLIER')).toBe(true);
    });

    it('search treats % and _ literally', async () => {
      const res = await t.api('get', `/admin/organizations?search=${encodeURIComponent('%')}`, admin).expect(200);
      expect(res.body.items).toEqual([]);
    });

    it('defaults to 50 per page', async () => {
      for (let i = 0; i < 50; i++) await t.createOrg('BUYER', `${prefix}-MANY-${String(i).padStart(2, '0')}`);
      const res = await t.api('get', `/admin/organizations`, admin).expect(200);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.nextCursor).toEqual(expect.any(String));
    });

    it.each([
      ['limit=1000', 'limit=1000'],
      ['limit=0', 'limit=0'],
      ['limit=-1', 'limit=-1'],
      ['limit=abc', 'limit=abc'],
      ['limit=1.5', 'limit=1.5'],
      ['garbage cursor', 'cursor=abc'],
      ['cursor with bad characters', 'cursor=%24%24%24'],
      ['cursor of the wrong shape', `cursor=${cursorOf({ a: 1 })}`],
      ['cursor with a non-UUID id', `cursor=${cursorOf(['M', 'not-a-uuid'])}`],
      ['cursor with an object value', `cursor=${cursorOf([{}, '4b0c3a52-8a56-4d5e-9b8c-0123456789ab'])}`],
      ['unknown sort', 'sort=password_hash'],
      ['bad order', 'order=sideways'],
      ['bad type filter', 'type=ADMIN'],
      ['unknown query parameter', 'foo=bar'],
    ])('%s → 400 VALIDATION_FAILED', async (_name, qs) => {
      const res = await t.api('get', `/admin/organizations?${qs}`, admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('non-admins → 403', async () => {
      await t.api('get', '/admin/organizations', buyerAdmin).expect(403);
      await t.api('get', '/admin/organizations', supplierAdmin).expect(403);
      await t.api('get', '/admin/organizations').expect(401);
    });
  });

  describe('POST /admin/users', () => {
    const newUser = (over: Record<string, unknown> = {}) => ({
      email: `user.${n++}.${Date.now().toString(36)}@test.example`,
      password: 'a-long-password-1',
      orgId: buyer.id,
      roles: ['PLANNER'],
      ...over,
    });

    it('creates a user → 201 {id, email, orgId, roles}, never a password or hash; the user can log in', async () => {
      const body = newUser({ roles: ['PLANNER', 'WAREHOUSE'] });
      const res = await t.api('post', '/admin/users', admin).send(body).expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: body.email, orgId: buyer.id, roles: ['PLANNER', 'WAREHOUSE'] }),
      );
      expect(Object.keys(res.body).filter((k) => /pass|hash/i.test(k))).toEqual([]);
      expect(res.text).not.toContain(body.password);
      expect(res.text).not.toMatch(/scrypt/);
      const { rows } = await t.sql.query(`SELECT password_hash FROM users WHERE id = $1`, [res.body.id]);
      expect(rows[0].password_hash).toMatch(/^scrypt\$/);
      expect(rows[0].password_hash).not.toContain(body.password);
      const login = await t.api('post', '/auth/login').send({ email: body.email, password: body.password }).expect(200);
      expect(login.body.user).toMatchObject({ id: res.body.id, orgType: 'BUYER', roles: ['PLANNER', 'WAREHOUSE'] });
    });

    it('creates supplier users with supplier roles', async () => {
      const res = await t.api('post', '/admin/users', admin).send(newUser({ orgId: supplier.id, roles: ['SUPPLIER_USER'] })).expect(201);
      expect(res.body).toMatchObject({ orgId: supplier.id, roles: ['SUPPLIER_USER'] });
    });

    it.each([
      ['supplier role in a buyer', { roles: ['SUPPLIER_ADMIN'] }, 'buyer'],
      ['buyer role in a supplier', { roles: ['PLANNER'] }, 'supplier'],
      ['PLATFORM_ADMIN in a buyer', { roles: ['PLATFORM_ADMIN'] }, 'buyer'],
      ['PLATFORM_ADMIN in a supplier', { roles: ['SUPPLIER_ADMIN', 'PLATFORM_ADMIN'] }, 'supplier'],
    ])('roles that do not fit the organisation (%s) → 400, nothing written', async (_name, over, org) => {
      const before = await t.count('users');
      const res = await t
        .api('post', '/admin/users', admin)
        .send(newUser({ ...over, orgId: org === 'buyer' ? buyer.id : supplier.id }))
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'roles' })]));
      expect(await t.count('users')).toBe(before);
    });

    it('duplicate e-mail, whatever the case → 409 DUPLICATE', async () => {
      const body = newUser();
      await t.api('post', '/admin/users', admin).send(body).expect(201);
      const before = await t.count('users');
      for (const email of [body.email, body.email.toUpperCase(), ` ${body.email.replace('user', 'USER')} `]) {
        const res = await t.api('post', '/admin/users', admin).send(newUser({ email })).expect(409);
        expect(res.body.code).toBe('DUPLICATE');
      }
      expect(await t.count('users')).toBe(before);
    });

    it('unknown organisation → 400', async () => {
      const before = await t.count('users');
      const res = await t.api('post', '/admin/users', admin).send(newUser({ orgId: '4b0c3a52-8a56-4d5e-9b8c-0123456789ab' })).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'orgId' })]));
      expect(await t.count('users')).toBe(before);
    });

    it.each([
      ['short password', { password: 'short' }],
      ['password not a string', { password: 1234567890123 }],
      ['bad e-mail', { email: 'nope' }],
      ['orgId not a UUID', { orgId: 'abc' }],
      ['no roles', { roles: [] }],
      ['unknown role', { roles: ['ROOT'] }],
      ['repeated role', { roles: ['PLANNER', 'PLANNER'] }],
      ['roles not an array', { roles: 'PLANNER' }],
      ['unknown property', { passwordHash: 'scrypt$1$2$3$x$y' }],
    ])('%s → 400 VALIDATION_FAILED', async (_name, over) => {
      const before = await t.count('users');
      const res = await t.api('post', '/admin/users', admin).send(newUser(over)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await t.count('users')).toBe(before);
    });

    it('non-admins → 403 (a buyer admin cannot add users, even to its own org); no token → 401', async () => {
      const before = await t.count('users');
      await t.api('post', '/admin/users', buyerAdmin).send(newUser()).expect(403);
      await t.api('post', '/admin/users', supplierAdmin).send(newUser({ orgId: supplier.id, roles: ['SUPPLIER_USER'] })).expect(403);
      await t.api('post', '/admin/users').send(newUser()).expect(401);
      expect(await t.count('users')).toBe(before);
    });
  });

  describe('GET /admin/users (paging)', () => {
    let org: { id: string; code: string };
    beforeAll(async () => {
      org = await t.createOrg('BUYER');
      for (let i = 0; i < 5; i++) await t.createUser(org.id, 'BUYER', ['FINANCE'], `pg${i}.${org.code.toLowerCase()}@test.example`);
    });

    it('lists users of one organisation, paged by e-mail, never with a hash', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await t.api('get', `/admin/users?orgId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin).expect(200);
        for (const u of res.body.items) {
          expect(u).toEqual(expect.objectContaining({ id: expect.any(String), email: expect.any(String), orgId: org.id, roles: ['FINANCE'] }));
          expect(Object.keys(u).filter((k) => /pass|hash/i.test(k))).toEqual([]);
        }
        seen.push(...(res.body.items as { email: string }[]).map((u) => u.email));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `pg${i}.${org.code.toLowerCase()}@test.example`));
    });

    it('does not list the platform admin', async () => {
      const res = await t.api('get', '/admin/users?limit=500', admin).expect(200);
      expect((res.body.items as { id: string }[]).map((u) => u.id)).not.toContain(admin.id);
      expect(res.text).not.toMatch(/scrypt/);
    });

    it.each(['limit=1000', 'cursor=!!', `cursor=${cursorOf(['x', 'not-a-uuid'])}`, 'sort=nope', 'orgId=abc'])('%s → 400', async (qs) => {
      const res = await t.api('get', `/admin/users?${qs}`, admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('non-admins → 403', async () => {
      await t.api('get', '/admin/users', buyerAdmin).expect(403);
    });

    it('created users log in with their own password only', async () => {
      const [u] = (await t.api('get', `/admin/users?orgId=${org.id}&limit=1`, admin).expect(200)).body.items;
      await t.api('post', '/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    });
  });
});
