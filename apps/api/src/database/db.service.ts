import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** SQLSTATEs that mean "try the whole transaction again". */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/**
 * How long after the statement timeout the client stops waiting for an answer (pg's
 * `query_timeout`): the server cancels a slow statement itself, this bounds a slow or broken
 * network, so a request answers 503 instead of hanging.
 */
export const READ_TIMEOUT_MARGIN_MS = 2000;

interface TxContext {
  manager: EntityManager;
  queryRunner: QueryRunner;
  afterCommit: Array<() => void | Promise<void>>;
  restoreReadTimeout?: () => void;
}

/** The node-postgres client behind a TypeORM query runner (its per-client settings). */
function pgClientOf(queryRunner: QueryRunner | undefined): { connectionParameters?: { query_timeout?: number } } | undefined {
  return (queryRunner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: number } } } | undefined)?.databaseConnection;
}

/** pg gave up waiting for the server's answer: the connection is in an unknown state. */
export function isReadTimeout(err: unknown): boolean {
  return (err as Error)?.message === 'Query read timeout' || (err as { driverError?: Error })?.driverError?.message === 'Query read timeout';
}

/**
 * The transaction boundary: one transaction per command, held in AsyncLocalStorage so that
 * services, the idempotency interceptor and repositories all share it without passing it
 * around (Vendure's TransactionalConnection, without request scope).
 */
@Injectable()
export class Db {
  private readonly als = new AsyncLocalStorage<TxContext>();
  private readonly logger = new Logger(Db.name);

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the pool's manager outside one. */
  get manager(): EntityManager {
    return this.als.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  /** Raw SQL with bind parameters, inside the current transaction if any. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, params);
  }

  /**
   * One statement that is a whole command by itself (a posting function). Inside a transaction
   * it joins it; outside one it runs alone — PostgreSQL makes a single statement atomic — so the
   * command costs one round trip instead of three (BEGIN, the statement, COMMIT). Deadlocks and
   * serialization failures are retried like `transaction()`.
   */
  async statement<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.inTransaction) return this.query<T>(sql, params);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.query(sql, params);
      } catch (err) {
        const code = sqlState(err);
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          await retryPause(attempt);
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Raises the current transaction's statement timeout (a long snapshot, an upload queued
   * behind another) and the client's read timeout with it, until the transaction ends.
   */
  async setLocalStatementTimeout(ms: number): Promise<void> {
    await this.query(`SELECT set_config('statement_timeout', $1, true)`, [String(ms)]);
    const ctx = this.als.getStore();
    const params = pgClientOf(ctx?.queryRunner)?.connectionParameters;
    if (!ctx || !params) return;
    if (!ctx.restoreReadTimeout) {
      const original = params.query_timeout;
      ctx.restoreReadTimeout = () => {
        params.query_timeout = original;
      };
    }
    params.query_timeout = ms + READ_TIMEOUT_MARGIN_MS;
  }

  /** Runs `fn` after the surrounding transaction commits (immediately when there is none). */
  async afterCommit(fn: () => void | Promise<void>): Promise<void> {
    const ctx = this.als.getStore();
    if (ctx) ctx.afterCommit.push(fn);
    else await fn();
  }

  /**
   * Runs `fn` in a transaction (joining the current one if already inside). Deadlocks and
   * serialization failures restart the whole function a bounded number of times, so they
   * never surface as a 500.
   */
  async transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const existing = this.als.getStore();
    if (existing) return fn(existing.manager);
    for (let attempt = 1; ; attempt++) {
      const queryRunner = this.dataSource.createQueryRunner();
      await queryRunner.connect();
      const ctx: TxContext = { manager: queryRunner.manager, queryRunner, afterCommit: [] };
      try {
        await queryRunner.startTransaction();
        const result = await this.als.run(ctx, () => fn(queryRunner.manager));
        await queryRunner.commitTransaction();
        for (const hook of ctx.afterCommit) {
          try {
            await hook();
          } catch (e) {
            this.logger.error(`after-commit hook failed: ${(e as Error).message}`);
          }
        }
        return result;
      } catch (err) {
        if (isReadTimeout(err)) {
          // The answer never came: throw the connection away (the server rolls back when it
          // notices) rather than queue a ROLLBACK behind the lost answer.
          ctx.restoreReadTimeout?.();
          await (queryRunner as unknown as { releasePostgresConnection?(e: unknown): Promise<void> }).releasePostgresConnection?.(err);
        } else if (queryRunner.isTransactionActive) {
          await queryRunner.rollbackTransaction().catch(() => undefined);
        }
        const code = sqlState(err);
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          await retryPause(attempt);
          continue;
        }
        throw err;
      } finally {
        ctx.restoreReadTimeout?.();
        await queryRunner.release();
      }
    }
  }
}

/** A short, jittered pause before the next attempt, so retried twins do not collide again. */
function retryPause(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 10)));
}

/** The PostgreSQL SQLSTATE of a driver error, wherever TypeORM wrapped it. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The violated constraint's name, for mapping unique violations to domain errors. */
export function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const c = e?.driverError?.constraint ?? e?.constraint;
  return typeof c === 'string' ? c : undefined;
}
