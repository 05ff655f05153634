import type { Config } from 'jest';

/**
 * The whole suite in one jest run (`npm test` → scripts/test.mjs): the pure libraries and the
 * API (supertest on real PostgreSQL, plus the portal's browser tests, which share the API's
 * database setup).
 */
const config: Config = {
  // Global, not per project: suites boot a Nest app on a cloned database, and CI machines are slow.
  testTimeout: 60000,
  projects: ['<rootDir>/libs/domain', '<rootDir>/libs/shared', '<rootDir>/apps/api'],
};
export default config;
