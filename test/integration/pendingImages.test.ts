import * as assert from 'node:assert/strict';
import { demoLongPendingMs } from '../ec2-emulator/seeds/demoSeed';
import { advanceEmulatorClock } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, render } from './renderedTree';

// The demo estate has one AMI that stays pending for ten minutes of emulator time.
describe('Pending AMIs', () => {
  it('turns into available in place when EC2 says so, without reloading the tree', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const pending = await childNamed(imagesTree, ebs.node, 'nightly-build-in-progress');
    const imageId = /^(ami-[0-9a-f]+) · pending$/.exec(pending.description ?? '')?.[1];
    assert.ok(imageId, `pending row: "${pending.description ?? ''}"`);
    assert.deepEqual(pending.icon, { id: 'loading~spin', color: undefined });
    assert.match(pending.contextValue ?? '', /\bpending\b/);

    const changed: unknown[] = [];
    const subscription = imagesTree.onDidChangeTreeData((node) => changed.push(node));
    try {
      // EC2 finishes the image; the poller (2 s, then 4 s… between rounds) must notice.
      await advanceEmulatorClock(demoLongPendingMs);
      const settled = await eventually(
        async () => {
          const row = await render(imagesTree, pending.node);
          assert.equal(row.description, `${imageId} · available`);
          return row;
        },
        { timeoutMs: 15_000, intervalMs: 200 },
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
});
