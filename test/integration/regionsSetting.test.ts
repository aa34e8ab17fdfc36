import * as assert from 'node:assert/strict';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, render, renderChildren } from './renderedTree';
import { setSettings } from './userSettings';

// af-south-1 is an opt-in region the demo account has not enabled; EC2 (and the emulator)
// answers every call there with AuthFailure.
describe('amiExplorer.regions naming a region that is not opted in', () => {
  let restore: (() => Promise<void>) | undefined;
  before(async () => {
    restore = await setSettings({ regions: ['us-east-1', 'af-south-1'] });
  });
  after(async () => {
    await restore?.();
    // Back to the regions enabled for the account.
    const { imagesTree } = await amiExplorer();
    await eventually(async () =>
      assert.equal((await renderChildren(imagesTree)).length, 3, 'default regions again'),
    );
  });

  it('lists exactly those regions: af-south-1 shown as not enabled, the AMIs of us-east-1', async () => {
    const { imagesTree } = await amiExplorer();
    const roots = await eventually(async () => {
      const rendered = await renderChildren(imagesTree);
      assert.deepEqual(
        rendered.map((r) => r.label),
        ['af-south-1', 'us-east-1'],
      );
      // Until DescribeRegions has told, af-south-1 shows "checking opt-in status…".
      assert.equal(rendered[0]?.description, 'not enabled');
      return rendered;
    });

    const optIn = roots[0];
    assert.ok(optIn);
    assert.equal(optIn.description, 'not enabled');
    assert.equal(optIn.icon?.id, 'circle-slash');
    assert.equal(optIn.contextValue, 'notEnabledRegion');
    const children = await renderChildren(imagesTree, optIn.node);
    assert.deepEqual(
      children.map((c) => [c.label, c.icon?.id]),
      [['af-south-1 is an opt-in region that is not enabled for this account.', 'info']],
    );
    assert.ok(!children[0]?.contextValue?.includes('error'), 'not an error');

    const usEast1 = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, usEast1.node, 'EBS-backed');
    const images = (await renderChildren(imagesTree, ebs.node)).map((i) => i.label);
    assert.ok(images.includes('web-server-2024.10.1'), images.join(', '));
    assert.match((await render(imagesTree, usEast1.node)).description ?? '', /^\d+ AMIs$/);
  });
});
