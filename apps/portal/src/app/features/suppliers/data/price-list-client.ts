import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Page,
  PriceListEntry,
  PutPriceListEntryRequest,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type PriceListFilters = {
  /** Only this item (exact code). */
  itemCode: string;
  /** Also list superseded entries (`?history=true`). */
  history: boolean;
};

/** One supplier's price list at this buyer. */
@Injectable({ providedIn: 'root' })
export class PriceListClient {
  private readonly http = inject(HttpClient);

  private url(supplierOrgId: string): string {
    return `${API_BASE}/suppliers/${encodeURIComponent(supplierOrgId)}/items`;
  }

  /** Sortable by `itemCode`, `supplierSku`, `validFrom`. */
  list(
    supplierOrgId: string,
    request: PageRequest,
    filters: Partial<PriceListFilters> = {},
  ): Observable<Page<PriceListEntry>> {
    const query = pageQuery(request, {
      itemCode: filters.itemCode,
      history: filters.history ? true : null,
    });
    return this.http.get<Page<PriceListEntry>>(this.url(supplierOrgId), {
      params: toHttpParams(query),
    });
  }

  /** Sets the current price; earlier transfers keep the price they were made at. */
  put(
    supplierOrgId: string,
    itemCode: string,
    body: PutPriceListEntryRequest,
  ): Observable<PriceListEntry> {
    return this.http.put<PriceListEntry>(
      `${this.url(supplierOrgId)}/${encodeURIComponent(itemCode)}`,
      body,
    );
  }
}
