import assert from 'node:assert/strict';
import { debouncedCheck } from '../../../src/ui/debouncedCheck';

/** A sleep the test releases by hand, to interleave keystrokes deterministically. */
function manualSleep(): { sleep: () => Promise<void>; release: () => void } {
  const waiting: (() => void)[] = [];
  return {
    sleep: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('ui/debouncedCheck', () => {
  it('checks only the last value typed; superseded values answer undefined without a call', async () => {
    const asked: string[] = [];
    const clock = manualSleep();
    const check = debouncedCheck(
      (v) => {
        asked.push(v);
        return Promise.resolve(v === 'web' ? 'taken' : undefined);
      },
      300,
      clock.sleep,
    );
    const first = check('we');
    const second = check('web');
    clock.release();
    assert.equal(await first, undefined);
    assert.equal(await second, 'taken');
    assert.deepEqual(asked, ['web']);
  });

  it('answers a value it already checked from its cache, without waiting', async () => {
    let calls = 0;
    const check = debouncedCheck(
      () => {
        calls++;
        return Promise.resolve('taken');
      },
      0,
      () => Promise.resolve(),
    );
    assert.equal(await check('web'), 'taken');
    assert.equal(await check('web'), 'taken');
    assert.equal(calls, 1);
  });

  it('a failing check is no objection (the operation checks again before it changes anything)', async () => {
    const check = debouncedCheck(
      () => Promise.reject(new Error('offline')),
      0,
      () => Promise.resolve(),
    );
    assert.equal(await check('web'), undefined);
  });
});
