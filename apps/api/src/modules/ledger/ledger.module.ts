import { Module } from '@nestjs/common';
import { AdjustmentsController, ConsumptionsController, ReturnsController } from './consumptions.controller';
import { JournalQueryService } from './journal-query.service';
import { LedgerDemoData } from './ledger-demo';
import { LEDGER_POSTING } from './ledger-posting.port';
import { LedgerVerifyService } from './ledger-verify.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';

/**
 * The ownership ledger: journals, postings, balances per receipt layer, title transfers.
 * Other contexts post through LEDGER_POSTING (the VMI chain) and read through
 * JournalQueryService / LedgerService (period lock for statements).
 */
@Module({
  controllers: [ConsumptionsController, ReturnsController, AdjustmentsController, LedgerController],
  providers: [LedgerService, JournalQueryService, LedgerVerifyService, LedgerDemoData, { provide: LEDGER_POSTING, useExisting: LedgerService }],
  exports: [LedgerService, JournalQueryService, LedgerVerifyService, LEDGER_POSTING],
})
export class LedgerModule {}
