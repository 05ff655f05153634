import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Item, MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import { codeValidator } from '../../shared/forms/validators';
import { ItemsClient } from './data/items-client';

@Component({
  selector: 'sb-item-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'items.dialogTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="common.create"
        submitTestId="item-submit"
      >
        <div class="sb-form">
          <mat-form-field>
            <mat-label>{{ 'items.code' | t }}</mat-label>
            <input
              matInput
              formControlName="code"
              data-testid="item-code"
              autocomplete="off"
              required
            />
            <mat-error
              ><sb-field-error [errors]="form.controls.code.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'items.description' | t }}</mat-label>
            <input
              matInput
              formControlName="description"
              data-testid="item-description"
              autocomplete="off"
              required
            />
            <mat-error
              ><sb-field-error [errors]="form.controls.description.errors"
            /></mat-error>
          </mat-form-field>
          <div class="sb-form-row">
            <mat-form-field>
              <mat-label>{{ 'items.uom' | t }}</mat-label>
              <input
                matInput
                formControlName="uom"
                data-testid="item-uom"
                autocomplete="off"
                required
              />
              <mat-hint>{{ 'items.uomHint' | t }}</mat-hint>
              <mat-error
                ><sb-field-error [errors]="form.controls.uom.errors"
              /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'items.decimals' | t }}</mat-label>
              <mat-select
                formControlName="decimals"
                data-testid="item-decimals"
                required
              >
                @for (n of decimalChoices; track n) {
                  <mat-option
                    [value]="n"
                    [attr.data-testid]="'item-decimals-' + n"
                    >{{ n }}</mat-option
                  >
                }
              </mat-select>
              <mat-hint>{{ 'items.decimalsHint' | t }}</mat-hint>
              <mat-error
                ><sb-field-error [errors]="form.controls.decimals.errors"
              /></mat-error>
            </mat-form-field>
          </div>
        </div>
      </sb-dialog-form>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ItemFormDialog {
  private readonly client = inject(ItemsClient);
  private readonly dialogRef =
    inject<MatDialogRef<ItemFormDialog, Item>>(MatDialogRef);

  /** 0–6: how many decimals a quantity of the item may carry. */
  protected readonly decimalChoices = Array.from(
    { length: MAX_QTY_DECIMALS + 1 },
    (_, n) => n,
  );
  protected readonly form = inject(FormBuilder).nonNullable.group({
    code: ['', [Validators.required, Validators.maxLength(40), codeValidator]],
    description: ['', [Validators.required, Validators.maxLength(500)]],
    uom: [
      'PCS',
      [Validators.required, Validators.maxLength(10), codeValidator],
    ],
    decimals: [
      0,
      [
        Validators.required,
        Validators.min(0),
        Validators.max(MAX_QTY_DECIMALS),
      ],
    ],
  });
  protected readonly submission = new FormSubmission(this.form, 'code');

  protected submit(): void {
    const { code, description, uom, decimals } = this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.create({
          code: code.trim(),
          description: description.trim(),
          uom: uom.trim().toUpperCase(),
          decimals,
        }),
      (item) => this.dialogRef.close(item),
    );
  }
}
