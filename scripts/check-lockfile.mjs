#!/usr/bin/env node
/**
 * package-lock.json must list every platform build of every optional native dependency
 * (rollup, esbuild, swc, ...), or `npm ci` refuses the lock on a clean machine while
 * `npm install` here is happy. That happened once: this registry mirror lacks some platform
 * builds of the newest releases, `npm install` silently leaves them out, and CI's `npm ci`
 * failed. The fix is an `overrides` entry pinning the package to a version whose every
 * platform build is published. Exit code 1 and a list when an entry is missing.
 */
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const names = new Set(Object.keys(lock.packages).map((k) => k.replace(/^.*node_modules\//, '')));
const problems = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  const missing = Object.keys(pkg.optionalDependencies ?? {}).filter((n) => !names.has(n));
  if (missing.length) problems.push(`${path}@${pkg.version}: ${missing.length} optional deps missing (${missing.slice(0, 3).join(', ')}…)`);
}
if (problems.length) {
  console.error('package-lock.json is incomplete; `npm ci` will refuse it:\n  ' + problems.join('\n  '));
  console.error('Pin each package above with "overrides" to a version whose platform builds all exist here.');
  process.exit(1);
}
console.log('package-lock.json: every optional platform dependency is listed.');
