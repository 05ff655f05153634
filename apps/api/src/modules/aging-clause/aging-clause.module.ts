import { Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Db } from '../../database/db.service';
import { invalidState } from '../../common/errors';
import { LedgerModule } from '../ledger/ledger.module';
import { LedgerService } from '../ledger/ledger.service';
import { AgingClauseController } from './aging-clause.controller';
import { AgingClauseScheduler } from './aging-clause.scheduler';
import { AgingClauseService } from './aging-clause.service';
import { AGING_CLAUSE_SETTINGS, agingClauseSettingsFrom } from './aging-clause.settings';

/**
 * The consignment aging clause of supplier agreements: a scheduled job (and POST
 * /jobs/aging-clause/run) that passes title of aged consignment stock to the buyer.
 * docs/transfers-and-aging.md.
 */
@Module({
  imports: [LedgerModule],
  controllers: [AgingClauseController],
  providers: [
    { provide: AGING_CLAUSE_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => agingClauseSettingsFrom(config) },
    AgingClauseService,
    AgingClauseScheduler,
  ],
  exports: [AgingClauseService],
})
export class AgingClauseModule implements OnModuleInit {
  constructor(
    private readonly ledger: LedgerService,
    private readonly db: Db,
  ) {}

  /**
   * A title transfer of the clause is not reversed: the clause would find the layer aged again
   * and the contract says it is the buyer's. Refused with 409 INVALID_STATE (docs).
   */
  onModuleInit(): void {
    this.ledger.registerReversalGuard(async (tenantId, journalId) => {
      const [j] = await this.db.query<{ type: string }>(`SELECT type FROM journals WHERE tenant_id = $1 AND id = $2`, [tenantId, journalId]);
      if (j?.type === 'TITLE_TRANSFER') {
        throw invalidState('A title transfer of the consignment aging clause cannot be reversed: the stock is the buyer\'s by contract');
      }
    });
  }
}
