import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ForecastCandidate } from '@stockbridge/shared';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { ForecastsClient } from './data/forecasts-client';
import { ForecastChart } from './forecast-chart';
import { methodKey } from './forecast-keys';

/** One site and item: history vs forecast, the method chosen and every method's back-test. */
@Component({
  selector: 'sb-forecast-detail-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    PageHeader,
    Icon,
    TranslatePipe,
    ForecastChart,
  ],
  templateUrl: './forecast-detail-page.html',
  styles: `
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 24px;
      margin: 8px 0 16px;
    }
    .fact .label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .fact .value {
      font: var(--mat-sys-title-medium);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .chosen td {
      font-weight: 600;
    }
    mat-card {
      margin-bottom: 16px;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForecastDetailPage {
  /** Route parameters. */
  readonly locationCode = input.required<string>();
  readonly itemCode = input.required<string>();

  private readonly client = inject(ForecastsClient);
  private readonly problems = inject(ProblemMessages);
  protected readonly methodKey = methodKey;

  protected readonly detail = rxResource({
    params: () => ({ location: this.locationCode(), item: this.itemCode() }),
    stream: ({ params }) => this.client.detail(params.location, params.item),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.detail.error();
    return error ? this.problems.message(toProblem(error)) : null;
  });
  protected readonly candidateColumns = ['method', 'wapePct', 'mapePct', 'mae', 'rmse', 'params'] as const;
  protected readonly paramsText = (c: ForecastCandidate) =>
    Object.entries(c.params)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '—';
}
