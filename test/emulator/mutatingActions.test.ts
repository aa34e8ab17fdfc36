import { strict as assert } from 'node:assert';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  CopyImageCommand,
  CreateImageCommand,
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  DisableImageCommand,
  DisableImageDeregistrationProtectionCommand,
  EnableImageBlockPublicAccessCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  GetImageBlockPublicAccessStateCommand,
  DisableImageBlockPublicAccessCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
  ResetImageAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  waitUntilSnapshotCompleted,
} from '@aws-sdk/client-ec2';
import { partnerAccessKeyId, readOnlyAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import { demoKmsKeys } from '../ec2-emulator/seeds/demoSeed';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed, instanceNamed } from './support/demoLookups';
import { emulatorClient, errorOf } from './support/emulatorClient';

/** Waiter timing for a 50 ms pending delay: poll every 20–50 ms, give up after 10 s. */
const fastWaiter = { minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 10 };

describe('mutating actions', () => {
  let emulator: RunningEc2Emulator;
  let me: EC2Client;
  let eu: EC2Client;
  beforeEach(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    me = emulatorClient(emulator);
    eu = emulatorClient(emulator, { region: 'eu-west-1' });
  });
  afterEach(async () => {
    await emulator.close();
  });

  describe('CreateImage', () => {
    it('creates a pending EBS image that the waiter sees become available, with snapshots tagged', async () => {
      const web1 = await instanceNamed(me, 'web-1');
      const { ImageId } = await me.send(
        new CreateImageCommand({
          InstanceId: web1.InstanceId,
          Name: 'web-1-backup',
          NoReboot: true,
          TagSpecifications: [
            { ResourceType: 'image', Tags: [{ Key: 'Purpose', Value: 'backup' }] },
            { ResourceType: 'snapshot', Tags: [{ Key: 'Purpose', Value: 'backup-volume' }] },
          ],
        }),
      );
      const pending = await me.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] }));
      assert.equal(pending.Images?.[0]?.State, 'pending');
      const result = await waitUntilImageAvailable(
        { client: me, ...fastWaiter },
        { ImageIds: [ImageId ?? ''] },
      );
      assert.equal(result.state, 'SUCCESS');
      const image = await imageNamed(me, 'web-1-backup');
      assert.equal(image.RootDeviceType, 'ebs');
      assert.equal(image.SourceInstanceId, web1.InstanceId);
      assert.deepEqual(image.Tags, [{ Key: 'Purpose', Value: 'backup' }]);
      const snapshotId = image.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
      const snap = await me.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
      assert.equal(
        snap.Snapshots?.[0]?.Description,
        `Created by CreateImage(${web1.InstanceId}) for ${ImageId}`,
      );
      assert.deepEqual(snap.Snapshots?.[0]?.Tags, [{ Key: 'Purpose', Value: 'backup-volume' }]);
      await waitUntilSnapshotCompleted(
        { client: me, ...fastWaiter },
        { SnapshotIds: [snapshotId] },
      );
    });

    it('refuses duplicate and malformed names, instance-store instances and pending instances', async () => {
      const web1 = await instanceNamed(me, 'web-1');
      const dup = await errorOf(() =>
        me.send(
          new CreateImageCommand({ InstanceId: web1.InstanceId, Name: 'web-server-2024.10.1' }),
        ),
      );
      assert.equal(dup.name, 'InvalidAMIName.Duplicate');
      const bad = await errorOf(() =>
        me.send(new CreateImageCommand({ InstanceId: web1.InstanceId, Name: 'x!' })),
      );
      assert.equal(bad.name, 'InvalidAMIName.Malformed');
      const s3 = await instanceNamed(me, 'legacy-s3-worker');
      const store = await errorOf(() =>
        me.send(new CreateImageCommand({ InstanceId: s3.InstanceId, Name: 'nope-123' })),
      );
      assert.equal(store.name, 'InvalidParameterValue');
      const canary = await instanceNamed(me, 'api-gateway-canary');
      const pending = await errorOf(() =>
        me.send(new CreateImageCommand({ InstanceId: canary.InstanceId, Name: 'nope-456' })),
      );
      assert.equal(pending.name, 'IncorrectInstanceState');
    });

    it('a failRate of 1 makes new images end failed with a StateReason; the waiter reports failure', async () => {
      await emulator.close();
      emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50, failRate: 1 });
      me = emulatorClient(emulator);
      const web1 = await instanceNamed(me, 'web-1');
      const { ImageId } = await me.send(
        new CreateImageCommand({ InstanceId: web1.InstanceId, Name: 'doomed-image' }),
      );
      const error = await errorOf(() =>
        waitUntilImageAvailable({ client: me, ...fastWaiter }, { ImageIds: [ImageId ?? ''] }),
      );
      assert.match(error.message, /FAILURE/);
      const image = await imageNamed(me, 'doomed-image');
      assert.equal(image.State, 'failed');
      assert.equal(image.StateReason?.Code, 'Server.InternalError');
    });
  });

  describe('CopyImage', () => {
    it('copies into the destination region; an encrypted source stays encrypted with a destination key', async () => {
      const source = await imageNamed(me, 'data-pipeline-encrypted-2024.07');
      const { ImageId } = await eu.send(
        new CopyImageCommand({
          SourceImageId: source.ImageId,
          SourceRegion: 'us-east-1',
          Name: 'pipeline-eu',
          CopyImageTags: true,
        }),
      );
      await waitUntilImageAvailable({ client: eu, ...fastWaiter }, { ImageIds: [ImageId ?? ''] });
      const copy = await imageNamed(eu, 'pipeline-eu');
      assert.equal(copy.SourceImageId, source.ImageId);
      assert.equal(copy.SourceImageRegion, 'us-east-1');
      assert.equal(
        copy.Description,
        `[Copied ${source.ImageId} from us-east-1] data-pipeline-encrypted-2024.07`,
      );
      assert.ok(copy.Tags?.some((t) => t.Key === 'Compliance' && t.Value === 'pci'));
      const snaps = await eu.send(
        new DescribeSnapshotsCommand({
          SnapshotIds: copy.BlockDeviceMappings?.map((m) => m.Ebs?.SnapshotId ?? ''),
        }),
      );
      assert.ok(
        (snaps.Snapshots ?? []).every(
          (s) => s.Encrypted && /^arn:aws:kms:eu-west-1:111111111111:key\//.test(s.KmsKeyId ?? ''),
        ),
      );
    });

    it('encrypts on copy with a destination KmsKeyId; refuses a key from another region', async () => {
      const source = await imageNamed(me, 'web-server-2024.10.1');
      const { ImageId } = await eu.send(
        new CopyImageCommand({
          SourceImageId: source.ImageId,
          SourceRegion: 'us-east-1',
          Name: 'web-eu-encrypted',
          Encrypted: true,
          KmsKeyId: demoKmsKeys.dataEuWest1,
        }),
      );
      const copy = (await eu.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] })))
        .Images?.[0];
      assert.equal(copy?.BlockDeviceMappings?.[0]?.Ebs?.Encrypted, true);
      const snap = await eu.send(
        new DescribeSnapshotsCommand({
          SnapshotIds: [copy?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? ''],
        }),
      );
      assert.equal(snap.Snapshots?.[0]?.KmsKeyId, demoKmsKeys.dataEuWest1);
      const wrongRegion = await errorOf(() =>
        eu.send(
          new CopyImageCommand({
            SourceImageId: source.ImageId,
            SourceRegion: 'us-east-1',
            Name: 'web-eu-wrong-key',
            Encrypted: true,
            KmsKeyId: demoKmsKeys.dataUsEast1,
          }),
        ),
      );
      assert.equal(wrongRegion.name, 'InvalidParameterValue');
    });

    it('is idempotent with a ClientToken and refuses the same token with other parameters', async () => {
      const source = await imageNamed(me, 'legacy-s3-backed-2016.09');
      const input = {
        SourceImageId: source.ImageId,
        SourceRegion: 'us-east-1',
        Name: 'legacy-eu-copy',
        ClientToken: 'tok-1',
      };
      const first = await eu.send(new CopyImageCommand(input));
      const again = await eu.send(new CopyImageCommand(input));
      assert.equal(again.ImageId, first.ImageId);
      const copy = (await eu.send(new DescribeImagesCommand({ ImageIds: [first.ImageId ?? ''] })))
        .Images?.[0];
      assert.equal(copy?.RootDeviceType, 'instance-store');
      const mismatch = await errorOf(() =>
        eu.send(new CopyImageCommand({ ...input, Name: 'other-name' })),
      );
      assert.equal(mismatch.name, 'IdempotentParameterMismatch');
    });

    it('refuses to copy an image that is not available', async () => {
      const pending = await imageNamed(me, 'nightly-build-in-progress');
      const error = await errorOf(() =>
        eu.send(
          new CopyImageCommand({
            SourceImageId: pending.ImageId,
            SourceRegion: 'us-east-1',
            Name: 'too-early',
          }),
        ),
      );
      assert.equal(error.name, 'InvalidAMIID.Unavailable');
    });
  });

  describe('RegisterImage and DeregisterImage', () => {
    it('registers an instance-store image from an S3 manifest', async () => {
      const { ImageId } = await me.send(
        new RegisterImageCommand({
          Name: 'from-manifest',
          ImageLocation: 'my-bucket/bundles/image.manifest.xml',
          Architecture: 'x86_64',
        }),
      );
      const image = (await me.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] })))
        .Images?.[0];
      assert.equal(image?.RootDeviceType, 'instance-store');
      assert.equal(image?.ImageLocation, 'my-bucket/bundles/image.manifest.xml');
    });

    it('registers an EBS image from snapshots, taking encryption per volume from each snapshot', async () => {
      const source = await imageNamed(me, 'data-pipeline-encrypted-2024.07');
      const [root, data] = source.BlockDeviceMappings ?? [];
      const { ImageId } = await me.send(
        new RegisterImageCommand({
          Name: 'registered-from-snapshots',
          RootDeviceName: '/dev/xvda',
          VirtualizationType: 'hvm',
          Architecture: 'x86_64',
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { SnapshotId: root?.Ebs?.SnapshotId } },
            {
              DeviceName: '/dev/xvdb',
              Ebs: { SnapshotId: data?.Ebs?.SnapshotId, VolumeType: 'st1' },
            },
            { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' },
          ],
        }),
      );
      const image = (await me.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] })))
        .Images?.[0];
      assert.equal(image?.RootDeviceType, 'ebs');
      assert.deepEqual(
        image?.BlockDeviceMappings?.map((m) => [
          m.DeviceName,
          m.Ebs?.Encrypted,
          m.Ebs?.VolumeSize,
          m.VirtualName,
        ]),
        [
          ['/dev/xvda', true, 20, undefined],
          ['/dev/xvdb', true, 200, undefined],
          ['/dev/sdc', undefined, undefined, 'ephemeral0'],
        ],
      );
    });

    it('refuses a root device without snapshot and unknown snapshots', async () => {
      const missing = await errorOf(() =>
        me.send(
          new RegisterImageCommand({
            Name: 'bad-register',
            RootDeviceName: '/dev/xvda',
            BlockDeviceMappings: [
              { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0123456789abcdef0' } },
            ],
          }),
        ),
      );
      assert.equal(missing.name, 'InvalidSnapshot.NotFound');
    });

    it('DeleteSnapshot is refused while an image uses it; DeregisterImage with DeleteAssociatedSnapshots reports each', async () => {
      const image = await imageNamed(me, 'web-server-2024.10.1');
      const snapshotId = image.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
      const inUse = await errorOf(() =>
        me.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
      );
      assert.equal(inUse.name, 'InvalidSnapshot.InUse');
      assert.equal(
        inUse.message,
        `The snapshot ${snapshotId} is currently in use by ${image.ImageId}`,
      );
      const out = await me.send(
        new DeregisterImageCommand({ ImageId: image.ImageId, DeleteAssociatedSnapshots: true }),
      );
      assert.equal(out.Return, true);
      assert.deepEqual(out.DeleteSnapshotResults, [
        { SnapshotId: snapshotId, ReturnCode: 'success' },
      ]);
      const gone = await errorOf(() =>
        me.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })),
      );
      assert.equal(gone.name, 'InvalidSnapshot.NotFound');
      // Recently deregistered: asked for by id, the result is empty rather than an error.
      assert.deepEqual(
        (await me.send(new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }))).Images,
        [],
      );
      // Instances launched from it keep running.
      assert.equal((await instanceNamed(me, 'web-1')).State?.Name, 'running');
    });

    it('deregistration protection refuses DeregisterImage, and its cooldown outlasts the disable', async () => {
      const image = await imageNamed(me, 'web-server-2024.11.2');
      assert.equal(image.DeregistrationProtection, 'enabled-with-cooldown');
      const refused = await errorOf(() =>
        me.send(new DeregisterImageCommand({ ImageId: image.ImageId })),
      );
      assert.equal(refused.name, 'OperationNotPermitted');
      await me.send(new DisableImageDeregistrationProtectionCommand({ ImageId: image.ImageId }));
      const cooling = await imageNamed(me, 'web-server-2024.11.2');
      assert.match(
        cooling.DeregistrationProtection ?? '',
        /^disabled-until-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
      );
      assert.equal(
        (await errorOf(() => me.send(new DeregisterImageCommand({ ImageId: image.ImageId })))).name,
        'OperationNotPermitted',
      );
      emulator.advanceTime(24 * 60 * 60 * 1000 + 1);
      await me.send(new DeregisterImageCommand({ ImageId: image.ImageId }));
      await me.send(
        new EnableImageDeregistrationProtectionCommand({
          ImageId: (await imageNamed(me, 'web-server-2024.10.1')).ImageId,
        }),
      );
      assert.equal(
        (await imageNamed(me, 'web-server-2024.10.1')).DeregistrationProtection,
        'enabled-without-cooldown',
      );
    });

    it("refuses to deregister someone else's image", async () => {
      const shared = await imageNamed(me, 'partner-agent-shared-with-111-2.3');
      const error = await errorOf(() =>
        me.send(new DeregisterImageCommand({ ImageId: shared.ImageId })),
      );
      assert.equal(error.name, 'AuthFailure');
    });
  });

  describe('launch permissions, deprecation, disable, block public access', () => {
    it('adds and removes account, organization and OU permissions; the partner gains and loses access', async () => {
      const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
      const image = await imageNamed(me, 'api-gateway-base-arm64-v3');
      await me.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          LaunchPermission: {
            Add: [
              { UserId: '222222222222' },
              {
                OrganizationalUnitArn:
                  'arn:aws:organizations::111111111111:ou/o-demo123456/ou-demo-apps00001',
              },
            ],
          },
        }),
      );
      const attr = await me.send(
        new DescribeImageAttributeCommand({
          ImageId: image.ImageId,
          Attribute: 'launchPermission',
        }),
      );
      assert.equal(attr.LaunchPermissions?.length, 2);
      assert.equal(
        (await partner.send(new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }))).Images
          ?.length,
        1,
      );
      await me.send(
        new ResetImageAttributeCommand({ ImageId: image.ImageId, Attribute: 'launchPermission' }),
      );
      assert.equal(
        (await partner.send(new DescribeImagesCommand({ ImageIds: [image.ImageId ?? ''] }))).Images
          ?.length,
        0,
      );
      const badUser = await errorOf(() =>
        me.send(
          new ModifyImageAttributeCommand({
            ImageId: image.ImageId,
            LaunchPermission: { Add: [{ UserId: '12' }] },
          }),
        ),
      );
      assert.equal(badUser.name, 'InvalidAMIAttributeItemValue');
    });

    it('modifies the description and IMDS support (v2.0 only)', async () => {
      const image = await imageNamed(me, 'web-server-2024.10.1');
      await me.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          Description: { Value: 'new words' },
        }),
      );
      await me.send(
        new ModifyImageAttributeCommand({ ImageId: image.ImageId, ImdsSupport: { Value: 'v2.0' } }),
      );
      const after = await imageNamed(me, 'web-server-2024.10.1');
      assert.equal(after.Description, 'new words');
      assert.equal(after.ImdsSupport, 'v2.0');
      const bad = await errorOf(() =>
        me.send(
          new ModifyImageAttributeCommand({
            ImageId: image.ImageId,
            ImdsSupport: { Value: 'v1.0' },
          }),
        ),
      );
      assert.equal(bad.name, 'InvalidParameterValue');
    });

    it('image block public access refuses new public sharing until disabled', async () => {
      assert.equal(
        (await me.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState,
        'unblocked',
      );
      await me.send(
        new EnableImageBlockPublicAccessCommand({
          ImageBlockPublicAccessState: 'block-new-sharing',
        }),
      );
      const state = await me.send(new GetImageBlockPublicAccessStateCommand({}));
      assert.deepEqual(
        [state.ImageBlockPublicAccessState, state.ManagedBy],
        ['block-new-sharing', 'account'],
      );
      const image = await imageNamed(me, 'web-server-2024.10.1');
      const refused = await errorOf(() =>
        me.send(
          new ModifyImageAttributeCommand({
            ImageId: image.ImageId,
            LaunchPermission: { Add: [{ Group: 'all' }] },
          }),
        ),
      );
      assert.equal(refused.name, 'OperationNotPermitted');
      await me.send(new DisableImageBlockPublicAccessCommand({}));
      await me.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          LaunchPermission: { Add: [{ Group: 'all' }] },
        }),
      );
      assert.equal((await imageNamed(me, 'web-server-2024.10.1')).Public, true);
    });

    it('deprecation hides an image from other accounts unless IncludeDeprecated', async () => {
      const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
      const image = await imageNamed(me, 'shared-base-for-partner-1.4');
      await me.send(
        new EnableImageDeprecationCommand({
          ImageId: image.ImageId,
          DeprecateAt: new Date('2020-01-01T00:00:29Z'),
        }),
      );
      assert.equal(
        (await imageNamed(me, 'shared-base-for-partner-1.4')).DeprecationTime,
        '2020-01-01T00:00:00.000Z',
      );
      const hidden = await partner.send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
      assert.ok(!(hidden.Images ?? []).some((i) => i.ImageId === image.ImageId));
      const shown = await partner.send(
        new DescribeImagesCommand({ ExecutableUsers: ['self'], IncludeDeprecated: true }),
      );
      assert.ok((shown.Images ?? []).some((i) => i.ImageId === image.ImageId));
    });

    it('DisableImage hides the image, removes its permissions; EnableImage brings it back private', async () => {
      const image = await imageNamed(me, 'public-diagnostics-toolkit-1.0');
      await me.send(new DisableImageCommand({ ImageId: image.ImageId }));
      assert.ok(
        !((await me.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images ?? []).some(
          (i) => i.ImageId === image.ImageId,
        ),
      );
      await me.send(new EnableImageCommand({ ImageId: image.ImageId }));
      const back = await imageNamed(me, 'public-diagnostics-toolkit-1.0');
      assert.equal(back.State, 'available');
      assert.equal(back.Public, false);
    });
  });

  describe('tags', () => {
    it('creates and deletes tags; refuses aws: keys and unknown resources', async () => {
      const image = await imageNamed(me, 'api-gateway-base-arm64-v3');
      await me.send(
        new CreateTagsCommand({
          Resources: [image.ImageId ?? ''],
          Tags: [{ Key: 'Owner', Value: 'alice' }],
        }),
      );
      assert.ok(
        (await imageNamed(me, 'api-gateway-base-arm64-v3')).Tags?.some((t) => t.Key === 'Owner'),
      );
      await me.send(
        new DeleteTagsCommand({
          Resources: [image.ImageId ?? ''],
          Tags: [{ Key: 'Owner', Value: 'bob' }],
        }),
      );
      assert.ok(
        (await imageNamed(me, 'api-gateway-base-arm64-v3')).Tags?.some((t) => t.Key === 'Owner'),
        'value mismatch keeps the tag',
      );
      await me.send(
        new DeleteTagsCommand({ Resources: [image.ImageId ?? ''], Tags: [{ Key: 'Owner' }] }),
      );
      assert.ok(
        !(await imageNamed(me, 'api-gateway-base-arm64-v3')).Tags?.some((t) => t.Key === 'Owner'),
      );
      const reserved = await errorOf(() =>
        me.send(
          new CreateTagsCommand({
            Resources: [image.ImageId ?? ''],
            Tags: [{ Key: 'aws:x', Value: 'y' }],
          }),
        ),
      );
      assert.equal(reserved.name, 'InvalidParameterValue');
      const unknown = await errorOf(() =>
        me.send(
          new CreateTagsCommand({
            Resources: ['ami-0123456789abcdef0'],
            Tags: [{ Key: 'a', Value: 'b' }],
          }),
        ),
      );
      assert.equal(unknown.name, 'InvalidAMIID.NotFound');
    });

    it('the read-only key is refused mutating actions with UnauthorizedOperation (403)', async () => {
      const readOnly = emulatorClient(emulator, { accessKeyId: readOnlyAccessKeyId });
      const image = await imageNamed(readOnly, 'web-server-2024.10.1');
      const error = await errorOf(() =>
        readOnly.send(
          new CreateTagsCommand({
            Resources: [image.ImageId ?? ''],
            Tags: [{ Key: 'a', Value: 'b' }],
          }),
        ),
      );
      assert.equal(error.name, 'UnauthorizedOperation');
      assert.equal(error.$metadata?.httpStatusCode, 403);
    });
  });

  describe('instances', () => {
    it('runs, stops and starts instances with the SDK waiters; DescribeImageReferences finds them', async () => {
      const image = await imageNamed(me, 'web-server-2024.10.1');
      const run = await me.send(
        new RunInstancesCommand({
          ImageId: image.ImageId,
          MinCount: 1,
          MaxCount: 2,
          InstanceType: 't3.micro',
          TagSpecifications: [
            { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'launched' }] },
          ],
        }),
      );
      const ids = (run.Instances ?? []).map((i) => i.InstanceId ?? '');
      assert.equal(ids.length, 2);
      assert.ok((run.Instances ?? []).every((i) => i.State?.Name === 'pending'));
      await waitUntilInstanceRunning({ client: me, ...fastWaiter }, { InstanceIds: ids });
      const stop = await me.send(new StopInstancesCommand({ InstanceIds: ids }));
      assert.deepEqual(
        stop.StoppingInstances?.map((c) => [c.PreviousState?.Name, c.CurrentState?.Name]),
        [
          ['running', 'stopping'],
          ['running', 'stopping'],
        ],
      );
      await waitUntilInstanceStopped({ client: me, ...fastWaiter }, { InstanceIds: ids });
      const start = await me.send(new StartInstancesCommand({ InstanceIds: [ids[0] ?? ''] }));
      assert.equal(start.StartingInstances?.[0]?.CurrentState?.Name, 'pending');
      const refs = await me.send(
        new DescribeImageReferencesCommand({
          ImageIds: [image.ImageId ?? ''],
          IncludeAllResourceTypes: true,
        }),
      );
      assert.equal(refs.ImageReferences?.length, 4);
      assert.ok(
        refs.ImageReferences?.every(
          (r) =>
            r.ResourceType === 'ec2:Instance' &&
            r.Arn?.startsWith('arn:aws:ec2:us-east-1:111111111111:instance/i-'),
        ),
      );
      assert.notEqual(
        (await imageNamed(me, 'web-server-2024.10.1')).LastLaunchedTime,
        image.LastLaunchedTime,
      );
    });

    it('terminates instances: shutting-down, then terminated, no longer a reference', async () => {
      const image = await imageNamed(me, 'web-server-2024.11.2');
      const run = await me.send(
        new RunInstancesCommand({ ImageId: image.ImageId, MinCount: 1, MaxCount: 1 }),
      );
      const id = run.Instances?.[0]?.InstanceId ?? '';
      const terminate = await me.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
      assert.deepEqual(
        terminate.TerminatingInstances?.map((c) => [c.PreviousState?.Name, c.CurrentState?.Name]),
        [['pending', 'shutting-down']],
      );
      await waitUntilInstanceTerminated({ client: me, ...fastWaiter }, { InstanceIds: [id] });
      const refs = await me.send(
        new DescribeImageReferencesCommand({
          ImageIds: [image.ImageId ?? ''],
          ResourceTypes: [
            {
              ResourceType: 'ec2:Instance',
              ResourceTypeOptions: [
                { OptionName: 'state-name', OptionValues: ['pending', 'running', 'stopped'] },
              ],
            },
          ],
        }),
      );
      assert.equal(
        refs.ImageReferences?.some((r) => r.Arn?.endsWith(id)),
        false,
      );
    });

    it('DescribeImageReferences takes at most 10 image ids, as EC2 does', async () => {
      const error = await errorOf(() =>
        me.send(
          new DescribeImageReferencesCommand({
            ImageIds: Array.from({ length: 11 }, (_, i) => `ami-${String(i).padStart(17, '0')}`),
            IncludeAllResourceTypes: true,
          }),
        ),
      );
      assert.equal(error.name, 'InvalidParameterValue');
    });

    it('refuses to stop an instance-store instance and to launch a pending image', async () => {
      const s3 = await instanceNamed(me, 'legacy-s3-worker');
      const stop = await errorOf(() =>
        me.send(new StopInstancesCommand({ InstanceIds: [s3.InstanceId ?? ''] })),
      );
      assert.equal(stop.name, 'UnsupportedOperation');
      const pending = await imageNamed(me, 'nightly-build-in-progress');
      const run = await errorOf(() =>
        me.send(new RunInstancesCommand({ ImageId: pending.ImageId, MinCount: 1, MaxCount: 1 })),
      );
      assert.equal(run.name, 'InvalidAMIID.Unavailable');
    });

    it('the demo pending image becomes available once emulator time passes its 10-minute delay', async () => {
      emulator.advanceTime(10 * 60 * 1000);
      assert.equal((await imageNamed(me, 'nightly-build-in-progress')).State, 'available');
      assert.equal((await instanceNamed(me, 'api-gateway-canary')).State?.Name, 'running');
    });
  });
});
