/**
 * Every migration, in order. The API bundles this list (no globbing at run time), runs it at
 * start under an advisory lock, and the TypeORM CLI uses it through `data-source.ts`.
 * New migration: `<timestamp>-<PastTenseAction>.ts`, one concern each, appended here.
 */
import { CreatedFoundationSchema1764000000000 } from './1764000000000-CreatedFoundationSchema';
import { CreatedLedgerSchema1764000100000 } from './1764000100000-CreatedLedgerSchema';
import { CreatedLedgerPostingFunctions1764000100001 } from './1764000100001-CreatedLedgerPostingFunctions';
import { CreatedCallOffsAndShipments1764000150000 } from './1764000150000-CreatedCallOffsAndShipments';
import { CreatedSupplierInventory1764000200000 } from './1764000200000-CreatedSupplierInventory';
import { CreatedWarnings1764000300000 } from './1764000300000-CreatedWarnings';
import { CreatedStatements1764000400000 } from './1764000400000-CreatedStatements';
import { AddedTransfersAndAgingClause1764000500000 } from './1764000500000-AddedTransfersAndAgingClause';
import { CreatedTransferAndAgingClauseFunctions1764000500001 } from './1764000500001-CreatedTransferAndAgingClauseFunctions';
import { AddedTransferJournalIndex1764000500002 } from './1764000500002-AddedTransferJournalIndex';
import { CreatedDemandForecasts1764000600000 } from './1764000600000-CreatedDemandForecasts';
import { CreatedThresholdSuggestions1764000600001 } from './1764000600001-CreatedThresholdSuggestions';
import { AddedWarningPriority1764000600002 } from './1764000600002-AddedWarningPriority';
import { CreatedCallOffFirstConfirmations1764000700000 } from './1764000700000-CreatedCallOffFirstConfirmations';
import { CreatedScorecardIndexes1764000700001 } from './1764000700001-CreatedScorecardIndexes';
import { CreatedWarningOpenItemIndex1764000700002 } from './1764000700002-CreatedWarningOpenItemIndex';
import { CreatedWarningItemIndex1764000700003 } from './1764000700003-CreatedWarningItemIndex';
import { CreatedDemands1764001000000 } from './1764001000000-CreatedDemands';

export const MIGRATIONS = [CreatedFoundationSchema1764000000000, CreatedLedgerSchema1764000100000, CreatedLedgerPostingFunctions1764000100001, CreatedCallOffsAndShipments1764000150000, CreatedSupplierInventory1764000200000, CreatedWarnings1764000300000, CreatedStatements1764000400000, AddedTransfersAndAgingClause1764000500000, CreatedTransferAndAgingClauseFunctions1764000500001, AddedTransferJournalIndex1764000500002, CreatedDemandForecasts1764000600000, CreatedThresholdSuggestions1764000600001, AddedWarningPriority1764000600002, CreatedCallOffFirstConfirmations1764000700000, CreatedScorecardIndexes1764000700001, CreatedWarningOpenItemIndex1764000700002, CreatedWarningItemIndex1764000700003, CreatedDemands1764001000000];
