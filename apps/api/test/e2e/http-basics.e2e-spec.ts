import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';

/** A problem document as API.md "Conventions" defines it. */
function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code,
    }),
  );
  expect(res.body.detail.length).toBeGreaterThan(0);
  // API.md: validation problems list what is wrong, whoever raised them (DTO, pipe, body parser).
  if (code === 'VALIDATION_FAILED') {
    expect(Array.isArray(res.body.errors)).toBe(true);
    expect(res.body.errors.length).toBeGreaterThan(0);
    for (const e of res.body.errors) expect(typeof e.message).toBe('string');
  }
}

describe('HTTP basics (conventions, headers, limits, OpenAPI)', () => {
  let t: TestApp;
  let w: World;
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  describe('problem+json on every error status', () => {
    it('400 VALIDATION_FAILED lists the bad fields', async () => {
      const res = await t.api('post', '/locations', w.users.planner).send({ code: 'has space', name: 'x', type: 'VMI', extra: 1 });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['code', 'extra']));
    });

    it('400 VALIDATION_FAILED for a path id that is not a UUID', async () => {
      expectProblem(await t.api('get', '/suppliers/not-a-uuid', w.users.planner), 400, 'VALIDATION_FAILED');
    });

    it('401 UNAUTHORIZED without a token', async () => {
      expectProblem(await t.api('get', '/items'), 401, 'UNAUTHORIZED');
    });

    it('403 FORBIDDEN for the wrong role', async () => {
      expectProblem(await t.api('post', '/locations', w.users.warehouse).send({ code: 'X1', name: 'x', type: 'VMI' }), 403, 'FORBIDDEN');
    });

    it('404 NOT_FOUND for another tenant\'s resource', async () => {
      const other = await t.createOrg('SUPPLIER');
      expectProblem(await t.api('get', `/suppliers/${other.id}`, w.users.planner), 404, 'NOT_FOUND');
    });

    it('409 DUPLICATE', async () => {
      expectProblem(await t.api('post', '/locations', w.users.planner).send({ code: 'VMI-1', name: 'again', type: 'VMI' }), 409, 'DUPLICATE');
    });

    it('problem type is a URI naming the code', async () => {
      const res = await t.api('get', '/items');
      expect(res.body.type).toMatch(/^https?:\/\/\S+unauthorized$/);
      expect(res.body.title).toBe('Unauthorized');
    });
  });

  describe('unknown routes', () => {
    it.each(['get', 'post', 'put', 'delete'] as const)('%s on an unknown /api path → 404 NOT_FOUND problem', async (method) => {
      const res = await request(server())[method]('/api/v1/no-such-thing');
      expectProblem(res, 404, 'NOT_FOUND');
    });

    it('an unknown path outside /api/v1 but under /api is a 404 problem too', async () => {
      expectProblem(await request(server()).get('/api/v2/locations'), 404, 'NOT_FOUND');
    });
  });

  describe('correlation id', () => {
    it('is on every response, success or error', async () => {
      for (const res of [
        await t.api('get', '/health'),
        await t.api('get', '/items'),
        await t.api('get', '/nope'),
        await t.api('get', '/items', w.users.planner),
      ]) {
        expect(res.headers['x-correlation-id']).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      }
    });

    it('API answers, success or error, are never cached (Cache-Control: no-store)', async () => {
      for (const res of [await t.api('get', '/items', w.users.planner), await t.api('get', '/items'), await t.api('get', '/health')]) {
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('echoes a safe X-Request-Id in the header and in problems', async () => {
      const res = await t.api('get', '/items').set('X-Request-Id', 'trace-123.abc:9');
      expect(res.headers['x-correlation-id']).toBe('trace-123.abc:9');
      expect(res.body.correlationId).toBe('trace-123.abc:9');
    });

    it('replaces an unsafe X-Request-Id with a fresh one', async () => {
      for (const unsafe of ['has space', '<script>', 'x'.repeat(65), 'a\tb']) {
        const res = await t.api('get', '/health').set('X-Request-Id', unsafe);
        expect(res.headers['x-correlation-id']).not.toBe(unsafe);
        expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('differs between requests without X-Request-Id', async () => {
      const a = await t.api('get', '/health');
      const b = await t.api('get', '/health');
      expect(a.headers['x-correlation-id']).not.toBe(b.headers['x-correlation-id']);
    });
  });

  describe('request bodies', () => {
    it('a body over BODY_LIMIT_BYTES → 413 PAYLOAD_TOO_LARGE, nothing written', async () => {
      const before = await t.count('locations');
      const res = await t.api('post', '/locations', w.users.planner).send({ code: 'BIG', name: 'n'.repeat(4000), type: 'VMI' });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(res.headers['x-correlation-id']).toBeTruthy();
      expect(await t.count('locations')).toBe(before);
    });

    it('a body just under the limit is accepted', async () => {
      const res = await t.api('post', '/locations', w.users.planner).send({ code: 'SMALL', name: 'n'.repeat(150), type: 'VMI' });
      expect(res.status).toBe(201);
    });

    it('malformed JSON → 400 VALIDATION_FAILED problem, nothing written', async () => {
      const before = await t.count('locations');
      const res = await t
        .api('post', '/locations', w.users.planner)
        .set('Content-Type', 'application/json')
        .send('{"code": "BAD", "name": ');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(await t.count('locations')).toBe(before);
    });

    it('a JSON body that is not an object → 400', async () => {
      const res = await t.api('post', '/locations', w.users.planner).set('Content-Type', 'application/json').send('[1,2,3]');
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });

    it('an unsupported content type → 415 problem', async () => {
      const res = await t.api('post', '/locations', w.users.planner).set('Content-Type', 'application/xml').send('<location/>');
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a __proto__ key in JSON does not pollute and is refused', async () => {
      const res = await t
        .api('post', '/locations', w.users.planner)
        .set('Content-Type', 'application/json')
        .send('{"code":"PROTO","name":"p","type":"VMI","__proto__":{"admin":true}}');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    });
  });

  describe('security headers and CORS', () => {
    it('helmet headers on success and error responses', async () => {
      for (const res of [await t.api('get', '/health'), await t.api('get', '/items')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBeDefined();
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['strict-transport-security']).toBeDefined();
        expect(res.headers['referrer-policy']).toBeDefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('CORS is closed by default: no allow-origin for a foreign Origin', async () => {
      const res = await t.api('get', '/health').set('Origin', 'https://evil.example');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('CORS preflight from a foreign Origin is not granted', async () => {
      const res = await request(server())
        .options('/api/v1/locations')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('CORS when configured', () => {
    let c: TestApp;
    beforeAll(async () => {
      c = await createTestApp({ CORS_ORIGINS: 'https://portal.example' });
    });
    afterAll(() => c.close());

    it('allows the configured origin only, without credentials', async () => {
      const ok = await c.api('get', '/health').set('Origin', 'https://portal.example').expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe('https://portal.example');
      expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
      const foreign = await c.api('get', '/health').set('Origin', 'https://evil.example').expect(200);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('health', () => {
    it('GET /health → 200 {status:"ok", db:"ok"} without a token', async () => {
      const res = await t.api('get', '/health').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ status: 'ok', db: 'ok' });
    });

    it('ignores a bad token (public)', async () => {
      await t.api('get', '/health').set('Authorization', 'Bearer garbage').expect(200);
    });
  });

  describe('OpenAPI', () => {
    interface OpenApiDoc {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses?: Record<string, unknown>; security?: unknown[] }>>;
      components?: { securitySchemes?: Record<string, { type: string; scheme?: string; bearerFormat?: string }>; schemas?: Record<string, unknown> };
    }
    let doc: OpenApiDoc;
    beforeAll(async () => {
      const res = await request(server()).get('/api/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/json/);
      doc = res.body as OpenApiDoc;
    });

    it('is an OpenAPI 3 document', () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBe('Stockbridge API');
      expect(doc.info.version).toBeTruthy();
      for (const [path, ops] of Object.entries(doc.paths)) {
        expect(path.startsWith('/')).toBe(true);
        for (const [method, op] of Object.entries(ops)) {
          if (!['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method)) continue;
          expect(op.responses && Object.keys(op.responses).length).toBeTruthy();
        }
      }
    });

    it('every $ref resolves inside the document', () => {
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
      for (const r of refs) {
        const target = r.slice(8, -1);
        expect(target.startsWith('#/')).toBe(true);
        let node: unknown = doc;
        for (const part of target.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
        expect(node).toBeDefined();
      }
    });

    it.each([
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/admin/organizations', 'post'],
      ['/api/v1/admin/users', 'post'],
      ['/api/v1/health', 'get'],
      ['/api/v1/locations', 'post'],
      ['/api/v1/locations', 'get'],
      ['/api/v1/items', 'post'],
      ['/api/v1/items', 'get'],
      ['/api/v1/suppliers', 'post'],
      ['/api/v1/suppliers', 'get'],
      ['/api/v1/suppliers/{supplierOrgId}/items/{itemCode}', 'put'],
      ['/api/v1/buyers', 'get'],
      ['/api/v1/stock-policies', 'put'],
    ])('lists %s (%s)', (path, method) => {
      expect(doc.paths[path]).toBeDefined();
      expect(doc.paths[path]?.[method]).toBeDefined();
    });

    it('declares bearer auth and uses it on protected operations', () => {
      const schemes = Object.values(doc.components?.securitySchemes ?? {});
      expect(schemes).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'http', scheme: 'bearer' })]));
      expect(doc.paths['/api/v1/locations']?.['post']?.security).toBeDefined();
    });

    it('documents the Idempotency-Key header on creating POSTs', () => {
      const op = doc.paths['/api/v1/locations']?.['post'] as { parameters?: { name: string; in: string }[] } | undefined;
      expect(op?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    });

    it('the Swagger UI is served at /api/docs', async () => {
      const res = await request(server()).get('/api/docs').redirects(1);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});
