import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { UPLOAD_MODES, UPLOAD_STATUSES, type SupplierInventoryUploadQuery, type UploadMode, type UploadStatus } from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';

/** Only "true"/"false" become booleans; anything else stays as typed so @IsBoolean refuses it. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** Query of POST /supplier-inventory/uploads (the file travels as multipart part `file`). */
export class UploadQueryDto implements SupplierInventoryUploadQuery {
  @ApiProperty({ format: 'uuid', description: 'The buyer the stock is published to (must be linked to the caller)' })
  @IsUUID()
  buyerOrgId!: string;

  @ApiPropertyOptional({ enum: UPLOAD_MODES, default: 'SNAPSHOT', description: 'SNAPSHOT: rows of the file\'s sites that the file leaves out drop to zero; DELTA: only the rows in the file change' })
  @IsOptional()
  @Transform(upper)
  @IsIn(UPLOAD_MODES)
  mode?: UploadMode;

  @ApiPropertyOptional({ default: false, description: 'Validate only (status VALIDATED); apply later with POST …/{id}/apply' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class UploadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UPLOAD_STATUSES })
  @IsOptional()
  @IsIn(UPLOAD_STATUSES)
  status?: UploadStatus;

  @ApiPropertyOptional({ enum: UPLOAD_MODES })
  @IsOptional()
  @IsIn(UPLOAD_MODES)
  mode?: UploadMode;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: only uploads to this buyer' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Buyer callers: only uploads of this supplier' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;
}

export class UploadErrorsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'json'], default: 'xlsx', description: 'xlsx: the error workbook; json: a page of problems (sort: row, column, code)' })
  @IsOptional()
  @IsIn(['xlsx', 'json'])
  format?: 'xlsx' | 'json';

  @ApiPropertyOptional({ enum: ['en', 'zh'], default: 'en', description: 'Language of the error workbook' })
  @IsOptional()
  @IsIn(['en', 'zh'])
  lang?: 'en' | 'zh';
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'zh'], default: 'en', description: 'zh: Chinese headers' })
  @IsOptional()
  @IsIn(['en', 'zh'])
  lang?: 'en' | 'zh';

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Supplier users: the buyer the file is for. The example row then names one of the items on your price list at that buyer (its code, your SKU, its unit and a quantity with its decimals), so the template uploaded back validates as is. Another buyer → 404.",
  })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;
}
