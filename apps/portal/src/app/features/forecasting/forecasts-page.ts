import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { FORECAST_METHODS, ForecastSummary } from '@stockbridge/shared';
import { AuthStore } from '../../core/auth/auth-store';
import { toProblem } from '../../core/http/problem';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { SearchField } from '../../shared/ui/search-field';
import { ForecastFilters, ForecastsClient } from './data/forecasts-client';
import { methodKey } from './forecast-keys';

/**
 * The cached forecasts per site and item: method chosen, back-test accuracy, average daily
 * forecast and days of cover, sortable on the server; a row opens its history vs forecast.
 * Planners and buyer admins may recompute everything at once.
 */
@Component({
  selector: 'sb-forecasts-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    CursorTable,
    PageHeader,
    SearchField,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './forecasts-page.html',
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForecastsPage {
  private readonly client = inject(ForecastsClient);
  private readonly notifier = inject(Notifier);
  protected readonly locations = inject(LocationDirectory);
  protected readonly canRefresh = inject(AuthStore).can('masterdata:write');
  protected readonly methods = FORECAST_METHODS;
  protected readonly methodKey = methodKey;
  protected readonly refreshing = signal(false);

  protected readonly page = new CursorPage<ForecastSummary, ForecastFilters>({
    load: (request, filters) => this.client.list(request, filters),
    filters: { locationCode: '', itemCode: '', method: '' },
  });
  protected readonly columns = [
    'location',
    'itemCode',
    'method',
    'wape',
    'mapePct',
    'avgDailyForecast',
    'onHand',
    'daysOfCover',
    'open',
  ] as const;

  protected refresh(): void {
    this.refreshing.set(true);
    this.client.refresh().subscribe({
      next: (r) => {
        this.refreshing.set(false);
        this.notifier.success('forecast.refreshed', {
          pairs: r.pairs,
          suggestions: r.suggestionsCreated,
        });
        this.page.reload();
      },
      error: (e) => {
        this.refreshing.set(false);
        this.notifier.problem(toProblem(e));
      },
    });
  }
}
