import * as assert from 'node:assert/strict';
import { demoLongPendingMs } from '../ec2-emulator/seeds/demoSeed';
import { addFault, advanceEmulatorClock, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, imageIdOf, render } from './renderedTree';
import { shortImageId } from '../../src/core/model/ami';
import { TestUserInput } from './testUserInput';

// The demo estate has one AMI that stays pending for ten minutes of emulator time.
describe('Pending AMIs', () => {
  it('turns into available in place when EC2 says so, without reloading the tree', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const pending = await childNamed(imagesTree, ebs.node, 'nightly-build-in-progress');
    const imageId = imageIdOf(pending);
    assert.ok(imageId, 'the tooltip shows the id');
    assert.equal(pending.description, `pending · ${shortImageId(imageId)}`);
    assert.deepEqual(pending.icon, { id: 'loading~spin', color: undefined });
    assert.match(pending.contextValue ?? '', /\bpending\b/);

    const changed: unknown[] = [];
    const subscription = imagesTree.onDidChangeTreeData((node) => changed.push(node));
    try {
      // EC2 finishes the image; the poller (2 s, then 4 s… up to 30 s between rounds) must notice.
      // It keeps its pace across reloads, and earlier suites have had this image polled for
      // minutes: the next round may be 30 s away.
      await advanceEmulatorClock(demoLongPendingMs);
      const settled = await eventually(
        async () => {
          const row = await render(imagesTree, pending.node);
          assert.equal(row.description, `available · ${shortImageId(imageId)}`);
          return row;
        },
        { timeoutMs: 40_000, intervalMs: 200 },
      );
      assert.deepEqual(settled.icon, { id: 'pass', color: 'testing.iconPassed' });
      assert.match(settled.contextValue ?? '', /\bavailable\b/);
      assert.doesNotMatch(settled.contextValue ?? '', /\bpending\b/);

      // Only the row was re-rendered: no full refresh, no region reload.
      assert.ok(changed.includes(pending.node), 'the image row was updated');
      assert.ok(!changed.includes(undefined), 'the tree was not refreshed as a whole');
      assert.ok(!changed.includes(region.node), 'the region was not reloaded');
      assert.equal(imagesTree.regionNode('us-east-1'), region.node);
      const again = await childNamed(imagesTree, ebs.node, 'nightly-build-in-progress');
      assert.equal(again.node, pending.node, 'the same node, updated in place');
    } finally {
      subscription.dispose();
    }
  });

  it('stops checking a region whose calls keep being refused, and says which AMI and why', async () => {
    const api = await amiExplorer();
    const input = new TestUserInput([]);
    const installed = api.useUserInput(input);
    // Every check of ap-southeast-2 is refused from now on, as with credentials revoked there.
    await addFault({
      region: 'ap-southeast-2',
      action: 'DescribeImages',
      error: {
        code: 'AuthFailure',
        message: 'AWS was not able to validate the provided access credentials',
        status: 401,
      },
    });
    try {
      const imageId = 'ami-0fa11ed0000000001';
      api.events.publish({
        kind: 'appeared',
        image: {
          imageId,
          region: 'ap-southeast-2',
          name: 'poll-gives-up',
          state: 'pending',
          rootDeviceType: 'ebs',
          isPublic: false,
          blockDevices: [],
          tags: [],
        },
      });
      // Rounds 2 s, 4 s and 8 s apart: the third refusal ends the polling.
      const [shown] = await eventually(
        () => {
          const found = input.shown(/^Stopped checking/);
          assert.equal(found.length, 1);
          return found;
        },
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      assert.equal(
        shown?.message,
        `Stopped checking the pending AMI ${imageId} in ap-southeast-2: AWS refused the credentials in ap-southeast-2. If this is an opt-in region, it may not be enabled for this account; otherwise check that the access key is valid and active. Refresh the region to check again.`,
      );
      assert.equal(shown?.severity, 'warning');
      input.assertDone();
    } finally {
      installed.dispose();
      await clearFaults();
    }
  });
});
