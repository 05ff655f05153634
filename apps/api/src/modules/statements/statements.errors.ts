import type { StatementStatus } from '@stockbridge/shared';
import { AppError, notFound } from '../../common/errors';

export const statementNotFound = () => notFound('Statement');

/** 409 INVALID_STATE naming the status the statement is in and what the action needs. */
export const statementInvalidState = (number: string, status: StatementStatus, action: string, allowed: StatementStatus) =>
  new AppError('INVALID_STATE', `Statement ${number} is ${status}; it can be ${action} only when ${allowed}`, undefined, {
    statementStatus: status,
  });

/**
 * 409 INVALID_STATE: the ledger changed under a draft (a transfer or a stock movement dated in
 * or before its period was posted after the draft was made). Issuing it would close the period
 * on content that is no longer the truth; finance creates a new statement instead.
 */
export const statementStale = (number: string, what: string) =>
  new AppError(
    'INVALID_STATE',
    `Statement ${number} is stale: ${what} since it was created. Regenerate it (POST /statements) and issue the new draft`,
    undefined,
    { reason: 'STALE_DRAFT' },
  );

/** 409 PERIOD_CLOSED: the period overlaps one an issued statement already closed for that supplier. */
export const periodAlreadyClosed = (number: string, closedBy: string | null, from: string, to: string) =>
  new AppError(
    'PERIOD_CLOSED',
    `Statement ${number} cannot be issued: ${from}..${to} is already closed for this supplier${closedBy ? ` by ${closedBy}` : ''}`,
    undefined,
    { closedFrom: from, closedTo: to, closedByStatement: closedBy },
  );
