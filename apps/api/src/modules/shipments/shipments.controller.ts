import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { CloseShortResult, Page, ReceiveResult, Shipment } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf, supplierOrgOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { chainViewerOf } from '../call-offs/chain-viewer';
import { CloseShortDto, CreateShipmentDto, ReceiveShipmentDto, ShipmentQueryDto } from './dto/shipment.dto';
import { ShipmentsService } from './shipments.service';

const id = () => new ParseUUIDPipe();

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Post()
  @Idempotent()
  @RequirePermission('shipments:create')
  @ApiOperation({ summary: 'Declare a shipment (ASN) against confirmed lines of a call-off; posts SUPPLIER → IN_TRANSIT' })
  @ApiCreatedResponse({ description: 'The shipment, status IN_TRANSIT, with its SHIPMENT journal id' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such call-off addressed to this supplier' })
  @ApiConflictResponse({ description: 'INVALID_STATE: the call-off is not confirmed (or rejected, cancelled, closed)' })
  @ApiUnprocessableEntityResponse({ description: 'OVER_SHIPMENT: cumulative shipped beyond confirmed × (1 + tolerance); VALIDATION_FAILED: a line of another call-off' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateShipmentDto): Promise<Shipment> {
    return this.shipments.create(supplierOrgOf(u), u.userId, dto);
  }

  @Get()
  @RequirePermission('shipments:read')
  @ApiOperation({ summary: 'List shipments: a buyer sees its own, a supplier its own ASNs (sort: createdAt (default, newest first), number, status)' })
  list(@CurrentUser() u: Principal, @Query() q: ShipmentQueryDto): Promise<Page<Shipment>> {
    return this.shipments.list(chainViewerOf(u), q);
  }

  @Get(':id')
  @RequirePermission('shipments:read')
  @ApiOperation({ summary: 'One shipment with its lines and receipts' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also for another tenant\'s or supplier\'s shipment)' })
  get(@CurrentUser() u: Principal, @Param('id', id()) shipmentId: string): Promise<Shipment> {
    return this.shipments.get(chainViewerOf(u), shipmentId);
  }

  @Post(':id/receive')
  @Idempotent()
  @RequirePermission('shipments:receive')
  @ApiOperation({ summary: 'Receive ASN lines in full or in part; posts IN_TRANSIT → VMI site (a new receipt layer per line)' })
  @ApiCreatedResponse({ description: '{receiptId, journalId, shipmentStatus: RECEIVED | PARTIALLY_RECEIVED, ...}' })
  @ApiConflictResponse({ description: 'INVALID_STATE: the shipment was closed short; PERIOD_CLOSED: effectiveDate in a closed period' })
  @ApiUnprocessableEntityResponse({ description: 'OVER_RECEIPT: cumulative received beyond shipped × (1 + tolerance)' })
  receive(@CurrentUser() u: Principal, @Param('id', id()) shipmentId: string, @Body() dto: ReceiveShipmentDto): Promise<ReceiveResult> {
    return this.shipments.receive(buyerTenantOf(u), u.userId, shipmentId, dto);
  }

  @Post(':id/close-short')
  @Idempotent()
  @RequirePermission('shipments:receive')
  @ApiOperation({ summary: 'Close a shipment short: what is still in transit goes back to the supplier (SHORT_CLOSE journal); status CLOSED' })
  @ApiCreatedResponse({ description: '{journalId, shipmentStatus: CLOSED, ...}' })
  @ApiConflictResponse({ description: 'INVALID_STATE: nothing left in transit or already closed; PERIOD_CLOSED' })
  closeShort(@CurrentUser() u: Principal, @Param('id', id()) shipmentId: string, @Body() dto: CloseShortDto): Promise<CloseShortResult> {
    return this.shipments.closeShort(buyerTenantOf(u), u.userId, shipmentId, dto);
  }
}
