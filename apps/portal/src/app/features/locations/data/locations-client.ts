import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateLocationRequest, Location, Page } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

/** The buyer's own sites (VMI locations and warehouses). */
@Injectable({ providedIn: 'root' })
export class LocationsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/locations`;

  /** Sortable by `code`, `name`, `type`. */
  list(request: PageRequest): Observable<Page<Location>> {
    return this.http.get<Page<Location>>(this.url, {
      params: toHttpParams(pageQuery(request)),
    });
  }

  create(body: CreateLocationRequest): Observable<Location> {
    return this.http.post<Location>(this.url, body);
  }
}
