import assert from 'node:assert/strict';
import { eachPage } from '../../../../src/core/aws/ec2Caller';

describe('core/aws/ec2Caller eachPage', () => {
  it('follows NextToken to the last page, passing each token to the next request', async () => {
    const pages: Record<string, { items: number[]; NextToken?: string }> = {
      first: { items: [1, 2], NextToken: 't1' },
      t1: { items: [3], NextToken: 't2' },
      t2: { items: [4] },
    };
    const asked: (string | undefined)[] = [];
    const items: number[] = [];
    await eachPage(
      undefined,
      (token) => {
        asked.push(token);
        return Promise.resolve(pages[token ?? 'first'] ?? { items: [] });
      },
      (page) => items.push(...page.items),
    );
    assert.deepEqual(asked, [undefined, 't1', 't2']);
    assert.deepEqual(items, [1, 2, 3, 4]);
  });

  it('stops with CancelledError before the next page once the signal fires', async () => {
    const controller = new AbortController();
    let requests = 0;
    await assert.rejects(
      eachPage(
        controller.signal,
        () => {
          requests++;
          controller.abort();
          return Promise.resolve({ NextToken: 'more' });
        },
        () => undefined,
      ),
      { name: 'CancelledError' },
    );
    assert.equal(requests, 1);
  });
});
