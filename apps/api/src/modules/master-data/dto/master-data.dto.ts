import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import {
  LOCATION_TYPES,
  type AgingClauseRequest,
  type CreateItemRequest,
  type CreateLocationRequest,
  type CreateSupplierAgreementRequest,
  type LocationType,
  type PutPriceListEntryRequest,
  type PutStockPolicyRequest,
} from '@stockbridge/shared';
import { IsPercent, IsQuantity, IsUnitPrice } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { CODE_PATTERN } from '../../organizations/dto/organization.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateLocationDto implements CreateLocationRequest {
  @ApiProperty({ example: 'VMI-SH01' })
  @Transform(trim)
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must be 1–40 letters, digits, ".", "_" or "-"' })
  code!: string;

  @ApiProperty({ example: 'Shanghai line-side store' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LOCATION_TYPES })
  @IsIn(LOCATION_TYPES)
  type!: LocationType;
}

export class CreateItemDto implements CreateItemRequest {
  @ApiProperty({ example: 'BOLT-M8' })
  @Transform(trim)
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must be 1–40 letters, digits, ".", "_" or "-"' })
  code!: string;

  @ApiProperty({ example: 'Hex bolt M8×40, zinc plated' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;

  @ApiProperty({ example: 'PCS' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,10}$/, { message: 'uom must be 1–10 letters or digits' })
  uom!: string;

  @ApiProperty({ minimum: 0, maximum: 6, description: 'Decimals a quantity of this item may carry' })
  @IsInt()
  @Min(0)
  @Max(6)
  decimals!: number;
}

export class ItemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Code or description contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class CreateSupplierAgreementDto implements CreateSupplierAgreementRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  supplierOrgId!: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 code' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code such as CNY or EUR' })
  currency!: string;

  @IsPercent({ description: 'Over-shipment/over-receipt tolerance in percent (0–100)' })
  receiptTolerancePct!: string;

  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays!: number;

  @ApiPropertyOptional({ type: 'integer', example: 90, nullable: true, minimum: 1, maximum: 3650, description: 'Aging clause: days a receipt layer may stay consignment stock before title passes to the buyer; absent/null = no clause' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  maxConsignmentDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 14, minimum: 0, maximum: 365, default: 14, description: 'Days before the clause transfers that an AGING warning is raised' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  agingNoticeDays?: number;
}

/** PUT /suppliers/{supplierOrgId}/aging-clause */
export class AgingClauseDto implements AgingClauseRequest {
  @ApiProperty({ type: 'integer', example: 90, nullable: true, minimum: 1, maximum: 3650, description: 'Days a receipt layer may stay consignment stock; null removes the clause' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  maxConsignmentDays!: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 14, minimum: 0, maximum: 365, description: 'Days of notice (AGING warning) before the transfer; absent = unchanged (14 for a new agreement)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  agingNoticeDays?: number;
}

export class PutPriceListEntryDto implements PutPriceListEntryRequest {
  @ApiProperty({ example: 'SKU-8812' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  supplierSku!: string;

  @IsUnitPrice()
  unitPrice!: string;

  @ApiProperty({ example: 7 })
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays!: number;
}

export class PriceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Include superseded prices (history)' })
  @IsOptional()
  // Only "true"/"false" become booleans; anything else stays as typed so @IsBoolean refuses it.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  history?: boolean;

  @ApiPropertyOptional({ description: 'Only this item' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;
}

export class PutStockPolicyDto implements PutStockPolicyRequest {
  @ApiProperty({ example: 'VMI-SH01' })
  @IsString()
  @MaxLength(40)
  locationCode!: string;

  @ApiProperty({ example: 'BOLT-M8' })
  @IsString()
  @MaxLength(40)
  itemCode!: string;

  @IsQuantity({ description: 'Low-water mark' })
  minQty!: string;

  @IsQuantity({ description: 'Maximum (replenish up to)' })
  maxQty!: string;

  @IsPercent({ optional: true, description: 'YELLOW from this deviation % (default 10)' })
  yellowPct?: string;

  @IsPercent({ optional: true, description: 'ORANGE from this deviation % (default 20)' })
  orangePct?: string;

  @IsPercent({ optional: true, description: 'RED from this deviation % (default 30)' })
  redPct?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  autoCallOff?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  preferredSupplierOrgId?: string | null;
}

export class StockPolicyQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;
}
