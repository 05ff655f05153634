#!/usr/bin/env node
/**
 * `npm test`: builds the portal when the browser tests will run, runs every jest project once,
 * and ends with the totals on a line of their own: `N passed, M failed`.
 *
 * Browser tests need Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH). Locally they are
 * skipped with a message when it is absent; with CI=true they always run (and fail without it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = ci || existsSync(chromium);
const extraArgs = process.argv.slice(2);

// A lock that `npm ci` would refuse is a failed test, found here rather than in CI.
const lockCheck = spawnSync(process.execPath, [join(root, 'scripts', 'check-lockfile.mjs')], { stdio: 'inherit' });
const lockFailed = lockCheck.status === 0 ? 0 : 1;

if (browser) {
  console.log('Building the portal for the browser tests ...');
  const b = spawnSync('npx', ['nx', 'run', 'portal:build:production', '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (b.status !== 0) {
    console.error('Portal build failed');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
} else {
  console.log(`Browser tests skipped: Chromium not found at ${chromium} (install it with: apt-get install -y chromium).`);
}

mkdirSync(join(root, 'tmp'), { recursive: true });
const out = join(root, 'tmp', 'jest-results.json');
const r = spawnSync(
  'npx',
  ['jest', '-c', 'jest.config.ts', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...extraArgs],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SB_BROWSER_TESTS: browser ? 'true' : 'false' } },
);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const res = JSON.parse(readFileSync(out, 'utf8'));
  passed = res.numPassedTests;
  failed = res.numFailedTests + (res.numRuntimeErrorTestSuites ?? 0);
  skipped = res.numPendingTests + res.numTodoTests;
} else {
  failed = 1;
}
if (r.status !== 0 && failed === 0) failed = 1;
failed += lockFailed;
passed += 1 - lockFailed;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
