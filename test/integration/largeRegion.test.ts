import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CopyImageOutcome } from '../../src/commands/copyImage';
import { groupByBackingType } from '../../src/core/model/grouping';
import type { Ami } from '../../src/core/model/ami';
import { GROUP_ROWS_SHOWN } from '../../src/core/model/regionImages';
import type { ImageNode } from '../../src/tree/imageNode';
import type { TreeNode } from '../../src/tree/treeNode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { addFault, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { LARGE_ESTATE, LARGE_ESTATE_URL_VARIABLE } from './integrationSetup';
import { isImageListing, isLastPage } from './recordingEndpoint';
import type { RenderedNode } from './renderedTree';
import { isLoadingRow, render, renderChildren, renderChildrenNow } from './renderedTree';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { withAnswers } from './testUserInput';

const LARGE = 'us-east-1';
const SMALL = 'eu-west-1';
const LARGE_COUNT = LARGE_ESTATE.imagesInRegions?.[0] ?? 0;
const COPY_NAME = `itest-large-copy-${Date.now()}`;

/** The root row of a region as the provider renders it now. */
async function regionRow(region: string): Promise<RenderedNode<TreeNode>> {
  const { imagesTree } = await amiExplorer();
  const row = (await renderChildrenNow(imagesTree)).find((r) => r.label === region);
  assert.ok(row, `${region} is a root row`);
  return row;
}

