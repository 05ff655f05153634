/**
 * API tests (unit specs and supertest e2e on real PostgreSQL) and, when SB_BROWSER_TESTS=true
 * (set by scripts/test.mjs), the portal's browser tests, which drive this same API.
 */
const browser = process.env['SB_BROWSER_TESTS'] === 'true';

module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/api',
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    ...(browser ? ['<rootDir>/test/browser/**/*.browser-spec.ts'] : []),
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Each suite boots a Nest app on its own cloned database; give slow CI machines room.
  testTimeout: 60000,
};
