import { randomBytes } from 'node:crypto';
import { CleanupStack } from './cleanupStack';
import { ensureCodeServerInstalled } from './codeServerInstall';
import { launchBrowser, type HarnessBrowser } from './launchBrowser';
import { killMarkedProcesses } from './markedProcesses';
import { startMemorySampler } from './memorySampler';
import { createRunFolder, removeRunFolder } from './runFolder';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './startCodeServer';

/** Options of a session: those of code-server minus what the session owns. */
export type HarnessSessionOptions = Omit<CodeServerOptions, 'runFolder' | 'marker'> & {
  /** Progress lines of the harness itself. */
  readonly log?: (line: string) => void;
  /** Keep the run folder (profile, logs) after the session, for debugging. */
  readonly keepRunFolder?: boolean;
};

/**
 * One code-server (and, on demand, one browser) in a throw-away run folder. Everything it
 * starts is undone by `dispose()`, by Ctrl+C/SIGTERM, and, as a last resort, on process exit.
 */
export interface HarnessSession {
  readonly runFolder: string;
  readonly server: CodeServer;
  /** Launches the browser (once) and returns it. */
  browser(): Promise<HarnessBrowser>;
  /** Registers an extra undo step (e.g. stopping an emulator) to run with the session's. */
  defer(name: string, run: () => Promise<void> | void): void;
  /** Stops everything; returns the peak summed RSS of the session's processes in bytes. */
  dispose(): Promise<{ peakRssBytes: number }>;
}

/** Installs code-server if needed and starts a session. */
export async function startHarnessSession(
  options: HarnessSessionOptions = {},
): Promise<HarnessSession> {
  const log = options.log ?? ((): void => undefined);
  ensureCodeServerInstalled();
  const stack = new CleanupStack(log);
  const marker = randomBytes(8).toString('hex');
  const runFolder = createRunFolder();
  if (options.keepRunFolder !== true) {
    stack.defer('remove run folder', () => removeRunFolder(runFolder));
  } else {
    log(`keeping run folder ${runFolder}`);
  }
  // Runs after the orderly steps below (LIFO): whatever escaped its process group.
  stack.defer('sweep marked processes', () => {
    const killed = killMarkedProcesses(marker);
    if (killed > 0) {
      log(`killed ${killed} leftover process(es)`);
    }
  });
  stack.deferLastResort(() => killMarkedProcesses(marker));
  const memory = startMemorySampler(marker);
  let peakRssBytes = 0;
  stack.defer('stop memory sampler', () => {
    peakRssBytes = memory.stop();
  });

  try {
    const server = await startCodeServer({ ...options, runFolder, marker });
    stack.defer('stop code-server', () => server.close());
    stack.deferLastResort(() => server.killNow());
    log(`code-server ${server.url} (pid ${server.pid}, run folder ${runFolder})`);

    let browser: Promise<HarnessBrowser> | undefined;
    return {
      runFolder,
      server,
      browser(): Promise<HarnessBrowser> {
        browser ??= launchBrowser({ runFolder, marker }).then((launched) => {
          stack.defer('close browser', () => launched.close());
          return launched;
        });
        return browser;
      },
      defer: (name, run) => stack.defer(name, run),
      async dispose(): Promise<{ peakRssBytes: number }> {
        await stack.dispose();
        return { peakRssBytes };
      },
    };
  } catch (error) {
    await stack.dispose();
    throw error;
  }
}
