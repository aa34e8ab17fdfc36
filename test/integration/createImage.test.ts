import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ec2Client, ec2Sdk } from './ec2TestClient';
import type { CreateImageResult } from '../../src/core/services/imageCreationService';
import { addFault, advanceEmulatorClock, clearFaults } from './emulatorAdmin';
import { eventually } from './eventually';
import { amiExplorer } from './extensionUnderTest';
import { myImageNamed } from './imageOperationsFixtures';
import type { RecordedCall } from './recordingEndpoint';
import { routeThroughRecordingEndpoint } from './routedEndpoint';
import { childNamed, imageIdOf, render } from './renderedTree';
import { shortImageId } from '../../src/core/model/ami';
import type { ScriptedAnswer } from './testUserInput';
import { withAnswers } from './testUserInput';

/** Runs Create Image… on an instance row, answering the wizard and its dialogs. */
function createImage(node: unknown, answers: ScriptedAnswer[]) {
  return withAnswers(answers, () =>
    vscode.commands.executeCommand('amiExplorer.instance.createImage', node),
  );
}

/** A name no other test (or earlier run of this one) uses. */
const unique = (prefix: string): string => `${prefix} ${Date.now().toString(36)}`;

/** The duplicate-name check (the tree's own polling of pending images also sends DescribeImages). */
function isNameCheck(call: RecordedCall): boolean {
  return call.action === 'DescribeImages' && call.params.get('Filter.1.Name') === 'name';
}

/** The instance row labelled `name` in `region`. */
async function instanceRow(region: string, name: string) {
  const { instancesTree } = await amiExplorer();
  const regionRow = await childNamed(instancesTree, undefined, region);
  return childNamed(instancesTree, regionRow.node, name);
}

/** The image row labelled `name` under a region's EBS-backed group (loads the region). */
async function ebsImageRow(region: string, name: string) {
  const { imagesTree } = await amiExplorer();
  const regionRow = await childNamed(imagesTree, undefined, region);
  const ebs = await childNamed(imagesTree, regionRow.node, 'EBS-backed');
  return childNamed(imagesTree, ebs.node, name);
}

