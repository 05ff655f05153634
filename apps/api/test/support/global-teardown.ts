import { rmSync } from 'node:fs';
import { adminQuery, readState } from './test-db';

export default async function globalTeardown(): Promise<void> {
  const state = readState();
  if (!process.env['TEST_DATABASE_URL']) {
    await globalThis.__SB_EMBEDDED__?.stop();
    if (state.embeddedDir) rmSync(state.embeddedDir, { recursive: true, force: true });
    return;
  }
  // On a shared server, leave nothing behind: the template and any suite database of this run.
  await adminQuery(state.adminUrl, `DROP DATABASE IF EXISTS "${state.templateDb}" WITH (FORCE)`).catch(() => undefined);
}
