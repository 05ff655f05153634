import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  CONSUMPTION_REPORT_GROUPS,
  REPORT_EXPORT_FORMATS,
  type ConsumptionReportGroup,
  type ReportExportFormat,
} from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';
import { IsBusinessDate } from '../../ledger/dto/ledger.dto';

/** `groupBy=supplier,month` or `groupBy=supplier&groupBy=month` → ['supplier', 'month']. */
const toGroupList = ({ value }: { value: unknown }) => {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim().toLowerCase() : p));
};

/** The filters and grouping of a consumption report (the list and its export take the same). */
export class ConsumptionReportFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One supplier (a supplier caller sees only its own rows whatever it asks)' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: one of the buyers they are linked to' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ example: 'BOLT-M8', description: 'One item (exact code)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  itemCode?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'Business date from (inclusive)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-31', description: 'Business date to (inclusive), not before from' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'supplier,month',
    description: `One or more of ${CONSUMPTION_REPORT_GROUPS.join(', ')}, comma-separated, each once (default supplier). The currency is always part of a row's key.`,
  })
  @IsOptional()
  @Transform(toGroupList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSUMPTION_REPORT_GROUPS.length)
  @ArrayUnique({ message: 'groupBy must name each dimension at most once' })
  @IsIn(CONSUMPTION_REPORT_GROUPS, { each: true, message: `groupBy must be one or more of ${CONSUMPTION_REPORT_GROUPS.join(', ')}` })
  groupBy?: ConsumptionReportGroup[];
}

/** GET /reports/consumption: the filters plus `?limit=&cursor=&sort=key|qty|amount|transferCount&order=`. */
export class ConsumptionReportQueryDto extends IntersectionType(ConsumptionReportFilterDto, PageQueryDto) {}

/** GET /reports/consumption/export: the filters plus the format. */
export class ConsumptionReportExportQueryDto extends ConsumptionReportFilterDto {
  @ApiPropertyOptional({ enum: REPORT_EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(REPORT_EXPORT_FORMATS)
  format?: ReportExportFormat;
}
