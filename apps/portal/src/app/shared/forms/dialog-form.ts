import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import type { TranslationKey } from '../../core/i18n/en';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormSubmission } from './form-submission';
import { ProblemAlert } from './problem-alert';

/**
 * The body of every create/edit dialog: the form-level problem, the projected fields, and
 * Cancel + Submit (disabled and relabelled while the request runs). It sits INSIDE the
 * dialog's own `<form [formGroup] (ngSubmit)>`: projected `formControlName`s resolve their
 * form group from the declaring dialog, and the submit button submits that form.
 */
@Component({
  selector: 'sb-dialog-form',
  imports: [MatDialogModule, MatButtonModule, TranslatePipe, ProblemAlert],
  template: `
    <mat-dialog-content>
      <sb-problem-alert
        [problem]="submission().problem()"
        [unmatched]="submission().unmatched()"
      />
      <ng-content />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        mat-button
        type="button"
        mat-dialog-close
        [attr.data-testid]="cancelTestId()"
      >
        {{ cancelKey() | t }}
      </button>
      <button
        mat-flat-button
        type="submit"
        [class.destructive]="destructive()"
        [disabled]="submission().pending()"
        [attr.data-testid]="submitTestId()"
      >
        {{ (submission().pending() ? 'common.saving' : submitKey()) | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    :host {
      display: contents;
    }
    .destructive {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DialogForm {
  readonly submission = input.required<FormSubmission>();
  /** Translation key of the submit button (e.g. `common.create`). */
  readonly submitKey = input.required<TranslationKey>();
  readonly submitTestId = input.required<string>();
  readonly cancelKey = input<TranslationKey>('common.cancel');
  readonly cancelTestId = input<string | null>(null);
  readonly destructive = input(false);
}
