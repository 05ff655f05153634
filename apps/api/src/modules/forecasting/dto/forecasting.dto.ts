import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FORECAST_METHODS, THRESHOLD_SUGGESTION_STATUSES, type ForecastMethod, type ThresholdSuggestionStatus } from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';

/** `?sort=` of GET /forecasts (default location: location code, then item code). */
export const FORECAST_SORTS = ['location', 'wape', 'avgDailyForecast', 'daysOfCover'] as const;
export type ForecastSort = (typeof FORECAST_SORTS)[number];

export class ForecastQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact location code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  locationCode?: string;

  @ApiPropertyOptional({ description: 'Exact item code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  itemCode?: string;

  @ApiPropertyOptional({ enum: FORECAST_METHODS })
  @IsOptional()
  @IsIn(FORECAST_METHODS)
  method?: ForecastMethod;
}

export class ThresholdSuggestionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: THRESHOLD_SUGGESTION_STATUSES })
  @IsOptional()
  @IsIn(THRESHOLD_SUGGESTION_STATUSES)
  status?: ThresholdSuggestionStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  locationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  itemCode?: string;
}

export class RejectThresholdSuggestionDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the planner keeps the current thresholds' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
