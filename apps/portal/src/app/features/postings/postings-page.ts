import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  FormBuilder,
  FormControl,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import {
  AdjustmentResponse,
  ConsumptionResponse,
  MAX_QTY_DECIMALS,
  ReturnResponse,
} from '@stockbridge/shared';
import { Observable, debounceTime, map, startWith } from 'rxjs';
import { TranslationKey } from '../../core/i18n/en';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { isNegativeQty, isPositiveQty, sumDecimals } from '../../shared/decimal';
import { ItemField } from '../../shared/directory/item-field';
import { LocationDirectory } from '../../shared/directory/location-directory';
import {
  OrgDirectory,
  OrgNamePipe,
} from '../../shared/directory/org-directory';
import {
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import {
  decimalValidator,
  positiveValidator,
} from '../../shared/forms/validators';
import { PageHeader } from '../../shared/ui/page-header';
import { LedgerClient } from '../ledger/data/ledger-client';
import { StockHint } from '../stock/stock-hint';

export const POSTING_KINDS = ['consumption', 'return', 'adjustment'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

type PostingResult =
  | { kind: 'consumption'; response: ConsumptionResponse }
  | { kind: 'return'; response: ReturnResponse }
  | { kind: 'adjustment'; response: AdjustmentResponse };

const TAB_KEYS: Record<PostingKind, TranslationKey> = {
  consumption: 'postings.consumption',
  return: 'postings.return',
  adjustment: 'postings.adjustment',
};

/**
 * The warehouse's stock movements at a VMI site: consumption (title passes to the buyer,
 * FIFO, priced), return to the supplier, and cycle-count adjustment. One form, three tabs.
 */
@Component({
  selector: 'sb-postings-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatTabsModule,
    RouterLink,
    PageHeader,
    ItemField,
    StockHint,
    FieldError,
    ProblemAlert,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './postings-page.html',
  styleUrl: './postings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostingsPage {
  /** Route parameter: which movement. */
  readonly kind = input<string>('consumption');
  /** The route's movement, or consumption for an unknown one. */
  protected readonly current = computed<PostingKind>(() => {
    const kind = this.kind();
    return (POSTING_KINDS as readonly string[]).includes(kind)
      ? (kind as PostingKind)
      : 'consumption';
  });

  private readonly client = inject(LedgerClient);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly locations = inject(LocationDirectory);
  protected readonly orgs = inject(OrgDirectory);

  protected readonly tabs = POSTING_KINDS.map((kind) => ({
    kind,
    labelKey: TAB_KEYS[kind],
  }));

  protected readonly form = this.fb.group({
    locationCode: ['', Validators.required],
    itemCode: ['', [Validators.required, Validators.maxLength(40)]],
    qty: [''],
    supplierOrgId: [''],
    reason: ['', Validators.maxLength(500)],
    reference: ['', Validators.maxLength(200)],
    effectiveDate: new FormControl<Date | null>(null),
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly result = signal<PostingResult | null>(null);
  protected readonly refresh = signal(0);

  protected readonly hintLocation = toSignal(
    this.form.controls.locationCode.valueChanges,
    { initialValue: '' },
  );
  protected readonly hintItem = toSignal(
    this.form.controls.itemCode.valueChanges.pipe(
      startWith(''),
      debounceTime(400),
      map((v) => v.trim()),
    ),
    { initialValue: '' },
  );

  protected readonly qtyLabel = computed<TranslationKey>(() =>
    this.current() === 'adjustment' ? 'postings.countedQty' : 'postings.qty',
  );

  /** Consumption totals per currency (exact decimal sums). */
  protected readonly totals = computed(() => {
    const r = this.result();
    if (r?.kind !== 'consumption') return [];
    const byCurrency = new Map<string, string[]>();
    for (const t of r.response.transfers) {
      byCurrency.set(t.currency, [...(byCurrency.get(t.currency) ?? []), t.amount]);
    }
    return [...byCurrency].map(([currency, amounts]) => ({
      currency,
      amount: sumDecimals(amounts),
    }));
  });

  protected readonly transferColumns = [
    'supplier',
    'lotNo',
    'receivedAt',
    'qty',
    'unitPrice',
    'amount',
  ] as const;
  protected readonly positive = isPositiveQty;
  protected readonly negative = isNegativeQty;

  constructor() {
    // Each movement asks for its own fields: a supplier for returns and counts, a reason
    // for both, a positive quantity except a count (which may be 0).
    effect(() => {
      const kind = this.current();
      untracked(() => this.configure(kind));
    });
  }

  private configure(kind: PostingKind): void {
    const c = this.form.controls;
    c.qty.setValidators([
      Validators.required,
      decimalValidator({ maxDecimals: MAX_QTY_DECIMALS }),
      ...(kind === 'adjustment' ? [] : [positiveValidator]),
    ]);
    c.supplierOrgId.setValidators(kind === 'consumption' ? [] : [Validators.required]);
    c.reason.setValidators(
      kind === 'consumption'
        ? [Validators.maxLength(500)]
        : [Validators.required, Validators.maxLength(500)],
    );
    for (const control of [c.qty, c.supplierOrgId, c.reason]) {
      control.updateValueAndValidity();
    }
    c.qty.reset('');
    c.reason.reset('');
    this.result.set(null);
    this.submission.problem.set(null);
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    const kind = this.current();
    const base = {
      locationCode: v.locationCode,
      itemCode: v.itemCode.trim(),
      ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
      ...(toBusinessDate(v.effectiveDate)
        ? { effectiveDate: toBusinessDate(v.effectiveDate) as string }
        : {}),
    };
    let request: Observable<PostingResult>;
    if (kind === 'consumption') {
      request = this.client
        .consume({
          ...base,
          qty: v.qty.trim(),
          ...(v.supplierOrgId ? { supplierOrgId: v.supplierOrgId } : {}),
        })
        .pipe(map((response) => ({ kind, response })));
    } else if (kind === 'return') {
      request = this.client
        .returnStock({
          ...base,
          qty: v.qty.trim(),
          supplierOrgId: v.supplierOrgId,
          reason: v.reason.trim(),
        })
        .pipe(map((response) => ({ kind, response })));
    } else {
      request = this.client
        .adjust({
          ...base,
          countedQty: v.qty.trim(),
          supplierOrgId: v.supplierOrgId,
          reason: v.reason.trim(),
        })
        .pipe(map((response) => ({ kind, response })));
    }
    this.result.set(null);
    this.submission.run(
      () => request,
      (result) => {
        this.result.set(result);
        this.refresh.update((n) => n + 1);
        this.notifier.success(
          kind === 'consumption'
            ? 'postings.consumed'
            : kind === 'return'
              ? 'postings.returned'
              : 'postings.adjusted',
        );
        // Ready for the next movement at the same site.
        this.form.controls.qty.reset('');
        this.form.controls.reference.reset('');
      },
    );
  }
}
