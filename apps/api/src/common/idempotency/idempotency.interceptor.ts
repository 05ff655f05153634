import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, applyDecorators } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { canonicalJson } from '@stockbridge/domain';
import { Db } from '../../database/db.service';
import { AppError } from '../errors';
import { ReplayedProblem, toProblem } from '../http/problem.filter';
import { correlationIdFor } from '../http/correlation';
import type { Principal } from '../auth/principal';

const IDEMPOTENT = 'sb:idempotent';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Codes about the key itself: never stored as the key's answer. */
const NOT_STORED = new Set(['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS', 'UNAUTHORIZED', 'FORBIDDEN', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR']);

/**
 * Marks a creating/posting POST: it runs in one transaction, and with an `Idempotency-Key`
 * header a replay (same org, same key, same body, within 24 h) returns the stored answer and
 * writes nothing; the same key with another body → 422 IDEMPOTENCY_KEY_REUSED.
 */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays with the same key and body return the first answer and write nothing (24 h, per organisation)' }),
    ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: the key was used with another body' }),
    ApiConflictResponse({ description: 'Business conflict (see code)' }),
  );

interface StoredKey {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: Db,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = req.headers['idempotency-key'];
    // next.handle() must be called inside the transaction: Nest binds the handler's async
    // context when handle() is called, and the transaction lives in AsyncLocalStorage.
    if (header === undefined) return from(this.db.transaction(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 printable ASCII characters', [
        { path: 'Idempotency-Key', message: 'must be 1–200 printable ASCII characters' },
      ]);
    }
    const scope = req.user?.orgId ?? req.user?.userId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');
    // The route's own success status (201 for a POST unless @HttpCode says otherwise), stored with the body.
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return from(this.run(req, scope, key, hash, status, next));
  }

  private async run(req: FastifyRequest, scope: string, key: string, hash: string, status: number, next: CallHandler): Promise<unknown> {
    try {
      return await this.db.transaction(async () => {
        // A live key conflicts (and a concurrent twin waits here until the first commits);
        // a key older than 24 h is taken over as new.
        const claimed = await this.db.query(
          `INSERT INTO idempotency_keys (org_id, key, request_hash, method, path)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (org_id, key) DO UPDATE
             SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
                 status_code = NULL, response = NULL, created_at = now()
             WHERE idempotency_keys.created_at < now() - interval '24 hours'
           RETURNING 1`,
          [scope, key, hash, req.method, req.url],
        );
        if (claimed.length === 0) return this.replay(scope, key, hash);
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.db.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE org_id = $1 AND key = $2`, [
          scope,
          key,
          status,
          JSON.stringify(result ?? null),
        ]);
        return result;
      });
    } catch (err) {
      // A refused request is an answer too: store it so the same key never later succeeds.
      if (err instanceof AppError && !NOT_STORED.has(err.code)) {
        const problem = toProblem(err, correlationIdFor(req.raw));
        delete problem.correlationId;
        await this.db
          .query(
            `INSERT INTO idempotency_keys (org_id, key, request_hash, method, path, status_code, response)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, key) DO NOTHING`,
            [scope, key, hash, req.method, req.url, problem.status, JSON.stringify(problem)],
          )
          .catch(() => undefined);
      }
      throw err;
    }
  }

  private async replay(scope: string, key: string, hash: string): Promise<unknown> {
    const [row] = await this.db.query<StoredKey>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE org_id = $1 AND key = $2`,
      [scope, key],
    );
    if (!row || row.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    }
    if (row.status_code === null) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
    }
    if (row.status_code >= 400) throw new ReplayedProblem(row.status_code, row.response as Record<string, unknown>);
    return row.response;
  }
}
