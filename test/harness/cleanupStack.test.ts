import * as assert from 'node:assert/strict';
import { CleanupStack } from './cleanupStack';

describe('CleanupStack', () => {
  it('undoes in reverse order and goes on after a failing step', async () => {
    const order: string[] = [];
    const logged: string[] = [];
    const stack = new CleanupStack((line) => logged.push(line));
    stack.defer('first', () => void order.push('first'));
    stack.defer('broken', () => {
      throw new Error('boom');
    });
    stack.defer('last', async () => {
      await Promise.resolve();
      order.push('last');
    });
    stack.deferLastResort(() => order.push('last resort'));
    await stack.dispose();
    assert.deepEqual(order, ['last', 'first', 'last resort']);
    assert.deepEqual(logged, ['cleanup "broken" failed: Error: boom']);
  });

  it('runs its steps only once however often it is disposed', async () => {
    let runs = 0;
    const stack = new CleanupStack();
    stack.defer('count', () => void runs++);
    await Promise.all([stack.dispose(), stack.dispose()]);
    await stack.dispose();
    assert.equal(runs, 1);
  });
});
