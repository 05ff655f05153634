import { randomUUID } from 'node:crypto';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import type request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { demandHorizon } from '../../src/modules/demands/demand-netting';

const DAY = 86_400_000;
/** Today (UTC business date) plus `days`. */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** Everything a demand import may write: checked unchanged after refusals. */
const counts = async (t: TestApp) => ({ demands: await t.count('demands'), uploads: await t.count('demand_uploads') });

describe('demands', () => {
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const create = (user: TestUser | null, body: Record<string, unknown>, key?: string) => {
    const req = t.api('post', '/demands', user);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const good = (over: Record<string, unknown> = {}) => ({ itemCode: 'CABLE', locationCode: 'VMI-1', qty: '12.5', needBy: '2026-12-03', reference: 'SO-1', ...over });
  const upload = (user: TestUser | null, file: Buffer, name: string, dryRun?: boolean): request.Test => {
    const req = t.api('post', '/demands/uploads', user);
    if (dryRun !== undefined) req.query({ dryRun: String(dryRun) });
    return req.attach('file', file, name);
  };
  const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

  describe('POST /demands', () => {
    it('creates an OPEN demand, quantity with the item\'s decimals', async () => {
      const res = await create(w.users.planner, good({ qty: 12.5 })).expect(201);
      expect(res.body).toMatchObject({
        itemCode: 'CABLE', locationCode: 'VMI-1', qty: '12.50', uom: 'M', needBy: '2026-12-03', reference: 'SO-1',
        status: 'OPEN', source: 'MANUAL', uploadId: null, createdBy: w.users.planner.id, closedAt: null,
      });
      const again = await t.api('get', `/demands/${res.body.id}`, w.users.warehouse).expect(200);
      expect(again.body).toEqual(res.body);
      await create(w.users.buyerAdmin, good({ reference: undefined, qty: '3' })).expect(201);
    });

    it.each<[string, number, Record<string, unknown>]>([
      ['qty 0', 400, { qty: '0' }],
      ['negative qty', 400, { qty: '-1' }],
      ['more decimals than the item allows', 400, { itemCode: 'BOLT', qty: '1.5' }],
      ['qty as text', 400, { qty: '1,5' }],
      ['an impossible date', 400, { needBy: '2026-02-30' }],
      ['a timestamp for a date', 400, { needBy: '2026-12-03T00:00:00Z' }],
      ['no need-by', 400, { needBy: undefined }],
      ['an unknown property', 400, { priority: 'HIGH' }],
      ['a reference too long', 400, { reference: 'x'.repeat(101) }],
      ['an unknown item', 404, { itemCode: 'NUT' }],
      ['an unknown location', 404, { locationCode: 'VMI-9' }],
    ])('%s → %i problem+json, nothing written', async (_name, status, over) => {
      const before = await counts(t);
      const res = await create(w.users.planner, good(over)).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
      expect(await counts(t)).toEqual(before);
    });

    it('refuses the wrong roles (403) and no token (401)', async () => {
      const before = await counts(t);
      for (const user of [w.users.warehouse, w.users.finance, w.users.supplierAdmin, w.users.supplierUser]) {
        const res = await create(user, good()).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await create(null, good()).expect(401);
      await t.api('get', '/demands', w.users.supplierAdmin).expect(403);
      expect(await counts(t)).toEqual(before);
    });

    it('replays an Idempotency-Key: same answer, one demand; another body → 422', async () => {
      const before = await t.count('demands');
      const first = await create(w.users.planner, good({ reference: 'IDEM' }), 'dem-1').expect(201);
      const again = await create(w.users.planner, good({ reference: 'IDEM' }), 'dem-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(await t.count('demands')).toBe(before + 1);
      const reused = await create(w.users.planner, good({ reference: 'IDEM-2' }), 'dem-1').expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('5 identical POSTs at once with one key → one demand, one answer', async () => {
      const before = await t.count('demands');
      const responses = await Promise.all([0, 1, 2, 3, 4].map(() => create(w.users.planner, good({ reference: 'PAR' }), 'dem-par')));
      const done = responses.filter((r) => r.status === 201);
      expect(done.length).toBeGreaterThanOrEqual(1);
      for (const r of responses.filter((x) => x.status !== 201)) expect([r.status, r.body.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
      for (const r of done) expect(r.body).toEqual(done[0]?.body);
      expect(await t.count('demands')).toBe(before + 1);
    });
  });

  describe('GET /demands', () => {
    beforeAll(async () => {
      const t2 = other.users.planner;
      await create(t2, { itemCode: 'BOLT', locationCode: 'VMI-2', qty: '10', needBy: '2026-01-10' }).expect(201);
      await create(t2, { itemCode: 'BOLT', locationCode: 'VMI-1', qty: '20', needBy: '2026-02-10' }).expect(201);
      await create(t2, { itemCode: 'CABLE', locationCode: 'VMI-1', qty: '5.25', needBy: '2026-03-10' }).expect(201);
      const cancelled = await create(t2, { itemCode: 'BOLT', locationCode: 'VMI-1', qty: '7', needBy: '2026-04-10' }).expect(201);
      await t.api('post', `/demands/${cancelled.body.id}/cancel`, t2).send({}).expect(200);
    });
    const list = async (query: string, user = other.users.planner) => (await t.api('get', `/demands${query}`, user).expect(200)).body as { items: Array<{ itemCode: string; locationCode: string; qty: string; needBy: string; status: string }>; nextCursor: string | null };
    const needBys = (page: { items: Array<{ needBy: string }> }) => page.items.map((d) => d.needBy);

    it('lists the tenant\'s demands by need-by, filtered on the server', async () => {
      expect(needBys(await list(''))).toEqual(['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10']);
      expect(needBys(await list('?itemCode=BOLT'))).toEqual(['2026-01-10', '2026-02-10', '2026-04-10']);
      expect(needBys(await list('?locationCode=VMI-1&status=OPEN'))).toEqual(['2026-02-10', '2026-03-10']);
      expect(needBys(await list('?status=CANCELLED,FULFILLED'))).toEqual(['2026-04-10']);
      expect(needBys(await list('?needByFrom=2026-02-10&needByTo=2026-03-10'))).toEqual(['2026-02-10', '2026-03-10']);
      expect(needBys(await list('?sort=qty&order=desc'))).toEqual(['2026-02-10', '2026-01-10', '2026-04-10', '2026-03-10']);
      // another tenant's list does not show them
      expect((await list('?needByTo=2026-04-30', w.users.planner)).items).toEqual([]);
    });

    it('pages with a cursor', async () => {
      const first = await list('?limit=3');
      expect(needBys(first)).toEqual(['2026-01-10', '2026-02-10', '2026-03-10']);
      const second = await list(`?limit=3&cursor=${first.nextCursor}`);
      expect(needBys(second)).toEqual(['2026-04-10']);
      expect(second.nextCursor).toBeNull();
    });

    it.each(['?status=DONE', '?needByFrom=2026-13-01', '?sort=colour', '?limit=501', '?cursor=!!', '?foo=1'])('%s → 400', async (query) => {
      const res = await t.api('get', `/demands${query}`, other.users.planner).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('cancel and fulfill', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create(w.users.planner, good({ reference: 'LIFE' })).expect(201)).body.id;
    });

    it('OPEN → CANCELLED once; then 409 INVALID_STATE for cancel and fulfill', async () => {
      const res = await t.api('post', `/demands/${id}/cancel`, w.users.planner).send({ reason: 'customer withdrew' }).expect(200);
      expect(res.body).toMatchObject({ id, status: 'CANCELLED', closeReason: 'customer withdrew' });
      expect(res.body.closedAt).not.toBeNull();
      for (const action of ['cancel', 'fulfill']) {
        const again = await t.api('post', `/demands/${id}/${action}`, w.users.planner).send({}).expect(409);
        expect(again.body).toMatchObject({ code: 'INVALID_STATE', demandStatus: 'CANCELLED' });
      }
    });

    it('OPEN → FULFILLED', async () => {
      const res = await t.api('post', `/demands/${id}/fulfill`, w.users.buyerAdmin).send({}).expect(200);
      expect(res.body).toMatchObject({ id, status: 'FULFILLED' });
      await t.api('post', `/demands/${id}/cancel`, w.users.planner).send({}).expect(409);
    });

    it('another tenant, an unknown id and a malformed id → 404; the wrong role → 403; nothing changes', async () => {
      await t.api('post', `/demands/${id}/cancel`, other.users.planner).send({}).expect(404);
      await t.api('get', `/demands/${id}`, other.users.planner).expect(404);
      await t.api('post', `/demands/${randomUUID()}/cancel`, w.users.planner).send({}).expect(404);
      await t.api('get', '/demands/not-a-uuid', w.users.planner).expect(404);
      await t.api('post', `/demands/${id}/cancel`, w.users.warehouse).send({}).expect(403);
      await t.api('post', `/demands/${id}/cancel`, w.users.planner).send({ why: 'x' }).expect(400);
      expect((await t.api('get', `/demands/${id}`, w.users.planner).expect(200)).body.status).toBe('OPEN');
    });

    it('two cancels at once: one 200, the other 409', async () => {
      const responses = await Promise.all([0, 1].map(() => t.api('post', `/demands/${id}/cancel`, w.users.planner).send({})));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    });
  });

  describe('POST /demands/uploads', () => {
    it('rejects a file with bad rows: every problem reported, nothing created, kept as REJECTED', async () => {
      const before = await counts(t);
      const res = await upload(
        w.users.planner,
        csv(
          'item_code,location_code,qty,need_by,reference',
          'BOLT,VMI-1,10,2026-12-01,R1', // fine
          'NUT,VMI-9,1,2026-12-01,', // unknown item and location
          'BOLT,VMI-1,1.5,2026-02-30,', // decimals and date
          'CABLE,VMI-2,-2,2026-12-01,', // negative
          'CABLE,VMI-2,0,2026-12-02,', // zero
          ',,,,', // blank line: skipped
          'BOLT,VMI-1,3,2026-12-01,R1', // duplicate of row 2
          'CABLE,,1,,', // required cells
        ),
        'demand.csv',
      ).expect(201);
      expect(res.body).toMatchObject({ status: 'REJECTED', totalRows: 7, validRows: 1, errorRows: 6, errorCount: 9, createdDemands: 0, dryRun: false, errorsTruncated: false });
      expect(res.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
        [3, 'item_code', 'UNKNOWN_ITEM'],
        [3, 'location_code', 'UNKNOWN_SITE'],
        [4, 'qty', 'TOO_MANY_DECIMALS'],
        [4, 'need_by', 'INVALID_DATE'],
        [5, 'qty', 'NEGATIVE'],
        [6, 'qty', 'INVALID_NUMBER'],
        [8, 'item_code', 'DUPLICATE_ROW'],
        [9, 'location_code', 'REQUIRED'],
        [9, 'need_by', 'REQUIRED'],
      ]);
      expect(res.body.errors[0]).toMatchObject({ value: 'NUT', message: 'Item code "NUT" is not known.', messageZh: '物料编码“NUT”不存在。' });
      expect(await counts(t)).toEqual({ demands: before.demands, uploads: before.uploads + 1 });

      const workbook = await binary(t.api('get', `/demands/uploads/${res.body.id}/errors`, w.users.planner)).expect(200);
      expect(workbook.headers['content-type']).toMatch(/spreadsheetml/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook.body as ArrayBuffer);
      expect(book.worksheets[0].getRow(1).values).toEqual([undefined, 'item_code', 'location_code', 'qty', 'need_by', 'reference', 'error', 'row']);
      expect(book.worksheets[0].rowCount).toBe(7);
      await t.api('get', `/demands/uploads/${res.body.id}`, other.users.planner).expect(404);
      await t.api('get', `/demands/uploads/${res.body.id}/errors`, other.users.planner).expect(404);
    });

    it('a dry run validates and creates nothing; the import then creates every row; the same file again changes nothing', async () => {
      const file = csv('item_code,site_code,qty,need_by,reference', 'BOLT,VMI-1,10,2027-01-05,IMP-1', 'CABLE,VMI-2,2.75,2027/1/6,IMP-1', 'grease,vmi-1,0.125,2027-01-07,');
      const before = await counts(t);
      const dry = await upload(w.users.planner, file, 'import.csv', true).expect(201);
      expect(dry.body).toMatchObject({ status: 'VALIDATED', dryRun: true, totalRows: 3, validRows: 3, errorCount: 0, createdDemands: 0 });
      expect(await t.count('demands')).toBe(before.demands);

      const applied = await upload(w.users.planner, file, 'import.csv').expect(201);
      expect(applied.body).toMatchObject({ status: 'APPLIED', createdDemands: 3, unchanged: false, duplicateOf: null });
      const rows = (await t.api('get', '/demands?needByFrom=2027-01-01&needByTo=2027-01-31', w.users.planner).expect(200)).body.items;
      expect(rows.map((d: Record<string, unknown>) => [d['itemCode'], d['locationCode'], d['qty'], d['needBy'], d['reference'], d['source'], d['uploadId'], d['uploadRow']])).toEqual([
        ['BOLT', 'VMI-1', '10', '2027-01-05', 'IMP-1', 'UPLOAD', applied.body.id, 2],
        ['CABLE', 'VMI-2', '2.75', '2027-01-06', 'IMP-1', 'UPLOAD', applied.body.id, 3],
        ['GREASE', 'VMI-1', '0.125', '2027-01-07', null, 'UPLOAD', applied.body.id, 4],
      ]);

      const again = await upload(w.users.planner, file, 'import-again.csv').expect(201);
      expect(again.body).toMatchObject({ status: 'APPLIED', createdDemands: 0, unchanged: true, duplicateOf: applied.body.id });
      expect(await t.count('demands')).toBe(before.demands + 3);
      const history = (await t.api('get', '/demands/uploads?limit=3', w.users.warehouse).expect(200)).body.items;
      expect(history.map((u: { id: string }) => u.id)).toEqual([again.body.id, applied.body.id, dry.body.id]);
    });

    it('the same new file twice at once is imported once', async () => {
      const file = csv('item_code,location_code,qty,need_by', `BOLT,VMI-2,4,${inDays(300)}`);
      const before = await t.count('demands');
      const [a, b] = await Promise.all([upload(w.users.planner, file, 'a.csv'), upload(w.users.planner, file, 'b.csv')]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect([a.body.createdDemands, b.body.createdDemands].sort()).toEqual([0, 1]);
      expect(await t.count('demands')).toBe(before + 1);
    });

    it('reads a GB18030 CSV with Chinese headers', async () => {
      const text = '物料编码,仓库,需求数量,需求日期,参考号\r\nBOLT,VMI-2,6,2027年2月1日,项目甲\r\nCABLE,VMI-1,1.5,2027-02-02,项目乙\r\n';
      const res = await upload(w.users.planner, iconv.encode(text, 'gb18030'), '需求.csv').expect(201);
      expect(res.body).toMatchObject({ status: 'APPLIED', createdDemands: 2 });
      const rows = (await t.api('get', '/demands?needByFrom=2027-02-01&needByTo=2027-02-02', w.users.planner).expect(200)).body.items;
      expect(rows.map((d: { reference: string; qty: string }) => [d.reference, d.qty])).toEqual([
        ['项目甲', '6'],
        ['项目乙', '1.50'],
      ]);
    });

    it('the template (xlsx) uploaded back imports its example row', async () => {
      await t.sql.query(`INSERT INTO items (tenant_id, code, description, uom, decimals) VALUES ($1, 'ITEM-001', 'template item', 'EA', 0)`, [w.buyer.id]);
      for (const lang of ['en', 'zh']) {
        const res = await binary(t.api('get', `/demands/template?lang=${lang}`, w.users.planner)).expect(200);
        expect(res.headers['content-type']).toMatch(/spreadsheetml/);
        const dry = await upload(w.users.planner, res.body as Buffer, `template-${lang}.xlsx`, true).expect(201);
        expect(dry.body).toMatchObject({ status: 'VALIDATED', totalRows: 1, validRows: 1, errorCount: 0 });
      }
    });

    it.each<[string, number, string, Buffer]>([
      ['not a spreadsheet', 415, 'UNSUPPORTED_MEDIA_TYPE', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')],
      ['missing columns', 422, 'VALIDATION_FAILED', Buffer.from('item_code,qty\nBOLT,1\n')],
      ['a header only', 422, 'VALIDATION_FAILED', Buffer.from('item_code,location_code,qty,need_by\n')],
    ])('%s → %i %s, nothing recorded', async (_name, status, code, file) => {
      const before = await counts(t);
      const res = await upload(w.users.planner, file, 'file.csv').expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(await counts(t)).toEqual(before);
    });

    it('no file part → 400; a bad dryRun → 400; the wrong role → 403; nothing recorded', async () => {
      const before = await counts(t);
      await t.api('post', '/demands/uploads', w.users.planner).field('other', 'x').expect(400);
      await t.api('post', '/demands/uploads?dryRun=maybe', w.users.planner).attach('file', csv('item_code'), 'f.csv').expect(400);
      await upload(w.users.warehouse, csv('item_code,location_code,qty,need_by', 'BOLT,VMI-1,1,2027-01-01'), 'f.csv').expect(403);
      await upload(w.users.supplierAdmin, csv('item_code,location_code,qty,need_by', 'BOLT,VMI-1,1,2027-01-01'), 'f.csv').expect(403);
      expect(await counts(t)).toEqual(before);
    });
  });

  describe('netting into GET /replenishment/proposals', () => {
    /** A tenant of its own, so the demands of the tests above do not count here. */
    let n: World;
    const proposal = async (loc: string, item: string) =>
      ((await t.api('get', '/replenishment/proposals', n.users.planner).expect(200)).body.items as Array<Record<string, unknown>>).find((p) => p['locationCode'] === loc && p['itemCode'] === item);
    const policy = (loc: { id: string }, item: { id: string }, min: string, max: string, preferred: string | null = null) =>
      t.sql.query(`INSERT INTO stock_policies (tenant_id, location_id, item_id, min_qty, max_qty, preferred_supplier_org_id) VALUES ($1, $2, $3, $4, $5, $6)`, [n.buyer.id, loc.id, item.id, min, max, preferred]);
    const demand = async (itemCode: string, locationCode: string, qty: string, needBy: string) =>
      (await create(n.users.planner, { itemCode, locationCode, qty, needBy }).expect(201)).body.id as string;

    beforeAll(async () => {
      n = await createWorld(t);
      await policy(n.locations.vmi1, n.items.grease, '100', '200'); // supplier 1, lead time 14 days
      await receiveStock(t, n, { supplier: n.suppliers[0], location: n.locations.vmi1, item: n.items.grease, qty: '65' });
      await policy(n.locations.vmi2, n.items.bolt, '50', '80', n.suppliers[1].id); // preferred supplier 2: lead time 9 (supplier 1 has 7)
      await receiveStock(t, n, { supplier: n.suppliers[1], location: n.locations.vmi2, item: n.items.bolt, qty: '70' });
    });

    it('adds open demand due within the lead time, not demand due after it', async () => {
      expect(await proposal('VMI-1', 'GREASE')).toEqual({
        locationCode: 'VMI-1', itemCode: 'GREASE', supplierOrgId: n.suppliers[0].id, suggestedQty: '135.000000',
        reason: 'on hand 65 + in transit 0 + open call-offs 0 < min 100; order 135 to reach max 200',
      });
      await demand('GREASE', 'VMI-1', '30', inDays(15)); // beyond 14 days: not netted
      await demand('GREASE', 'VMI-1', '25', inDays(-3)); // overdue and still open: netted
      await demand('GREASE', 'VMI-1', '15', inDays(14)); // on the horizon: netted
      expect(await proposal('VMI-1', 'GREASE')).toEqual({
        locationCode: 'VMI-1', itemCode: 'GREASE', supplierOrgId: n.suppliers[0].id, suggestedQty: '175.000000',
        reason: `on hand 65 + in transit 0 + open call-offs 0 < min 100; order 175 to reach max 200 + demand 40 due by ${inDays(14)}`,
        demandQty: '40.000000', demandDueBy: inDays(14), demandHorizon: demandHorizon(inDays(0), 14), demandDriven: false,
      });
    });

    it('nets stock in transit and open call-offs before adding the demand; cancelled or fulfilled demand drops out', async () => {
      await t.app.get(LedgerService).postShipment({
        tenantId: n.buyer.id, supplierOrgId: n.suppliers[0].id, locationId: n.locations.vmi1.id, createdBy: n.users.warehouse.id, reference: 'ASN-D',
        lines: [{ itemId: n.items.grease.id, qty: '10', shipmentLineId: randomUUID() }],
      });
      await t.api('post', '/call-offs', n.users.planner)
        .send({ supplierOrgId: n.suppliers[0].id, locationCode: 'VMI-1', lines: [{ itemCode: 'GREASE', qty: '20.5', needBy: inDays(14) }] })
        .expect(201);
      // 200 − (65 + 10 + 20.5) + 40
      expect(await proposal('VMI-1', 'GREASE')).toMatchObject({
        suggestedQty: '144.500000',
        reason: `on hand 65 + in transit 10 + open call-offs 20.5 < min 100; order 144.5 to reach max 200 + demand 40 due by ${inDays(14)}`,
      });
      const late = (await t.api('get', `/demands?itemCode=GREASE&needByFrom=${inDays(14)}&needByTo=${inDays(14)}`, n.users.planner).expect(200)).body.items[0].id;
      await t.api('post', `/demands/${late}/cancel`, n.users.planner).send({}).expect(200);
      const overdue = (await t.api('get', `/demands?itemCode=GREASE&needByTo=${inDays(0)}`, n.users.planner).expect(200)).body.items[0].id;
      await t.api('post', `/demands/${overdue}/fulfill`, n.users.planner).send({}).expect(200);
      expect(await proposal('VMI-1', 'GREASE')).toEqual({
        locationCode: 'VMI-1', itemCode: 'GREASE', supplierOrgId: n.suppliers[0].id, suggestedQty: '104.500000',
        reason: 'on hand 65 + in transit 10 + open call-offs 20.5 < min 100; order 104.5 to reach max 200',
      });
    });

    it('proposes for a site above min when demand within the (preferred supplier\'s) lead time takes it to min or below', async () => {
      expect(await proposal('VMI-2', 'BOLT')).toBeUndefined(); // 70 > min 50
      await demand('BOLT', 'VMI-2', '30', inDays(10)); // after 9 days: not netted
      expect(await proposal('VMI-2', 'BOLT')).toBeUndefined();
      await demand('BOLT', 'VMI-2', '15', inDays(9)); // 70 − 15 = 55 > 50: still nothing
      expect(await proposal('VMI-2', 'BOLT')).toBeUndefined();
      await demand('BOLT', 'VMI-2', '5', inDays(2)); // 70 − 20 = 50 ≤ 50
      expect(await proposal('VMI-2', 'BOLT')).toEqual({
        locationCode: 'VMI-2', itemCode: 'BOLT', supplierOrgId: n.suppliers[1].id, suggestedQty: '30.000000',
        reason: `on hand 70 + in transit 0 + open call-offs 0 − demand 20 due by ${inDays(9)} = 50 ≤ min 50 within the lead time of 9 days; order 30 to reach max 80 + demand 20 due by ${inDays(9)}`,
        demandQty: '20.000000', demandDueBy: inDays(9), demandHorizon: inDays(9), demandDriven: true,
      });
      // an open call-off covering the demand takes the proposal away again
      await t.api('post', '/call-offs', n.users.planner)
        .send({ supplierOrgId: n.suppliers[1].id, locationCode: 'VMI-2', lines: [{ itemCode: 'BOLT', qty: '1', needBy: inDays(5) }] })
        .expect(201);
      expect(await proposal('VMI-2', 'BOLT')).toBeUndefined();
    });

    it('another tenant\'s demand never reaches these proposals', async () => {
      await create(other.users.planner, { itemCode: 'GREASE', locationCode: 'VMI-1', qty: '999', needBy: inDays(1) }).expect(201);
      expect(await proposal('VMI-1', 'GREASE')).toMatchObject({ suggestedQty: '104.500000' });
    });
  });
});

/** Downloads a binary answer (xlsx) as a Buffer. */
function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (x: Buffer) => chunks.push(x));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}
