import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { User } from '@stockbridge/shared';
import { roleKey } from '../../core/i18n/keys';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { UserFilters, UserRow, UsersClient } from './data/users-client';
import { OrgAutocomplete, OrgChoice, isOrganization } from './org-autocomplete';
import { UserFormDialog } from './user-form-dialog';

@Component({
  selector: 'sb-users-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    CursorTable,
    PageHeader,
    OrgAutocomplete,
    Icon,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './users-page.html',
  styles: `
    .org-filter {
      width: min(360px, 100%);
    }
    .roles {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  private readonly client = inject(UsersClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly roleKey = roleKey;
  protected readonly columns = ['email', 'org', 'roles', 'createdAt'] as const;
  protected readonly orgFilter = new FormControl<OrgChoice>(null);
  protected readonly page = new CursorPage<UserRow, UserFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { orgId: '' },
  });

  constructor() {
    this.orgFilter.valueChanges.pipe(takeUntilDestroyed()).subscribe((org) => {
      // Filter on a picked organisation; clearing the field shows everyone again.
      if (isOrganization(org)) this.page.patchFilters({ orgId: org.id });
      else if (!org) this.page.patchFilters({ orgId: '' });
    });
  }

  protected create(): void {
    this.dialog
      .open<UserFormDialog, void, User>(UserFormDialog, { width: '560px' })
      .afterClosed()
      .subscribe((user) => {
        if (!user) return;
        this.notifier.success('admin.users.created', { email: user.email });
        this.page.reload();
      });
  }
}
