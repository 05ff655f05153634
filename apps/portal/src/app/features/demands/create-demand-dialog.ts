import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Demand, Item, MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { ItemField } from '../../shared/directory/item-field';
import { daysFromToday, provideBusinessDates, toBusinessDate } from '../../shared/forms/business-date';
import { DialogForm } from '../../shared/forms/dialog-form';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { decimalValidator, positiveValidator } from '../../shared/forms/validators';
import { DemandsClient } from './data/demands-client';

/** Enter one demand: item, location, quantity (within the item's decimals), need-by, reference. */
@Component({
  selector: 'sb-create-demand-dialog',
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
    ItemField,
  ],
  providers: [provideBusinessDates()],
  template: `
    <h2 mat-dialog-title>{{ 'demands.dialogTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form [submission]="submission" submitKey="common.create" submitTestId="demand-submit">
        <div class="sb-form">
          <sb-item-field
            [control]="form.controls.itemCode"
            [label]="'demands.item' | t"
            testId="demand-item"
            [required]="true"
            (picked)="pick($event)"
          />
          <mat-form-field>
            <mat-label>{{ 'demands.location' | t }}</mat-label>
            <mat-select formControlName="locationCode" data-testid="demand-location" required>
              @for (l of locations.all(); track l.id) {
                <mat-option [value]="l.code" [attr.data-testid]="'demand-location-' + l.code">{{ l.code }} · {{ l.name }}</mat-option>
              }
            </mat-select>
            <mat-error><sb-field-error [errors]="form.controls.locationCode.errors" /></mat-error>
          </mat-form-field>
          <div class="sb-form-row">
            <mat-form-field>
              <mat-label>{{ 'demands.qty' | t }}</mat-label>
              <input matInput formControlName="qty" inputmode="decimal" autocomplete="off" data-testid="demand-qty" required />
              @if (decimals() !== null) {
                <mat-hint>{{ 'demands.qtyHint' | t: { n: decimals() ?? 0 } }}</mat-hint>
              }
              <mat-error><sb-field-error [errors]="form.controls.qty.errors" /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'demands.needBy' | t }}</mat-label>
              <input matInput [matDatepicker]="picker" formControlName="needBy" autocomplete="off" data-testid="demand-need-by" required />
              <mat-datepicker-toggle matIconSuffix [for]="picker" />
              <mat-datepicker #picker />
              <mat-error><sb-field-error [errors]="form.controls.needBy.errors" /></mat-error>
            </mat-form-field>
          </div>
          <mat-form-field>
            <mat-label>{{ 'demands.reference' | t }}</mat-label>
            <input matInput formControlName="reference" autocomplete="off" data-testid="demand-reference" />
            <mat-hint>{{ 'demands.referenceHint' | t }}</mat-hint>
            <mat-error><sb-field-error [errors]="form.controls.reference.errors" /></mat-error>
          </mat-form-field>
        </div>
      </sb-dialog-form>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateDemandDialog {
  private readonly client = inject(DemandsClient);
  private readonly dialogRef = inject<MatDialogRef<CreateDemandDialog, Demand>>(MatDialogRef);
  protected readonly locations = inject(LocationDirectory);

  /** The picked item's decimals; null until an item is picked from the suggestions. */
  protected readonly decimals = signal<number | null>(null);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    itemCode: ['', [Validators.required, Validators.maxLength(40)]],
    locationCode: ['', Validators.required],
    qty: ['', [Validators.required, decimalValidator({ maxDecimals: MAX_QTY_DECIMALS }), positiveValidator]],
    needBy: new FormControl<Date | null>(daysFromToday(14), Validators.required),
    reference: ['', Validators.maxLength(100)],
  });
  protected readonly submission = new FormSubmission(this.form);

  protected pick(item: Item): void {
    this.decimals.set(item.decimals);
    const qty = this.form.controls.qty;
    qty.setValidators([Validators.required, decimalValidator({ maxDecimals: item.decimals }), positiveValidator]);
    qty.updateValueAndValidity();
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.create({
          itemCode: v.itemCode.trim(),
          locationCode: v.locationCode,
          qty: v.qty.trim(),
          needBy: toBusinessDate(v.needBy) ?? '',
          ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
        }),
      (demand) => this.dialogRef.close(demand),
    );
  }
}
