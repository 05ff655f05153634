export * from './periods';
export * from './scoring';
