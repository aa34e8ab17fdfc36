/**
 * Activation benchmark (not a test): AMI Explorer's activation time as VS Code itself measures and
 * shows it, in code-server 4.100.3 (VS Code 1.100.3) with the local EC2 endpoint and the demo data.
 *
 *   npm run bench:activation [-- [--runs 5] [--production]]
 *
 * Which build it measures (the output says so):
 *   - by default dist/ as built (`npm run build`: a development build, unless dist/ was built with
 *     --production), loaded from the repository as the extension under development;
 *   - with --production, what users get: a production build (`scripts/build.mjs --production`,
 *     made in a staging copy so dist/ is left alone) packaged into a .vsix and installed into the
 *     run's extensions folder, so VS Code loads it as an installed extension in production mode.
 *
 * Each run reloads the window (Developer: Reload Window) with no AMI Explorer view, editor or panel
 * to restore, then, as soon as the window is usable, opens the AMI Explorer view from the activity
 * bar, which activates the extension (onView:amiExplorer.images), and waits for the Images tree to
 * show its rows. The activation so shares the machine with the window's own start, as when a user
 * opens the view right after VS Code: on a 2-core machine that is most of the spread. It then reads
 * what the extension host reported to VS Code for this activation (IExtensionService's activation
 * times):
 *   - "Developer: Show Running Extensions" shows `Activation: N ms` = load code + call activate;
 *   - "Developer: Startup Performance" has the parts, in its Extension Activation Stats table:
 *       load code: from just before VS Code loads the entry point, dist/boot.js, until require()
 *         returns (boot.js is a 2 KB loader); it also counts the extension host's own preparation and whatever other work it ran in
 *         between (other extensions activating at the same moment);
 *       call activate: the synchronous part of activate(): boot.js loading dist/extension.js (all
 *         of our code) from V8's code cache, which an earlier start wrote 5 s after activating (the
 *         first window so compiles from source and writes it; each reload then uses it), and our
 *         activate();
 *       finish activate: from activate() returning until the value it returned has resolved;
 *   - and, from the same document's raw perf marks of the extension host, the require() alone:
 *     code/extHost/willLoadExtensionCode → didLoadExtensionCode for this extension. The extension
 *     host hands its marks to the window once, when it considers startup finished: an activation
 *     after that has none (n/a).
 * The first window, the one load that is not a reload, is printed but left out of the summary.
 * Nothing fails on a threshold.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2eSession } from '../test/e2e/e2eSession';
import type { WorkbenchPage } from '../test/e2e/workbenchPage';
import { REPO_ROOT } from '../test/harness/codeServerInstall';
import { packageExtension, packagedTopLevelEntries } from '../test/harness/packageExtension';

const EXTENSION_ID = 'ami-explorer.ami-explorer';
const DEFAULT_RUNS = 5;

/** One activation, in milliseconds, as VS Code reported it. */
interface Sample {
  readonly label: string;
  /** The activation event VS Code recorded. */
  readonly event: string;
  /** `Activation: N ms` in the Running Extensions editor. */
  readonly shown: number;
  readonly loadCode: number;
  readonly callActivate: number;
  readonly finishActivate: number;
  /** require() of the entry point (dist/boot.js) alone, from the extension host's perf marks. */
  readonly requireOnly: number | undefined;
}

