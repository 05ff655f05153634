import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { DEMAND_STATUSES, Demand, DemandSource, DemandStatus } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { fileNameOf, saveBlob } from '../../shared/files/save-file';
import { ReasonDialog, ReasonDialogData } from '../../shared/forms/reason-dialog';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { CreateDemandDialog } from './create-demand-dialog';
import { DemandFilters, DemandsClient, Lang } from './data/demands-client';
import { DemandImportPanel } from './demand-import-panel';
import { DemandStatusChip } from './demand-status';

/**
 * A planner's demands: what each site needs and by when, filtered and sorted on the server;
 * enter one (dialog), import a spreadsheet (dry run, every problem listed), cancel or mark
 * fulfilled. Open demand due within the lead time feeds the replenishment proposals.
 */
@Component({
  selector: 'sb-demands-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
    DemandStatusChip,
    DemandImportPanel,
  ],
  templateUrl: './demands-page.html',
  styles: `
    .import {
      display: block;
      margin-bottom: 24px;
    }
    .date-filter {
      width: 170px;
    }
    .row-actions {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DemandsPage {
  private readonly client = inject(DemandsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly locations = inject(LocationDirectory);

  protected readonly canWrite = inject(AuthStore).can('demands:write');
  protected readonly statuses = DEMAND_STATUSES;
  protected readonly showImport = signal(false);
  protected readonly busy = signal<string | null>(null);

  protected readonly page = new CursorPage<Demand, DemandFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { itemCode: '', locationCode: '', status: 'OPEN', needByFrom: '', needByTo: '' },
  });
  protected readonly columns = ['needBy', 'item', 'location', 'qty', 'reference', 'source', 'status', 'actions'] as const;

  protected statusKey(status: DemandStatus) {
    return `demandStatus.${status}` as const;
  }

  protected sourceKey(source: DemandSource) {
    return `demandSource.${source}` as const;
  }

  /** A native date input gives `YYYY-MM-DD` (or '' when cleared), the API's business date. */
  protected dateFilter(field: 'needByFrom' | 'needByTo', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.page.patchFilters({ [field]: value } as Partial<DemandFilters>);
  }

  protected create(): void {
    this.dialog
      .open<CreateDemandDialog, void, Demand>(CreateDemandDialog, { width: '560px' })
      .afterClosed()
      .subscribe((demand) => {
        if (!demand) return;
        this.notifier.success('demands.created', { item: demand.itemCode, location: demand.locationCode });
        this.page.reload();
      });
  }

  protected cancel(demand: Demand): void {
    const data: ReasonDialogData<Demand> = {
      titleKey: 'demands.cancelTitle',
      titleParams: { item: demand.itemCode },
      messageKey: 'demands.cancelMessage',
      reasonLabelKey: 'demands.cancelReason',
      required: false,
      confirmKey: 'demands.cancelConfirm',
      destructive: true,
      submit: (reason) => this.client.cancel(demand.id, reason ? { reason } : {}),
    };
    this.dialog
      .open<ReasonDialog<Demand>, ReasonDialogData<Demand>, Demand>(ReasonDialog, { width: '520px', data })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.notifier.success('demands.cancelled');
        this.page.reload();
      });
  }

  protected fulfill(demand: Demand): void {
    if (this.busy()) return;
    this.busy.set(demand.id);
    this.client.fulfill(demand.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.notifier.success('demands.fulfilled');
        this.page.reload();
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.notifier.problem(toProblem(err));
      },
    });
  }

  protected downloadTemplate(lang: Lang): void {
    this.client.template(lang).subscribe({
      next: (res) => saveBlob(res.body ?? new Blob(), fileNameOf(res, `demand-template${lang === 'zh' ? '-zh' : ''}.xlsx`)),
      error: (err: unknown) => this.notifier.problem(toProblem(err)),
    });
  }
}
