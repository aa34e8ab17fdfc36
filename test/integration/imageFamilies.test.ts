import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CopyImageOutcome } from '../../src/commands/copyImage';
import type { ComparisonOutcome } from '../../src/commands/familyCommands';
import type { PickRequest } from '../../src/ui/userInput';
import type { Answer } from '../../src/ui/userInput';
import { demoFamilies } from '../ec2-emulator/seeds/demoSeed';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { removeImagesNamed } from './imageOperationsFixtures';
import type { RenderedNode } from './renderedTree';
import { childNamed, imageIdOf, renderChildren } from './renderedTree';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import type { ScriptedAnswer } from './testUserInput';
import { TestUserInput, withAnswers } from './testUserInput';
import { setSettings } from './userSettings';

const PREFIX = 'itest-family-';
const ORDERS = demoFamilies.ordersApi;

/** The AMI Families view's roots once the Images view has listed every region. */
async function familyRows(): Promise<RenderedNode<unknown>[]> {
  const { families } = await amiExplorer();
  return renderChildren(families);
}

async function familyRow(label: string): Promise<RenderedNode<unknown>> {
  const { families } = await amiExplorer();
  return childNamed(families, undefined, label);
}

/** A version's AMI in one region, as the Families view shows it (family → version → region). */
async function familyImage(family: string, version: string, region: string) {
  const { families } = await amiExplorer();
  const versionRow = await childNamed(families, (await familyRow(family)).node, version);
  return childNamed(families, versionRow.node, region);
}

/** The JSON of an open `ami:` document. */
async function documentJson(uri: string): Promise<Record<string, Record<string, unknown>>> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  return JSON.parse(document.getText()) as Record<string, Record<string, unknown>>;
}

/** The diff editor VS Code shows: its two sides. */
function activeDiff(): { original: string; modified: string } | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff
    ? { original: input.original.toString(), modified: input.modified.toString() }
    : undefined;
}

/** A test input that also keeps the items of every pick, in the order shown. */
class RecordingInput extends TestUserInput {
  readonly pickItems: vscode.QuickPickItem[][] = [];
  override async pick<T extends vscode.QuickPickItem>(
    request: PickRequest<T>,
  ): Promise<Answer<T[]>> {
    this.pickItems.push([...(await request.items)]);
    return super.pick(request);
  }
}

