import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Page,
  TransferRequest,
  TransferResponse,
  TransferView,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type TransferFilters = {
  /** Transfers from or to this VMI location. */
  locationCode: string;
  itemCode: string;
};

/** Inter-site transfers (调拨): POST and GET /transfers. */
@Injectable({ providedIn: 'root' })
export class TransfersClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/transfers`;

  transfer(body: TransferRequest): Observable<TransferResponse> {
    return this.http.post<TransferResponse>(this.url, body);
  }

  /** Newest first (the API's only order). */
  list(
    request: PageRequest,
    filters: Partial<TransferFilters> = {},
  ): Observable<Page<TransferView>> {
    return this.http.get<Page<TransferView>>(this.url, {
      params: toHttpParams(pageQuery({ ...request, sort: null }, filters)),
    });
  }
}
