import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ReplenishmentProposal, StockHealthRow, WarningSettings, WarningView } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { StockHealthQueryDto, SupplierStockThresholdDto, WarningQueryDto, WarningSettingsDto } from './dto/warnings.dto';
import { WarningsService } from './warnings.service';

@ApiTags('warnings')
@Controller()
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get('warnings')
  @RequirePermission('warnings:read')
  @ApiOperation({ summary: 'Warnings, newest first; a supplier sees only warnings on its own stock' })
  list(@CurrentUser() u: Principal, @Query() q: WarningQueryDto): Promise<Page<WarningView>> {
    return this.warnings.list(u, q);
  }

  @Post('warnings/:id/acknowledge')
  @HttpCode(200)
  @RequirePermission('warnings:acknowledge')
  @ApiOperation({ summary: 'OPEN → ACKNOWLEDGED (it still re-grades and resolves by itself)' })
  acknowledge(@CurrentUser() u: Principal, @Param('id') id: string): Promise<WarningView> {
    return this.warnings.acknowledge(u, buyerTenantOf(u), id);
  }

  @Get('warning-settings')
  @RequirePermission('warnings:read')
  @ApiOperation({ summary: 'Day limits of AGING, SLOW_MOVING and EXPIRY (defaults 90 / 60 / 30)' })
  getSettings(@CurrentUser() u: Principal): Promise<WarningSettings> {
    return this.warnings.getSettings(buyerTenantOf(u));
  }

  @Put('warning-settings')
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Sets the buyer\'s day limits' })
  putSettings(@CurrentUser() u: Principal, @Body() dto: WarningSettingsDto): Promise<WarningSettings> {
    return this.warnings.putSettings(buyerTenantOf(u), dto);
  }

  @Put('supplier-stock-thresholds')
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'What a supplier should hold of an item in its own warehouse (SUPPLIER_LOW_WATER)' })
  putThreshold(@CurrentUser() u: Principal, @Body() dto: SupplierStockThresholdDto) {
    return this.warnings.putSupplierThreshold(buyerTenantOf(u), dto);
  }

  @Get('replenishment/proposals')
  @RequirePermission('replenishment:read')
  @ApiOperation({ summary: 'One proposal per policy at or below min: order up to max, net of in transit and open call-offs' })
  proposals(@CurrentUser() u: Principal): Promise<{ items: ReplenishmentProposal[] }> {
    return this.warnings.proposals(buyerTenantOf(u));
  }

  @Get('analytics/stock-health')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'Days of cover, turnover, sell-through, age buckets and safety stock per (site, item)' })
  stockHealth(@CurrentUser() u: Principal, @Query() q: StockHealthQueryDto): Promise<{ items: StockHealthRow[] }> {
    return this.warnings.stockHealth(buyerTenantOf(u), q);
  }
}
