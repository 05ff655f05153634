import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ConsumptionReport, ReportExportFormat } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ConsumptionReportFilters = {
  /** Buyers: one supplier. */
  supplierOrgId: string;
  /** Suppliers: one buyer. */
  buyerOrgId: string;
  itemCode: string;
  from: string;
  to: string;
  /** Comma-separated dimensions: `supplier`, `item`, `month`. */
  groupBy: string;
};

/** Finance reports over the ledger's title transfers. */
@Injectable({ providedIn: 'root' })
export class ReportsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/reports/consumption`;

  /** Sortable by `key` (default), `qty`, `amount`, `transferCount`; `totals` cover every page. */
  consumption(
    request: PageRequest,
    filters: Partial<ConsumptionReportFilters> = {},
  ): Observable<ConsumptionReport> {
    return this.http.get<ConsumptionReport>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  consumptionExport(
    format: ReportExportFormat,
    filters: Partial<ConsumptionReportFilters> = {},
  ): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url}/export`, {
      params: toHttpParams({ ...filters, format }),
      responseType: 'blob',
      observe: 'response',
    });
  }
}
