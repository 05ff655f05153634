import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { AgingClauseRunResult, SupplierAgreement } from '@stockbridge/shared';
import { toProblem } from '../../core/http/problem';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import {
  AgingClauseDialog,
  AgingClauseDialogData,
} from './aging-clause-dialog';
import { SuppliersClient } from './data/suppliers-client';
import { SupplierLinkDialog } from './supplier-link-dialog';

@Component({
  selector: 'sb-suppliers-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatCardModule,
    MatTooltipModule,
    RouterLink,
    CursorTable,
    PageHeader,
    Icon,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './suppliers-page.html',
  styles: `
    .aging-result {
      margin: 0 0 16px;
    }
    .headline {
      display: flex;
      align-items: baseline;
      gap: 12px;
      margin-bottom: 12px;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 12px 24px;
      margin: 0 0 8px;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
    }
    .aging,
    .actions {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuppliersPage {
  private readonly client = inject(SuppliersClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  private readonly auth = inject(AuthStore);
  protected readonly canWrite = this.auth.can('masterdata:write');
  /** FINANCE and BUYER_ADMIN may run the aging clause now. */
  protected readonly canRunAging = this.auth.can('agingClause:run');
  protected readonly running = signal(false);
  protected readonly runResult = signal<AgingClauseRunResult | null>(null);
  protected readonly columns = [
    'supplierCode',
    'supplierName',
    'currency',
    'receiptTolerancePct',
    'paymentTermsDays',
    'agingClause',
    'createdAt',
    'actions',
  ] as const;
  protected readonly page = new CursorPage<
    SupplierAgreement,
    Record<string, never>
  >({
    load: (request) => this.client.list(request),
    filters: {},
  });

  protected link(): void {
    this.dialog
      .open<SupplierLinkDialog, void, SupplierAgreement>(SupplierLinkDialog, {
        width: '560px',
      })
      .afterClosed()
      .subscribe((agreement) => {
        if (!agreement) return;
        this.notifier.success('suppliers.linked', {
          name:
            agreement.supplierName ??
            agreement.supplierCode ??
            agreement.supplierOrgId,
        });
        this.page.reload();
      });
  }

  protected editAgingClause(agreement: SupplierAgreement): void {
    this.dialog
      .open<AgingClauseDialog, AgingClauseDialogData, SupplierAgreement>(
        AgingClauseDialog,
        { width: '560px', data: { agreement } },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        const name = saved.supplierName ?? saved.supplierCode;
        if (saved.maxConsignmentDays != null) {
          this.notifier.success('aging.saved', {
            name,
            max: saved.maxConsignmentDays,
          });
        } else {
          this.notifier.success('aging.removed', { name });
        }
        this.page.reload();
      });
  }

  /** POST /jobs/aging-clause/run for this buyer; the counts stay on the page. */
  protected runAgingClause(): void {
    if (this.running()) return;
    this.running.set(true);
    this.client.runAgingClause().subscribe({
      next: (result) => {
        this.running.set(false);
        this.runResult.set(result);
      },
      error: (err: unknown) => {
        this.running.set(false);
        this.notifier.problem(toProblem(err));
      },
    });
  }
}
