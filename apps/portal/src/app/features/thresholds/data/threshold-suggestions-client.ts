import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Page,
  RejectThresholdSuggestionRequest,
  ThresholdSuggestion,
  ThresholdSuggestionStatus,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ThresholdSuggestionFilters = {
  status: ThresholdSuggestionStatus | '';
  locationCode: string;
  itemCode: string;
};

/** Suggested min/max per stock policy; a person accepts (applies) or rejects each. */
@Injectable({ providedIn: 'root' })
export class ThresholdSuggestionsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/stock-policies/suggestions`;

  /** Newest first (the API sorts by creation only). */
  list(
    request: PageRequest,
    filters: Partial<ThresholdSuggestionFilters> = {},
  ): Observable<Page<ThresholdSuggestion>> {
    return this.http.get<Page<ThresholdSuggestion>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  accept(id: string): Observable<ThresholdSuggestion> {
    return this.http.post<ThresholdSuggestion>(`${this.url}/${id}/accept`, {});
  }

  reject(id: string, body: RejectThresholdSuggestionRequest): Observable<ThresholdSuggestion> {
    return this.http.post<ThresholdSuggestion>(`${this.url}/${id}/reject`, body);
  }
}
