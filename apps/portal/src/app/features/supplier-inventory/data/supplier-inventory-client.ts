import { HttpClient, HttpEvent, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Page,
  SupplierInventoryRow,
  SupplierInventoryUpload,
  SupplierInventoryUploadError,
  SupplierInventoryUploadQuery,
  SupplierInventoryUploadSummary,
  UploadMode,
  UploadStatus,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type Lang = 'en' | 'zh';

export type UploadHistoryFilters = {
  status: UploadStatus | '';
  mode: UploadMode | '';
  /** Suppliers: only uploads to this buyer. */
  buyerOrgId: string;
  /** Buyers: only uploads of this supplier. */
  supplierOrgId: string;
};

export type SupplierStockFilters = {
  itemCode: string;
  /** Buyers: one supplier. */
  supplierOrgId: string;
  /** Suppliers: one buyer. */
  buyerOrgId: string;
  siteCode: string;
};

/** Collaborative supplier inventory: uploads (with their problems), and the stock they state. */
@Injectable({ providedIn: 'root' })
export class SupplierInventoryClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/supplier-inventory`;

  /**
   * The .xlsx template, English or Chinese headers. With the buyer chosen, its example row
   * names an item of the supplier's price list at that buyer, so it validates as downloaded.
   */
  template(lang: Lang, buyerOrgId?: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url}/template`, {
      params: toHttpParams({ lang: lang === 'zh' ? 'zh' : null, buyerOrgId: buyerOrgId || null }),
      responseType: 'blob',
      observe: 'response',
    });
  }

  /**
   * Sends a spreadsheet as multipart part `file`, reporting upload progress. The answer is 201
   * (VALIDATED, APPLIED or REJECTED) or 202 PROCESSING for a large file (poll `get`).
   */
  upload(
    file: File,
    query: SupplierInventoryUploadQuery,
  ): Observable<HttpEvent<SupplierInventoryUpload>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<SupplierInventoryUpload>(`${this.url}/uploads`, body, {
      params: toHttpParams({
        buyerOrgId: query.buyerOrgId,
        mode: query.mode,
        dryRun: query.dryRun ? 'true' : null,
      }),
      reportProgress: true,
      observe: 'events',
    });
  }

  get(id: string): Observable<SupplierInventoryUpload> {
    return this.http.get<SupplierInventoryUpload>(
      `${this.url}/uploads/${encodeURIComponent(id)}`,
    );
  }

  /** Applies a VALIDATED dry run, all or nothing. */
  apply(id: string): Observable<SupplierInventoryUpload> {
    return this.http.post<SupplierInventoryUpload>(
      `${this.url}/uploads/${encodeURIComponent(id)}/apply`,
      {},
    );
  }

  /** Sortable by `createdAt` (default, newest first), `fileName`, `status`. */
  uploads(
    request: PageRequest,
    filters: Partial<UploadHistoryFilters> = {},
  ): Observable<Page<SupplierInventoryUploadSummary>> {
    return this.http.get<Page<SupplierInventoryUploadSummary>>(
      `${this.url}/uploads`,
      { params: toHttpParams(pageQuery(request, filters)) },
    );
  }

  /** A page of an upload's problems; sortable by `row` (default), `column`, `code`. */
  errors(
    id: string,
    request: PageRequest,
  ): Observable<Page<SupplierInventoryUploadError>> {
    return this.http.get<Page<SupplierInventoryUploadError>>(
      `${this.url}/uploads/${encodeURIComponent(id)}/errors`,
      { params: toHttpParams(pageQuery(request, { format: 'json' })) },
    );
  }

  /** The error workbook: the rejected rows as uploaded, with an error column. */
  errorWorkbook(id: string, lang: Lang): Observable<HttpResponse<Blob>> {
    return this.http.get(
      `${this.url}/uploads/${encodeURIComponent(id)}/errors`,
      {
        params: toHttpParams({ lang }),
        responseType: 'blob',
        observe: 'response',
      },
    );
  }

  /** Sortable by `site` (default), `item`, `supplier`, `asOf`, `expiry`. */
  stock(
    request: PageRequest,
    filters: Partial<SupplierStockFilters> = {},
  ): Observable<Page<SupplierInventoryRow>> {
    return this.http.get<Page<SupplierInventoryRow>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }
}
