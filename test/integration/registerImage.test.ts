import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeFailureState, planReregister } from '../../src/core/model/reregistration';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import type { Ami } from '../../src/core/model/ami';
import { shortImageId } from '../../src/core/model/ami';
import { addFault, advanceEmulatorClock, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { childNamed, imageIdOf, render, renderChildren, type RenderedNode } from './renderedTree';
import type { ScriptedAnswer } from './testUserInput';
import { withAnswers } from './testUserInput';

/** Runs a command as the user would, answering its wizard or dialogs. */
async function run(command: string, arg: unknown, answers: ScriptedAnswer[]) {
  return withAnswers(answers, () => vscode.commands.executeCommand(command, arg));
}

const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}`;

/** The image row labelled `name` under a region's group (loads the region). */
async function imageRow(region: string, group: string, name: string) {
  const { imagesTree } = await amiExplorer();
  const regionRow = await childNamed(imagesTree, undefined, region);
  const groupRow = await childNamed(imagesTree, regionRow.node, group);
  return childNamed(imagesTree, groupRow.node, name);
}

/** Waits until the row settles as available (the emulator's clock is advanced for it). */
async function settles(row: Awaited<ReturnType<typeof imageRow>>, imageId: string): Promise<void> {
  const { imagesTree } = await amiExplorer();
  await advanceEmulatorClock(60_000);
  await eventually(
    async () =>
      assert.equal(
        (await render(imagesTree, row.node)).description,
        `available · ${shortImageId(imageId)}`,
      ),
    { timeoutMs: 20_000, intervalMs: 200 },
  );
}

const idOf = (row: RenderedNode<unknown>): string => imageIdOf(row) ?? '';

describe('Register and re-register images', () => {
  const endpoint = routeThroughRecordingEndpoint();
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('registers an instance store-backed image from an S3 manifest', async () => {
    const { operations } = await amiExplorer();
    await imageRow('us-east-1', 'Instance store-backed', 'legacy-s3-backed-2016.09');
    const name = unique('it-manifest');
    endpoint().clear();
    const { input } = await run('amiExplorer.image.register', 'us-east-1', [
      { pick: /Instance store-backed, from an S3 manifest/, title: /\(1\/6\)$/ },
      { text: 'not a manifest', invalid: /manifest/i },
      { text: 's3://it-bucket/web/image.manifest.xml' },
      // The name is checked against EC2 as it is typed: a taken one is refused.
      { text: 'legacy-s3-backed-2016.09', invalid: /already exists/ },
      { text: name },
      { text: 'registered by a test' },
      { pick: 'x86_64' },
      { pick: 'paravirtual' },
      { text: 'aki-0123abcd' },
      { text: '' },
    ]);
    assert.equal(input.shown(/Registered ".*" \(ami-/).length, 1, 'the user is told');

    const [register] = endpoint().calls({ action: 'RegisterImage', region: 'us-east-1' });
    assert.ok(register, 'RegisterImage was sent');
    assert.equal(register.params.get('ImageLocation'), 'it-bucket/web/image.manifest.xml');
    assert.equal(register.params.get('Name'), name);
    assert.equal(register.params.get('VirtualizationType'), 'paravirtual');
    assert.equal(register.params.get('KernelId'), 'aki-0123abcd');
    assert.equal(register.params.get('Architecture'), 'x86_64');

    const row = await imageRow('us-east-1', 'Instance store-backed', name);
    const imageId = idOf(row);
    assert.equal(row.description, `pending · ${shortImageId(imageId)}`);
    assert.ok(operations.list().some((o) => o.imageId === imageId && o.kind === 'register'));
    await settles(row, imageId);
  });

  it('registers an EBS image from snapshots; each volume keeps its snapshot’s encryption', async () => {
    const { imageRegistration } = await amiExplorer();
    const snapshots = await imageRegistration.listSnapshots('us-east-1');
    const encrypted = snapshots.filter((s) => s.encrypted && s.state === 'completed');
    const plain = snapshots.find((s) => !s.encrypted && s.state === 'completed');
    assert.ok(encrypted.length >= 1 && plain, 'the demo has encrypted and plain snapshots');
    const [data] = encrypted;
    assert.ok(data);
    await imageRow('us-east-1', 'EBS-backed', 'web-server-2024.10.1');
    const name = unique('it-snapshot');
    endpoint().clear();

    await run('amiExplorer.image.register', 'us-east-1', [
      { pick: /EBS-backed, from a snapshot/ },
      { pick: new RegExp(plain.snapshotId) },
      { text: '/dev/xvda' },
      { pick: 'x86_64' },
      { pick: 'uefi-preferred' },
      { pick: 'ENA enabled' },
      { pick: [new RegExp(data.snapshotId)] },
      { text: '/dev/xvda', invalid: /already used/ },
      { text: '/dev/sdf' },
      { text: name },
      { text: '' },
    ]);

    const [register] = endpoint().calls({ action: 'RegisterImage' });
    assert.ok(register);
    assert.equal(register.params.get('RootDeviceName'), '/dev/xvda');
    assert.equal(register.params.get('BlockDeviceMapping.1.Ebs.SnapshotId'), plain.snapshotId);
    assert.equal(register.params.get('BlockDeviceMapping.2.Ebs.SnapshotId'), data.snapshotId);
    assert.equal(register.params.get('BlockDeviceMapping.2.Ebs.DeleteOnTermination'), 'true');
    // The snapshot decides encryption and key: the request names neither.
    for (const key of register.params.keys()) assert.doesNotMatch(key, /Encrypted|KmsKeyId/);

    const row = await imageRow('us-east-1', 'EBS-backed', name);
    const imageId = idOf(row);
    await settles(row, imageId);
    const sdk = ec2Sdk();
    const out = await ec2Client('us-east-1').send(
      new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
    );
    const mappings = out.Images?.[0]?.BlockDeviceMappings ?? [];
    assert.equal(mappings.find((m) => m.DeviceName === '/dev/xvda')?.Ebs?.Encrypted, false);
    assert.equal(mappings.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.Encrypted, true);
    assert.equal(out.Images?.[0]?.BootMode, 'uefi-preferred');
  });

  it('a lost RegisterImage answer is not retried: the image EC2 registered is found by name, adopted and tracked', async () => {
    const { operations } = await amiExplorer();
    await imageRow('us-east-1', 'Instance store-backed', 'legacy-s3-backed-2016.09');
    const name = unique('it-lost-answer');
    endpoint().clear();
    await addFault({ action: 'RegisterImage', dropAfterApply: {}, times: 1 });
    try {
      const { result, input } = await run('amiExplorer.image.register', 'us-east-1', [
        { pick: /Instance store-backed, from an S3 manifest/ },
        { text: 's3://it-bucket/lost/image.manifest.xml' },
        { text: name },
        { text: '' },
        { pick: 'x86_64' },
        { pick: 'hvm' },
      ]);
      const image = result as Ami | undefined;
      assert.ok(image?.imageId);
      assert.equal(endpoint().calls({ action: 'RegisterImage' }).length, 1, 'sent once');
      assert.equal(
        input.shown(
          /^Registered ".*" \(ami-[0-9a-f]+\) in us-east-1 \(confirmed by re-reading: the request ended without a clear answer \("/,
        ).length,
        1,
      );
      assert.ok(
        operations.list().some((o) => o.imageId === image.imageId && o.kind === 'register'),
      );
    } finally {
      await clearFaults();
    }
  });

  it('refuses a taken name before RegisterImage', async () => {
    const { imageRegistration } = await amiExplorer();
    endpoint().clear();
    await assert.rejects(
      imageRegistration.register('us-east-1', {
        kind: 'instance-store',
        manifestPath: 'it-bucket/x/image.manifest.xml',
        name: 'legacy-s3-backed-2016.09',
        architecture: 'x86_64',
        virtualizationType: 'hvm',
      }),
      /An AMI named "legacy-s3-backed-2016\.09" already exists in us-east-1/,
    );
    assert.equal(endpoint().calls({ action: 'RegisterImage' }).length, 0);
  });

  it('re-registers an instance store-backed AMI, keeping its launch permissions and tags', async () => {
    const { imagesTree, operations } = await amiExplorer();
    const sdk = ec2Sdk();
    const client = ec2Client('us-east-1');
    const name = unique('it-reregister');
    // Arrange, as another tool would: a registered, shared and tagged instance store-backed AMI.
    const registered = await client.send(
      new sdk.RegisterImageCommand({
        Name: name,
        Description: 'before the update',
        ImageLocation: 'it-bucket/v1/image.manifest.xml',
        Architecture: 'x86_64',
        VirtualizationType: 'paravirtual',
        KernelId: 'aki-0123abcd',
      }),
    );
    const oldId = registered.ImageId ?? '';
    await client.send(
      new sdk.ModifyImageAttributeCommand({
        ImageId: oldId,
        LaunchPermission: { Add: [{ UserId: '222222222222' }] },
      }),
    );
    await client.send(
      new sdk.CreateTagsCommand({
        Resources: [oldId],
        Tags: [
          { Key: 'team', Value: 'legacy' },
          { Key: 'tier', Value: 'web' },
        ],
      }),
    );
    await advanceEmulatorClock(60_000);
    imagesTree.refresh();
    const before = await imageRow('us-east-1', 'Instance store-backed', name);
    assert.equal(idOf(before), oldId);
    assert.match(before.contextValue ?? '', /\bcanReregister\b/);
    endpoint().clear();

    const { input } = await run('amiExplorer.image.reregister', before.node, [
      { text: 'it-bucket/v2/image.manifest.xml' },
      { confirm: 'Re-register', message: new RegExp(`^Re-register ${name} \\(${oldId}\\)`) },
    ]);
    assert.deepEqual(input.shown(/failed/), [], 'no failure reported');

    // The calls, in order: capture, deregister, register, permissions, tags.
    const actions = endpoint()
      .calls({ region: 'us-east-1' })
      .map((c) => c.action)
      .filter((a) => a !== 'DescribeImages');
    assert.deepEqual(actions, [
      'DescribeImageAttribute',
      'DeregisterImage',
      'RegisterImage',
      'ModifyImageAttribute',
      'CreateTags',
    ]);
    const [register] = endpoint().calls({ action: 'RegisterImage' });
    assert.equal(register?.params.get('ImageLocation'), 'it-bucket/v2/image.manifest.xml');
    assert.equal(register?.params.get('KernelId'), 'aki-0123abcd');
    assert.equal(register?.params.get('Description'), 'before the update');

    const found = await client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [name] }],
      }),
    );
    assert.equal(found.Images?.length, 1, 'exactly one image has the name');
    const fresh = found.Images?.[0];
    const newId = fresh?.ImageId ?? '';
    assert.notEqual(newId, oldId);
    assert.equal(fresh?.ImageLocation, 'it-bucket/v2/image.manifest.xml');
    assert.equal(fresh?.VirtualizationType, 'paravirtual');
    assert.deepEqual(
      [...(fresh?.Tags ?? [])].sort((a, b) => (a.Key ?? '').localeCompare(b.Key ?? '')),
      [
        { Key: 'team', Value: 'legacy' },
        { Key: 'tier', Value: 'web' },
      ],
    );
    const permissions = await client.send(
      new sdk.DescribeImageAttributeCommand({ ImageId: newId, Attribute: 'launchPermission' }),
    );
    assert.deepEqual(permissions.LaunchPermissions, [{ UserId: '222222222222' }]);

    // The tree: the old row is gone, the new one is there (pending, then available) and tracked.
    const group = await childNamed(
      imagesTree,
      (await childNamed(imagesTree, undefined, 'us-east-1')).node,
      'Instance store-backed',
    );
    const rows = await renderChildren(imagesTree, group.node);
    assert.ok(!rows.some((r) => idOf(r) === oldId), 'the old image left the tree');
    const after = rows.find((r) => r.label === name);
    assert.ok(after, rows.map((r) => r.label).join(', '));
    assert.equal(idOf(after), newId);
    assert.ok(
      operations.list().some((o) => o.imageId === newId && o.kind === 'reregister') ||
        after.description === `available · ${shortImageId(newId)}`,
    );
    await settles(after, newId);
  });

  it('re-register that fails at RegisterImage says the old AMI is gone and what it was', async () => {
    const { imageRegistration } = await amiExplorer();
    const sdk = ec2Sdk();
    const client = ec2Client('us-east-1');
    const name = unique('it-rereg-fails');
    const registered = await client.send(
      new sdk.RegisterImageCommand({
        Name: name,
        ImageLocation: 'it-bucket/v1/fails.manifest.xml',
        Architecture: 'x86_64',
        VirtualizationType: 'hvm',
      }),
    );
    const oldId = registered.ImageId ?? '';
    await client.send(
      new sdk.ModifyImageAttributeCommand({
        ImageId: oldId,
        LaunchPermission: { Add: [{ UserId: '333333333333' }] },
      }),
    );
    await advanceEmulatorClock(60_000);
    const captured = await imageRegistration.capture('us-east-1', oldId);
    const steps = planReregister(captured, { manifestPath: 'it-bucket/v2/fails.manifest.xml' });
    assert.ok(!('error' in steps), 'error' in steps ? steps.error : '');
    endpoint().clear();
    endpoint().failNext('RegisterImage', 'us-east-1', 1, {
      code: 'InvalidManifest',
      message: 'The manifest could not be read.',
      status: 400,
    });

    const progress = await imageRegistration.reregister(captured, steps);

    assert.deepEqual(
      progress.done.map((s) => s.kind),
      ['deregister'],
    );
    assert.equal(endpoint().calls({ action: 'ModifyImageAttribute' }).length, 0);
    const state = describeFailureState(captured, steps, progress) ?? '';
    assert.match(state, new RegExp(`^${oldId} was deregistered; registering failed: `));
    assert.match(state, /The manifest could not be read/);
    assert.match(state, /manifest it-bucket\/v1\/fails\.manifest\.xml/);
    assert.match(state, /shared with 333333333333/);
    // And that is the truth: the old AMI is gone, no image has the name.
    const left = await client.send(
      new sdk.DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: [name] }],
      }),
    );
    assert.deepEqual(left.Images ?? [], []);
  });

  it('re-register refuses an EBS-backed AMI before changing anything', async () => {
    const { imageRegistration } = await amiExplorer();
    const ebs = await imageRow('us-east-1', 'EBS-backed', 'web-server-2024.10.1');
    assert.doesNotMatch(ebs.contextValue ?? '', /\bcanReregister\b/);
    endpoint().clear();
    await assert.rejects(
      imageRegistration.capture('us-east-1', idOf(ebs)),
      /is EBS-backed: only instance store-backed AMIs are re-registered/,
    );
    assert.equal(endpoint().calls({ action: 'DeregisterImage' }).length, 0);
  });
});
