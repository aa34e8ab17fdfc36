import * as assert from 'node:assert/strict';
import { killProcessGroup, processGroupAlive, spawnProcessGroup } from './processGroup';

describe('processGroup', () => {
  it('stops a command and the children it forked', async () => {
    // The shell's background child would be orphaned if only the shell were killed.
    const child = spawnProcessGroup('sh', ['-c', 'sleep 300 & sleep 300'], { stdio: 'ignore' });
    assert.equal(processGroupAlive(child.pid), true);
    await killProcessGroup(child.pid);
    assert.equal(processGroupAlive(child.pid), false);
  });

  it('forces a group that ignores SIGTERM', async () => {
    const child = spawnProcessGroup(
      'sh',
      ['-c', 'trap "" TERM; echo ready; sleep 300 & sleep 300'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // Signal only once the shell ignores SIGTERM, or the test would not test the escalation.
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await killProcessGroup(child.pid, 300);
    assert.equal(await exit, 'SIGKILL');
    assert.equal(processGroupAlive(child.pid), false);
  });
});
