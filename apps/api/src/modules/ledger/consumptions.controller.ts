import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdjustmentResponse, ConsumptionBatchResponse, ConsumptionResponse, ReturnResponse } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { parseConsumptionLines } from './dto/consumption-lines';
import { AdjustmentDto, ConsumptionBatchDto, ConsumptionDto, ReturnDto } from './dto/ledger.dto';
import { LedgerService, type PostingActor } from './ledger.service';

const actorOf = (u: Principal): PostingActor => ({ tenantId: buyerTenantOf(u), userId: u.userId });

@ApiTags('consumption, returns, adjustments')
@Controller('consumptions')
export class ConsumptionsController {
  constructor(private readonly ledger: LedgerService) {}

  @Post()
  @Idempotent()
  @RequirePermission('stock:post')
  @ApiOperation({ summary: 'Consume from a VMI site: FIFO over receipt layers, title passes to the buyer at the price in force now' })
  @ApiCreatedResponse({ description: '{journalId, transfers:[{supplierOrgId, qty, unitPrice, currency, amount, lotNo, receivedAt}]}' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (e.g. more decimals than the item allows)' })
  @ApiNotFoundResponse({ description: 'Unknown location, item or supplier' })
  @ApiConflictResponse({ description: 'INSUFFICIENT_STOCK (nothing posted) or PERIOD_CLOSED' })
  consume(@CurrentUser() u: Principal, @Body() dto: ConsumptionDto): Promise<ConsumptionResponse> {
    return this.ledger.consume(actorOf(u), dto);
  }

  @Post('batch')
  @Idempotent()
  @RequirePermission('stock:post')
  @ApiOperation({ summary: 'Up to 1000 consumptions, all or nothing (one journal per line)' })
  @ApiCreatedResponse({ description: '{journalIds, transfers} (each transfer carries lineNo and journalId)' })
  @ApiConflictResponse({ description: 'INSUFFICIENT_STOCK on some line (errors[0].path names it; nothing posted) or PERIOD_CLOSED' })
  consumeBatch(@CurrentUser() u: Principal, @Body() dto: ConsumptionBatchDto): Promise<ConsumptionBatchResponse> {
    return this.ledger.consumeBatch(actorOf(u), parseConsumptionLines(dto.lines));
  }
}

@ApiTags('consumption, returns, adjustments')
@Controller('returns')
export class ReturnsController {
  constructor(private readonly ledger: LedgerService) {}

  @Post()
  @Idempotent()
  @RequirePermission('stock:post')
  @ApiOperation({ summary: 'Send consignment stock back to its supplier (FIFO over that supplier\'s layers)' })
  @ApiCreatedResponse({ description: '{journalId}' })
  @ApiConflictResponse({ description: 'INSUFFICIENT_STOCK or PERIOD_CLOSED' })
  create(@CurrentUser() u: Principal, @Body() dto: ReturnDto): Promise<ReturnResponse> {
    return this.ledger.returnStock(actorOf(u), dto);
  }
}

@ApiTags('consumption, returns, adjustments')
@Controller('adjustments')
export class AdjustmentsController {
  constructor(private readonly ledger: LedgerService) {}

  @Post()
  @Idempotent()
  @RequirePermission('stock:post')
  @ApiOperation({ summary: 'Record a count of one supplier\'s stock at a site; posts countedQty − book qty (journalId null when it matched)' })
  @ApiCreatedResponse({ description: '{journalId, difference, bookQty}' })
  @ApiConflictResponse({ description: 'PERIOD_CLOSED' })
  create(@CurrentUser() u: Principal, @Body() dto: AdjustmentDto): Promise<AdjustmentResponse> {
    return this.ledger.adjust(actorOf(u), dto);
  }
}
