import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { Statement, StatementSummary } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DialogForm } from '../../shared/forms/dialog-form';
import { FormSubmission } from '../../shared/forms/form-submission';
import { StatementsClient } from './data/statements-client';

/**
 * Confirms the issue of a draft and says what it does: the period closes for that supplier
 * (postings dated inside are refused afterwards, reversals too) and overlapping drafts are
 * superseded. A refusal (409 INVALID_STATE for a stale draft, PERIOD_CLOSED) stays in the dialog.
 */
@Component({
  selector: 'sb-issue-statement-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, TranslatePipe, DialogForm],
  template: `
    <h2 mat-dialog-title>
      {{ 'statements.issueTitle' | t: { number: data.number } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="statements.issueConfirm"
        submitTestId="statement-issue-confirm"
        cancelTestId="statement-issue-cancel"
        [destructive]="true"
      >
        <p class="message" data-testid="statement-issue-message">
          {{
            'statements.issueMessage'
              | t
                : {
                    from: data.periodFrom,
                    to: data.periodTo,
                    supplier: data.supplierName,
                  }
          }}
        </p>
        <p class="hash">
          <span class="muted">{{ 'statements.hash' | t }}</span
          ><br /><code>{{ data.contentSha256 }}</code>
        </p>
      </sb-dialog-form>
    </form>
  `,
  styles: `
    .message {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
    .hash {
      margin: 0;
      font: var(--mat-sys-body-small);
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IssueStatementDialog {
  protected readonly data = inject<StatementSummary>(MAT_DIALOG_DATA);
  private readonly client = inject(StatementsClient);
  private readonly dialogRef =
    inject<MatDialogRef<IssueStatementDialog, Statement>>(MatDialogRef);

  protected readonly form = new FormGroup({});
  protected readonly submission = new FormSubmission(this.form);

  protected submit(): void {
    this.submission.run(
      () => this.client.issue(this.data.id),
      (statement) => this.dialogRef.close(statement),
    );
  }
}
