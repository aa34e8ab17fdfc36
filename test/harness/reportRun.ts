import type { ExtensionHostTestRun } from './runExtensionHostTests';

/**
 * Prints the failures and the run's numbers, ending with the plain "N passed, N failed" line
 * that CI reads, and returns the process exit code (non-zero on any failure).
 */
export function reportRun(name: string, run: ExtensionHostTestRun): number {
  const { results } = run;
  for (const test of results.tests.filter((t) => t.state === 'failed')) {
    process.stdout.write(`\nFAILED: ${test.title}\n${test.error ?? ''}\n`);
  }
  const seconds = (ms: number | undefined): string =>
    ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`;
  process.stdout.write(
    `\n${name}: first extension-host output after ${seconds(run.msToFirstLog)}, ` +
      `run ${seconds(run.msTotal)}, peak RSS of code-server + Chromium ` +
      `${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB\n`,
  );
  process.stdout.write(
    `${name}: ${results.passes} passed, ${results.failures} failed` +
      (results.pending > 0 ? `, ${results.pending} skipped` : '') +
      '\n',
  );
  return results.failures > 0 ? 1 : 0;
}
