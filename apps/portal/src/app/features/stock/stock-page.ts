import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { StockRow } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import {
  CursorTable,
  CursorTableDetail,
} from '../../shared/cursor-table/cursor-table';
import { isPositiveQty } from '../../shared/decimal';
import { LocationDirectory } from '../../shared/directory/location-directory';
import {
  OrgDirectory,
  OrgNamePipe,
} from '../../shared/directory/org-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { StockClient, StockFilters } from './data/stock-client';
import { StockLayers } from './stock-layers';

const keyOf = (row: StockRow) =>
  `${row.buyerOrgId ?? ''}|${row.locationCode}|${row.itemCode}|${row.ownerOrgId}`;

/**
 * Consignment stock per site × item × owner (on hand and in transit), with the receipt
 * layers of a row on demand. Buyers see every owner; a supplier only its own stock.
 */
@Component({
  selector: 'sb-stock-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTooltipModule,
    CursorTable,
    CursorTableDetail,
    PageHeader,
    SearchField,
    StockLayers,
    Icon,
    TranslatePipe,
    OrgNamePipe,
  ],
  templateUrl: './stock-page.html',
  styles: `
    .zero {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockPage {
  private readonly client = inject(StockClient);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly locations = inject(LocationDirectory);
  private readonly user = inject(AuthStore).user();
  protected readonly isSupplier = this.user?.orgType === 'SUPPLIER';
  /** The buyer's own org id: stock it owns already (title passed by the aging clause). */
  protected readonly ownOrgId =
    this.user?.orgType === 'BUYER' ? this.user.orgId : null;

  protected readonly page = new CursorPage<StockRow, StockFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { locationCode: '', itemCode: '', ownerOrgId: '', buyerOrgId: '' },
  });
  protected readonly columns = [
    'expand',
    'locationCode',
    'itemCode',
    'owner',
    'onHand',
    'inTransit',
  ] as const;
  protected readonly positive = isPositiveQty;

  private readonly open = signal<ReadonlySet<string>>(new Set());
  /** Passed to the table: which rows show their layers. */
  protected readonly isOpen = (row: StockRow) => this.open().has(keyOf(row));

  protected toggle(row: StockRow): void {
    const key = keyOf(row);
    this.open.update((set) => {
      const next = new Set(set);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }
}
