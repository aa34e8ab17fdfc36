import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  findMarkedProcesses,
  HARNESS_MARKER_VARIABLE,
  killMarkedProcesses,
} from './markedProcesses';

describe('markedProcesses', () => {
  it('finds and kills a marked process that left its process group', async () => {
    const marker = randomBytes(8).toString('hex');
    // setsid puts the sleeper outside any group the harness could signal.
    const child = spawn('setsid', ['sleep', '300'], {
      stdio: 'ignore',
      env: { ...process.env, [HARNESS_MARKER_VARIABLE]: marker },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitUntil(() => findMarkedProcesses(marker).length > 0);
    const [found] = findMarkedProcesses(marker);
    assert.match(found?.command ?? '', /sleep 300/);
    assert.ok((found?.rssBytes ?? 0) > 0);

    assert.equal(killMarkedProcesses(marker), 1);
    await exited;
    assert.deepEqual(findMarkedProcesses(marker), []);
  });

  it('ignores processes with another marker', () => {
    assert.deepEqual(findMarkedProcesses(randomBytes(8).toString('hex')), []);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
