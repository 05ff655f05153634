import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  SEVERITIES,
  WARNING_KINDS,
  WARNING_STATUSES,
  type CurrencyAmount,
  type DashboardKpis,
  type HeatmapCell,
  type PositionWarning,
  type Severity,
  type SeverityCounts,
  type StockTrend,
  type StockTrendPoint,
  type SupplierBuyerOverview,
  type SupplierPosition,
  type WarningHeatmap,
  type WarningKind,
  type WarningStatus,
} from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';

// ---- queries ----

/** No parameters: anything in the query string is refused (400) rather than silently ignored. */
export class NoQueryDto {}

export class HeatmapQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 40, description: 'Items shown: the ones with the worst open warnings first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class StockTrendQueryDto {
  @ApiProperty({ example: 'VMI-SH01' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  locationCode!: string;

  @ApiProperty({ example: 'BOLT-M8' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  itemCode!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30, description: 'Business days ending today, one point each' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class SupplierPositionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of the buyers the supplier is linked to (404 otherwise)' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ example: 'VMI-SH01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional({ example: 'BOLT-M8' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;
}

// ---- responses (documentation of the shapes in libs/shared/src/lib/contracts/dashboard.ts) ----

export class SeverityCountsDto implements SeverityCounts {
  @ApiProperty() YELLOW!: number;
  @ApiProperty() ORANGE!: number;
  @ApiProperty() RED!: number;
  @ApiProperty({ description: 'All open (not resolved) warnings' }) total!: number;
  @ApiProperty({ description: 'Of those, acknowledged' }) acknowledged!: number;
}

export class CurrencyAmountDto implements CurrencyAmount {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1234.56' }) amount!: string;
}

export class DaysOfCoverDto {
  @ApiProperty({ nullable: true, type: String, example: '42.50' }) average!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '3.20' }) min!: string | null;
  @ApiProperty({ nullable: true, type: String }) minLocationCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) minItemCode!: string | null;
  @ApiProperty({ description: '(site, item) pairs with consumption in the last 30 days' }) measured!: number;
  @ApiProperty({ description: '(site, item) pairs with stock and no consumption in the window' }) idle!: number;
}

export class DashboardKpisDto implements DashboardKpis {
  @ApiProperty({ type: SeverityCountsDto }) openWarnings!: SeverityCountsDto;
  @ApiProperty({ type: [CurrencyAmountDto], description: 'Supplier-owned stock on hand × the owner\'s current price, per currency' })
  stockValue!: CurrencyAmountDto[];
  @ApiProperty({ description: '(item, owner) pairs in stock without a current price' }) unpricedRows!: number;
  @ApiProperty({ type: DaysOfCoverDto }) daysOfCover!: DaysOfCoverDto;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
}

export class HeatmapCellDto implements HeatmapCell {
  @ApiProperty() locationCode!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty({ enum: SEVERITIES, nullable: true }) severity!: Severity | null;
  @ApiProperty() openWarnings!: number;
  @ApiProperty({ enum: WARNING_KINDS, isArray: true }) kinds!: WarningKind[];
}

class CodeNameDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

class ItemRefDto {
  @ApiProperty() code!: string;
  @ApiProperty() description!: string;
}

export class WarningHeatmapDto implements WarningHeatmap {
  @ApiProperty({ type: [CodeNameDto] }) locations!: CodeNameDto[];
  @ApiProperty({ type: [ItemRefDto] }) items!: ItemRefDto[];
  @ApiProperty({ type: [HeatmapCellDto] }) cells!: HeatmapCellDto[];
  @ApiProperty() moreItems!: number;
}

export class StockTrendPointDto implements StockTrendPoint {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: '120.000000' }) onHand!: string;
  @ApiProperty({ example: '0.000000' }) inTransit!: string;
}

export class StockTrendDto implements StockTrend {
  @ApiProperty() locationCode!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() uom!: string;
  @ApiProperty({ nullable: true, type: String }) minQty!: string | null;
  @ApiProperty({ nullable: true, type: String }) maxQty!: string | null;
  @ApiProperty({ type: [StockTrendPointDto] }) points!: StockTrendPointDto[];
}

export class SupplierBuyerOverviewDto implements SupplierBuyerOverview {
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty() buyerCode!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: SeverityCountsDto }) openWarnings!: SeverityCountsDto;
  @ApiProperty({ type: [CurrencyAmountDto] }) stockValue!: CurrencyAmountDto[];
  @ApiProperty() positions!: number;
  @ApiProperty() sites!: number;
}

export class PositionWarningDto implements PositionWarning {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WARNING_KINDS }) kind!: WarningKind;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ enum: WARNING_STATUSES }) status!: WarningStatus;
  @ApiProperty() available!: string;
  @ApiProperty() threshold!: string;
}

export class SupplierPositionDto implements SupplierPosition {
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null: the supplier\'s own warehouse (SUPPLIER_LOW_WATER)' })
  locationCode!: string | null;
  @ApiProperty() itemCode!: string;
  @ApiProperty() onHand!: string;
  @ApiProperty() inTransit!: string;
  @ApiProperty({ enum: SEVERITIES, nullable: true }) worstSeverity!: Severity | null;
  @ApiProperty({ type: [PositionWarningDto] }) warnings!: PositionWarningDto[];
}

export class SupplierOverviewDto {
  @ApiProperty({ type: [SupplierBuyerOverviewDto] }) items!: SupplierBuyerOverviewDto[];
}

export class SupplierPositionPageDto {
  @ApiProperty({ type: [SupplierPositionDto] }) items!: SupplierPositionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
