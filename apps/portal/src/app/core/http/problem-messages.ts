import { Injectable, inject } from '@angular/core';
import { ProblemFieldError } from '@stockbridge/shared';
import { I18nService } from '../i18n/i18n.service';
import { ClientProblem } from './problem';

/**
 * What a person reads when the API refuses something. Problems are translated by their
 * `code`, so a Chinese screen shows Chinese; in English the server's own `detail` is shown
 * when it has one, as it usually names the record (e.g. which code is a duplicate).
 */
@Injectable({ providedIn: 'root' })
export class ProblemMessages {
  private readonly i18n = inject(I18nService);

  message(problem: ClientProblem): string {
    if (this.i18n.lang() === 'en' && problem.detail) return problem.detail;
    const key = `errors.${problem.code}`;
    return this.i18n.has(key)
      ? this.i18n.t(key, { status: problem.status })
      : problem.detail;
  }

  /** One entry of a problem's `errors[]`. */
  fieldMessage(error: Pick<ProblemFieldError, 'code' | 'message'>): string {
    const rowKey = `rowError.${error.code ?? ''}`;
    if (this.i18n.has(rowKey)) return this.i18n.t(rowKey);
    if (this.i18n.lang() === 'en')
      return error.message || this.i18n.t('validation.invalid');
    return error.message
      ? this.i18n.t('validation.server', { message: error.message })
      : this.i18n.t('validation.invalid');
  }
}
