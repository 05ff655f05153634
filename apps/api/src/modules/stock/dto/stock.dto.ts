import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/paging';

export class StockQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'VMI-SH01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  locationCode?: string;

  @ApiPropertyOptional({ example: 'BOLT-M8' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  itemCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this owner\'s stock (a supplier always sees only its own)' })
  @IsOptional()
  @IsUUID()
  ownerOrgId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Suppliers only: one of the buyers they are linked to' })
  @IsOptional()
  @IsUUID()
  buyerOrgId?: string;
}

export class StockLayerQueryDto extends StockQueryDto {}