describe('AMI Families', () => {
  const endpoint = routeThroughRecordingEndpoint();
  before(async () => {
    const api = await amiExplorer();
    api.imagesTree.refresh();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(async () => {
    await removeImagesNamed(PREFIX);
    (await amiExplorer()).imagesTree.refresh();
  });

  it('groups the listed AMIs by name: versions newest first, each with the regions it is in', async () => {
    const rows = await familyRows();
    const labels = rows.map((r) => r.label);
    for (const family of ['orders-api-*', 'batch-worker-*', 'web-server-*']) {
      assert.ok(labels.includes(family), `${family} in ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('golden-image'), 'a name without a version is in no family');
    const orders = await familyRow(ORDERS.family);
    assert.equal(
      orders.description,
      '3 versions · newest 1.6.0 · not in ap-southeast-2, us-east-1',
    );
    assert.match(orders.contextValue ?? '', /\bfamily\b.*\bcanCopyNewest\b/);
    // The region matrix: one row per version, a column per region, newest first.
    assert.match(
      orders.tooltip ?? '',
      /^\| Version \| ap-southeast-2 \| eu-west-1 \| us-east-1 \|$/m,
    );
    assert.match(orders.tooltip ?? '', /^\| 1.6.0 \| — \| ✓ \| — \|$/m);
    assert.match(orders.tooltip ?? '', /^\| 1.5.0 \| — \| ✓ \| ✓ \|$/m);

    const { families } = await amiExplorer();
    const versions = await renderChildren(families, orders.node);
    assert.deepEqual(
      versions.map((v) => [v.label, v.description]),
      [
        ['orders-api-1.6.0', '2024-08-12 · eu-west-1 · not in ap-southeast-2, us-east-1'],
        ['orders-api-1.5.0', '2024-07-08 · eu-west-1, us-east-1 · not in ap-southeast-2'],
        ['orders-api-1.4.0', '2024-06-03 · eu-west-1 · not in ap-southeast-2, us-east-1'],
      ],
    );
    const regions = await renderChildren(families, versions[1]?.node);
    assert.deepEqual(
      regions.map((r) => r.label),
      ['eu-west-1', 'us-east-1'],
    );
    for (const region of regions) {
      assert.match(region.description ?? '', /^available · ami-…[0-9a-f]{8}$/);
      // An AMI row: the image commands (JSON, copy, compare) act on it.
      assert.match(
        region.contextValue ?? '',
        /\bfamilyImage\b.*\bhasPrevious\b.*\bimage\b.*\bcanCopy\b/,
      );
    }
  });

  it('makes no EC2 call of its own: it groups what the Images view listed', async () => {
    await familyRows();
    endpoint().clear();
    (await amiExplorer()).families.regroup();
    const rows = await familyRows();
    await renderChildren((await amiExplorer()).families, (await familyRow(ORDERS.family)).node);
    assert.ok(rows.length > 0);
    assert.deepEqual(endpoint().imageListings(), []);
    // The pending-image poller may look a pending AMI up by id meanwhile; nothing else is asked.
    assert.deepEqual(
      endpoint()
        .calls()
        .map((c) => c.action)
        .filter((action) => action !== 'DescribeImages'),
      [],
    );
  });

  it('groups by the tag amiExplorer.families.tag names', async () => {
    const restore = await setSettings({ 'families.tag': 'Family' });
    try {
      await eventually(async () =>
        assert.deepEqual(
          (await familyRows()).map((r) => r.label),
          ['batch-worker'],
        ),
      );
      const { families } = await amiExplorer();
      const batch = await familyRow('batch-worker');
      assert.deepEqual(
        (await renderChildren(families, batch.node)).map((v) => v.label),
        demoFamilies.batchWorker.versions,
      );
    } finally {
      await restore();
    }
    await eventually(async () =>
      assert.ok((await familyRows()).some((r) => r.label === ORDERS.family)),
    );
  });

  it('"Copy Newest to Missing Regions…" opens Copy Image with the newest version and the missing regions ticked', async () => {
    const orders = await familyRow(ORDERS.family);
    const newest = await familyImage(ORDERS.family, 'orders-api-1.6.0', 'eu-west-1');
    const newestId = imageIdOf(newest);
    const name = `${PREFIX}orders-api-1.6.0`;
    const { result, input } = await withAnswers(
      [
        // The regions step: accept what is ticked.
        'accept',
        { text: name },
        'accept',
        { pick: 'Copy tags' },
        { pick: 'Keep encryption as in the source' },
      ],
      () =>
        vscode.commands.executeCommand<CopyImageOutcome | undefined>(
          'amiExplorer.family.copyNewestToMissing',
          orders.node,
        ),
    );
    assert.match(input.asked[0] ?? '', /^pick: Copy orders-api-1\.6\.0 \(ami-[0-9a-f]+\)/);
    assert.deepEqual(
      result?.copies.map((c) => [c.region, c.sourceRegion, c.sourceImageId]).sort(),
      [
        ['ap-southeast-2', 'eu-west-1', newestId],
        ['us-east-1', 'eu-west-1', newestId],
      ],
    );
  });

  it('"Compare with…" on two selected AMIs opens a diff of their normalised documents, older on the left', async () => {
    const older = await familyImage(ORDERS.family, 'orders-api-1.5.0', 'eu-west-1');
    const newer = await familyImage(ORDERS.family, 'orders-api-1.6.0', 'eu-west-1');
    const { result } = await withAnswers([], () =>
      vscode.commands.executeCommand<ComparisonOutcome>('amiExplorer.image.compare', newer.node, [
        newer.node,
        older.node,
      ]),
    );
    assert.deepEqual(activeDiff(), { original: result.left, modified: result.right });
    const left = await documentJson(result.left);
    const right = await documentJson(result.right);
    assert.deepEqual(Object.keys(left), ['Identity', 'Image', 'LaunchPermissions']);
    assert.equal(left.Identity?.Name, 'orders-api-1.5.0');
    assert.equal(right.Identity?.Name, 'orders-api-1.6.0');
    // Block devices matched by device name: the root grew, a data volume came.
    assert.deepEqual(Object.keys(left.Image?.BlockDeviceMappings ?? {}), ['/dev/xvda']);
    assert.deepEqual(Object.keys(right.Image?.BlockDeviceMappings ?? {}), [
      '/dev/xvda',
      '/dev/xvdf',
    ]);
    assert.deepEqual(left.Image?.Tags, { Name: 'orders-api', Team: 'commerce', Version: '1.5.0' });
  });

  it('"Compare with…" on one AMI offers its family first', async () => {
    const clicked = await familyImage(ORDERS.family, 'orders-api-1.6.0', 'eu-west-1');
    const api = await amiExplorer();
    const input = new RecordingInput([{ pick: /^orders-api-1\.4\.0 .*· eu-west-1/ }]);
    const installed = api.useUserInput(input);
    let result: ComparisonOutcome | undefined;
    try {
      result = await vscode.commands.executeCommand<ComparisonOutcome>(
        'amiExplorer.image.compare',
        clicked.node,
        [clicked.node],
      );
      input.assertDone();
    } finally {
      installed.dispose();
    }
    const items = input.pickItems[0] ?? [];
    assert.equal(items[0]?.label, 'Same family: orders-api-*');
    const firstOther = items.findIndex((i) => i.label === 'Other AMIs');
    assert.deepEqual(
      items.slice(1, firstOther).map((i) => `${i.label} ${(i.description ?? '').split(' · ')[1]}`),
      ['orders-api-1.5.0 eu-west-1', 'orders-api-1.5.0 us-east-1', 'orders-api-1.4.0 eu-west-1'],
    );
    assert.ok(result);
    assert.equal((await documentJson(result.left)).Identity?.Name, 'orders-api-1.4.0');
    assert.equal((await documentJson(result.left)).Identity?.Region, 'eu-west-1');
  });

  it('"Compare with Previous Version" on a family version compares it with the version before', async () => {
    const { families } = await amiExplorer();
    const version = await childNamed(
      families,
      (await familyRow(ORDERS.family)).node,
      'orders-api-1.6.0',
    );
    assert.match(version.contextValue ?? '', /\bhasPrevious\b/);
    const { result } = await withAnswers([], () =>
      vscode.commands.executeCommand<ComparisonOutcome>(
        'amiExplorer.image.compareWithPrevious',
        version.node,
      ),
    );
    assert.deepEqual(activeDiff(), { original: result.left, modified: result.right });
    const left = await documentJson(result.left);
    assert.equal(left.Identity?.Name, 'orders-api-1.5.0');
    assert.equal(left.Identity?.Region, 'eu-west-1');
    assert.equal((await documentJson(result.right)).Identity?.Name, 'orders-api-1.6.0');
  });

  it('says so when the oldest version has no previous one', async () => {
    const oldest = await familyImage(ORDERS.family, 'orders-api-1.4.0', 'eu-west-1');
    const { result, input } = await withAnswers([] as ScriptedAnswer[], () =>
      vscode.commands.executeCommand('amiExplorer.image.compareWithPrevious', oldest.node),
    );
    assert.equal(result, undefined);
    assert.match(input.notifications[0]?.message ?? '', /oldest listed version of orders-api-\*/);
  });
});
