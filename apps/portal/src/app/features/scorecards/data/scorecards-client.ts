import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ScorecardGranularity,
  ScorecardRanking,
  ScorecardTrend,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ScorecardFilters = {
  /** Business dates; empty = the API's default (the current month). */
  from: string;
  to: string;
  /** Suppliers: one of their buyers. */
  buyerOrgId: string;
};

export interface TrendRequest {
  from?: string;
  to?: string;
  granularity: ScorecardGranularity;
  buyerOrgId?: string;
}

/** Supplier scorecards: the ranking (or one's own scorecards) and one supplier's trend. */
@Injectable({ providedIn: 'root' })
export class ScorecardsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/scorecards`;

  /** In rank order (the API sorts by rank only). */
  ranking(
    request: PageRequest,
    filters: Partial<ScorecardFilters> = {},
  ): Observable<ScorecardRanking> {
    return this.http.get<ScorecardRanking>(this.url, {
      params: toHttpParams(
        pageQuery({ ...request, sort: null, order: null }, filters),
      ),
    });
  }

  trend(
    supplierOrgId: string,
    request: TrendRequest,
  ): Observable<ScorecardTrend> {
    return this.http.get<ScorecardTrend>(
      `${this.url}/${encodeURIComponent(supplierOrgId)}`,
      { params: toHttpParams({ ...request }) },
    );
  }
}
