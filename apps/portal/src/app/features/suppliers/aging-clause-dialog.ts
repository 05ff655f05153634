import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { AgingClauseRequest, SupplierAgreement } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DialogForm } from '../../shared/forms/dialog-form';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { integerValidator } from '../../shared/forms/validators';
import { SuppliersClient } from './data/suppliers-client';

/** The agreement whose clause is edited. */
export interface AgingClauseDialogData {
  agreement: SupplierAgreement;
}

/** A new agreement's notice when it never had one (the API's default). */
const DEFAULT_NOTICE_DAYS = 14;

/**
 * Sets, changes or removes a supplier agreement's consignment aging clause
 * (PUT /suppliers/{id}/aging-clause). Switched off, the clause is removed
 * (`maxConsignmentDays: null`) and the notice days are kept for a later clause. Whole numbers
 * and lower bounds are checked here; the upper bounds (3650, 365) are the API's, and its
 * problem+json field errors land under the fields.
 */
@Component({
  selector: 'sb-aging-clause-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ 'aging.dialogTitle' | t: { name: data.agreement.supplierName } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="common.save"
        submitTestId="aging-submit"
        cancelTestId="aging-cancel"
      >
        <p class="intro">{{ 'aging.intro' | t }}</p>
        <div class="sb-form">
          <mat-slide-toggle
            formControlName="enabled"
            data-testid="aging-enabled"
          >
            {{ 'aging.enabled' | t }}
          </mat-slide-toggle>
          @if (enabled()) {
            <mat-form-field>
              <mat-label>{{ 'aging.maxDays' | t }}</mat-label>
              <input
                matInput
                formControlName="maxConsignmentDays"
                inputmode="numeric"
                autocomplete="off"
                data-testid="aging-max-days"
                required
              />
              <mat-hint>{{ 'aging.maxDaysHint' | t }}</mat-hint>
              <mat-error data-testid="aging-max-days-error"
                ><sb-field-error
                  [errors]="form.controls.maxConsignmentDays.errors"
              /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'aging.noticeDays' | t }}</mat-label>
              <input
                matInput
                formControlName="agingNoticeDays"
                inputmode="numeric"
                autocomplete="off"
                data-testid="aging-notice-days"
                required
              />
              <mat-hint>{{ 'aging.noticeDaysHint' | t }}</mat-hint>
              <mat-error data-testid="aging-notice-days-error"
                ><sb-field-error
                  [errors]="form.controls.agingNoticeDays.errors"
              /></mat-error>
            </mat-form-field>
          } @else {
            <p class="note" data-testid="aging-off-note">
              {{ 'aging.offNote' | t }}
            </p>
          }
        </div>
      </sb-dialog-form>
    </form>
  `,
  styles: `
    .intro,
    .note {
      margin: 0 0 16px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      max-width: 60ch;
    }
    .note {
      margin: 8px 0 0;
    }
    mat-slide-toggle {
      margin-bottom: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgingClauseDialog {
  protected readonly data = inject<AgingClauseDialogData>(MAT_DIALOG_DATA);
  private readonly client = inject(SuppliersClient);
  private readonly dialogRef =
    inject<MatDialogRef<AgingClauseDialog, SupplierAgreement>>(MatDialogRef);

  private readonly current = this.data.agreement;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    enabled: [this.current.maxConsignmentDays != null],
    maxConsignmentDays: [
      this.current.maxConsignmentDays != null
        ? String(this.current.maxConsignmentDays)
        : '',
      [Validators.required, integerValidator, Validators.min(1)],
    ],
    agingNoticeDays: [
      String(this.current.agingNoticeDays ?? DEFAULT_NOTICE_DAYS),
      [Validators.required, integerValidator, Validators.min(0)],
    ],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly enabled = toSignal(
    this.form.controls.enabled.valueChanges,
    { initialValue: this.form.controls.enabled.value },
  );

  constructor() {
    // A switched-off clause sends no days: its fields neither validate nor block the save.
    const sync = (on: boolean) => {
      for (const control of [
        this.form.controls.maxConsignmentDays,
        this.form.controls.agingNoticeDays,
      ]) {
        if (on) control.enable({ emitEvent: false });
        else control.disable({ emitEvent: false });
      }
    };
    sync(this.form.controls.enabled.value);
    this.form.controls.enabled.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(sync);
  }

  protected submit(): void {
    const { enabled, maxConsignmentDays, agingNoticeDays } =
      this.form.getRawValue();
    const body: AgingClauseRequest = enabled
      ? {
          maxConsignmentDays: Number(maxConsignmentDays.trim()),
          agingNoticeDays: Number(agingNoticeDays.trim()),
        }
      : { maxConsignmentDays: null };
    this.submission.run(
      () => this.client.putAgingClause(this.current.supplierOrgId, body),
      (agreement) => this.dialogRef.close(agreement),
    );
  }
}
