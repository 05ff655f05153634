import type request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NO_SUCH_ID = '4b0c3a52-8a56-4d5e-9b8c-0123456789ab';

type Method = 'get' | 'post' | 'put';

describe('buyer master data', () => {
  let t: TestApp;
  let w: World;
  /** A second buyer tenant with its own site, item and a supplier linked only to it. */
  let other: { buyer: { id: string; code: string }; planner: TestUser; supplier: { id: string; code: string }; supplierUser: TestUser };
  /** A supplier linked to nobody. */
  let loose: { id: string; code: string };
  let admin: TestUser;

  /** Writes nothing: the row counts of every master-data table stay the same around `fn`. */
  const nothingWritten = async (fn: () => Promise<unknown>) => {
    const tables = ['organizations', 'locations', 'items', 'supplier_agreements', 'price_list_entries', 'stock_policies'];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    await fn();
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
  };
  const codes = (body: { items: { code: string }[] }) => body.items.map((x) => x.code);
  /** Follows nextCursor to the end and returns every item. */
  const walk = async <T>(path: string, user: TestUser, limit: number): Promise<{ items: T[]; pages: number }> => {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: request.Response = await t.api('get', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, user).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { items, pages };
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    const buyer = await t.createOrg('BUYER');
    const supplier = await t.createOrg('SUPPLIER');
    await t.sql.query(`INSERT INTO locations (tenant_id, code, name, type) VALUES ($1, 'B-SITE', 'other site', 'VMI')`, [buyer.id]);
    await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, 'B-ITEM', 'other item', 'PCS', 0)`, [buyer.id]);
    await t.sql.query(
      `INSERT INTO supplier_agreements (tenant_id, supplier_org_id, currency, receipt_tolerance_pct, payment_terms_days) VALUES ($1, $2, 'USD', 0, 10)`,
      [buyer.id, supplier.id],
    );
    other = {
      buyer,
      planner: await t.createUser(buyer.id, 'BUYER', ['PLANNER']),
      supplier,
      supplierUser: await t.createUser(supplier.id, 'SUPPLIER', ['SUPPLIER_ADMIN']),
    };
    loose = await t.createOrg('SUPPLIER');
    admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
  });
  afterAll(() => t.close());

  describe('roles', () => {
    const writes: [Method, string, () => Record<string, unknown>][] = [
      ['post', '/locations', () => ({ code: 'ROLE-LOC', name: 'n', type: 'VMI' })],
      ['post', '/items', () => ({ code: 'ROLE-ITEM', description: 'd', uom: 'PCS', decimals: 0 })],
      ['post', '/suppliers', () => ({ supplierOrgId: loose.id, currency: 'EUR', receiptTolerancePct: '1', paymentTermsDays: 30 })],
      ['put', `/suppliers/{s1}/items/BOLT`, () => ({ supplierSku: 'ROLE-SKU', unitPrice: '1', leadTimeDays: 1 })],
      ['put', '/stock-policies', () => ({ locationCode: 'VMI-1', itemCode: 'BOLT', minQty: '1', maxQty: '2' })],
    ];
    const path = (p: string) => p.replace('{s1}', w.suppliers[0].id);

    it.each(writes)('%s %s: WAREHOUSE, FINANCE, suppliers and the platform admin → 403, nothing written', async (method, p, body) => {
      await nothingWritten(async () => {
        for (const u of [w.users.warehouse, w.users.finance, w.users.supplierAdmin, w.users.supplierUser, admin]) {
          const res = await t.api(method, path(p), u).send(body());
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
        const anon = await t.api(method, path(p)).send(body());
        expect(anon.status).toBe(401);
      });
    });

    it.each(['/locations', '/items', '/suppliers', '/stock-policies', '/suppliers/{s1}', '/suppliers/{s1}/items'])(
      'GET %s: every buyer role reads; suppliers and the platform admin → 403; no token → 401',
      async (p) => {
        for (const u of [w.users.buyerAdmin, w.users.planner, w.users.warehouse, w.users.finance]) {
          await t.api('get', path(p), u).expect(200);
        }
        for (const u of [w.users.supplierAdmin, w.users.supplierUser, admin]) {
          const res = await t.api('get', path(p), u).expect(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
        await t.api('get', path(p)).expect(401);
      },
    );

    it('GET /buyers is for suppliers only', async () => {
      for (const u of [w.users.planner, w.users.buyerAdmin, admin]) await t.api('get', '/buyers', u).expect(403);
      await t.api('get', '/buyers').expect(401);
    });

    it('GET /suppliers/candidates needs the write permission', async () => {
      await t.api('get', '/suppliers/candidates', w.users.planner).expect(200);
      await t.api('get', '/suppliers/candidates', w.users.warehouse).expect(403);
      await t.api('get', '/suppliers/candidates', w.users.supplierAdmin).expect(403);
    });

    it('a token claiming BUYER but carrying no organisation cannot reach tenant data', async () => {
      const token = t.tokenFor({ id: w.users.planner.id, email: w.users.planner.email, orgId: null, orgType: 'BUYER', roles: ['PLANNER'] });
      const res = await t.api('get', '/locations').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
    });
  });

  describe('locations', () => {
    it('POST → 201 {id, code, name, type} (planner and buyer admin)', async () => {
      const a = await t.api('post', '/locations', w.users.planner).send({ code: 'VMI-SH01', name: 'Shanghai line-side', type: 'VMI' }).expect(201);
      expect(a.body).toEqual({ id: expect.stringMatching(UUID), code: 'VMI-SH01', name: 'Shanghai line-side', type: 'VMI' });
      const b = await t.api('post', '/locations', w.users.buyerAdmin).send({ code: 'WH.2_b', name: 'Second warehouse', type: 'WAREHOUSE' }).expect(201);
      expect(b.body).toMatchObject({ code: 'WH.2_b', type: 'WAREHOUSE' });
      const { rows } = await t.sql.query(`SELECT tenant_id FROM locations WHERE id = $1`, [a.body.id]);
      expect(rows[0].tenant_id).toBe(w.buyer.id);
    });

    it.each([
      ['bad code characters', { code: 'VMI 1', name: 'n', type: 'VMI' }],
      ['code with a slash', { code: 'A/B', name: 'n', type: 'VMI' }],
      ['code with non-ASCII', { code: 'VMI-仓库', name: 'n', type: 'VMI' }],
      ['code too long', { code: 'L'.repeat(41), name: 'n', type: 'VMI' }],
      ['empty code', { code: '', name: 'n', type: 'VMI' }],
      ['unknown type', { code: 'L-1', name: 'n', type: 'SUPPLIER' }],
      ['virtual location type', { code: 'L-2', name: 'n', type: 'IN_TRANSIT' }],
      ['missing name', { code: 'L-3', type: 'VMI' }],
      ['name too long', { code: 'L-4', name: 'x'.repeat(201), type: 'VMI' }],
      ['unknown property', { code: 'L-5', name: 'n', type: 'VMI', tenantId: NO_SUCH_ID }],
    ])('%s → 400 VALIDATION_FAILED, nothing written', async (_name, body) => {
      await nothingWritten(async () => {
        const res = await t.api('post', '/locations', w.users.planner).send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.length).toBeGreaterThan(0);
      });
    });

    it('the tenant comes from the token, never from the body', async () => {
      await nothingWritten(async () => {
        await t.api('post', '/locations', w.users.planner).send({ code: 'SNEAK', name: 'n', type: 'VMI', tenantId: other.buyer.id }).expect(400);
      });
    });

    it('duplicate code in the tenant → 409 DUPLICATE; the same code in another tenant is fine', async () => {
      await nothingWritten(async () => {
        const res = await t.api('post', '/locations', w.users.planner).send({ code: 'VMI-1', name: 'again', type: 'VMI' }).expect(409);
        expect(res.body.code).toBe('DUPLICATE');
      });
      await t.api('post', '/locations', other.planner).send({ code: 'VMI-1', name: 'theirs', type: 'VMI' }).expect(201);
    });

    it('GET lists only the caller tenant\'s locations', async () => {
      const mine = await t.api('get', '/locations?limit=500', w.users.warehouse).expect(200);
      expect(codes(mine.body)).toEqual(expect.arrayContaining(['VMI-1', 'VMI-2', 'WH-1']));
      expect(codes(mine.body)).not.toContain('B-SITE');
      const theirs = await t.api('get', '/locations?limit=500', other.planner).expect(200);
      expect(codes(theirs.body).sort()).toEqual(['B-SITE', 'VMI-1']);
      const mineIds = new Set((mine.body.items as { id: string }[]).map((l) => l.id));
      expect((theirs.body.items as { id: string }[]).some((l) => mineIds.has(l.id))).toBe(false);
    });

    it('pages with limit and cursor, sorts by code/name/type, asc/desc', async () => {
      for (const c of ['P-01', 'P-02', 'P-03', 'P-04', 'P-05']) {
        await t.api('post', '/locations', w.users.planner).send({ code: c, name: `zz ${c}`, type: 'WAREHOUSE' }).expect(201);
      }
      const all = (await t.api('get', '/locations?limit=500', w.users.planner).expect(200)).body;
      const { items, pages } = await walk<{ code: string }>('/locations', w.users.planner, 2);
      expect(items.map((l) => l.code)).toEqual(codes(all));
      expect(codes(all)).toEqual([...codes(all)].sort());
      expect(pages).toBe(Math.ceil(all.items.length / 2));

      const desc = await walk<{ code: string }>('/locations?sort=code&order=desc', w.users.planner, 3);
      expect(desc.items.map((l) => l.code)).toEqual([...codes(all)].reverse());

      const byName = await walk<{ name: string }>('/locations?sort=name', w.users.planner, 2);
      const names = byName.items.map((l) => l.name);
      expect(names).toEqual([...names].sort());

      const byType = await walk<{ type: string; code: string }>('/locations?sort=type&order=DESC', w.users.planner, 4);
      expect(byType.items.map((l) => l.type)).toEqual([...byType.items.map((l) => l.type)].sort().reverse());
      expect(byType.items).toHaveLength(all.items.length);
    });

    it.each(['sort=tenant_id', 'sort=code;drop', 'order=up', 'limit=1000', 'limit=0', 'cursor=%3D%3D', 'cursor=eyJ4IjoxfQ', 'bogus=1'])(
      'GET ?%s → 400',
      async (qs) => {
        const res = await t.api('get', `/locations?${qs}`, w.users.planner);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      },
    );
  });

  describe('items', () => {
    it('POST → 201 {id, code, description, uom, decimals}', async () => {
      const res = await t.api('post', '/items', w.users.planner).send({ code: 'NUT-M8', description: 'Hex nut M8, zinc', uom: 'PCS', decimals: 0 }).expect(201);
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), code: 'NUT-M8', description: 'Hex nut M8, zinc', uom: 'PCS', decimals: 0 });
      await t.api('post', '/items', w.users.buyerAdmin).send({ code: 'OIL-5', description: 'Cutting oil', uom: 'L', decimals: 6 }).expect(201);
    });

    it.each([
      ['decimals 7', { decimals: 7 }],
      ['decimals -1', { decimals: -1 }],
      ['decimals 2.5', { decimals: 2.5 }],
      ['decimals as a string', { decimals: '3' }],
      ['missing decimals', { decimals: undefined }],
      ['bad code characters', { code: 'NUT M8' }],
      ['code with a quote', { code: "NUT'M8" }],
      ['bad uom', { uom: 'pieces of it' }],
      ['empty description', { description: '' }],
      ['description too long', { description: 'd'.repeat(501) }],
      ['unknown property', { price: '1.00' }],
    ])('%s → 400 VALIDATION_FAILED, nothing written', async (_name, over) => {
      await nothingWritten(async () => {
        const body = { code: 'ITEM-X', description: 'x', uom: 'PCS', decimals: 2, ...over };
        const res = await t.api('post', '/items', w.users.planner).send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      });
    });

    it('duplicate code → 409 DUPLICATE; another tenant may use it', async () => {
      await nothingWritten(async () => {
        const res = await t.api('post', '/items', w.users.planner).send({ code: 'BOLT', description: 'again', uom: 'PCS', decimals: 0 }).expect(409);
        expect(res.body.code).toBe('DUPLICATE');
      });
      await t.api('post', '/items', other.planner).send({ code: 'BOLT', description: 'their bolt', uom: 'PCS', decimals: 0 }).expect(201);
    });

    it('GET ?search= matches code and description, case-insensitively, within the tenant', async () => {
      await t.api('post', '/items', w.users.planner).send({ code: 'WASHER-8', description: 'Spring washer for BOLT', uom: 'PCS', decimals: 0 }).expect(201);
      const bySearch = async (s: string, u: TestUser = w.users.planner) =>
        codes((await t.api('get', `/items?search=${encodeURIComponent(s)}`, u).expect(200)).body);
      expect(await bySearch('bolt')).toEqual(['BOLT', 'WASHER-8']);
      expect(await bySearch('SPRING')).toEqual(['WASHER-8']);
      expect(await bySearch('grease')).toEqual(['GREASE']);
      expect(await bySearch('%')).toEqual([]);
      expect(await bySearch('_')).toEqual([]);
      expect(await bySearch('no-such-thing')).toEqual([]);
      // The other tenant's BOLT is theirs, and B-ITEM is never visible here.
      expect(await bySearch('item')).not.toContain('B-ITEM');
      expect(await bySearch('bolt', other.planner)).toEqual(['BOLT']);
      const theirs = (await t.api('get', '/items?search=bolt', other.planner).expect(200)).body.items[0];
      const mine = (await t.api('get', '/items?search=bolt', w.users.planner).expect(200)).body.items[0];
      expect(theirs.id).not.toBe(mine.id);
      expect(theirs.description).toBe('their bolt');
    });

    it('GET pages, sorts by description and uom', async () => {
      const all = (await t.api('get', '/items?limit=500', w.users.finance).expect(200)).body;
      expect(codes(all)).not.toContain('B-ITEM');
      const paged = await walk<{ code: string }>('/items', w.users.finance, 2);
      expect(paged.items.map((i) => i.code)).toEqual(codes(all));
      const byDesc = await walk<{ description: string }>('/items?sort=description&order=desc', w.users.finance, 2);
      const d = byDesc.items.map((i) => i.description);
      expect(d).toEqual([...d].sort().reverse());
      const byUom = await walk<{ uom: string }>('/items?sort=uom', w.users.finance, 3);
      const u = byUom.items.map((i) => i.uom);
      expect(u).toEqual([...u].sort());
    });

    it.each(['sort=price', 'limit=501', `search=${'s'.repeat(101)}`])('GET ?%s → 400', async (qs) => {
      expect((await t.api('get', `/items?${qs}`, w.users.planner)).status).toBe(400);
    });
  });

  describe('suppliers (agreements)', () => {
    it('POST links a supplier → 201 agreement', async () => {
      const res = await t
        .api('post', '/suppliers', w.users.planner)
        .send({ supplierOrgId: loose.id, currency: 'USD', receiptTolerancePct: 2.5, paymentTermsDays: 45 })
        .expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(UUID),
          supplierOrgId: loose.id,
          buyerOrgId: w.buyer.id,
          supplierCode: loose.code,
          currency: 'USD',
          paymentTermsDays: 45,
        }),
      );
      expect(typeof res.body.receiptTolerancePct).toBe('string');
      expect(res.body.receiptTolerancePct).toMatch(/^2\.50*$/);
    });

    it('linking the same supplier again → 409 DUPLICATE', async () => {
      await nothingWritten(async () => {
        const res = await t
          .api('post', '/suppliers', w.users.planner)
          .send({ supplierOrgId: w.suppliers[0].id, currency: 'EUR', receiptTolerancePct: '5', paymentTermsDays: 30 })
          .expect(409);
        expect(res.body.code).toBe('DUPLICATE');
      });
    });

    it.each([
      ['a buyer organisation', () => ({ supplierOrgId: other.buyer.id })],
      ['an unknown organisation', () => ({ supplierOrgId: NO_SUCH_ID })],
      ['not a UUID', () => ({ supplierOrgId: 'S1' })],
      ['lower-case currency', () => ({ currency: 'eur' })],
      ['4-letter currency', () => ({ currency: 'EURO' })],
      ['tolerance over 100 %', () => ({ receiptTolerancePct: '150' })],
      ['negative tolerance', () => ({ receiptTolerancePct: '-1' })],
      ['tolerance with 5 decimals', () => ({ receiptTolerancePct: '1.00001' })],
      ['tolerance in exponent form', () => ({ receiptTolerancePct: '1e1' })],
      ['negative payment terms', () => ({ paymentTermsDays: -1 })],
      ['payment terms over a year', () => ({ paymentTermsDays: 366 })],
      ['fractional payment terms', () => ({ paymentTermsDays: 1.5 })],
      ['unknown property', () => ({ tenantId: other.buyer.id })],
    ])('%s → 400, nothing written', async (_name, over) => {
      const fresh = await t.createOrg('SUPPLIER');
      await nothingWritten(async () => {
        const body = { supplierOrgId: fresh.id, currency: 'EUR', receiptTolerancePct: '5', paymentTermsDays: 30, ...over() };
        const res = await t.api('post', '/suppliers', w.users.planner).send(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      });
    });

    it('GET lists the linked suppliers only; another buyer sees only its own', async () => {
      const mine = await t.api('get', '/suppliers?limit=500', w.users.warehouse).expect(200);
      const ids = (mine.body.items as { supplierOrgId: string }[]).map((a) => a.supplierOrgId);
      expect(ids).toEqual(expect.arrayContaining([w.suppliers[0].id, w.suppliers[1].id]));
      expect(ids).not.toContain(other.supplier.id);
      for (const a of mine.body.items) expect(a.buyerOrgId).toBe(w.buyer.id);
      const theirs = await t.api('get', '/suppliers', other.planner).expect(200);
      expect((theirs.body.items as { supplierOrgId: string }[]).map((a) => a.supplierOrgId)).toEqual([other.supplier.id]);
    });

    it('GET pages and sorts (code, name, createdAt)', async () => {
      const all = (await t.api('get', '/suppliers?limit=500&sort=code', w.users.planner).expect(200)).body.items as { supplierCode: string }[];
      const paged = await walk<{ supplierCode: string }>('/suppliers?sort=code', w.users.planner, 1);
      expect(paged.items.map((a) => a.supplierCode)).toEqual(all.map((a) => a.supplierCode));
      expect(paged.pages).toBe(all.length);
      const byCreated = await walk<{ createdAt: string }>('/suppliers?sort=createdAt&order=desc', w.users.planner, 1);
      const c = byCreated.items.map((a) => a.createdAt);
      expect(c).toEqual([...c].sort().reverse());
      expect((await t.api('get', '/suppliers?sort=currency', w.users.planner)).status).toBe(400);
    });

    it('GET /suppliers/:id → the agreement; another buyer\'s supplier or an unknown id → 404', async () => {
      const res = await t.api('get', `/suppliers/${w.suppliers[0].id}`, w.users.finance).expect(200);
      expect(res.body).toMatchObject({ supplierOrgId: w.suppliers[0].id, buyerOrgId: w.buyer.id, currency: 'EUR', paymentTermsDays: 30 });
      for (const id of [other.supplier.id, NO_SUCH_ID, other.buyer.id]) {
        const r = await t.api('get', `/suppliers/${id}`, w.users.planner).expect(404);
        expect(r.body.code).toBe('NOT_FOUND');
      }
      await t.api('get', `/suppliers/${w.suppliers[0].id}`, other.planner).expect(404);
      await t.api('get', '/suppliers/not-a-uuid', w.users.planner).expect(400);
    });

    it('GET /suppliers/candidates lists unlinked supplier organisations only', async () => {
      const extra = await t.createOrg('SUPPLIER', `CAND-${Date.now().toString(36)}`);
      const res = await t.api('get', '/suppliers/candidates?limit=500', w.users.planner).expect(200);
      const ids = (res.body.items as { id: string; type: string }[]).map((o) => o.id);
      expect(ids).toContain(extra.id);
      expect(ids).toContain(other.supplier.id);
      expect(ids).not.toContain(w.suppliers[0].id);
      expect(ids).not.toContain(other.buyer.id);
      const search = await t.api('get', `/suppliers/candidates?search=${extra.code.toLowerCase()}`, w.users.planner).expect(200);
      expect((search.body.items as { id: string }[]).map((o) => o.id)).toEqual([extra.id]);
    });
  });

  describe('price lists', () => {
    let itemCode: string;
    const s1 = () => w.suppliers[0].id;
    const history = async (code: string, supplier = s1()) =>
      (await t.api('get', `/suppliers/${supplier}/items?history=true&itemCode=${code}&sort=validFrom`, w.users.planner).expect(200)).body
        .items as { id: string; unitPrice: string; validFrom: string; validTo: string | null; supplierSku: string }[];

    beforeAll(async () => {
      itemCode = 'PRICED-1';
      await t.api('post', '/items', w.users.planner).send({ code: itemCode, description: 'priced item', uom: 'PCS', decimals: 0 }).expect(201);
    });

    it('PUT sets the price → 200 entry with decimal strings and the agreement currency', async () => {
      const res = await t.api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.planner).send({ supplierSku: 'S1-P1', unitPrice: '1.00', leadTimeDays: 7 }).expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(UUID),
          supplierOrgId: s1(),
          itemCode,
          supplierSku: 'S1-P1',
          currency: 'EUR',
          leadTimeDays: 7,
          validTo: null,
        }),
      );
      expect(res.body.unitPrice).toBe('1.000000');
      expect(new Date(res.body.validFrom).toISOString()).toBe(res.body.validFrom);
      expect(await history(itemCode)).toHaveLength(1);
    });

    it('a changed price closes the previous entry exactly where the new one starts', async () => {
      const second = await t
        .api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.buyerAdmin)
        .send({ supplierSku: 'S1-P1', unitPrice: 1.25, leadTimeDays: 7 })
        .expect(200);
      expect(second.body.unitPrice).toBe('1.250000');
      const h = await history(itemCode);
      expect(h).toHaveLength(2);
      const [first, latest] = h as [(typeof h)[0], (typeof h)[0]];
      expect(first.unitPrice).toBe('1.000000');
      expect(first.validTo).toBe(latest.validFrom);
      expect(latest.id).toBe(second.body.id);
      expect(latest.validTo).toBeNull();
      expect(Date.parse(latest.validFrom)).toBeGreaterThanOrEqual(Date.parse(first.validFrom));
      // Without history only the current entry is listed.
      const current = await t.api('get', `/suppliers/${s1()}/items?itemCode=${itemCode}`, w.users.planner).expect(200);
      expect(current.body.items.map((e: { id: string }) => e.id)).toEqual([second.body.id]);
    });

    it('the same values again (1.25 == "1.250") create no new entry', async () => {
      const before = await t.count('price_list_entries');
      const current = (await history(itemCode)).find((e) => e.validTo === null);
      const res = await t.api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.planner).send({ supplierSku: 'S1-P1', unitPrice: '1.250', leadTimeDays: 7 }).expect(200);
      expect(res.body.id).toBe(current?.id);
      expect(await t.count('price_list_entries')).toBe(before);
    });

    it('a changed lead time or SKU alone is a new entry too', async () => {
      const before = await t.count('price_list_entries');
      await t.api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.planner).send({ supplierSku: 'S1-P1', unitPrice: '1.25', leadTimeDays: 9 }).expect(200);
      await t.api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.planner).send({ supplierSku: 'S1-P1-B', unitPrice: '1.25', leadTimeDays: 9 }).expect(200);
      expect(await t.count('price_list_entries')).toBe(before + 2);
      const h = await history(itemCode);
      expect(h.filter((e) => e.validTo === null)).toHaveLength(1);
      for (let i = 1; i < h.length; i++) expect(h[i - 1]?.validTo).toBe(h[i]?.validFrom);
    });

    it('the same supplier SKU on another item → 409 DUPLICATE, nothing written', async () => {
      await nothingWritten(async () => {
        const res = await t.api('put', `/suppliers/${s1()}/items/CABLE`, w.users.planner).send({ supplierSku: 'S1-BOLT', unitPrice: '2', leadTimeDays: 3 }).expect(409);
        expect(res.body.code).toBe('DUPLICATE');
      });
      // Another supplier may use the same SKU text.
      await t.api('put', `/suppliers/${w.suppliers[1].id}/items/GREASE`, w.users.planner).send({ supplierSku: 'S1-BOLT', unitPrice: '2', leadTimeDays: 3 }).expect(200);
    });

    it.each([
      ['7 decimals', { unitPrice: '1.0000001' }],
      ['negative', { unitPrice: '-1' }],
      ['exponent form', { unitPrice: '1e3' }],
      ['comma decimal', { unitPrice: '1,5' }],
      ['not a number', { unitPrice: 'cheap' }],
      ['null price', { unitPrice: null }],
      ['negative lead time', { leadTimeDays: -1 }],
      ['fractional lead time', { leadTimeDays: 0.5 }],
      ['empty SKU', { supplierSku: '   ' }],
      ['SKU too long', { supplierSku: 'K'.repeat(65) }],
      ['unknown property', { currency: 'USD' }],
    ])('%s → 400 VALIDATION_FAILED, nothing written', async (_name, over) => {
      await nothingWritten(async () => {
        const body = { supplierSku: 'S1-P1-B', unitPrice: '3', leadTimeDays: 1, ...over };
        const res = await t.api('put', `/suppliers/${s1()}/items/${itemCode}`, w.users.planner).send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      });
    });

    it('another tenant\'s supplier, an unlinked supplier, an unknown or foreign item → 404, nothing written', async () => {
      const body = { supplierSku: 'X-1', unitPrice: '1', leadTimeDays: 1 };
      const unlinked = await t.createOrg('SUPPLIER');
      await nothingWritten(async () => {
        for (const p of [
          `/suppliers/${other.supplier.id}/items/BOLT`,
          `/suppliers/${unlinked.id}/items/BOLT`,
          `/suppliers/${NO_SUCH_ID}/items/BOLT`,
          `/suppliers/${s1()}/items/NO-SUCH-ITEM`,
          `/suppliers/${s1()}/items/B-ITEM`,
        ]) {
          const res = await t.api('put', p, w.users.planner).send(body);
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('NOT_FOUND');
        }
        // The other buyer cannot price our supplier either.
        await t.api('put', `/suppliers/${s1()}/items/BOLT`, other.planner).send(body).expect(404);
      });
    });

    it('GET prices of another tenant\'s supplier → 404', async () => {
      await t.api('get', `/suppliers/${other.supplier.id}/items`, w.users.planner).expect(404);
      await t.api('get', `/suppliers/${s1()}/items`, other.planner).expect(404);
    });

    it('parallel price changes leave exactly one current entry and a gap-free history', async () => {
      const code = 'PRICED-PAR';
      await t.api('post', '/items', w.users.planner).send({ code, description: 'parallel', uom: 'PCS', decimals: 0 }).expect(201);
      const results = await Promise.all(
        ['1', '2', '3', '4'].map((p) => t.api('put', `/suppliers/${s1()}/items/${code}`, w.users.planner).send({ supplierSku: 'S1-PAR', unitPrice: p, leadTimeDays: 1 })),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const h = await history(code);
      expect(h).toHaveLength(4);
      expect(h.filter((e) => e.validTo === null)).toHaveLength(1);
      for (let i = 1; i < h.length; i++) expect(h[i - 1]?.validTo).toBe(h[i]?.validFrom);
    });

    it('GET pages the price list', async () => {
      const all = (await t.api('get', `/suppliers/${s1()}/items?history=true&limit=500`, w.users.planner).expect(200)).body.items as { id: string }[];
      const paged = await walk<{ id: string }>(`/suppliers/${s1()}/items?history=true`, w.users.planner, 2);
      expect(paged.items.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      expect((await t.api('get', `/suppliers/${s1()}/items?history=maybe`, w.users.planner)).status).toBe(400);
    });
  });

  describe('stock policies', () => {
    const put = (body: Record<string, unknown>, u: TestUser = w.users.planner) => t.api('put', '/stock-policies', u).send(body);

    it('PUT creates a policy with default thresholds → 200', async () => {
      const res = await put({ locationCode: 'VMI-1', itemCode: 'BOLT', minQty: '10', maxQty: 50 }).expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(UUID),
          locationCode: 'VMI-1',
          itemCode: 'BOLT',
          autoCallOff: false,
          preferredSupplierOrgId: null,
        }),
      );
      expect(res.body.minQty).toMatch(/^10(\.0+)?$/);
      expect(res.body.maxQty).toMatch(/^50(\.0+)?$/);
      expect([res.body.yellowPct, res.body.orangePct, res.body.redPct].map((s: string) => s.replace(/\.0+$/, ''))).toEqual(['10', '20', '30']);
    });

    it('PUT again replaces the policy (upsert, same id, one row)', async () => {
      const first = await put({
        locationCode: 'VMI-2',
        itemCode: 'CABLE',
        minQty: '5.5',
        maxQty: '20',
        yellowPct: 5,
        orangePct: '15',
        redPct: '25',
        autoCallOff: true,
        preferredSupplierOrgId: w.suppliers[0].id,
      }).expect(200);
      expect(first.body).toMatchObject({ autoCallOff: true, preferredSupplierOrgId: w.suppliers[0].id });
      const before = await t.count('stock_policies');
      const second = await put({ locationCode: 'VMI-2', itemCode: 'CABLE', minQty: '8', maxQty: '30' }, w.users.buyerAdmin).expect(200);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body).toMatchObject({ autoCallOff: false, preferredSupplierOrgId: null });
      expect(second.body.minQty).toMatch(/^8(\.0+)?$/);
      expect(second.body.yellowPct).toMatch(/^10(\.0+)?$/);
      expect(await t.count('stock_policies')).toBe(before);
      const list = await t.api('get', '/stock-policies?locationCode=VMI-2&itemCode=CABLE', w.users.warehouse).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0].maxQty).toMatch(/^30(\.0+)?$/);
    });

    it('min = max and min = 0 are allowed; equal thresholds too', async () => {
      await put({ locationCode: 'VMI-1', itemCode: 'GREASE', minQty: '0', maxQty: '0' }).expect(200);
      await put({ locationCode: 'VMI-1', itemCode: 'GREASE', minQty: '3.5', maxQty: '3.5', yellowPct: '20', orangePct: '20', redPct: '20' }).expect(200);
    });

    it.each([
      ['min > max', { minQty: '51', maxQty: '50' }],
      ['yellow > orange', { yellowPct: '25', orangePct: '20' }],
      ['orange > red', { orangePct: '40', redPct: '30' }],
      ['yellow > default orange', { yellowPct: '21' }],
      ['red over 100', { yellowPct: '10', orangePct: '20', redPct: '101' }],
      ['negative min', { minQty: '-1' }],
      ['7 decimals', { minQty: '1.0000001' }],
      ['more decimals than the item allows (BOLT has 0)', { minQty: '1.5' }],
      ['exponent form', { maxQty: '1e2' }],
      ['unknown location', { locationCode: 'NOPE' }],
      ['another tenant\'s location', { locationCode: 'B-SITE' }],
      ['unknown item', { itemCode: 'NOPE' }],
      ['another tenant\'s item', { itemCode: 'B-ITEM' }],
      ['preferred supplier not linked', { preferredSupplierOrgId: () => other.supplier.id }],
      ['preferred supplier not a UUID', { preferredSupplierOrgId: 'S1' }],
      ['autoCallOff not a boolean', { autoCallOff: 'yes' }],
      ['unknown property', { tenantId: NO_SUCH_ID }],
      ['missing maxQty', { maxQty: undefined }],
    ])('%s → 400 VALIDATION_FAILED, nothing written', async (_name, over) => {
      const resolved = Object.fromEntries(Object.entries(over).map(([k, v]) => [k, typeof v === 'function' ? v() : v]));
      await nothingWritten(async () => {
        const before = await t.sql.query(`SELECT * FROM stock_policies ORDER BY id`);
        const res = await put({ locationCode: 'VMI-1', itemCode: 'BOLT', minQty: '10', maxQty: '50', ...resolved });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors?.length).toBeGreaterThan(0);
        expect((await t.sql.query(`SELECT * FROM stock_policies ORDER BY id`)).rows).toEqual(before.rows);
      });
    });

    it('GET lists the tenant\'s policies, filters and pages', async () => {
      await put({ locationCode: 'B-SITE', itemCode: 'B-ITEM', minQty: '1', maxQty: '2' }, other.planner).expect(200);
      const mine = await t.api('get', '/stock-policies?limit=500', w.users.finance).expect(200);
      expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
      expect((mine.body.items as { locationCode: string }[]).every((p) => p.locationCode !== 'B-SITE')).toBe(true);
      const theirs = await t.api('get', '/stock-policies', other.planner).expect(200);
      expect(theirs.body.items.map((p: { itemCode: string }) => p.itemCode)).toEqual(['B-ITEM']);
      const paged = await walk<{ id: string }>('/stock-policies?sort=item', w.users.planner, 1);
      expect(paged.items).toHaveLength(mine.body.items.length);
      const byLoc = await t.api('get', '/stock-policies?locationCode=VMI-1', w.users.planner).expect(200);
      expect((byLoc.body.items as { locationCode: string }[]).every((p) => p.locationCode === 'VMI-1')).toBe(true);
      expect((await t.api('get', '/stock-policies?sort=minQty', w.users.planner)).status).toBe(400);
    });
  });

  describe('GET /buyers (supplier side)', () => {
    it('lists only the buyers the supplier is linked to', async () => {
      const s1 = await t.api('get', '/buyers', w.users.supplierUser).expect(200);
      expect(s1.body.items).toEqual([
        expect.objectContaining({ buyerOrgId: w.buyer.id, buyerCode: w.buyer.code, currency: 'EUR', paymentTermsDays: 30 }),
      ]);
      expect(typeof s1.body.items[0].receiptTolerancePct).toBe('string');
      const s3 = await t.api('get', '/buyers', other.supplierUser).expect(200);
      expect(s3.body.items.map((b: { buyerOrgId: string }) => b.buyerOrgId)).toEqual([other.buyer.id]);
      const lonely = await t.createOrg('SUPPLIER');
      const u = await t.createUser(lonely.id, 'SUPPLIER', ['SUPPLIER_USER']);
      expect((await t.api('get', '/buyers', u).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it('pages when linked to several buyers', async () => {
      // Link supplier 1 to the other buyer as well.
      await t
        .api('post', '/suppliers', other.planner)
        .send({ supplierOrgId: w.suppliers[0].id, currency: 'USD', receiptTolerancePct: '0', paymentTermsDays: 15 })
        .expect(201);
      const paged = await walk<{ buyerOrgId: string }>('/buyers', w.users.supplierAdmin, 1);
      expect(paged.pages).toBe(2);
      expect(paged.items.map((b) => b.buyerOrgId).sort()).toEqual([w.buyer.id, other.buyer.id].sort());
      // Supplier 2 is still linked to the first buyer only.
      const s2 = await t.api('get', '/buyers', w.users.supplier2Admin).expect(200);
      expect(s2.body.items.map((b: { buyerOrgId: string }) => b.buyerOrgId)).toEqual([w.buyer.id]);
      expect((await t.api('get', '/buyers?sort=currency', w.users.supplierAdmin)).status).toBe(400);
    });
  });
});
