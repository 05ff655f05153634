import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BuyerLink, Item, Location, Organization, Page, PriceListEntry, StockPolicy, SupplierAgreement } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf, supplierOrgOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { PageQueryDto } from '../../common/http/paging';
import { OrganizationQueryDto } from '../organizations/dto/organization.dto';
import {
  CreateItemDto,
  CreateLocationDto,
  AgingClauseDto,
  CreateSupplierAgreementDto,
  ItemQueryDto,
  PriceListQueryDto,
  PutPriceListEntryDto,
  PutStockPolicyDto,
  StockPolicyQueryDto,
} from './dto/master-data.dto';
import { MasterDataService } from './master-data.service';

@ApiTags('master data')
@Controller('locations')
export class LocationsController {
  constructor(private readonly md: MasterDataService) {}

  @Post()
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Create a location (VMI site or warehouse)' })
  @ApiCreatedResponse({ description: '{id, code, name, type}' })
  @ApiConflictResponse({ description: 'DUPLICATE code' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateLocationDto): Promise<Location> {
    return this.md.createLocation(buyerTenantOf(u), dto);
  }

  @Get()
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'List locations (sort: code, name, type)' })
  list(@CurrentUser() u: Principal, @Query() q: PageQueryDto): Promise<Page<Location>> {
    return this.md.listLocations(buyerTenantOf(u), q);
  }
}

@ApiTags('master data')
@Controller('items')
export class ItemsController {
  constructor(private readonly md: MasterDataService) {}

  @Post()
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Create an item; decimals 0–6 caps the precision of its quantities' })
  @ApiConflictResponse({ description: 'DUPLICATE code' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateItemDto): Promise<Item> {
    return this.md.createItem(buyerTenantOf(u), dto);
  }

  @Get()
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'List items (?search= on code and description; sort: code, description, uom)' })
  list(@CurrentUser() u: Principal, @Query() q: ItemQueryDto): Promise<Page<Item>> {
    return this.md.listItems(buyerTenantOf(u), q);
  }
}

@ApiTags('master data')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly md: MasterDataService) {}

  @Post()
  @Idempotent()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Link a supplier to this buyer with an agreement (currency, tolerance, payment terms)' })
  @ApiConflictResponse({ description: 'DUPLICATE: already linked' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateSupplierAgreementDto): Promise<SupplierAgreement> {
    return this.md.createAgreement(buyerTenantOf(u), dto);
  }

  @Get()
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'Linked suppliers with their agreements (sort: code, name, createdAt)' })
  list(@CurrentUser() u: Principal, @Query() q: PageQueryDto): Promise<Page<SupplierAgreement>> {
    return this.md.listAgreements(buyerTenantOf(u), q);
  }

  @Get('candidates')
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Supplier organizations not yet linked to this buyer' })
  candidates(@CurrentUser() u: Principal, @Query() q: OrganizationQueryDto): Promise<Page<Organization>> {
    return this.md.listSupplierCandidates(buyerTenantOf(u), q);
  }

  @Get(':supplierOrgId')
  @RequirePermission('masterdata:read')
  @ApiNotFoundResponse({ description: 'Not linked to this buyer' })
  get(@CurrentUser() u: Principal, @Param('supplierOrgId', new ParseUUIDPipe()) supplierOrgId: string): Promise<SupplierAgreement> {
    return this.md.agreement(buyerTenantOf(u), supplierOrgId);
  }

  @Put(':supplierOrgId/aging-clause')
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Set (or with null remove) the consignment aging clause: maxConsignmentDays, agingNoticeDays (default 14)' })
  @ApiNotFoundResponse({ description: 'Not linked to this buyer' })
  putAgingClause(
    @CurrentUser() u: Principal,
    @Param('supplierOrgId', new ParseUUIDPipe()) supplierOrgId: string,
    @Body() dto: AgingClauseDto,
  ): Promise<SupplierAgreement> {
    return this.md.putAgingClause(buyerTenantOf(u), supplierOrgId, dto);
  }

  @Put(':supplierOrgId/items/:itemCode')
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Set the supplier SKU, unit price and lead time of an item from now on (history kept)' })
  @ApiNotFoundResponse({ description: 'Supplier not linked or item unknown' })
  putPrice(
    @CurrentUser() u: Principal,
    @Param('supplierOrgId', new ParseUUIDPipe()) supplierOrgId: string,
    @Param('itemCode') itemCode: string,
    @Body() dto: PutPriceListEntryDto,
  ): Promise<PriceListEntry> {
    return this.md.putPrice(buyerTenantOf(u), supplierOrgId, itemCode, dto, u.userId);
  }

  @Get(':supplierOrgId/items')
  @RequirePermission('masterdata:read')
  @ApiOperation({ summary: 'Current price-list entries (or ?history=true for all)' })
  listPrices(
    @CurrentUser() u: Principal,
    @Param('supplierOrgId', new ParseUUIDPipe()) supplierOrgId: string,
    @Query() q: PriceListQueryDto,
  ): Promise<Page<PriceListEntry>> {
    return this.md.listPrices(buyerTenantOf(u), supplierOrgId, q);
  }
}

@ApiTags('master data')
@Controller('buyers')
export class BuyersController {
  constructor(private readonly md: MasterDataService) {}

  @Get()
  @RequirePermission('buyers:read')
  @ApiOperation({ summary: 'Buyers this supplier is linked to' })
  list(@CurrentUser() u: Principal, @Query() q: PageQueryDto): Promise<Page<BuyerLink>> {
    return this.md.listBuyers(supplierOrgOf(u), q);
  }
}

@ApiTags('master data')
@Controller('stock-policies')
export class StockPoliciesController {
  constructor(private readonly md: MasterDataService) {}

  @Put()
  @RequirePermission('masterdata:write')
  @ApiOperation({ summary: 'Create or replace the stock policy of (location, item)' })
  put(@CurrentUser() u: Principal, @Body() dto: PutStockPolicyDto): Promise<StockPolicy> {
    return this.md.putStockPolicy(buyerTenantOf(u), dto);
  }

  @Get()
  @RequirePermission('masterdata:read')
  list(@CurrentUser() u: Principal, @Query() q: StockPolicyQueryDto): Promise<Page<StockPolicy>> {
    return this.md.listStockPolicies(buyerTenantOf(u), q);
  }
}
