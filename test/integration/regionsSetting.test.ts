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

  it('lists exactly those regions: one error node for af-south-1, the AMIs of us-east-1', async () => {
    const { imagesTree } = await amiExplorer();
    const roots = await eventually(async () => {
      const rendered = await renderChildren(imagesTree);
      assert.deepEqual(
        rendered.map((r) => r.label),
        ['af-south-1', 'us-east-1'],
      );
      return rendered;
    });

    const optIn = roots[0];
    assert.ok(optIn);
    const children = await renderChildren(imagesTree, optIn.node);
    assert.equal(children.length, 1);
    const [error] = children;
    assert.equal(
      error?.label,
      'AWS refused the credentials in af-south-1. If this is an opt-in region, it may not be ' +
        'enabled for this account; otherwise check that the access key is valid and active.',
    );
    assert.match(error?.contextValue ?? '', /\berror\b/);
    assert.equal(error?.icon?.id, 'error');
    assert.equal(error?.command, 'amiExplorer.log.show');
    assert.equal((await render(imagesTree, optIn.node)).description, 'failed to load');

    const usEast1 = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, usEast1.node, 'EBS-backed');
    const images = (await renderChildren(imagesTree, ebs.node)).map((i) => i.label);
    assert.ok(images.includes('web-server-2024.10.1'), images.join(', '));
    assert.match((await render(imagesTree, usEast1.node)).description ?? '', /^\d+ AMIs$/);
  });
});
