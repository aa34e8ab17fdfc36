import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import {
  startEc2Emulator,
  type EmulatorSeed,
  type RunningEc2Emulator,
} from '../ec2-emulator/startEc2Emulator';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { startHarnessSession, type HarnessSession } from '../harness/harnessSession';
import { workbenchUrl } from '../harness/workbenchUrl';
import { integrationEnvironment, integrationSettings } from '../integration/integrationSetup';
import { README_SCREENSHOT_DIR, README_SCREENSHOTS_VARIABLE } from './readmeScreenshots';
import { WorkbenchPage } from './workbenchPage';

/** Where screenshots go (git-ignored); CI can keep the folder as an artifact. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/**
 * The browser window of every e2e session, so README screenshots have one size. (Tests read
 * editors by their rendered lines: a lower window shows fewer.)
 */
export const WINDOW_SIZE = { width: 1400, height: 900 } as const;

/** A browser on a VS Code that has AMI Explorer loaded and pointed at the emulator. */
export interface E2eSession {
  readonly workbench: WorkbenchPage;
  readonly emulator: RunningEc2Emulator;
  /** Saves a screenshot of the whole window as test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<void>;
  /**
   * Saves a picture the README shows, `<name>.png`, cropped to the smallest rectangle holding
   * `parts` (the whole window when none is given): into media/screenshots/ under
   * `npm run screenshots`, into test-results/e2e/readme/ otherwise. Fails when a warning or error
   * notification is on screen: the README shows the product working.
   */
  readmeScreenshot(name: string, ...parts: Locator[]): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the emulator (demo seed), code-server and Chromium, and opens the workbench with the
 * extension under development from the repository (dist/ must be built), or with AMI Explorer
 * installed from `options.vsix`. There are no tests in
 * the extension host here: the browser is the test's only hand on VS Code, as a user's is.
 */
export async function startE2eSession(
  options: {
    /** The extension host's environment; default: the demo account's credentials. */
    readonly env?: (emulatorUrl: string) => Record<string, string>;
    /**
     * A .vsix of AMI Explorer to install into the run's extensions folder, as a user does, instead
     * of loading the repository as the extension under development (so it runs in production mode).
     */
    readonly vsix?: string;
    /** The emulator's estate; default: the demo estate. */
    readonly seed?: EmulatorSeed;
    /**
     * Something between the extension and the emulator (e.g. a `RecordingEndpoint` that holds
     * answers back): started with the emulator's URL, it gives the URL the extension is pointed at.
     * It is closed with the session.
     */
    readonly proxy?: (emulatorUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
  } = {},
): Promise<E2eSession> {
  const emulator = await startEc2Emulator({ port: 0, seed: options.seed ?? 'demo' });
  let session: HarnessSession;
  let endpointUrl = emulator.url;
  let proxy: { url: string; close(): Promise<void> } | undefined;
  try {
    proxy = await options.proxy?.(emulator.url);
    if (proxy) endpointUrl = proxy.url;
    session = await startHarnessSession({
      settings: {
        ...integrationSettings(endpointUrl),
        // A fixed theme keeps screenshots comparable from run to run.
        'workbench.colorTheme': 'Default Dark Modern',
        // The workspace lies inside this repository; git's prompt about it would cover the UI.
        'git.openRepositoryInParentFolders': 'never',
      },
      env: (options.env ?? integrationEnvironment)(emulator.url),
      ...(options.vsix !== undefined ? { installExtensions: [options.vsix] } : {}),
      log: (line) => process.stdout.write(`      [harness] ${line}\n`),
    });
  } catch (error) {
    await proxy?.close();
    await emulator.close();
    throw error;
  }
  session.defer('stop the EC2 emulator', () => emulator.close());
  if (proxy) session.defer('stop the proxy in front of the emulator', () => proxy.close());
  try {
    const { page } = await session.browser();
    await page.setViewportSize(WINDOW_SIZE);
    await page.goto(
      workbenchUrl({
        serverUrl: session.server.url,
        folder: join(REPO_ROOT, 'test', 'integration', 'workspace'),
        ...(options.vsix === undefined ? { extensionDevelopmentPath: REPO_ROOT } : {}),
      }),
    );
    const workbench = new WorkbenchPage(page);
    await workbench.waitUntilReady();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return {
      workbench,
      emulator,
      async screenshot(name: string): Promise<void> {
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
      },
      async readmeScreenshot(name: string, ...parts: Locator[]): Promise<void> {
        await readmeScreenshot(workbench, name, parts);
      },
      async dispose(): Promise<void> {
        const { peakRssBytes } = await session.dispose();
        process.stdout.write(
          `      [harness] peak RSS of code-server + Chromium ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB\n`,
        );
      },
    };
  } catch (error) {
    await session.dispose();
    throw error;
  }
}

/**
 * One e2e session for the `describe` it is called in: started before its first test (after the
 * hooks registered before this call, before those registered after it), a screenshot of the
 * window after each failed test (test-results/e2e/failed-<title>.png), stopped after the last.
 * The returned object stands for the session once it has started.
 */
export function useE2eSession(options: Parameters<typeof startE2eSession>[0] = {}): E2eSession {
  let current: E2eSession | undefined;
  const started = (): E2eSession => {
    if (!current) throw new Error('The e2e session is not running (did its `before` hook fail?)');
    return current;
  };
  before(async () => {
    current = await startE2eSession(options);
  });
  after(async () => {
    const ending = current;
    current = undefined;
    await ending?.dispose();
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && current) {
      await current.screenshot(`failed-${test.title.replace(/\W+/g, '-')}`);
    }
  });
  return {
    get workbench() {
      return started().workbench;
    },
    get emulator() {
      return started().emulator;
    },
    screenshot: (name) => started().screenshot(name),
    readmeScreenshot: (name, ...parts) => started().readmeScreenshot(name, ...parts),
    dispose: () => started().dispose(),
  };
}

async function readmeScreenshot(
  workbench: WorkbenchPage,
  name: string,
  parts: readonly Locator[],
): Promise<void> {
  const { page } = workbench;
  const troubles = workbench
    .notifications()
    .filter({ has: page.locator('.codicon-error, .codicon-warning') });
  if ((await troubles.count()) > 0) {
    const text = (await troubles.allInnerTexts()).join(' | ');
    throw new Error(`A README screenshot (${name}) would show a warning or an error: ${text}`);
  }
  let clip: { x: number; y: number; width: number; height: number } | undefined;
  if (parts.length > 0) {
    const boxes = [];
    for (const part of parts) {
      const box = await part.boundingBox();
      if (!box) throw new Error(`A part of the README screenshot ${name} is not on screen`);
      boxes.push(box);
    }
    const left = Math.max(0, Math.min(...boxes.map((b) => b.x)));
    const top = Math.max(0, Math.min(...boxes.map((b) => b.y)));
    const right = Math.min(WINDOW_SIZE.width, Math.max(...boxes.map((b) => b.x + b.width)));
    const bottom = Math.min(WINDOW_SIZE.height, Math.max(...boxes.map((b) => b.y + b.height)));
    clip = {
      x: Math.floor(left),
      y: Math.floor(top),
      width: Math.ceil(right - Math.floor(left)),
      height: Math.ceil(bottom - Math.floor(top)),
    };
  }
  const folder =
    process.env[README_SCREENSHOTS_VARIABLE] === '1'
      ? README_SCREENSHOT_DIR
      : join(SCREENSHOT_DIR, 'readme');
  mkdirSync(folder, { recursive: true });
  // Animations stopped: a pending AMI's spinner would otherwise be caught at any angle.
  await page.screenshot({
    path: join(folder, `${name}.png`),
    animations: 'disabled',
    ...(clip ? { clip } : {}),
  });
}
