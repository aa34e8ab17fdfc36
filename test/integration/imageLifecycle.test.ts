import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import { addFault, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer, manifest } from './extensionUnderTest';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { render, renderAll } from './renderedTree';
import type { ScriptedAnswer, TestUserInput } from './testUserInput';
import { withAnswers } from './testUserInput';
import { setSettings } from './userSettings';

const REGION = 'us-east-1';
/** The demo image with two EBS volumes: its copies have two snapshots. */
const SOURCE_NAME = 'api-gateway-base-arm64-v3';
const RUN = Date.now().toString(36);

/**
 * Runs a command on a tree node (and selection) as a user would, answering what it asks; the
 * questions are the real ones (tag editor, inputs, presets, modals).
 */
async function run(
  command: string,
  node: unknown,
  selection?: unknown[],
  answers: ScriptedAnswer[] = [],
): Promise<TestUserInput> {
  const { input } = await withAnswers(answers, () =>
    vscode.commands.executeCommand(`amiExplorer.image.${command}`, node, selection),
  );
  return input;
}

async function describeImage(imageId: string) {
  const sdk = ec2Sdk();
  const result = await ec2Client(REGION).send(
    new sdk.DescribeImagesCommand({
      ImageIds: [imageId],
      IncludeDeprecated: true,
      IncludeDisabled: true,
    }),
  );
  const image = result.Images?.[0];
  assert.ok(image, `${imageId} is described`);
  return image;
}

function tagsOf(tags: readonly { Key?: string; Value?: string }[] | undefined) {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Copies the demo image with two volumes (tagging image and snapshots) and waits for it. */
async function freshImage(suffix: string): Promise<string> {
  const sdk = ec2Sdk();
  const client = ec2Client(REGION);
  const listed = await client.send(
    new sdk.DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: [SOURCE_NAME] }],
    }),
  );
  const sourceId = listed.Images?.[0]?.ImageId;
  assert.ok(sourceId, SOURCE_NAME);
  const tags = [
    { Key: 'env', Value: 'test' },
    { Key: 'temp', Value: 'yes' },
  ];
  const copy = await client.send(
    new sdk.CopyImageCommand({
      SourceImageId: sourceId,
      SourceRegion: REGION,
      Name: `lifecycle-${RUN}-${suffix}`,
      TagSpecifications: [
        { ResourceType: 'image', Tags: tags },
        { ResourceType: 'snapshot', Tags: tags },
      ],
    }),
  );
  const imageId = copy.ImageId ?? '';
  await eventually(async () => assert.equal((await describeImage(imageId)).State, 'available'), {
    timeoutMs: 20_000,
    intervalMs: 250,
  });
  return imageId;
}

/** The image's row in the Images tree; reloads the region once if it was listed before the image existed. */
async function imageNode(imageId: string) {
  const { imagesTree } = await amiExplorer();
  return eventually(async () => {
    await imagesTree.getChildren();
    const region = imagesTree.regionNode(REGION);
    assert.ok(region, `${REGION} is listed`);
    await region.load();
    const node = imagesTree.findImage(REGION, imageId);
    if (!node) imagesTree.refreshRegion(region);
    assert.ok(node, `${imageId} is in the tree`);
    return node;
  });
}

/** The mutating calls EC2 received (reads by the tree and open JSON tabs are left out). */
function mutations(calls: readonly { action: string }[]): string[] {
  return calls.map((c) => c.action).filter((a) => !a.startsWith('Describe'));
}

