import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  SCORECARD_GRADES,
  SCORECARD_GRANULARITIES,
  SCORECARD_METRICS,
  type ScorecardGranularity,
  type ScorecardQuery,
  type ScorecardTrendQuery,
} from '@stockbridge/shared';
import { isBusinessDate } from '@stockbridge/domain';
import { PageQueryDto } from '../../../common/http/paging';

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isBusinessDate(value),
        defaultMessage: () => '$property must be a date YYYY-MM-DD',
      },
    },
    options,
  );
}

export class ScorecardQueryDto extends PageQueryDto implements ScorecardQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First business day (inclusive); default the first day of the current month (or of `to`\'s month)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last business day (inclusive); default the last day of `from`\'s month. At most 731 days after `from`.' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: only this buyer (else 404 when not linked)' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;
}

export class ScorecardTrendQueryDto implements ScorecardTrendQuery {
  @ApiPropertyOptional({ format: 'date', description: 'First business day (inclusive); default the first day of the month eleven months ago' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last business day (inclusive); default the last day of the current month. At most 731 days after `from`.' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ enum: SCORECARD_GRANULARITIES, default: 'month', description: 'Trend buckets: calendar months or ISO weeks (Monday–Sunday), clipped to the period' })
  @IsOptional()
  @IsIn(SCORECARD_GRANULARITIES)
  granularity?: ScorecardGranularity;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers linked to several buyers: which buyer (required then)' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;
}

/** The OpenAPI shape of a scorecard (the contract type is SupplierScorecard in libs/shared). */
export class SupplierScorecardDto {
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty({ format: 'uuid' }) supplierOrgId!: string;
  @ApiProperty() supplierCode!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date' }) periodTo!: string;
  @ApiProperty({ format: 'date', description: 'The last day the figures cover (periodTo, or today while the period runs)' }) asOf!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Buyer ranking only: 1 = best, ties share a rank; null without a score, in trends and in a supplier\'s own view' })
  rank!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '77.16', description: 'Weighted 0–100 over the metrics with data (docs/scorecards.md)' })
  score!: string | null;
  @ApiProperty({ enum: SCORECARD_GRADES, nullable: true }) grade!: string | null;
  @ApiProperty({
    description: `0–100 per metric (${SCORECARD_METRICS.join(', ')}), null without data`,
    example: { onTimeDelivery: '75.00', fillRate: '80.00', confirmationLeadTime: '93.75', shortClose: '80.00', agedStock: '80.00', turnover: '49.08', disputes: '87.50' },
  })
  subscores!: Record<string, string | null>;
  @ApiProperty({
    description:
      'onTimeDelivery {deliveries, onTime, late, pct, avgDaysLate}, fillRate {lines, confirmedQty, receivedQty, pct}, ' +
      'confirmationLeadTime {confirmations, medianHours, avgHours}, shortClose {shipments, shipmentsClosedShort, shippedQty, shortClosedQty, pct}, ' +
      'consignment {consumedQty, avgOnHandQty, turnover, annualizedTurnover, onHandQty, agedQty, agedSharePct, agingDays}, ' +
      'disputes {statements, statementLines, disputedLines, pct}',
  })
  metrics!: Record<string, unknown>;
}

export class ScorecardRankingDto {
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date' }) periodTo!: string;
  @ApiProperty({ description: 'The weight of each metric in the score (sum 100)' }) weights!: Record<string, number>;
  @ApiProperty({ type: [SupplierScorecardDto] }) items!: SupplierScorecardDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ScorecardTrendDto {
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty({ format: 'uuid' }) supplierOrgId!: string;
  @ApiProperty() supplierCode!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty({ enum: SCORECARD_GRANULARITIES }) granularity!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date' }) periodTo!: string;
  @ApiProperty() weights!: Record<string, number>;
  @ApiProperty({ type: SupplierScorecardDto, description: 'The whole period' }) total!: SupplierScorecardDto;
  @ApiProperty({ type: [SupplierScorecardDto], description: 'One scorecard per bucket, oldest first' }) points!: SupplierScorecardDto[];
}
