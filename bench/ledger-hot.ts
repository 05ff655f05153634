/** Every request on one item at one site: `npm run bench -- ledger-hot` (see bench/ledger.ts). */
import { runLedgerBench } from './ledger';

runLedgerBench('hot').then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
