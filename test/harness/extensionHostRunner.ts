// Runs INSIDE the VS Code extension host: the workbench `require`s the bundle of this file
// (extensionTestsPath) and awaits `run()`. It loads the bundled *.test.js files next to it.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import type { TestOutcome, TestResults } from './testResults';
import { GREP_VARIABLE, RESULTS_FILE_VARIABLE } from './testResults';

/** Entry point called by the extension host. Rejects when any test failed. */
export async function run(): Promise<void> {
  // The bundles carry inline source maps; with this, failure stacks name the .ts lines.
  process.setSourceMapsEnabled(true);
  const resultsFile = process.env[RESULTS_FILE_VARIABLE];
  if (resultsFile === undefined || resultsFile === '') {
    throw new Error(`${RESULTS_FILE_VARIABLE} is not set; start the tests through the harness`);
  }
  const mocha = new Mocha({
    ui: 'bdd',
    // Colour codes would reach the harness as raw escapes through codeAutomationLog.
    color: false,
    reporter: 'spec',
    // The tests talk to a real extension host and a local HTTP endpoint; a generous per-test
    // limit only turns a hang into a readable failure, it is not a speed check.
    timeout: 60_000,
  });
  const grep = process.env[GREP_VARIABLE];
  if (grep !== undefined && grep !== '') {
    mocha.grep(grep);
  }
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of testFiles) {
    mocha.addFile(join(__dirname, name));
  }

  const tests: TestOutcome[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, error: unknown) =>
      tests.push({ title: test.fullTitle(), state: 'failed', error: describeError(error) }),
    );
  });
  const results: TestResults = {
    passes: tests.filter((t) => t.state === 'passed').length,
    // Mocha's own count includes failed hooks, which abort the tests below them.
    failures: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
  };
  writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (results.failures > 0) {
    throw new Error(`${results.failures} test(s) failed`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}
