import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import {
  JOURNAL_TYPES,
  type AdjustmentRequest,
  type ConsumptionBatchRequest,
  type ConsumptionRequest,
  type JournalQuery,
  type JournalType,
  type ReturnRequest,
  type ReverseJournalRequest,
} from '@stockbridge/shared';
import { isBusinessDate } from '@stockbridge/domain';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { MAX_BATCH_LINES } from '../ledger.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A real calendar date `YYYY-MM-DD` (UTC business date; 2026-02-30 is refused). */
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

const code = (example: string, description: string) =>
  [ApiProperty({ example, description }), Transform(trim), IsString(), MinLength(1), MaxLength(40)] as const;

const applyAll =
  (...decorators: readonly PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

const LocationCode = () => applyAll(...code('VMI-SH01', 'Site code; unknown → 404 NOT_FOUND'));
const ItemCode = () => applyAll(...code('BOLT-M8', 'Item code; unknown → 404 NOT_FOUND'));
const EffectiveDate = () =>
  applyAll(
    ApiPropertyOptional({ example: '2026-03-31', description: 'Business date (UTC) of the posting; default today. Inside a closed period → 409 PERIOD_CLOSED' }),
    IsOptional(),
    IsBusinessDate(),
  );
const Reference = () => applyAll(ApiPropertyOptional({ example: 'WO-4711', maxLength: 200 }), IsOptional(), IsString(), MaxLength(200));
const Reason = () => applyAll(ApiProperty({ example: 'cycle count', maxLength: 500 }), Transform(trim), IsString(), MinLength(1), MaxLength(500));

export class ConsumptionDto implements ConsumptionRequest {
  @LocationCode()
  locationCode!: string;

  @ItemCode()
  itemCode!: string;

  @IsQuantity({ description: 'Quantity > 0, decimal string or number, within the item\'s decimals (else 400 VALIDATION_FAILED)' })
  qty!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Take only this supplier\'s stock; absent = oldest layers across owners' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @Reference()
  reference?: string;

  @EffectiveDate()
  effectiveDate?: string;
}

/**
 * The lines are validated by parseConsumptionLines (same rules as ConsumptionDto, without
 * class-validator's cost per nested object), called by the controller.
 */
export class ConsumptionBatchDto implements ConsumptionBatchRequest {
  @ApiProperty({ type: [ConsumptionDto], minItems: 1, maxItems: MAX_BATCH_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_LINES)
  lines!: ConsumptionRequest[];
}

export class ReturnDto implements ReturnRequest {
  @LocationCode()
  locationCode!: string;

  @ItemCode()
  itemCode!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  supplierOrgId!: string;

  @IsQuantity({ description: 'Quantity > 0 to send back to the supplier' })
  qty!: string;

  @Reason()
  reason!: string;

  @Reference()
  reference?: string;

  @EffectiveDate()
  effectiveDate?: string;
}

export class AdjustmentDto implements AdjustmentRequest {
  @LocationCode()
  locationCode!: string;

  @ItemCode()
  itemCode!: string;

  @ApiProperty({ format: 'uuid', description: 'The owner whose stock was counted' })
  @IsUUID()
  supplierOrgId!: string;

  @IsQuantity({ description: 'What was counted (≥ 0); difference = countedQty − book qty' })
  countedQty!: string;

  @Reason()
  reason!: string;

  @Reference()
  reference?: string;

  @EffectiveDate()
  effectiveDate?: string;
}

export class ReverseJournalDto implements ReverseJournalRequest {
  @Reason()
  reason!: string;

  @EffectiveDate()
  effectiveDate?: string;
}

export class JournalQueryDto extends PageQueryDto implements JournalQuery {
  @ApiPropertyOptional({ enum: JOURNAL_TYPES })
  @IsOptional()
  @IsIn(JOURNAL_TYPES)
  type?: JournalType;

  @ApiPropertyOptional({ description: 'Business date from (inclusive)', example: '2026-01-01' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Business date to (inclusive)', example: '2026-01-31' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Journals touching this supplier\'s stock' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Suppliers only: one buyer of the buyers they are linked to' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;
}
