import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ForecastDetail,
  ForecastMethod,
  ForecastRefreshResult,
  ForecastSummary,
  Page,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ForecastFilters = {
  locationCode: string;
  itemCode: string;
  method: ForecastMethod | '';
};

/** Demand forecasts: the cached list, one pair's history and forecast, and a recompute. */
@Injectable({ providedIn: 'root' })
export class ForecastsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/forecasts`;

  /** Sortable by `location` (default), `wape`, `avgDailyForecast`, `daysOfCover`. */
  list(
    request: PageRequest,
    filters: Partial<ForecastFilters> = {},
  ): Observable<Page<ForecastSummary>> {
    return this.http.get<Page<ForecastSummary>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  detail(locationCode: string, itemCode: string): Observable<ForecastDetail> {
    return this.http.get<ForecastDetail>(
      `${this.url}/${encodeURIComponent(locationCode)}/${encodeURIComponent(itemCode)}`,
    );
  }

  refresh(): Observable<ForecastRefreshResult> {
    return this.http.post<ForecastRefreshResult>(`${this.url}/refresh`, {});
  }
}
