export * from './period';
export * from './export-cell';
export * from './canonical-json';
