import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { Demand, DemandUpload, DemandUploadSummary, Page } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { writeTemplateWorkbook } from '../supplier-inventory/parsing';
import { attachment, XLSX_MIME } from '../supplier-inventory/supplier-inventory.controller';
import { demandTemplateSpec } from './demand-import';
import { DemandUploadsService } from './demand-uploads.service';
import { DemandsService } from './demands.service';
import { CancelDemandDto, CreateDemandDto, DemandQueryDto, DemandTemplateQueryDto, DemandUploadListQueryDto, DemandUploadQueryDto } from './dto/demands.dto';

@ApiTags('demands')
@Controller('demands/uploads')
export class DemandUploadsController {
  constructor(private readonly uploads: DemandUploadsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('demands:write')
  @ApiOperation({
    summary: 'Import demands from a spreadsheet (.xlsx or .csv)',
    description:
      'Multipart part `file`; headers item_code/物料编码, location_code or site_code/仓库, qty/需求数量, need_by/需求日期, reference/参考号 (optional). ' +
      'All or nothing → 201 with status APPLIED (createdDemands), VALIDATED (dryRun=true: nothing created) or REJECTED (every bad row in errors, nothing created). ' +
      'The same file (same SHA-256) as an applied import → APPLIED with unchanged=true and duplicateOf, nothing created.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{id, status, totalRows, validRows, errorRows, errorCount, createdDemands, errors:[{row, column, value, code, message, messageZh}], ...}' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over the size, inflated-size, row or column limit; zip bomb' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: not an .xlsx or CSV (or encrypted, macro-enabled, legacy .xls)' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: the file cannot be read as a whole (missing or duplicate columns, no data rows…)' })
  upload(@CurrentUser() u: Principal, @Query() q: DemandUploadQueryDto, @Req() req: FastifyRequest): Promise<DemandUpload> {
    return this.uploads.upload(buyerTenantOf(u), u.userId, q, req);
  }

  @Get()
  @RequirePermission('demands:read')
  @ApiOperation({ summary: 'Demand imports, newest first (sort: createdAt, fileName, status)' })
  list(@CurrentUser() u: Principal, @Query() q: DemandUploadListQueryDto): Promise<Page<DemandUploadSummary>> {
    return this.uploads.list(buyerTenantOf(u), q);
  }

  @Get(':id')
  @RequirePermission('demands:read')
  @ApiNotFoundResponse({ description: "NOT_FOUND (also another tenant's import)" })
  get(@CurrentUser() u: Principal, @Param('id') id: string): Promise<DemandUpload> {
    return this.uploads.get(buyerTenantOf(u), id);
  }

  @Get(':id/errors')
  @RequirePermission('demands:read')
  @ApiOperation({ summary: 'The error workbook of a rejected import (.xlsx: the rejected rows as uploaded, bad cells in red, an error column)' })
  @ApiProduces(XLSX_MIME)
  async errors(@CurrentUser() u: Principal, @Param('id') id: string, @Query() q: DemandTemplateQueryDto): Promise<StreamableFile> {
    const { stream, fileName } = await this.uploads.errorWorkbook(buyerTenantOf(u), id, q.lang ?? 'en');
    return new StreamableFile(stream, { type: XLSX_MIME, disposition: attachment(fileName) });
  }
}

@ApiTags('demands')
@Controller('demands')
export class DemandsController {
  constructor(private readonly demands: DemandsService) {}

  @Post()
  @Idempotent()
  @RequirePermission('demands:write')
  @ApiOperation({ summary: 'Enter a demand: item, location, quantity, need-by date (status OPEN)' })
  @ApiCreatedResponse({ description: 'The demand' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such item or location in this tenant' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateDemandDto): Promise<Demand> {
    return this.demands.create(buyerTenantOf(u), u.userId, dto);
  }

  @Get()
  @RequirePermission('demands:read')
  @ApiOperation({ summary: 'Demands (filters itemCode, locationCode, status, needByFrom/needByTo; sort needBy (default), createdAt, qty)' })
  list(@CurrentUser() u: Principal, @Query() q: DemandQueryDto): Promise<Page<Demand>> {
    return this.demands.list(buyerTenantOf(u), q);
  }

  @Get('template')
  @RequirePermission('demands:read')
  @ApiOperation({ summary: 'The demand import template (.xlsx: header row, an example row, notes); ?lang=zh for Chinese headers' })
  @ApiProduces(XLSX_MIME)
  template(@Query() q: DemandTemplateQueryDto): StreamableFile {
    const lang = q.lang ?? 'en';
    const stream = new PassThrough();
    const needBy = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    writeTemplateWorkbook(stream, lang, demandTemplateSpec({ itemCode: 'ITEM-001', locationCode: 'VMI-1', qty: '40', needBy })).catch((e: Error) => stream.destroy(e));
    return new StreamableFile(stream, { type: XLSX_MIME, disposition: attachment(lang === 'zh' ? 'demand-template-zh.xlsx' : 'demand-template.xlsx') });
  }

  @Get(':id')
  @RequirePermission('demands:read')
  @ApiNotFoundResponse({ description: "NOT_FOUND (also another tenant's demand)" })
  get(@CurrentUser() u: Principal, @Param('id') id: string): Promise<Demand> {
    return this.demands.get(buyerTenantOf(u), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('demands:write')
  @ApiOperation({ summary: 'OPEN → CANCELLED: no longer netted into proposals' })
  @ApiOkResponse({ description: 'The demand, status CANCELLED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not OPEN' })
  cancel(@CurrentUser() u: Principal, @Param('id') id: string, @Body() dto: CancelDemandDto): Promise<Demand> {
    return this.demands.cancel(buyerTenantOf(u), u.userId, id, dto);
  }

  @Post(':id/fulfill')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('demands:write')
  @ApiOperation({ summary: 'OPEN → FULFILLED: the demand was met; no longer netted into proposals' })
  @ApiOkResponse({ description: 'The demand, status FULFILLED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not OPEN' })
  fulfill(@CurrentUser() u: Principal, @Param('id') id: string): Promise<Demand> {
    return this.demands.fulfill(buyerTenantOf(u), u.userId, id);
  }
}
