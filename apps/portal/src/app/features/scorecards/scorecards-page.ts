import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  SCORECARD_METRICS,
  ScorecardMetric,
  ScorecardRanking,
  SupplierScorecard,
} from '@stockbridge/shared';
import { map } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import {
  OrgDirectory,
  OrgNamePipe,
} from '../../shared/directory/org-directory';
import {
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { ScorecardFilters, ScorecardsClient } from './data/scorecards-client';
import { ScorecardGradeChip } from './scorecard-grade';
import { ScorecardTrendPanel } from './scorecard-trend';

/**
 * Supplier scorecards. A buyer sees its suppliers ranked by score over a period (default the
 * current month) and the trend of the one it selects; a supplier sees its own scorecard at
 * each of its buyers and its trend there. Everything is computed by the API.
 */
@Component({
  selector: 'sb-scorecards-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    CursorTable,
    PageHeader,
    Icon,
    ScorecardGradeChip,
    ScorecardTrendPanel,
    TranslatePipe,
    OrgNamePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './scorecards-page.html',
  styles: `
    td.num,
    th.num {
      white-space: nowrap;
    }
    .date {
      width: 11rem;
    }
    .weights,
    .period {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .selected td {
      background: var(--mat-sys-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScorecardsPage {
  private readonly client = inject(ScorecardsClient);
  private readonly i18n = inject(I18nService);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly isSupplier =
    inject(AuthStore).user()?.orgType === 'SUPPLIER';

  /** What the last answer said about the period and the weights (the table keeps the rows). */
  protected readonly meta = signal<Pick<
    ScorecardRanking,
    'periodFrom' | 'periodTo' | 'weights'
  > | null>(null);

  protected readonly page = new CursorPage<SupplierScorecard, ScorecardFilters>(
    {
      load: (request, filters) =>
        this.client.ranking(request, filters).pipe(
          map((r) => {
            this.meta.set({
              periodFrom: r.periodFrom,
              periodTo: r.periodTo,
              weights: r.weights,
            });
            return r;
          }),
        ),
      filters: { from: '', to: '', buyerOrgId: '' },
      limit: 50,
    },
  );

  protected readonly columns = this.isSupplier
    ? ([
        'buyer',
        'score',
        'grade',
        'onTime',
        'fill',
        'confirmation',
        'shortClosed',
        'turnover',
        'aged',
        'disputed',
        'trend',
      ] as const)
    : ([
        'rank',
        'supplier',
        'score',
        'grade',
        'onTime',
        'fill',
        'confirmation',
        'shortClosed',
        'turnover',
        'aged',
        'disputed',
        'trend',
      ] as const);

  /** The row whose trend is shown (supplier + buyer). */
  protected readonly selected = signal<SupplierScorecard | null>(null);
  protected readonly isSelected = (row: SupplierScorecard) => {
    const s = this.selected();
    return (
      s !== null &&
      s.supplierOrgId === row.supplierOrgId &&
      s.buyerOrgId === row.buyerOrgId
    );
  };

  protected readonly weightsText = computed(() => {
    this.i18n.lang();
    const weights = this.meta()?.weights;
    if (!weights) return '';
    return SCORECARD_METRICS.map(
      (m) => `${this.i18n.t(this.metricKey(m))} ${weights[m]}`,
    ).join(' · ');
  });

  constructor() {
    // The first row's trend is shown until the person picks another.
    effect(() => {
      const first = this.page.items()[0];
      if (first && this.selected() === null) this.selected.set(first);
    });
  }

  protected setDate(field: 'from' | 'to', date: Date | null): void {
    this.page.patchFilters({ [field]: toBusinessDate(date) ?? '' });
  }

  protected select(row: SupplierScorecard): void {
    this.selected.set(row);
  }

  protected metricKey(m: ScorecardMetric) {
    return `scorecards.metric.${m}` as const;
  }

  protected percent(v: string | null): string {
    return v === null ? '—' : `${v} %`;
  }
}
