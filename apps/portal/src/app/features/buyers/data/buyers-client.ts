import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BuyerLink, Page } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

/** A supplier's view of the buyers it is linked to. */
@Injectable({ providedIn: 'root' })
export class BuyersClient {
  private readonly http = inject(HttpClient);

  list(request: PageRequest): Observable<Page<BuyerLink>> {
    return this.http.get<Page<BuyerLink>>(`${API_BASE}/buyers`, {
      params: toHttpParams(pageQuery(request)),
    });
  }
}
