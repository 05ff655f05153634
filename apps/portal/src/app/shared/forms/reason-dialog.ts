import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { TranslationKey } from '../../core/i18n/en';
import { TranslationParams } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from './field-error';
import { FormSubmission } from './form-submission';
import { DialogForm } from './dialog-form';

export interface ReasonDialogData<R> {
  titleKey: TranslationKey;
  titleParams?: TranslationParams;
  /** What the action does, shown above the field. */
  messageKey?: TranslationKey;
  reasonLabelKey: TranslationKey;
  /** A reason must be given (reject, reverse) or may be left out (cancel, close short). */
  required: boolean;
  confirmKey: TranslationKey;
  /** Red confirm button for actions that cannot be undone. */
  destructive?: boolean;
  /** Sends the command; the dialog closes with its result, or shows the problem. */
  submit: (reason: string) => Observable<R>;
}

/**
 * Asks for a reason and runs one command with it (reject, cancel, close short, reverse). A
 * refusal (409 ALREADY_REVERSED, INSUFFICIENT_STOCK, INVALID_STATE…) stays in the dialog.
 */
@Component({
  selector: 'sb-reason-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | t: data.titleParams }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        [submitKey]="data.confirmKey"
        submitTestId="reason-submit"
        cancelKey="common.close"
        cancelTestId="reason-cancel"
        [destructive]="!!data.destructive"
      >
        <div class="sb-form">
          @if (data.messageKey) {
            <p class="message">{{ data.messageKey | t }}</p>
          }
          <mat-form-field>
            <mat-label>{{ data.reasonLabelKey | t }}</mat-label>
            <textarea
              matInput
              formControlName="reason"
              rows="3"
              data-testid="reason-input"
              [required]="data.required"
            ></textarea>
            <mat-error
              ><sb-field-error [errors]="form.controls.reason.errors"
            /></mat-error>
          </mat-form-field>
        </div>
      </sb-dialog-form>
    </form>
  `,
  styles: `
    .message {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialog<R> {
  protected readonly data = inject<ReasonDialogData<R>>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ReasonDialog<R>, R>>(MatDialogRef);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    reason: [
      '',
      this.data.required
        ? [Validators.required, Validators.maxLength(500)]
        : [Validators.maxLength(500)],
    ],
  });
  protected readonly submission = new FormSubmission(this.form);

  protected submit(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.submission.run(
      () => this.data.submit(reason),
      (result) => this.dialogRef.close(result),
    );
  }
}
