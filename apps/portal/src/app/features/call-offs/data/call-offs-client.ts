import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CallOff,
  CancelCallOffRequest,
  ConfirmCallOffRequest,
  CreateCallOffRequest,
  Page,
  RejectCallOffRequest,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type CallOffFilters = {
  /** One status or several, comma-separated. */
  status: string;
  /** Buyers: one supplier. */
  supplierOrgId: string;
  /** Suppliers: one buyer. */
  buyerOrgId: string;
  locationCode: string;
  itemCode: string;
};

/** Call-offs (consignment orders): the buyer issues them, the supplier answers. */
@Injectable({ providedIn: 'root' })
export class CallOffsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/call-offs`;

  /** Sortable by `createdAt` (default, newest first), `number`, `status`. */
  list(
    request: PageRequest,
    filters: Partial<CallOffFilters> = {},
  ): Observable<Page<CallOff>> {
    return this.http.get<Page<CallOff>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  get(id: string): Observable<CallOff> {
    return this.http.get<CallOff>(`${this.url}/${encodeURIComponent(id)}`);
  }

  create(body: CreateCallOffRequest): Observable<CallOff> {
    return this.http.post<CallOff>(this.url, body);
  }

  confirm(id: string, body: ConfirmCallOffRequest): Observable<CallOff> {
    return this.http.post<CallOff>(
      `${this.url}/${encodeURIComponent(id)}/confirm`,
      body,
    );
  }

  reject(id: string, body: RejectCallOffRequest): Observable<CallOff> {
    return this.http.post<CallOff>(
      `${this.url}/${encodeURIComponent(id)}/reject`,
      body,
    );
  }

  cancel(id: string, body: CancelCallOffRequest): Observable<CallOff> {
    return this.http.post<CallOff>(
      `${this.url}/${encodeURIComponent(id)}/cancel`,
      body,
    );
  }
}
