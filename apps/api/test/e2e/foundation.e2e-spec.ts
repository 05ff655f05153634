import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';

describe('foundation smoke', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  it('answers health without a token', async () => {
    const res = await t.api('get', '/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('lists locations of the caller tenant only', async () => {
    const res = await t.api('get', '/locations', w.users.planner).expect(200);
    expect(res.body.items.map((l: { code: string }) => l.code)).toEqual(['VMI-1', 'VMI-2', 'WH-1']);
    expect(res.body.nextCursor).toBeNull();
  });

  it('onboards a buyer and a supplier through the API alone, from the platform admin to GET /buyers', async () => {
    const admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
    const adminLogin = await t.api('post', '/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
    const asAdmin = (m: 'get' | 'post', p: string) => t.api(m, p).set('Authorization', `Bearer ${adminLogin.body.accessToken}`);
    const stamp = Date.now().toString(36).toUpperCase();

    const buyer = (await asAdmin('post', '/admin/organizations').send({ code: `ACME-${stamp}`, name: 'Acme', type: 'BUYER' }).expect(201)).body;
    const supplier = (await asAdmin('post', '/admin/organizations').send({ code: `BOLTS-${stamp}`, name: 'Bolts Ltd', type: 'SUPPLIER' }).expect(201)).body;
    const plannerEmail = `planner.${stamp.toLowerCase()}@acme.example`;
    const supplierEmail = `sales.${stamp.toLowerCase()}@bolts.example`;
    await asAdmin('post', '/admin/users').send({ email: plannerEmail, password: 'planner-password-1', orgId: buyer.id, roles: ['PLANNER'] }).expect(201);
    await asAdmin('post', '/admin/users').send({ email: supplierEmail, password: 'supplier-password-1', orgId: supplier.id, roles: ['SUPPLIER_ADMIN'] }).expect(201);

    const plannerToken = (await t.api('post', '/auth/login').send({ email: plannerEmail, password: 'planner-password-1' }).expect(200)).body.accessToken;
    const asPlanner = (m: 'get' | 'post' | 'put', p: string) => t.api(m, p).set('Authorization', `Bearer ${plannerToken}`);
    await asPlanner('post', '/locations').send({ code: 'VMI-A', name: 'Line side A', type: 'VMI' }).expect(201);
    await asPlanner('post', '/items').send({ code: 'M8', description: 'Bolt M8', uom: 'PCS', decimals: 0 }).expect(201);
    await asPlanner('post', '/suppliers').send({ supplierOrgId: supplier.id, currency: 'EUR', receiptTolerancePct: '5', paymentTermsDays: 30 }).expect(201);
    const price = await asPlanner('put', `/suppliers/${supplier.id}/items/M8`).send({ supplierSku: 'B-M8', unitPrice: '0.12', leadTimeDays: 5 }).expect(200);
    expect(price.body).toMatchObject({ itemCode: 'M8', unitPrice: '0.120000', currency: 'EUR', validTo: null });
    await asPlanner('put', '/stock-policies').send({ locationCode: 'VMI-A', itemCode: 'M8', minQty: '100', maxQty: '500' }).expect(200);

    // The new tenant sees only its own master data, never the world's.
    const locations = await asPlanner('get', '/locations').expect(200);
    expect(locations.body.items.map((l: { code: string }) => l.code)).toEqual(['VMI-A']);

    const supplierToken = (await t.api('post', '/auth/login').send({ email: supplierEmail, password: 'supplier-password-1' }).expect(200)).body.accessToken;
    const buyers = await t.api('get', '/buyers').set('Authorization', `Bearer ${supplierToken}`).expect(200);
    expect(buyers.body.items).toEqual([expect.objectContaining({ buyerOrgId: buyer.id, buyerCode: buyer.code, currency: 'EUR' })]);
  });

  it('refuses a missing token with problem+json', async () => {
    const res = await t.api('get', '/locations').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });
});
