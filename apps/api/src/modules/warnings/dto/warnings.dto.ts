import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { SEVERITIES, WARNING_KINDS, WARNING_STATUSES, type Severity, type WarningKind, type WarningStatus } from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';

export class WarningQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WARNING_STATUSES })
  @IsOptional()
  @IsIn(WARNING_STATUSES)
  status?: WarningStatus;

  @ApiPropertyOptional({ enum: WARNING_KINDS })
  @IsOptional()
  @IsIn(WARNING_KINDS)
  kind?: WarningKind;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

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

export class StockHealthQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  locationCode?: string;
}

export class WarningSettingsDto {
  @ApiProperty({ example: 90, description: 'AGING: a receipt layer with stock left older than this many days' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  agingDays!: number;

  @ApiProperty({ example: 60, description: 'SLOW_MOVING: stock and no consumption in this many days' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  slowMovingDays!: number;

  @ApiProperty({ example: 30, description: 'EXPIRY: a lot expiring within this many days' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  expiryDays!: number;
}

export class SupplierStockThresholdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  supplierOrgId!: string;

  @ApiProperty({ example: 'BOLT' })
  @IsString()
  @MaxLength(64)
  itemCode!: string;

  @ApiProperty({ example: '500', description: 'Decimal string ≥ 0; 0 switches the warning off' })
  @IsString()
  @Matches(/^\d{1,14}(\.\d{1,6})?$/, { message: 'thresholdQty must be a decimal ≥ 0 with at most 6 decimals' })
  thresholdQty!: string;
}