/** Waits until the region shows rows of its first pages and a "Loading more…" row. */
async function partlyListed(region: string): Promise<RenderedNode<TreeNode>[]> {
  const { imagesTree } = await amiExplorer();
  return eventually(
    async () => {
      const row = await regionRow(region);
      const children = await renderChildrenNow(imagesTree, row.node);
      assert.equal(children.at(-1)?.label, 'Loading more…', children.map((c) => c.label).join());
      assert.ok(children.at(-1) && isLoadingRow(children.at(-1) as RenderedNode<TreeNode>));
      assert.match(row.description ?? '', /^\d+ AMIs, loading…$/);
      assert.equal(children[0]?.label, 'EBS-backed');
      return children;
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
}

/**
 * Selects `node` in the real Images view, as the extension's own reveals do (with page-by-page
 * renders held back meanwhile), and waits until the view reports it selected.
 */
async function selectInView(node: TreeNode): Promise<void> {
  const { imagesTree, imagesView } = await amiExplorer();
  await imagesTree.holdingRenders(() =>
    imagesView.reveal(node, { select: true, focus: false, expand: false }),
  );
  await eventually(() => assert.deepEqual(imagesView.selection, [node]), { timeoutMs: 20_000 });
}

/** Every AMI of the demo account in a region of the large estate, straight from EC2. */
async function describeAll(region: string): Promise<Ami[]> {
  const sdk = ec2Sdk();
  const client = ec2Client(region, LARGE_ESTATE_URL_VARIABLE);
  const images: Ami[] = [];
  for await (const page of sdk.paginateDescribeImages(
    { client, pageSize: 1000 },
    { Owners: ['self'] },
  )) {
    for (const i of page.Images ?? []) {
      images.push({
        imageId: i.ImageId ?? '',
        region,
        ...(i.Name ? { name: i.Name } : {}),
        ...(i.CreationDate ? { creationDate: i.CreationDate } : {}),
        state: i.State ?? '',
        rootDeviceType: i.RootDeviceType === 'instance-store' ? 'instance-store' : 'ebs',
        isPublic: false,
        blockDevices: [],
        tags: [],
      });
    }
  }
  return images;
}

// Issue 11: a region of tens of thousands of AMIs behind latency used to leave the view empty until
// its last page, then fail with "Element with id images/us-east-1/ebs is already registered" and
// lose its rows. Here: 20,000 AMIs in us-east-1 (20 pages) and 1,000 in eu-west-1, 20 ms per call,
// the last page of us-east-1 held back while the user copies an AMI, the poller follows it, and the
// region and the view are refreshed; the real view shows the rows the whole time.
describe('A region of 20,000 AMIs, listed page by page', function () {
  this.timeout(180_000);
  const endpoint = routeThroughRecordingEndpoint(LARGE_ESTATE_URL_VARIABLE);
  const releases: (() => void)[] = [];

  before(async () => {
    await addFault({ action: 'DescribeImages', latencyMs: 20 }, LARGE_ESTATE_URL_VARIABLE);
    await vscode.commands.executeCommand('workbench.view.extension.amiExplorer');
  });

  // Runs after routeThroughRecordingEndpoint's hook has put the demo estate's endpoint back.
  after(async () => {
    for (const release of releases) release();
    // The other suites expect the view hidden (nothing lists unless they ask) and the tree
    // reloaded on the demo estate before they start.
    await vscode.commands.executeCommand('workbench.view.explorer');
    const { imagesTree } = await amiExplorer();
    await eventually(async () =>
      assert.deepEqual((await renderChildrenNow(imagesTree)).map((r) => r.label).sort(), [
        'ap-southeast-2',
        'eu-west-1',
        'us-east-1',
      ]),
    );
    await clearFaults(LARGE_ESTATE_URL_VARIABLE);
    const sdk = ec2Sdk();
    const client = ec2Client(SMALL, LARGE_ESTATE_URL_VARIABLE);
    const copies = await client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [COPY_NAME] }],
      }),
    );
    for (const image of copies.Images ?? []) {
      await client.send(new sdk.DeregisterImageCommand({ ImageId: image.ImageId }));
    }
  });

  it('shows region rows at once, rows as pages arrive, and every group and row at the end', async () => {
    const api = await amiExplorer();
    const { imagesTree, imagesView } = api;

    // Nothing is answered yet: both regions are rows already, each saying it is loading.
    const releaseAll = endpoint().holdAnswers(isImageListing);
    releases.push(releaseAll);
    imagesTree.refresh();
    const roots = await renderChildrenNow(imagesTree);
    assert.deepEqual(roots.map((r) => [r.label, r.description]).sort(), [
      [SMALL, 'loading…'],
      [LARGE, 'loading…'],
    ]);
    await eventually(() => assert.ok(endpoint().heldAnswers >= 2, 'both listings wait for EC2'));
    const large = roots.find((r) => r.label === LARGE)?.node;
    assert.ok(large);
    assert.deepEqual(
      (await renderChildrenNow(imagesTree, large)).map((c) => c.label),
      ['Loading…'],
    );
    // The real view shows and expands the region while no region has finished listing.
    await selectInView(large);
    await imagesView.reveal(large, { select: false, focus: false, expand: true });
    assert.equal(imagesTree.regionNode(LARGE)?.loading, true);
    assert.equal(imagesTree.regionNode(SMALL)?.loading, true);

    // Pages flow, but the last page of the large region waits: its first rows show meanwhile.
    const releaseLast = endpoint().holdAnswers(
      (answer) => isImageListing(answer) && answer.region === LARGE && isLastPage(answer),
    );
    releases.push(releaseLast);
    releaseAll();
    const partial = await partlyListed(LARGE);
    const ebs = partial[0]?.node;
    assert.ok(ebs);
    const firstRows = await renderChildrenNow(imagesTree, ebs);
    assert.ok(firstRows.length > 0);
    const small = await renderChildren(imagesTree, (await regionRow(SMALL)).node);
    assert.deepEqual(
      small.map((g) => g.label),
      ['EBS-backed', 'Instance store-backed'],
      'the small region finished on its own',
    );

    // The user copies one of the rows shown into the small region; the poller follows the copy.
    const source = firstRows
      .map((r) => r.node as ImageNode)
      .find((n) => n.ami.blockDevices.every((d) => d.ebs?.encrypted !== true));
    assert.ok(source, 'an unencrypted AMI among the first rows');
    const { result } = await withAnswers(
      [
        { pick: [SMALL] },
        { text: COPY_NAME },
        { text: '' },
        { pick: 'Copy tags' },
        { pick: 'Keep encryption as in the source' },
      ],
      () =>
        vscode.commands.executeCommand<CopyImageOutcome | undefined>(
          'amiExplorer.image.copy',
          source,
          [source],
        ),
    );
    const copyId = result?.copies[0]?.imageId ?? '';
    assert.match(copyId, /^ami-/);
    await eventually(
      async () => {
        const node = imagesTree.findImage(SMALL, copyId);
        assert.ok(node, 'the copy is listed');
        assert.match((await render(imagesTree, node)).description ?? '', /^available · /);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    assert.equal(imagesTree.regionNode(LARGE)?.loading, true, 'the large region still lists');

    // Refreshes while it lists: the region alone, then the whole view.
    await vscode.commands.executeCommand('amiExplorer.region.refresh', large);
    await partlyListed(LARGE);
    await vscode.commands.executeCommand('amiExplorer.images.refresh');
    const again = await partlyListed(LARGE);

    // The user selects a row while the last page is still on its way: rows keep their places.
    // Once every page but the last is in (the row is then the first of all but one page).
    await eventually(
      async () =>
        assert.equal((await regionRow(LARGE)).description, `${LARGE_COUNT - 1000} AMIs, loading…`),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const group = again[0]?.node;
    assert.ok(group);
    const shownBefore = (await renderChildrenNow(imagesTree, group)).filter(
      (r) => !isLoadingRow(r),
    );
    const selected = shownBefore[0]?.node;
    assert.ok(selected);
    await selectInView(selected);
    releaseLast();
    const region = imagesTree.regionNode(LARGE);
    assert.ok(region);
    await region.load();
    const held = await renderChildren(imagesTree, group);
    assert.deepEqual(
      held.slice(0, shownBefore.length).map((r) => r.label),
      shownBefore.map((r) => r.label),
      `no row moved under the selection (selected: ${imagesView.selection
        .map((n) => n.id)
        .join()}; held: ${imagesTree.holdsOrder(region)}; same region node: ${
        group.parent === region
      }; sorted: ${region.isSorted})`,
    );
    assert.match((await render(imagesTree, group)).description ?? '', /not sorted yet/);

    // Selecting elsewhere puts the region in order.
    await selectInView(region);
    await eventually(async () =>
      assert.match((await render(imagesTree, group)).description ?? '', /^\d+$/),
    );

    // Every group and row, as EC2 lists them, in the order the view gives them.
    const truth = await describeAll(LARGE);
    assert.equal(truth.length, LARGE_COUNT);
    assert.equal((await render(imagesTree, region)).description, `${LARGE_COUNT} AMIs`);
    const groups = await renderChildren(imagesTree, region);
    const expected = groupByBackingType(truth, 'newest');
    assert.deepEqual(
      groups.map((g) => [g.label, g.description]),
      expected.map((g) => [
        g.backingType === 'ebs' ? 'EBS-backed' : 'Instance store-backed',
        String(g.images.length),
      ]),
    );
    for (const [index, g] of groups.entries()) {
      const want = expected[index]?.images ?? [];
      const rows = await renderChildren(imagesTree, g.node);
      const images = rows.filter((r) => !/\bshowMore\b/.test(r.contextValue ?? ''));
      assert.deepEqual(
        images.map((r) => (r.node as ImageNode).ami.imageId),
        want.slice(0, GROUP_ROWS_SHOWN).map((i) => i.imageId),
        `${g.label}: the newest ${GROUP_ROWS_SHOWN}, newest first`,
      );
      if (want.length > GROUP_ROWS_SHOWN) {
        assert.equal(rows.at(-1)?.label, `Show ${GROUP_ROWS_SHOWN} more`);
        assert.equal(rows.at(-1)?.description, `${want.length - GROUP_ROWS_SHOWN} not listed`);
      }
      // The real view has these rows: the first and the last listed can be selected.
      await selectInView(images[0]?.node);
      await selectInView(images.at(-1)?.node as TreeNode);
    }

    // "Show 1000 more" lists the next rows, which the view then shows.
    const ebsGroup = groups[0]?.node;
    assert.ok(ebsGroup);
    const more = (await renderChildren(imagesTree, ebsGroup)).at(-1);
    assert.ok(more);
    assert.equal(more.command, 'amiExplorer.images.showMore');
    const moreItem = imagesTree.getTreeItem(more.node);
    await vscode.commands.executeCommand(
      'amiExplorer.images.showMore',
      ...((moreItem.command?.arguments ?? []) as unknown[]),
    );
    const extended = (await renderChildren(imagesTree, ebsGroup)).filter(
      (r) => !/\bshowMore\b/.test(r.contextValue ?? ''),
    );
    assert.equal(extended.length, 2 * GROUP_ROWS_SHOWN);
    await selectInView(extended.at(-1)?.node as TreeNode);

    // The small region kept its rows and shows the copy, available.
    const smallRegion = await regionRow(SMALL);
    assert.equal(smallRegion.description, `${LARGE_ESTATE.imagesPerRegion + 1} AMIs`);
    const copy = imagesTree.findImage(SMALL, copyId);
    assert.ok(copy);
    await selectInView(copy);
  });
});
