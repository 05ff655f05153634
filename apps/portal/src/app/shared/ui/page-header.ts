import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A page's title row: `<h1 data-testid="page-title">`, an optional subtitle, and actions. */
@Component({
  selector: 'sb-page-header',
  template: `
    <div class="text">
      <ng-content select="[sbPageHeaderBefore]" />
      <h1 data-testid="page-title">{{ heading() }}</h1>
      @if (subtitle()) {
        <p class="subtitle" data-testid="page-subtitle">{{ subtitle() }}</p>
      }
    </div>
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 12px 24px;
      margin-bottom: 20px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-on-surface);
    }
    .subtitle {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeader {
  readonly heading = input.required<string>();
  readonly subtitle = input<string | null>(null);
}
