import * as assert from 'node:assert/strict';
import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { EMULATOR_URL_VARIABLE } from './integrationSetup';
import { childNamed, imageIdOf, renderChildren, type RenderedNode } from './renderedTree';
import { isImageListing } from './recordingEndpoint';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { withAnswers } from './testUserInput';
import { setSettings } from './userSettings';

type Node = RenderedNode<unknown>;

/** The image rows of a region, across its backing-type groups (or its one message row). */
async function imagesIn(region: string): Promise<Node[]> {
  const { imagesTree } = await amiExplorer();
  const regionRow = await childNamed(imagesTree, undefined, region);
  const rows: Node[] = [];
  for (const child of await renderChildren(imagesTree, regionRow.node)) {
    if (child.collapsible) rows.push(...(await renderChildren(imagesTree, child.node)));
    else rows.push(child);
  }
  return rows;
}

async function row(region: string, name: string): Promise<Node> {
  const rows = await imagesIn(region);
  const found = rows.find((r) => r.label === name);
  assert.ok(found, `${name} in ${region}: ${rows.map((r) => r.label).join(', ')}`);
  return found;
}

/** The badge VS Code shows on a row: what the registered provider answers for its resourceUri. */
async function badgeOf(
  node: unknown,
): Promise<{ badge?: string; color?: string; tooltip?: string } | undefined> {
  const { imagesTree, imageDecorations } = await amiExplorer();
  const item = imagesTree.getTreeItem(node as never);
  if (item.resourceUri === undefined) return undefined;
  const decoration = imageDecorations.provideFileDecoration(item.resourceUri);
  if (decoration === undefined || decoration === null) return undefined;
  return {
    ...(decoration.badge !== undefined ? { badge: decoration.badge } : {}),
    ...(decoration.color !== undefined ? { color: decoration.color.id } : {}),
    ...(decoration.tooltip !== undefined ? { tooltip: decoration.tooltip } : {}),
  };
}

/** Applies settings and waits until the Images view says it uses them. */
async function useSettings(
  settings: Readonly<Record<string, unknown>>,
  viewDescription: string,
): Promise<() => Promise<void>> {
  const restore = await setSettings(settings);
  const { imagesView } = await amiExplorer();
  await eventually(() => assert.equal(imagesView.description, viewDescription));
  return restore;
}

/** An EC2 client of the partner account, which shares images with "me" in the demo estate. */
function partnerClient(region: string): Ec2Sdk.EC2Client {
  const sdk = ec2Sdk();
  return new sdk.EC2Client({
    region,
    endpoint: process.env[EMULATOR_URL_VARIABLE],
    credentials: { accessKeyId: 'AKIAAMIEXPLORERDEMO2', secretAccessKey: 'integration-test' },
    maxAttempts: 1,
  });
}

