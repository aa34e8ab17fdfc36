import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './codeServerInstall';

// End-to-end self-test of the harness: the fixture suite really runs in code-server.
describe('harness self-test with the fixture extension (real code-server + Chromium)', () => {
  it('runs the fixture suite green and exits 0', async () => {
    const run = await runFixtureCli([]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^harness fixture: 3 passed, 0 failed$/m);
    assertNothingLeft(run.output);
  });

  it('exits non-zero when a test inside the extension host fails', async () => {
    const run = await runFixtureCli(['--with-failure']);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /^harness fixture: 3 passed, 1 failed$/m);
    assert.match(run.output, /FAILED: harness fixture, deliberate failure fails on purpose/);
    assertNothingLeft(run.output);
  });

  it('stops code-server and Chromium on Ctrl+C', async () => {
    // SIGINT once the extension host is up, i.e. while server and browser both run.
    const run = await runFixtureCli(['--with-failure'], /renderer-ExtensionHost.*successful/);
    assert.match(run.output, /SIGINT: stopping everything/);
    assert.equal(run.code, 130, run.output);
    assertNothingLeft(run.output);
  });
});

interface CliRun {
  readonly code: number | null;
  readonly output: string;
}

function runFixtureCli(args: string[], interruptWhen?: RegExp): Promise<CliRun> {
  return new Promise((resolve) => {
    // tsx's own CLI forwards signals to a child process; run the loader in-process instead so
    // that the SIGINT reaches the harness exactly once, as a terminal's Ctrl+C does.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'runFixtureSuite.ts'), ...args],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let interrupted = false;
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (interruptWhen !== undefined && !interrupted && interruptWhen.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The run folder named in the output is gone and no process still uses it. */
function assertNothingLeft(output: string): void {
  const runFolder = /run folder (\S+)\)/.exec(output)?.[1];
  assert.ok(runFolder !== undefined, 'the harness names its run folder');
  assert.equal(existsSync(runFolder), false, `${runFolder} was removed`);
  const users = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(runFolder);
      } catch {
        return false;
      }
    });
  assert.deepEqual(users, [], 'no process still runs from the run folder');
}
