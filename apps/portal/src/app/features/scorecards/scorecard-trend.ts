import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import {
  SCORECARD_GRANULARITIES,
  ScorecardGranularity,
  ScorecardTrend,
  SupplierScorecard,
} from '@stockbridge/shared';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { Chart } from '../../shared/charts/chart';
import { ChartOption } from '../../shared/charts/echarts-setup';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import { ScorecardsClient } from './data/scorecards-client';
import { ScorecardGradeChip } from './scorecard-grade';

type TrendState =
  | { loading: true; trend: null; problem: null }
  | {
      loading: false;
      trend: ScorecardTrend | null;
      problem: ClientProblem | null;
    };

const pct = (v: string | null) => (v === null ? null : Number(v));

/**
 * One supplier's trend: score, on-time delivery and fill rate per month (or week) as a line
 * chart, the same figures in a table below it (the chart is an image), and the period total.
 */
@Component({
  selector: 'sb-scorecard-trend',
  imports: [
    MatButtonToggleModule,
    MatProgressBarModule,
    MatTableModule,
    Chart,
    ProblemAlert,
    ScorecardGradeChip,
    TranslatePipe,
  ],
  template: `
    <div class="head">
      <h2 data-testid="scorecard-trend-title">
        {{ heading() }}
      </h2>
      <mat-button-toggle-group
        [value]="granularity()"
        (change)="granularity.set($event.value)"
        [attr.aria-label]="'scorecards.granularity' | t"
        data-testid="scorecard-granularity"
      >
        @for (g of granularities; track g) {
          <mat-button-toggle
            [value]="g"
            [attr.data-testid]="'scorecard-granularity-' + g"
          >
            {{ granularityKey(g) | t }}
          </mat-button-toggle>
        }
      </mat-button-toggle-group>
    </div>
    @if (state().loading) {
      <mat-progress-bar mode="indeterminate" />
    }
    <sb-problem-alert [problem]="state().problem" />
    @if (state().trend; as trend) {
      <sb-chart
        class="chart"
        [option]="option()"
        [label]="'scorecards.chartLabel' | t: { subject: heading() }"
        data-testid="scorecard-trend-chart"
      />
      <table
        mat-table
        [dataSource]="trend.points"
        class="points"
        data-testid="scorecard-trend-table"
      >
        <ng-container matColumnDef="period">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'scorecards.period' | t }}
          </th>
          <td mat-cell *matCellDef="let p" class="mono">{{ label(p) }}</td>
        </ng-container>
        <ng-container matColumnDef="score">
          <th mat-header-cell *matHeaderCellDef class="num">
            {{ 'scorecards.score' | t }}
          </th>
          <td
            mat-cell
            *matCellDef="let p"
            class="num"
            data-testid="trend-score"
          >
            {{ p.score ?? '—' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="grade">
          <th mat-header-cell *matHeaderCellDef>
            {{ 'scorecards.grade' | t }}
          </th>
          <td mat-cell *matCellDef="let p">
            <sb-scorecard-grade [grade]="p.grade" />
          </td>
        </ng-container>
        <ng-container matColumnDef="onTime">
          <th mat-header-cell *matHeaderCellDef class="num">
            {{ 'scorecards.onTime' | t }}
          </th>
          <td mat-cell *matCellDef="let p" class="num">
            {{ percent(p.metrics.onTimeDelivery.pct) }}
          </td>
        </ng-container>
        <ng-container matColumnDef="fill">
          <th mat-header-cell *matHeaderCellDef class="num">
            {{ 'scorecards.fillRate' | t }}
          </th>
          <td mat-cell *matCellDef="let p" class="num">
            {{ percent(p.metrics.fillRate.pct) }}
          </td>
        </ng-container>
        <ng-container matColumnDef="aged">
          <th mat-header-cell *matHeaderCellDef class="num">
            {{ 'scorecards.aged' | t }}
          </th>
          <td mat-cell *matCellDef="let p" class="num">
            {{ percent(p.metrics.consignment.agedSharePct) }}
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr
          mat-row
          *matRowDef="let row; columns: columns"
          data-testid="trend-row"
        ></tr>
      </table>
      <p class="total" data-testid="scorecard-trend-total">
        {{
          'scorecards.total'
            | t
              : {
                  from: trend.periodFrom,
                  to: trend.periodTo,
                  score: trend.total.score ?? '—',
                }
        }}
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px 16px;
      margin: 24px 0 8px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .chart {
      height: 280px;
    }
    .points {
      margin-top: 8px;
    }
    td.num,
    th.num {
      white-space: nowrap;
    }
    .total {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScorecardTrendPanel {
  readonly supplierOrgId = input.required<string>();
  /** The panel's title, e.g. "Trend of Nordbolt" or "Your trend at ACME". */
  readonly heading = input.required<string>();
  /** Supplier viewers: the buyer whose scorecard this is. */
  readonly buyerOrgId = input<string | null>(null);

  private readonly client = inject(ScorecardsClient);
  private readonly i18n = inject(I18nService);

  protected readonly granularities = SCORECARD_GRANULARITIES;
  protected readonly granularity = signal<ScorecardGranularity>('month');
  protected readonly columns = [
    'period',
    'score',
    'grade',
    'onTime',
    'fill',
    'aged',
  ] as const;

  private readonly request = computed(() => ({
    supplierOrgId: this.supplierOrgId(),
    buyerOrgId: this.buyerOrgId(),
    granularity: this.granularity(),
  }));

  protected readonly state = toSignal(
    toObservable(this.request).pipe(
      switchMap((r) => {
        // A week trend over a year would be 53 points: show the last quarter instead.
        const from = r.granularity === 'week' ? weeksAgo(13) : undefined;
        return this.client
          .trend(r.supplierOrgId, {
            granularity: r.granularity,
            ...(from ? { from } : {}),
            ...(r.buyerOrgId ? { buyerOrgId: r.buyerOrgId } : {}),
          })
          .pipe(
            map(
              (trend): TrendState => ({ loading: false, trend, problem: null }),
            ),
            catchError((err: unknown) =>
              of<TrendState>({
                loading: false,
                trend: null,
                problem: toProblem(err),
              }),
            ),
            startWith<TrendState>({
              loading: true,
              trend: null,
              problem: null,
            }),
          );
      }),
    ),
    {
      initialValue: { loading: true, trend: null, problem: null } as TrendState,
    },
  );

  protected readonly option = computed<ChartOption>(() => {
    this.i18n.lang();
    const points = this.state().trend?.points ?? [];
    const series = [
      { key: 'scorecards.score', values: points.map((p) => pct(p.score)) },
      {
        key: 'scorecards.onTime',
        values: points.map((p) => pct(p.metrics.onTimeDelivery.pct)),
      },
      {
        key: 'scorecards.fillRate',
        values: points.map((p) => pct(p.metrics.fillRate.pct)),
      },
    ] as const;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => this.label(p)) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: series.map((s) => ({
        name: this.i18n.t(s.key),
        type: 'line',
        data: s.values,
        connectNulls: false,
        symbolSize: 6,
      })),
    };
  });

  protected granularityKey(g: ScorecardGranularity) {
    return `scorecards.granularity.${g}` as const;
  }

  /** `2026-03` for a month, the week's first day for a week. */
  protected label(p: SupplierScorecard): string {
    return this.granularity() === 'month'
      ? p.periodFrom.slice(0, 7)
      : p.periodFrom;
  }

  protected percent(v: string | null): string {
    return v === null ? '—' : `${v} %`;
  }
}

function weeksAgo(weeks: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - weeks * 7);
  return d.toISOString().slice(0, 10);
}
