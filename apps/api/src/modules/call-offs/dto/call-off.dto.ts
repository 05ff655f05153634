import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  CALL_OFF_STATUSES,
  type CancelCallOffRequest,
  type ConfirmCallOffLineRequest,
  type ConfirmCallOffRequest,
  type CreateCallOffLineRequest,
  type CreateCallOffRequest,
  type RejectCallOffRequest,
} from '@stockbridge/shared';
import { isBusinessDate } from '@stockbridge/domain';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { IsLineList } from '../../../common/http/line-list.validator';

/** The most lines one call-off or ASN may carry. */
export const MAX_DOCUMENT_LINES = 500;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused), documented for OpenAPI. */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
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

export class CreateCallOffLineDto implements CreateCallOffLineRequest {
  @ApiProperty({ example: 'BOLT-M8' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  itemCode!: string;

  @IsQuantity({ description: 'Ordered quantity, > 0, within the item\'s decimals' })
  qty!: string;

  @ApiProperty({ example: '2026-03-15', format: 'date' })
  @IsBusinessDate()
  needBy!: string;
}

export class CreateCallOffDto implements CreateCallOffRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  supplierOrgId!: string;

  @ApiProperty({ example: 'VMI-SH01', description: 'A VMI location of the buyer' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  locationCode!: string;

  @IsLineList(CreateCallOffLineDto, MAX_DOCUMENT_LINES, `1–${MAX_DOCUMENT_LINES} lines; an item may appear on several lines`)
  lines!: CreateCallOffLineDto[];
}

export class ConfirmCallOffLineDto implements ConfirmCallOffLineRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @IsQuantity({ description: '0 ≤ confirmedQty ≤ qty (0: cannot deliver this line)' })
  confirmedQty!: string;

  @ApiProperty({ example: '2026-03-12', format: 'date' })
  @IsBusinessDate()
  promisedDate!: string;
}

export class ConfirmCallOffDto implements ConfirmCallOffRequest {
  @IsLineList(ConfirmCallOffLineDto, MAX_DOCUMENT_LINES, 'Lines not named keep their current confirmation; every line must end up confirmed')
  lines!: ConfirmCallOffLineDto[];
}

export class RejectCallOffDto implements RejectCallOffRequest {
  @ApiProperty({ example: 'Item discontinued' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class CancelCallOffDto implements CancelCallOffRequest {
  @ApiPropertyOptional({ example: 'Demand moved to next month' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const STATUS_LIST = new RegExp(`^(${CALL_OFF_STATUSES.join('|')})(,(${CALL_OFF_STATUSES.join('|')}))*$`);

export class CallOffQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: `One status or several, comma-separated: ${CALL_OFF_STATUSES.join(', ')}`, example: 'OPEN,CONFIRMED' })
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `status must be one or more of ${CALL_OFF_STATUSES.join(', ')}, comma-separated` })
  status?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ description: 'Only call-offs of this buyer (useful for suppliers)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional({ description: 'Only call-offs with a line of this item' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;
}
