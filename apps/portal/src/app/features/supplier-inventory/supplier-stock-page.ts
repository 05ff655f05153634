import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { PAGE_MAX_LIMIT, SupplierInventoryRow } from '@stockbridge/shared';
import { EMPTY, Subscription, expand, reduce, tap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { OrgDirectory, OrgNamePipe } from '../../shared/directory/org-directory';
import { saveBlob } from '../../shared/files/save-file';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { csvBlob, csvLine } from './csv';
import {
  SupplierInventoryClient,
  SupplierStockFilters,
} from './data/supplier-inventory-client';

/** Rows fetched per request while exporting (the API's maximum page). */
const EXPORT_PAGE = PAGE_MAX_LIMIT;

/**
 * What suppliers hold in their own warehouses for this buyer (collaborative inventory):
 * filtered and sorted on the server; the export writes the current filter as CSV, fetching
 * the pages one after the other.
 */
@Component({
  selector: 'sb-supplier-stock-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  templateUrl: './supplier-stock-page.html',
  styles: `
    .desc {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupplierStockPage {
  private readonly client = inject(SupplierInventoryClient);
  private readonly notifier = inject(Notifier);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly isSupplier =
    inject(AuthStore).user()?.orgType === 'SUPPLIER';

  protected readonly page = new CursorPage<SupplierInventoryRow, SupplierStockFilters>({
    load: (request, filters) => this.client.stock(request, filters),
    filters: { itemCode: '', supplierOrgId: '', buyerOrgId: '', siteCode: '' },
  });
  protected readonly columns = this.isSupplier
    ? (['buyer', 'siteCode', 'itemCode', 'supplierSku', 'availableQty', 'lotNo', 'expiryDate', 'asOf'] as const)
    : (['supplier', 'siteCode', 'itemCode', 'supplierSku', 'availableQty', 'lotNo', 'expiryDate', 'asOf'] as const);

  /** Rows written so far while exporting; null when no export runs. */
  protected readonly exported = signal<number | null>(null);
  private exporting: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.exporting?.unsubscribe());
  }

  /** The current filter and sort, every page, as CSV. */
  protected exportCsv(): void {
    if (this.exporting) return;
    const filters = this.page.filters();
    const sort = this.page.sort();
    const request = (cursor: string | null) => ({
      limit: EXPORT_PAGE,
      cursor,
      sort: sort?.field ?? null,
      order: sort?.order ?? null,
    });
    this.exported.set(0);
    this.exporting = this.client
      .stock(request(null), filters)
      .pipe(
        expand((page) =>
          page.nextCursor ? this.client.stock(request(page.nextCursor), filters) : EMPTY,
        ),
        tap((page) => this.exported.update((n) => (n ?? 0) + page.items.length)),
        reduce(
          (lines, page) => lines.concat(page.items.map((row) => this.csvRow(row))),
          [this.csvHeader()],
        ),
      )
      .subscribe({
        next: (lines) => {
          const date = new Date().toISOString().slice(0, 10);
          saveBlob(csvBlob(lines), `supplier-stock-${date}.csv`);
          this.notifier.success('supplierStock.exported', { n: lines.length - 1 });
        },
        error: (err: unknown) => {
          this.finishExport();
          this.notifier.problem(toProblem(err));
        },
        complete: () => this.finishExport(),
      });
  }

  private finishExport(): void {
    this.exporting = null;
    this.exported.set(null);
  }

  /** Column names as the upload template spells them, so a file can go round trip. */
  private csvHeader(): string {
    return csvLine([
      'supplier_code',
      'site_code',
      'item_code',
      'item_description',
      'supplier_sku',
      'available_qty',
      'uom',
      'lot_no',
      'expiry_date',
      'as_of',
    ]);
  }

  private csvRow(row: SupplierInventoryRow): string {
    return csvLine([
      row.supplierCode,
      row.siteCode,
      row.itemCode,
      row.itemDescription,
      row.supplierSku,
      row.availableQty,
      row.uom,
      row.lotNo,
      row.expiryDate,
      row.asOf,
    ]);
  }
}
