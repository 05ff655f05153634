import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JournalView, Page, VerifyResult } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { JournalQueryDto, ReverseJournalDto } from './dto/ledger.dto';
import { JournalQueryService } from './journal-query.service';
import { LedgerVerifyService } from './ledger-verify.service';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly journals: JournalQueryService,
    private readonly verifier: LedgerVerifyService,
  ) {}

  @Get('journals')
  @RequirePermission('ledger:read')
  @ApiOperation({ summary: 'Journals with postings and title transfers, newest first (?type=&from=&to=&supplierOrgId=); a supplier sees those touching its stock' })
  list(@CurrentUser() u: Principal, @Query() q: JournalQueryDto): Promise<Page<JournalView>> {
    return this.journals.viewerOf(u, q.buyerOrgId).then((viewer) => this.journals.list(viewer, q));
  }

  @Get('journals/:id')
  @RequirePermission('ledger:read')
  @ApiOperation({ summary: 'One journal with its postings and title transfers' })
  @ApiNotFoundResponse({ description: 'Unknown, another tenant\'s, or (supplier) not touching its stock' })
  get(@CurrentUser() u: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<JournalView> {
    return this.journals.viewerOf(u).then((viewer) => this.journals.get(viewer, id));
  }

  @Post('journals/:id/reverse')
  @Idempotent()
  @RequirePermission('ledger:reverse')
  @ApiOperation({ summary: 'Post the mirror image of a journal (and negative title transfers); at most once' })
  @ApiCreatedResponse({ description: 'The reversing journal' })
  @ApiNotFoundResponse({ description: 'Unknown or another tenant\'s journal' })
  @ApiConflictResponse({ description: 'ALREADY_REVERSED, INSUFFICIENT_STOCK (stock would go negative), PERIOD_CLOSED, INVALID_STATE (a reversal cannot be reversed)' })
  async reverse(@CurrentUser() u: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReverseJournalDto): Promise<JournalView> {
    const tenantId = buyerTenantOf(u);
    const reversalId = await this.ledger.reverse({ tenantId, userId: u.userId }, id, dto.reason, dto.effectiveDate);
    return this.journals.get({ tenantIds: [tenantId], supplierOrgId: null }, reversalId);
  }

  @Get('verify')
  @RequirePermission('ledger:verify')
  @ApiOperation({ summary: 'Recompute every balance from the postings and check every journal sums to zero per item' })
  @ApiOkResponse({ description: '{balanced, journalsChecked, accountsChecked, postingsChecked, mismatches}' })
  verify(@CurrentUser() u: Principal): Promise<VerifyResult> {
    return this.verifier.verify(buyerTenantOf(u));
  }
}
