import { PassThrough } from 'node:stream';
import * as ExcelJS from 'exceljs';
import type { ExportRow } from '../persistence/statement.repository';
import { csvField, LINE_COLUMNS, TABLE_HEADER_ROW, writeStatementCsv, writeStatementXlsx, type StatementExportHeader } from './statement-export';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded', '" padded"'],
    ['螺栓 M8', '螺栓 M8'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** An export row; `over` by column name for readability. */
const line = (n: number, over: { reference?: string | null; qty?: string; amount?: string; journalType?: 'CONSUMPTION' | 'REVERSAL' } = {}): ExportRow => [
  n,
  '11111111-1111-4111-8111-111111111111',
  over.journalType ?? 'CONSUMPTION',
  day('2026-01-15'),
  'BOLT',
  'S1-BOLT',
  'VMI-1',
  over.qty ?? '2.000000',
  '0.125000',
  'EUR',
  over.amount ?? '0.25',
  over.reference === undefined ? `WO-${n}` : over.reference,
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
];

const header = (lineCount: number): StatementExportHeader => ({
  number: 'ST-2026-000042',
  status: 'ISSUED',
  buyerName: 'Buyer & Co',
  supplierName: '=evil supplier',
  supplierCode: 'S-1',
  periodFrom: '2026-01-01',
  periodTo: '2026-01-31',
  currency: 'EUR',
  contentSha256: 'a'.repeat(64),
  lineCount,
  totals: [{ currency: 'EUR', amount: (lineCount * 0.25).toFixed(2), lineCount }],
  quantities: [{ item_id: 'i', item_code: 'BOLT', opening_qty: '10.000000', closing_qty: '3.500000' }],
  disputes: new Map(),
  createdAt: '2026-02-01T08:00:00.000Z',
});

async function* batches(lines: ExportRow[], size: number): AsyncGenerator<ExportRow[]> {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size);
}

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

describe('writeStatementXlsx', () => {
  it('splits the lines into sheets, each with the header block and a frozen header row; totals after the last line', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => line(i + 1));
    const file = await collect((out) => writeStatementXlsx(out, header(7), batches(lines, 2), { linesPerSheet: 3 }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Lines 1', 'Lines 2', 'Lines 3', 'Quantities']);
    const counts = wb.worksheets.slice(0, 3).map((ws) => {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TABLE_HEADER_ROW });
      expect(ws.getRow(TABLE_HEADER_ROW).values).toEqual([undefined, ...LINE_COLUMNS.map((c) => c.header)]);
      // The supplier's name starts with "=": shown as text, never a formula.
      expect(ws.getCell('B4').value).toBe(`'=evil supplier (S-1)`);
      expect(ws.getCell('B5').value).toEqual(new Date('2026-01-01T00:00:00Z'));
      const lineNos: number[] = [];
      ws.eachRow((row, n) => {
        if (n > TABLE_HEADER_ROW && typeof row.getCell(1).value === 'number') lineNos.push(row.getCell(1).value as number);
      });
      return lineNos;
    });
    expect(counts).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(wb.worksheets.map((ws) => ws.getCell('B10').value).slice(0, 3)).toEqual(['1 of 3', '2 of 3', '3 of 3']);
    const last = wb.worksheets[2] as ExcelJS.Worksheet;
    const total = last.getRow(TABLE_HEADER_ROW + 2);
    expect([total.getCell(1).value, total.getCell(10).value, total.getCell(11).value]).toEqual(['Total', 1.75, 'EUR']);
    expect(wb.worksheets[3]?.getRow(2).values).toEqual([undefined, 'BOLT', 10, 3.5]);
    expect(wb.created).toEqual(new Date('2026-02-01T08:00:00.000Z'));
  });

  it('writes one sheet named Lines with the totals for an empty statement', async () => {
    const file = await collect((out) => writeStatementXlsx(out, { ...header(0), totals: [{ currency: 'EUR', amount: '0.00', lineCount: 0 }] }, batches([], 1)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Lines', 'Quantities']);
    expect(wb.worksheets[0]?.getRow(TABLE_HEADER_ROW + 1).getCell(1).value).toBe('Total');
  });

  it('stops pulling lines while the client does not read (flow control), and finishes when it does', async () => {
    const total = 30;
    let pulled = 0;
    async function* counted(): AsyncGenerator<ExportRow[]> {
      for (let b = 0; b < total; b++) {
        pulled++;
        yield Array.from({ length: 1000 }, (_, i) => line(b * 1000 + i + 1));
      }
    }
    const out = new PassThrough();
    const done = writeStatementXlsx(out, header(total * 1000), counted());
    // Nobody reads `out`: wait until the writer stops asking for lines.
    let stable = 0;
    let last = -1;
    while (stable < 50) {
      await new Promise((r) => setImmediate(r));
      stable = pulled === last ? stable + 1 : 0;
      last = pulled;
    }
    expect(pulled).toBeLessThan(total);
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await done;
    expect(pulled).toBe(total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Lines')?.rowCount).toBe(TABLE_HEADER_ROW + total * 1000 + 1);
  });
});

describe('writeStatementCsv', () => {
  it('writes a BOM, CRLF rows, exact decimals and neutralised, quoted text', async () => {
    const lines = [line(1, { reference: '=HYPERLINK("x")', qty: '-2.000000', amount: '-0.25', journalType: 'REVERSAL' }), line(2, { reference: '螺栓, 批次' })];
    const disputes = new Map([[lines[1]?.[12] as string, '@SUM(A1)']]);
    const text = (await collect((out) => writeStatementCsv(out, { ...header(2), disputes }, batches(lines, 1)))).toString('utf8');
    expect(text.startsWith('\uFEFFReconciliation statement,ST-2026-000042\r\n')).toBe(true);
    expect(text).toContain(`\r\nSupplier,'=evil supplier (S-1)\r\n`);
    expect(text).toContain(
      `\r\n1,11111111-1111-4111-8111-111111111111,2026-01-15,REVERSAL,BOLT,S1-BOLT,VMI-1,-2.000000,0.125000,-0.25,EUR,"'=HYPERLINK(""x"")",\r\n`,
    );
    expect(text).toContain(`\r\n2,11111111-1111-4111-8111-111111111111,2026-01-15,CONSUMPTION,BOLT,S1-BOLT,VMI-1,2.000000,0.125000,0.25,EUR,"螺栓, 批次",'@SUM(A1)\r\n`);
    expect(text).toContain('\r\nTotal,,,,,,,,,0.50,EUR,,\r\n');
    expect(text.endsWith('\r\nBOLT,10.000000,3.500000\r\n')).toBe(true);
  });
});
