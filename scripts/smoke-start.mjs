#!/usr/bin/env node
/**
 * CI smoke test of the README quick start: `npm start` on a fresh data directory builds
 * everything, starts embedded PostgreSQL, migrates, seeds the demo world and serves API and
 * portal on one port; a demo login works; Ctrl-C (SIGINT) stops it and PostgreSQL cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const port = 3000 + Math.floor(Math.random() * 2000) + 1000;
const dataDir = mkdtempSync(join(tmpdir(), 'sb-smoke-'));
const base = `http://127.0.0.1:${port}`;
const checks = [];
const check = (name, ok, info = '') => {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${info ? ` — ${info}` : ''}`);
};

const child = spawn('npm', ['start'], {
  cwd: root,
  detached: true,
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', ADMIN_PASSWORD: 'smoke-admin-pw' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));

async function waitForHealth(deadlineMs) {
  while (Date.now() < deadlineMs) {
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

try {
  const up = await waitForHealth(Date.now() + 8 * 60 * 1000);
  check('server answers /api/v1/health', up);
  if (up) {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'planner@acme.example', password: 'stockbridge-demo' }),
    });
    const body = await login.json().catch(() => ({}));
    check('demo planner can log in', login.status === 200 && typeof body.accessToken === 'string', `status ${login.status}`);
    const items = await fetch(`${base}/api/v1/items?limit=100`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    const list = await items.json().catch(() => ({}));
    check('demo data has 20 items', items.status === 200 && list.items?.length === 20, `got ${list.items?.length}`);
    const portal = await fetch(`${base}/`);
    const html = await portal.text();
    check('portal served at /', portal.status === 200 && html.includes('<sb-root'));
    const deep = await fetch(`${base}/login`);
    check('portal deep link falls back to index.html', deep.status === 200 && (await deep.text()).includes('<sb-root'));
    const docs = await fetch(`${base}/api/docs-json`);
    check('OpenAPI at /api/docs-json', docs.status === 200 && ((await docs.json()).openapi ?? '').startsWith('3'));
    const admin = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@stockbridge.local', password: 'smoke-admin-pw' }),
    });
    check('platform admin from ADMIN_PASSWORD can log in', admin.status === 200);
  }
} finally {
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    /* already gone */
  }
  const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 30000))]);
  check('Ctrl-C stops the server cleanly', result !== null && (result.code === 0 || result.signal === 'SIGINT'), JSON.stringify(result));
  if (result === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  const stillUp = await fetch(`${base}/api/v1/health`).then(() => true, () => false);
  check('port released after stop', !stillUp);
  rmSync(dataDir, { recursive: true, force: true });
}
const failed = checks.filter((c) => !c.ok).length;
if (failed) console.log('--- server output ---\n' + output.slice(-6000));
console.log(`start smoke: ${checks.length - failed} of ${checks.length} checks passed`);
process.exit(failed ? 1 : 0);
