import { Module } from '@nestjs/common';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

/**
 * Supplier scorecards (docs/scorecards.md): per supplier and period, delivery, confirmation,
 * short-close, consignment-stock and statement-dispute figures computed in SQL over indexed
 * data, scored and ranked by the domain's rules. Read-only: it writes nothing.
 */
@Module({
  controllers: [ScorecardsController],
  providers: [ScorecardsService],
})
export class ScorecardsModule {}
