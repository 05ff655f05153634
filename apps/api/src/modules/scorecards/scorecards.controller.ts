import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ScorecardRanking, ScorecardTrend } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { ScorecardQueryDto, ScorecardRankingDto, ScorecardTrendDto, ScorecardTrendQueryDto } from './dto/scorecards.dto';
import { scorecardViewerOf } from './scorecard-viewer';
import { ScorecardsService } from './scorecards.service';

@ApiTags('scorecards')
@Controller('scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  @RequirePermission('scorecards:read')
  @ApiOperation({
    summary: 'Supplier scorecards over a period: a buyer gets all its linked suppliers ranked by score; a supplier its own scorecard at each of its buyers',
    description:
      'Period: from/to (inclusive business dates, default the current month, at most 731 days). Metrics: on-time delivery, fill rate, ' +
      'confirmation lead time, short-closed quantity, consignment turnover and aged stock share, disputed statement lines; each normalised to 0–100 and ' +
      'weighted into the score (weights in the answer; docs/scorecards.md). Paged: ?limit=&cursor= in rank order.',
  })
  @ApiOkResponse({ type: ScorecardRankingDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a date that is not YYYY-MM-DD, to before from, a period beyond 731 days, a bad cursor' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: roles without scorecards:read (the warehouse)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: buyerOrgId names a buyer the supplier is not linked to' })
  ranking(@CurrentUser() u: Principal, @Query() q: ScorecardQueryDto): Promise<ScorecardRanking> {
    return this.scorecards.ranking(scorecardViewerOf(u), q);
  }

  @Get(':supplierOrgId')
  @RequirePermission('scorecards:read')
  @ApiOperation({
    summary: 'One supplier\'s scorecard over a period and its trend per month (or ISO week)',
    description:
      'Default period: the last 12 calendar months, the current one included. A supplier may ask only for its own id (another → 404) and names ' +
      'buyerOrgId when it supplies several buyers.',
  })
  @ApiOkResponse({ type: ScorecardTrendDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: bad dates or granularity, to before from, beyond 731 days; a supplier of several buyers without buyerOrgId' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: a supplier not linked to this buyer, another supplier\'s id, a buyer not linked' })
  trend(
    @CurrentUser() u: Principal,
    @Param('supplierOrgId', new ParseUUIDPipe()) supplierOrgId: string,
    @Query() q: ScorecardTrendQueryDto,
  ): Promise<ScorecardTrend> {
    return this.scorecards.trend(scorecardViewerOf(u), supplierOrgId, q);
  }
}
