export * from './tolerance';
export * from './status';
