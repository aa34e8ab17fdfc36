import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startEc2Emulator,
  type EmulatorSeed,
  type RunningEc2Emulator,
} from '../ec2-emulator/startEc2Emulator';
import { REPO_ROOT } from '../harness/codeServerInstall';
import { startHarnessSession, type HarnessSession } from '../harness/harnessSession';
import { workbenchUrl } from '../harness/workbenchUrl';
import { integrationEnvironment, integrationSettings } from '../integration/integrationSetup';
import { WorkbenchPage } from './workbenchPage';

/** Where screenshots go (git-ignored); CI can keep the folder as an artifact. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** A browser on a VS Code that has AMI Explorer loaded and pointed at the emulator. */
export interface E2eSession {
  readonly workbench: WorkbenchPage;
  readonly emulator: RunningEc2Emulator;
  /** Saves a screenshot of the whole window as test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<void>;
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
