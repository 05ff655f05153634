import ExcelJS from 'exceljs';
import request from 'supertest';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { populateTenant, type PopulatedTenant } from '../support/populated-tenant';
import { changedTables, databaseSnapshot } from '../support/db-snapshot';
import {
  API_BASE,
  fetchOpenApi,
  fillPath,
  idFields,
  mayCall,
  operationsOf,
  sampleBody,
  uuidsIn,
  type ApiOperation,
  type OpenApiDocument,
} from '../support/openapi';
import { assertLedgerInvariants } from '../support/ledger-invariants';

/**
 * The cross-tenant matrix, generated from the OpenAPI document the running app publishes
 * (QUALITY.md "Security": every by-id endpoint is covered by a test in which another tenant
 * gets 404). Tenant A (a buyer, its supplier S1 and a neighbour supplier S2 of the same
 * buyer) holds one of nearly everything; tenant B (another buyer with its own suppliers) the
 * same, with the same codes. Intruders: every role of buyer B, of B's supplier S3, and of
 * A's neighbour supplier S2 (which must not see S1's business at A).
 *
 * - Every operation with a path parameter is called by every intruder on A's resource →
 *   404 NOT_FOUND, or 403 FORBIDDEN when the role lacks the operation's permission
 *   (`x-permissions` in the document). Path values come from PATH_VALUES (by parameter name),
 *   KNOWN_RESOURCES (by collection), or else from the collection's own GET as an owner of A
 *   (so a new `/things/{id}` endpoint is covered as soon as tenant A has a thing).
 * - Every operation without path parameters whose body or query names another resource (a
 *   uuid field such as supplierOrgId, callOffId) is called with A's resources → 404/403.
 * - Every GET without path parameters (lists and the like) is read by every intruder, with and
 *   without A's ids as filters: none of A's ids may appear in what they see.
 * - Nothing the intruders do writes anything (a digest of every table before and after).
 * - Controls: the same calls by A's own users do not answer 404, so no line of the matrix
 *   passes vacuously.
 *
 * An operation the generator cannot exercise must be in RULES with its reason; a new one
 * that is neither generated nor listed fails the first test.
 */

interface Actor {
  label: string;
  user: TestUser;
}
/** An answer, whatever its media type: JSON parsed, files kept as bytes. */
interface Resp {
  status: number;
  contentType: string;
  json: Record<string, unknown> | unknown[] | undefined;
  raw: Buffer;
}
interface Ctx {
  t: TestApp;
  A: PopulatedTenant;
  B: PopulatedTenant;
  intruders: Actor[];
  owners: Actor[];
  /** Tenant A's ids and marker strings this intruder sees in an answer (any media type). */
  leaksIn(actor: Actor, res: Resp): Promise<string[]>;
  call(op: ApiOperation, actor: Actor, path: string, opts?: { query?: Record<string, string>; body?: unknown }): Promise<Resp>;
}

/**
 * Operations the generator does not exercise by itself (or exercises only in part), with the
 * reason. `check` is a hand-written replacement returning failure messages; `skipIntruders`
 * leaves out intruders for whom the call is legitimately their own business.
 */
const RULES: Record<
  string,
  { why: string; check?: (c: Ctx) => Promise<string[]>; skipIntruders?: (a: Actor, c: Ctx) => boolean; notReference?: boolean; accept?: number[] }
