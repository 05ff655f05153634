import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { TransferQuery, TransferRequest } from '@stockbridge/shared';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { IsBusinessDate } from '../../ledger/dto/ledger.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TransferDto implements TransferRequest {
  @ApiProperty({ example: 'VMI-SZ02', description: 'VMI location the stock leaves; unknown or another tenant\'s → 404' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  fromLocationCode!: string;

  @ApiProperty({ example: 'VMI-SH01', description: 'Another VMI location of the same buyer (the same one, or a WAREHOUSE → 422)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  toLocationCode!: string;

  @ApiProperty({ example: 'BOLT-M8' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  itemCode!: string;

  @IsQuantity({ description: 'Quantity > 0 within the item\'s decimals (else 400); more than the source holds → 409 INSUFFICIENT_STOCK' })
  qty!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move only this owner\'s stock (a linked supplier, or the buyer itself); absent = oldest layers across owners' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ example: 'TR-2026-0042', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Business date (UTC); default today. Inside a closed period of an owner → 409 PERIOD_CLOSED' })
  @IsOptional()
  @IsBusinessDate()
  effectiveDate?: string;
}

export class TransferQueryDto extends PageQueryDto implements TransferQuery {
  @ApiPropertyOptional({ description: 'Transfers from or to this location' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  itemCode?: string;

  @ApiPropertyOptional({ description: 'Business date from (inclusive)', example: '2026-01-01' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Business date to (inclusive)', example: '2026-01-31' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
}
