import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateItemRequest, Item, Page } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ItemFilters = {
  /** Matches code or description. */
  search: string;
};

/** The buyer's item master. */
@Injectable({ providedIn: 'root' })
export class ItemsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/items`;

  list(
    request: PageRequest,
    filters: Partial<ItemFilters> = {},
  ): Observable<Page<Item>> {
    return this.http.get<Page<Item>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  create(body: CreateItemRequest): Observable<Item> {
    return this.http.post<Item>(this.url, body);
  }
}
