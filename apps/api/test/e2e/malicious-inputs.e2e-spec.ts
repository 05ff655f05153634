import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createTestApp, TEST_JWT_SECRET, type TestApp, type TestUser } from '../support/test-app';
import { populateTenant, type PopulatedTenant } from '../support/populated-tenant';
import { changedTables, databaseSnapshot, settleWarnings } from '../support/db-snapshot';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { csvWithHugeLine, hugeSharedStrings, malformedZip, manySheets, plainWorkbook, zipWithBrokenDirectory } from '../support/hostile-files';

/**
 * Malicious inputs (QUALITY.md "Security"), table-driven: each attack names the answer it
 * must get (status and problem code, and for refused files the parser's reason) and, unless
 * it says otherwise, proves that nothing was written — a digest of every table before and
 * after, and GET /ledger/verify balanced with the same number of journals.
 */

const FIXTURES = join(__dirname, '../fixtures/imports/not-ok');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const HEADER = ['site_code', 'item_code', 'available_qty'];

interface Ctx {
  t: TestApp;
  A: PopulatedTenant;
  warehouse: TestUser;
  planner: TestUser;
  supplier: TestUser;
  finance: TestUser;
}
type Res = request.Response;

interface Attack {
  name: string;
  /** Runs before the "before" snapshot (state the attack needs). */
  prepare?: (c: Ctx) => Promise<void>;
  send: (c: Ctx) => Promise<Res | Res[]>;
  status: number | number[];
  /** The problem code; null when the answer is not a problem (a file, a list). */
  code: string | null;
  /** For refused uploads: the parser's reason in the problem. */
  reason?: string | string[];
  check?: (res: Res, c: Ctx) => void | Promise<void>;
  /** What may change; default nothing. Gets the tables whose digest changed. */
  writes?: (changed: string[], c: Ctx) => void | Promise<void>;
}

const upload = (c: Ctx, file: Buffer, name: string) =>
  c.t.api('post', '/supplier-inventory/uploads', c.supplier).query({ buyerOrgId: c.A.world.buyer.id }).attach('file', file, name);
const consume = (c: Ctx, body: unknown, user: TestUser = c.warehouse) => c.t.api('post', '/consumptions', user).send(body as object);
const consumeRaw = (c: Ctx, raw: string) => c.t.api('post', '/consumptions', c.warehouse).set('Content-Type', 'application/json').send(raw);
const good = { locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1' };
const withToken = (c: Ctx, token: string) => c.t.api('post', '/consumptions').set('Authorization', `Bearer ${token}`).send(good);
const claims = (c: Ctx, extra: Record<string, unknown> = {}) => ({
  sub: c.warehouse.id,
  email: c.warehouse.email,
  org: c.warehouse.orgId,
  orgType: c.warehouse.orgType,
  roles: c.warehouse.roles,
  iss: c.t.config.jwt.issuer,
  aud: c.t.config.jwt.audience,
  iat: now(),
  exp: now() + 300,
  ...extra,
});
const sign = (payload: Record<string, unknown>, secret = TEST_JWT_SECRET) => jwt.sign(payload, secret, { algorithm: 'HS256' });

/** Downloads a binary answer (xlsx, csv) as a Buffer. */
const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (x: Buffer) => chunks.push(x));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

const HOSTILE_TEXTS = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|\'/C calc\'!A0', '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1'];

async function xlsxCells(buf: Buffer): Promise<Array<{ text: string; formula: boolean }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Array<{ text: string; formula: boolean }> = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => out.push({ text: typeof cell.value === 'string' ? cell.value : String(cell.text ?? ''), formula: cell.type === ExcelJS.ValueType.Formula })),
    ),
  );
  return out;
}
/**
 * Every hostile text is there, and every cell holding one starts with the neutralising
 * apostrophe (XML readers turn a CR into LF, hence the comparison on the text after it).
 */
function expectNeutralised(texts: string[]): void {
  for (const h of HOSTILE_TEXTS) {
    const core = h.replace(/^[\t\r]/, '');
    const cells = texts.filter((x) => x.includes(core));
    expect({ hostile: h, found: cells.length > 0 }).toEqual({ hostile: h, found: true });
    expect({ hostile: h, live: cells.filter((x) => !x.startsWith("'")) }).toEqual({ hostile: h, live: [] });
  }
}

