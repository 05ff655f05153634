import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslationKey } from '../i18n/en';
import { I18nService, TranslationParams } from '../i18n/i18n.service';
import { ClientProblem } from '../http/problem';
import { ProblemMessages } from '../http/problem-messages';

/** Short confirmations and failures in a snackbar, always translated. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly problems = inject(ProblemMessages);

  success(key: TranslationKey, params?: TranslationParams): void {
    this.open(this.i18n.t(key, params), 'sb-snack-success', 4000);
  }

  info(key: TranslationKey, params?: TranslationParams): void {
    this.open(this.i18n.t(key, params), 'sb-snack-info', 4000);
  }

  problem(problem: ClientProblem): void {
    this.open(this.problems.message(problem), 'sb-snack-error', 8000);
  }

  private open(message: string, panelClass: string, duration: number): void {
    this.snackBar.open(message, this.i18n.t('common.close'), {
      duration,
      panelClass,
    });
  }
}
