#!/usr/bin/env node
/**
 * `npm run bench` runs every benchmark in bench/ (one after another: they measure, so they must
 * not share the machine); `npm run bench -- ledger upload` or `npm run bench:<name>` runs some.
 * Each bench prints its own figures, the ceiling measured in the same run and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'bench');
const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.spec.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : all;
let failures = 0;
for (const name of names) {
  const file = join(benchDir, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`no such bench: ${name} (have: ${all.join(', ')})`);
    failures++;
    continue;
  }
  console.log(`\n===== bench: ${name} =====`);
  const r = spawnSync(process.execPath, ['--expose-gc', '-r', '@swc-node/register', file], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn' },
  });
  if (r.status !== 0) failures++;
}
process.exit(failures ? 1 : 0);
