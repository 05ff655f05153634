import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { ConsumptionReportService } from './consumption-report.service';
import { ConsumptionReportRepository } from './persistence/consumption-report.repository';
import { ReportsController } from './reports.controller';

/**
 * Finance reports read from the ledger's title transfers: the consumption report per
 * supplier, item and month, as JSON and as streamed .xlsx/.csv (the statement export's
 * writer helpers, common/export).
 */
@Module({
  imports: [LedgerModule],
  controllers: [ReportsController],
  providers: [ConsumptionReportService, ConsumptionReportRepository],
})
export class ReportsModule {}
