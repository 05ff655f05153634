import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  JournalType,
  Statement,
  StatementEvent,
  StatementExportFormat,
  StatementLine,
  StatementStatus,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { isNegativeQty } from '../../shared/decimal';
import { fileNameOf, saveBlob } from '../../shared/files/save-file';
import {
  ReasonDialog,
  ReasonDialogData,
} from '../../shared/forms/reason-dialog';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { JournalTypeChip } from '../ledger/journal-type';
import {
  StatementLineFilters,
  StatementsClient,
} from './data/statements-client';
import {
  DisputeStatementData,
  DisputeStatementDialog,
} from './dispute-statement-dialog';
import { IssueStatementDialog } from './issue-statement-dialog';
import { StatementStatusChip, statementStatusKey } from './statement-status';

type Done =
  | 'statements.issued'
  | 'statements.confirmed'
  | 'statements.disputed';

/**
 * One statement: its facts (status, totals per currency, content hash, who did what), the lines
 * paged on the server, the supplier-owned quantities and the status history. Finance issues a
 * draft (after a dialog that says the period closes) and sees the disputes with what to do about
 * them; the supplier confirms an issued statement or disputes ticked lines; both export it.
 */
@Component({
  selector: 'sb-statement-detail-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    CursorTable,
    PageHeader,
    Icon,
    JournalTypeChip,
    StatementStatusChip,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './statement-detail-page.html',
  styleUrl: './statement-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatementDetailPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly client = inject(StatementsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly problems = inject(ProblemMessages);
  private readonly auth = inject(AuthStore);

  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';
  protected readonly canPost = this.auth.can('stock:post');
  protected readonly canReadPrices = this.auth.can('masterdata:read');
  protected readonly negative = isNegativeQty;
  protected readonly statusKey = statementStatusKey;

  protected readonly statement = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.client.get(params),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.statement.error();
    return error ? this.problems.message(toProblem(error)) : null;
  });

  protected readonly canIssue = computed(
    () =>
      this.statement.value()?.status === 'DRAFT' &&
      this.auth.can('statements:manage'),
  );
  /** The supplier answers an ISSUED statement once: confirm it, or dispute ticked lines. */
  protected readonly canRespond = computed(
    () =>
      this.statement.value()?.status === 'ISSUED' &&
      this.auth.can('statements:respond'),
  );
  protected readonly showDisputes = computed(
    () => !this.isSupplier && (this.statement.value()?.disputedLineCount ?? 0) > 0,
  );

  /** Ticked lines (kept across pages), by line id. */
  protected readonly selected = signal<ReadonlyMap<string, StatementLine>>(new Map());
  protected readonly isSelected = (line: StatementLine) => this.selected().has(line.id);

  protected readonly lines = new CursorPage<StatementLine, StatementLineFilters>({
    load: (request, filters) => this.client.lines(this.id(), request, filters),
    filters: { disputed: '' },
    limit: 50,
  });
  protected readonly lineColumns = computed(() => [
    ...(this.canRespond() ? ['select'] : []),
    'lineNo',
    'effectiveAt',
    'journalType',
    'itemCode',
    'supplierSku',
    'locationCode',
    'qty',
    'unitPrice',
    'amount',
    'reference',
    'dispute',
  ]);

  protected readonly disputes = new CursorPage<StatementLine, StatementLineFilters>({
    load: (request, filters) => this.client.lines(this.id(), request, filters),
    filters: { disputed: 'true' },
  });
  protected readonly disputeColumns = [
    'lineNo',
    'effectiveAt',
    'itemCode',
    'qty',
    'amount',
    'reference',
    'comment',
    'actions',
  ] as const;

  protected readonly events = new CursorPage<StatementEvent>({
    load: (request) => this.client.events(this.id(), request),
    filters: {},
  });
  protected readonly eventColumns = ['change', 'who', 'when', 'comment'] as const;

  protected readonly quantityRows = computed(() => {
    const s = this.statement.value();
    if (!s) return [];
    return s.openingQty.map((o, i) => ({
      itemCode: o.itemCode,
      opening: o.qty,
      closing: s.closingQty[i]?.qty ?? '',
    }));
  });
  protected readonly quantityColumns = ['itemCode', 'opening', 'closing'] as const;

  protected readonly exporting = signal(false);

  protected toggle(line: StatementLine, on: boolean): void {
    this.selected.update((map) => {
      const next = new Map(map);
      if (on) next.set(line.id, line);
      else next.delete(line.id);
      return next;
    });
  }

  protected lineTypeOf(line: StatementLine): JournalType {
    return line.journalType;
  }

  protected eventKey(status: StatementStatus | null) {
    return status ? statementStatusKey(status) : null;
  }

  /** The journal explorer on this line's supplier and business day (finance reverses from there). */
  protected journalQuery(s: Statement, line: StatementLine) {
    return {
      supplierOrgId: s.supplierOrgId,
      from: line.effectiveAt,
      to: line.effectiveAt,
      type: line.journalType,
    };
  }

  /** The journal explorer on the statement's supplier and period (the audit view). */
  protected periodQuery(s: Statement) {
    return { supplierOrgId: s.supplierOrgId, from: s.periodFrom, to: s.periodTo };
  }

  protected issue(s: Statement): void {
    this.dialog
      .open<IssueStatementDialog, Statement, Statement>(IssueStatementDialog, {
        width: '560px',
        maxWidth: '95vw',
        data: s,
      })
      .afterClosed()
      .subscribe((updated) => this.updated(updated, 'statements.issued'));
  }

  protected confirm(s: Statement): void {
    const data: ReasonDialogData<Statement> = {
      titleKey: 'statements.confirmTitle',
      titleParams: { number: s.number },
      messageKey: 'statements.confirmMessage',
      reasonLabelKey: 'statements.confirmComment',
      required: false,
      confirmKey: 'statements.confirm',
      submit: (comment) =>
        this.client.confirm(s.id, comment ? { comment } : {}),
    };
    this.dialog
      .open<ReasonDialog<Statement>, ReasonDialogData<Statement>, Statement>(
        ReasonDialog,
        { width: '520px', data },
      )
      .afterClosed()
      .subscribe((updated) => this.updated(updated, 'statements.confirmed'));
  }

  protected dispute(s: Statement): void {
    const lines = [...this.selected().values()].sort((a, b) => a.lineNo - b.lineNo);
    if (!lines.length) return;
    this.dialog
      .open<DisputeStatementDialog, DisputeStatementData, Statement>(
        DisputeStatementDialog,
        { width: '720px', maxWidth: '95vw', data: { statement: s, lines } },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.selected.set(new Map());
        this.updated(updated, 'statements.disputed');
      });
  }

  protected download(s: Statement, format: StatementExportFormat): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.client.export(s.id, format).subscribe({
      next: (res) => {
        this.exporting.set(false);
        saveBlob(res.body ?? new Blob(), fileNameOf(res, `${s.number}.${format}`));
      },
      error: (err: unknown) => {
        this.exporting.set(false);
        this.notifier.problem(toProblem(err));
      },
    });
  }

  private updated(statement: Statement | undefined, key: Done): void {
    if (!statement) return;
    this.statement.set(statement);
    this.lines.reload();
    this.disputes.reload();
    this.events.reload();
    this.notifier.success(key, { number: statement.number });
  }
}
