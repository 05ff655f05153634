import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { CALL_OFF_STATUSES, CallOff, CallOffStatus } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { OrgDirectory } from '../../shared/directory/org-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { CallOffStatusChip } from './chain-status';
import { CallOffFilters, CallOffsClient } from './data/call-offs-client';

/**
 * Call-offs: a planner's replenishment orders, or a supplier's inbox of orders to confirm
 * (suppliers start on the OPEN ones).
 */
@Component({
  selector: 'sb-call-offs-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    RouterLink,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    CallOffStatusChip,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './call-offs-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallOffsPage {
  private readonly client = inject(CallOffsClient);
  private readonly auth = inject(AuthStore);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly locations = inject(LocationDirectory);

  protected readonly statuses = CALL_OFF_STATUSES;
  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';
  protected readonly canCreate = this.auth.can('calloffs:create');

  protected readonly page = new CursorPage<CallOff, CallOffFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: {
      // A supplier's inbox: what still waits for an answer.
      status: this.isSupplier ? 'OPEN' : '',
      supplierOrgId: '',
      buyerOrgId: '',
      locationCode: '',
      itemCode: '',
    },
  });

  protected readonly statusFilter = computed(() =>
    this.page.filters().status
      ? (this.page.filters().status.split(',') as CallOffStatus[])
      : [],
  );

  protected readonly columns = [
    'number',
    'status',
    'partner',
    'locationCode',
    'lines',
    'needBy',
    'createdAt',
  ] as const;

  protected setStatuses(statuses: CallOffStatus[]): void {
    this.page.patchFilters({ status: statuses.join(',') });
  }

  protected statusKey(status: CallOffStatus) {
    return `callOffStatus.${status}` as const;
  }

  /** The earliest need-by date of the call-off's lines. */
  protected firstNeedBy(callOff: CallOff): string {
    return callOff.lines.reduce(
      (min, l) => (!min || l.needBy < min ? l.needBy : min),
      '',
    );
  }
}
