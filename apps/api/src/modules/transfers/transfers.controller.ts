import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Page, TransferResponse, TransferView } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { TransferDto, TransferQueryDto } from './dto/transfer.dto';
import { TransfersService } from './transfers.service';

@ApiTags('transfers')
@Controller('transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post()
  @Idempotent()
  @RequirePermission('stock:transfer')
  @ApiOperation({
    summary: 'Move consignment stock between two VMI sites (调拨): one TRANSFER journal, owner unchanged, FIFO over the source\'s layers; each slice keeps its lot, expiry and receipt date at the destination',
  })
  @ApiCreatedResponse({ description: '{journalId, moves:[{supplierOrgId, qty, lotNo, receivedAt, expiryDate, fromLayerId, toLayerId}]}' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: malformed body, qty ≤ 0 or with more decimals than the item allows' })
  @ApiNotFoundResponse({ description: 'Unknown (or another tenant\'s) location or item; supplier not linked' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: the same location twice, or a location that is not a VMI location' })
  @ApiConflictResponse({ description: 'INSUFFICIENT_STOCK (nothing posted; requested, available) or PERIOD_CLOSED' })
  transfer(@CurrentUser() u: Principal, @Body() dto: TransferDto): Promise<TransferResponse> {
    return this.transfers.transfer({ tenantId: buyerTenantOf(u), userId: u.userId }, dto);
  }

  @Get()
  @RequirePermission('stock:read')
  @ApiOperation({ summary: 'Transfers of the buyer, newest first (?locationCode= from or to, ?itemCode=, ?from=&to= business dates); cursor paged' })
  list(@CurrentUser() u: Principal, @Query() q: TransferQueryDto): Promise<Page<TransferView>> {
    return this.transfers.list(buyerTenantOf(u), q);
  }
}
