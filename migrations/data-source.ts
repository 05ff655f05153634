/**
 * Data source for the TypeORM CLI (`npm run migration:run`, `migration:revert`,
 * `migration:show`). Needs DATABASE_URL; the API itself runs migrations at start.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './index';

export default new DataSource({
  type: 'postgres',
  url: process.env['DATABASE_URL'],
  migrations: MIGRATIONS,
  migrationsTableName: 'migrations',
});