async function main(): Promise<void> {
  const runs = runsOption();
  const production = process.argv.includes('--production');
  if (!production && !existsSync(join(REPO_ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run npm run build first');
  }
  const staging = mkdtempSync(join(tmpdir(), 'amib-'));
  try {
    const build = production ? await buildProductionVsix(staging) : undefined;
    const measured = build?.description ?? describeDist();
    process.stdout.write(`measuring ${measured}\n`);
    await bench(runs, measured, build === undefined ? {} : { vsix: build.vsix });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function bench(
  runs: number,
  measured: string,
  options: { readonly vsix?: string },
): Promise<void> {
  const session = await startE2eSession(options);
  try {
    const { workbench } = session;
    // Copying the Startup Performance document is how its text is read.
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const samples: Sample[] = [await measure(workbench, 'first window')];
    for (let run = 1; run <= runs; run++) {
      await reloadWithNothingToRestore(workbench);
      samples.push(await measure(workbench, `reload ${run}`));
    }
    report(measured, samples[0], samples.slice(1));
  } finally {
    await session.dispose();
  }
}

/** What dist/ holds: `npm run build` links a source map, the production build has none. */
function describeDist(): string {
  const file = join(REPO_ROOT, 'dist', 'extension.js');
  const kind = /\/\/# sourceMappingURL=/.test(readFileSync(file, 'utf8'))
    ? 'development'
    : 'production';
  return `dist/ as built (${kind} build, ${kib(statSync(file).size)}), as the extension under development`;
}

/**
 * Builds for production in a copy of the sources (dist/ stays as it is) and packages that build
 * as publishing would, without running vscode:prepublish again.
 */
async function buildProductionVsix(
  staging: string,
): Promise<{ vsix: string; description: string }> {
  const source = join(staging, 'source');
  // What the build needs, and what the package ships besides dist/ (as .vscodeignore lets it in:
  // media, l10n, package.nls.json, the docs…), so a new shipped file needs no change here.
  const shipped = packagedTopLevelEntries(readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8'));
  for (const entry of [
    'src',
    'scripts',
    'package.json',
    'tsconfig.json',
    '.vscodeignore',
    ...shipped.filter((e) => e !== 'dist'),
  ]) {
    cpSync(join(REPO_ROOT, entry), join(source, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], {
    cwd: source,
    stdio: 'ignore',
  });
  const size = statSync(join(source, 'dist', 'extension.js')).size;
  return {
    vsix: await packageExtension(source, join(staging, 'ami-explorer.vsix')),
    description: `a production build (scripts/build.mjs --production, ${kib(size)}), installed from a .vsix`,
  };
}

function kib(bytes: number): string {
  return `dist/extension.js ${(bytes / 1024).toFixed(0)} KiB`;
}

/** Opens the view (activating the extension) and reads VS Code's numbers for that activation. */
async function measure(workbench: WorkbenchPage, label: string): Promise<Sample> {
  await workbench.openActivity('AMI Explorer');
  await workbench.rows('Images').first().waitFor({ timeout: 60_000 });
  const shown = await runningExtensionsActivation(workbench);
  const perf = await startupPerformance(workbench);
  const row = extensionStatsRow(perf);
  const mark = (name: string): number | undefined => {
    const line = perf
      .split('\n')
      .find((l) => l.startsWith(`code/extHost/${name}/${EXTENSION_ID}\t`));
    return line === undefined ? undefined : Number(line.split('\t')[1]);
  };
  const willLoad = mark('willLoadExtensionCode');
  const didLoad = mark('didLoadExtensionCode');
  const sample: Sample = {
    label,
    ...row,
    shown,
    requireOnly: willLoad !== undefined && didLoad !== undefined ? didLoad - willLoad : undefined,
  };
  if (sample.shown !== sample.loadCode + sample.callActivate) {
    process.stdout.write(
      `  note: ${label}: Running Extensions shows ${sample.shown} ms, the stats table adds up to ` +
        `${sample.loadCode + sample.callActivate} ms\n`,
    );
  }
  await workbench.runCommand('View: Close All Editors');
  return sample;
}

/** The `Activation: N ms` of AMI Explorer in "Developer: Show Running Extensions". */
async function runningExtensionsActivation(workbench: WorkbenchPage): Promise<number> {
  const { page } = workbench;
  await workbench.runCommand('Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({
    has: page.locator('.name', { hasText: new RegExp(`^(${EXTENSION_ID}|AMI Explorer)$`) }),
  });
  const time = row.locator('.activation-time', { hasText: /Activation: \d+ms/ });
  await time.waitFor({ timeout: 30_000 });
  const text = await time.innerText();
  const ms = /Activation: (\d+)ms/.exec(text)?.[1];
  if (ms === undefined) throw new Error(`unexpected activation text: ${text}`);
  return Number(ms);
}

/**
 * The text of "Developer: Startup Performance" once its activation table lists AMI Explorer. The
 * document is read-only and its model lives in the workbench, so it is selected and copied.
 */
async function startupPerformance(workbench: WorkbenchPage): Promise<string> {
  const { page } = workbench;
  await workbench.runCommand('Developer: Startup Performance');
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  await lines.waitFor();
  const deadline = Date.now() + 30_000;
  for (;;) {
    await lines.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    // An expression, not a function: this project compiles without the DOM's types.
    const text = await page.evaluate<string>('navigator.clipboard.readText()');
    if (text.split('\n').some((line) => line.startsWith(`| ${EXTENSION_ID} `))) return text;
    // The document says "Loading..." until the workbench has finished starting.
    if (Date.now() > deadline) {
      throw new Error(`Startup Performance never listed ${EXTENSION_ID}:\n${text.slice(0, 500)}`);
    }
    await page.waitForTimeout(250);
  }
}

/** AMI Explorer's row of the Extension Activation Stats table. */
function extensionStatsRow(
  perf: string,
): Pick<Sample, 'event' | 'loadCode' | 'callActivate' | 'finishActivate'> {
  const line = perf.split('\n').find((l) => l.startsWith(`| ${EXTENSION_ID} `)) ?? '';
  // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
  const cells = line.split('|').map((cell) => cell.trim());
  const [, , , loadCode, callActivate, finishActivate, event] = cells;
  const number = (text: string | undefined, what: string): number => {
    const value = Number(text);
    if (text === undefined || text === '' || !Number.isFinite(value)) {
      throw new Error(`no ${what} in the activation stats row: ${line}`);
    }
    return value;
  };
  return {
    event: event ?? '?',
    loadCode: number(loadCode, 'load code'),
    callActivate: number(callActivate, 'call activate'),
    finishActivate: number(finishActivate, 'finish activate'),
  };
}

/**
 * Reloads the window so the next run starts with AMI Explorer inactive: no editor of its own, no
 * panel and not its view, so nothing activates it before the view is opened.
 */
async function reloadWithNothingToRestore(workbench: WorkbenchPage): Promise<void> {
  const { page } = workbench;
  await workbench.runCommand('View: Close All Editors');
  await workbench.openActivity('Explorer');
  // The reload's own navigation: checking readiness right away would find the old page.
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  await workbench.runCommand('Developer: Reload Window');
  await loaded;
  await workbench.waitUntilReady();
}

function report(measured: string, first: Sample | undefined, runs: readonly Sample[]): void {
  const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value} ms`);
  const header = [
    'run'.padEnd(14),
    'activation event'.padEnd(27),
    'Running Ext.'.padStart(12),
    'load code'.padStart(10),
    'call activate'.padStart(14),
    'finish activate'.padStart(16),
    'require()'.padStart(10),
  ].join(' ');
  const line = (s: Sample): string =>
    [
      s.label.padEnd(14),
      s.event.padEnd(27),
      ms(s.shown).padStart(12),
      ms(s.loadCode).padStart(10),
      ms(s.callActivate).padStart(14),
      ms(s.finishActivate).padStart(16),
      ms(s.requireOnly).padStart(10),
    ].join(' ');
  process.stdout.write(
    `\nAMI Explorer activation as VS Code measures it (code-server 4.100.3 = VS Code 1.100.3)\n` +
      `of ${measured}\n\n` +
      `${header}\n` +
      (first ? `${line(first)}   (first load, not in the summary)\n` : '') +
      runs.map((s) => `${line(s)}\n`).join(''),
  );
  const stats = (values: readonly (number | undefined)[]): string => {
    const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    if (known.length === 0) return 'n/a';
    const median = known[Math.floor((known.length - 1) / 2)] ?? 0;
    return `${known[0] ?? 0} / ${median} / ${known[known.length - 1] ?? 0} ms`;
  };
  process.stdout.write(
    `\nover ${runs.length} window reloads, min / median / max:\n` +
      `  activation shown by Running Extensions (load code + call activate)  ${stats(runs.map((s) => s.shown))}\n` +
      `    load code                                                         ${stats(runs.map((s) => s.loadCode))}\n` +
      `    call activate                                                     ${stats(runs.map((s) => s.callActivate))}\n` +
      `  finish activate (activate's result resolving)                       ${stats(runs.map((s) => s.finishActivate))}\n` +
      `  require(dist/boot.js) alone, extension host perf marks              ${stats(runs.map((s) => s.requireOnly))}\n`,
  );
}

function runsOption(): number {
  const index = process.argv.indexOf('--runs');
  if (index < 0) return DEFAULT_RUNS;
  const runs = Number(process.argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs needs a whole number of at least 1, got ${process.argv[index + 1]}`);
  }
  return runs;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
