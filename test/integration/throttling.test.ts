import * as assert from 'node:assert/strict';
import { amiExplorer } from './extensionUnderTest';
import { REQUEST_LIMIT_EXCEEDED } from './recordingEndpoint';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { childNamed, render, renderChildren } from './renderedTree';

/** The SDK's attempts per call as the extension configures it (settings.ts: maxAttempts). */
const ATTEMPTS = 5;

describe('A throttled region', function () {
  // Bounded by the SDK's five attempts with its throttling backoff, not by a timer of ours.
  this.timeout(60_000);
  const endpoint = routeThroughRecordingEndpoint();
  afterEach(() => endpoint().clearFailures());

  it('still loads when EC2 throttles a few attempts: the SDK retries', async () => {
    const { imagesTree } = await amiExplorer();
    endpoint().failNext('DescribeImages', 'eu-west-1', 2, REQUEST_LIMIT_EXCEEDED);
    endpoint().clear();
    imagesTree.refresh();

    const region = await childNamed(imagesTree, undefined, 'eu-west-1');
    const groups = await renderChildren(imagesTree, region.node);
    assert.deepEqual(
      groups.map((g) => g.label),
      ['EBS-backed', 'Instance store-backed'],
    );
    assert.match((await render(imagesTree, region.node)).description ?? '', /^\d+ AMIs$/);
    assert.deepEqual(
      endpoint()
        .calls({ action: 'DescribeImages', region: 'eu-west-1' })
        .map((c) => c.status),
      [503, 503, 200],
      'two throttled attempts, then the one that got through',
    );
  });

  it('shows the throttling sentence when every attempt is throttled; other regions load', async () => {
    const { imagesTree } = await amiExplorer();
    endpoint().failNext(
      'DescribeImages',
      'eu-west-1',
      Number.MAX_SAFE_INTEGER,
      REQUEST_LIMIT_EXCEEDED,
    );
    endpoint().clear();
    imagesTree.refresh();

    const region = await childNamed(imagesTree, undefined, 'eu-west-1');
    const children = await renderChildren(imagesTree, region.node);
    assert.deepEqual(
      children.map((c) => c.label),
      [
        'EC2 is throttling requests in eu-west-1 and retries did not get through. ' +
          'Wait a minute and refresh.',
      ],
    );
    assert.match(children[0]?.contextValue ?? '', /\berror\b/);
    assert.match(children[0]?.tooltip ?? '', /Error code: `RequestLimitExceeded`/);
    assert.equal((await render(imagesTree, region.node)).description, 'failed to load');
    assert.equal(
      endpoint().calls({ action: 'DescribeImages', region: 'eu-west-1' }).length,
      ATTEMPTS,
      'the SDK gave up after its attempts',
    );

    const healthy = await childNamed(imagesTree, undefined, 'us-east-1');
    assert.deepEqual(
      (await renderChildren(imagesTree, healthy.node)).map((g) => g.label),
      ['EBS-backed', 'Instance store-backed', 'Recycle Bin'],
    );
  });
});
