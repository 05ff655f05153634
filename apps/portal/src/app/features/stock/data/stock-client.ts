import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page, StockLayer, StockRow } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type StockFilters = {
  locationCode: string;
  itemCode: string;
  /** Buyers: one owner (supplier). A supplier always sees only its own rows. */
  ownerOrgId: string;
  /** Suppliers: one of their buyers. */
  buyerOrgId: string;
};

/** Consignment stock per (site, item, owner) and its receipt layers. */
@Injectable({ providedIn: 'root' })
export class StockClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/stock`;

  /** Ordered by site, item, owner (the API sorts by `location` only). */
  list(
    request: PageRequest,
    filters: Partial<StockFilters> = {},
  ): Observable<Page<StockRow>> {
    return this.http.get<Page<StockRow>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  /** Layers with stock left, oldest (next to be consumed) first. */
  layers(
    request: PageRequest,
    filters: Partial<StockFilters> = {},
  ): Observable<Page<StockLayer>> {
    return this.http.get<Page<StockLayer>>(`${this.url}/layers`, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }
}
