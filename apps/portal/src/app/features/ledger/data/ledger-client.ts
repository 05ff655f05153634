import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AdjustmentRequest,
  AdjustmentResponse,
  ConsumptionRequest,
  ConsumptionResponse,
  JournalType,
  JournalView,
  Page,
  ReturnRequest,
  ReturnResponse,
  ReverseJournalRequest,
  VerifyResult,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type JournalFilters = {
  type: JournalType | '';
  /** Business dates, inclusive. */
  from: string;
  to: string;
  /** Buyers: journals touching this supplier's stock. */
  supplierOrgId: string;
  /** Suppliers: one of their buyers. */
  buyerOrgId: string;
};

/** The ownership ledger: postings commands, journals, reversals and verification. */
@Injectable({ providedIn: 'root' })
export class LedgerClient {
  private readonly http = inject(HttpClient);

  consume(body: ConsumptionRequest): Observable<ConsumptionResponse> {
    return this.http.post<ConsumptionResponse>(`${API_BASE}/consumptions`, body);
  }

  returnStock(body: ReturnRequest): Observable<ReturnResponse> {
    return this.http.post<ReturnResponse>(`${API_BASE}/returns`, body);
  }

  adjust(body: AdjustmentRequest): Observable<AdjustmentResponse> {
    return this.http.post<AdjustmentResponse>(`${API_BASE}/adjustments`, body);
  }

  /** Newest first; the only sort key is `seq` (posting order), asc or desc. */
  journals(
    request: PageRequest,
    filters: Partial<JournalFilters> = {},
  ): Observable<Page<JournalView>> {
    return this.http.get<Page<JournalView>>(`${API_BASE}/ledger/journals`, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  reverse(id: string, body: ReverseJournalRequest): Observable<JournalView> {
    return this.http.post<JournalView>(
      `${API_BASE}/ledger/journals/${encodeURIComponent(id)}/reverse`,
      body,
    );
  }

  verify(): Observable<VerifyResult> {
    return this.http.get<VerifyResult>(`${API_BASE}/ledger/verify`);
  }
}
