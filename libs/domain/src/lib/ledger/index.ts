export * from './ledger-types';
export * from './postings';
export * from './fifo';
export * from './aging-clause';
export * from './transfer-hint';
