import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DemandStatus } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

const TONES: Record<DemandStatus, ChipTone> = {
  OPEN: 'info',
  CANCELLED: 'neutral',
  FULFILLED: 'success',
};

/** A demand's status as a coloured chip. */
@Component({
  selector: 'sb-demand-status',
  imports: [StatusChip],
  template: `<sb-status-chip [label]="label()" [tone]="tone()" [status]="status()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DemandStatusChip {
  readonly status = input.required<DemandStatus>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() => this.i18n.t(`demandStatus.${this.status()}`));
  protected readonly tone = computed(() => TONES[this.status()]);
}
