import assert from 'node:assert/strict';
import { ConcurrencyLimiter } from '../../../../src/core/services/concurrency';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('core/services/concurrency ConcurrencyLimiter', () => {
  it('refuses a limit below 1 or not an integer', () => {
    assert.throws(() => new ConcurrencyLimiter(0), RangeError);
    assert.throws(() => new ConcurrencyLimiter(1.5), RangeError);
    assert.throws(() => new ConcurrencyLimiter(Number.NaN), RangeError);
  });

  it('never runs more than N tasks at once, and starts waiting tasks in order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const results = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await gate.promise;
        running--;
        return i * 10;
      }),
    );

    await flush();
    assert.deepEqual(started, [0, 1]);
    gates[1]?.resolve();
    await flush();
    assert.deepEqual(started, [0, 1, 2]);
    gates[0]?.resolve();
    await flush();
    assert.deepEqual(started, [0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();

    assert.deepEqual(await Promise.all(results), [0, 10, 20, 30, 40]);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(maxRunning, 2);
  });

  it('releases the slot when a task fails, and passes the error to its caller', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const failing = limiter.run(() => Promise.reject(new Error('region failed')));
    const next = limiter.run(() => Promise.resolve('next ran'));
    await assert.rejects(failing, { message: 'region failed' });
    assert.equal(await next, 'next ran');
    // The slot is free again: a new task starts at once.
    let started = false;
    const last = limiter.run(() => {
      started = true;
      return Promise.resolve(1);
    });
    await flush();
    assert.equal(started, true);
    assert.equal(await last, 1);
  });

  it('releases the slot when a task throws synchronously', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await assert.rejects(
      limiter.run(() => {
        throw new Error('sync');
      }),
      { message: 'sync' },
    );
    assert.equal(await limiter.run(() => Promise.resolve('ok')), 'ok');
  });
});
