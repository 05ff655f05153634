import { HttpClient, HttpEvent, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CancelDemandRequest,
  CreateDemandRequest,
  Demand,
  DemandStatus,
  DemandUpload,
  Page,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type DemandFilters = {
  itemCode: string;
  locationCode: string;
  status: DemandStatus | '';
  needByFrom: string;
  needByTo: string;
};

export type Lang = 'en' | 'zh';

/** Demands (docs/warnings.md "Demands and netting"): entered one by one or imported. */
@Injectable({ providedIn: 'root' })
export class DemandsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/demands`;

  /** Sortable by `needBy` (default), `createdAt`, `qty`. */
  list(request: PageRequest, filters: Partial<DemandFilters>): Observable<Page<Demand>> {
    return this.http.get<Page<Demand>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  create(body: CreateDemandRequest): Observable<Demand> {
    return this.http.post<Demand>(this.url, body);
  }

  cancel(id: string, body: CancelDemandRequest): Observable<Demand> {
    return this.http.post<Demand>(`${this.url}/${encodeURIComponent(id)}/cancel`, body);
  }

  fulfill(id: string): Observable<Demand> {
    return this.http.post<Demand>(`${this.url}/${encodeURIComponent(id)}/fulfill`, {});
  }

  /** Sends a spreadsheet as multipart part `file`, reporting upload progress. */
  upload(file: File, dryRun: boolean): Observable<HttpEvent<DemandUpload>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<DemandUpload>(`${this.url}/uploads`, body, {
      params: toHttpParams({ dryRun: dryRun ? 'true' : null }),
      reportProgress: true,
      observe: 'events',
    });
  }

  template(lang: Lang): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url}/template`, {
      params: toHttpParams({ lang: lang === 'zh' ? 'zh' : null }),
      responseType: 'blob',
      observe: 'response',
    });
  }

  /** The rejected rows as uploaded, with an error column. */
  errorWorkbook(id: string, lang: Lang): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url}/uploads/${encodeURIComponent(id)}/errors`, {
      params: toHttpParams({ lang: lang === 'zh' ? 'zh' : null }),
      responseType: 'blob',
      observe: 'response',
    });
  }
}
