import * as assert from 'node:assert/strict';
import { addFault, clearFaults } from './emulatorAdmin';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, imageIdOf, renderChildren } from './renderedTree';

// The demo seed's account "me" (AKIAAMIEXPLORERDEMO1), default scope: AMIs it owns.
describe('Images tree against the demo estate', () => {
  beforeEach(async () => {
    await clearFaults();
    (await amiExplorer()).imagesTree.refresh();
  });
  after(clearFaults);

  it('lists the enabled regions and leaves out the one not opted in', async () => {
    const { imagesTree } = await amiExplorer();
    const regions = (await renderChildren(imagesTree)).map((r) => r.label);
    assert.deepEqual([...regions].sort(), ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
  });

  it('groups a region by backing type, EBS first', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const rows = await renderChildren(imagesTree, region.node);
    // The demo's us-east-1 has AMIs in its Recycle Bin: its row comes after the groups.
    assert.deepEqual(
      rows.map((g) => g.label),
      ['EBS-backed', 'Instance store-backed', 'Recycle Bin'],
    );
    const groups = rows.filter((r) => r.label !== 'Recycle Bin');
    // The region says how many AMIs it holds once loaded; the groups split that number.
    const loaded = await childNamed(imagesTree, undefined, 'us-east-1');
    const total = Number(/^(\d+) AMIs?$/.exec(loaded.description ?? '')?.[1]);
    assert.equal(
      groups.reduce((sum, g) => sum + Number(g.description), 0),
      total,
      `region description "${loaded.description}" vs groups`,
    );
  });

  it('shows an owned EBS AMI with its state, short id and a tooltip of facts', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
    const image = await childNamed(imagesTree, ebs.node, 'web-server-2024.10.1');
    // The state first, then the short id: readable at the default sidebar width.
    const imageId = imageIdOf(image);
    assert.match(imageId ?? '', /^ami-[0-9a-f]{17}$/, 'the tooltip has the full id');
    assert.equal(image.description, `available · ami-…${(imageId ?? '').slice(-8)}`);
    assert.match(image.contextValue ?? '', /^image;ebs;owned\b/);
    const tooltip = image.tooltip ?? '';
    assert.match(tooltip, /^\*\*web-server-2024\.10\.1\*\*/);
    assert.match(tooltip, /^\| State \| available \|$/m);
    assert.match(tooltip, /^\| Owner \| 111111111111 \|$/m);
    assert.match(tooltip, /^\| Root device \| \/dev\/xvda · ebs \|$/m);
    assert.match(tooltip, /^\| Description \| Web tier, October 2024 patch level \|$/m);
  });

  it('shows the instance store-backed AMI in its own group', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'us-east-1');
    const group = await childNamed(imagesTree, region.node, 'Instance store-backed');
    const images = await renderChildren(imagesTree, group.node);
    assert.deepEqual(
      images.map((i) => i.label),
      ['legacy-s3-backed-2016.09'],
    );
    assert.match(images[0]?.contextValue ?? '', /\binstanceStore\b/);
  });

  it('says so when a region has no AMIs in scope', async () => {
    const { imagesTree } = await amiExplorer();
    const region = await childNamed(imagesTree, undefined, 'ap-southeast-2');
    const children = await renderChildren(imagesTree, region.node);
    assert.deepEqual(
      children.map((c) => c.label),
      ['No AMIs in this scope'],
    );
  });

  it('turns a failing region into one error node while the other regions load', async () => {
    const { imagesTree } = await amiExplorer();
    await addFault({
      region: 'eu-west-1',
      action: 'DescribeImages',
      error: {
        code: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      },
    });
    imagesTree.refresh();
    const failed = await childNamed(imagesTree, undefined, 'eu-west-1');
    const children = await renderChildren(imagesTree, failed.node);
    assert.equal(children.length, 1);
    assert.match(children[0]?.contextValue ?? '', /\berror\b/);
    assert.equal(children[0]?.command, 'amiExplorer.log.show');
    assert.ok((children[0]?.label ?? '').length > 0);
    assert.equal(
      (await childNamed(imagesTree, undefined, 'eu-west-1')).description,
      'failed to load',
    );

    const healthy = await childNamed(imagesTree, undefined, 'us-east-1');
    const groups = await renderChildren(imagesTree, healthy.node);
    assert.deepEqual(
      groups.map((g) => g.label),
      ['EBS-backed', 'Instance store-backed', 'Recycle Bin'],
    );
  });
});
