import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgingClauseRunResult } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { buyerTenantOf } from '../../common/auth/tenant';
import { AgingClauseService } from './aging-clause.service';

/** The run takes no parameters: an unknown property is a 400 like everywhere else. */
export class RunAgingClauseDto {}

@ApiTags('aging clause')
@Controller('jobs/aging-clause')
export class AgingClauseController {
  constructor(private readonly clause: AgingClauseService) {}

  /**
   * Runs the clause now for the caller's tenant (ops, tests). Idempotent by nature — a second
   * run finds nothing left to transfer — so it takes no Idempotency-Key, and it is not one
   * transaction but one per batch.
   */
  @Post('run')
  @HttpCode(200)
  @RequirePermission('agingClause:run')
  @ApiOperation({ summary: 'Run the consignment aging clause now for this buyer: aged supplier layers pass to the buyer (TITLE_TRANSFER journals); returns counts' })
  @ApiOkResponse({ description: '{runId, asOf, tenants, layersTransferred, journals, skippedNoPrice, skippedPeriodClosed}' })
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  run(@CurrentUser() u: Principal, @Body() _body: RunAgingClauseDto): Promise<AgingClauseRunResult> {
    return this.clause.run({ tenantId: buyerTenantOf(u), trigger: 'MANUAL' });
  }
}
