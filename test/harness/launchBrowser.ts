import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './codeServerInstall';
import { HARNESS_MARKER_VARIABLE } from './markedProcesses';

/** A headless Chromium with one page. */
export interface HarnessBrowser {
  readonly context: BrowserContext;
  /** The page a persistent context opens by itself; opening another would leave this one idle. */
  readonly page: Page;
  close(): Promise<void>;
}

/** How to launch the browser. */
export interface LaunchBrowserOptions {
  /** The run's folder (short, under the system temp dir: Chromium's socket path limit). */
  readonly runFolder: string;
  /** Unique per run; lets the final sweep find Chromium's helpers if Playwright lost them. */
  readonly marker: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium through playwright-core (no Playwright browser download exists
 * offline). Playwright's own signal handlers are off: they would kill the browser on Ctrl+C
 * before our cleanup had stopped code-server, and the harness cleans up everything itself.
 */
export async function launchBrowser(options: LaunchBrowserOptions): Promise<HarnessBrowser> {
  const profile = join(options.runFolder, 'chromium');
  const home = join(options.runFolder, 'home');
  mkdirSync(profile, { recursive: true });
  mkdirSync(home, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: {
      ...process.env,
      HOME: home,
      TMPDIR: options.runFolder,
      [HARNESS_MARKER_VARIABLE]: options.marker,
    },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: () => context.close(),
  };
}
