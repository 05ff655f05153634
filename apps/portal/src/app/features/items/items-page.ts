import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Item } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { ItemFilters, ItemsClient } from './data/items-client';
import { ItemFormDialog } from './item-form-dialog';

@Component({
  selector: 'sb-items-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './items-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ItemsPage {
  private readonly client = inject(ItemsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly canWrite = inject(AuthStore).can('masterdata:write');
  protected readonly columns = [
    'code',
    'description',
    'uom',
    'decimals',
  ] as const;
  protected readonly page = new CursorPage<Item, ItemFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { search: '' },
  });

  protected create(): void {
    this.dialog
      .open<ItemFormDialog, void, Item>(ItemFormDialog, { width: '560px' })
      .afterClosed()
      .subscribe((item) => {
        if (!item) return;
        this.notifier.success('items.created', { code: item.code });
        this.page.reload();
      });
  }
}