async function instanceState(region: string, instanceId: string): Promise<string | undefined> {
  const sdk = ec2Sdk();
  const out = await ec2Client(region).send(
    new sdk.DescribeInstancesCommand({ InstanceIds: [instanceId] }),
  );
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

/** Puts an instance back to running (other suites expect the demo's states). */
async function ensureRunning(region: string, instanceId: string): Promise<void> {
  await eventually(
    async () =>
      assert.match((await instanceState(region, instanceId)) ?? '', /^(stopped|running|pending)$/),
    { timeoutMs: 20_000, intervalMs: 250 },
  );
  if ((await instanceState(region, instanceId)) === 'stopped') {
    const sdk = ec2Sdk();
    await ec2Client(region).send(new sdk.StartInstancesCommand({ InstanceIds: [instanceId] }));
  }
  await eventually(async () => assert.equal(await instanceState(region, instanceId), 'running'), {
    timeoutMs: 20_000,
    intervalMs: 250,
  });
}

// The demo account "me": web-2 (running, EBS) and legacy-s3-worker (instance store) in us-east-1,
// eu-web-1 (running, EBS) in eu-west-1. Every request goes through a recording endpoint, so the
// tests can say what EC2 received.
describe('Create Image from an instance', () => {
  const endpoint = routeThroughRecordingEndpoint();
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('creates an image from a running instance: pending in the tree at once, then available, tracked', async () => {
    const api = await amiExplorer();
    const { imagesTree, operations } = api;
    const web2 = await instanceRow('us-east-1', 'web-2');
    const instanceId = /^(i-[0-9a-f]+)/.exec(web2.description ?? '')?.[1] ?? '';
    await ebsImageRow('us-east-1', 'web-server-2024.10.1'); // the region is loaded
    const name = unique('it-create web-2');
    endpoint().clear();

    const { input } = await createImage(web2.node, [
      { text: 'web-server-2024.10.1', invalid: /already exists in us-east-1/ },
      { text: name, title: /^Create Image from web-2 \(1\/\d\)$/ },
      { text: 'integration test' },
      { pick: [] },
      { text: 'team=qa' },
      { pick: /No reboot/ },
      'accept',
    ]);
    assert.equal(input.shown(/is being created in us-east-1/).length, 1);

    // What EC2 received: the duplicate-name check, then CreateImage with our choices.
    const calls = endpoint().calls({ region: 'us-east-1' });
    const check = calls.find((c) => isNameCheck(c) && c.params.get('Filter.1.Value.1') === name);
    assert.ok(check, 'the name was checked');
    assert.ok(
      calls.indexOf(check) < calls.findIndex((c) => c.action === 'CreateImage'),
      calls.map((c) => c.action).join(', '),
    );
    assert.equal(check?.params.get('Owner.1'), 'self');
    assert.equal(check?.params.get('Filter.1.Value.1'), name);
    const [create] = endpoint().calls({ action: 'CreateImage' });
    assert.ok(create, 'CreateImage was sent');
    assert.equal(create.params.get('InstanceId'), instanceId);
    assert.equal(create.params.get('Name'), name);
    assert.equal(create.params.get('NoReboot'), 'true');
    assert.equal(create.params.get('TagSpecification.1.ResourceType'), 'image');
    assert.equal(create.params.get('TagSpecification.2.ResourceType'), 'snapshot');
    assert.equal(create.params.get('TagSpecification.2.Tag.1.Key'), 'team');
    assert.equal(endpoint().calls({ action: 'StopInstances' }).length, 0);

    // At once in the tree, pending, without a reload; and remembered as an operation.
    const row = await ebsImageRow('us-east-1', name);
    const imageId = imageIdOf(row);
    assert.ok(imageId, 'the tooltip shows the id');
    assert.equal(row.description, `pending · ${shortImageId(imageId)}`);
    assert.ok(
      operations
        .list()
        .some((o) => o.imageId === imageId && o.kind === 'create' && o.label === name),
      'tracked by the operation tracker',
    );

    await advanceEmulatorClock(60_000);
    await eventually(
      async () =>
        assert.equal(
          (await render(imagesTree, row.node)).description,
          `available · ${shortImageId(imageId)}`,
        ),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    await eventually(() => assert.ok(!operations.list().some((o) => o.imageId === imageId)));

    // Tags reached the image and its snapshots.
    const sdk = ec2Sdk();
    const described = await ec2Client('us-east-1').send(
      new sdk.DescribeImagesCommand({ ImageIds: [imageId] }),
    );
    const image = described.Images?.[0];
    assert.deepEqual(image?.Tags, [{ Key: 'team', Value: 'qa' }]);
    const snapshotIds = (image?.BlockDeviceMappings ?? []).flatMap((m) =>
      m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
    );
    assert.ok(snapshotIds.length > 0);
    const snapshots = await ec2Client('us-east-1').send(
      new sdk.DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }),
    );
    for (const s of snapshots.Snapshots ?? []) {
      assert.deepEqual(s.Tags, [{ Key: 'team', Value: 'qa' }], s.SnapshotId);
    }
  });

  it('stop first: stops the instance, waits, creates without a reboot, starts it again when asked', async () => {
    const { imagesTree } = await amiExplorer();
    const row = await instanceRow('eu-west-1', 'eu-web-1');
    const instanceId = /^(i-[0-9a-f]+)/.exec(row.description ?? '')?.[1] ?? '';
    await childNamed(imagesTree, undefined, 'eu-west-1');
    const name = unique('it-stop eu-web-1');
    endpoint().clear();
    try {
      await createImage(row.node, [
        { text: name },
        { text: '' },
        { pick: [] },
        { text: '' },
        { pick: /Stop the instance first/ },
        'accept',
        { confirm: 'Stop and Create Image', message: /^Stop eu-web-1 \(i-/ },
        { notification: /is stopped\. Start it again\?$/, choose: 'Start Instance' },
      ]);

      await eventually(() => {
        const actions = endpoint()
          .calls({ region: 'eu-west-1' })
          .map((c) => c.action)
          .filter((a) => ['StopInstances', 'CreateImage', 'StartInstances'].includes(a));
        assert.deepEqual(actions, ['StopInstances', 'CreateImage', 'StartInstances']);
      });
      const [create] = endpoint().calls({ action: 'CreateImage' });
      assert.equal(create?.params.get('NoReboot'), 'true');
      // Waited for "stopped" before CreateImage: the emulator refuses a stopping instance.
      const describesBetween = endpoint()
        .calls({ region: 'eu-west-1' })
        .map((c) => c.action);
      const stopAt = describesBetween.indexOf('StopInstances');
      const createAt = describesBetween.indexOf('CreateImage');
      assert.ok(
        describesBetween.slice(stopAt, createAt).includes('DescribeInstances'),
        describesBetween.join(', '),
      );
      const sdk = ec2Sdk();
      const images = await ec2Client('eu-west-1').send(
        new sdk.DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [name] }],
        }),
      );
      assert.equal(images.Images?.length, 1);
    } finally {
      await ensureRunning('eu-west-1', instanceId);
    }
  });

  it('refuses a name already used in the region before any CreateImage call', async () => {
    const { imageCreation } = await amiExplorer();
    const web2 = await instanceRow('us-east-1', 'web-2');
    const instanceId = /^(i-[0-9a-f]+)/.exec(web2.description ?? '')?.[1] ?? '';
    endpoint().clear();
    await assert.rejects(
      imageCreation.create({
        region: 'us-east-1',
        instanceId,
        name: 'web-server-2024.10.1',
        tags: [],
        consistency: 'stop',
      }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'InputError');
        assert.match(
          error.message,
          /An AMI named "web-server-2024\.10\.1" already exists in us-east-1 \(ami-[0-9a-f]+\)/,
        );
        return true;
      },
    );
    assert.equal(endpoint().calls({ action: 'CreateImage' }).length, 0);
    assert.equal(endpoint().calls({ action: 'StopInstances' }).length, 0);
    assert.equal(endpoint().calls({ action: 'DescribeImages' }).filter(isNameCheck).length, 1);
  });

  it('refuses an instance store-backed instance with the bundling explanation, and its menu offers the action', async () => {
    const { imageCreation } = await amiExplorer();
    const worker = await instanceRow('us-east-1', 'legacy-s3-worker');
    assert.match(worker.contextValue ?? '', /\bcanBundleImage\b/);
    assert.doesNotMatch(worker.contextValue ?? '', /\bcanCreateImage\b/);
    const instanceId = /^(i-[0-9a-f]+)/.exec(worker.description ?? '')?.[1] ?? '';
    endpoint().clear();

    await assert.rejects(
      imageCreation.create({
        region: 'us-east-1',
        instanceId,
        name: 'never-created',
        tags: [],
        consistency: 'reboot',
      }),
      /instance store-backed: EC2 cannot create an image from it with CreateImage.*ec2-bundle-vol.*ec2-upload-bundle.*Register Image/,
    );
    // Through the command too: it explains instead of calling CreateImage.
    const { input } = await createImage(worker.node, []);
    assert.match(input.notifications[0]?.message ?? '', /ec2-bundle-vol/);
    assert.deepEqual(input.notifications[0]?.actions, ['Register Image…']);
    assert.equal(endpoint().calls({ action: 'CreateImage' }).length, 0);
    assert.equal(endpoint().calls({ action: 'DescribeImages' }).filter(isNameCheck).length, 0);
  });

  describe('when CreateImage’s outcome is unknown, the image is looked up and adopted', () => {
    afterEach(() => clearFaults());

    /** The wizard's answers for a no-reboot image named `name`. */
    const noReboot = (name: string): ScriptedAnswer[] => [
      { text: name },
      { text: '' },
      { pick: [] },
      { text: '' },
      { pick: /No reboot/ },
      'accept',
    ];

    it('cancel while CreateImage is under way: the image EC2 made is shown, tracked and announced', async () => {
      const api = await amiExplorer();
      const web2 = await instanceRow('us-east-1', 'web-2');
      await ebsImageRow('us-east-1', 'web-server-2024.10.1');
      const name = unique('it-create cancelled');
      endpoint().clear();
      await addFault({ action: 'CreateImage', hangAfterApply: {}, times: 1 });
      const running = createImage(web2.node, noReboot(name));
      const imageId = await eventually(async () => {
        const image = await myImageNamed('us-east-1', name);
        assert.ok(image?.ImageId, 'EC2 made the image');
        return image.ImageId;
      });
      assert.equal(api.cancelProgress(), 1, 'the create progress was running');
      const { result, input } = await running;
      const created = result as CreateImageResult | undefined;
      assert.equal(created?.image.imageId, imageId);
      assert.equal(
        created?.confirmedByRereading,
        'the request was cancelled while it was under way',
      );
      assert.equal(
        input.shown(
          /is being created in us-east-1 \(confirmed by re-reading: the request was cancelled while it was under way\)\./,
        ).length,
        1,
      );
      assert.ok(api.operations.list().some((o) => o.imageId === imageId && o.kind === 'create'));
      assert.ok(api.imagesTree.findImage('us-east-1', imageId), 'shown in the tree');
      assert.equal(endpoint().calls({ action: 'CreateImage' }).length, 1);
    });

    it('a lost CreateImage answer is not retried (it could make a second image): the one image is adopted', async () => {
      const api = await amiExplorer();
      const web2 = await instanceRow('us-east-1', 'web-2');
      await ebsImageRow('us-east-1', 'web-server-2024.10.1');
      const name = unique('it-create lost');
      endpoint().clear();
      await addFault({ action: 'CreateImage', dropAfterApply: {}, times: 1 });
      const { result } = await createImage(web2.node, noReboot(name));
      const created = result as CreateImageResult | undefined;
      assert.ok(created?.image.imageId);
      assert.match(created.confirmedByRereading ?? '', /^the request ended without a clear answer/);
      assert.equal(endpoint().calls({ action: 'CreateImage' }).length, 1, 'sent once');
      const sdk = ec2Sdk();
      const { Images = [] } = await ec2Client('us-east-1').send(
        new sdk.DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [name] }],
        }),
      );
      assert.deepEqual(
        Images.map((i) => i.ImageId),
        [created.image.imageId],
      );
      assert.ok(api.operations.list().some((o) => o.imageId === created.image.imageId));
    });
  });

  it('cancelling while it waits for the instance to stop creates nothing', async () => {
    const { imageCreation } = await amiExplorer();
    const web2 = await instanceRow('us-east-1', 'web-2');
    const instanceId = /^(i-[0-9a-f]+)/.exec(web2.description ?? '')?.[1] ?? '';
    endpoint().clear();
    const controller = new AbortController();
    let stopped = false;
    try {
      await assert.rejects(
        imageCreation.create(
          {
            region: 'us-east-1',
            instanceId,
            name: unique('it-cancelled'),
            tags: [],
            consistency: 'stop',
          },
          controller.signal,
          {
            stopped: () => {
              stopped = true;
              setTimeout(() => controller.abort(), 200);
            },
          },
        ),
        (error: unknown) => error instanceof Error && error.name === 'CancelledError',
      );
      assert.ok(stopped, 'the instance was stopped before the cancel');
      assert.equal(endpoint().calls({ action: 'CreateImage' }).length, 0);
    } finally {
      await ensureRunning('us-east-1', instanceId);
    }
  });

  it('lists the volumes for the review, with details from the source AMI where DescribeVolumes is missing', async () => {
    const { imageCreation } = await amiExplorer();
    const web2 = await instanceRow('us-east-1', 'web-2');
    const instanceId = /^(i-[0-9a-f]+)/.exec(web2.description ?? '')?.[1] ?? '';
    const instance = await imageCreation.getInstance('us-east-1', instanceId);
    const review = await imageCreation.reviewVolumes('us-east-1', instance);
    // The local EC2 endpoint does not implement DescribeVolumes (README: volumes are not API resources).
    assert.equal(review.source, 'sourceImage');
    assert.match(review.fallbackReason ?? '', /DescribeVolumes|InvalidAction/);
    const root = review.volumes.find((v) => v.isRoot);
    assert.ok(root, JSON.stringify(review.volumes));
    assert.equal(root.deviceName, instance.rootDeviceName);
    assert.equal(typeof root.sizeGiB, 'number');
    assert.equal(typeof root.encrypted, 'boolean');
    assert.ok(root.volumeId?.startsWith('vol-'));
  });
});
