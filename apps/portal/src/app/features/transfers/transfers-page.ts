import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
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
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  MAX_QTY_DECIMALS,
  TransferResponse,
  TransferView,
} from '@stockbridge/shared';
import { debounceTime, map, startWith } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import {
  CursorTable,
  CursorTableDetail,
} from '../../shared/cursor-table/cursor-table';
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
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { StockHint } from '../stock/stock-hint';
import { TransferFilters, TransfersClient } from './data/transfers-client';

/**
 * Inter-site transfers (调拨): move consignment stock from one VMI site to another (owner
 * unchanged, oldest layers first, lots and receipt dates kept), and the list of past
 * transfers with the layers each one moved. Every transfer is a TRANSFER journal in the
 * journal explorer, where it can be reversed.
 */
@Component({
  selector: 'sb-transfers-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    CursorTable,
    CursorTableDetail,
    PageHeader,
    SearchField,
    ItemField,
    StockHint,
    FieldError,
    ProblemAlert,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './transfers-page.html',
  styleUrl: './transfers-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfersPage {
  private readonly client = inject(TransfersClient);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly locations = inject(LocationDirectory);
  protected readonly orgs = inject(OrgDirectory);
  /** The buyer's own org: "stock the buyer owns already" (after the aging clause). */
  protected readonly ownOrgId = inject(AuthStore).user()?.orgId ?? '';

  protected readonly form = this.fb.group({
    fromLocationCode: ['', Validators.required],
    toLocationCode: ['', Validators.required],
    itemCode: ['', [Validators.required, Validators.maxLength(40)]],
    qty: [
      '',
      [
        Validators.required,
        decimalValidator({ maxDecimals: MAX_QTY_DECIMALS }),
        positiveValidator,
      ],
    ],
    supplierOrgId: [''],
    reference: ['', Validators.maxLength(200)],
    effectiveDate: new FormControl<Date | null>(null),
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly result = signal<TransferResponse | null>(null);
  protected readonly refresh = signal(0);

  protected readonly hintLocation = toSignal(
    this.form.controls.fromLocationCode.valueChanges,
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

  protected readonly page = new CursorPage<TransferView, TransferFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { locationCode: '', itemCode: '' },
  });
  protected readonly columns = [
    'expand',
    'createdAt',
    'route',
    'itemCode',
    'qty',
    'reference',
    'state',
  ] as const;
  protected readonly moveColumns = [
    'owner',
    'lotNo',
    'receivedAt',
    'expiryDate',
    'qty',
  ] as const;

  private readonly open = signal<ReadonlySet<string>>(new Set());
  protected readonly isOpen = (row: TransferView) =>
    this.open().has(row.journalId);

  protected toggle(row: TransferView): void {
    this.open.update((set) => {
      const next = new Set(set);
      if (!next.delete(row.journalId)) next.add(row.journalId);
      return next;
    });
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    const date = toBusinessDate(v.effectiveDate);
    const body = {
      fromLocationCode: v.fromLocationCode,
      toLocationCode: v.toLocationCode,
      itemCode: v.itemCode.trim(),
      qty: v.qty.trim(),
      ...(v.supplierOrgId ? { supplierOrgId: v.supplierOrgId } : {}),
      ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
      ...(date ? { effectiveDate: date } : {}),
    };
    this.result.set(null);
    this.submission.run(
      () => this.client.transfer(body),
      (response) => {
        this.result.set(response);
        this.refresh.update((n) => n + 1);
        this.page.reload();
        this.notifier.success('transfers.done');
        this.form.controls.qty.reset('');
        this.form.controls.reference.reset('');
      },
    );
  }
}
