export * from './methods';
export * from './forecast';
export * from './thresholds';
export * from './priority';
