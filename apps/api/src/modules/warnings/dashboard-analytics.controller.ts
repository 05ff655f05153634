import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DashboardKpis, Page, StockTrend, SupplierBuyerOverview, SupplierPosition, WarningHeatmap } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf, supplierOrgOf } from '../../common/auth/tenant';
import {
  DashboardKpisDto,
  HeatmapQueryDto,
  NoQueryDto,
  StockTrendDto,
  StockTrendQueryDto,
  SupplierOverviewDto,
  SupplierPositionPageDto,
  SupplierPositionQueryDto,
  WarningHeatmapDto,
} from './dto/dashboard-analytics.dto';
import { DashboardAnalyticsService } from './dashboard-analytics.service';

/** Read models of the buyer and supplier dashboards (docs/warnings.md "Dashboard"). */
@ApiTags('warnings')
@Controller('analytics')
export class DashboardAnalyticsController {
  constructor(private readonly analytics: DashboardAnalyticsService) {}

  @Get('kpis')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'Buyer KPIs: open warnings by severity, consignment stock value per currency, days of cover' })
  @ApiOkResponse({ type: DashboardKpisDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a buyer user' })
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  kpis(@CurrentUser() u: Principal, @Query() _q: NoQueryDto): Promise<DashboardKpis> {
    return this.analytics.kpis(buyerTenantOf(u));
  }

  @Get('heatmap')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'Sites × items (the worst first) coloured by the worst open warning' })
  @ApiOkResponse({ type: WarningHeatmapDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: limit outside 1–100' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a buyer user' })
  heatmap(@CurrentUser() u: Principal, @Query() q: HeatmapQueryDto): Promise<WarningHeatmap> {
    return this.analytics.heatmap(buyerTenantOf(u), q);
  }

  @Get('stock-trend')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'On hand and in transit of one item at one site per business day, from the ledger, with the policy\'s min/max' })
  @ApiOkResponse({ type: StockTrendDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: locationCode or itemCode missing, days outside 1–365' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such location or item in the caller\'s tenant' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a buyer user' })
  stockTrend(@CurrentUser() u: Principal, @Query() q: StockTrendQueryDto): Promise<StockTrend> {
    return this.analytics.stockTrend(buyerTenantOf(u), q);
  }

  @Get('supplier-overview')
  @RequirePermission('warnings:read')
  @ApiOperation({ summary: 'Supplier: per linked buyer, open warnings on its stock, stock value, positions and sites' })
  @ApiOkResponse({ type: SupplierOverviewDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a supplier user' })
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  supplierOverview(@CurrentUser() u: Principal, @Query() _q: NoQueryDto): Promise<{ items: SupplierBuyerOverview[] }> {
    return this.analytics.supplierOverview(supplierOrgOf(u));
  }

  @Get('supplier-positions')
  @RequirePermission('warnings:read')
  @ApiOperation({ summary: 'Supplier: its stock per (buyer, site, item) with the open warnings on it, keyset-paged' })
  @ApiOkResponse({ type: SupplierPositionPageDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: bad buyerOrgId, cursor, limit or sort' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: buyerOrgId is not a buyer the supplier is linked to' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a supplier user' })
  supplierPositions(@CurrentUser() u: Principal, @Query() q: SupplierPositionQueryDto): Promise<Page<SupplierPosition>> {
    return this.analytics.supplierPositions(supplierOrgOf(u), q);
  }
}
