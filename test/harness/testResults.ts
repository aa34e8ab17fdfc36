import { readFileSync } from 'node:fs';

/** One test (or failed hook) as the extension-host runner saw it. */
export interface TestOutcome {
  /** Full title: suite titles and the test title joined by spaces. */
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  /** Message and stack of the failure. */
  readonly error?: string;
}

/**
 * What the runner inside the extension host writes to the results file. The file, not the
 * workbench's exit code, is the verdict: code-server reports exit code 0 even when the runner
 * fails, so a missing or unreadable file counts as a failed run.
 */
export interface TestResults {
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  readonly tests: readonly TestOutcome[];
}

/** Environment variable through which the harness tells the runner where to write results. */
export const RESULTS_FILE_VARIABLE = 'AMI_HARNESS_RESULTS_FILE';
/** Optional mocha --grep for the runner. */
export const GREP_VARIABLE = 'AMI_HARNESS_GREP';

/** Reads and checks a results file; a missing or malformed file becomes one failed outcome. */
export function readTestResults(file: string): TestResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return failedRun('the test runner wrote no results file (it did not run or crashed)');
  }
  return parseTestResults(text);
}

/** Parses the results JSON; anything malformed becomes one failed outcome. */
export function parseTestResults(text: string): TestResults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failedRun('the results file is not JSON');
  }
  if (!isTestResults(value)) {
    return failedRun('the results file does not have the expected shape');
  }
  if (value.passes + value.failures === 0) {
    // A run that executed nothing must not look green.
    return failedRun('the test runner ran no test');
  }
  return value;
}

function failedRun(reason: string): TestResults {
  return {
    passes: 0,
    failures: 1,
    pending: 0,
    tests: [{ title: 'extension host test run', state: 'failed', error: reason }],
  };
}

function isTestResults(value: unknown): value is TestResults {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return (
    isCount(record.passes) &&
    isCount(record.failures) &&
    isCount(record.pending) &&
    Array.isArray(record.tests) &&
    record.tests.every(isTestOutcome)
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isTestOutcome(value: unknown): value is TestOutcome {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return (
    typeof record.title === 'string' &&
    (record.state === 'passed' || record.state === 'failed' || record.state === 'pending') &&
    (record.error === undefined || typeof record.error === 'string')
  );
}
