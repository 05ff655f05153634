import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { binary, parseCsv } from '../support/files';

type Row = Record<string, unknown> & { id: string; currency: string; qty: string; amount: string; transferCount: number };
type Total = { currency: string; qty: string; consumedQty: string; reversedQty: string; amount: string; transferCount: number; reversalCount: number };

/**
 * The consumption report (GET /reports/consumption and its export) against a fixture whose
 * numbers are worked out by hand below: frozen prices across a price change, a reversal dated
 * in the next month, two suppliers in two currencies, another tenant that must not show.
 */
describe('consumption report', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let s1: string;
  let s2: string;

  /*
   * Supplier 1 (EUR; BOLT 0.125, then 0.15 from the price change on; CABLE 2.35):
   *   2025-01-10 BOLT 10 @0.125 =  1.25   WO-1
   *   2025-01-12 BOLT  7 @0.15  =  1.05   WO-2 (after the price change)
   *   2025-01-20 CABLE 2.5 @2.35 = 5.88   (5.875 half-up)
   *   2025-01-25 BOLT  3 @0.15  =  0.45   WO-4, reversed on 2025-02-02: −3, −0.45
   *   2025-02-10 BOLT  4 @0.15  =  0.60
   *   2025-03-05 CABLE 1 @2.35  =  2.35   (outside January–February)
   * Supplier 2 (CNY; BOLT 0.99):
   *   2025-01-15 BOLT 5 = 4.95; 2025-02-20 BOLT 2 = 1.98
   * Another buyer consumes 9 BOLT of its own supplier 1 on 2025-01-11.
   */
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '100', effectiveDate: '2025-01-01' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '50', effectiveDate: '2025-01-01' });
    await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '40', effectiveDate: '2025-01-01' });
    await receiveStock(t, other, { supplier: other.suppliers[0], location: other.locations.vmi1, item: other.items.bolt, qty: '20', effectiveDate: '2025-01-01' });
    const consume = async (world: World, body: Record<string, unknown>) =>
      (await t.api('post', '/consumptions', world.users.warehouse).send(body).expect(201)).body.journalId as string;
    await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '10', supplierOrgId: s1, reference: 'WO-1', effectiveDate: '2025-01-10' });
    await t.api('put', `/suppliers/${s1}/items/BOLT`, w.users.buyerAdmin).send({ supplierSku: 'S1-BOLT-V2', unitPrice: '0.15', leadTimeDays: 7 }).expect(200);
    await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '7', supplierOrgId: s1, reference: 'WO-2', effectiveDate: '2025-01-12' });
    await consume(w, { locationCode: 'VMI-2', itemCode: 'CABLE', qty: '2.5', supplierOrgId: s1, reference: 'WO-3', effectiveDate: '2025-01-20' });
    const wo4 = await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '3', supplierOrgId: s1, reference: 'WO-4', effectiveDate: '2025-01-25' });
    await t.api('post', `/ledger/journals/${wo4}/reverse`, w.users.finance).send({ reason: 'booked twice', effectiveDate: '2025-02-02' }).expect(201);
    await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '4', supplierOrgId: s1, reference: 'WO-5', effectiveDate: '2025-02-10' });
    await consume(w, { locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1', supplierOrgId: s1, reference: 'WO-6', effectiveDate: '2025-03-05' });
    await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '5', supplierOrgId: s2, reference: 'WO-S2-1', effectiveDate: '2025-01-15' });
    await consume(w, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '2', supplierOrgId: s2, reference: 'WO-S2-2', effectiveDate: '2025-02-20' });
    await consume(other, { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '9', supplierOrgId: other.suppliers[0].id, reference: 'X-1', effectiveDate: '2025-01-11' });
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const report = (query: string, user: TestUser | null = w.users.finance) => t.api('get', `/reports/consumption?${query}`, user);
  const PERIOD = 'from=2025-01-01&to=2025-02-28';

  /** Every row through every page. */
  async function allRows(query: string, user: TestUser | null = w.users.finance): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: Response = await report(`${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, user).expect(200);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return rows;
  }

  const TOTALS: Total[] = [
    { currency: 'CNY', qty: '7.000000', consumedQty: '7.000000', reversedQty: '0.000000', amount: '6.93', transferCount: 2, reversalCount: 0 },
    { currency: 'EUR', qty: '23.500000', consumedQty: '26.500000', reversedQty: '3.000000', amount: '8.78', transferCount: 6, reversalCount: 1 },
  ];

  describe('GET /reports/consumption', () => {
    it('per supplier: net quantity, amount per currency (frozen prices, the reversal negative), transfer counts, totals', async () => {
      const res = await report(PERIOD).expect(200);
      expect(res.body).toMatchObject({ groupBy: ['supplier'], from: '2025-01-01', to: '2025-02-28', nextCursor: null, totals: TOTALS });
      expect(Date.parse(res.body.generatedAt)).not.toBeNaN();
      const bySupplier = Object.fromEntries((res.body.items as Row[]).map((r) => [r['supplierOrgId'] as string, r]));
      expect(res.body.items).toHaveLength(2);
      expect(bySupplier[s1]).toEqual({
        id: expect.any(String),
        buyerOrgId: w.buyer.id,
        buyerName: `${w.buyer.code} name`,
        supplierOrgId: s1,
        supplierCode: w.suppliers[0].code,
        supplierName: `${w.suppliers[0].code} name`,
        itemCode: null,
        itemDescription: null,
        uom: null,
        month: null,
        currency: 'EUR',
        // 10 + 7 + 2.5 + 3 − 3 + 4; 1.25 + 1.05 + 5.88 + 0.45 − 0.45 + 0.60
        qty: '23.500000',
        consumedQty: '26.500000',
        reversedQty: '3.000000',
        amount: '8.78',
        transferCount: 6,
        reversalCount: 1,
      });
      expect(bySupplier[s2]).toMatchObject({ currency: 'CNY', qty: '7.000000', amount: '6.93', transferCount: 2, reversalCount: 0 });
      // Key order: by supplier code.
      expect((res.body.items as Row[]).map((r) => r['supplierCode'])).toEqual([w.suppliers[0].code, w.suppliers[1].code].sort());
    });

    it('per item and month: the reversal lands in its own month, each currency its own row', async () => {
      const rows = await allRows(`${PERIOD}&groupBy=item,month`);
      expect(rows.map((r) => [r['itemCode'], r['month'], r.currency, r.qty, r['consumedQty'], r['reversedQty'], r.amount, r.transferCount, r['reversalCount']])).toEqual([
        ['BOLT', '2025-01', 'CNY', '5.000000', '5.000000', '0.000000', '4.95', 1, 0],
        // 10 @0.125 + 7 @0.15 + 3 @0.15 = 2.75 (not 20 × 0.15: prices are frozen)
        ['BOLT', '2025-01', 'EUR', '20.000000', '20.000000', '0.000000', '2.75', 3, 0],
        ['BOLT', '2025-02', 'CNY', '2.000000', '2.000000', '0.000000', '1.98', 1, 0],
        // −3 @0.15 + 4 @0.15
        ['BOLT', '2025-02', 'EUR', '1.000000', '4.000000', '3.000000', '0.15', 2, 1],
        ['CABLE', '2025-01', 'EUR', '2.500000', '2.500000', '0.000000', '5.88', 1, 0],
      ]);
      expect(rows[0]).toMatchObject({ supplierOrgId: null, supplierCode: null, itemDescription: 'BOLT description', uom: 'PCS' });
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    });

    it('filters by supplier, item and period; groupBy given twice as parameters works too', async () => {
      const s1Jan = await report(`supplierOrgId=${s1}&itemCode=BOLT&from=2025-01-01&to=2025-01-31&groupBy=supplier&groupBy=item`).expect(200);
      expect(s1Jan.body.items).toEqual([expect.objectContaining({ supplierOrgId: s1, itemCode: 'BOLT', currency: 'EUR', qty: '20.000000', amount: '2.75', transferCount: 3 })]);
      expect(s1Jan.body.totals).toEqual([{ currency: 'EUR', qty: '20.000000', consumedQty: '20.000000', reversedQty: '0.000000', amount: '2.75', transferCount: 3, reversalCount: 0 }]);
      // No period: March counts too.
      const cable = await report(`itemCode=CABLE&groupBy=month`).expect(200);
      expect((cable.body.items as Row[]).map((r) => [r['month'], r.qty, r.amount])).toEqual([
        ['2025-01', '2.500000', '5.88'],
        ['2025-03', '1.000000', '2.35'],
      ]);
      const nothing = await report(`itemCode=NOPE`).expect(200);
      expect(nothing.body).toMatchObject({ items: [], nextCursor: null, totals: [] });
    });

    it('pages with a cursor and sorts on the server', async () => {
      const all = await allRows(`${PERIOD}&groupBy=item,month`);
      const seen: Row[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Response = await report(`${PERIOD}&groupBy=item,month&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(page.body.totals).toEqual(TOTALS);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(all);

      const byAmount = await allRows(`${PERIOD}&groupBy=item,month&sort=amount`);
      expect(byAmount.map((r) => r.amount)).toEqual(['5.88', '4.95', '2.75', '1.98', '0.15']);
      const paged: string[] = [];
      cursor = null;
      do {
        const page: Response = await report(`${PERIOD}&groupBy=item,month&sort=amount&order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        paged.push(...page.body.items.map((r: Row) => r.amount));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(['0.15', '1.98', '2.75', '4.95', '5.88']);
      const byCount = await allRows(`${PERIOD}&groupBy=supplier&sort=transferCount`);
      expect(byCount.map((r) => r.transferCount)).toEqual([6, 2]);
    });

    it('a supplier sees only its own transfers, whatever it asks for', async () => {
      const own = await report(`${PERIOD}&groupBy=supplier,month`, w.users.supplierAdmin).expect(200);
      expect((own.body.items as Row[]).map((r) => [r['supplierOrgId'], r['month'], r.qty, r.amount])).toEqual([
        [s1, '2025-01', '22.500000', '8.63'],
        [s1, '2025-02', '1.000000', '0.15'],
      ]);
      expect(own.body.totals).toEqual([TOTALS[1]]);
      const peek = await report(`${PERIOD}&supplierOrgId=${s2}`, w.users.supplierUser).expect(200);
      expect(peek.body).toMatchObject({ items: [], totals: [] });
      const s2Own = await report(PERIOD, w.users.supplier2Admin).expect(200);
      expect(s2Own.body.items).toEqual([expect.objectContaining({ supplierOrgId: s2, currency: 'CNY', amount: '6.93' })]);
      // Its buyers: this one, or one it is not linked to (nothing).
      await report(`${PERIOD}&buyerOrgId=${w.buyer.id}`, w.users.supplierAdmin).expect(200).expect((r) => expect(r.body.items).toHaveLength(1));
      await report(`${PERIOD}&buyerOrgId=${other.buyer.id}`, w.users.supplierAdmin).expect(200).expect((r) => expect(r.body.items).toEqual([]));
    });

    it('another tenant sees only its own consumption, never this buyer\'s', async () => {
      const theirs = await report(PERIOD, other.users.finance).expect(200);
      expect(theirs.body.items).toEqual([expect.objectContaining({ buyerOrgId: other.buyer.id, supplierOrgId: other.suppliers[0].id, qty: '9.000000', amount: '1.13' })]);
      const peek = await report(`${PERIOD}&supplierOrgId=${s1}`, other.users.finance).expect(200);
      expect(peek.body).toMatchObject({ items: [], totals: [] });
      const asBuyer = await report(`${PERIOD}&buyerOrgId=${w.buyer.id}`, other.users.buyerAdmin).expect(200);
      expect(asBuyer.body).toMatchObject({ items: [], totals: [] });
      const csv = await t.api('get', `/reports/consumption/export?format=csv&supplierOrgId=${s1}`, other.users.finance).buffer(true).parse(binary).expect(200);
      const rows = parseCsv((csv.body as Buffer).toString('utf8').slice(1));
      expect(rows.slice(10)).toEqual([]);
    });

    it('finance and the buyer admin may read it; planner and warehouse get 403; no token 401', async () => {
      await report(PERIOD, w.users.buyerAdmin).expect(200);
      for (const user of [w.users.planner, w.users.warehouse]) {
        const res = await report(PERIOD, user).expect(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('FORBIDDEN');
        await t.api('get', `/reports/consumption/export?${PERIOD}`, user).expect(403);
      }
      await report(PERIOD, null).expect(401);
    });

    it.each([
      ['from=2025-13-01', 'from'],
      ['from=2025-02-01&to=2025-01-31', 'to'],
      ['groupBy=nope', 'groupBy'],
      ['groupBy=supplier,supplier', 'groupBy'],
      ['groupBy=', 'groupBy'],
      ['supplierOrgId=not-a-uuid', 'supplierOrgId'],
      ['itemCode=' + 'X'.repeat(41), 'itemCode'],
      ['sort=nope', 'sort'],
      ['limit=501', 'limit'],
      ['cursor=bm9wZQ', 'cursor'],
      ['foo=1', 'foo'],
    ])('bad input ?%s → 400 problem+json naming %s', async (query, path) => {
      const res = await report(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body.errors ?? res.body.detail)).toContain(path);
    });
  });

  it('is published in the OpenAPI document with its parameters', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>>;
    };
    const list = doc.paths['/api/v1/reports/consumption']?.['get'];
    const file = doc.paths['/api/v1/reports/consumption/export']?.['get'];
    expect(list?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['supplierOrgId', 'buyerOrgId', 'itemCode', 'from', 'to', 'groupBy', 'limit', 'cursor', 'sort', 'order']),
    );
    expect(file?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['format', 'groupBy', 'from', 'to']));
    expect(Object.keys(list?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '403']));
  });

  describe('the journal audit view (GET /ledger/journals by supplier and period)', () => {
    it('lists that supplier\'s journals of the period, newest first, with who posted them', async () => {
      const res = await t.api('get', `/ledger/journals?supplierOrgId=${s1}&from=2025-01-01&to=2025-01-31&limit=500`, w.users.finance).expect(200);
      const journals = res.body.items as Array<{ type: string; reference: string | null; effectiveAt: string; createdByEmail: string | null }>;
      expect(journals.filter((j) => j.type === 'CONSUMPTION').map((j) => j.reference)).toEqual(['WO-4', 'WO-3', 'WO-2', 'WO-1']);
      for (const j of journals) expect(j.effectiveAt >= '2025-01-01' && j.effectiveAt <= '2025-01-31').toBe(true);
      expect(journals.find((j) => j.reference === 'WO-1')?.createdByEmail).toBe(w.users.warehouse.email);
      const reversal = await t.api('get', `/ledger/journals?supplierOrgId=${s1}&from=2025-02-01&to=2025-02-28&type=REVERSAL`, w.users.finance).expect(200);
      expect(reversal.body.items).toEqual([expect.objectContaining({ type: 'REVERSAL', effectiveAt: '2025-02-02', createdByEmail: w.users.finance.email })]);
      // Supplier 2's January: its one consumption; a supplier never sees the buyer's people.
      const s2Jan = await t.api('get', `/ledger/journals?supplierOrgId=${s2}&from=2025-01-01&to=2025-01-31&type=CONSUMPTION`, w.users.finance).expect(200);
      expect(s2Jan.body.items.map((j: { reference: string }) => j.reference)).toEqual(['WO-S2-1']);
      const own = await t.api('get', `/ledger/journals?from=2025-01-01&to=2025-01-31&type=CONSUMPTION`, w.users.supplierAdmin).expect(200);
      expect(own.body.items.map((j: { reference: string }) => j.reference)).toEqual(['WO-4', 'WO-3', 'WO-2', 'WO-1']);
      for (const j of own.body.items) expect(j.createdByEmail).toBeNull();
    });
  });

  describe('GET /reports/consumption/export', () => {
    const exportOf = (query: string, user: TestUser = w.users.finance) =>
      t.api('get', `/reports/consumption/export?${query}`, user).buffer(true).parse(binary);

    beforeAll(async () => {
      // Text that a spreadsheet would run as a formula must arrive as text.
      await t.sql.query(`UPDATE items SET description = '=HYPERLINK("http://evil.example","x")' WHERE id = $1`, [w.items.cable.id]);
    });
    afterAll(async () => {
      await t.sql.query(`UPDATE items SET description = 'CABLE description' WHERE id = $1`, [w.items.cable.id]);
    });

    const query = `${PERIOD}&groupBy=supplier,item,month`;

    it('.xlsx: header block, frozen header row, the API\'s rows (numbers as numbers, months as dates), totals as values, text neutralised', async () => {
      const api = await allRows(query);
      const apiTotals = (await report(query).expect(200)).body.totals as Total[];
      expect(apiTotals).toEqual(TOTALS);
      const res = await exportOf(`format=xlsx&${query}`).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe('attachment; filename="consumption_2025-01-01_2025-02-28.xlsx"');
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Consumption') as ExcelJS.Worksheet;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 10 });
      const block = Array.from({ length: 8 }, (_, i) => [ws.getCell(i + 1, 1).value, ws.getCell(i + 1, 2).value]);
      expect(block.slice(0, 7)).toEqual([
        ['Consumption report', 'Title transfers: consumptions positive, reversals negative'],
        ['Buyer', `${w.buyer.code} name (${w.buyer.code})`],
        ['Supplier', 'All'],
        ['Item', 'All'],
        ['Period from', new Date('2025-01-01T00:00:00Z')],
        ['Period to', new Date('2025-02-28T00:00:00Z')],
        ['Group by', 'supplier, item, month, currency'],
      ]);
      expect(block[7]?.[0]).toBe('Generated at');
      const headers = ['Supplier code', 'Supplier', 'Item', 'Description', 'UoM', 'Month', 'Currency', 'Quantity', 'Consumed', 'Reversed', 'Amount', 'Transfers', 'Reversals'];
      expect((ws.getRow(10).values as unknown[]).slice(1)).toEqual(headers);
      const neutral = (s: unknown) => (typeof s === 'string' && /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
      const lines = api.map((_, i) => (ws.getRow(11 + i).values as unknown[]).slice(1));
      expect(lines).toEqual(
        api.map((r) => [
          r['supplierCode'],
          r['supplierName'],
          r['itemCode'],
          neutral(r['itemDescription']),
          r['uom'],
          new Date(`${r['month']}-01T00:00:00Z`),
          r.currency,
          +r.qty,
          +(r['consumedQty'] as string),
          +(r['reversedQty'] as string),
          +r.amount,
          r.transferCount,
          r['reversalCount'],
        ]),
      );
      expect(lines.some((l) => l[3] === `'=HYPERLINK("http://evil.example","x")`)).toBe(true);
      const first = ws.getRow(11);
      expect(first.getCell(6).type).toBe(ExcelJS.ValueType.Date);
      expect(first.getCell(6).numFmt).toBe('yyyy-mm');
      expect(first.getCell(11).type).toBe(ExcelJS.ValueType.Number);
      expect(first.getCell(11).numFmt).toBe('#,##0.00');
      const totals = [0, 1].map((i) => (ws.getRow(11 + api.length + i).values as unknown[]).slice(1));
      expect(totals).toEqual(
        TOTALS.map((t) => ['Total', undefined, undefined, undefined, undefined, undefined, t.currency, +t.qty, +t.consumedQty, +t.reversedQty, +t.amount, t.transferCount, t.reversalCount]),
      );
      expect(ws.rowCount).toBe(10 + api.length + TOTALS.length);
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    });

    it('.csv: BOM, CRLF, the same rows with exact decimals, totals per currency, text neutralised', async () => {
      const api = await allRows(query);
      const res = await exportOf(`format=csv&${query}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="consumption_2025-01-01_2025-02-28.csv"');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(text);
      expect(rows.slice(0, 7)).toEqual([
        ['Consumption report', 'Title transfers: consumptions positive, reversals negative'],
        ['Buyer', `${w.buyer.code} name (${w.buyer.code})`],
        ['Supplier', 'All'],
        ['Item', 'All'],
        ['Period from', '2025-01-01'],
        ['Period to', '2025-02-28'],
        ['Group by', 'supplier, item, month, currency'],
      ]);
      expect(rows[8]).toEqual(['']);
      expect(rows[9]).toEqual(['Supplier code', 'Supplier', 'Item', 'Description', 'UoM', 'Month', 'Currency', 'Quantity', 'Consumed', 'Reversed', 'Amount', 'Transfers', 'Reversals']);
      const neutral = (s: unknown) => (typeof s === 'string' && /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
      expect(rows.slice(10, 10 + api.length)).toEqual(
        api.map((r) => [
          r['supplierCode'],
          r['supplierName'],
          r['itemCode'],
          neutral(r['itemDescription']),
          r['uom'],
          r['month'],
          r.currency,
          r.qty,
          r['consumedQty'],
          r['reversedQty'],
          r.amount,
          String(r.transferCount),
          String(r['reversalCount']),
        ]),
      );
      expect(rows.slice(10 + api.length)).toEqual(
        TOTALS.map((t) => ['Total', '', '', '', '', '', t.currency, t.qty, t.consumedQty, t.reversedQty, t.amount, String(t.transferCount), String(t.reversalCount)]),
      );
      // The exported EUR amounts add up to the EUR total, exactly.
      const cents = rows.slice(10, 10 + api.length).filter((r) => r[6] === 'EUR').reduce((s, r) => s + Math.round(+(r[10] as string) * 100), 0);
      expect(cents).toBe(878);
    });

    it('a supplier\'s file names the buyer of each row and holds only its own transfers', async () => {
      const res = await exportOf(`format=csv&${PERIOD}`, w.users.supplierUser).expect(200);
      const rows = parseCsv((res.body as Buffer).toString('utf8').slice(1));
      expect(rows[2]).toEqual(['Supplier', `${w.suppliers[0].code} name (${w.suppliers[0].code})`]);
      expect(rows[9]).toEqual(['Buyer', 'Supplier code', 'Supplier', 'Currency', 'Quantity', 'Consumed', 'Reversed', 'Amount', 'Transfers', 'Reversals']);
      expect(rows.slice(10)).toEqual([
        [`${w.buyer.code} name`, w.suppliers[0].code, `${w.suppliers[0].code} name`, 'EUR', '23.500000', '26.500000', '3.000000', '8.78', '6', '1'],
        ['Total', '', '', 'EUR', '23.500000', '26.500000', '3.000000', '8.78', '6', '1'],
      ]);
    });

    it('bad input is a 400 problem before the first byte; every export gives its connection back', async () => {
      for (const q of ['format=pdf', 'from=2025-02-01&to=2025-01-01', 'groupBy=week', 'limit=5']) {
        const res = await t.api('get', `/reports/consumption/export?${q}`, w.users.finance).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      // More exports than the pool has connections (6), one after the other and some at once.
      for (let i = 0; i < 8; i++) await exportOf(`format=${i % 2 ? 'csv' : 'xlsx'}&${PERIOD}`).expect(200);
      const parallel = await Promise.all(Array.from({ length: 4 }, () => exportOf(`format=xlsx&${query}`)));
      for (const r of parallel) expect(r.status).toBe(200);
      await report(PERIOD).expect(200);
    });
  });
});
