import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorCode, Problem } from '@stockbridge/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, statusOf, TITLES } from '../errors';
import { sqlState } from '../../database/db.service';
import { correlationIdFor } from './correlation';
import { loggableError } from './log-redaction';

/** A problem stored by the idempotency mechanism and replayed verbatim. */
export class ReplayedProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super('replayed problem');
  }
}

/** SQLSTATE classes that mean the database is away or too slow, not that the request is bad. */
const UNAVAILABLE_STATES = /^(08|53|57P0|57014|55P03)/;
const NODE_NET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

function httpCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}

/**
 * An error raised by Nest or Fastify rather than our code (a pipe, the body parser). A
 * VALIDATION_FAILED always carries `errors` (API.md), so clients need not special-case these.
 */
function frameworkError(status: number, detail: string): AppError {
  const code = httpCode(status);
  return new AppError(code, detail, code === 'VALIDATION_FAILED' ? [{ message: detail }] : undefined);
}

/** Turns any error into `application/problem+json` (RFC 9457) with the contract's code. */
export function toProblem(err: unknown, correlationId: string, logger?: Logger): Problem {
  if (err instanceof AppError) {
    // A code may carry a documented status override (API.md answers some VALIDATION_FAILED
    // cases with 422 instead of 400): `extensions.httpStatus`, never copied into the body.
    const { httpStatus, ...extensions } = err.extensions ?? {};
    const status = typeof httpStatus === 'number' ? httpStatus : statusOf(err.code);
    return {
      type: `https://stockbridge.dev/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail: err.detail,
      code: err.code,
      ...(err.errors ? { errors: err.errors } : {}),
      ...extensions,
      correlationId,
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? err.message);
    return toProblem(frameworkError(status, Array.isArray(message) ? message.join('; ') : String(message)), correlationId);
  }
  // Fastify's own errors (body too large, bad JSON, unsupported content type) carry statusCode.
  const fst = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fst?.statusCode === 'number' && typeof fst.code === 'string' && fst.code.startsWith('FST_')) {
    const detail =
      fst.statusCode === 413
        ? 'The request body is larger than allowed'
        : fst.statusCode === 415
          ? 'Unsupported content type'
          : (fst.message ?? 'Bad request');
    return toProblem(frameworkError(fst.statusCode, detail), correlationId);
  }
  const state = sqlState(err);
  if ((state && UNAVAILABLE_STATES.test(state)) || (fst?.code && NODE_NET_ERRORS.has(fst.code)) || isPoolError(err)) {
    logger?.warn(`database unavailable: ${(err as Error).message}`);
    return toProblem(new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly'), correlationId);
  }
  if (state === '23505') {
    return toProblem(new AppError('DUPLICATE', 'This already exists'), correlationId);
  }
  logger?.error({ err: loggableError(err), correlationId }, (err as Error)?.message ?? 'unexpected error');
  return toProblem(new AppError('INTERNAL_ERROR', 'An unexpected error occurred'), correlationId);
}

function isPoolError(err: unknown): boolean {
  const m = (err as Error)?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|terminating connection|Query read timeout/i.test(m);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const correlationId = correlationIdFor(req.raw);
    if (err instanceof ReplayedProblem) {
      void reply.status(err.status).header('content-type', 'application/problem+json').send({ ...err.body, correlationId });
      return;
    }
    const problem = toProblem(err, correlationId, this.logger);
    if (problem.status === 503) void reply.header('retry-after', '1');
    const retryAfter = (problem as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (problem.status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
