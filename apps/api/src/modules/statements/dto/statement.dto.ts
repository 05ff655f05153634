import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  STATEMENT_EXPORT_FORMATS,
  STATEMENT_STATUSES,
  type ConfirmStatementRequest,
  type CreateStatementRequest,
  type DisputeStatementLineRequest,
  type DisputeStatementRequest,
  type StatementExportFormat,
  type StatementLinesQuery,
  type StatementQuery,
  type StatementStatus,
} from '@stockbridge/shared';
import { isBusinessDate } from '@stockbridge/domain';
import { PageQueryDto } from '../../../common/http/paging';
import { IsLineList } from '../../../common/http/line-list.validator';

/** The most lines one dispute request may name. */
export const MAX_DISPUTED_LINES = 1000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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

export class CreateStatementDto implements CreateStatementRequest {
  @ApiProperty({ format: 'uuid', description: 'A supplier linked to this buyer (else 404 NOT_FOUND)' })
  @IsUUID()
  supplierOrgId!: string;

  @ApiProperty({ example: '2026-01-01', format: 'date', description: 'First business day of the period (inclusive)' })
  @IsBusinessDate()
  periodFrom!: string;

  @ApiProperty({ example: '2026-01-31', format: 'date', description: 'Last business day of the period (inclusive), not before periodFrom' })
  @IsBusinessDate()
  periodTo!: string;
}

export class StatementQueryDto extends PageQueryDto implements StatementQuery {
  @ApiPropertyOptional({ enum: STATEMENT_STATUSES })
  @IsOptional()
  @IsIn(STATEMENT_STATUSES)
  status?: StatementStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: only this buyer\'s statements' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Statements whose period overlaps [from, to]' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}

export class StatementLinesQueryDto extends PageQueryDto implements StatementLinesQuery {
  @ApiPropertyOptional({ description: 'true: only disputed lines; false: only undisputed ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  disputed?: boolean;
}

export class StatementExportQueryDto {
  @ApiPropertyOptional({ enum: STATEMENT_EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(STATEMENT_EXPORT_FORMATS)
  format?: StatementExportFormat;
}

const Comment = (required: boolean) => (target: object, key: string | symbol) => {
  const decorators: PropertyDecorator[] = [
    required ? ApiProperty({ maxLength: 2000, example: 'quantity not withdrawn on that day' }) : ApiPropertyOptional({ maxLength: 2000 }),
    Transform(trim),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    MinLength(1),
    MaxLength(2000),
  ];
  for (const d of decorators) d(target, key);
};

export class ConfirmStatementDto implements ConfirmStatementRequest {
  @Comment(false)
  comment?: string;
}

export class DisputeStatementLineDto implements DisputeStatementLineRequest {
  @ApiProperty({ format: 'uuid', description: 'A line of this statement (else 400 VALIDATION_FAILED)' })
  @IsUUID()
  lineId!: string;

  @Comment(true)
  comment!: string;
}

export class DisputeStatementDto implements DisputeStatementRequest {
  @IsLineList(DisputeStatementLineDto, MAX_DISPUTED_LINES, `1–${MAX_DISPUTED_LINES} lines, each at most once`)
  lines!: DisputeStatementLineDto[];

  @Comment(false)
  comment?: string;
}
