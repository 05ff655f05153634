import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Statement, StatementLine, StatementSummary } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DialogForm } from '../../shared/forms/dialog-form';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { StatementsClient } from './data/statements-client';

export interface DisputeStatementData {
  statement: StatementSummary;
  /** The lines the supplier ticked, in line order. */
  lines: readonly StatementLine[];
}

/** The supplier disputes the ticked lines of an ISSUED statement, a comment for each. */
@Component({
  selector: 'sb-dispute-statement-dialog',
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
    <h2 mat-dialog-title>
      {{ 'statements.disputeTitle' | t: { number: data.statement.number } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="statements.disputeSubmit"
        submitTestId="statement-dispute-submit"
        [destructive]="true"
      >
        <div class="sb-form">
          <p class="message">{{ 'statements.disputeMessage' | t }}</p>
          <div formArrayName="lines">
            @for (line of data.lines; track line.id; let i = $index) {
              <div class="line" [formGroupName]="i">
                <div class="what mono">
                  #{{ line.lineNo }} · {{ line.effectiveAt }} · {{ line.itemCode }} ·
                  {{ line.qty }} × {{ line.unitPrice }} = {{ line.amount }} {{ line.currency }}
                  @if (line.reference) {
                    · {{ line.reference }}
                  }
                </div>
                <mat-form-field>
                  <mat-label>{{
                    'statements.disputeLineComment' | t: { n: line.lineNo }
                  }}</mat-label>
                  <textarea
                    matInput
                    formControlName="comment"
                    rows="2"
                    required
                    [attr.data-testid]="'dispute-comment-' + line.lineNo"
                  ></textarea>
                  <mat-error
                    ><sb-field-error [errors]="lineComment(i).errors"
                  /></mat-error>
                </mat-form-field>
              </div>
            }
          </div>
          <mat-form-field>
            <mat-label>{{ 'statements.disputeComment' | t }}</mat-label>
            <textarea
              matInput
              formControlName="comment"
              rows="2"
              data-testid="dispute-comment"
            ></textarea>
            <mat-error
              ><sb-field-error [errors]="form.controls.comment.errors"
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
    .what {
      font: var(--mat-sys-body-small);
      margin-bottom: 4px;
    }
    .line mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisputeStatementDialog {
  protected readonly data = inject<DisputeStatementData>(MAT_DIALOG_DATA);
  private readonly client = inject(StatementsClient);
  private readonly dialogRef =
    inject<MatDialogRef<DisputeStatementDialog, Statement>>(MatDialogRef);

  protected readonly form = new FormGroup({
    lines: new FormArray(
      this.data.lines.map(
        () =>
          new FormGroup({
            comment: new FormControl('', {
              nonNullable: true,
              validators: [Validators.required, Validators.maxLength(2000)],
            }),
          }),
      ),
    ),
    comment: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(2000)],
    }),
  });
  protected readonly submission = new FormSubmission(this.form);

  protected lineComment(i: number): FormControl<string> {
    return this.form.controls.lines.at(i).controls.comment;
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    const comment = v.comment.trim();
    this.submission.run(
      () =>
        this.client.dispute(this.data.statement.id, {
          lines: this.data.lines.map((line, i) => ({
            lineId: line.id,
            comment: (v.lines[i]?.comment ?? '').trim(),
          })),
          ...(comment ? { comment } : {}),
        }),
      (statement) => this.dialogRef.close(statement),
    );
  }
}
