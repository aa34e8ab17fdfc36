import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { bundleExtensionTests } from './bundleExtensionTests';
import { startHarnessSession, type HarnessSessionOptions } from './harnessSession';
import {
  RESULTS_FILE_VARIABLE,
  GREP_VARIABLE,
  readTestResults,
  type TestResults,
} from './testResults';
import { workbenchUrl } from './workbenchUrl';

/** One suite run inside a real extension host. */
export interface ExtensionHostTestOptions extends Omit<HarnessSessionOptions, 'log'> {
  /** Folder of the extension under test (with its package.json); omit to test installed ones. */
  readonly extensionDir?: string;
  /** The suite's *.test.ts files; bundled together with the runner. */
  readonly testFiles: readonly string[];
  /** Where the bundles go; must be inside the repository so `mocha` resolves from there. */
  readonly outDir: string;
  /** Folder opened as the workspace. */
  readonly workspaceFolder?: string;
  /** Only run tests whose full title matches (mocha --grep). */
  readonly grep?: string;
  /** Where to save the workbench's and extension host's logs; not saved when omitted. */
  readonly artifactsDir?: string;
  /** Guards against a hung run; not a speed check. */
  readonly timeoutMs?: number;
  /** Receives the harness's progress lines and the extension host's console output. */
  readonly log?: (line: string) => void;
}

/** The verdict and the numbers of a run. */
export interface ExtensionHostTestRun {
  readonly results: TestResults;
  /** What the workbench passed to codeAutomationExit (0 even for many failures; see README). */
  readonly workbenchExitCode: number | undefined;
  /** From opening the workbench URL to the runner's first console line. */
  readonly msToFirstLog: number | undefined;
  /** From opening the workbench URL to the end of the run. */
  readonly msTotal: number;
  readonly peakRssBytes: number;
}

/** A workbench log file as handed to codeAutomationExit. */
interface WorkbenchLog {
  readonly relativePath: string;
  readonly contents: string;
}

/**
 * Starts code-server and a headless browser, lets the workbench run the bundled suite in the
 * extension host, and returns the results written by the runner. Everything started is stopped
 * before this returns or throws.
 */
export async function runExtensionHostTests(
  options: ExtensionHostTestOptions,
): Promise<ExtensionHostTestRun> {
  const log = options.log ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const bundles = await bundleExtensionTests(options.testFiles, options.outDir);
  // The results file lives beside the bundles, outside the run folder that cleanup deletes.
  const resultsFile = join(options.outDir, 'results.json');
  const session = await startHarnessSession({
    ...options,
    log,
    env: {
      ...options.env,
      [RESULTS_FILE_VARIABLE]: resultsFile,
      ...(options.grep !== undefined ? { [GREP_VARIABLE]: options.grep } : {}),
    },
  });
  let workbenchExitCode: number | undefined;
  let msToFirstLog: number | undefined;
  let started = Date.now();
  let msTotal = 0;
  let peakRssBytes = 0;
  try {
    const { page } = await session.browser();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number, logs?: WorkbenchLog[]) => {
        saveWorkbenchLogs(options.artifactsDir, logs);
        resolve(code);
      });
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      msToFirstLog ??= Date.now() - started;
      log(formatLogArgs(args));
    });
    const crashed = new Promise<never>((_, reject) => {
      page.once('crash', () => reject(new Error('the workbench page crashed')));
    });
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the test run did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    started = Date.now();
    await page.goto(
      workbenchUrl({
        serverUrl: session.server.url,
        folder: options.workspaceFolder,
        extensionDevelopmentPath: options.extensionDir,
        extensionTestsPath: bundles.runnerPath,
      }),
    );
    try {
      workbenchExitCode = await Promise.race([exited, crashed, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    msTotal = Date.now() - started;
    ({ peakRssBytes } = await session.dispose());
  }
  return {
    results: readTestResults(resultsFile),
    workbenchExitCode,
    msToFirstLog,
    msTotal,
    peakRssBytes,
  };
}

function formatLogArgs(args: unknown): string {
  // The extension host forwards console.* arguments unformatted ("%s (%dms)", title, ms).
  return Array.isArray(args) ? format(...(args as unknown[])) : String(args);
}

function saveWorkbenchLogs(dir: string | undefined, logs: WorkbenchLog[] | undefined): void {
  if (dir === undefined || !Array.isArray(logs)) {
    return;
  }
  for (const entry of logs) {
    const file = join(dir, 'logs', entry.relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.contents);
  }
}
