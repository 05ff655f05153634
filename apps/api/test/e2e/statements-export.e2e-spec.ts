import { createHash } from 'node:crypto';
import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { canonicalJson } from '@stockbridge/domain';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { binary, parseCsv } from '../support/files';

type Line = Record<string, unknown> & { id: string; lineNo: number; qty: string; unitPrice: string; amount: string; reference: string | null };
type Statement = Record<string, unknown> & { id: string; number: string; lines: Line[]; totals: Array<{ currency: string; amount: string }> };

/** The statement's lines as the API has them, through every page of GET …/lines. */
async function allLines(t: TestApp, w: World, id: string): Promise<Line[]> {
  const lines: Line[] = [];
  let cursor: string | null = null;
  do {
    const page: Response = await t.api('get', `/statements/${id}/lines?limit=500${cursor ? `&cursor=${cursor}` : ''}`, w.users.finance).expect(200);
    lines.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return lines;
}

const TEXT_TRIGGERS = ['=HYPERLINK("http://evil.example","x")', '+1', '-2', '@SUM(A1)', '\tTAB', '\rCR', '=1+2'];

describe('statement exports', () => {
  let t: TestApp;
  let w: World;
  let s1: string;
  let st: Statement;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    s1 = w.suppliers[0].id;
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '1000', effectiveDate: '2025-03-01' });
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '100', effectiveDate: '2025-03-01' });
    const consume = (body: Record<string, unknown>) => t.api('post', '/consumptions', w.users.warehouse).send({ supplierOrgId: s1, ...body }).expect(201);
    for (const [i, reference] of TEXT_TRIGGERS.entries()) {
      await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: String(i + 1), reference, effectiveDate: `2025-04-0${i + 1}` });
    }
    await consume({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1.25', reference: '螺栓 批次 A, "rush"', effectiveDate: '2025-04-10' });
    const last = await consume({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '0.33', reference: 'WO-9', effectiveDate: '2025-04-11' });
    await t.api('post', `/ledger/journals/${last.body.journalId}/reverse`, w.users.finance).send({ reason: 'wrong item', effectiveDate: '2025-04-12' }).expect(201);
    const created = await t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: '2025-04-01', periodTo: '2025-04-30' }).expect(201);
    await t.api('post', `/statements/${created.body.id}/issue`, w.users.finance).expect(200);
    // A dispute comment is supplier text too.
    await t
      .api('post', `/statements/${created.body.id}/dispute`, w.users.supplierAdmin)
      .send({ lines: [{ lineId: created.body.lines[1].id, comment: "=cmd|' /C calc'!A0" }] })
      .expect(200);
    st = (await t.api('get', `/statements/${created.body.id}`, w.users.finance).expect(200)).body;
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const exportOf = (format: 'xlsx' | 'csv', id = st.id, user = w.users.finance) =>
    t.api('get', `/statements/${id}/export?format=${format}`, user).buffer(true).parse(binary);

  it('has the lines the test expects', () => {
    expect(st.lines.map((l) => l.reference)).toEqual([...TEXT_TRIGGERS, '螺栓 批次 A, "rush"', 'WO-9', 'WO-9']);
    expect(st.lines.map((l) => l.amount)).toEqual(['0.13', '0.25', '0.38', '0.50', '0.63', '0.75', '0.88', '2.94', '0.78', '-0.78']);
    expect(st).toMatchObject({ status: 'DISPUTED', totalAmount: '6.46', totals: [{ currency: 'EUR', amount: '6.46', lineCount: 10 }] });
  });

  it('.xlsx: header block, frozen header row, lines equal to the API\'s (dates as dates, numbers as numbers), totals as values, text neutralised', async () => {
    const res = await exportOf('xlsx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${st.number}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Lines', 'Quantities']);
    const ws = wb.getWorksheet('Lines') as ExcelJS.Worksheet;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 12 });

    const block = Array.from({ length: 10 }, (_, i) => [ws.getCell(i + 1, 1).value, ws.getCell(i + 1, 2).value]);
    expect(block).toEqual([
      ['Reconciliation statement', st.number],
      ['Status', 'DISPUTED'],
      ['Buyer', st['buyerName']],
      ['Supplier', `${st['supplierName']} (${st['supplierCode']})`],
      ['Period from', new Date('2025-04-01T00:00:00Z')],
      ['Period to', new Date('2025-04-30T00:00:00Z')],
      ['Currency', 'EUR'],
      ['Content SHA-256', st['contentSha256']],
      ['Lines', 10],
      ['Sheet', '1 of 1'],
    ]);
    expect(ws.getRow(12).values).toEqual([
      undefined,
      'Line',
      'Journal',
      'Date',
      'Type',
      'Item',
      'Supplier SKU',
      'Location',
      'Quantity',
      'Unit price',
      'Amount',
      'Currency',
      'Reference',
      'Dispute',
    ]);

    // XML parsers normalise a CR in text to LF (end-of-line handling), so a CR reads back as LF.
    const neutral = (s: string | null) => (s !== null && /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s)?.replace(/\r/g, '\n') ?? null;
    const rows = st.lines.map((_, i) => ws.getRow(13 + i));
    expect(rows.map((r) => (r.values as unknown[]).slice(1))).toEqual(
      st.lines.map((l) => [
        l.lineNo,
        l['journalId'],
        new Date(`${l['effectiveAt']}T00:00:00Z`),
        l['journalType'],
        l['itemCode'],
        l['supplierSku'],
        l['locationCode'],
        +l.qty,
        +l.unitPrice,
        +l.amount,
        l['currency'],
        neutral(l.reference),
        ...(l['dispute'] ? [neutral((l['dispute'] as { comment: string }).comment)] : []),
      ]),
    );
    // Real dates and numbers, with formats: not text.
    const first = rows[0] as ExcelJS.Row;
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd');
    for (const c of [8, 9, 10]) expect(first.getCell(c).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(10).numFmt).toBe('#,##0.00');
    expect(rows.map((r) => r.getCell(12).value)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      `'+1`,
      `'-2`,
      `'@SUM(A1)`,
      `'\tTAB`,
      `'\nCR`,
      `'=1+2`,
      '螺栓 批次 A, "rush"',
      'WO-9',
      'WO-9',
    ]);
    expect(rows[1]?.getCell(13).value).toBe(`'=cmd|' /C calc'!A0`);

    const total = ws.getRow(13 + st.lines.length);
    expect([total.getCell(1).value, total.getCell(10).value, total.getCell(11).value]).toEqual(['Total', 6.46, 'EUR']);
    expect(ws.rowCount).toBe(13 + st.lines.length);

    // Nothing anywhere is a formula.
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
        }),
      );
    }
    const q = wb.getWorksheet('Quantities') as ExcelJS.Worksheet;
    expect(q.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toEqual([
      ['Item', 'Opening qty (before 2025-04-01)', 'Closing qty (end of 2025-04-30)'],
      ['BOLT', 1000, 972],
      ['CABLE', 100, 98.75],
    ]);
  });

  it('.csv: UTF-8 with BOM, the same header block, lines, totals and quantities with exact decimals, text neutralised', async () => {
    const res = await exportOf('csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${st.number}.csv"`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows.slice(0, 9)).toEqual([
      ['Reconciliation statement', st.number],
      ['Status', 'DISPUTED'],
      ['Buyer', st['buyerName']],
      ['Supplier', `${st['supplierName']} (${st['supplierCode']})`],
      ['Period from', '2025-04-01'],
      ['Period to', '2025-04-30'],
      ['Currency', 'EUR'],
      ['Content SHA-256', st['contentSha256']],
      ['Lines', '10'],
    ]);
    expect(rows[9]).toEqual(['']);
    expect(rows[10]).toEqual(['Line', 'Journal', 'Date', 'Type', 'Item', 'Supplier SKU', 'Location', 'Quantity', 'Unit price', 'Amount', 'Currency', 'Reference', 'Dispute']);
    const neutral = (s: string | null) => (s === null ? '' : /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
    expect(rows.slice(11, 11 + st.lines.length)).toEqual(
      st.lines.map((l) => [
        String(l.lineNo),
        l['journalId'],
        l['effectiveAt'],
        l['journalType'],
        l['itemCode'],
        l['supplierSku'],
        l['locationCode'],
        l.qty,
        l.unitPrice,
        l.amount,
        l['currency'],
        neutral(l.reference),
        neutral(l['dispute'] ? (l['dispute'] as { comment: string }).comment : null),
      ]),
    );
    const after = rows.slice(11 + st.lines.length);
    expect(after).toEqual([
      ['Total', '', '', '', '', '', '', '', '', '6.46', 'EUR', '', ''],
      [''],
      ['Item', 'Opening qty (before 2025-04-01)', 'Closing qty (end of 2025-04-30)'],
      ['BOLT', '1000.000000', '972.000000'],
      ['CABLE', '100.000000', '98.750000'],
    ]);
    // The exact sum of the exported amounts is the total.
    const cents = rows.slice(11, 11 + st.lines.length).reduce((sum, r) => sum + Math.round(+(r[9] as string) * 100), 0);
    expect(cents).toBe(646);
  });

  it('regenerating an issued statement\'s export yields the same content', async () => {
    const [a, b] = [await exportOf('csv').expect(200), await exportOf('csv').expect(200)];
    expect((a.body as Buffer).equals(b.body as Buffer)).toBe(true);
    const sheets = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportOf('xlsx').expect(200)).body as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => ({ name: ws.name, values: ws.getSheetValues() }));
    };
    expect(await sheets()).toEqual(await sheets());
  });

  it('the supplier exports its own statement; supplier 2 and another buyer get 404; a bad format is 400', async () => {
    await exportOf('csv', st.id, w.users.supplierUser).expect(200);
    const other = await t.api('get', `/statements/${st.id}/export?format=csv`, w.users.supplier2Admin).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const w2 = await createWorld(t);
    await t.api('get', `/statements/${st.id}/export?format=xlsx`, w2.users.finance).expect(404);
    await t.api('get', `/statements/${st.id}/export?format=pdf`, w.users.finance).expect(400);
    await t.api('get', `/statements/${st.id}/export`, w.users.planner).expect(403);
  });

  describe('a statement of more lines than are returned inline', () => {
    let big: Statement;

    beforeAll(async () => {
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '5000', effectiveDate: '2025-05-01' });
      for (const [n, day] of [
        [1000, '2025-05-10'],
        [205, '2025-05-20'],
      ] as const) {
        const lines = Array.from({ length: n }, (_, i) => ({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s1, reference: `B-${day}-${i}`, effectiveDate: day }));
        await t.api('post', '/consumptions/batch', w.users.warehouse).send({ lines }).expect(201);
      }
      big = (await t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: '2025-05-01', periodTo: '2025-05-31' }).expect(201)).body;
    });

    it('returns the first 1,000 lines inline, the rest through GET …/lines', async () => {
      expect(big).toMatchObject({ lineCount: 1205, linesTruncated: true, linesNextCursor: expect.any(String), totalAmount: '156.65' });
      expect(big.lines).toHaveLength(1000);
      const rest = await t.api('get', `/statements/${big.id}/lines?limit=500&cursor=${big['linesNextCursor']}`, w.users.finance).expect(200);
      expect(rest.body.items.map((l: Line) => l.lineNo)).toEqual(Array.from({ length: 205 }, (_, i) => 1001 + i));
      expect(rest.body.nextCursor).toBeNull();
      const lines = await allLines(t, w, big.id);
      expect(lines.map((l) => l.lineNo)).toEqual(Array.from({ length: 1205 }, (_, i) => i + 1));
      expect(lines.slice(0, 1000)).toEqual(big.lines);
      await t.api('get', `/statements/${big.id}/lines?limit=501`, w.users.finance).expect(400);
      await t.api('get', `/statements/${big.id}/lines?cursor=bm9wZQ`, w.users.finance).expect(400);
    });

    it('its contentSha256 is recomputable from the API\'s JSON as docs/statements.md says', async () => {
      const lines = await allLines(t, w, big.id);
      const header = {
        buyerOrgId: big['buyerOrgId'],
        supplierOrgId: big['supplierOrgId'],
        number: big.number,
        periodFrom: big['periodFrom'],
        periodTo: big['periodTo'],
        currency: big['currency'],
        lineCount: big['lineCount'],
        totalAmount: big['totalAmount'],
        totals: big.totals,
        openingQty: big['openingQty'],
        closingQty: big['closingQty'],
      };
      const hash = createHash('sha256').update('stockbridge-statement-v1\n' + canonicalJson(header) + '\n');
      for (const l of lines) {
        const { dispute, ...content } = l;
        void dispute;
        hash.update(canonicalJson(content) + '\n');
      }
      expect(hash.digest('hex')).toBe(big['contentSha256']);
    });

    it('exports every line, in order, in both formats', async () => {
      const lines = await allLines(t, w, big.id);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportOf('xlsx', big.id).expect(200)).body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Lines') as ExcelJS.Worksheet;
      const exported: Array<[unknown, unknown]> = [];
      ws.eachRow((row, n) => {
        if (n > 12 && typeof row.getCell(1).value === 'number') exported.push([row.getCell(1).value, row.getCell(12).value]);
      });
      expect(exported).toEqual(lines.map((l) => [l.lineNo, l.reference]));
      const csv = parseCsv(((await exportOf('csv', big.id).expect(200)).body as Buffer).toString('utf8').slice(1));
      expect(csv.slice(11, 11 + 1205).map((r) => [r[0], r[11]])).toEqual(lines.map((l) => [String(l.lineNo), l.reference]));
      expect(csv[11 + 1205]).toEqual(['Total', '', '', '', '', '', '', '', '', '156.65', 'EUR', '', '']);
    });
  });

  describe('under concurrency', () => {
    it('an issued statement is never stale: postings racing the issue either land before it (and the issue is refused) or are refused', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '500', effectiveDate: '2025-08-01' });
      for (let round = 0; round < 4; round++) {
        const day = `2025-09-${String(round * 7 + 1).padStart(2, '0')}`;
        const to = `2025-09-${String(round * 7 + 7).padStart(2, '0')}`;
        const draft = (await t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: day, periodTo: to }).expect(201)).body;
        const results = await Promise.all([
          ...Array.from({ length: 6 }, () =>
            t.api('post', '/consumptions', w.users.warehouse).send({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1', supplierOrgId: s1, effectiveDate: to }),
          ),
          t.api('post', `/statements/${draft.id}/issue`, w.users.finance),
        ]);
        const issue = results[results.length - 1] as Response;
        const posted = results.slice(0, -1).filter((r) => r.status === 201).length;
        for (const r of results.slice(0, -1)) expect([201, 409]).toContain(r.status);
        if (issue.status === 200) {
          // Nothing got in after the snapshot: every racing posting was refused.
          expect(posted).toBe(0);
        } else {
          expect(issue.status).toBe(409);
          expect(issue.body).toMatchObject({ code: 'INVALID_STATE', reason: 'STALE_DRAFT' });
          expect(posted).toBeGreaterThan(0);
        }
      }
      // Every closed period's statement holds exactly the period's transfers.
      const { rows } = await t.sql.query(
        `SELECT s.number, s.line_count,
                (SELECT count(*)::int FROM title_transfers x WHERE x.tenant_id = s.tenant_id AND x.supplier_org_id = s.supplier_org_id
                    AND x.effective_date BETWEEN s.period_from AND s.period_to) AS transfers
           FROM statements s WHERE s.status IN ('ISSUED', 'CONFIRMED', 'DISPUTED')`,
      );
      for (const r of rows) expect(r.line_count).toBe(r.transfers);
    });

    it('two overlapping drafts issued at once: one is ISSUED, the other SUPERSEDED (409 for its issue)', async () => {
      const make = (from: string, to: string) => t.api('post', '/statements', w.users.finance).send({ supplierOrgId: s1, periodFrom: from, periodTo: to }).expect(201);
      const a = (await make('2025-10-01', '2025-10-31')).body;
      const b = (await make('2025-10-15', '2025-11-15')).body;
      const [ra, rb] = await Promise.all([t.api('post', `/statements/${a.id}/issue`, w.users.finance), t.api('post', `/statements/${b.id}/issue`, w.users.finance)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const loser = ra.status === 200 ? b : a;
      const winner = ra.status === 200 ? a : b;
      expect((ra.status === 200 ? rb : ra).body.code).toBe('INVALID_STATE');
      const after = (await t.api('get', `/statements/${loser.id}`, w.users.finance).expect(200)).body;
      expect(after).toMatchObject({ status: 'SUPERSEDED', supersededById: winner.id });
    });
  });
});
