import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CloseShortRequest,
  CloseShortResult,
  CreateShipmentRequest,
  Page,
  ReceiveResult,
  ReceiveShipmentRequest,
  Shipment,
} from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type ShipmentFilters = {
  /** One status or several, comma-separated. */
  status: string;
  callOffId: string;
  supplierOrgId: string;
  buyerOrgId: string;
  locationCode: string;
};

/** Shipping notices (ASN), receipts and short closes. */
@Injectable({ providedIn: 'root' })
export class ShipmentsClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_BASE}/shipments`;

  /** Sortable by `createdAt` (default, newest first), `number`, `status`. */
  list(
    request: PageRequest,
    filters: Partial<ShipmentFilters> = {},
  ): Observable<Page<Shipment>> {
    return this.http.get<Page<Shipment>>(this.url, {
      params: toHttpParams(pageQuery(request, filters)),
    });
  }

  /** With its receipts. */
  get(id: string): Observable<Shipment> {
    return this.http.get<Shipment>(`${this.url}/${encodeURIComponent(id)}`);
  }

  create(body: CreateShipmentRequest): Observable<Shipment> {
    return this.http.post<Shipment>(this.url, body);
  }

  receive(id: string, body: ReceiveShipmentRequest): Observable<ReceiveResult> {
    return this.http.post<ReceiveResult>(
      `${this.url}/${encodeURIComponent(id)}/receive`,
      body,
    );
  }

  closeShort(
    id: string,
    body: CloseShortRequest,
  ): Observable<CloseShortResult> {
    return this.http.post<CloseShortResult>(
      `${this.url}/${encodeURIComponent(id)}/close-short`,
      body,
    );
  }
}
