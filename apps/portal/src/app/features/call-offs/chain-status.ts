import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { CallOffStatus, ShipmentStatus } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

const CALL_OFF_TONES: Record<CallOffStatus, ChipTone> = {
  OPEN: 'info',
  CONFIRMED: 'progress',
  PARTIALLY_SHIPPED: 'progress',
  SHIPPED: 'progress',
  PARTIALLY_RECEIVED: 'warning',
  RECEIVED: 'success',
  CLOSED: 'neutral',
  REJECTED: 'danger',
  CANCELLED: 'neutral',
};

const SHIPMENT_TONES: Record<ShipmentStatus, ChipTone> = {
  IN_TRANSIT: 'info',
  PARTIALLY_RECEIVED: 'warning',
  RECEIVED: 'success',
  CLOSED: 'neutral',
};

/** A call-off's status as a coloured chip. */
@Component({
  selector: 'sb-call-off-status',
  imports: [StatusChip],
  template: `<sb-status-chip
    [label]="label()"
    [tone]="tone()"
    [status]="status()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallOffStatusChip {
  readonly status = input.required<CallOffStatus>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() =>
    this.i18n.t(`callOffStatus.${this.status()}`),
  );
  protected readonly tone = computed(() => CALL_OFF_TONES[this.status()]);
}

/** A shipment's status as a coloured chip. */
@Component({
  selector: 'sb-shipment-status',
  imports: [StatusChip],
  template: `<sb-status-chip
    [label]="label()"
    [tone]="tone()"
    [status]="status()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShipmentStatusChip {
  readonly status = input.required<ShipmentStatus>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() =>
    this.i18n.t(`shipmentStatus.${this.status()}`),
  );
  protected readonly tone = computed(() => SHIPMENT_TONES[this.status()]);
}
