import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { CallOff, Page } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf, supplierOrgOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { CallOffsService } from './call-offs.service';
import { chainViewerOf } from './chain-viewer';
import { CallOffQueryDto, CancelCallOffDto, ConfirmCallOffDto, CreateCallOffDto, RejectCallOffDto } from './dto/call-off.dto';

const id = () => new ParseUUIDPipe();

@ApiTags('call-offs')
@Controller('call-offs')
export class CallOffsController {
  constructor(private readonly callOffs: CallOffsService) {}

  @Post()
  @Idempotent()
  @RequirePermission('calloffs:create')
  @ApiOperation({ summary: 'Issue a call-off (consignment order) to a linked supplier for one VMI location' })
  @ApiCreatedResponse({ description: 'The call-off, status OPEN, with its gap-free number' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the supplier is not linked to this buyer' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: unknown or non-VMI location, unknown item, or no current price of that supplier' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateCallOffDto): Promise<CallOff> {
    return this.callOffs.create(buyerTenantOf(u), u.userId, dto);
  }

  @Get()
  @RequirePermission('calloffs:read')
  @ApiOperation({ summary: 'List call-offs: a buyer sees its own, a supplier those addressed to it (sort: createdAt (default, newest first), number, status)' })
  list(@CurrentUser() u: Principal, @Query() q: CallOffQueryDto): Promise<Page<CallOff>> {
    return this.callOffs.list(chainViewerOf(u), q);
  }

  @Get(':id')
  @RequirePermission('calloffs:read')
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also for another tenant\'s or supplier\'s call-off)' })
  get(@CurrentUser() u: Principal, @Param('id', id()) callOffId: string): Promise<CallOff> {
    return this.callOffs.get(chainViewerOf(u), callOffId);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('calloffs:respond')
  @ApiOperation({ summary: 'Confirm lines (confirmed quantity ≤ ordered, promised date); again while CONFIRMED to revise' })
  @ApiOkResponse({ description: 'The call-off, status CONFIRMED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not OPEN or CONFIRMED' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: unknown line, more than ordered, or a line left unconfirmed' })
  confirm(@CurrentUser() u: Principal, @Param('id', id()) callOffId: string, @Body() dto: ConfirmCallOffDto): Promise<CallOff> {
    return this.callOffs.confirm(supplierOrgOf(u), u.userId, callOffId, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('calloffs:respond')
  @ApiOperation({ summary: 'Reject an OPEN call-off' })
  @ApiOkResponse({ description: 'The call-off, status REJECTED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not OPEN' })
  reject(@CurrentUser() u: Principal, @Param('id', id()) callOffId: string, @Body() dto: RejectCallOffDto): Promise<CallOff> {
    return this.callOffs.reject(supplierOrgOf(u), u.userId, callOffId, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('calloffs:cancel')
  @ApiOperation({ summary: 'Cancel a call-off before anything is shipped against it' })
  @ApiOkResponse({ description: 'The call-off, status CANCELLED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: something was shipped, or already rejected/cancelled' })
  cancel(@CurrentUser() u: Principal, @Param('id', id()) callOffId: string, @Body() dto: CancelCallOffDto): Promise<CallOff> {
    return this.callOffs.cancel(buyerTenantOf(u), u.userId, callOffId, dto);
  }
}
