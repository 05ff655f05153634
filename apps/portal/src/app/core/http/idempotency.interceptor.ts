import { HttpInterceptorFn } from '@angular/common/http';
import { isApiUrl } from './api';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The API wants an `Idempotency-Key` on every POST that creates or posts something. A client
 * that may retry the same command sets its own key; everything else gets a fresh one here.
 */
export const idempotencyInterceptor: HttpInterceptorFn = (req, next) => {
  if (
    req.method !== 'POST' ||
    !isApiUrl(req.url) ||
    req.headers.has(IDEMPOTENCY_HEADER)
  ) {
    return next(req);
  }
  if (req.url.endsWith('/auth/login')) return next(req);
  return next(
    req.clone({ setHeaders: { [IDEMPOTENCY_HEADER]: newIdempotencyKey() } }),
  );
};
