import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ForecastDetail, ForecastRefreshResult, ForecastSummary, Page, ThresholdSuggestion } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { AppError } from '../../common/errors';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ForecastQueryDto, RejectThresholdSuggestionDto, ThresholdSuggestionQueryDto } from './dto/forecasting.dto';
import { ForecastingService } from './forecasting.service';
import { ThresholdSuggestionsService } from './threshold-suggestions.service';

@ApiTags('forecasting')
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastingService) {}

  @Get()
  @RequirePermission('analytics:read')
  @ApiOperation({
    summary: 'Cached demand forecasts per (location, item): method, back-test WAPE/MAPE, average daily forecast, on hand, days of cover',
    description: 'sort: location (default), wape, avgDailyForecast, daysOfCover; order asc|desc. Refreshed once a business day by the forecast job.',
  })
  list(@CurrentUser() u: Principal, @Query() q: ForecastQueryDto): Promise<Page<ForecastSummary>> {
    return this.forecasts.list(buyerTenantOf(u), q);
  }

  @Post('refresh')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Recompute every forecast of the tenant now, then its threshold suggestions and warning priorities' })
  @ApiOkResponse({ description: '{asOf, pairs, suggestionsCreated, seconds}' })
  @ApiConflictResponse({ description: 'CONFLICT: a forecast run for this tenant is in progress (another request or instance)' })
  async refresh(@CurrentUser() u: Principal): Promise<ForecastRefreshResult> {
    const r = await this.forecasts.refreshTenant(buyerTenantOf(u), { force: true });
    if (!r) throw new AppError('CONFLICT', 'A forecast run for this buyer is in progress; try again when it has finished');
    return r;
  }

  @Get(':locationCode/:itemCode')
  @RequirePermission('analytics:read')
  @ApiOperation({ summary: 'One (location, item): daily consumption history, forecast horizon, method chosen and every candidate\'s back-test accuracy' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such location or item in this tenant' })
  detail(@CurrentUser() u: Principal, @Param('locationCode') locationCode: string, @Param('itemCode') itemCode: string): Promise<ForecastDetail> {
    return this.forecasts.detail(buyerTenantOf(u), locationCode, itemCode);
  }
}

@ApiTags('forecasting')
@Controller('stock-policies/suggestions')
export class ThresholdSuggestionsController {
  constructor(private readonly suggestions: ThresholdSuggestionsService) {}

  @Get()
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'Suggested min/max per stock policy (newest first), with reason and stock-out risk; filter status, locationCode, itemCode' })
  list(@CurrentUser() u: Principal, @Query() q: ThresholdSuggestionQueryDto): Promise<Page<ThresholdSuggestion>> {
    return this.suggestions.list(buyerTenantOf(u), q);
  }

  @Get(':id')
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'One threshold suggestion' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also another tenant\'s)' })
  get(@CurrentUser() u: Principal, @Param('id') id: string): Promise<ThresholdSuggestion> {
    return this.suggestions.get(buyerTenantOf(u), id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Apply the suggested min/max to the policy (recorded: who, when)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also another tenant\'s)' })
  @ApiConflictResponse({ description: 'INVALID_STATE: already accepted, rejected or superseded, or the policy changed since the suggestion' })
  accept(@CurrentUser() u: Principal, @Param('id') id: string): Promise<ThresholdSuggestion> {
    return this.suggestions.accept(buyerTenantOf(u), u.userId, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Keep the policy as it is (recorded: who, when, optional comment)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also another tenant\'s)' })
  @ApiConflictResponse({ description: 'INVALID_STATE: already accepted, rejected or superseded' })
  reject(@CurrentUser() u: Principal, @Param('id') id: string, @Body() dto: RejectThresholdSuggestionDto): Promise<ThresholdSuggestion> {
    return this.suggestions.reject(buyerTenantOf(u), u.userId, id, dto);
  }
}