// The demo seed (issue 13): eu-west-1's app-runtime-2024.12 has critical Inspector findings, was
// launched 3 days ago and is a copy of eu-west-1's web-server-2024.11.2; us-east-1's
// web-server-2024.11.2 was never launched; ap-southeast-2 has Allowed AMIs in audit mode that allow
// only Amazon's al2023-ami-* images; Amazon's AL2023 and Windows images are free-tier eligible
// with a public SSM parameter.
describe('What the Images tree tells at a glance', () => {
  const endpoint = routeThroughRecordingEndpoint();
  let restore: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await restore?.();
    restore = undefined;
  });

  it('shows last launch, findings and the source AMI of my AMIs, and a severity badge', async () => {
    const { imagesTree, imagesView } = await amiExplorer();
    // The recording endpoint is in place once the view shows the settings again.
    await eventually(() => assert.equal(imagesView.description, 'Owned by me'));
    endpoint().clear();
    imagesTree.refresh();
    const runtime = await row('eu-west-1', 'app-runtime-2024.12');
    const tooltip = runtime.tooltip ?? '';
    assert.match(tooltip, /^\| Last launched \| 3 days ago \(\d{4}-\d\d-\d\d\) \|$/m);
    assert.match(
      tooltip,
      /^\| Findings \| highest severity Critical \(Amazon Inspector, scanned 2024-12-05\) \|$/m,
    );
    assert.match(tooltip, /^\| Source AMI \| ami-[0-9a-f]+ \(eu-west-1\) \|$/m);
    assert.deepEqual(await badgeOf(runtime.node), {
      badge: 'C',
      color: 'problemsErrorIcon.foreground',
      tooltip: 'Critical vulnerability findings',
    });
    // The description stays what it was: state and short id.
    assert.match(runtime.description ?? '', /^available · ami-…[0-9a-f]{8}$/);
    // Rows, tooltips (rendered on hover) and badges cost no call beyond the region's listing
    // (one page for its few AMIs; a reload the endpoint change started may add another listing)
    // and its Recycle Bin's (one call per region, listed alongside).
    const calls = endpoint().calls({ region: 'eu-west-1' });
    assert.ok(calls.length > 0);
    assert.deepEqual(
      calls
        .filter((c) => !isImageListing(c) && c.action !== 'ListImagesInRecycleBin')
        .map((c) => c.action),
      [],
      'no lookup by id, no attribute call',
    );

    const neverLaunched = await row('us-east-1', 'web-server-2024.11.2');
    assert.match(neverLaunched.tooltip ?? '', /^\| Last launched \| never \|$/m);
    assert.equal(await badgeOf(neverLaunched.node), undefined, 'no findings, allowed: no badge');
  });

  it('marks Amazon AMIs that Allowed AMIs (audit mode) would block, and tells free tier and SSM parameter', async () => {
    restore = await useSettings({ 'listing.scope': 'amazon' }, 'Amazon');
    const windows = await row('ap-southeast-2', 'Windows_Server-2022-English-Full-Base-2024.10.09');
    assert.match(
      windows.tooltip ?? '',
      /^\| Allowed AMIs \| not allowed by Allowed AMIs: would be blocked if Allowed AMIs were enabled \(audit mode\) \|$/m,
    );
    assert.match(windows.tooltip ?? '', /^\| Free tier \| eligible \|$/m);
    assert.match(
      windows.tooltip ?? '',
      /^\| Public SSM parameter \| \/aws\/service\/ami-windows-latest\/Windows_Server-2022-English-Full-Base \|$/m,
    );
    assert.deepEqual(await badgeOf(windows.node), {
      badge: '!',
      color: 'problemsWarningIcon.foreground',
      tooltip: 'Not allowed by Allowed AMIs (would be blocked if enabled)',
    });

    const al2023 = await row('ap-southeast-2', 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64');
    assert.doesNotMatch(al2023.tooltip ?? '', /Allowed AMIs/);
    assert.match(
      al2023.tooltip ?? '',
      /^\| Public SSM parameter \| \/aws\/service\/ami-amazon-linux-latest\/al2023-ami-kernel-6\.1-x86_64 \|$/m,
    );
    assert.equal(await badgeOf(al2023.node), undefined);
    // Outside ap-southeast-2 nothing is restricted: no "!" on the same Windows AMI.
    const windowsUs = await row('us-east-1', 'Windows_Server-2022-English-Full-Base-2024.10.09');
    assert.equal(await badgeOf(windowsUs.node), undefined);
  });

  it('sorts by last launched: most recent first, never-launched last (newest created first)', async () => {
    restore = await useSettings({ sortBy: 'lastLaunched' }, 'Owned by me');
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const shownNow = async (): Promise<string[]> => {
      const region = await childNamed(imagesTree, undefined, 'us-east-1');
      const ebs = await childNamed(imagesTree, region.node, 'EBS-backed');
      return (await renderChildren(imagesTree, ebs.node)).map((r) => r.label);
    };

    // The order EC2's own answer implies.
    const sdk = ec2Sdk();
    const { Images = [] } = await ec2Client('us-east-1').send(
      new sdk.DescribeImagesCommand({ Owners: ['self'] }),
    );
    const time = (t: string | undefined) => (t ? Date.parse(t) : Number.NEGATIVE_INFINITY);
    const expected = Images.filter((i) => i.RootDeviceType === 'ebs')
      .sort(
        (a, b) =>
          time(b.LastLaunchedTime) - time(a.LastLaunchedTime) ||
          time(b.CreationDate) - time(a.CreationDate) ||
          (a.ImageId ?? '').localeCompare(b.ImageId ?? ''),
      )
      .map((i) => i.Name ?? i.ImageId ?? '');
    assert.ok(
      Images.some((i) => i.LastLaunchedTime !== undefined),
      'some were launched',
    );
    // The setting reloads the view; the order follows once the region has loaded again.
    await eventually(async () => assert.deepEqual(await shownNow(), expected));
    assert.equal(expected[0], 'web-server-2024.10.1', 'the most recently launched one');
  });
});

describe('Remove from My Account… (an AMI shared with me)', () => {
  let restore: (() => Promise<void>) | undefined;
  const region = 'us-east-1';
  const name = 'partner-agent-shared-with-111-2.3';
  afterEach(async () => {
    await restore?.();
    restore = undefined;
  });

  it('confirms, leaves the AMI and drops it from the tree; the owner can share it again', async () => {
    restore = await useSettings({ 'listing.scope': 'shared' }, 'Shared with me');
    const shared = await row(region, name);
    assert.match(shared.contextValue ?? '', /\bnotOwned\b/);
    const imageId = imageIdOf(shared);
    assert.ok(imageId);
    const sdk = ec2Sdk();
    try {
      const { input } = await withAnswers(
        [{ confirm: 'Remove', message: new RegExp(`Remove ${name} \\(${imageId}\\)`) }],
        () => vscode.commands.executeCommand('amiExplorer.image.leaveShared', shared.node),
      );
      assert.match(input.asked.join('\n'), /modal: Remove .* from your account in us-east-1\?/);

      // EC2's end state: the partner's launch permissions no longer name me; I no longer see it.
      const permissions = await partnerClient(region).send(
        new sdk.DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
      );
      assert.deepEqual(permissions.LaunchPermissions ?? [], []);
      const mine = await ec2Client(region).send(
        new sdk.DescribeImagesCommand({ ExecutableUsers: ['self'] }),
      );
      assert.ok(!(mine.Images ?? []).some((i) => i.ImageId === imageId));
      // The tree follows the 'gone' event.
      await eventually(async () =>
        assert.ok(!(await imagesIn(region)).some((r) => r.label === name)),
      );
      assert.match(
        input.notifications.map((n) => n.message).join('\n'),
        new RegExp(`${imageId} was removed from your account in us-east-1`),
      );
    } finally {
      // The partner shares it again, so later suites see the demo estate unchanged.
      await partnerClient(region).send(
        new sdk.ModifyImageAttributeCommand({
          ImageId: imageId,
          LaunchPermission: { Add: [{ UserId: '111111111111' }] },
        }),
      );
    }
  });

  it('refuses my own AMI, saying why', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const own = await row(region, 'web-server-2024.10.1');
    await withAnswers([], () =>
      vscode.commands.executeCommand('amiExplorer.image.leaveShared', own.node),
    ).then(({ input }) =>
      assert.match(
        input.notifications.map((n) => n.message).join('\n'),
        /Remove from My Account: ami-[0-9a-f]+ — your account owns it/,
      ),
    );
  });
});
