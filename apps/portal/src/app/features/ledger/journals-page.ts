import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute } from '@angular/router';
import { JOURNAL_TYPES, JournalType, JournalView } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import {
  CursorTable,
  CursorTableDetail,
} from '../../shared/cursor-table/cursor-table';
import { isNegativeQty } from '../../shared/decimal';
import {
  OrgDirectory,
  OrgNamePipe,
} from '../../shared/directory/org-directory';
import {
  fromBusinessDate,
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import {
  ReasonDialog,
  ReasonDialogData,
} from '../../shared/forms/reason-dialog';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { JournalFilters, LedgerClient } from './data/ledger-client';
import { JournalTypeChip } from './journal-type';

/** Filters a link may preset: `/ledger/journals?supplierOrgId=…&from=…&to=…&type=…` (the audit view of a statement). */
function presetFilters(route: ActivatedRoute): JournalFilters {
  const q = route.snapshot.queryParamMap;
  const day = (v: string | null) => (v && fromBusinessDate(v) ? v : '');
  const type = q.get('type') ?? '';
  return {
    type: (JOURNAL_TYPES as readonly string[]).includes(type) ? (type as JournalType) : '',
    from: day(q.get('from')),
    to: day(q.get('to')),
    supplierOrgId: q.get('supplierOrgId') ?? '',
    buyerOrgId: q.get('buyerOrgId') ?? '',
  };
}

/**
 * The journal explorer: every stock movement with its postings (and title transfers), newest
 * first, filtered on the server; WAREHOUSE and FINANCE reverse a journal from here. Finance
 * audits a supplier's period with the supplier and date filters (links may preset them).
 */
@Component({
  selector: 'sb-journals-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    CursorTable,
    CursorTableDetail,
    PageHeader,
    JournalTypeChip,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './journals-page.html',
  styleUrl: './journals-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JournalsPage {
  private readonly client = inject(LedgerClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(I18nService);
  protected readonly orgs = inject(OrgDirectory);

  protected readonly types = JOURNAL_TYPES;
  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';
  protected readonly canReverse = this.auth.can('ledger:reverse');

  protected readonly page = new CursorPage<JournalView, JournalFilters>({
    load: (request, filters) => this.client.journals(request, filters),
    filters: presetFilters(inject(ActivatedRoute)),
  });
  protected readonly fromDate = computed(() => fromBusinessDate(this.page.filters().from));
  protected readonly toDate = computed(() => fromBusinessDate(this.page.filters().to));
  protected readonly columns = [
    'expand',
    'effectiveAt',
    'type',
    'reference',
    'items',
    'createdAt',
    // Who posted: buyers see their people; suppliers get no e-mails.
    ...(this.isSupplier ? [] : ['createdBy']),
    'state',
    'actions',
  ];
  protected readonly postingColumns = [
    'location',
    'itemCode',
    'owner',
    'lotNo',
    'qty',
    'balanceAfter',
  ] as const;
  protected readonly transferColumns = [
    'supplier',
    'itemCode',
    'lotNo',
    'qty',
    'unitPrice',
    'amount',
  ] as const;
  protected readonly negative = isNegativeQty;

  private readonly open = signal<ReadonlySet<string>>(new Set());
  protected readonly isOpen = (journal: JournalView) =>
    this.open().has(journal.id);

  protected toggle(journal: JournalView): void {
    this.open.update((set) => {
      const next = new Set(set);
      if (!next.delete(journal.id)) next.add(journal.id);
      return next;
    });
  }

  protected typeKey(type: JournalType) {
    return `journalType.${type}` as const;
  }

  protected setDate(field: 'from' | 'to', date: Date | null): void {
    this.page.patchFilters({ [field]: toBusinessDate(date) ?? '' });
  }

  /** The items a journal moves, for the list (postings carry them). */
  protected items(journal: JournalView): string {
    return [...new Set(journal.postings.map((p) => p.itemCode))].join(', ');
  }

  protected reversible(journal: JournalView): boolean {
    return (
      this.canReverse &&
      journal.type !== 'REVERSAL' &&
      !journal.reversedByJournalId
    );
  }

  protected reverse(journal: JournalView): void {
    const data: ReasonDialogData<JournalView> = {
      titleKey: 'journals.reverseTitle',
      titleParams: { type: this.typeLabel(journal.type), date: journal.effectiveAt },
      messageKey: 'journals.reverseMessage',
      reasonLabelKey: 'journals.reverseReason',
      required: true,
      confirmKey: 'journals.reverse',
      destructive: true,
      submit: (reason) => this.client.reverse(journal.id, { reason }),
    };
    this.dialog
      .open<ReasonDialog<JournalView>, ReasonDialogData<JournalView>, JournalView>(
        ReasonDialog,
        { width: '520px', data },
      )
      .afterClosed()
      .subscribe((reversal) => {
        if (!reversal) return;
        this.notifier.success('journals.reversed');
        this.page.reload();
      });
  }

  /** Resolved when the dialog opens: the title takes it as a parameter. */
  private typeLabel(type: JournalType): string {
    return this.i18n.t(this.typeKey(type));
  }
}
