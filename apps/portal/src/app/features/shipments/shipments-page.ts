import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  SHIPMENT_STATUSES,
  Shipment,
  ShipmentStatus,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import {
  OrgDirectory,
  OrgNamePipe,
} from '../../shared/directory/org-directory';
import { PageHeader } from '../../shared/ui/page-header';
import { ShipmentStatusChip } from '../call-offs/chain-status';
import { ShipmentFilters, ShipmentsClient } from './data/shipments-client';

/** What the receiving page starts on: everything still (partly) on its way. */
const OPEN_STATUSES: readonly ShipmentStatus[] = [
  'IN_TRANSIT',
  'PARTIALLY_RECEIVED',
];

/**
 * Shipping notices. The same list serves the receiving desk (route data `receiving`): it
 * starts on what is still in transit and links each ASN to its receiving form.
 */
@Component({
  selector: 'sb-shipments-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    RouterLink,
    CursorTable,
    PageHeader,
    ShipmentStatusChip,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  templateUrl: './shipments-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShipmentsPage implements OnInit {
  /** Route data: the receiving desk's view of the list. */
  readonly receiving = input(false);

  private readonly client = inject(ShipmentsClient);
  private readonly auth = inject(AuthStore);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly locations = inject(LocationDirectory);

  protected readonly statuses = SHIPMENT_STATUSES;
  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';

  protected readonly page = new CursorPage<Shipment, ShipmentFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: {
      status: '',
      callOffId: '',
      supplierOrgId: '',
      buyerOrgId: '',
      locationCode: '',
    },
  });

  protected readonly statusFilter = computed(() =>
    this.page.filters().status
      ? (this.page.filters().status.split(',') as ShipmentStatus[])
      : [],
  );

  protected readonly columns = computed(() => [
    'number',
    'status',
    'callOffNumber',
    'partner',
    'locationCode',
    'lines',
    'createdAt',
    ...(this.receiving() ? ['receive'] : []),
  ]);

  ngOnInit(): void {
    if (this.receiving()) {
      this.page.patchFilters({ status: OPEN_STATUSES.join(',') });
    }
  }

  protected setStatuses(statuses: ShipmentStatus[]): void {
    this.page.patchFilters({ status: statuses.join(',') });
  }

  protected statusKey(status: ShipmentStatus) {
    return `shipmentStatus.${status}` as const;
  }

  protected receivable(shipment: Shipment): boolean {
    return OPEN_STATUSES.includes(shipment.status);
  }
}
