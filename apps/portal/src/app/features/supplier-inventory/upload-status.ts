import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { UploadStatus } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

const TONES: Record<UploadStatus, ChipTone> = {
  PROCESSING: 'progress',
  VALIDATED: 'info',
  APPLIED: 'success',
  REJECTED: 'danger',
  FAILED: 'danger',
};

/** An upload batch's status as a coloured chip. */
@Component({
  selector: 'sb-upload-status',
  imports: [StatusChip],
  template: `<sb-status-chip [label]="label()" [tone]="tone()" [status]="status()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadStatusChip {
  readonly status = input.required<UploadStatus>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() =>
    this.i18n.t(`uploadStatus.${this.status()}`),
  );
  protected readonly tone = computed(() => TONES[this.status()]);
}
