import { ErrorCode, ProblemFieldError } from '@stockbridge/shared';

/**
 * The one error type services and domain code throw. It carries a contract `code`; the
 * problem filter maps the code to an HTTP status. Services never throw HttpException.
 */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail: string,
    public readonly errors?: ProblemFieldError[],
    /** Extra members copied into the problem document (e.g. `available` for INSUFFICIENT_STOCK). */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found`);
export const invalidState = (detail: string) => new AppError('INVALID_STATE', detail);
export const validationFailed = (detail: string, errors?: ProblemFieldError[]) =>
  new AppError('VALIDATION_FAILED', detail, errors);
/** VALIDATION_FAILED answered with 422: the request is well-formed but the business data refuses it. */
export const unprocessable = (detail: string, errors?: ProblemFieldError[]) =>
  new AppError('VALIDATION_FAILED', detail, errors, { httpStatus: 422 });

/** Exhaustive: adding a code to ERROR_CODES without a status here fails to compile. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'INVALID_CREDENTIALS':
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'DUPLICATE':
    case 'CONFLICT':
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'INVALID_STATE':
    case 'INSUFFICIENT_STOCK':
    case 'ALREADY_REVERSED':
    case 'PERIOD_CLOSED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'OVER_SHIPMENT':
    case 'OVER_RECEIPT':
      return 422;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_ERROR':
      return 500;
  }
}

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
