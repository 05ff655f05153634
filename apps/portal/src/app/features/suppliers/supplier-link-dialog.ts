import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Organization, SupplierAgreement } from '@stockbridge/shared';
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
  currencyValidator,
  decimalValidator,
  integerValidator,
} from '../../shared/forms/validators';
import { SuppliersClient } from './data/suppliers-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Component({
  selector: 'sb-supplier-link-dialog',
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
  templateUrl: './supplier-link-dialog.html',
  styles: `
    .code {
      font-weight: 600;
      margin-right: 8px;
    }
    .currency input {
      text-transform: uppercase;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupplierLinkDialog {
  private readonly client = inject(SuppliersClient);
  private readonly dialogRef =
    inject<MatDialogRef<SupplierLinkDialog, SupplierAgreement>>(MatDialogRef);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    supplierOrgId: ['', [Validators.required, Validators.maxLength(64)]],
    currency: ['CNY', [Validators.required, currencyValidator]],
    receiptTolerancePct: [
      '0',
      [
        Validators.required,
        decimalValidator({ maxDecimals: 4, min: 0, max: 100 }),
      ],
    ],
    paymentTermsDays: [
      '30',
      [Validators.required, integerValidator, Validators.max(365)],
    ],
  });
  protected readonly submission = new FormSubmission(
    this.form,
    'supplierOrgId',
  );

  /** Candidates seen in the suggestions, to name the one picked by id. */
  private readonly seen = signal<ReadonlyMap<string, Organization>>(new Map());
  private readonly orgId = toSignal(
    this.form.controls.supplierOrgId.valueChanges,
    { initialValue: '' },
  );
  protected readonly picked = computed(
    () => this.seen().get(this.orgId().trim()) ?? null,
  );

  protected readonly candidates = toSignal(
    this.form.controls.supplierOrgId.valueChanges.pipe(
      startWith(''),
      map((value) => value.trim()),
      debounceTime(250),
      distinctUntilChanged(),
      // A pasted organisation id is not a search term.
      switchMap((search) =>
        UUID.test(search) || this.seen().has(search)
          ? of(null)
          : this.client.candidates(search).pipe(
              map((page) => page.items),
              catchError(() => of([] as Organization[])),
            ),
      ),
      takeUntilDestroyed(),
    ),
    { initialValue: null },
  );

  protected readonly options = computed(() => this.candidates() ?? []);

  constructor() {
    this.form.controls.currency.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((value) => {
        if (value !== value.toUpperCase()) {
          this.form.controls.currency.setValue(value.toUpperCase(), {
            emitEvent: false,
          });
        }
      });
  }

  protected remember(org: Organization): void {
    this.seen.update((map) => new Map(map).set(org.id, org));
  }

  protected submit(): void {
    const { supplierOrgId, currency, receiptTolerancePct, paymentTermsDays } =
      this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.link({
          supplierOrgId: supplierOrgId.trim(),
          currency: currency.trim().toUpperCase(),
          receiptTolerancePct: receiptTolerancePct.trim(),
          paymentTermsDays: Number(paymentTermsDays.trim()),
        }),
      (agreement) => this.dialogRef.close(agreement),
    );
  }
}
