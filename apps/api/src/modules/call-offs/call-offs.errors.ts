import type { CallOffStatus, ProblemFieldError } from '@stockbridge/shared';
import { AppError, notFound, unprocessable, validationFailed } from '../../common/errors';

export const callOffNotFound = () => notFound('Call-off');

/** 409 INVALID_STATE naming the status the call-off is in and what the action needs. */
export const callOffInvalidState = (number: string, status: CallOffStatus, action: string, allowed: readonly string[]) =>
  new AppError('INVALID_STATE', `Call-off ${number} is ${status}; it can be ${action} only when ${allowed.join(' or ')}`, undefined, {
    callOffStatus: status,
  });

/**
 * Field errors of a chain request, split by what they mean: malformed values (400) and values
 * that are well-formed but refused by the business data (422). Malformed ones are reported first.
 */
export class ChainFieldErrors {
  private readonly malformed: ProblemFieldError[] = [];
  private readonly refused: ProblemFieldError[] = [];

  bad(path: string, message: string, value?: unknown): void {
    this.malformed.push({ path, message, ...(value !== undefined ? { value } : {}) });
  }

  refuse(path: string, message: string, value?: unknown): void {
    this.refused.push({ path, message, ...(value !== undefined ? { value } : {}) });
  }

  throwIfAny(): void {
    if (this.malformed.length) throw validationFailed(this.malformed.map((e) => `${e.path}: ${e.message}`).join('; '), this.malformed);
    if (this.refused.length) throw unprocessable(this.refused.map((e) => `${e.path}: ${e.message}`).join('; '), this.refused);
  }
}
