import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountSettingsOutcome } from '../../src/commands/accountSettings';
import type { DeregisterImageOutcome } from '../../src/commands/deregisterImage';
import type { RestoreOutcome } from '../../src/commands/recycleBinCommands';
import { demoRetentionRules } from '../ec2-emulator/seeds/demoSeed';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { addFault, clearFaults, setRecycleBinRules } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { arrangeCopy, removeImagesNamed } from './imageOperationsFixtures';
import { childNamed, renderChildren } from './renderedTree';
import { withAnswers } from './testUserInput';

const PREFIX = 'itest-rbin-';
const RECYCLED = 'recycled-report-builder-2024.04';
async function recycledIds(region: string): Promise<string[]> {
  const sdk = ec2Sdk();
  const { Images = [] } = await ec2Client(region).send(new sdk.ListImagesInRecycleBinCommand({}));
  return Images.flatMap((i) => (i.ImageId ? [i.ImageId] : []));
}

/** The Recycle Bin row of a region, once the region and its bin have loaded. */
async function binRow(region: string) {
  const { imagesTree } = await amiExplorer();
  const regionNode = await childNamed(imagesTree, undefined, region);
  return eventually(async () => {
    const rows = await renderChildren(imagesTree, regionNode.node);
    const bin = rows.find((r) => r.label === 'Recycle Bin');
    if (!bin || bin.description === 'loading…') throw new Error(`no loaded bin in ${region}`);
    return bin;
  });
}