> = {
  'POST /auth/login': { why: 'public; signs in the caller, reads nothing of a tenant by reference', notReference: true },
  'POST /suppliers': {
    why: 'a supplier organisation is not tenant data: any buyer may link any supplier (the link is the buyer\'s own row)',
    notReference: true,
  },
  'POST /admin/users': { why: 'platform admin only (orgId names any organisation by design); intruders get 403 from the generated check', notReference: false },
  'PUT /stock-policies': {
    why: 'preferredSupplierOrgId names an organisation (global, not tenant data): one not linked to the caller is a 400 of the policy, revealing nothing of A',
    accept: [400],
  },
  'POST /supplier-inventory/uploads': {
    why: 'multipart file + ?buyerOrgId: checked by hand; the neighbour supplier S2 is linked to A and uploads its own stock there legitimately',
    check: async (c) => {
      const failures: string[] = [];
      const file = Buffer.from(`site_code,item_code,available_qty\n${c.A.siteCode},BOLT,1\n`);
      for (const actor of c.intruders) {
        if (actor.user.orgId === c.A.world.suppliers[1].id) continue;
        const res = await request(c.t.app.getHttpServer())
          .post(`${API_BASE}/supplier-inventory/uploads`)
          .query({ buyerOrgId: c.A.world.buyer.id })
          .set('Authorization', `Bearer ${actor.user.token}`)
          .attach('file', file, 'intruder.csv');
        const expected = actor.user.orgType === 'SUPPLIER' ? 404 : 403;
        if (res.status !== expected) failures.push(`POST /supplier-inventory/uploads?buyerOrgId=A as ${actor.label}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
      return failures;
    },
  },
  'POST /demands/uploads': {
    why: 'multipart file; it imports into the caller\'s own tenant (item and location codes, no references): checked by hand with a file refused as a whole, so nothing is written',
    check: async (c) => {
      const failures: string[] = [];
      const file = Buffer.from('item_code,location_code,qty,need_by\n');
      for (const actor of c.intruders) {
        const res = await request(c.t.app.getHttpServer()).post(`${API_BASE}/demands/uploads`).set('Authorization', `Bearer ${actor.user.token}`).attach('file', file, 'intruder.csv');
        const expected = ['PLANNER', 'BUYER_ADMIN'].some((r) => actor.user.roles.includes(r as never)) ? 422 : 403;
        if (res.status !== expected) failures.push(`POST /demands/uploads as ${actor.label}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
      return failures;
    },
  },
  'PUT /supplier-inventory/{siteCode}/{itemCode}': {
    why: 'site and item codes name a row of the caller\'s own stock; S2 (linked to A) writes its own row there legitimately (see the dedicated test)',
    skipIntruders: (a, c) => a.user.orgId === c.A.world.suppliers[1].id,
  },
  'GET /supplier-inventory/template': {
    why: 'a workbook, not JSON: the example row is taken from ?buyerOrgId= for a linked supplier; an unlinked one must get 404',
    check: async (c) => {
      const failures: string[] = [];
      for (const actor of c.intruders.filter((a) => a.user.orgId !== c.A.world.suppliers[1].id)) {
        const res = await c.call(opStub('get', '/supplier-inventory/template'), actor, `${API_BASE}/supplier-inventory/template`, { query: { buyerOrgId: c.A.world.buyer.id } });
        // A buyer's template ignores buyerOrgId (it is a supplier's option): the generic example.
        const expected = actor.user.orgType === 'SUPPLIER' ? [404] : [200];
        if (!expected.includes(res.status)) failures.push(`GET /supplier-inventory/template?buyerOrgId=A as ${actor.label}: expected ${expected}, got ${res.status}`);
        const leaked = await c.leaksIn(actor, res);
        if (leaked.length) failures.push(`GET /supplier-inventory/template?buyerOrgId=A as ${actor.label} shows ${leaked.join(', ')}`);
      }
      return failures;
    },
  },
};

function opStub(method: ApiOperation['method'], rel: string): ApiOperation {
  return { key: `${method.toUpperCase()} ${rel}`, method, template: API_BASE + rel, pathParams: [], queryParams: [], bodyType: null, bodySchema: null, permissions: null, isPublic: false };
}
const isIdParam = (name: string) => name === 'id' || /Ids?$/.test(name);
const XLSX = /spreadsheetml/;

/** The text of an answer: JSON and text as they are, a workbook's cell values. */
async function textOf(res: Resp): Promise<string> {
  if (res.json !== undefined) return JSON.stringify(res.json);
  if (XLSX.test(res.contentType)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
    return cells.join('\n');
  }
  return res.raw.toString('utf8');
}

describe('cross-tenant matrix (generated from the OpenAPI document)', () => {
  let t: TestApp;
  let A: PopulatedTenant;
  let B: PopulatedTenant;
  let admin: TestUser;
  let doc: OpenApiDocument;
  let ops: ApiOperation[];
  let owners: Actor[];
  let intruders: Actor[];
  let otherTenantIds: Set<string>;
  let neighbourIds: Set<string>;
  let ctx: Ctx;
  let before: Record<string, string>;
  const idCache = new Map<string, string>();

  /** Path values by parameter name (codes and organisations of tenant A). */
  const PATH_VALUES: Record<string, () => string> = {
    supplierOrgId: () => A.world.suppliers[0].id,
    buyerOrgId: () => A.world.buyer.id,
    itemCode: () => 'BOLT',
    locationCode: () => 'VMI-1',
    siteCode: () => A.siteCode,
  };
  /** The resource of tenant A a `{id}` under a collection names (else: the collection's first row). */
  const KNOWN_RESOURCES: Record<string, () => string> = {
    '/call-offs': () => A.callOff.id,
    '/shipments': () => A.shipment.id,
    '/ledger/journals': () => A.journals.consumption,
    '/statements': () => A.statement.id,
    '/supplier-inventory/uploads': () => A.uploads.validated,
  };
  /** Body and query fields that reference a resource, by name, in tenant A. */
  const fieldValue = (op: ApiOperation, name: string): unknown => {
    const s1 = A.world.suppliers[0].id;
    switch (name) {
      case 'supplierOrgId':
      case 'preferredSupplierOrgId':
      case 'ownerOrgId':
        return s1;
      case 'buyerOrgId':
        return A.world.buyer.id;
      case 'orgId':
        return A.world.buyer.id;
      case 'callOffId':
        return A.callOff.id;
      case 'callOffLineId':
        return A.callOff.lineIds[0];
      case 'shipmentLineId':
        return A.shipment.lineIds[0];
      case 'lineId':
        return op.template.includes('/statements') ? A.statement.lineIds[0] : A.callOff.lineIds[0];
      case 'roles':
        return ['PLANNER'];
      case 'locationCode':
      case 'fromLocationCode':
        return 'VMI-1';
      case 'toLocationCode':
        return 'VMI-2';
      case 'itemCode':
        return 'BOLT';
      case 'siteCode':
        return A.siteCode;
      default:
        return undefined;
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_WORKER: 'false' });
    A = await populateTenant(t, 'ALPHA');
    B = await populateTenant(t, 'BRAVO');
    admin = await t.createUser(null, null, ['PLATFORM_ADMIN']);
    doc = await fetchOpenApi(t);
    ops = operationsOf(doc);
    const a = A.world.users;
    const b = B.world.users;
    owners = [
      { label: 'A buyer admin', user: a.buyerAdmin },
      { label: 'A planner', user: a.planner },
      { label: 'A warehouse', user: a.warehouse },
      { label: 'A finance', user: a.finance },
      { label: 'S1 supplier admin', user: a.supplierAdmin },
      { label: 'S1 supplier user', user: a.supplierUser },
      { label: 'platform admin', user: admin },
    ];
    intruders = [
      { label: 'B buyer admin', user: b.buyerAdmin },
      { label: 'B planner', user: b.planner },
      { label: 'B warehouse', user: b.warehouse },
      { label: 'B finance', user: b.finance },
      { label: 'S3 (B\'s supplier) admin', user: b.supplierAdmin },
      { label: 'S3 (B\'s supplier) user', user: b.supplierUser },
      { label: 'S2 (A\'s other supplier) admin', user: a.supplier2Admin },
      { label: 'S2 (A\'s other supplier) user', user: A.supplierUser2 },
    ];

    // What an intruder must never see: every uuid of every row of tenant A (any table with a
    // tenant_id, so new tables count at once), A's organisation, the users of A and its suppliers.
    const tenantId = A.world.buyer.id;
    const s1 = A.world.suppliers[0].id;
    const s2 = A.world.suppliers[1].id;
    const { rows: cols } = await t.sql.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type = 'uuid'
          AND EXISTS (SELECT 1 FROM information_schema.columns x WHERE x.table_schema = 'public' AND x.table_name = c.table_name AND x.column_name = 'tenant_id')
        ORDER BY 1, 2`,
    );
    const byTable = new Map<string, string[]>();
    for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
    otherTenantIds = new Set<string>([tenantId]);
    neighbourIds = new Set<string>();
    for (const [table, columns] of byTable) {
      const { rows } = await t.sql.query(`SELECT ${columns.map((c) => `"${c}"::text`).join(', ')} FROM "${table}" WHERE tenant_id = $1`, [tenantId]);
      const orgCols = columns.filter((c) => c.endsWith('org_id'));
      for (const row of rows as Array<Record<string, string | null>>) {
        for (const c of columns) if (row[c]) otherTenantIds.add(row[c] as string);
        // S1's business at A: the neighbour S2 must not see these rows (nor their journals).
        if (orgCols.some((c) => row[c] === s1) && !orgCols.some((c) => row[c] === s2)) {
          for (const c of columns) if (row[c] && !c.endsWith('org_id') && c !== 'tenant_id' && c !== 'item_id' && c !== 'location_id') neighbourIds.add(row[c] as string);
        }
      }
    }
    const { rows: users } = await t.sql.query<{ id: string; org_id: string }>(`SELECT id, org_id FROM users WHERE org_id = ANY($1::uuid[])`, [[tenantId, s1, s2]]);
    for (const u of users) {
      otherTenantIds.add(u.id);
      if (u.org_id === s1) neighbourIds.add(u.id);
    }
    // Supplier organisations are not tenant data (any buyer may look them up to link them);
    // nor are the ids of users who act for A itself, which S2 sees on its own documents.
    otherTenantIds.delete(s1);
    otherTenantIds.delete(s2);
    for (const u of users) if (u.org_id === tenantId) neighbourIds.delete(u.id);

    // Free text tenant A wrote (references, lots, its supplier's site code) carries the marker.
    const marker = `${A.siteCode.split('-')[0]}-`;
    ctx = {
      t,
      A,
      B,
      intruders,
      owners,
      leaksIn: async (actor, res) => {
        const forbidden = actor.user.orgId === s2 ? neighbourIds : otherTenantIds;
        const text = await textOf(res);
        const leaked = [...uuidsIn(text)].filter((id) => forbidden.has(id));
        // Markers: tenant A's free text. The neighbour S2 is linked to A and may see A's
        // own texts on its own documents; it has none, so it must see none either.
        if (text.includes(marker)) leaked.push(`text "${marker}…"`);
        return leaked;
      },
      call: async (op, actor, path, opts = {}) => {
        const req = request(t.app.getHttpServer())[op.method](path).set('Authorization', `Bearer ${actor.user.token}`);
        if (opts.query) void req.query(opts.query);
        if (op.method !== 'get') void (opts.body === undefined ? req.send() : req.send(opts.body as object));
        const res = await req.buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        const raw = res.body as Buffer;
        const contentType = String(res.headers['content-type'] ?? '');
        let json: Resp['json'];
        if (/json/.test(contentType) && raw.length) json = JSON.parse(raw.toString('utf8')) as Resp['json'];
        return { status: res.status, contentType, json, raw };
      },
    };
    before = await databaseSnapshot(t);
  }, 180_000);

  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const hasPathParams = (op: ApiOperation) => op.pathParams.length > 0;
  const isList = (op: ApiOperation) => op.method === 'get' && !hasPathParams(op);
  const referenceFields = (op: ApiOperation) => [
    ...idFields(doc, op.bodySchema),
    ...op.queryParams.map((q) => q.name).filter((n) => isIdParam(n) && fieldValue(op, n) !== undefined),
  ];
  const isReferencingWrite = (op: ApiOperation) => op.method !== 'get' && !hasPathParams(op) && referenceFields(op).length > 0 && !RULES[op.key]?.notReference;

  /** Resolves every path parameter of `op` to a resource of tenant A. */
  async function pathFor(op: ApiOperation): Promise<{ path: string; values: Record<string, string> }> {
    const values: Record<string, string> = {};
    for (const name of op.pathParams) {
      const known = PATH_VALUES[name];
      if (known) {
        values[name] = known();
        continue;
      }
      const collection = op.template.slice(0, op.template.indexOf(`/{${name}}`));
      const rel = collection.slice(API_BASE.length);
      const resource = KNOWN_RESOURCES[rel];
      if (resource) {
        values[name] = resource();
        continue;
      }
      const filled = fillPath(collection, values);
      const cached = idCache.get(filled);
      if (cached) {
        values[name] = cached;
        continue;
      }
      const listOp = ops.find((o) => o.method === 'get' && o.template === collection);
      if (!listOp) throw new Error(`${op.key}: no value for {${name}}: add it to PATH_VALUES or KNOWN_RESOURCES (there is no GET ${rel} to find one)`);
      let found: string | undefined;
      for (const owner of owners.filter((o) => mayCall(listOp, o.user.roles))) {
        const res = await ctx.call(listOp, owner, filled, { query: listOp.queryParams.some((q) => q.name === 'limit') ? { limit: '5' } : {} });
        const rows = Array.isArray(res.json) ? res.json : (field(res, 'items') as unknown[] | undefined);
        const first = rows?.[0] as { id?: unknown } | undefined;
        if (res.status === 200 && typeof first?.id === 'string') {
          found = first.id;
          break;
        }
      }
      if (!found) throw new Error(`${op.key}: tenant A has no row in GET ${rel} to use as {${name}}: make populateTenant create one, or add a KNOWN_RESOURCES entry`);
      idCache.set(filled, found);
      values[name] = found;
    }
    return { path: fillPath(op.template, values), values };
  }

  function bodyFor(op: ApiOperation): unknown {
    if (!op.bodySchema) return undefined;
    if (op.bodyType !== 'application/json') throw new Error(`${op.key}: a ${op.bodyType} body cannot be generated: add a RULES entry with a check`);
    return sampleBody(doc, op.bodySchema, (name) => fieldValue(op, name));
  }

  const field = (res: Resp, name: string): unknown => (res.json && !Array.isArray(res.json) ? res.json[name] : undefined);
  const problemCode = (res: Resp) => String(field(res, 'code') ?? '');
  const detail = (res: Resp) => String(field(res, 'detail') ?? '');
  /** Values for the query parameters an operation requires, plus its id filters naming A. */
  const queryFor = (op: ApiOperation, withReferences: boolean): Record<string, string> => {
    const query: Record<string, string> = {};
    for (const q of op.queryParams) {
      const v = fieldValue(op, q.name);
      if (typeof v !== 'string') {
        if (q.required) throw new Error(`${op.key}: no value for the required query parameter ${q.name}: add it to fieldValue`);
        continue;
      }
      if (q.required || (withReferences && isIdParam(q.name))) query[q.name] = v;
    }
    return query;
  };

  it('every operation is generated or has a rule (a new endpoint is covered or fails here)', () => {
    expect(ops.length).toBeGreaterThan(50);
    const unknown: string[] = [];
    for (const op of ops) {
      if (RULES[op.key]) continue;
      if (hasPathParams(op) || isList(op)) continue;
      if (op.bodyType && op.bodyType !== 'application/json') unknown.push(`${op.key}: ${op.bodyType} body`);
      // A write without references (POST /locations…) creates in the caller's tenant only.
      for (const f of referenceFields(op)) if (fieldValue(op, f) === undefined) unknown.push(`${op.key}: no tenant-A value for the reference field ${f} (add it to fieldValue)`);
    }
    for (const key of Object.keys(RULES)) if (!ops.some((o) => o.key === key)) unknown.push(`RULES names ${key}, which the document does not have`);
    expect(unknown).toEqual([]);
    // The permissions of every protected operation are published, so 403 vs 404 is decidable.
    expect(ops.filter((o) => !o.isPublic && o.permissions === null && !['GET /auth/me', 'GET /supplier-inventory/template'].includes(o.key)).map((o) => o.key)).toEqual([]);
  });

  it('by id: every intruder gets 404 on tenant A\'s resource (403 where the role lacks the permission)', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const op of ops.filter(hasPathParams)) {
      const rule = RULES[op.key];
      if (rule?.check) continue;
      const { path } = await pathFor(op);
      const body = bodyFor(op);
      const query = queryFor(op, false);
      const codesOnly = !op.pathParams.some(isIdParam);
      for (const actor of intruders) {
        if (rule?.skipIntruders?.(actor, ctx)) continue;
        const res = await ctx.call(op, actor, path, { body, query });
        calls++;
        const permitted = mayCall(op, actor.user.roles);
        if (!permitted) {
          if (res.status !== 403) failures.push(`${op.key} as ${actor.label} (no permission): expected 403, got ${res.status} ${problemCode(res)}`);
          continue;
        }
        if (res.status === 404 && problemCode(res) === 'NOT_FOUND') continue;
        // Codes (not ids) name things inside the caller's own tenant: an empty answer is fine
        // as long as nothing of A is in it.
        if (codesOnly && op.method === 'get' && res.status === 200) {
          const leaked = await ctx.leaksIn(actor, res);
          if (leaked.length === 0) continue;
          failures.push(`${op.key} as ${actor.label}: shows tenant A's ids ${leaked.slice(0, 3).join(', ')}`);
          continue;
        }
        failures.push(`${op.key} as ${actor.label}: expected 404 NOT_FOUND, got ${res.status} ${problemCode(res)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('by reference: writes naming tenant A\'s resources in the body or query → 404 (403 without the permission)', async () => {
    const failures: string[] = [];
    const exercised: string[] = [];
    for (const op of ops.filter(isReferencingWrite)) {
      if (RULES[op.key]?.check) continue;
      exercised.push(op.key);
      const body = bodyFor(op);
      const query = queryFor(op, true);
      const accept = RULES[op.key]?.accept ?? [];
      for (const actor of intruders) {
        if (RULES[op.key]?.skipIntruders?.(actor, ctx)) continue;
        const res = await ctx.call(op, actor, op.template, { body, query });
        const expected = mayCall(op, actor.user.roles) ? [404, ...accept] : [403];
        if (!expected.includes(res.status)) failures.push(`${op.key} ${JSON.stringify(body)} as ${actor.label}: expected ${expected.join('/')}, got ${res.status} ${problemCode(res)} ${detail(res)}`);
        const leaked = await ctx.leaksIn(actor, res);
        if (leaked.length) failures.push(`${op.key} as ${actor.label}: the answer shows ${leaked.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(exercised).toEqual(expect.arrayContaining(['POST /call-offs', 'POST /shipments', 'POST /consumptions', 'POST /statements']));
  });

  it('operations checked by hand (RULES with a check)', async () => {
    const failures: string[] = [];
    for (const rule of Object.values(RULES)) if (rule.check) failures.push(...(await rule.check(ctx)));
    expect(failures).toEqual([]);
  });

  it('lists: no intruder sees any of tenant A\'s rows, with or without A\'s ids as filters', async () => {
    const failures: string[] = [];
    let ownerSaw = 0;
    /** Every page of a list (the first answer for anything that is not paged). */
    const walk = async (op: ApiOperation, actor: Actor, query: Record<string, string>): Promise<{ status: number; code: string; leaked: string[]; ownIds: Set<string> }> => {
      const limitParam = op.queryParams.find((p) => p.name === 'limit');
      const limit: Record<string, string> = limitParam ? { limit: String(Math.min(500, limitParam.schema.maximum ?? 500)) } : {};
      const leaked: string[] = [];
      const ownIds = new Set<string>();
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res = await ctx.call(op, actor, op.template, { query: { ...query, ...limit, ...(cursor ? { cursor } : {}) } });
        if (res.status !== 200) return { status: res.status, code: problemCode(res), leaked, ownIds };
        leaked.push(...(await ctx.leaksIn(actor, res)));
        uuidsIn(await textOf(res), ownIds);
        cursor = (field(res, 'nextCursor') as string | null | undefined) ?? null;
        if (!cursor) break;
      }
      return { status: 200, code: '', leaked, ownIds };
    };
    for (const op of ops.filter(isList)) {
      if (RULES[op.key]?.check) continue;
      const plain = queryFor(op, false);
      const withRefs = queryFor(op, true);
      const variants = JSON.stringify(plain) === JSON.stringify(withRefs) ? [plain] : [plain, withRefs];
      for (const owner of owners) {
        const seen = await walk(op, owner, plain);
        ownerSaw += [...seen.ownIds].filter((id) => otherTenantIds.has(id)).length;
      }
      for (const actor of intruders) {
        for (const query of variants) {
          const { status, code, leaked } = await walk(op, actor, query);
          const named = Object.keys(query).filter((k) => isIdParam(k));
          const label = `${op.key}${Object.keys(query).length ? '?' + new URLSearchParams(query).toString() : ''} as ${actor.label}`;
          if (!mayCall(op, actor.user.roles)) {
            if (status !== 403) failures.push(`${label} (no permission): expected 403, got ${status}`);
            continue;
          }
          // Refusals decided by who the caller is (a supplier on a buyer's read model) or by a
          // filter naming A's resources reveal nothing.
          if (status === 403 && code === 'FORBIDDEN') continue;
          if (status === 404 && named.length) continue;
          if (status !== 200) {
            failures.push(`${label}: expected 200 (or 403 for the caller's kind, 404 for a filter naming A), got ${status} ${code}`);
            continue;
          }
          if (leaked.length) failures.push(`${label}: sees tenant A's ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ` (+${leaked.length - 3})` : ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Not vacuous: A's own users see plenty of what the intruders must not.
    expect(ownerSaw).toBeGreaterThan(50);
  });

  it('nothing any intruder did was written', async () => {
    const after = await databaseSnapshot(t);
    expect(changedTables(before, after)).toEqual([]);
  });

  it('a neighbour supplier\'s single-row edit at the same buyer writes its own row, never supplier 1\'s', async () => {
    const s1Row = `SELECT available_qty::text AS q FROM supplier_inventory WHERE tenant_id = $1 AND supplier_org_id = $2 AND site_code = $3 ORDER BY item_id`;
    const mine = await t.sql.query(s1Row, [A.world.buyer.id, A.world.suppliers[0].id, A.siteCode]);
    const res = await t.api('put', `/supplier-inventory/${A.siteCode}/BOLT`, A.world.users.supplier2Admin).send({ buyerOrgId: A.world.buyer.id, availableQty: '77' });
    expect(res.status).toBe(200);
    expect(res.body.supplierOrgId).toBe(A.world.suppliers[1].id);
    expect((await t.sql.query(s1Row, [A.world.buyer.id, A.world.suppliers[0].id, A.siteCode])).rows).toEqual(mine.rows);
  });

  it('controls: A\'s own users reach every resource the matrix used (no line passed vacuously)', async () => {
    const failures: string[] = [];
    const writes: Array<() => Promise<void>> = [];
    for (const op of ops.filter((o) => hasPathParams(o) || isReferencingWrite(o))) {
      if (RULES[op.key]?.check) continue;
      const { path } = hasPathParams(op) ? await pathFor(op) : { path: op.template };
      const body = bodyFor(op);
      const query = queryFor(op, !hasPathParams(op));
      const permitted = owners.filter((o) => mayCall(op, o.user.roles));
      if (!permitted.length) {
        failures.push(`${op.key}: no owner of A may call it`);
        continue;
      }
      const check = async (owner: Actor) => {
        const res = await ctx.call(op, owner, path, { body, query });
        if ([400, 401, 403, 404].includes(res.status) || res.status >= 500) failures.push(`${op.key} as ${owner.label}: ${res.status} ${problemCode(res)} ${detail(res)}`);
      };
      // Reads by every permitted owner; writes (which change state) once each, after the reads.
      if (op.method === 'get') for (const owner of permitted) await check(owner);
      else writes.push(() => check(permitted[0] as Actor));
    }
    for (const w of writes) await w();
    expect(failures).toEqual([]);
  });
});
