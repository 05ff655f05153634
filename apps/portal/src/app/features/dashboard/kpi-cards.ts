import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { DashboardKpis, SEVERITIES } from '@stockbridge/shared';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { formatMoney } from './money';
import { SeverityChip } from './severity';

/** The buyer's headline figures: open warnings, consignment stock value, days of cover. */
@Component({
  selector: 'sb-kpi-cards',
  imports: [MatCardModule, TranslatePipe, SeverityChip],
  template: `
    @let k = kpis();
    <mat-card appearance="outlined" class="kpi" data-testid="kpi-open-warnings">
      <mat-card-content>
        <h2>{{ 'dashboard.kpi.openWarnings' | t }}</h2>
        <p class="figure" data-testid="kpi-open-total">{{ k ? k.openWarnings.total : '–' }}</p>
        <div class="severities">
          @for (s of severities; track s) {
            <span class="severity" [attr.data-testid]="'kpi-count-' + s">
              <sb-severity [severity]="s" />
              <strong>{{ k ? k.openWarnings[s] : '–' }}</strong>
            </span>
          }
        </div>
        <p class="note">
          {{ 'dashboard.kpi.acknowledged' | t: { count: k ? k.openWarnings.acknowledged : '–' } }}
        </p>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined" class="kpi" data-testid="kpi-stock-value">
      <mat-card-content>
        <h2>{{ 'dashboard.kpi.stockValue' | t }}</h2>
        @if (k && k.stockValue.length) {
          @for (v of k.stockValue; track v.currency) {
            <p class="figure money" [attr.data-testid]="'kpi-value-' + v.currency">
              {{ money(v.amount, v.currency) }}
            </p>
          }
        } @else {
          <p class="figure">{{ k ? ('dashboard.kpi.noStock' | t) : '–' }}</p>
        }
        <p class="note">
          @if (k?.unpricedRows) {
            {{ 'dashboard.kpi.unpriced' | t: { count: k?.unpricedRows } }}
          } @else {
            {{ 'dashboard.kpi.stockValueNote' | t }}
          }
        </p>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined" class="kpi" data-testid="kpi-days-of-cover">
      <mat-card-content>
        <h2>{{ 'dashboard.kpi.daysOfCover' | t }}</h2>
        <p class="figure" data-testid="kpi-cover-average">
          {{ k?.daysOfCover?.average ?? '–' }}
          <span class="unit">{{ 'dashboard.kpi.daysAverage' | t }}</span>
        </p>
        @if (k?.daysOfCover?.min !== null && k?.daysOfCover?.min !== undefined) {
          <p class="note" data-testid="kpi-cover-min">
            {{ 'dashboard.kpi.coverMin' | t: {
              days: k?.daysOfCover?.min,
              location: k?.daysOfCover?.minLocationCode,
              item: k?.daysOfCover?.minItemCode
            } }}
          </p>
        }
        <p class="note">
          {{ 'dashboard.kpi.coverBasis' | t: {
            measured: k?.daysOfCover?.measured ?? 0,
            idle: k?.daysOfCover?.idle ?? 0
          } }}
        </p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 16px;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .figure {
      margin: 0;
      font: var(--mat-sys-headline-medium);
      color: var(--mat-sys-on-surface);
    }
    .figure.money {
      font: var(--mat-sys-headline-small);
    }
    .unit {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .severities {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin: 8px 0;
    }
    .severity {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .note {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KpiCards {
  readonly kpis = input<DashboardKpis | null>(null);

  private readonly i18n = inject(I18nService);
  protected readonly severities = SEVERITIES;

  protected money(amount: string, currency: string): string {
    return formatMoney(this.i18n.locale(), amount, currency);
  }
}
