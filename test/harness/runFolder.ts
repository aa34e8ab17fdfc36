import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Creates a fresh folder for one run under the system temp dir. The name stays short on purpose:
 * Chromium puts its singleton socket inside its profile, and unix-socket paths are limited to
 * 108 bytes ("Socket path too long"), so a profile deep inside the repository would not start.
 */
export function createRunFolder(prefix = 'amih-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a run folder; a folder that is already gone is fine. */
export function removeRunFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}
