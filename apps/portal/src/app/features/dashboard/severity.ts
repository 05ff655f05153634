import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Severity, WarningKind, WarningStatus } from '@stockbridge/shared';
import { TranslationKey } from '../../core/i18n/en';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

/* Typed dictionary keys of the warning enums (templates cannot concatenate a typed key). */
export const severityKey = (s: Severity) =>
  `severity.${s}` as const satisfies TranslationKey;
export const warningKindKey = (k: WarningKind) =>
  `warningKind.${k}` as const satisfies TranslationKey;
export const warningStatusKey = (s: WarningStatus) =>
  `warningStatus.${s}` as const satisfies TranslationKey;

/**
 * Severity colours, one place for chips, KPI cards and charts. "OK" is a (site, item) with a
 * policy or stock and nothing open.
 */
export const SEVERITY_COLORS: Record<Severity | 'OK', string> = {
  OK: '#a5d6a7',
  YELLOW: '#fdd835',
  ORANGE: '#fb8c00',
  RED: '#e53935',
};

/** The text colour that reads on each severity colour. */
const SEVERITY_INK: Record<Severity, string> = {
  YELLOW: '#4a3b00',
  ORANGE: '#3e1f00',
  RED: '#ffffff',
};

/** `<sb-severity severity="RED" />`: a coloured, translated severity label. */
@Component({
  selector: 'sb-severity',
  imports: [TranslatePipe],
  template: `{{ key(severity()) | t }}`,
  host: {
    'data-testid': 'severity-chip',
    '[attr.data-severity]': 'severity()',
    '[style.background]': 'colors[severity()]',
    '[style.color]': 'ink[severity()]',
  },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      height: 22px;
      padding: 0 10px;
      border-radius: 11px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeverityChip {
  readonly severity = input.required<Severity>();
  protected readonly colors = SEVERITY_COLORS;
  protected readonly ink = SEVERITY_INK;
  protected readonly key = severityKey;
}

const STATUS_TONES: Record<WarningStatus, ChipTone> = {
  OPEN: 'info',
  ACKNOWLEDGED: 'neutral',
  RESOLVED: 'success',
};

/** `<sb-warning-status status="ACKNOWLEDGED" />` */
@Component({
  selector: 'sb-warning-status',
  imports: [StatusChip, TranslatePipe],
  template: `<sb-status-chip
    [label]="key(status()) | t"
    [tone]="tones[status()]"
    [status]="status()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarningStatusChip {
  readonly status = input.required<WarningStatus>();
  protected readonly tones = STATUS_TONES;
  protected readonly key = warningStatusKey;
}
