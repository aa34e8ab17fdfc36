import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTestResults, readTestResults } from './testResults';

describe('testResults', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'amih-results-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('counts a missing results file as a failed run', () => {
    const results = readTestResults(join(folder, 'missing.json'));
    assert.equal(results.failures, 1);
    assert.match(results.tests[0]?.error ?? '', /no results file/);
  });

  it('reads what the runner wrote', () => {
    const file = join(folder, 'results.json');
    const written = {
      passes: 1,
      failures: 1,
      pending: 0,
      tests: [
        { title: 'a works', state: 'passed' },
        { title: 'b works', state: 'failed', error: 'AssertionError: nope' },
      ],
    };
    writeFileSync(file, JSON.stringify(written));
    assert.deepEqual(readTestResults(file), written);
  });

  it('counts a run that executed no test as failed', () => {
    const results = parseTestResults('{"passes":0,"failures":0,"pending":2,"tests":[]}');
    assert.equal(results.failures, 1);
    assert.match(results.tests[0]?.error ?? '', /ran no test/);
  });

  it('counts malformed files as failed', () => {
    assert.equal(parseTestResults('not json').failures, 1);
    assert.equal(
      parseTestResults('{"passes":"3","failures":0,"pending":0,"tests":[]}').failures,
      1,
    );
    assert.equal(
      parseTestResults('{"passes":1,"failures":0,"pending":0,"tests":[{"title":1}]}').failures,
      1,
    );
  });
});
