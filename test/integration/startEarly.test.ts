import * as assert from 'node:assert/strict';
import type { ImagesTreeProvider } from '../../src/tree/imagesTreeProvider';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { render, renderChildren } from './renderedTree';
import { setSettings } from './userSettings';

/** The demo estate's enabled regions, as the Images view lists them. */
const DEMO_REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1'];

/** The root rows once every region shows its count: [label, description]. */
async function loadedRegions(imagesTree: ImagesTreeProvider): Promise<string[][]> {
  return eventually(async () => {
    const roots = await renderChildren(imagesTree);
    const rows = await Promise.all(
      roots.map(async (r) => [r.label, (await render(imagesTree, r.node)).description ?? '']),
    );
    for (const [label, description] of rows) {
      // "12 AMIs, loading…": rows are in, the region's load has not ended (its Recycle Bin).
      assert.ok(description && !description.endsWith('loading…'), `${label} is still loading`);
    }
    return rows;
  });
}

describe('Listing starts without waiting for the region list', () => {
  const endpoint = routeThroughRecordingEndpoint();
  let release: (() => void) | undefined;
  afterEach(() => {
    release?.();
    release = undefined;
    endpoint().clearFailures();
  });

  it('lists the regions remembered from the last load while DescribeRegions is still unanswered', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    await loadedRegions(imagesTree); // this endpoint's region list is now remembered

    endpoint().clear();
    release = endpoint().hold('DescribeRegions');
    imagesTree.refresh();
    const rows = await loadedRegions(imagesTree);
    assert.deepEqual(
      rows.map(([label]) => label),
      DEMO_REGIONS,
    );
    for (const [label, description] of rows)
      assert.match(description ?? '', /^\d+ AMIs?$/, `${label}: ${description ?? ''}`);
    assert.deepEqual(
      endpoint()
        .imageListings()
        .map((c) => c.region)
        .sort(),
      DEMO_REGIONS,
      'every region was listed',
    );
    assert.equal(endpoint().calls({ action: 'DescribeRegions' }).length, 0, 'none answered yet');
    assert.equal(endpoint().held('DescribeRegions'), 1, 'the list is checked in the background');

    release();
    release = undefined;
    await eventually(() => assert.equal(endpoint().calls({ action: 'DescribeRegions' }).length, 1));
    assert.deepEqual(
      (await loadedRegions(imagesTree)).map(([label]) => label),
      DEMO_REGIONS,
      'the check agreed: nothing changed',
    );
  });

  it('follows what the background check finds: here the default-enabled regions, as DescribeRegions is refused', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    await loadedRegions(imagesTree);

    endpoint().failNext('DescribeRegions', 'us-east-1', 1, {
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
      status: 403,
    });
    release = endpoint().hold('DescribeRegions');
    imagesTree.refresh();
    assert.deepEqual(
      (await renderChildren(imagesTree)).map((r) => r.label),
      DEMO_REGIONS,
      'the remembered list first',
    );
    const usEast1 = imagesTree.regionNode('us-east-1');
    assert.ok(usEast1);
    release();
    release = undefined;
    await eventually(async () =>
      assert.equal((await renderChildren(imagesTree)).length, 17, 'the fallback list'),
    );
    assert.equal(
      imagesTree.regionNode('us-east-1'),
      usEast1,
      'a region still listed is kept as is',
    );

    // Back to the account's list (and that is what is remembered again).
    imagesTree.refresh();
    await eventually(async () =>
      assert.deepEqual(
        (await renderChildren(imagesTree)).map((r) => r.label),
        DEMO_REGIONS,
      ),
    );
  });

  it('lists the regions amiExplorer.regions names without waiting for DescribeRegions', async () => {
    const restore = await setSettings({ regions: ['us-east-1', 'eu-west-1'] });
    try {
      const { imagesTree } = await amiExplorer();
      endpoint().clear();
      release = endpoint().hold('DescribeRegions');
      imagesTree.refresh();
      const rows = await loadedRegions(imagesTree);
      assert.deepEqual(
        rows.map(([label]) => label),
        ['eu-west-1', 'us-east-1'],
      );
      for (const [label, description] of rows) {
        assert.match(description ?? '', /^\d+ AMIs?$/, label);
      }
      assert.equal(endpoint().calls({ action: 'DescribeRegions' }).length, 0);
    } finally {
      release?.();
      release = undefined;
      await restore();
    }
  });

  it('shows a configured opt-in region as being checked, without calling it, while the others list', async () => {
    const restore = await setSettings({ regions: ['us-east-1', 'af-south-1'] });
    try {
      const { imagesTree } = await amiExplorer();
      endpoint().clear();
      release = endpoint().hold('DescribeRegions');
      imagesTree.refresh();
      const rows = await loadedRegions(imagesTree);
      assert.deepEqual(rows, [
        ['af-south-1', 'checking opt-in status…'],
        ['us-east-1', rows[1]?.[1] ?? ''],
      ]);
      assert.match(rows[1]?.[1] ?? '', /^\d+ AMIs?$/);

      release();
      release = undefined;
      await eventually(async () =>
        assert.deepEqual(
          (await loadedRegions(imagesTree)).map(([, description]) => description).slice(0, 1),
          ['not enabled'],
        ),
      );
      assert.deepEqual(endpoint().calls({ region: 'af-south-1' }), [], 'never called');
    } finally {
      release?.();
      release = undefined;
      await restore();
    }
  });
});
