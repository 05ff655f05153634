import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller's X-Request-Id when it is safe to echo, else a fresh UUID. */
export function correlationIdFor(req: IncomingMessage): string {
  const existing = (req as IncomingMessage & { correlationId?: string }).correlationId;
  if (existing) return existing;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
  (req as IncomingMessage & { correlationId?: string }).correlationId = id;
  return id;
}
