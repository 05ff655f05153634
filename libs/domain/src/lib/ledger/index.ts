export * from './ledger-types';
export * from './postings';
export * from './fifo';
