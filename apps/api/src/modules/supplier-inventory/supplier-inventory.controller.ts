import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { Page, SupplierInventoryHistoryEntry, SupplierInventoryRow, SupplierInventoryUpload, SupplierInventoryUploadError, SupplierInventoryUploadSummary } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { writeTemplate } from './parsing';
import { TemplateQueryDto, UploadErrorsQueryDto, UploadListQueryDto, UploadQueryDto } from './dto/uploads.dto';
import { HistoryQueryDto, InventoryQueryDto, PutInventoryRowDto } from './dto/supplier-inventory.dto';
import { SupplierInventoryService } from './supplier-inventory.service';
import { UploadsService } from './uploads/uploads.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('supplier inventory')
@Controller('supplier-inventory/uploads')
export class SupplierInventoryUploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('supplierInventory:write')
  @ApiOperation({
    summary: 'Upload a supplier inventory spreadsheet (.xlsx or .csv)',
    description:
      'Multipart part `file`. Small files are read, validated and (unless dryRun) applied at once → 201 with status VALIDATED, APPLIED or REJECTED. ' +
      'Large files (over UPLOAD_ASYNC_THRESHOLD_BYTES or UPLOAD_ASYNC_THRESHOLD_ROWS) → 202 PROCESSING; poll GET …/uploads/{id}. ' +
      'The same file (same SHA-256 and mode) as the upload in effect → APPLIED with unchanged=true and duplicateOf. ' +
      '`errors` holds the first 1,000 problems; all of them are in GET …/{id}/errors.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '{id, status, totalRows, validRows, errorRows, errors:[{row, column, value, code, message, messageZh}], ...}' })
  @ApiAcceptedResponse({ description: 'Large file: {id, status:"PROCESSING", processedRows, totalRows, ...}' })
  @ApiNotFoundResponse({ description: 'buyerOrgId is not a buyer linked to the caller' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over the size, inflated-size, row or column limit; zip bomb' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: not an .xlsx or CSV (or encrypted, macro-enabled, legacy .xls)' })
  @ApiUnprocessableEntityResponse({ description: 'VALIDATION_FAILED: the file cannot be accepted as a whole (missing or forbidden headers, formulas without values…)' })
  async upload(
    @CurrentUser() u: Principal,
    @Query() q: UploadQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupplierInventoryUpload> {
    const { accepted, body } = await this.uploads.upload(u, q, req);
    if (accepted) void reply.status(202);
    return body;
  }

  @Get()
  @RequirePermission('supplierInventory:read')
  @ApiOperation({ summary: 'Upload history (sort: createdAt (default, newest first), fileName, status)' })
  list(@CurrentUser() u: Principal, @Query() q: UploadListQueryDto): Promise<Page<SupplierInventoryUploadSummary>> {
    return this.uploads.list(u, q);
  }

  @Get(':id')
  @RequirePermission('supplierInventory:read')
  @ApiOperation({ summary: 'One upload with its counts, progress (processedRows of totalRows) and first 1,000 problems' })
  @ApiNotFoundResponse({ description: 'Not the uploader nor the buyer it is for' })
  get(@CurrentUser() u: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SupplierInventoryUpload> {
    return this.uploads.get(u, id);
  }

  @Get(':id/errors')
  @RequirePermission('supplierInventory:write')
  @ApiOperation({
    summary: 'The problems of an upload',
    description: 'Default: the error workbook (.xlsx: the rejected rows as uploaded, bad cells in red, an error column). ?format=json: a page of problems (sort: row, column, code).',
  })
  @ApiProduces(XLSX_MIME, 'application/json')
  @ApiOkResponse({ description: 'The .xlsx (attachment) or {items:[{row, column, value, code, message, messageZh}], nextCursor}' })
  async errors(
    @CurrentUser() u: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadErrorsQueryDto,
  ): Promise<StreamableFile | Page<SupplierInventoryUploadError>> {
    if (q.format === 'json') return this.uploads.errorsPage(u, id, q);
    const { stream, fileName } = await this.uploads.errorWorkbook(u, id, q.lang ?? 'en');
    return new StreamableFile(stream, { type: XLSX_MIME, disposition: attachment(fileName) });
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('supplierInventory:write')
  @ApiOperation({ summary: 'Apply a VALIDATED dry run (all or nothing)' })
  @ApiOkResponse({ description: 'The upload, status APPLIED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: the upload is not VALIDATED' })
  apply(@CurrentUser() u: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SupplierInventoryUpload> {
    return this.uploads.apply(u, id);
  }
}

@ApiTags('supplier inventory')
@Controller('supplier-inventory')
export class SupplierInventoryController {
  constructor(private readonly inventory: SupplierInventoryService) {}

  @Get('template')
  @ApiOperation({ summary: 'The upload template (.xlsx: header row, an example row, notes); ?lang=zh for Chinese headers' })
  @ApiProduces(XLSX_MIME)
  @ApiNotFoundResponse({ description: 'buyerOrgId is not a buyer this supplier is linked to' })
  async template(@CurrentUser() u: Principal, @Query() q: TemplateQueryDto): Promise<StreamableFile> {
    const example = await this.inventory.templateExample(u, q.buyerOrgId);
    const stream = new PassThrough();
    writeTemplate(stream, q.lang ?? 'en', example).catch((e: Error) => stream.destroy(e));
    const name = q.lang === 'zh' ? 'supplier-inventory-template-zh.xlsx' : 'supplier-inventory-template.xlsx';
    return new StreamableFile(stream, { type: XLSX_MIME, disposition: attachment(name) });
  }

  @Get()
  @RequirePermission('supplierInventory:read')
  @ApiOperation({
    summary: 'Supplier stock',
    description: "A buyer sees every linked supplier's rows (?supplierOrgId=&itemCode=&siteCode=); a supplier only its own (?buyerOrgId=). Sort: site (default), item, supplier, asOf, expiry.",
  })
  list(@CurrentUser() u: Principal, @Query() q: InventoryQueryDto): Promise<Page<SupplierInventoryRow>> {
    return this.inventory.list(u, q);
  }

  @Get(':siteCode/:itemCode/history')
  @RequirePermission('supplierInventory:read')
  @ApiOperation({ summary: "Every change of a row's quantity, newest first (by upload or by single-row edit)" })
  history(
    @CurrentUser() u: Principal,
    @Param('siteCode') siteCode: string,
    @Param('itemCode') itemCode: string,
    @Query() q: HistoryQueryDto,
  ): Promise<Page<SupplierInventoryHistoryEntry>> {
    return this.inventory.history(u, siteCode, itemCode, q);
  }

  @Put(':siteCode/:itemCode')
  @RequirePermission('supplierInventory:write')
  @ApiOperation({ summary: 'Set one row now (single-row real-time edit)' })
  @ApiOkResponse({ description: 'The row' })
  @ApiNotFoundResponse({ description: 'Buyer not linked, or an item the supplier does not supply to that buyer' })
  @ApiUnprocessableEntityResponse({ description: "VALIDATION_FAILED: more decimals than the item allows" })
  put(@CurrentUser() u: Principal, @Param('siteCode') siteCode: string, @Param('itemCode') itemCode: string, @Body() dto: PutInventoryRowDto): Promise<SupplierInventoryRow> {
    return this.inventory.put(u, siteCode, itemCode, dto);
  }
}