describe('Recycle Bin', () => {
  after(async () => {
    await removeImagesNamed(PREFIX);
    await setRecycleBinRules('us-east-1', demoRetentionRules);
    (await amiExplorer()).imagesTree.refresh();
  });

  it('shows the recycled AMIs under a region, with when they entered and when they will be deleted', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const bin = await binRow('us-east-1');
    assert.match(bin.description ?? '', /^\d+ AMIs?$/);
    const rows = await renderChildren(imagesTree, bin.node);
    const row = rows.find((r) => r.label === RECYCLED);
    assert.ok(row, `rows: ${rows.map((r) => r.label).join(', ')}`);
    assert.match(row.description ?? '', /^ami-[0-9a-f]+ · recycled .+ · deleted in \d+ days$/);
    assert.match(row.tooltip ?? '', /In the Recycle Bin since .* UTC; deleted for good at .* UTC/);
    assert.match(row.contextValue ?? '', /\brecycledImage\b/);
  });

  it('hides an empty Recycle Bin, and shows it in every region when asked to', async () => {
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const regionNode = await childNamed(imagesTree, undefined, 'eu-west-1');
    await binRowLoadedOrAbsent(regionNode.node);
    let rows = await renderChildren(imagesTree, regionNode.node);
    assert.ok(!rows.some((r) => r.label === 'Recycle Bin'), 'hidden while empty');
    const toggled = await withAnswers([], () =>
      vscode.commands.executeCommand('amiExplorer.images.showRecycleBinAlways'),
    );
    try {
      assert.equal(
        vscode.workspace.getConfiguration('amiExplorer').get('recycleBin.showAlways'),
        true,
        `the toggle sets amiExplorer.recycleBin.showAlways (${toggled.input.notifications.map((n) => n.message).join('; ')})`,
      );
      const bin = await eventually(async () => {
        rows = await renderChildren(imagesTree, regionNode.node);
        const found = rows.find((r) => r.label === 'Recycle Bin');
        if (!found) throw new Error('not shown yet');
        return found;
      });
      assert.equal(bin.description, 'empty');
      const inside = await renderChildren(imagesTree, bin.node);
      assert.deepEqual(
        inside.map((r) => r.label),
        ['No AMIs in the Recycle Bin'],
      );
    } finally {
      await vscode.commands.executeCommand('amiExplorer.images.showRecycleBinWhenNotEmpty');
    }
    await eventually(async () => {
      rows = await renderChildren(imagesTree, regionNode.node);
      if (rows.some((r) => r.label === 'Recycle Bin')) throw new Error('still shown');
    });
  });

  it('a bin that cannot be listed says so in its own row; the region lists its AMIs as before', async () => {
    const { imagesTree } = await amiExplorer();
    await addFault({
      region: 'eu-west-1',
      action: 'ListImagesInRecycleBin',
      error: { code: 'InternalError', message: 'boom', status: 500 },
    });
    try {
      imagesTree.refresh();
      const bin = await binRow('eu-west-1');
      assert.equal(bin.description, 'could not be listed');
      const [error] = await renderChildren(imagesTree, bin.node);
      assert.match(error?.label ?? '', /EC2 had an internal error in eu-west-1/);
      const regionNode = await childNamed(imagesTree, undefined, 'eu-west-1');
      const rows = await renderChildren(imagesTree, regionNode.node);
      assert.ok(
        rows.some((r) => r.label === 'EBS-backed'),
        rows.map((r) => r.label).join(', '),
      );
      assert.match(regionNode.description ?? '', /^\d+ AMIs?$/);
    } finally {
      await clearFaults();
      imagesTree.refresh();
    }
  });

  it('a bin the user may not list is hidden (not an error in every region), and explained when shown always', async () => {
    const { imagesTree } = await amiExplorer();
    await addFault({
      region: 'eu-west-1',
      action: 'ListImagesInRecycleBin',
      error: { code: 'UnauthorizedOperation', message: 'not allowed', status: 403 },
    });
    try {
      imagesTree.refresh();
      const regionNode = await childNamed(imagesTree, undefined, 'eu-west-1');
      await eventually(async () => {
        const listed = await renderChildren(imagesTree, regionNode.node);
        if (!listed.some((r) => r.label === 'EBS-backed')) throw new Error('region not listed');
      });
      // The bin's listing has ended (refused) when its load resolves.
      await imagesTree.recycleBinOf('eu-west-1')?.load();
      const rows = await renderChildren(imagesTree, regionNode.node);
      assert.ok(!rows.some((r) => r.label === 'Recycle Bin'), rows.map((r) => r.label).join(', '));
      assert.ok(rows.some((r) => r.label === 'EBS-backed'));
      await vscode.commands.executeCommand('amiExplorer.images.showRecycleBinAlways');
      const bin = await binRow('eu-west-1');
      assert.equal(bin.description, 'could not be listed');
      const [error] = await renderChildren(imagesTree, bin.node);
      assert.match(error?.label ?? '', /not allowed to call ListImagesInRecycleBin in eu-west-1/);
    } finally {
      await vscode.commands.executeCommand('amiExplorer.images.showRecycleBinWhenNotEmpty');
      await clearFaults();
      imagesTree.refresh();
    }
  });

  it('restores an AMI and its snapshot from the bin: EC2 lists both again and so does the tree', async () => {
    const sdk = ec2Sdk();
    const { imagesTree } = await amiExplorer();
    imagesTree.refresh();
    const bin = await binRow('us-east-1');
    const row = (await renderChildren(imagesTree, bin.node)).find((r) => r.label === RECYCLED);
    assert.ok(row);
    const { result, input } = await withAnswers(
      [{ confirm: 'Restore', message: new RegExp(`Restore ${RECYCLED} \\(ami-`) }],
      () =>
        vscode.commands.executeCommand<RestoreOutcome>(
          'amiExplorer.image.restoreFromRecycleBin',
          row.node,
        ),
    );
    const imageId = result.plan.image.imageId;
    const [snapshotId] = result.plan.snapshots.map((s) => s.snapshotId);
    assert.ok(snapshotId, 'its snapshot was found in the bin before restoring');
    assert.match(input.modals[0]?.detail ?? '', new RegExp(`Restored first.*${snapshotId}`));
    assert.deepEqual(result.result.restoredSnapshots, [snapshotId]);
    try {
      // EC2's end state: the AMI is registered again, its snapshot exists, the bin holds neither.
      const { Images = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      assert.equal(Images[0]?.State, 'available');
      assert.equal(Images[0]?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId, snapshotId);
      const { Snapshots = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }),
      );
      assert.equal(Snapshots.length, 1);
      assert.ok(!(await recycledIds('us-east-1')).includes(imageId));
      assert.ok(input.shown(/^Restored .* with 1 snapshot/).length > 0);
      // The tree: the AMI under its group, and out of the bin.
      const regionNode = await childNamed(imagesTree, undefined, 'us-east-1');
      const ebs = await childNamed(imagesTree, regionNode.node, 'EBS-backed');
      await eventually(async () => {
        const images = await renderChildren(imagesTree, ebs.node);
        if (!images.some((r) => r.label === RECYCLED)) throw new Error('not listed yet');
      });
      const binRows = await renderChildren(imagesTree, bin.node);
      assert.ok(!binRows.some((r) => r.label === RECYCLED));
    } finally {
      // Back as the demo had it: the AMI and its snapshot in the bin.
      await ec2Client('us-east-1').send(new sdk.DeregisterImageCommand({ ImageId: imageId }));
      await ec2Client('us-east-1').send(new sdk.DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    }
  });

  it('from the palette: region, then the recycled AMI; an AMI whose snapshot was kept needs none restored', async () => {
    const sdk = ec2Sdk();
    const name = 'recycled-batch-runner-2024.02';
    const { result, input } = await restoreFromPalette('us-east-1', name);
    const imageId = result.plan.image.imageId;
    try {
      assert.deepEqual(result.plan.snapshots, []);
      assert.match(
        input.modals[0]?.detail ?? '',
        /No snapshot made for this AMI is in the Recycle Bin/,
      );
      const { Images = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      assert.equal(Images[0]?.State, 'available');
      assert.ok(input.shown(new RegExp(`^Restored ${name} \\(${imageId}\\)\\.$`)).length > 0);
    } finally {
      await ec2Client('us-east-1').send(new sdk.DeregisterImageCommand({ ImageId: imageId }));
    }
  });

  it('Cancel while a snapshot is being restored: the AMI stays in the bin, and the toast says what came back', async () => {
    const sdk = ec2Sdk();
    const api = await amiExplorer();
    api.imagesTree.refresh();
    const bin = await binRow('us-east-1');
    const row = (await renderChildren(api.imagesTree, bin.node)).find((r) => r.label === RECYCLED);
    assert.ok(row);
    const snapshotsInBin = async (): Promise<string[]> => {
      const { Snapshots = [] } = await ec2Client('us-east-1').send(
        new sdk.ListSnapshotsInRecycleBinCommand({}),
      );
      return Snapshots.flatMap((x) => (x.SnapshotId ? [x.SnapshotId] : []));
    };
    const before = await snapshotsInBin();
    // EC2 restores the snapshot; its answer never comes back, and the user cancels meanwhile.
    await addFault({ action: 'RestoreSnapshotFromRecycleBin', hangAfterApply: {}, times: 1 });
    const { result, input } = await withAnswers(
      [{ confirm: 'Restore', message: new RegExp(`Restore ${RECYCLED} \\(ami-`) }],
      async () => {
        const running = vscode.commands.executeCommand<RestoreOutcome>(
          'amiExplorer.image.restoreFromRecycleBin',
          row.node,
        );
        await eventually(async () => {
          const now = await snapshotsInBin();
          assert.ok(now.length < before.length, 'EC2 restored the snapshot');
        });
        assert.ok(api.cancelProgress() > 0, 'the restore was under way');
        return running;
      },
    );
    const imageId = result.plan.image.imageId;
    const [snapshotId] = result.plan.snapshots.map((x) => x.snapshotId);
    assert.ok(snapshotId);
    try {
      assert.deepEqual(result.result.restoredSnapshots, [snapshotId], 'confirmed by re-reading');
      assert.ok((await recycledIds('us-east-1')).includes(imageId), 'the AMI is still in the bin');
      assert.deepEqual(
        input.notifications.map((n) => [n.severity, n.message]),
        [
          [
            'warning',
            `Cancelled: ${RECYCLED} (${imageId}) is still in the Recycle Bin. Restored before that: ${snapshotId} (now ordinary snapshots).`,
          ],
        ],
      );
    } finally {
      // Back as the demo had it: the snapshot in the bin.
      await ec2Client('us-east-1').send(new sdk.DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    }
  });

  it('a restore whose answer is lost is settled by re-reading EC2, and said so', async () => {
    const sdk = ec2Sdk();
    const name = 'recycled-batch-runner-2024.02';
    // EC2 restores the AMI; its answer never comes back (the SDK's retry then meets a restored AMI).
    await addFault({ action: 'RestoreImageFromRecycleBin', dropAfterApply: {}, times: 1 });
    const { result, input } = await restoreFromPalette('us-east-1', name);
    const imageId = result.plan.image.imageId;
    try {
      assert.equal(result.result.imageOutcome.kind, 'restored');
      const { Images = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      assert.equal(Images[0]?.State, 'available');
      assert.deepEqual(
        input.notifications.map((n) => [n.severity, n.message]),
        [
          [
            'info',
            `Restored ${name} (${imageId}) (EC2's answer was unclear; a re-read shows it registered).`,
          ],
        ],
      );
    } finally {
      await ec2Client('us-east-1').send(new sdk.DeregisterImageCommand({ ImageId: imageId }));
    }
  });

  it('the deregister confirmation says how long the AMI stays in the Recycle Bin, or that it will not', async () => {
    const withRule = await arrangeCopy('us-east-1', 'api-gateway-base-arm64-v3', `${PREFIX}kept`);
    const { imagesTree } = await amiExplorer();
    const deregister = async (name: string) => {
      imagesTree.refresh();
      const regionNode = await childNamed(imagesTree, undefined, 'us-east-1');
      const ebs = await childNamed(imagesTree, regionNode.node, 'EBS-backed');
      await renderChildren(imagesTree, ebs.node);
      const node = (await childNamed(imagesTree, ebs.node, name)).node;
      return withAnswers(['accept', { confirm: 'Deregister' }], () =>
        vscode.commands.executeCommand<DeregisterImageOutcome>(
          'amiExplorer.image.deregister',
          node,
          [node],
        ),
      );
    };
    const kept = await deregister(`${PREFIX}kept`);
    assert.match(
      kept.input.modals[0]?.detail ?? '',
      /Recycle Bin: deregistered AMIs go to the Recycle Bin for 14 days \(rule “Keep deregistered AMIs for 14 days”/,
    );
    assert.ok((await recycledIds('us-east-1')).includes(withRule.ImageId ?? ''), 'EC2 kept it');

    const without = await arrangeCopy('us-east-1', 'api-gateway-base-arm64-v3', `${PREFIX}gone`);
    await setRecycleBinRules('us-east-1', []);
    try {
      const gone = await deregister(`${PREFIX}gone`);
      assert.match(
        gone.input.modals[0]?.detail ?? '',
        /Recycle Bin: no retention rule in us-east-1 keeps deregistered AMIs, so they cannot be restored\./,
      );
      assert.ok(!(await recycledIds('us-east-1')).includes(without.ImageId ?? ''));
    } finally {
      await setRecycleBinRules('us-east-1', demoRetentionRules);
    }
  });
});

/** Waits until a region has loaded and its bin has answered (shown or not). */
/** Restore from Recycle Bin… from the palette: the region, then the recycled AMI named `name`. */
function restoreFromPalette(region: string, name: string) {
  return withAnswers(
    [
      { pick: region },
      { pick: new RegExp(name) },
      { confirm: 'Restore', message: new RegExp(`Restore ${name}`) },
    ],
    () => vscode.commands.executeCommand<RestoreOutcome>('amiExplorer.image.restoreFromRecycleBin'),
  );
}

async function binRowLoadedOrAbsent(regionNode: unknown): Promise<void> {
  const { imagesTree } = await amiExplorer();
  await renderChildren(imagesTree, regionNode as never);
  const node = imagesTree.recycleBinOf('eu-west-1');
  await eventually(() => {
    if (node?.images === undefined) throw new Error('bin not loaded');
    return Promise.resolve();
  });
}

describe('Account Settings…', () => {
  const sdk = ec2Sdk();

  it('changes the Allowed AMIs state (audit mode explained), confirmed, and reads it again', async () => {
    const client = ec2Client('ap-southeast-2');
    const before = await client.send(new sdk.GetAllowedImagesSettingsCommand({}));
    assert.equal(before.State, 'audit-mode');
    try {
      const { result, input } = await withAnswers(
        [
          { pick: /^Allowed AMIs: Audit mode/ },
          { pick: 'Enabled' },
          { confirm: 'Enabled', message: /Set Allowed AMIs in ap-southeast-2 to enabled\?/ },
        ],
        () =>
          vscode.commands.executeCommand<AccountSettingsOutcome>(
            'amiExplorer.account.showSettings',
            'ap-southeast-2',
          ),
      );
      assert.match(input.modals[0]?.detail ?? '', /Only AMIs that match a criterion/);
      assert.ok(result.after?.allowedImages.ok);
      assert.equal(result.after.allowedImages.value.state, 'enabled');
      const now = await client.send(new sdk.GetAllowedImagesSettingsCommand({}));
      assert.equal(now.State, 'enabled');
      assert.ok(input.shown(/Allowed AMIs in ap-southeast-2 \(read again\): Enabled/).length > 0);
    } finally {
      await client.send(
        new sdk.EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'audit-mode' }),
      );
    }
  });

  it('refuses invalid criteria before any call, then replaces them once confirmed', async () => {
    const client = ec2Client('ap-southeast-2');
    const before = await client.send(new sdk.GetAllowedImagesSettingsCommand({}));
    try {
      const { result } = await withAnswers(
        [
          { pick: 'Allowed AMIs criteria' },
          { text: '[{"imageProviders":["amazn"]}]', invalid: /"amazn" is not a provider/ },
          { text: '[{"imageProviders":["amazon"],"imageNames":["al2023-ami-*"]}]' },
          { confirm: 'Replace', message: /Replace the Allowed AMIs criteria in ap-southeast-2/ },
        ],
        () =>
          vscode.commands.executeCommand<AccountSettingsOutcome>(
            'amiExplorer.account.showSettings',
            'ap-southeast-2',
          ),
      );
      assert.ok(result.after?.allowedImages.ok);
      assert.deepEqual(result.after.allowedImages.value.criteria, [
        { imageProviders: ['amazon'], imageNames: ['al2023-ami-*'] },
      ]);
      const now = await client.send(new sdk.GetAllowedImagesSettingsCommand({}));
      assert.deepEqual(
        now.ImageCriteria?.map((c) => [c.ImageProviders, c.ImageNames]),
        [[['amazon'], ['al2023-ami-*']]],
      );
    } finally {
      await client.send(
        new sdk.ReplaceImageCriteriaInAllowedImagesSettingsCommand({
          ImageCriteria: (before.ImageCriteria ?? []).map((c) => ({
            ...(c.ImageProviders ? { ImageProviders: c.ImageProviders } : {}),
            ...(c.ImageNames ? { ImageNames: c.ImageNames } : {}),
          })),
        }),
      );
    }
  });

  it('turns image block public access on, confirmed, and reads it again', async () => {
    const client = ec2Client('eu-west-1');
    const before = await client.send(new sdk.GetImageBlockPublicAccessStateCommand({}));
    assert.equal(before.ImageBlockPublicAccessState, 'unblocked');
    try {
      const { result } = await withAnswers(
        [
          { pick: /^Image block public access: Off/ },
          { confirm: 'Turn On', message: /Turn on image block public access in eu-west-1/ },
        ],
        () =>
          vscode.commands.executeCommand<AccountSettingsOutcome>(
            'amiExplorer.account.showSettings',
            'eu-west-1',
          ),
      );
      assert.ok(result.after?.imageBlockPublicAccess.ok);
      assert.equal(result.after.imageBlockPublicAccess.value, 'block-new-sharing');
      const now = await client.send(new sdk.GetImageBlockPublicAccessStateCommand({}));
      assert.equal(now.ImageBlockPublicAccessState, 'block-new-sharing');
    } finally {
      await client.send(new sdk.DisableImageBlockPublicAccessCommand({}));
    }
  });
});
