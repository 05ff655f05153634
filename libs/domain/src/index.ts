export * from './lib/decimal';
export * from './lib/time';
export * from './lib/ledger';
export * from './lib/pricing';
export * from './lib/chain';
export * from './lib/warnings';
export * from './lib/statements';
export * from './lib/scorecards';
