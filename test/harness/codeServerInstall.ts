import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The code-server line pinned by the project: VS Code 1.100.3, the last that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

/** The repository root (this file lives in test/harness/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The git-ignored cache folder that installCodeServer.sh fills. */
export const CODE_SERVER_DIR = join(
  REPO_ROOT,
  '.vscode-test',
  `code-server-${CODE_SERVER_VERSION}`,
);

/** code-server's server entry point inside the cache. */
export const CODE_SERVER_ENTRY = join(
  CODE_SERVER_DIR,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** Debian's Chromium, installed by the same script; Playwright's own browsers cannot be fetched. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Runs installCodeServer.sh unless its completion marker and Chromium are already there. The
 * script itself is idempotent too; the check here only saves spawning bash on every run.
 */
export function ensureCodeServerInstalled(): void {
  if (existsSync(join(CODE_SERVER_DIR, '.installed')) && existsSync(CHROMIUM_PATH)) {
    return;
  }
  const result = spawnSync('bash', [join(__dirname, 'installCodeServer.sh'), CODE_SERVER_DIR], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`installCodeServer.sh failed (exit ${String(result.status)})`);
  }
}
