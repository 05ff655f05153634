import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormBuilder,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  CloseShortResult,
  MAX_QTY_DECIMALS,
  ReceiveResult,
  Shipment,
} from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { isPositiveQty } from '../../shared/decimal';
import { OrgNamePipe } from '../../shared/directory/org-directory';
import {
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import {
  ReasonDialog,
  ReasonDialogData,
} from '../../shared/forms/reason-dialog';
import { remapLineIndexes } from '../../shared/forms/server-errors';
import { decimalValidator } from '../../shared/forms/validators';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { ShipmentStatusChip } from '../call-offs/chain-status';
import { ShipmentsClient } from './data/shipments-client';

type ReceiveLineForm = FormGroup<{
  shipmentLineId: FormControl<string>;
  receivedQty: FormControl<string>;
}>;

/**
 * One ASN: its lines and receipts. The warehouse receives it here line by line (in full or in
 * part, several times) and closes it short when the rest will not come.
 */
@Component({
  selector: 'sb-shipment-detail-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    PageHeader,
    ShipmentStatusChip,
    FieldError,
    ProblemAlert,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './shipment-detail-page.html',
  styleUrl: './shipment-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShipmentDetailPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly client = inject(ShipmentsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly problems = inject(ProblemMessages);
  private readonly auth = inject(AuthStore);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly isSupplier = this.auth.user()?.orgType === 'SUPPLIER';

  protected readonly shipment = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.client.get(params),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.shipment.error();
    return error ? this.problems.message(toProblem(error)) : null;
  });

  /** Something is still in transit and the person receives goods. */
  protected readonly canReceive = computed(() => {
    const s = this.shipment.value();
    return (
      !!s &&
      this.auth.can('shipments:receive') &&
      (s.status === 'IN_TRANSIT' || s.status === 'PARTIALLY_RECEIVED') &&
      s.lines.some((l) => isPositiveQty(l.inTransitQty))
    );
  });

  protected readonly lastReceipt = signal<ReceiveResult | null>(null);

  protected readonly form = this.fb.group({
    lines: this.fb.array<ReceiveLineForm>([]),
    effectiveDate: new FormControl<Date | null>(null),
  });
  protected readonly submission = new FormSubmission(this.form);

  protected readonly lineColumns = computed(() => [
    'lineNo',
    'itemCode',
    'lot',
    'qty',
    'receivedQty',
    'shortClosedQty',
    'inTransitQty',
    ...(this.canReceive() ? ['receiveNow'] : []),
  ]);
  protected readonly receiptColumns = ['number', 'effectiveDate', 'createdAt', 'lines'] as const;

  constructor() {
    effect(() => {
      const shipment = this.shipment.value();
      if (shipment) this.resetForm(shipment);
    });
  }

  protected get lines(): FormArray<ReceiveLineForm> {
    return this.form.controls.lines;
  }

  /** The receive control of a shipment line (one per line, in line order). */
  protected controlOf(lineId: string): FormControl<string> | null {
    return (
      this.lines.controls.find(
        (c) => c.controls.shipmentLineId.value === lineId,
      )?.controls.receivedQty ?? null
    );
  }

  protected indexOf(lineId: string): number {
    return this.lines.controls.findIndex(
      (c) => c.controls.shipmentLineId.value === lineId,
    );
  }

  /** Proposes receiving everything still in transit; the person lowers what did not arrive. */
  private resetForm(shipment: Shipment): void {
    this.lines.clear();
    for (const line of shipment.lines) {
      this.lines.push(
        this.fb.group({
          shipmentLineId: [line.id],
          receivedQty: [
            isPositiveQty(line.inTransitQty) ? line.inTransitQty : '',
            [decimalValidator({ maxDecimals: MAX_QTY_DECIMALS })],
          ],
        }),
      );
    }
    this.form.controls.effectiveDate.setValue(null);
  }

  protected receive(shipment: Shipment): void {
    const all = this.form.getRawValue();
    const sent = all.lines
      .map((l, index) => ({ l, index }))
      .filter(({ l }) => isPositiveQty(l.receivedQty.trim()));
    if (!sent.length) {
      this.notifier.info('receiving.nothing');
      return;
    }
    const effectiveDate = toBusinessDate(all.effectiveDate);
    this.submission.run(
      () =>
        this.client
          .receive(shipment.id, {
            lines: sent.map(({ l }) => ({
              shipmentLineId: l.shipmentLineId,
              receivedQty: l.receivedQty.trim(),
            })),
            ...(effectiveDate ? { effectiveDate } : {}),
          })
          .pipe(remapLineIndexes(sent.map(({ index }) => index))),
      (result) => {
        this.lastReceipt.set(result);
        this.notifier.success('receiving.received', {
          number: result.receiptNumber,
        });
        this.shipment.reload();
      },
    );
  }

  protected closeShort(shipment: Shipment): void {
    const data: ReasonDialogData<CloseShortResult> = {
      titleKey: 'receiving.closeShortTitle',
      titleParams: { number: shipment.number },
      messageKey: 'receiving.closeShortMessage',
      reasonLabelKey: 'receiving.closeShortReason',
      required: false,
      confirmKey: 'receiving.closeShort',
      destructive: true,
      submit: (reason) =>
        this.client.closeShort(shipment.id, reason ? { reason } : {}),
    };
    this.dialog
      .open<
        ReasonDialog<CloseShortResult>,
        ReasonDialogData<CloseShortResult>,
        CloseShortResult
      >(ReasonDialog, { width: '520px', data })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        this.notifier.success('receiving.closedShort', {
          number: shipment.number,
        });
        this.shipment.reload();
      });
  }

  protected receiptLineCount(shipment: Shipment, receiptIndex: number): number {
    return shipment.receipts?.[receiptIndex]?.lines.length ?? 0;
  }
}
