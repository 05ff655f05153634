export * from './grading';
export * from './analytics';
