import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  FormBuilder,
  FormControl,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CallOff, MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  fromBusinessDate,
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import { decimalValidator } from '../../shared/forms/validators';
import { CallOffsClient } from './data/call-offs-client';

/**
 * The supplier confirms each line: the quantity it will deliver (0 = cannot) and the date it
 * promises. Confirming again while CONFIRMED revises the answer.
 */
@Component({
  selector: 'sb-confirm-call-off-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  providers: [provideBusinessDates()],
  template: `
    <h2 mat-dialog-title>
      {{ 'callOffs.confirmTitle' | t: { number: callOff.number } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="callOffs.confirm"
        submitTestId="confirm-submit"
      >
        <p class="hint">{{ 'callOffs.confirmHint' | t }}</p>
        <div formArrayName="lines">
          @for (line of form.controls.lines.controls; track line; let i = $index) {
            @let source = callOff.lines[i];
            <div class="line" [formGroupName]="i">
              <div class="what">
                <span class="mono code">{{ source.lineNo }}. {{ source.itemCode }}</span>
                <span class="muted">{{ source.itemDescription }}</span>
                <span class="ordered">
                  {{ 'callOffs.ordered' | t: { qty: source.qty, uom: source.uom, date: source.needBy } }}
                </span>
              </div>
              <mat-form-field>
                <mat-label>{{ 'callOffs.confirmedQty' | t }}</mat-label>
                <input
                  matInput
                  formControlName="confirmedQty"
                  inputmode="decimal"
                  autocomplete="off"
                  [attr.data-testid]="'confirm-qty-' + i"
                  required
                />
                <span matTextSuffix>{{ source.uom }}</span>
                <mat-error
                  ><sb-field-error [errors]="line.controls.confirmedQty.errors"
                /></mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'callOffs.promisedDate' | t }}</mat-label>
                <input
                  matInput
                  [matDatepicker]="picker"
                  formControlName="promisedDate"
                  placeholder="YYYY-MM-DD"
                  autocomplete="off"
                  [attr.data-testid]="'confirm-date-' + i"
                  required
                />
                <mat-datepicker-toggle matIconSuffix [for]="picker" />
                <mat-datepicker #picker />
                <mat-error
                  ><sb-field-error [errors]="line.controls.promisedDate.errors"
                /></mat-error>
              </mat-form-field>
            </div>
          }
        </div>
      </sb-dialog-form>
    </form>
  `,
  styles: `
    .hint {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .line {
      display: grid;
      grid-template-columns: minmax(200px, 1.4fr) minmax(140px, 1fr) minmax(170px, 1fr);
      gap: 0 12px;
      align-items: start;
    }
    .what {
      display: flex;
      flex-direction: column;
      padding-top: 6px;
      font: var(--mat-sys-body-medium);
    }
    .code {
      font-weight: 600;
    }
    .ordered {
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmCallOffDialog {
  protected readonly callOff = inject<CallOff>(MAT_DIALOG_DATA);
  private readonly client = inject(CallOffsClient);
  private readonly dialogRef =
    inject<MatDialogRef<ConfirmCallOffDialog, CallOff>>(MatDialogRef);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly form = this.fb.group({
    lines: this.fb.array(
      this.callOff.lines.map((line) =>
        this.fb.group({
          lineId: [line.id],
          confirmedQty: [
            line.confirmedQty ?? line.qty,
            [
              Validators.required,
              decimalValidator({ maxDecimals: MAX_QTY_DECIMALS }),
            ],
          ],
          promisedDate: new FormControl<Date | null>(
            fromBusinessDate(line.promisedDate ?? line.needBy),
            Validators.required,
          ),
        }),
      ),
    ),
  });
  protected readonly submission = new FormSubmission(this.form);

  protected submit(): void {
    const { lines } = this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.confirm(this.callOff.id, {
          lines: lines.map((l) => ({
            lineId: l.lineId,
            confirmedQty: l.confirmedQty.trim(),
            promisedDate: toBusinessDate(l.promisedDate) ?? '',
          })),
        }),
      (callOff) => this.dialogRef.close(callOff),
    );
  }
}
