import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { JournalType } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

const TONES: Record<JournalType, ChipTone> = {
  SHIPMENT: 'info',
  RECEIPT: 'success',
  SHORT_CLOSE: 'warning',
  CONSUMPTION: 'progress',
  RETURN: 'neutral',
  ADJUSTMENT: 'warning',
  REVERSAL: 'danger',
  TRANSFER: 'info',
  TITLE_TRANSFER: 'progress',
};

/** A journal's type as a coloured chip. */
@Component({
  selector: 'sb-journal-type',
  imports: [StatusChip],
  template: `<sb-status-chip [label]="label()" [tone]="tone()" [status]="type()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JournalTypeChip {
  readonly type = input.required<JournalType>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() =>
    this.i18n.t(`journalType.${this.type()}`),
  );
  protected readonly tone = computed(() => TONES[this.type()]);
}