describe('Tags and lifecycle of an AMI (real commands, local EC2)', function () {
  this.timeout(60_000);
  const endpoint = routeThroughRecordingEndpoint();
  const created: string[] = [];
  let imageA = '';
  let imageB = '';

  before(async () => {
    imageA = await freshImage('a');
    imageB = await freshImage('b');
    created.push(imageA, imageB);
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  after(async () => {
    const sdk = ec2Sdk();
    const client = ec2Client(REGION);
    for (const imageId of created) {
      await client
        .send(new sdk.DisableImageDeregistrationProtectionCommand({ ImageId: imageId }))
        .catch(() => undefined);
      await client.send(
        new sdk.DeregisterImageCommand({ ImageId: imageId, DeleteAssociatedSnapshots: true }),
      );
    }
  });

  it('adds, changes and removes tags on the AMI and its snapshots with one call each; the row and the JSON tab follow', async () => {
    const { imagesTree } = await amiExplorer();
    const node = await imageNode(imageA);
    const snapshots = (node.ami.blockDevices ?? []).flatMap((d) =>
      d.ebs?.snapshotId ? [d.ebs.snapshotId] : [],
    );
    assert.equal(snapshots.length, 2, 'the copy has two snapshots');
    const { documents } = await amiExplorer();
    const uri = await documents.load({ region: REGION, resourceId: imageA });
    const editor = await vscode.window.showTextDocument(uri);
    assert.doesNotMatch(editor.document.getText(), /"owner"/);
    const changed: unknown[] = [];
    const subscription = imagesTree.onDidChangeTreeData((n) => changed.push(n));
    endpoint().clear();
    try {
      await run('editTags', node, undefined, [
        { pick: 'env = test' },
        { text: 'staging' },
        { pick: 'Add tag…' },
        { text: 'owner' },
        { text: 'ops' },
        { pick: 'Remove tags…' },
        { pick: ['temp = yes'] },
        { pick: /Also apply to its 2 EBS snapshots/ },
        { pick: 'Apply changes' },
      ]);
    } finally {
      subscription.dispose();
    }
    // What EC2 received: exactly one CreateTags and one DeleteTags on the image and its snapshots.
    const creates = endpoint().calls({ action: 'CreateTags' });
    const deletes = endpoint().calls({ action: 'DeleteTags' });
    assert.equal(creates.length, 1);
    assert.equal(deletes.length, 1);
    const resources = (params: URLSearchParams) =>
      [...params].filter(([k]) => k.startsWith('ResourceId.')).map(([, v]) => v);
    assert.deepEqual(resources(creates[0].params), [imageA, ...snapshots]);
    assert.deepEqual(resources(deletes[0].params), [imageA, ...snapshots]);
    assert.equal(deletes[0].params.get('Tag.1.Key'), 'temp');
    assert.equal(deletes[0].params.has('Tag.2.Key'), false);

    assert.deepEqual(tagsOf((await describeImage(imageA)).Tags), { env: 'staging', owner: 'ops' });
    const sdk = ec2Sdk();
    const described = await ec2Client(REGION).send(
      new sdk.DescribeSnapshotsCommand({ SnapshotIds: snapshots }),
    );
    for (const snapshot of described.Snapshots ?? []) {
      assert.deepEqual(
        tagsOf(snapshot.Tags),
        { env: 'staging', owner: 'ops' },
        snapshot.SnapshotId,
      );
    }

    // The same node, re-rendered alone, with the new record.
    const after = imagesTree.findImage(REGION, imageA);
    assert.equal(after, node, 'updated in place');
    assert.deepEqual(tagsOf(after.ami.tags.map((t) => ({ Key: t.key, Value: t.value }))), {
      env: 'staging',
      owner: 'ops',
    });
    assert.ok(changed.includes(node), 'the row was re-rendered');
    assert.ok(!changed.includes(undefined), 'no full refresh');
    // The open AMI JSON tab reloads.
    await eventually(() => assert.match(editor.document.getText(), /"Value": "ops"/));
    assert.doesNotMatch(editor.document.getText(), /"Key": "temp"/);
  });

  it('tags the image only unless snapshots are chosen', async () => {
    const node = await imageNode(imageB);
    endpoint().clear();
    await run('editTags', node, undefined, [
      { pick: 'Add tag…' },
      { text: 'only-image' },
      { text: '1' },
      { pick: 'Apply changes' },
    ]);
    const [create] = endpoint().calls({ action: 'CreateTags' });
    assert.equal(create?.params.get('ResourceId.1'), imageB);
    assert.equal(create?.params.has('ResourceId.2'), false);
    assert.equal(endpoint().calls({ action: 'DeleteTags' }).length, 0);
    assert.equal(tagsOf((await describeImage(imageB)).Tags)['only-image'], '1');
  });

  it('refuses a reserved aws: key before any call', async () => {
    const node = await imageNode(imageB);
    endpoint().clear();
    await run('editTags', node, undefined, [
      { pick: 'Add tag…' },
      { text: 'aws:owner', invalid: /aws:/ },
      'escape',
      'escape',
    ]);
    assert.deepEqual(mutations(endpoint().calls()), []);
    assert.equal(tagsOf((await describeImage(imageB)).Tags)['aws:owner'], undefined);
  });

  it('adds one tag to a multi-selection and reports a failure per AMI', async () => {
    const a = await imageNode(imageA);
    const b = await imageNode(imageB);
    endpoint().clear();
    const addTag = (key: string, value: string): ScriptedAnswer[] => [
      { text: key, title: /^Add Tag to 2 AMIs \(1\/3\)$/ },
      { text: value },
      { pick: 'AMIs only' },
    ];
    await run('editTags', a, [a, b], addTag('team', 'platform'));
    assert.equal(endpoint().calls({ action: 'CreateTags' }).length, 2, 'one call per AMI');
    assert.equal(tagsOf((await describeImage(imageA)).Tags).team, 'platform');
    assert.equal(tagsOf((await describeImage(imageB)).Tags).team, 'platform');

    // One AMI fails: the other is still tagged, and its row is updated.
    // Not retryable, so the SDK's retries do not hide it.
    endpoint().failNext('CreateTags', REGION, 1, {
      code: 'TagLimitExceeded',
      message: 'The maximum number of tags for a resource is 50.',
      status: 400,
    });
    const input = await run('editTags', a, [a, b], addTag('batch', '2'));
    assert.equal(input.shown(/1 succeeded, 1 failed/).length, 1, 'the report names the failure');
    const batch = [imageA, imageB].map(async (id) => tagsOf((await describeImage(id)).Tags).batch);
    const values = await Promise.all(batch);
    assert.equal(values.filter((v) => v === '2').length, 1, `one AMI tagged: ${values.join(',')}`);
  });

  it('edits the description (ModifyImageAttribute) and shows it in the tooltip', async () => {
    const { imagesTree } = await amiExplorer();
    const node = await imageNode(imageA);
    endpoint().clear();
    await run('editDescription', node, undefined, [{ text: 'Edited by the lifecycle test' }]);
    const [modify] = endpoint().calls({ action: 'ModifyImageAttribute' });
    assert.equal(modify?.params.get('Description.Value'), 'Edited by the lifecycle test');
    assert.equal((await describeImage(imageA)).Description, 'Edited by the lifecycle test');
    const row = await render(imagesTree, node);
    assert.match(row.tooltip ?? '', /Edited by the lifecycle test/);

    endpoint().clear();
    await run('editDescription', node, undefined, [
      { text: 'x'.repeat(256), invalid: /at most 255 characters/ },
      'escape',
    ]);
    assert.deepEqual(mutations(endpoint().calls()), []);
  });

  it('schedules deprecation in the future, refuses the past before any call, and cancels', async () => {
    const { imagesTree } = await amiExplorer();
    const node = await imageNode(imageA);
    endpoint().clear();
    await run('deprecate', node, undefined, [
      { pick: 'Custom…' },
      { text: '2020-01-01 00:00', invalid: /future/ },
      'escape',
      'escape',
    ]);
    assert.deepEqual(mutations(endpoint().calls()), []);
    assert.equal((await describeImage(imageA)).DeprecationTime, undefined);

    const at = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const typed = at.toISOString().slice(0, 16).replace('T', ' ');
    await run('deprecate', node, undefined, [{ pick: 'Custom…' }, { text: typed }]);
    const [call] = endpoint().calls({ action: 'EnableImageDeprecation' });
    const expected = `${typed.replace(' ', 'T')}:00.000Z`;
    assert.equal(new Date(call?.params.get('DeprecateAt') ?? '').toISOString(), expected);
    assert.equal(
      new Date((await describeImage(imageA)).DeprecationTime ?? '').toISOString(),
      expected,
    );
    let row = await render(imagesTree, node);
    assert.match(row.tooltip ?? '', /Deprecates on/);
    assert.match(row.contextValue ?? '', /\bcanCancelDeprecation\b/);

    await run('cancelDeprecation', node);
    assert.equal(endpoint().calls({ action: 'DisableImageDeprecation' }).length, 1);
    assert.equal((await describeImage(imageA)).DeprecationTime, undefined);
    row = await render(imagesTree, node);
    assert.doesNotMatch(row.contextValue ?? '', /\bcanCancelDeprecation\b/);
    assert.match(row.tooltip ?? '', /Deprecation \| Not scheduled/);
  });

  it('a change cancelled while under way is reported as unknown, never silently dropped', async () => {
    const api = await amiExplorer();
    const node = await imageNode(imageA);
    const description = `set while cancelled ${RUN}`;
    // EC2 applies the change and holds its answer: for the extension it is still under way.
    await addFault({ action: 'ModifyImageAttribute', hangAfterApply: {}, times: 1 });
    try {
      const running = withAnswers([{ text: description }], () =>
        vscode.commands.executeCommand('amiExplorer.image.editDescription', node),
      );
      await eventually(async () =>
        assert.equal((await describeImage(imageA)).Description, description),
      );
      assert.equal(api.cancelProgress(), 1);
      const { input } = await running;
      assert.match(
        input.notifications.map((n) => `${n.severity}: ${n.message}`).join('\n'),
        new RegExp(
          `^error: Edit Description: ${imageA} \\(lifecycle-${RUN}-a\\) — unknown whether it was applied: the request was cancelled while it was under way; refresh to see what EC2 shows\\.$`,
          'm',
        ),
      );
    } finally {
      await clearFaults();
    }
  });

  it('deregistration protection blocks DeregisterImage until it is disabled (no cooldown)', async () => {
    const { imagesTree } = await amiExplorer();
    const node = await imageNode(imageB);
    endpoint().clear();
    await run('enableProtection', node, undefined, [{ pick: 'Without cooldown' }]);
    const [enable] = endpoint().calls({ action: 'EnableImageDeregistrationProtection' });
    assert.equal(enable?.params.get('WithCooldown'), 'false');
    assert.equal(
      (await describeImage(imageB)).DeregistrationProtection,
      'enabled-without-cooldown',
    );
    let row = await render(imagesTree, node);
    assert.match(row.contextValue ?? '', /\bcanUnprotect\b/);
    assert.doesNotMatch(row.contextValue ?? '', /\bcanProtect\b/);

    const sdk = ec2Sdk();
    await assert.rejects(
      ec2Client(REGION).send(new sdk.DeregisterImageCommand({ ImageId: imageB })),
      (error: Error) => error.name === 'OperationNotPermitted',
    );

    await run('disableProtection', node);
    assert.equal((await describeImage(imageB)).DeregistrationProtection, 'disabled');
    row = await render(imagesTree, node);
    assert.match(row.contextValue ?? '', /\bcanProtect\b/);
  });

  it('with the 24-hour cooldown, the AMI stays protected after disabling', async () => {
    // This copy stays registered: the cooldown outlasts the run (it is the point of the test).
    const imageId = await freshImage('cooldown');
    const node = await imageNode(imageId);
    endpoint().clear();
    await run('enableProtection', node, undefined, [{ pick: 'With 24-hour cooldown' }]);
    assert.equal(
      endpoint()
        .calls({ action: 'EnableImageDeregistrationProtection' })[0]
        ?.params.get('WithCooldown'),
      'true',
    );
    assert.equal((await describeImage(imageId)).DeregistrationProtection, 'enabled-with-cooldown');
    await run('disableProtection', node);
    assert.match(
      (await describeImage(imageId)).DeregistrationProtection ?? '',
      /^disabled-until-\d{4}-/,
    );
    const sdk = ec2Sdk();
    await assert.rejects(
      ec2Client(REGION).send(new sdk.DeregisterImageCommand({ ImageId: imageId })),
      (error: Error) => error.name === 'OperationNotPermitted',
    );
  });

  it('disables an AMI (permissions gone, row shows disabled) and enables it without restoring them', async () => {
    const { imagesTree } = await amiExplorer();
    const sdk = ec2Sdk();
    const client = ec2Client(REGION);
    await client.send(
      new sdk.ModifyImageAttributeCommand({
        ImageId: imageA,
        LaunchPermission: { Add: [{ UserId: '222222222222' }] },
      }),
    );
    const node = await imageNode(imageA);
    endpoint().clear();
    await run('disable', node, undefined, [{ confirm: 'Disable', message: /^Disable lifecycle-/ }]);
    const actions = endpoint()
      .calls()
      .map((c) => c.action);
    assert.ok(
      actions.indexOf('DescribeImageAttribute') < actions.indexOf('DisableImage'),
      `permissions read before disabling: ${actions.join(', ')}`,
    );
    assert.equal((await describeImage(imageA)).State, 'disabled');
    const permissions = async () =>
      (
        await client.send(
          new sdk.DescribeImageAttributeCommand({ ImageId: imageA, Attribute: 'launchPermission' }),
        )
      ).LaunchPermissions ?? [];
    assert.deepEqual(await permissions(), []);
    let row = await render(imagesTree, node);
    assert.equal(imagesTree.findImage(REGION, imageA), node, 'still shown, in place');
    assert.deepEqual(row.icon, { id: 'circle-slash', color: 'disabledForeground' });
    assert.match(row.description ?? '', /^disabled · /);
    assert.match(row.contextValue ?? '', /\bcanEnable\b/);
    assert.doesNotMatch(row.contextValue ?? '', /\bcanDisable\b/);

    await run('enable', node);
    assert.equal((await describeImage(imageA)).State, 'available');
    assert.deepEqual(await permissions(), [], 're-enabling does not restore launch permissions');
    row = await render(imagesTree, node);
    assert.deepEqual(row.icon, { id: 'pass', color: 'testing.iconPassed' });
    assert.match(row.contextValue ?? '', /\bcanDisable\b/);
  });

  it('offers every Lifecycle submenu entry on a real node (disabled AMIs listed)', async () => {
    const { imagesTree } = await amiExplorer();
    const restore = await setSettings({ 'listing.includeDisabled': true });
    try {
      imagesTree.refresh();
      const values = await eventually(async () => {
        const all = (await renderAll(imagesTree)).map((n) => n.contextValue ?? '');
        assert.ok(
          all.some((v) => /\bcanEnable\b/.test(v)),
          'the disabled demo AMI is listed',
        );
        return all;
      });
      const entries = manifest().contributes.menus['amiExplorer.image.lifecycle'] ?? [];
      assert.equal(entries.length, 7);
      const unmatched = entries
        .map((e) => e.when ?? '')
        // Remove from My Account… is for AMIs of other accounts, which "My AMIs" never lists
        // (imageGlance.test.ts runs it on one shared with the demo account).
        .filter((when) => !/\\bnotOwned\\b/.test(when))
        .filter((when) => {
          const pattern = /viewItem =~ \/(.+)\//.exec(when)?.[1] ?? '^$';
          return !values.some((v) => new RegExp(pattern).test(v));
        });
      assert.deepEqual(unmatched, []);
    } finally {
      await restore();
    }
  });
});