/** RFC 4180 fields of a CSV text (quotes, doubled quotes, separators and newlines inside quotes). */
function csvFields(text: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      out.push(field);
      field = '';
    } else if (ch !== '\r' || text[i + 1] !== '\n') field += ch;
  }
  out.push(field);
  return out;
}

const ATTACKS: Attack[] = [
  // ---- spreadsheet bombs and malformed files (supplier upload) ----
  { name: 'zip bomb .xlsx (214 KB inflating to 210 MiB)', send: (c) => upload(c, fixture('zip-bomb.xlsx'), 'bomb.xlsx'), status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' },
  { name: 'zip bomb by ratio under the total limit', send: (c) => upload(c, fixture('zip-bomb-ratio.xlsx'), 'ratio.xlsx'), status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' },
  { name: 'zip directory lying about a sheet size', send: (c) => upload(c, fixture('declared-size-lie.xlsx'), 'lie.xlsx'), status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'ZIP_BOMB' },
  {
    name: 'huge shared strings (150 MB of incompressible text, ratio under the bomb ratio)',
    send: (c) => upload(c, hugeSharedStrings([HEADER, ['W1', 'BOLT', '1']], 150_000_000), 'strings.xlsx'),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    reason: 'PART_TOO_LARGE',
  },
  { name: '12,000 sheets', send: (c) => upload(c, manySheets([HEADER, ['W1', 'BOLT', '1']], 12_000), 'sheets.xlsx'), status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'TOO_MANY_ZIP_ENTRIES' },
  { name: 'malformed zip (a local header, then garbage)', send: (c) => upload(c, malformedZip(), 'broken.xlsx'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'MALFORMED_ZIP' },
  {
    name: 'zip whose directory points past the end of the file',
    send: (c) => upload(c, zipWithBrokenDirectory([HEADER, ['W1', 'BOLT', '1']]), 'eocd.xlsx'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    reason: 'MALFORMED_ZIP',
  },
  { name: 'truncated .xlsx', send: (c) => upload(c, fixture('truncated.xlsx'), 'cut.xlsx'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'MALFORMED_ZIP' },
  {
    // A row, not the file, is wrong: the upload is REJECTED (kept in the history, as every
    // upload is) with TOO_LONG, the stock untouched, and the 10 MB cell stored truncated.
    name: 'CSV with one 10 MB line',
    send: (c) => upload(c, csvWithHugeLine(10 * 1024 * 1024), 'line.csv'),
    status: 201,
    code: null,
    check: async (res, c) => {
      expect(res.body).toMatchObject({ status: 'REJECTED', totalRows: 1, validRows: 0, errorRows: 1 });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, code: 'TOO_LONG' })]));
      const { rows } = await c.t.sql.query(`SELECT max(length(t::text))::int AS n FROM supplier_inventory_upload_rejected_rows t`);
      expect(rows[0].n).toBeLessThan(20_000);
    },
    writes: (changed) => expect(changed.filter((name) => !name.startsWith('supplier_inventory_upload'))).toEqual([]),
  },
  { name: '<dimension> far beyond the row limit', send: (c) => upload(c, fixture('dimension-too-large.xlsx'), 'dim.xlsx'), status: 413, code: 'PAYLOAD_TOO_LARGE', reason: 'DIMENSION_TOO_LARGE' },
  { name: 'macro-enabled workbook (.xlsm)', send: (c) => upload(c, fixture('macro-enabled.xlsm'), 'm.xlsm'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'MACRO_ENABLED' },
  { name: 'encrypted workbook (OLE container)', send: (c) => upload(c, fixture('encrypted.xlsx'), 'enc.xlsx'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'ENCRYPTED_OR_LEGACY_WORKBOOK' },
  { name: 'a PDF named .csv', send: (c) => upload(c, fixture('document.csv'), 'doc.csv'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'NOT_A_SPREADSHEET' },
  { name: '__proto__ as a CSV header', send: (c) => upload(c, fixture('proto-header.csv'), 'proto.csv'), status: 422, code: 'VALIDATION_FAILED', reason: 'FORBIDDEN_HEADER' },
  {
    name: 'constructor and prototype as CSV headers',
    send: (c) => upload(c, Buffer.from('site_code,item_code,available_qty,constructor,prototype\nW1,BOLT,1,x,y\n'), 'ctor.csv'),
    status: 422,
    code: 'VALIDATION_FAILED',
    reason: 'FORBIDDEN_HEADER',
  },
  {
    name: 'a NUL byte inside a CSV cell',
    send: (c) => upload(c, Buffer.from('site_code,item_code,available_qty,lot_no\nW1,BOLT,1,LOT\u0000X\n'), 'nul.csv'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    reason: 'NOT_A_SPREADSHEET',
  },
  {
    name: 'a NUL character reference (&#0;) inside an xlsx cell',
    send: (c) => upload(c, plainWorkbook([[...HEADER, 'lot_no'], ['W1', 'BOLT', '1', 'LOT&#0;X']]), 'nul.xlsx'),
    status: 422,
    code: 'VALIDATION_FAILED',
    reason: 'CORRUPT_WORKBOOK',
  },
  { name: 'file over the 20 MiB upload limit', send: (c) => upload(c, Buffer.alloc(21 * 1024 * 1024, 'x'), 'big.csv'), status: 413, code: 'PAYLOAD_TOO_LARGE' },

  // ---- oversized bodies and fields, prototype pollution ----
  { name: 'JSON body over the 2 MiB body limit', send: (c) => consume(c, { ...good, reference: 'x'.repeat(3 * 1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a 10,000-character reference', send: (c) => consume(c, { ...good, reference: 'r'.repeat(10_000) }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a batch of 1,001 lines', send: (c) => c.t.api('post', '/consumptions/batch', c.warehouse).send({ lines: Array.from({ length: 1001 }, () => good) }), status: 400, code: 'VALIDATION_FAILED' },
  {
    name: 'a 10,000-character password at login',
    send: (c) => c.t.api('post', '/auth/login').send({ email: c.warehouse.email, password: 'p'.repeat(10_000) }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  { name: '"__proto__" key in the body', send: (c) => consumeRaw(c, '{"locationCode":"VMI-1","itemCode":"BOLT","qty":"1","__proto__":{"isAdmin":true}}'), status: 400, code: 'VALIDATION_FAILED' },
  {
    name: '"constructor": {"prototype": …} in the body',
    send: (c) => consumeRaw(c, '{"locationCode":"VMI-1","itemCode":"BOLT","qty":"1","constructor":{"prototype":{"isAdmin":true}}}'),
    status: 400,
    code: 'VALIDATION_FAILED',
    check: () => expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined(),
  },
  {
    name: '"__proto__" inside a batch line',
    send: (c) => c.t.api('post', '/consumptions/batch', c.warehouse).set('Content-Type', 'application/json').send('{"lines":[{"locationCode":"VMI-1","itemCode":"BOLT","qty":"1","__proto__":{"qty":"-5"}}]}'),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  { name: 'JSON nested 5,000 levels deep', send: (c) => consumeRaw(c, `{"locationCode":"VMI-1","itemCode":"BOLT","qty":"1","x":${'['.repeat(5000)}${']'.repeat(5000)}}`), status: 400, code: 'VALIDATION_FAILED' },
  {
    // A text/plain body (what a cross-site form may send without a preflight) stays a string:
    // it is never parsed as JSON, so the DTO refuses it.
    name: 'JSON sent as text/plain',
    send: (c) => c.t.api('post', '/consumptions', c.warehouse).set('Content-Type', 'text/plain').send(JSON.stringify(good)),
    status: 400,
    code: 'VALIDATION_FAILED',
  },

  // ---- unicode tricks in codes and texts ----
  { name: 'item code with a right-to-left override', send: (c) => c.t.api('post', '/items', c.planner).send({ code: 'BO\u202eTL', description: 'x', uom: 'PCS', decimals: 0 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'item code with a zero-width space (look-alike of BOLT)', send: (c) => c.t.api('post', '/items', c.planner).send({ code: 'BO\u200bLT', description: 'x', uom: 'PCS', decimals: 0 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'item code with Cyrillic homoglyphs (ВОLТ)', send: (c) => c.t.api('post', '/items', c.planner).send({ code: '\u0412\u041eL\u0422', description: 'x', uom: 'PCS', decimals: 0 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'location code with a NUL byte', send: (c) => c.t.api('post', '/locations', c.planner).send({ code: 'VMI\u00009', name: 'x', type: 'VMI' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a NUL byte in a free-text reference', send: (c) => consume(c, { ...good, reference: 'WO-1\u0000; DROP TABLE journals' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a NUL byte in a location name', send: (c) => c.t.api('post', '/locations', c.planner).send({ code: 'VMI-NUL', name: 'bad\u0000name', type: 'VMI' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'consuming a homoglyph of an existing item code', send: (c) => consume(c, { ...good, itemCode: '\u0412\u041eL\u0422' }), status: 404, code: 'NOT_FOUND' },
  { name: 'a NUL byte in a search filter', send: (c) => c.t.api('get', '/items', c.planner).query({ search: 'BO\u0000LT' }), status: 400, code: 'VALIDATION_FAILED' },

  // ---- numbers ----
  { name: 'negative quantity', send: (c) => consume(c, { ...good, qty: '-5' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'negative quantity as a JSON number', send: (c) => consume(c, { ...good, qty: -5 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'huge quantity (21 digits)', send: (c) => consume(c, { ...good, qty: '999999999999999999999' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'quantity "NaN"', send: (c) => consume(c, { ...good, qty: 'NaN' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'quantity 1e309 (Infinity once parsed)', send: (c) => consumeRaw(c, '{"locationCode":"VMI-1","itemCode":"BOLT","qty":1e309}'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'quantity 1e21 as a JSON number', send: (c) => consumeRaw(c, '{"locationCode":"VMI-1","itemCode":"BOLT","qty":1e21}'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'over-precise quantity (7 decimals)', send: (c) => consume(c, { ...good, itemCode: 'GREASE', qty: '0.0000001' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'fractional quantity of a whole-number item', send: (c) => consume(c, { ...good, qty: '1.5' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'hexadecimal quantity', send: (c) => consume(c, { ...good, qty: '0x10' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'full-width digits', send: (c) => consume(c, { ...good, qty: '\uff11' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'zero quantity', send: (c) => consume(c, { ...good, qty: '0' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'negative counted quantity', send: (c) => c.t.api('post', '/adjustments', c.warehouse).send({ ...good, supplierOrgId: c.A.world.suppliers[0].id, countedQty: '-1', reason: 'x', qty: undefined }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'unit price with 20 digits', send: (c) => c.t.api('put', `/suppliers/${c.A.world.suppliers[0].id}/items/BOLT`, c.planner).send({ supplierSku: 'S1-BOLT', unitPrice: '99999999999999999999', leadTimeDays: 7 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'lead time of 1e309 days', send: (c) => c.t.api('put', `/suppliers/${c.A.world.suppliers[0].id}/items/BOLT`, c.planner).set('Content-Type', 'application/json').send('{"supplierSku":"S1-BOLT","unitPrice":"1","leadTimeDays":1e309}'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'business date 2025-02-30', send: (c) => consume(c, { ...good, effectiveDate: '2025-02-30' }), status: 400, code: 'VALIDATION_FAILED' },

  // ---- lists ----
  { name: 'limit=1000000', send: (c) => c.t.api('get', '/stock', c.warehouse).query({ limit: '1000000' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'limit=-1', send: (c) => c.t.api('get', '/ledger/journals', c.finance).query({ limit: '-1' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a cursor that is not ours', send: (c) => c.t.api('get', '/stock', c.warehouse).query({ cursor: 'not-a-cursor' }), status: 400, code: 'VALIDATION_FAILED' },
  {
    name: 'a well-formed cursor carrying SQL',
    send: (c) => c.t.api('get', '/ledger/journals', c.finance).query({ cursor: b64url(["2020-01-01' OR '1'='1", "'; DROP TABLE journals; --"]) }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },

  // ---- SQL-ish strings ----
  {
    name: "search=' OR 1=1 -- (taken literally)",
    send: (c) => c.t.api('get', '/items', c.planner).query({ search: "' OR 1=1 --" }),
    status: 200,
    code: null,
    check: (res) => expect(res.body.items).toEqual([]),
  },
  {
    name: 'search=%_ (wildcards taken literally)',
    send: (c) => c.t.api('get', '/items', c.planner).query({ search: '%_' }),
    status: 200,
    code: null,
    check: (res) => expect(res.body.items).toEqual([]),
  },
  { name: "item code BOLT' OR '1'='1", send: (c) => consume(c, { ...good, itemCode: "BOLT' OR '1'='1" }), status: 404, code: 'NOT_FOUND' },
  { name: 'location code ; DROP TABLE postings', send: (c) => consume(c, { ...good, locationCode: 'X; DROP TABLE postings' }), status: 404, code: 'NOT_FOUND' },
  {
    name: 'a NUL byte in a path parameter',
    send: (c) => c.t.api('put', `/supplier-inventory/${encodeURIComponent('W1\u0000')}/BOLT`, c.supplier).send({ buyerOrgId: c.A.world.buyer.id, availableQty: '1' }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },

  // ---- tokens ----
  {
    name: 'JWT alg:none',
    send: (c) => withToken(c, `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims(c, { roles: ['WAREHOUSE', 'PLATFORM_ADMIN'] }))}.`),
    status: 401,
    code: 'UNAUTHORIZED',
  },
  { name: 'JWT signed with a wrong key', send: (c) => withToken(c, sign(claims(c), 'a-different-secret-that-is-long-enough-32b')), status: 401, code: 'UNAUTHORIZED' },
  { name: 'JWT expired', send: (c) => withToken(c, sign(claims(c, { iat: now() - 600, exp: now() - 60 }))), status: 401, code: 'UNAUTHORIZED' },
  {
    name: 'JWT payload tampered (another tenant, signature kept)',
    send: (c) => {
      const [head, , sig] = sign(claims(c)).split('.');
      return withToken(c, `${head}.${b64url(claims(c, { org: c.A.world.suppliers[0].id }))}.${sig}`);
    },
    status: 401,
    code: 'UNAUTHORIZED',
  },
  { name: 'JWT with a wrong issuer', send: (c) => withToken(c, sign(claims(c, { iss: 'evil' }))), status: 401, code: 'UNAUTHORIZED' },
  { name: 'JWT with a wrong audience', send: (c) => withToken(c, sign(claims(c, { aud: 'another-api' }))), status: 401, code: 'UNAUTHORIZED' },

  // ---- idempotency ----
  {
    name: 'replayed Idempotency-Key with the same body: the first answer, nothing new',
    prepare: async (c) => {
      await consume(c, { ...good, reference: 'IDEM-REPLAY' }).set('Idempotency-Key', 'mal-replay-1').expect(201);
    },
    send: (c) => consume(c, { ...good, reference: 'IDEM-REPLAY' }).set('Idempotency-Key', 'mal-replay-1'),
    status: 201,
    code: null,
    check: async (res, c) => {
      const { rows } = await c.t.sql.query(`SELECT count(*)::int AS n FROM journals WHERE reference = 'IDEM-REPLAY'`);
      expect(rows[0].n).toBe(1);
      expect(res.body.journalId).toEqual(expect.any(String));
    },
  },
  {
    name: 'replayed Idempotency-Key with another body',
    prepare: async (c) => {
      await consume(c, { ...good, reference: 'IDEM-REUSE' }).set('Idempotency-Key', 'mal-reuse-1').expect(201);
    },
    send: (c) => consume(c, { ...good, qty: '2', reference: 'IDEM-REUSE' }).set('Idempotency-Key', 'mal-reuse-1'),
    status: 422,
    code: 'IDEMPOTENCY_KEY_REUSED',
  },
  {
    name: 'one Idempotency-Key, five different bodies at once: one posting',
    send: (c) => Promise.all([1, 2, 3, 4, 5].map((q) => consume(c, { ...good, qty: String(q), reference: 'IDEM-RACE' }).set('Idempotency-Key', 'mal-race-1').then((r) => r))),
    status: [201, 409, 422],
    code: null,
    check: async (_res, c) => {
      const { rows } = await c.t.sql.query(`SELECT count(*)::int AS n FROM journals WHERE reference = 'IDEM-RACE'`);
      expect(rows[0].n).toBe(1);
    },
    writes: (changed) => expect(changed).toEqual(expect.arrayContaining(['journals', 'postings'])),
  },
  {
    name: 'an Idempotency-Key carrying a header injection',
    send: (c) => consume(c, good).set('Idempotency-Key', 'k\u00e9y; x=1'),
    status: 400,
    code: 'VALIDATION_FAILED',
  },

  // ---- formula injection in exports ----
  {
    name: 'formula injection: statement export as CSV',
    prepare: async (c) => prepareFormulaStatement(c),
    send: (c) => binary(c.t.api('get', `/statements/${formulaStatement}/export`, c.finance).query({ format: 'csv' })),
    status: 200,
    code: null,
    check: (res) => {
      expectNeutralised(csvFields((res.body as Buffer).toString('utf8').replace(/^\ufeff/, '')));
    },
  },
  {
    name: 'formula injection: statement export as .xlsx',
    prepare: async (c) => prepareFormulaStatement(c),
    send: (c) => binary(c.t.api('get', `/statements/${formulaStatement}/export`, c.finance).query({ format: 'xlsx' })),
    status: 200,
    code: null,
    check: async (res) => {
      const cells = await xlsxCells(res.body as Buffer);
      expect(cells.filter((x) => x.formula)).toEqual([]);
      expectNeutralised(cells.map((x) => x.text));
    },
  },
  {
    name: 'formula injection: upload error workbook',
    prepare: async (c) => {
      const rows = [[...HEADER, 'lot_no'], ...HOSTILE_TEXTS.map((h, i) => ['W9', 'NO-SUCH', String(i), h])];
      const res = await upload(c, plainWorkbook(rows), 'formulas.xlsx').expect(201);
      formulaUpload = res.body.id;
    },
    send: (c) => binary(c.t.api('get', `/supplier-inventory/uploads/${formulaUpload}/errors`, c.supplier)),
    status: 200,
    code: null,
    check: async (res) => {
      const cells = await xlsxCells(res.body as Buffer);
      expect(cells.filter((x) => x.formula)).toEqual([]);
      expectNeutralised(cells.map((x) => x.text));
    },
  },
];

let formulaStatement = '';
let formulaUpload = '';
async function prepareFormulaStatement(c: Ctx): Promise<void> {
  if (formulaStatement) return;
  for (const reference of HOSTILE_TEXTS) await consume(c, { ...good, supplierOrgId: c.A.world.suppliers[0].id, reference }).expect(201);
  const today = new Date().toISOString().slice(0, 10);
  const res = await c.t.api('post', '/statements', c.finance).send({ supplierOrgId: c.A.world.suppliers[0].id, periodFrom: '2020-01-01', periodTo: today }).expect(201);
  formulaStatement = res.body.id;
}

describe('malicious inputs', () => {
  let c: Ctx;

  beforeAll(async () => {
    // Files are handled synchronously here (no background job), so every answer is final.
    const t = await createTestApp({ UPLOAD_WORKER: 'false', LOGIN_MAX_FAILURES: '1000', UPLOAD_ASYNC_THRESHOLD_BYTES: String(64 * 1024 * 1024), UPLOAD_ASYNC_THRESHOLD_ROWS: '1000000' });
    const A = await populateTenant(t, 'ALPHA');
    c = { t, A, warehouse: A.world.users.warehouse, planner: A.world.users.planner, supplier: A.world.users.supplierAdmin, finance: A.world.users.finance };
  }, 120_000);
  afterAll(async () => {
    await assertLedgerInvariants(c.t);
    await c.t.close();
  });

  it('has at least 40 attacks, each named once', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ATTACKS.map((a) => a.name)).size).toBe(ATTACKS.length);
  });

  it('the hostile-file builder makes workbooks the API accepts (control)', async () => {
    const res = await c.t.api('post', '/supplier-inventory/uploads', c.supplier).query({ buyerOrgId: c.A.world.buyer.id, dryRun: 'true' }).attach('file', plainWorkbook([HEADER, ['W1', 'BOLT', '1']]), 'ok.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'VALIDATED', validRows: 1, errorRows: 0 });
  });

  const verify = async () => {
    const res = await c.t.api('get', '/ledger/verify', c.finance).expect(200);
    return res.body as { balanced: boolean; journalsChecked: number };
  };

  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    await attack.prepare?.(c);
    // Warnings follow stock changes in the background: let earlier postings settle first.
    await settleWarnings(c.t);
    const before = await databaseSnapshot(c.t);
    const verifiedBefore = await verify();
    const out = await attack.send(c);
    const responses = Array.isArray(out) ? out : [out];
    const statuses = Array.isArray(attack.status) ? attack.status : [attack.status];
    for (const res of responses) {
      if (!statuses.includes(res.status)) throw new Error(`expected ${statuses.join(' or ')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
      if (res.status >= 400) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (attack.code) expect(res.body.code).toBe(attack.code);
        if (attack.reason) expect(attack.reason).toContain(res.body.reason);
      }
      await attack.check?.(res, c);
    }
    await settleWarnings(c.t);
    const changed = changedTables(before, await databaseSnapshot(c.t));
    if (attack.writes) await attack.writes(changed, c);
    else expect(changed).toEqual([]);
    const verifiedAfter = await verify();
    expect(verifiedAfter.balanced).toBe(true);
    if (!attack.writes) expect(verifiedAfter.journalsChecked).toBe(verifiedBefore.journalsChecked);
  });
});
