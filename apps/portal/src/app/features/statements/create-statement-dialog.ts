import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Statement } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { OrgDirectory } from '../../shared/directory/org-directory';
import {
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { DialogForm } from '../../shared/forms/dialog-form';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { StatementsClient } from './data/statements-client';

/** Both dates set and the last day before the first: `{periodOrder: true}` on the group. */
function periodOrder(group: AbstractControl): ValidationErrors | null {
  const from = toBusinessDate(group.get('periodFrom')?.value as Date | null);
  const to = toBusinessDate(group.get('periodTo')?.value as Date | null);
  return from && to && to < from ? { periodOrder: true } : null;
}

/** The previous calendar month, the usual settlement period. */
function lastMonth(): { from: Date; to: Date } {
  const now = new Date();
  return {
    from: new Date(now.getFullYear(), now.getMonth() - 1, 1),
    to: new Date(now.getFullYear(), now.getMonth(), 0),
  };
}

/** Finance creates a DRAFT for one supplier and an inclusive period; the dialog closes with it. */
@Component({
  selector: 'sb-create-statement-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  providers: [provideBusinessDates()],
  template: `
    <h2 mat-dialog-title>{{ 'statements.createTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="statements.create"
        submitTestId="statement-create-submit"
      >
        <div class="sb-form">
          <p class="message">{{ 'statements.createMessage' | t }}</p>
          <mat-form-field>
            <mat-label>{{ 'statements.supplier' | t }}</mat-label>
            <mat-select
              formControlName="supplierOrgId"
              data-testid="statement-create-supplier"
              required
            >
              @for (o of orgs.partners(); track o.id) {
                <mat-option
                  [value]="o.id"
                  [attr.data-testid]="'supplier-option-' + o.code"
                  >{{ o.name }} ({{ o.code }})</mat-option
                >
              }
            </mat-select>
            <mat-error
              ><sb-field-error [errors]="form.controls.supplierOrgId.errors"
            /></mat-error>
          </mat-form-field>
          <div class="sb-form-row">
            <mat-form-field>
              <mat-label>{{ 'statements.periodFrom' | t }}</mat-label>
              <input
                matInput
                [matDatepicker]="fromPicker"
                formControlName="periodFrom"
                placeholder="YYYY-MM-DD"
                autocomplete="off"
                data-testid="statement-create-from"
                required
              />
              <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
              <mat-datepicker #fromPicker />
              <mat-error
                ><sb-field-error [errors]="form.controls.periodFrom.errors"
              /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'statements.periodTo' | t }}</mat-label>
              <input
                matInput
                [matDatepicker]="toPicker"
                formControlName="periodTo"
                placeholder="YYYY-MM-DD"
                autocomplete="off"
                data-testid="statement-create-to"
                required
              />
              <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
              <mat-datepicker #toPicker />
              <mat-error
                ><sb-field-error [errors]="form.controls.periodTo.errors"
              /></mat-error>
            </mat-form-field>
          </div>
          @if (form.hasError('periodOrder') && form.touched) {
            <p class="order" role="alert" data-testid="statement-create-order">
              {{ 'statements.periodOrder' | t }}
            </p>
          }
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
    .order {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateStatementDialog {
  private readonly client = inject(StatementsClient);
  private readonly dialogRef =
    inject<MatDialogRef<CreateStatementDialog, Statement>>(MatDialogRef);
  protected readonly orgs = inject(OrgDirectory);

  private readonly period = lastMonth();
  protected readonly form = new FormGroup(
    {
      supplierOrgId: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      periodFrom: new FormControl<Date | null>(this.period.from, [
        Validators.required,
      ]),
      periodTo: new FormControl<Date | null>(this.period.to, [
        Validators.required,
      ]),
    },
    { validators: periodOrder },
  );
  protected readonly submission = new FormSubmission(this.form);

  protected submit(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.create({
          supplierOrgId: v.supplierOrgId,
          periodFrom: toBusinessDate(v.periodFrom) ?? '',
          periodTo: toBusinessDate(v.periodTo) ?? '',
        }),
      (statement) => this.dialogRef.close(statement),
    );
  }
}
