import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  SHIPMENT_STATUSES,
  type CloseShortRequest,
  type CreateShipmentLineRequest,
  type CreateShipmentRequest,
  type ReceiveShipmentLineRequest,
  type ReceiveShipmentRequest,
} from '@stockbridge/shared';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';
import { IsBusinessDate, MAX_DOCUMENT_LINES } from '../../call-offs/dto/call-off.dto';
import { IsLineList } from '../../../common/http/line-list.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty lot number means "no lot". */
const lot = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreateShipmentLineDto implements CreateShipmentLineRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  callOffLineId!: string;

  @IsQuantity({ description: 'Shipped quantity, > 0, within the item\'s decimals' })
  qty!: string;

  @ApiPropertyOptional({ example: 'L2026-0412', nullable: true })
  @IsOptional()
  @Transform(lot)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  lotNo?: string | null;

  @ApiPropertyOptional({ example: '2027-04-30', format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsBusinessDate()
  expiryDate?: string | null;
}

export class CreateShipmentDto implements CreateShipmentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  callOffId!: string;

  @IsLineList(CreateShipmentLineDto, MAX_DOCUMENT_LINES, `1–${MAX_DOCUMENT_LINES} lines; a call-off line may appear once per lot`)
  lines!: CreateShipmentLineDto[];
}

export class ReceiveShipmentLineDto implements ReceiveShipmentLineRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  shipmentLineId!: string;

  @IsQuantity({ description: 'Received now, > 0; cumulative ≤ shipped × (1 + tolerance)' })
  receivedQty!: string;
}

export class ReceiveShipmentDto implements ReceiveShipmentRequest {
  @IsLineList(ReceiveShipmentLineDto, MAX_DOCUMENT_LINES, 'The ASN lines that arrived now (others stay in transit)')
  lines!: ReceiveShipmentLineDto[];

  @ApiPropertyOptional({ format: 'date', description: 'Business date of the receipt (default today, UTC); inside a closed period → 409 PERIOD_CLOSED' })
  @IsOptional()
  @IsBusinessDate()
  effectiveDate?: string;
}

export class CloseShortDto implements CloseShortRequest {
  @ApiPropertyOptional({ format: 'date', description: 'Business date of the short close (default today, UTC)' })
  @IsOptional()
  @IsBusinessDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ example: 'Carrier lost two cartons' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

const STATUS_LIST = new RegExp(`^(${SHIPMENT_STATUSES.join('|')})(,(${SHIPMENT_STATUSES.join('|')}))*$`);

export class ShipmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: `One status or several, comma-separated: ${SHIPMENT_STATUSES.join(', ')}` })
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `status must be one or more of ${SHIPMENT_STATUSES.join(', ')}, comma-separated` })
  status?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  callOffId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;
}
