import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { CallOff, CallOffStatus, Shipment } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { isPositiveQty, isZeroQty } from '../../shared/decimal';
import {
  ReasonDialog,
  ReasonDialogData,
} from '../../shared/forms/reason-dialog';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { ShipmentFilters, ShipmentsClient } from '../shipments/data/shipments-client';
import { CallOffStatusChip, ShipmentStatusChip } from './chain-status';
import { ConfirmCallOffDialog } from './confirm-call-off-dialog';
import { CallOffsClient } from './data/call-offs-client';

/** Statuses in which something can still be shipped against confirmed lines. */
const SHIPPABLE: readonly CallOffStatus[] = [
  'CONFIRMED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'PARTIALLY_RECEIVED',
  'RECEIVED',
];

/** One call-off: its lines and progress, the shipments against it, and the next actions. */
@Component({
  selector: 'sb-call-off-detail-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    MatSortModule,
    RouterLink,
    CursorTable,
    PageHeader,
    Icon,
    CallOffStatusChip,
    ShipmentStatusChip,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './call-off-detail-page.html',
  styleUrl: './call-off-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallOffDetailPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly client = inject(CallOffsClient);
  private readonly shipments = inject(ShipmentsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly problems = inject(ProblemMessages);
  private readonly auth = inject(AuthStore);

  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';

  protected readonly callOff = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.client.get(params),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.callOff.error();
    return error ? this.problems.message(toProblem(error)) : null;
  });

  protected readonly canCancel = computed(() => {
    const c = this.callOff.value();
    return (
      !!c &&
      this.auth.can('calloffs:cancel') &&
      (c.status === 'OPEN' || c.status === 'CONFIRMED') &&
      c.lines.every((l) => isZeroQty(l.shippedQty))
    );
  });
  protected readonly canConfirm = computed(() => {
    const c = this.callOff.value();
    return (
      !!c &&
      this.auth.can('calloffs:respond') &&
      (c.status === 'OPEN' || c.status === 'CONFIRMED') &&
      c.lines.every((l) => isZeroQty(l.shippedQty))
    );
  });
  protected readonly canReject = computed(
    () =>
      this.callOff.value()?.status === 'OPEN' &&
      this.auth.can('calloffs:respond'),
  );
  protected readonly canShip = computed(() => {
    const c = this.callOff.value();
    return (
      !!c &&
      this.auth.can('shipments:create') &&
      SHIPPABLE.includes(c.status) &&
      c.lines.some((l) => !l.closed && isPositiveQty(l.maxShippableQty))
    );
  });

  protected readonly lineColumns = [
    'lineNo',
    'item',
    'qty',
    'needBy',
    'confirmedQty',
    'promisedDate',
    'shippedQty',
    'receivedQty',
    'inTransitQty',
  ] as const;

  protected readonly shipmentPage = new CursorPage<Shipment, Pick<ShipmentFilters, 'callOffId'>>({
    load: (request) =>
      this.shipments.list(request, { callOffId: this.id() }),
    filters: { callOffId: '' },
  });
  protected readonly shipmentColumns = [
    'number',
    'status',
    'lines',
    'createdAt',
  ] as const;

  protected confirm(callOff: CallOff): void {
    this.dialog
      .open<ConfirmCallOffDialog, CallOff, CallOff>(ConfirmCallOffDialog, {
        width: '760px',
        maxWidth: '95vw',
        data: callOff,
      })
      .afterClosed()
      .subscribe((updated) => this.updated(updated, 'callOffs.confirmed'));
  }

  protected reject(callOff: CallOff): void {
    this.askReason(callOff, {
      titleKey: 'callOffs.rejectTitle',
      titleParams: { number: callOff.number },
      reasonLabelKey: 'callOffs.rejectReason',
      required: true,
      confirmKey: 'callOffs.reject',
      destructive: true,
      submit: (reason) => this.client.reject(callOff.id, { reason }),
    }, 'callOffs.rejected');
  }

  protected cancel(callOff: CallOff): void {
    this.askReason(callOff, {
      titleKey: 'callOffs.cancelTitle',
      titleParams: { number: callOff.number },
      messageKey: 'callOffs.cancelMessage',
      reasonLabelKey: 'callOffs.cancelReason',
      required: false,
      confirmKey: 'callOffs.cancel',
      destructive: true,
      submit: (reason) =>
        this.client.cancel(callOff.id, reason ? { reason } : {}),
    }, 'callOffs.cancelled');
  }

  private askReason(
    callOff: CallOff,
    data: ReasonDialogData<CallOff>,
    doneKey: 'callOffs.rejected' | 'callOffs.cancelled',
  ): void {
    this.dialog
      .open<ReasonDialog<CallOff>, ReasonDialogData<CallOff>, CallOff>(
        ReasonDialog,
        { width: '520px', data },
      )
      .afterClosed()
      .subscribe((updated) => this.updated(updated, doneKey));
  }

  private updated(
    callOff: CallOff | undefined,
    key: 'callOffs.confirmed' | 'callOffs.rejected' | 'callOffs.cancelled',
  ): void {
    if (!callOff) return;
    this.callOff.set(callOff);
    this.notifier.success(key, { number: callOff.number });
  }
}
