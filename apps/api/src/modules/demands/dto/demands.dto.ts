import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  DEMAND_STATUSES,
  DEMAND_UPLOAD_STATUSES,
  type CancelDemandRequest,
  type CreateDemandRequest,
  type DemandQuery,
  type DemandUploadStatus,
} from '@stockbridge/shared';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { IsBusinessDate } from '../../call-offs/dto/call-off.dto';
import { MAX_REFERENCE_CHARS } from '../demand-import';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Only "true"/"false" become booleans; anything else stays as typed so @IsBoolean refuses it. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateDemandDto implements CreateDemandRequest {
  @ApiProperty({ example: 'BOLT-M8' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  itemCode!: string;

  @ApiProperty({ example: 'VMI-SH01', description: 'A location of the buyer' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  locationCode!: string;

  @IsQuantity({ description: "Quantity needed, > 0, within the item's decimals" })
  qty!: string;

  @ApiProperty({ example: '2026-12-03', format: 'date' })
  @IsBusinessDate()
  needBy!: string;

  @ApiPropertyOptional({ example: 'SO-2026-001', maxLength: MAX_REFERENCE_CHARS })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_REFERENCE_CHARS)
  reference?: string;
}

export class CancelDemandDto implements CancelDemandRequest {
  @ApiPropertyOptional({ example: 'Order withdrawn by the customer' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const STATUS_LIST = new RegExp(`^(${DEMAND_STATUSES.join('|')})(,(${DEMAND_STATUSES.join('|')}))*$`);

export class DemandQueryDto extends PageQueryDto implements Omit<DemandQuery, 'sort' | 'order'> {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional({ description: `One status or several, comma-separated: ${DEMAND_STATUSES.join(', ')}`, example: 'OPEN' })
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `status must be one or more of ${DEMAND_STATUSES.join(', ')}, comma-separated` })
  status?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Need-by on or after this date' })
  @IsOptional()
  @IsBusinessDate()
  needByFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Need-by on or before this date' })
  @IsOptional()
  @IsBusinessDate()
  needByTo?: string;
}

export class DemandUploadQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Validate only (status VALIDATED): nothing is created; upload again without dryRun to import' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class DemandUploadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEMAND_UPLOAD_STATUSES })
  @IsOptional()
  @IsIn(DEMAND_UPLOAD_STATUSES)
  status?: DemandUploadStatus;
}

export class DemandTemplateQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'zh'], default: 'en', description: 'zh: Chinese headers' })
  @IsOptional()
  @IsIn(['en', 'zh'])
  lang?: 'en' | 'zh';
}
