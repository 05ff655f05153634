import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Location } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { locationTypeKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { LocationsClient } from './data/locations-client';
import { LocationFormDialog } from './location-form-dialog';

@Component({
  selector: 'sb-locations-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    CursorTable,
    PageHeader,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './locations-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocationsPage {
  private readonly client = inject(LocationsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly canWrite = inject(AuthStore).can('masterdata:write');
  protected readonly locationTypeKey = locationTypeKey;
  protected readonly columns = ['code', 'name', 'type'] as const;
  protected readonly page = new CursorPage<Location, Record<string, never>>({
    load: (request) => this.client.list(request),
    filters: {},
  });

  protected create(): void {
    this.dialog
      .open<LocationFormDialog, void, Location>(LocationFormDialog, {
        width: '520px',
      })
      .afterClosed()
      .subscribe((location) => {
        if (!location) return;
        this.notifier.success('locations.created', { code: location.code });
        this.page.reload();
      });
  }
}
