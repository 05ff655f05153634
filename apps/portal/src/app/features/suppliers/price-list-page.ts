import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { PriceListEntry } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { PriceListClient, PriceListFilters } from './data/price-list-client';
import { SuppliersClient } from './data/suppliers-client';
import { PriceEntryDialog, PriceEntryDialogData } from './price-entry-dialog';

/** One supplier's price list: current entries, or the whole history. */
@Component({
  selector: 'sb-price-list-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatSlideToggleModule,
    MatTooltipModule,
    RouterLink,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './price-list-page.html',
  styles: `
    .back {
      margin: 0 0 4px -12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PriceListPage {
  /** Route parameter, bound by the router. */
  readonly supplierOrgId = input.required<string>();

  private readonly client = inject(PriceListClient);
  private readonly suppliers = inject(SuppliersClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);
  private readonly problems = inject(ProblemMessages);

  protected readonly canWrite = inject(AuthStore).can('masterdata:write');

  /** The agreement names the supplier and its currency (404 when not linked). */
  private readonly agreement = rxResource({
    params: () => this.supplierOrgId(),
    stream: ({ params }) => this.suppliers.get(params),
  });

  protected readonly subtitle = computed(() => {
    if (this.agreement.error())
      return this.problems.message(toProblem(this.agreement.error()));
    const agreement = this.agreement.value();
    return agreement
      ? this.i18n.t('priceList.subtitle', {
          name: agreement.supplierName,
          code: agreement.supplierCode,
        })
      : null;
  });

  protected readonly page = new CursorPage<PriceListEntry, PriceListFilters>({
    load: (request, filters) =>
      this.client.list(this.supplierOrgId(), request, filters),
    filters: { itemCode: '', history: false },
  });

  protected readonly columns = computed(() => {
    const columns = [
      'itemCode',
      'supplierSku',
      'unitPrice',
      'leadTimeDays',
      'validFrom',
    ];
    if (this.page.filters().history) columns.push('validTo');
    if (this.canWrite) columns.push('actions');
    return columns;
  });

  protected edit(entry?: PriceListEntry): void {
    const data: PriceEntryDialogData = {
      supplierOrgId: this.supplierOrgId(),
      entry,
      currency: this.agreement.value()?.currency,
    };
    this.dialog
      .open<PriceEntryDialog, PriceEntryDialogData, PriceListEntry>(
        PriceEntryDialog,
        { width: '560px', data },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.notifier.success('priceList.saved', { item: saved.itemCode });
        this.page.reload();
      });
  }
}
