import * as assert from 'node:assert/strict';
import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import type { AmiExplorerApi } from '../../src/extension';
import type { BlockDevicesPanel } from '../../src/webviews/blockDevices/blockDevicesPanel';
import type { HostToBlockDevices } from '../../src/webviews/blockDevices/protocol';
import type { LaunchPermissionsPanel } from '../../src/webviews/launchPermissions/launchPermissionsPanel';
import type {
  HostToPermissions,
  PermissionsInit,
} from '../../src/webviews/launchPermissions/protocol';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { addFault, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { eachPanelInANewGroup } from './panelGroups';
import { TestUserInput } from './testUserInput';
import { amiExplorer } from './extensionUnderTest';
import { childNamed, imageIdOf } from './renderedTree';

const ORG = 'arn:aws:organizations::111111111111:organization/o-demo123456';
const OU = 'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-platform1';

/** The tree node of one of my demo AMIs (the panels open from its context menu). */
async function imageNode(
  api: AmiExplorerApi,
  region: string,
  group: 'EBS-backed' | 'Instance store-backed',
  name: string,
): Promise<{ node: unknown; imageId: string }> {
  const regionNode = await childNamed(api.imagesTree, undefined, region);
  const groupNode = await childNamed(api.imagesTree, regionNode.node, group);
  const image = await childNamed(api.imagesTree, groupNode.node, name);
  const imageId = imageIdOf(image);
  assert.ok(imageId, `the tooltip of ${name} shows its id`);
  return { node: image.node, imageId };
}

/**
 * Waits until the host has sent `init`: after the webview's `ready` for a new panel; for a panel
 * an earlier test left open (opening it again only reveals it), after asking it to refresh.
 */
async function initOf<T extends { type: string }>(panel: {
  lastPosted: T | undefined;
  posted: readonly T[];
  panel: vscode.WebviewPanel;
  receive(message: unknown): Promise<void>;
}): Promise<Extract<T, { type: 'init' }>> {
  if (panel.posted.length > 0 && panel.lastPosted?.type !== 'init') {
    await panel.receive({ type: 'refresh' });
  }
  return eventually(() => {
    const last = panel.lastPosted;
    const where = `visible ${panel.panel.visible}, active ${panel.panel.active}`;
    assert.equal(
      last?.type,
      'init',
      `last posted: ${JSON.stringify(last)?.slice(0, 300)} (${where})`,
    );
    return last as Extract<T, { type: 'init' }>;
  });
}

async function launchPermissions(region: string, imageId: string) {
  const sdk = ec2Sdk();
  const out = await ec2Client(region).send(
    new sdk.DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
  );
  return (out.LaunchPermissions ?? []).map(
    (p: Ec2Sdk.LaunchPermission) =>
      p.UserId ?? p.Group ?? p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?',
  );
}

async function createVolumeAccounts(region: string, snapshotId: string): Promise<string[]> {
  const sdk = ec2Sdk();
  const out = await ec2Client(region).send(
    new sdk.DescribeSnapshotAttributeCommand({
      SnapshotId: snapshotId,
      Attribute: 'createVolumePermission',
    }),
  );
  return (out.CreateVolumePermissions ?? []).flatMap((p) => (p.UserId ? [p.UserId] : []));
}

describe('Webview panels', function () {
  let api: AmiExplorerApi;

  before(async () => {
    api = await amiExplorer();
  });

  // Panels stay open between tests (a test that opens one again gets it revealed in its group).
  eachPanelInANewGroup();
  afterEach(() => clearFaults());
  // Disposing may still cut a page short; no webview opens after this file in its window.
  after(async () => {
    api.panels.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('block-device mappings', () => {
    it('shows every mapping of an EBS AMI with three volumes and three KMS keys', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'EBS-backed',
        'data-pipeline-encrypted-2024.07',
      );
      await vscode.commands.executeCommand('amiExplorer.image.showBlockDevices', node);

      const panel = api.panels.find('amiExplorer.blockDevices', {
        region: 'us-east-1',
        imageId,
      }) as BlockDevicesPanel | undefined;
      assert.ok(panel, 'a block-device panel is open for the AMI');
      const init = await initOf<HostToBlockDevices>(panel);
      assert.equal(init.header.name, 'data-pipeline-encrypted-2024.07');
      assert.equal(init.header.backingType, 'ebs');
      assert.deepEqual(
        init.rows.map((r) => [r.deviceName, r.kind, r.isRoot, r.encrypted]),
        [
          ['/dev/xvda', 'ebs', true, true],
          ['/dev/xvdb', 'ebs', false, true],
          ['/dev/xvdc', 'ebs', false, true],
        ],
      );
      assert.ok(init.rows.every((r) => r.snapshotId?.startsWith('snap-')));
      assert.equal(init.totals.volumes, 3);
      assert.equal(init.totals.encryptionSummary, 'all encrypted');
      assert.equal(init.totals.kmsKeys.length, 3, 'two customer keys and the default key');
      assert.ok(init.totals.kmsKeys.every((k) => k.startsWith('arn:aws:kms:us-east-1:')));
      assert.equal(panel.panel.title, 'Block Devices: data-pipeline-encrypted-2024.07');

      // Opening it again reveals the same panel.
      const open = api.panels.size;
      await vscode.commands.executeCommand('amiExplorer.image.showBlockDevices', node);
      assert.equal(api.panels.size, open);
      assert.equal(
        api.panels.find('amiExplorer.blockDevices', {
          region: 'us-east-1',
          imageId,
        }),
        panel,
      );

      // A malformed message is ignored: nothing is posted back.
      const posted = panel.posted.length;
      await panel.receive({ type: 'openSnapshotJson', snapshotId: '../../etc/passwd' });
      await panel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
      assert.equal(panel.posted.length, posted);

      // The snapshot's JSON opens as an ami: document.
      const snapshotId = init.rows[1]?.snapshotId ?? '';
      await panel.receive({ type: 'openSnapshotJson', snapshotId });
      const editor = await eventually(() => {
        const e = vscode.window.activeTextEditor;
        assert.ok(e && e.document.uri.path.endsWith(`${snapshotId}.json`), 'snapshot JSON open');
        return e;
      });
      assert.equal(editor.document.uri.scheme, 'ami');
      const json = JSON.parse(editor.document.getText()) as {
        Snapshot?: { SnapshotId?: string; Encrypted?: boolean; KmsKeyId?: string };
      };
      assert.equal(json.Snapshot?.SnapshotId, snapshotId);
      assert.equal(json.Snapshot?.Encrypted, true);
      assert.equal(json.Snapshot?.KmsKeyId, init.rows[1]?.kmsKeyId);
    });

    it('explains an instance-store AMI and shows its manifest and ephemeral devices', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'Instance store-backed',
        'legacy-s3-backed-2016.09',
      );
      await vscode.commands.executeCommand('amiExplorer.image.showBlockDevices', node);
      const panel = api.panels.find('amiExplorer.blockDevices', {
        region: 'us-east-1',
        imageId,
      }) as BlockDevicesPanel;
      const init = await initOf<HostToBlockDevices>(panel);
      assert.equal(init.header.backingType, 'instance-store');
      assert.equal(
        init.header.imageLocation,
        'ami-explorer-demo-bundles/legacy-s3-backed-2016.09/image.manifest.xml',
      );
      const ephemeral = init.rows.filter((r) => r.kind === 'instance-store');
      assert.deepEqual(
        ephemeral.map((r) => r.virtualName),
        ['ephemeral0', 'ephemeral1'],
      );
      assert.equal(init.totals.instanceStoreVolumes, 2);
    });
  });

  describe('launch permissions', () => {
    it('shows who may launch an AMI and the snapshots of an EBS AMI', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'EBS-backed',
        'shared-base-for-partner-1.4',
      );
      await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
      const panel = api.panels.find('amiExplorer.launchPermissions', {
        region: 'us-east-1',
        imageId,
      }) as LaunchPermissionsPanel;
      assert.ok(panel, 'a launch-permissions panel is open');
      const init = await initOf<HostToPermissions>(panel);
      assert.deepEqual(init.entries, [{ kind: 'account', value: '222222222222' }]);
      assert.equal(init.backingType, 'ebs');
      assert.equal(init.disabled, false);
      assert.equal(init.blockPublicAccess, 'unblocked');
      assert.ok(init.snapshots.length > 0, 'the snapshots are listed');
      assert.ok(init.snapshots.every((s) => Array.isArray(s.accounts)));
    });

    it('shows an instance-store AMI without snapshots', async () => {
      const { node, imageId } = await imageNode(
        api,
        'eu-west-1',
        'Instance store-backed',
        'legacy-eu-s3-backed-2017.03',
      );
      await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
      const panel = api.panels.find('amiExplorer.launchPermissions', {
        region: 'eu-west-1',
        imageId,
      }) as LaunchPermissionsPanel;
      const init = await initOf<HostToPermissions>(panel);
      assert.equal(init.backingType, 'instance-store');
      assert.deepEqual(init.snapshots, []);
      assert.deepEqual(init.entries, []);
    });

    it('explains that a disabled AMI cannot be shared and refuses to add to it', async () => {
      // Disabled AMIs are not listed by default; the palette path opens them by id.
      const sdk = ec2Sdk();
      const found = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({
          Owners: ['self'],
          IncludeDisabled: true,
          Filters: [{ Name: 'name', Values: ['retired-batch-2023.03'] }],
        }),
      );
      const imageId = found.Images?.[0]?.ImageId;
      assert.ok(imageId, 'the demo has a disabled AMI');
      const panel = api.panels.showLaunchPermissions({
        region: 'us-east-1',
        imageId,
      });
      const init = await initOf<HostToPermissions>(panel);
      assert.equal(init.disabled, true);
      assert.equal(init.state, 'disabled');
      await panel.receive({
        type: 'apply',
        desired: [{ kind: 'account', value: '222222222222' }],
        syncSnapshots: false,
      });
      const last = panel.lastPosted;
      assert.equal(last?.type, 'applyFailed');
      assert.match(
        last?.type === 'applyFailed' ? last.message : '',
        /disabled AMI cannot be shared/,
      );
      assert.deepEqual(await launchPermissions('us-east-1', imageId), []);
    });

    it('applies added and removed entries in one call and snapshot permissions with them', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'EBS-backed',
        'web-server-2024.11.2',
      );
      await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
      const panel = api.panels.find('amiExplorer.launchPermissions', {
        region: 'us-east-1',
        imageId,
      }) as LaunchPermissionsPanel;
      const before = await initOf<HostToPermissions>(panel);
      assert.deepEqual(before.entries, []);
      const snapshotIds = before.snapshots.map((s) => s.snapshotId);
      assert.ok(snapshotIds.length > 0);

      try {
        await panel.receive({
          type: 'apply',
          desired: [
            { kind: 'account', value: '222222222222' },
            { kind: 'account', value: '333333333333' },
            { kind: 'ou', value: OU },
            { kind: 'organization', value: ORG },
          ],
          syncSnapshots: true,
        });
        const after = await initOf<HostToPermissions>(panel);
        assert.match(after.notice ?? '', /added account 222222222222/);
        assert.deepEqual(
          (await launchPermissions('us-east-1', imageId)).sort(),
          ['222222222222', '333333333333', ORG, OU].sort(),
        );
        assert.deepEqual(
          after.entries.map((e) => (e.kind === 'public' ? 'all' : e.value)).sort(),
          ['222222222222', '333333333333', ORG, OU].sort(),
          'the panel re-read the attribute and shows the result',
        );
        for (const id of snapshotIds) {
          assert.deepEqual(await createVolumeAccounts('us-east-1', id), [
            '222222222222',
            '333333333333',
          ]);
        }

        // Remove one account and the organization: one call with a Remove list.
        await panel.receive({
          type: 'apply',
          desired: [
            { kind: 'account', value: '222222222222' },
            { kind: 'ou', value: OU },
          ],
          syncSnapshots: true,
        });
        await eventually(() =>
          assert.match((panel.lastPosted as PermissionsInit).notice ?? '', /removed account 333/),
        );
        assert.deepEqual(
          (await launchPermissions('us-east-1', imageId)).sort(),
          ['222222222222', OU].sort(),
        );
        for (const id of snapshotIds) {
          assert.deepEqual(await createVolumeAccounts('us-east-1', id), ['222222222222']);
        }
      } finally {
        await panel.receive({ type: 'apply', desired: [], syncSnapshots: true });
      }
      assert.deepEqual(await launchPermissions('us-east-1', imageId), []);
    });

    it('claims on its status line only what its own re-read shows', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'EBS-backed',
        'api-gateway-base-arm64-v3',
      );
      await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
      const panel = api.panels.find('amiExplorer.launchPermissions', {
        region: 'us-east-1',
        imageId,
      }) as LaunchPermissionsPanel;
      const before = await initOf<HostToPermissions>(panel);
      assert.deepEqual(before.entries, []);
      const snapshotIds = before.snapshots.map((s) => s.snapshotId);
      assert.ok(snapshotIds.length > 0);
      // EC2 applies the change; the panel's re-read of the snapshots' permissions then fails.
      await addFault({
        region: 'us-east-1',
        action: 'DescribeSnapshotAttribute',
        error: { code: 'UnauthorizedOperation', message: 'not authorized', status: 403 },
      });
      try {
        await panel.receive({
          type: 'apply',
          desired: [{ kind: 'account', value: '222222222222' }],
          syncSnapshots: true,
        });
        const after = await initOf<HostToPermissions>(panel);
        assert.equal(after.notice, 'Applied: added account 222222222222.');
        assert.doesNotMatch(after.notice ?? '', /granted/);
        const warnings = (after.warnings ?? []).join('\n');
        for (const id of snapshotIds) {
          assert.match(
            warnings,
            new RegExp(
              `${id}: EC2 accepted the create-volume permission change, but it could not be re-read`,
            ),
          );
        }
        await clearFaults();
        // The claim was withheld, not the change: EC2 has it.
        for (const id of snapshotIds) {
          assert.deepEqual(await createVolumeAccounts('us-east-1', id), ['222222222222']);
        }
      } finally {
        await clearFaults();
        await panel.receive({ type: 'refresh' });
        await initOf<HostToPermissions>(panel);
        await panel.receive({ type: 'apply', desired: [], syncSnapshots: true });
      }
      assert.deepEqual(await launchPermissions('us-east-1', imageId), []);
      for (const id of snapshotIds)
        assert.deepEqual(await createVolumeAccounts('us-east-1', id), []);
    });

    it('keeps the edits and names the entry when EC2 refuses the change', async () => {
      const { node, imageId } = await imageNode(
        api,
        'us-east-1',
        'EBS-backed',
        'web-server-2024.11.2',
      );
      await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
      const panel = api.panels.find('amiExplorer.launchPermissions', {
        region: 'us-east-1',
        imageId,
      }) as LaunchPermissionsPanel;
      await initOf<HostToPermissions>(panel);
      await addFault({
        action: 'ModifyImageAttribute',
        error: {
          code: 'InvalidAMIAttributeItemValue',
          message: 'Invalid attribute item value "444444444444" for userId item type.',
        },
      });
      await panel.receive({
        type: 'apply',
        desired: [
          { kind: 'account', value: '222222222222' },
          { kind: 'account', value: '444444444444' },
        ],
        syncSnapshots: false,
      });
      const last = panel.lastPosted;
      assert.equal(last?.type, 'applyFailed');
      if (last?.type === 'applyFailed') {
        assert.deepEqual(last.failedEntry, { kind: 'account', value: '444444444444' });
        assert.match(last.message, /account 444444444444/);
        assert.match(last.message, /Nothing was changed/);
      }
      assert.deepEqual(await launchPermissions('us-east-1', imageId), []);
    });

    it('does not make an AMI public while image block public access blocks it', async () => {
      const sdk = ec2Sdk();
      const client = ec2Client('eu-west-1');
      const { node, imageId } = await imageNode(
        api,
        'eu-west-1',
        'EBS-backed',
        'bastion-arm64-2024.08',
      );
      await client.send(
        new sdk.EnableImageBlockPublicAccessCommand({
          ImageBlockPublicAccessState: 'block-new-sharing',
        }),
      );
      // No answers: any question (the make-public confirmation) fails the test.
      const input = new TestUserInput([]);
      const installed = api.useUserInput(input);
      try {
        await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
        const panel = api.panels.find('amiExplorer.launchPermissions', {
          region: 'eu-west-1',
          imageId,
        }) as LaunchPermissionsPanel;
        const init = await initOf<HostToPermissions>(panel);
        assert.equal(init.blockPublicAccess, 'block-new-sharing');
        await panel.receive({ type: 'apply', desired: [{ kind: 'public' }], syncSnapshots: false });
        const last = panel.lastPosted;
        assert.equal(last?.type, 'applyFailed');
        assert.match(last?.type === 'applyFailed' ? last.message : '', /block public access is on/);
        input.assertDone(); // no confirmation for what cannot happen
        assert.deepEqual(await launchPermissions('eu-west-1', imageId), []);
      } finally {
        installed.dispose();
        await client.send(new sdk.DisableImageBlockPublicAccessCommand({}));
      }
    });

    it('makes an AMI public only after the confirmation, and private again', async () => {
      const { node, imageId } = await imageNode(
        api,
        'eu-west-1',
        'EBS-backed',
        'bastion-arm64-2024.08',
      );
      const makePublic = new RegExp(
        `^Make bastion-arm64-2024\\.08 \\(${imageId}\\) public in eu-west-1\\?$`,
      );
      const input = new TestUserInput(['escape', { confirm: 'Make Public', message: makePublic }]);
      const installed = api.useUserInput(input);
      try {
        await vscode.commands.executeCommand('amiExplorer.image.editPermissions', node);
        const panel = api.panels.find('amiExplorer.launchPermissions', {
          region: 'eu-west-1',
          imageId,
        }) as LaunchPermissionsPanel;
        await initOf<HostToPermissions>(panel);
        await panel.receive({ type: 'apply', desired: [{ kind: 'public' }], syncSnapshots: false });
        assert.equal(panel.lastPosted?.type, 'applyCancelled');
        assert.deepEqual(await launchPermissions('eu-west-1', imageId), []);

        await panel.receive({ type: 'apply', desired: [{ kind: 'public' }], syncSnapshots: false });
        const init = await initOf<HostToPermissions>(panel);
        assert.deepEqual(init.entries, [{ kind: 'public' }]);
        assert.deepEqual(await launchPermissions('eu-west-1', imageId), ['all']);
        input.assertDone();
        assert.equal(
          input.asked.filter((a) => makePublic.test(a.replace(/^modal: /, ''))).length,
          2,
        );

        await panel.receive({ type: 'apply', desired: [], syncSnapshots: false });
        assert.deepEqual(await launchPermissions('eu-west-1', imageId), []);
      } finally {
        installed.dispose();
      }
    });
  });
});
