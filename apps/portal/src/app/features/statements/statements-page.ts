import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  STATEMENT_STATUSES,
  Statement,
  StatementStatus,
  StatementSummary,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { OrgDirectory } from '../../shared/directory/org-directory';
import {
  fromBusinessDate,
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { CreateStatementDialog } from './create-statement-dialog';
import { StatementFilters, StatementsClient } from './data/statements-client';
import { StatementStatusChip, statementStatusKey } from './statement-status';

/**
 * Statements: finance's list (filters by supplier, status and period; status chips; a new
 * statement for a period), or a supplier's inbox, which starts on the issued statements that
 * wait for its answer.
 */
@Component({
  selector: 'sb-statements-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatChipsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    CursorTable,
    PageHeader,
    Icon,
    StatementStatusChip,
    TranslatePipe,
    LocalDatePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './statements-page.html',
  styles: `
    .status-chips {
      display: block;
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatementsPage {
  private readonly client = inject(StatementsClient);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly orgs = inject(OrgDirectory);

  protected readonly statuses = STATEMENT_STATUSES;
  protected readonly statusKey = statementStatusKey;
  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';
  protected readonly canCreate = this.auth.can('statements:manage');

  protected readonly page = new CursorPage<StatementSummary, StatementFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: {
      // A supplier's inbox: the statements that wait for its answer.
      status: this.isSupplier ? 'ISSUED' : '',
      supplierOrgId: '',
      buyerOrgId: '',
      from: '',
      to: '',
    },
  });

  protected readonly fromDate = computed(() => fromBusinessDate(this.page.filters().from));
  protected readonly toDate = computed(() => fromBusinessDate(this.page.filters().to));

  protected readonly columns = [
    'number',
    'status',
    'partner',
    'periodFrom',
    'lines',
    'total',
    'disputed',
    'createdAt',
  ] as const;

  protected setStatus(status: StatementStatus | '' | null | undefined): void {
    this.page.patchFilters({ status: status ?? '' });
  }

  protected setDate(field: 'from' | 'to', date: Date | null): void {
    this.page.patchFilters({ [field]: toBusinessDate(date) ?? '' });
  }

  protected create(): void {
    this.dialog
      .open<CreateStatementDialog, void, Statement>(CreateStatementDialog, {
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((statement) => {
        if (!statement) return;
        this.notifier.success('statements.created', { number: statement.number });
        void this.router.navigate(['/statements', statement.id]);
      });
  }
}
