import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { SupplierAgreement } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SuppliersClient } from './data/suppliers-client';
import { SupplierLinkDialog } from './supplier-link-dialog';

@Component({
  selector: 'sb-suppliers-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    RouterLink,
    CursorTable,
    PageHeader,
    Icon,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './suppliers-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuppliersPage {
  private readonly client = inject(SuppliersClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly canWrite = inject(AuthStore).can('masterdata:write');
  protected readonly columns = [
    'supplierCode',
    'supplierName',
    'currency',
    'receiptTolerancePct',
    'paymentTermsDays',
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
}
