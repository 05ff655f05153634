import { HttpErrorResponse } from '@angular/common/http';
import {
  ERROR_CODES,
  ErrorCode,
  Problem,
  ProblemFieldError,
} from '@stockbridge/shared';

/** Codes the portal derives itself when the response carries no problem body. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNKNOWN';

/**
 * A problem as the portal handles it: the contract's `Problem` (problem+json), or one derived
 * from the HTTP status when the body is missing (network down, proxy error page...).
 */
export interface ClientProblem extends Omit<Problem, 'code'> {
  code: ErrorCode | ClientErrorCode;
  /** Seconds from a `Retry-After` header (429, 503), when the server sent one. */
  retryAfterSeconds?: number;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function isErrorCode(value: unknown): value is ErrorCode {
  return (
    typeof value === 'string' &&
    (ERROR_CODES as readonly string[]).includes(value)
  );
}

function codeForStatus(status: number): ErrorCode | ClientErrorCode {
  if (status === 0) return 'NETWORK_ERROR';
  return STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN');
}

function retryAfter(err: HttpErrorResponse): number | undefined {
  const raw = err.headers?.get('Retry-After');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date)
    ? undefined
    : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Turns whatever an HTTP call failed with into a `ClientProblem`. */
export function toProblem(err: unknown): ClientProblem {
  if (!(err instanceof HttpErrorResponse)) {
    return {
      type: 'about:blank',
      title: 'Error',
      status: 0,
      detail: String(err),
      code: 'UNKNOWN',
    };
  }
  const body: unknown = err.error;
  const fromBody =
    body && typeof body === 'object' ? (body as Partial<Problem>) : null;
  const code = isErrorCode(fromBody?.code)
    ? fromBody.code
    : codeForStatus(err.status);
  return {
    type: fromBody?.type ?? 'about:blank',
    title: fromBody?.title ?? err.statusText,
    status: err.status,
    detail: typeof fromBody?.detail === 'string' ? fromBody.detail : '',
    code,
    errors: Array.isArray(fromBody?.errors)
      ? (fromBody.errors as ProblemFieldError[])
      : undefined,
    correlationId: fromBody?.correlationId,
    retryAfterSeconds: retryAfter(err),
  };
}
