import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** How a status reads at a glance. */
export type ChipTone =
  | 'neutral'
  | 'info'
  | 'progress'
  | 'success'
  | 'warning'
  | 'danger';

/** A coloured status label: `<sb-status-chip [label]="…" tone="success" status="RECEIVED" />`. */
@Component({
  selector: 'sb-status-chip',
  template: `{{ label() }}`,
  host: {
    '[class]': '"tone-" + tone()',
    '[attr.data-status]': 'status()',
    'data-testid': 'status-chip',
  },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      height: 24px;
      padding: 0 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    :host(.tone-neutral) {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container-highest);
    }
    :host(.tone-info) {
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    :host(.tone-progress) {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
    }
    :host(.tone-success) {
      color: #0d5223;
      background: #cdeed5;
    }
    :host(.tone-warning) {
      color: #6a4000;
      background: #ffe2b0;
    }
    :host(.tone-danger) {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly label = input.required<string>();
  readonly tone = input<ChipTone>('neutral');
  /** The raw status, as `data-status` for tests. */
  readonly status = input<string | null>(null);
}
