import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Page, Statement, StatementEvent, StatementLine, StatementSummary } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf, supplierOrgOf } from '../../common/auth/tenant';
import { PageQueryDto } from '../../common/http/paging';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ConfirmStatementDto, CreateStatementDto, DisputeStatementDto, StatementExportQueryDto, StatementLinesQueryDto, StatementQueryDto } from './dto/statement.dto';
import { INLINE_LINES } from './persistence/statement.repository';
import { statementViewerOf } from './statement-viewer';
import { StatementsService } from './statements.service';

const id = () => new ParseUUIDPipe();

@ApiTags('statements')
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Post()
  @Idempotent()
  @RequirePermission('statements:manage')
  @ApiOperation({
    summary: 'Create a DRAFT reconciliation statement of one supplier and period (always a new one)',
    description:
      'Snapshots the supplier\'s title transfers whose business date lies in [periodFrom, periodTo] (consumptions positive, reversals negative, ' +
      `frozen prices), the totals per currency and the opening/closing quantities. Lines beyond the first ${INLINE_LINES} are paged by GET /statements/{id}/lines.`,
  })
  @ApiCreatedResponse({ description: 'The statement, status DRAFT, with its gap-free number ST-YYYY-NNNNNN' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: bad dates, periodTo before periodFrom' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the supplier is not linked to this buyer' })
  create(@CurrentUser() u: Principal, @Body() dto: CreateStatementDto): Promise<Statement> {
    return this.statements.create(buyerTenantOf(u), u.userId, dto);
  }

  @Get()
  @RequirePermission('statements:read')
  @ApiOperation({
    summary: 'List statements (no lines): finance and the buyer admin see their tenant\'s, a supplier its own at every buyer',
    description: 'Filters: status, supplierOrgId, buyerOrgId (supplier callers), from/to (periods overlapping). Sort: createdAt (default, newest first), number, periodFrom.',
  })
  list(@CurrentUser() u: Principal, @Query() q: StatementQueryDto): Promise<Page<StatementSummary>> {
    return this.statements.list(statementViewerOf(u), q);
  }

  @Get(':id')
  @RequirePermission('statements:read')
  @ApiOperation({ summary: `A statement with its quantities and its first ${INLINE_LINES} lines (linesTruncated / linesNextCursor beyond)` })
  @ApiNotFoundResponse({ description: 'NOT_FOUND (also another tenant\'s or another supplier\'s statement)' })
  get(@CurrentUser() u: Principal, @Param('id', id()) statementId: string): Promise<Statement> {
    return this.statements.get(statementViewerOf(u), statementId);
  }

  @Get(':id/lines')
  @RequirePermission('statements:read')
  @ApiOperation({ summary: 'The statement\'s lines in line order, cursor-paged (?limit ≤ 500, ?disputed=true|false)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  lines(@CurrentUser() u: Principal, @Param('id', id()) statementId: string, @Query() q: StatementLinesQueryDto): Promise<Page<StatementLine>> {
    return this.statements.lines(statementViewerOf(u), statementId, q);
  }

  @Get(':id/events')
  @RequirePermission('statements:read')
  @ApiOperation({ summary: 'Every status change: who, when, from, to, comment (oldest first)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  events(@CurrentUser() u: Principal, @Param('id', id()) statementId: string, @Query() q: PageQueryDto): Promise<Page<StatementEvent>> {
    return this.statements.events(statementViewerOf(u), statementId, q);
  }

  @Get(':id/export')
  @RequirePermission('statements:read')
  @ApiOperation({
    summary: 'The statement as .xlsx (default) or .csv, streamed',
    description:
      'Header block, lines (dates as date cells, numbers as numbers), totals per currency as values, quantities. Text cells starting with = + - @, ' +
      'tab, CR or LF are neutralised with a leading apostrophe. Sheets of at most 100,000 lines. CSV: UTF-8 with BOM, CRLF.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file (attachment)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  async export(@CurrentUser() u: Principal, @Param('id', id()) statementId: string, @Query() q: StatementExportQueryDto): Promise<StreamableFile> {
    const file = await this.statements.export(statementViewerOf(u), statementId, q.format ?? 'xlsx');
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('statements:manage')
  @ApiOperation({
    summary: 'Issue a DRAFT: closes the period for that supplier (postings dated inside → 409 PERIOD_CLOSED) and supersedes its overlapping drafts',
  })
  @ApiOkResponse({ description: 'The statement, status ISSUED' })
  @ApiConflictResponse({
    description: 'INVALID_STATE: not a DRAFT, or stale (the ledger changed since it was made: create a new one); PERIOD_CLOSED: the period overlaps one already closed',
  })
  issue(@CurrentUser() u: Principal, @Param('id', id()) statementId: string): Promise<Statement> {
    return this.statements.issue(buyerTenantOf(u), u.userId, statementId);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('statements:respond')
  @ApiOperation({ summary: 'The supplier accepts an ISSUED statement' })
  @ApiOkResponse({ description: 'The statement, status CONFIRMED' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not ISSUED' })
  confirm(@CurrentUser() u: Principal, @Param('id', id()) statementId: string, @Body() dto: ConfirmStatementDto): Promise<Statement> {
    return this.statements.confirm(supplierOrgOf(u), u.userId, statementId, dto);
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @Idempotent()
  @RequirePermission('statements:respond')
  @ApiOperation({ summary: 'The supplier disputes lines of an ISSUED statement, each with a comment' })
  @ApiOkResponse({ description: 'The statement, status DISPUTED; the lines carry dispute {comment, by, at}' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a lineId that is not a line of this statement, or named twice' })
  @ApiConflictResponse({ description: 'INVALID_STATE: not ISSUED' })
  dispute(@CurrentUser() u: Principal, @Param('id', id()) statementId: string, @Body() dto: DisputeStatementDto): Promise<Statement> {
    return this.statements.dispute(supplierOrgOf(u), u.userId, statementId, dto);
  }
}
