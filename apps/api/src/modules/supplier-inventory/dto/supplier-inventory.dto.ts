import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { PutSupplierInventoryRowRequest } from '@stockbridge/shared';
import { IsQuantity } from '../../../common/http/decimal.validators';
import { PageQueryDto } from '../../../common/http/paging';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A real calendar day `YYYY-MM-DD` (no 2025-02-30). */
const isCalendarDay = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

export class InventoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'BOLT-M8' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  itemCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Buyer callers: only this supplier' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: only this buyer' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ description: "The supplier's warehouse code (case-insensitive)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  siteCode?: string;

  @ApiPropertyOptional({ description: "Only this lot ('' = rows without a lot)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lotNo?: string;
}

export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Buyer callers: only this supplier' })
  @IsOptional()
  @IsUUID()
  supplierOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Supplier callers: only this buyer' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;

  @ApiPropertyOptional({ description: "Only this lot ('' = the row without a lot)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lotNo?: string;
}

export class PutInventoryRowDto implements PutSupplierInventoryRowRequest {
  @ApiProperty({ format: 'uuid', description: 'The buyer the stock is published to' })
  @IsUUID()
  buyerOrgId!: string;

  @IsQuantity({ description: "Quantity available now, ≥ 0, at most the item's decimals" })
  availableQty!: string;

  @ApiPropertyOptional({ description: "Lot or batch number; absent or '' = no lot" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  lotNo?: string;

  @ApiPropertyOptional({ example: '2027-12-31', nullable: true, description: 'Expiry date YYYY-MM-DD; null clears it, absent keeps it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiryDate must be YYYY-MM-DD' })
  @Transform(({ value }) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !isCalendarDay(value) ? `${value} (no such day)` : value))
  expiryDate?: string | null;
}
