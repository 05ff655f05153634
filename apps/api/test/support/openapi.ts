import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { hasPermission, type Permission } from '@stockbridge/shared';
import type { TestApp } from './test-app';

/** The parts of an OpenAPI 3 document the generated tests read. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  nullable?: boolean;
}
interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  security?: unknown[];
  'x-permissions'?: Permission[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** One HTTP operation of the document, paths relative to the global prefix. */
export interface ApiOperation {
  /** `GET /call-offs/{id}` — the key rule tables use. */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full path template as published, e.g. `/api/v1/call-offs/{id}`. */
  template: string;
  pathParams: string[];
  queryParams: Array<{ name: string; required: boolean; schema: OpenApiSchema }>;
  /** Media type of the request body, null without one. */
  bodyType: string | null;
  bodySchema: OpenApiSchema | null;
  /** null: any authenticated user; [] would be nobody. */
  permissions: Permission[] | null;
  isPublic: boolean;
}

export const API_BASE = '/api/v1';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The document the running app publishes at /api/docs-json (built by bootstrap like in production). */
export async function fetchOpenApi(t: TestApp): Promise<OpenApiDocument> {
  const res = await request(t.app.getHttpServer()).get('/api/docs-json');
  if (res.status !== 200) throw new Error(`GET /api/docs-json → ${res.status}`);
  return res.body as OpenApiDocument;
}

export function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      const rel = template.startsWith(API_BASE) ? template.slice(API_BASE.length) : template;
      out.push({
        key: `${method.toUpperCase()} ${rel}`,
        method,
        template,
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
        bodyType,
        bodySchema: bodyType ? resolve(doc, content[bodyType]?.schema ?? {}) : null,
        permissions: op['x-permissions'] ?? null,
        isPublic: !op.security,
      });
    }
  }
  return out;
}

/** True when a user with these roles passes the operation's permission check. */
export function mayCall(op: ApiOperation, roles: readonly string[]): boolean {
  // `@RequirePermission()` without arguments: any signed-in user.
  if (op.isPublic || op.permissions === null || op.permissions.length === 0) return true;
  return op.permissions.some((p) => hasPermission(roles, p));
}

export function resolve(doc: OpenApiDocument, schema: OpenApiSchema): OpenApiSchema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
    s = target;
  }
  return s;
}

export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${template}`);
    return encodeURIComponent(v);
  });
}

/** Every property name (at any depth) of a schema whose value is an id (uuid format or *Id). */
export function idFields(doc: OpenApiDocument, schema: OpenApiSchema | null, seen = new Set<OpenApiSchema>()): string[] {
  if (!schema) return [];
  const s = resolve(doc, schema);
  if (seen.has(s)) return [];
  seen.add(s);
  const out: string[] = [];
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const p = resolve(doc, prop);
    if (p.format === 'uuid' || /(^id|Id)$/.test(name)) out.push(name);
    if (p.type === 'array' && p.items) out.push(...idFields(doc, p.items, seen));
    if (p.properties) out.push(...idFields(doc, p, seen));
  }
  return [...new Set(out)];
}

/**
 * A request body the DTO accepts, generated from the schema: the required properties, plus the
 * optional ones `valueFor` knows (those carry references to other resources, the point of the
 * exercise). `valueFor(name)` → a value, or undefined to fall back on the schema: enum → first,
 * example, date → today, uuid → a random one, decimal pattern → "1", number → minimum or 1.
 */
export function sampleBody(doc: OpenApiDocument, schema: OpenApiSchema, valueFor: (name: string) => unknown): unknown {
  const s = resolve(doc, schema);
  if (s.type === 'array') {
    const n = Math.max(1, s.minItems ?? 1);
    return Array.from({ length: n }, () => sampleBody(doc, s.items ?? {}, valueFor));
  }
  if (s.properties || s.type === 'object') {
    const out: Record<string, unknown> = {};
    const required = new Set(s.required ?? []);
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const known = valueFor(name);
      if (known !== undefined) out[name] = known;
      else if (required.has(name)) out[name] = sampleValue(doc, prop, valueFor);
    }
    return out;
  }
  return sampleValue(doc, s, valueFor);
}

function sampleValue(doc: OpenApiDocument, schema: OpenApiSchema, valueFor: (name: string) => unknown): unknown {
  const s = resolve(doc, schema);
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array' || s.properties) return sampleBody(doc, s, valueFor);
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date') return new Date().toISOString().slice(0, 10);
  if (s.type === 'number' || s.type === 'integer') return typeof s.example === 'number' ? s.example : (s.minimum ?? 1);
  if (s.type === 'boolean') return false;
  if (s.pattern?.startsWith('^\\d')) return '1';
  if (typeof s.example === 'string') return s.example;
  return 'probe'.padEnd(Math.max(5, s.minLength ?? 0), 'x');
}

/** Every UUID inside a JSON value (strings at any depth, also embedded in longer strings). */
export function uuidsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)) out.add(m[0].toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) uuidsIn(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) uuidsIn(v, out);
  }
  return out;
}
