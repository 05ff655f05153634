import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { StatementStatus } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

export const STATEMENT_TONES: Record<StatementStatus, ChipTone> = {
  DRAFT: 'neutral',
  ISSUED: 'info',
  CONFIRMED: 'success',
  DISPUTED: 'danger',
  SUPERSEDED: 'neutral',
};

export const statementStatusKey = (status: StatementStatus) =>
  `statementStatus.${status}` as const;

/** A statement's status as a coloured chip. */
@Component({
  selector: 'sb-statement-status',
  imports: [StatusChip],
  template: `<sb-status-chip
    [label]="label()"
    [tone]="tone()"
    [status]="status()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatementStatusChip {
  readonly status = input.required<StatementStatus>();
  private readonly i18n = inject(I18nService);
  protected readonly label = computed(() =>
    this.i18n.t(statementStatusKey(this.status())),
  );
  protected readonly tone = computed(() => STATEMENT_TONES[this.status()]);
}
