/** POST /consumptions/batch with 500 lines per request: `npm run bench -- ledger-batch` (see bench/ledger.ts). */
import { runLedgerBench } from './ledger';

runLedgerBench('batch').then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
