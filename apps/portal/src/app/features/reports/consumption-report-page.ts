import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import {
  CONSUMPTION_REPORT_GROUPS,
  ConsumptionReportGroup,
  ConsumptionReportRow,
  ConsumptionReportTotal,
  Page,
  ReportExportFormat,
} from '@stockbridge/shared';
import { map } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { isNegativeQty } from '../../shared/decimal';
import { OrgDirectory } from '../../shared/directory/org-directory';
import { fileNameOf, saveBlob } from '../../shared/files/save-file';
import {
  fromBusinessDate,
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import {
  ConsumptionReportFilters,
  ReportsClient,
} from './data/reports-client';

/** The first and last day of the current year, the report's starting period. */
function thisYear(): { from: string; to: string } {
  const y = new Date().getFullYear();
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/**
 * The consumption report: title transfers (consumptions +, reversals −) per supplier, item and
 * month, grouped, filtered, sorted and paged on the server; totals per currency over the whole
 * selection; the same selection exported as .xlsx or .csv.
 */
@Component({
  selector: 'sb-consumption-report-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatSelectModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './consumption-report-page.html',
  styles: `
    .totals {
      margin: 16px 0 0;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .totals h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .totals table {
      width: auto;
      min-width: 50%;
    }
    .minus {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsumptionReportPage {
  private readonly client = inject(ReportsClient);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(Notifier);
  protected readonly orgs = inject(OrgDirectory);

  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';
  protected readonly groups = CONSUMPTION_REPORT_GROUPS;
  protected readonly negative = isNegativeQty;

  /** Totals of the last page loaded (they cover the whole selection, not the page). */
  protected readonly totals = signal<readonly ConsumptionReportTotal[] | null>(null);

  protected readonly page = new CursorPage<ConsumptionReportRow, ConsumptionReportFilters>({
    load: (request, filters) =>
      this.client.consumption(request, filters).pipe(
        map((report): Page<ConsumptionReportRow> => {
          this.totals.set(report.totals);
          return { items: report.items, nextCursor: report.nextCursor };
        }),
      ),
    filters: {
      supplierOrgId: '',
      buyerOrgId: '',
      itemCode: '',
      ...thisYear(),
      groupBy: 'supplier',
    },
  });

  protected readonly groupBy = computed(
    () => this.page.filters().groupBy.split(',').filter(Boolean) as ConsumptionReportGroup[],
  );
  protected readonly fromDate = computed(() => fromBusinessDate(this.page.filters().from));
  protected readonly toDate = computed(() => fromBusinessDate(this.page.filters().to));

  protected readonly columns = computed(() => {
    const g = this.groupBy();
    return [
      ...(this.isSupplier ? ['buyer'] : []),
      ...(g.includes('supplier') ? ['supplier'] : []),
      ...(g.includes('item') ? ['item'] : []),
      ...(g.includes('month') ? ['month'] : []),
      'currency',
      'qty',
      'consumed',
      'reversed',
      'amount',
      'transferCount',
      'reversals',
    ];
  });
  protected readonly totalColumns = [
    'currency',
    'qty',
    'consumed',
    'reversed',
    'amount',
    'transferCount',
    'reversals',
  ] as const;

  protected readonly exporting = signal(false);

  protected groupKey(group: ConsumptionReportGroup) {
    return `reports.group.${group}` as const;
  }

  /** Keeps the dimensions in their canonical order (supplier, item, month); at least one. */
  protected setGroups(groups: ConsumptionReportGroup[]): void {
    const ordered = CONSUMPTION_REPORT_GROUPS.filter((g) => groups.includes(g));
    this.page.patchFilters({ groupBy: (ordered.length ? ordered : ['supplier']).join(',') });
  }

  protected setDate(field: 'from' | 'to', date: Date | null): void {
    this.page.patchFilters({ [field]: toBusinessDate(date) ?? '' });
  }

  protected download(format: ReportExportFormat): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const f = this.page.filters();
    this.client.consumptionExport(format, f).subscribe({
      next: (res) => {
        this.exporting.set(false);
        saveBlob(res.body ?? new Blob(), fileNameOf(res, `consumption.${format}`));
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.notifier.problem(toProblem(err));
      },
    });
  }
}
