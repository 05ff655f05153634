import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Item, MAX_QTY_DECIMALS, PriceListEntry } from '@stockbridge/shared';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import {
  decimalValidator,
  integerValidator,
} from '../../shared/forms/validators';
import { ItemsClient } from '../items/data/items-client';
import { PriceListClient } from './data/price-list-client';

export interface PriceEntryDialogData {
  supplierOrgId: string;
  /** The entry being edited; absent when adding an item to the price list. */
  entry?: PriceListEntry;
  currency?: string;
}

@Component({
  selector: 'sb-price-entry-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  templateUrl: './price-entry-dialog.html',
  styles: `
    .note {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .code {
      font-weight: 600;
      margin-right: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PriceEntryDialog {
  protected readonly data = inject<PriceEntryDialogData>(MAT_DIALOG_DATA);
  private readonly client = inject(PriceListClient);
  private readonly items = inject(ItemsClient);
  private readonly dialogRef =
    inject<MatDialogRef<PriceEntryDialog, PriceListEntry>>(MatDialogRef);

  protected readonly editing = !!this.data.entry;
  protected readonly currency =
    this.data.entry?.currency ?? this.data.currency ?? '';
  protected readonly form = inject(FormBuilder).nonNullable.group({
    itemCode: [
      { value: this.data.entry?.itemCode ?? '', disabled: this.editing },
      [Validators.required, Validators.maxLength(40)],
    ],
    supplierSku: [
      this.data.entry?.supplierSku ?? '',
      [Validators.required, Validators.maxLength(64)],
    ],
    unitPrice: [
      this.data.entry?.unitPrice ?? '',
      [
        Validators.required,
        decimalValidator({ maxDecimals: MAX_QTY_DECIMALS, min: 0 }),
      ],
    ],
    leadTimeDays: [
      String(this.data.entry?.leadTimeDays ?? ''),
      [Validators.required, integerValidator, Validators.max(365)],
    ],
  });
  protected readonly submission = new FormSubmission(this.form, 'itemCode');

  /** Suggestions from the buyer's item master while adding a new entry. */
  protected readonly itemOptions = toSignal(
    this.form.controls.itemCode.valueChanges.pipe(
      startWith(''),
      map((value) => value.trim()),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((search) =>
        this.editing
          ? of([] as Item[])
          : this.items
              .list(
                { limit: 20, cursor: null, sort: null, order: null },
                { search },
              )
              .pipe(
                map((page) => page.items),
                catchError(() => of([] as Item[])),
              ),
      ),
    ),
    { initialValue: null },
  );

  protected submit(): void {
    const { itemCode, supplierSku, unitPrice, leadTimeDays } =
      this.form.getRawValue();
    const code = itemCode.trim();
    this.submission.run(
      () =>
        this.client.put(this.data.supplierOrgId, code, {
          supplierSku: supplierSku.trim(),
          unitPrice: unitPrice.trim(),
          leadTimeDays: Number(leadTimeDays.trim()),
        }),
      (entry) => this.dialogRef.close(entry),
    );
  }
}
