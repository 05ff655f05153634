import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module';
import { MasterDataModule } from '../master-data/master-data.module';
import { STATEMENT_ENTITIES } from './persistence/statement.entities';
import { StatementRepository } from './persistence/statement.repository';
import { StatementsController } from './statements.controller';
import { StatementsService } from './statements.service';

/**
 * Reconciliation statements: snapshot a supplier's title transfers of a period, issue it
 * (closing the period on the ledger through LedgerService's period lock), the supplier's
 * confirmation or dispute, and the streamed .xlsx/.csv exports.
 */
@Module({
  imports: [TypeOrmModule.forFeature(STATEMENT_ENTITIES), MasterDataModule, LedgerModule],
  controllers: [StatementsController],
  providers: [StatementsService, StatementRepository],
  exports: [StatementsService],
})
export class StatementsModule {}
