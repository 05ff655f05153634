import { ChangeDetectionStrategy, Component } from '@angular/core';

/** The Stockbridge mark: stacked consignment crates on a bridge. */
@Component({
  selector: 'sb-logo',
  template: `
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="8" class="bg" />
      <rect x="8" y="7" width="8" height="7" rx="1.5" class="fg" />
      <rect x="16.5" y="7" width="7.5" height="7" rx="1.5" class="fg2" />
      <rect x="8" y="14.5" width="16" height="6" rx="1.5" class="fg" />
      <path d="M5 25.5h22" class="line" />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      width: 32px;
      height: 32px;
    }
    svg {
      width: 100%;
      height: 100%;
    }
    .bg {
      fill: var(--mat-sys-primary);
    }
    .fg {
      fill: var(--mat-sys-on-primary);
    }
    .fg2 {
      fill: var(--mat-sys-primary-fixed-dim);
    }
    .line {
      stroke: var(--mat-sys-on-primary);
      stroke-width: 2;
      stroke-linecap: round;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Logo {}
