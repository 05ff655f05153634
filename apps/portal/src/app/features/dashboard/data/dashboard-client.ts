import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  DashboardKpis,
  Page,
  PriceListEntry,
  ReplenishmentProposal,
  StockTrend,
  SupplierBuyerOverview,
  SupplierPosition,
  WarningHeatmap,
  WarningView,
} from '@stockbridge/shared';
import { Observable, map } from 'rxjs';
import { API_BASE } from '../../../core/http/api';
import { toHttpParams } from '../../../core/http/query-params';
import {
  PageRequest,
  pageQuery,
} from '../../../shared/cursor-table/cursor-page';

export type WarningFilters = {
  status: string;
  kind: string;
  severity: string;
  locationCode: string;
  itemCode: string;
};

export type PositionFilters = {
  buyerOrgId: string;
  locationCode: string;
  itemCode: string;
};

/** The dashboards' reads: KPIs, heat map, trend, warnings, proposals, supplier positions. */
@Injectable({ providedIn: 'root' })
export class DashboardClient {
  private readonly http = inject(HttpClient);

  kpis(): Observable<DashboardKpis> {
    return this.http.get<DashboardKpis>(`${API_BASE}/analytics/kpis`);
  }

  heatmap(limit: number): Observable<WarningHeatmap> {
    return this.http.get<WarningHeatmap>(`${API_BASE}/analytics/heatmap`, {
      params: toHttpParams({ limit }),
    });
  }

  trend(
    locationCode: string,
    itemCode: string,
    days: number,
  ): Observable<StockTrend> {
    return this.http.get<StockTrend>(`${API_BASE}/analytics/stock-trend`, {
      params: toHttpParams({ locationCode, itemCode, days }),
    });
  }

  /** Newest first (the API pages on raised time). */
  warnings(
    request: PageRequest,
    filters: Partial<WarningFilters>,
  ): Observable<Page<WarningView>> {
    // The warnings list has one order: no sort parameters.
    return this.http.get<Page<WarningView>>(`${API_BASE}/warnings`, {
      params: toHttpParams(
        pageQuery({ ...request, sort: null, order: null }, filters),
      ),
    });
  }

  acknowledge(id: string): Observable<WarningView> {
    return this.http.post<WarningView>(
      `${API_BASE}/warnings/${encodeURIComponent(id)}/acknowledge`,
      {},
    );
  }

  proposals(): Observable<ReplenishmentProposal[]> {
    return this.http
      .get<{
        items: ReplenishmentProposal[];
      }>(`${API_BASE}/replenishment/proposals`)
      .pipe(map((r) => r.items));
  }

  /** The supplier's current price-list entry for an item (lead time for the need-by date). */
  currentPrice(
    supplierOrgId: string,
    itemCode: string,
  ): Observable<PriceListEntry | null> {
    return this.http
      .get<Page<PriceListEntry>>(
        `${API_BASE}/suppliers/${encodeURIComponent(supplierOrgId)}/items`,
        { params: toHttpParams({ itemCode, limit: 1 }) },
      )
      .pipe(map((page) => page.items[0] ?? null));
  }

  supplierOverview(): Observable<SupplierBuyerOverview[]> {
    return this.http
      .get<{
        items: SupplierBuyerOverview[];
      }>(`${API_BASE}/analytics/supplier-overview`)
      .pipe(map((r) => r.items));
  }

  supplierPositions(
    request: PageRequest,
    filters: Partial<PositionFilters>,
  ): Observable<Page<SupplierPosition>> {
    return this.http.get<Page<SupplierPosition>>(
      `${API_BASE}/analytics/supplier-positions`,
      { params: toHttpParams(pageQuery(request, filters)) },
    );
  }
}
