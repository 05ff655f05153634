import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ConfirmStatementRequest,
  CreateStatementRequest,
  DisputeStatementRequest,
  Page,
  Statement,
  StatementEvent,
  StatementExportFormat,
  StatementLine,
  StatementStatus,
  StatementSummary,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type StatementFilters = {
  status: StatementStatus | '';
  /** Buyers: one supplier. */
  supplierOrgId: string;
  /** Suppliers: one buyer. */
  buyerOrgId: string;
  /** Statements whose period overlaps [from, to]. */
  from: string;
  to: string;
};

export type StatementLineFilters = {
  /** '' all lines, 'true' only disputed ones. */
  disputed: '' | 'true' | 'false';
};

/** Reconciliation statements: finance creates and issues them, the supplier answers. */
@Injectable({ providedIn: 'root' })
export class StatementsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/statements`;

  /** Sortable by `createdAt` (default, newest first), `number`, `periodFrom`. */
  list(
    request: PageRequest,
    filters: Partial<StatementFilters> = {},
  ): Observable<Page<StatementSummary>> {
    return this.http.get<Page<StatementSummary>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  get(id: string): Observable<Statement> {
    return this.http.get<Statement>(this.path(id));
  }

  /** Lines in line order (keyset on lineNo; no other sort). */
  lines(
    id: string,
    request: PageRequest,
    filters: Partial<StatementLineFilters> = {},
  ): Observable<Page<StatementLine>> {
    return this.http.get<Page<StatementLine>>(`${this.path(id)}/lines`, {
      params: toHttpParams(
        pageQuery({ ...request, sort: null, order: null }, filters),
      ),
    });
  }

  events(id: string, request: PageRequest): Observable<Page<StatementEvent>> {
    return this.http.get<Page<StatementEvent>>(`${this.path(id)}/events`, {
      params: toHttpParams(pageQuery({ ...request, sort: null, order: null })),
    });
  }

  create(body: CreateStatementRequest): Observable<Statement> {
    return this.http.post<Statement>(this.url, body);
  }

  issue(id: string): Observable<Statement> {
    return this.http.post<Statement>(`${this.path(id)}/issue`, {});
  }

  confirm(id: string, body: ConfirmStatementRequest): Observable<Statement> {
    return this.http.post<Statement>(`${this.path(id)}/confirm`, body);
  }

  dispute(id: string, body: DisputeStatementRequest): Observable<Statement> {
    return this.http.post<Statement>(`${this.path(id)}/dispute`, body);
  }

  /** The file, through HttpClient (the token travels in the header). */
  export(
    id: string,
    format: StatementExportFormat,
  ): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.path(id)}/export`, {
      params: toHttpParams({ format }),
      responseType: 'blob',
      observe: 'response',
    });
  }

  private path(id: string): string {
    return `${this.url}/${encodeURIComponent(id)}`;
  }
}
