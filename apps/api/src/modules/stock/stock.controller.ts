import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, StockLayer, StockRow } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { StockLayerQueryDto, StockQueryDto } from './dto/stock.dto';
import { StockService } from './stock.service';

@ApiTags('stock')
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Get()
  @RequirePermission('stock:read')
  @ApiOperation({ summary: 'On hand and in transit per (site, item, owner); a supplier sees only the rows it owns' })
  async list(@CurrentUser() u: Principal, @Query() q: StockQueryDto): Promise<Page<StockRow>> {
    return this.stock.list(await this.stock.viewerOf(u, q.buyerOrgId), q);
  }

  @Get('layers')
  @RequirePermission('stock:read')
  @ApiOperation({ summary: 'Receipt layers with stock left, oldest first (?locationCode=&itemCode=)' })
  async layers(@CurrentUser() u: Principal, @Query() q: StockLayerQueryDto): Promise<Page<StockLayer>> {
    return this.stock.layers(await this.stock.viewerOf(u, q.buyerOrgId), q);
  }
}
