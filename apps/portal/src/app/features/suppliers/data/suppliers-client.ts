import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AgingClauseRequest,
  AgingClauseRunResult,
  CreateSupplierAgreementRequest,
  Organization,
  Page,
  SupplierAgreement,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

/** The buyer's supplier agreements (links). */
@Injectable({ providedIn: 'root' })
export class SuppliersClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/suppliers`;

  /** Sortable by `code`, `name` (the supplier's) and `createdAt`. */
  list(request: PageRequest): Observable<Page<SupplierAgreement>> {
    return this.http.get<Page<SupplierAgreement>>(this.url, {
      params: toHttpParams(pageQuery(request)),
    });
  }

  /** One agreement, by the supplier's organisation id (404 when not linked). */
  get(supplierOrgId: string): Observable<SupplierAgreement> {
    return this.http.get<SupplierAgreement>(
      `${this.url}/${encodeURIComponent(supplierOrgId)}`,
    );
  }

  /** Supplier organisations not linked to this buyer yet (`?search=` on code and name). */
  candidates(search: string, limit = 20): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(`${this.url}/candidates`, {
      params: toHttpParams({ search, limit }),
    });
  }

  link(body: CreateSupplierAgreementRequest): Observable<SupplierAgreement> {
    return this.http.post<SupplierAgreement>(this.url, body);
  }

  /** Sets, changes or (`maxConsignmentDays: null`) removes the agreement's aging clause. */
  putAgingClause(
    supplierOrgId: string,
    body: AgingClauseRequest,
  ): Observable<SupplierAgreement> {
    return this.http.put<SupplierAgreement>(
      `${this.url}/${encodeURIComponent(supplierOrgId)}/aging-clause`,
      body,
    );
  }

  /**
   * Runs the aging clause now for this buyer (`agingClause:run`): aged supplier layers pass to
   * the buyer. Idempotent by nature: a second run finds nothing left.
   */
  runAgingClause(): Observable<AgingClauseRunResult> {
    return this.http.post<AgingClauseRunResult>(
      `${API_BASE}/jobs/aging-clause/run`,
      {},
    );
  }
}
