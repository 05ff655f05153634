import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ORG_TYPES, Organization } from '@stockbridge/shared';
import { orgTypeKey } from '../../core/i18n/keys';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import {
  OrganizationFilters,
  OrganizationsClient,
} from './data/organizations-client';
import { OrganizationFormDialog } from './organization-form-dialog';

@Component({
  selector: 'sb-organizations-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTooltipModule,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './organizations-page.html',
  styles: `
    .id-cell {
      white-space: nowrap;
    }
    .id-cell > * {
      vertical-align: middle;
    }
    .id-cell button {
      width: 36px;
      height: 36px;
      padding: 6px;
      --sb-icon-size: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationsPage {
  private readonly client = inject(OrganizationsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly clipboard = inject(Clipboard);

  protected readonly orgTypes = ORG_TYPES;
  protected readonly orgTypeKey = orgTypeKey;
  protected readonly columns = [
    'code',
    'name',
    'type',
    'id',
    'createdAt',
  ] as const;
  protected readonly page = new CursorPage<Organization, OrganizationFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { search: '', type: '' },
  });

  protected create(): void {
    this.dialog
      .open<OrganizationFormDialog, void, Organization>(
        OrganizationFormDialog,
        { width: '520px' },
      )
      .afterClosed()
      .subscribe((org) => {
        if (!org) return;
        this.notifier.success('admin.orgs.created', { code: org.code });
        this.page.reload();
      });
  }

  protected copyId(org: Organization): void {
    if (this.clipboard.copy(org.id)) this.notifier.info('admin.orgs.idCopied');
  }
}
