import { strict as assert } from 'node:assert';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeImageAttributeCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
} from '@aws-sdk/client-ec2';
import { demoFamilyCounts, demoKmsKeys } from '../ec2-emulator/seeds/demoSeed';
import { partnerAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed, instanceNamed } from './support/demoLookups';
import { emulatorClient, errorOf } from './support/emulatorClient';

describe('DescribeRegions, DescribeInstances, DescribeSnapshots, DescribeTags, DescribeImageAttribute', () => {
  let emulator: RunningEc2Emulator;
  let me: EC2Client;
  before(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    me = emulatorClient(emulator);
  });
  after(async () => {
    await emulator.close();
  });

  describe('DescribeRegions', () => {
    it('lists enabled regions by default and the opt-in region with AllRegions', async () => {
      const enabled = await me.send(new DescribeRegionsCommand({}));
      assert.deepEqual(
        enabled.Regions?.map((r) => [r.RegionName, r.OptInStatus, r.Endpoint]),
        [
          ['us-east-1', 'opt-in-not-required', 'ec2.us-east-1.amazonaws.com'],
          ['eu-west-1', 'opt-in-not-required', 'ec2.eu-west-1.amazonaws.com'],
          ['ap-southeast-2', 'opt-in-not-required', 'ec2.ap-southeast-2.amazonaws.com'],
        ],
      );
      const all = await me.send(new DescribeRegionsCommand({ AllRegions: true }));
      assert.deepEqual(all.Regions?.at(-1), {
        RegionName: 'af-south-1',
        OptInStatus: 'not-opted-in',
        Endpoint: 'ec2.af-south-1.amazonaws.com',
      });
    });

    it('filters by opt-in-status', async () => {
      const out = await me.send(
        new DescribeRegionsCommand({
          AllRegions: true,
          Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }],
        }),
      );
      assert.deepEqual(
        out.Regions?.map((r) => r.RegionName),
        ['af-south-1'],
      );
    });
  });

  describe('DescribeInstances', () => {
    it('groups instances into reservations with states, Name tags and root device types', async () => {
      const out = await me.send(new DescribeInstancesCommand({}));
      const instances = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
      const byName = new Map(
        instances.map((i) => [i.Tags?.find((t) => t.Key === 'Name')?.Value, i]),
      );
      assert.equal(byName.get('web-1')?.State?.Name, 'running');
      assert.equal(byName.get('web-1')?.State?.Code, 16);
      assert.equal(byName.get('web-staging')?.State?.Name, 'stopped');
      assert.equal(byName.get('web-staging')?.StateReason?.Code, 'Client.UserInitiatedShutdown');
      assert.equal(byName.get('api-gateway-canary')?.State?.Name, 'pending');
      assert.equal(byName.get('legacy-s3-worker')?.RootDeviceType, 'instance-store');
      assert.deepEqual(byName.get('legacy-s3-worker')?.BlockDeviceMappings, []);
      assert.match(
        byName.get('web-1')?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '',
        /^vol-0[0-9a-f]{16}$/,
      );
      assert.ok((out.Reservations ?? []).every((r) => r.OwnerId === '111111111111'));
    });

    it('pages with the SDK paginator and filters by image-id and state', async () => {
      const ids: string[] = [];
      for await (const page of paginateDescribeInstances({ client: me, pageSize: 5 }, {})) {
        ids.push(
          ...(page.Reservations ?? [])
            .flatMap((r) => r.Instances ?? [])
            .map((i) => i.InstanceId ?? ''),
        );
      }
      const instances = 6 + (demoFamilyCounts['us-east-1']?.instances ?? 0);
      assert.equal(ids.length, instances);
      assert.equal(new Set(ids).size, instances);
      const web = await imageNamed(me, 'web-server-2024.10.1');
      const running = await me.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'image-id', Values: [web.ImageId ?? ''] },
            { Name: 'instance-state-name', Values: ['running'] },
          ],
        }),
      );
      assert.equal((running.Reservations ?? []).flatMap((r) => r.Instances ?? []).length, 2);
    });

    it('answers InvalidInstanceID.NotFound / .Malformed', async () => {
      const missing = await errorOf(() =>
        me.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
      );
      assert.equal(missing.name, 'InvalidInstanceID.NotFound');
      assert.equal(missing.message, "The instance ID 'i-0123456789abcdef0' does not exist");
      const malformed = await errorOf(() =>
        me.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })),
      );
      assert.equal(malformed.name, 'InvalidInstanceID.Malformed');
    });

    it('other accounts do not see my instances', async () => {
      const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
      const out = await partner.send(new DescribeInstancesCommand({}));
      assert.deepEqual(out.Reservations, []);
    });
  });

  describe('DescribeSnapshots', () => {
    it('reports the per-volume KMS keys of an encrypted image on its snapshots', async () => {
      const image = await imageNamed(me, 'data-pipeline-encrypted-2024.07');
      const snapshotIds = (image.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId ?? '');
      const out = await me.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
      const keyOf = new Map((out.Snapshots ?? []).map((s) => [s.SnapshotId, s.KmsKeyId]));
      assert.equal(keyOf.get(snapshotIds[0]), demoKmsKeys.dataUsEast1);
      assert.equal(keyOf.get(snapshotIds[1]), demoKmsKeys.logsUsEast1);
      assert.match(
        keyOf.get(snapshotIds[2]) ?? '',
        /^arn:aws:kms:us-east-1:111111111111:key\/[0-9a-f-]{36}$/,
      );
      assert.ok(
        (out.Snapshots ?? []).every(
          (s) => s.Encrypted === true && s.State === 'completed' && s.Progress === '100%',
        ),
      );
    });

    it('pages my snapshots with the paginator and reports the pending one in progress', async () => {
      const ids: string[] = [];
      for await (const page of paginateDescribeSnapshots(
        { client: me, pageSize: 5 },
        { OwnerIds: ['self'] },
      )) {
        ids.push(...(page.Snapshots ?? []).map((s) => s.SnapshotId ?? ''));
      }
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(ids.length >= 15);
      const pending = await me.send(
        new DescribeSnapshotsCommand({
          OwnerIds: ['self'],
          Filters: [{ Name: 'status', Values: ['pending'] }],
        }),
      );
      assert.equal(pending.Snapshots?.length, 1);
      assert.match(pending.Snapshots?.[0]?.Progress ?? '', /^\d{1,2}%$/);
    });

    it('answers InvalidSnapshot.NotFound for an unknown snapshot', async () => {
      const error = await errorOf(() =>
        me.send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-0123456789abcdef0'] })),
      );
      assert.equal(error.name, 'InvalidSnapshot.NotFound');
    });
  });

  describe('DescribeTags', () => {
    it('lists my tags by resource and filters by resource-type and key', async () => {
      const image = await imageNamed(me, 'web-server-2024.10.1');
      const out = await me.send(
        new DescribeTagsCommand({
          Filters: [{ Name: 'resource-id', Values: [image.ImageId ?? ''] }],
        }),
      );
      assert.deepEqual(
        out.Tags?.map((t) => [t.ResourceType, t.Key, t.Value]),
        [
          ['image', 'Environment', 'production'],
          ['image', 'Name', 'web-server'],
          ['image', 'Team', 'platform'],
        ],
      );
      const instanceNames = await me.send(
        new DescribeTagsCommand({
          Filters: [
            { Name: 'resource-type', Values: ['instance'] },
            { Name: 'key', Values: ['Name'] },
          ],
        }),
      );
      assert.equal(instanceNames.Tags?.length, 6 + (demoFamilyCounts['us-east-1']?.instances ?? 0));
    });
  });

  describe('DescribeImageAttribute', () => {
    it('returns launch permissions for account, organization and OU shares', async () => {
      const shared = await imageNamed(me, 'shared-base-for-partner-1.4');
      const out = await me.send(
        new DescribeImageAttributeCommand({
          ImageId: shared.ImageId,
          Attribute: 'launchPermission',
        }),
      );
      assert.deepEqual(out.LaunchPermissions, [{ UserId: '222222222222' }]);
      const org = await imageNamed(me, 'golden-image-org-2024.09');
      const orgOut = await me.send(
        new DescribeImageAttributeCommand({ ImageId: org.ImageId, Attribute: 'launchPermission' }),
      );
      assert.deepEqual(orgOut.LaunchPermissions, [
        { OrganizationArn: 'arn:aws:organizations::111111111111:organization/o-demo123456' },
      ]);
    });

    it('returns description, lastLaunchedTime, bootMode, imdsSupport, deregistrationProtection', async () => {
      const web = await imageNamed(me, 'web-server-2024.10.1');
      const attr = (
        Attribute:
          | 'description'
          | 'lastLaunchedTime'
          | 'bootMode'
          | 'imdsSupport'
          | 'deregistrationProtection',
        id = web.ImageId,
      ) => me.send(new DescribeImageAttributeCommand({ ImageId: id, Attribute }));
      assert.deepEqual((await attr('description')).Description, {
        Value: 'Web tier, October 2024 patch level',
      });
      assert.deepEqual((await attr('lastLaunchedTime')).LastLaunchedTime, {
        Value: '2024-12-01T10:00:00.000Z',
      });
      assert.deepEqual((await attr('deregistrationProtection')).DeregistrationProtection, {
        Value: 'disabled',
      });
      const arm = await imageNamed(me, 'api-gateway-base-arm64-v3');
      assert.deepEqual((await attr('bootMode', arm.ImageId)).BootMode, { Value: 'uefi' });
      assert.deepEqual((await attr('imdsSupport', arm.ImageId)).ImdsSupport, { Value: 'v2.0' });
      // Unset attributes come back as an empty element, which the SDK surfaces as an empty object.
      const unset = await attr('imdsSupport');
      assert.equal(unset.ImdsSupport?.Value, undefined);
    });

    it('answers AuthFailure for blockDeviceMapping, as EC2 does', async () => {
      const web = await imageNamed(me, 'web-server-2024.10.1');
      const error = await errorOf(() =>
        me.send(
          new DescribeImageAttributeCommand({
            ImageId: web.ImageId,
            Attribute: 'blockDeviceMapping',
          }),
        ),
      );
      assert.equal(error.name, 'AuthFailure');
    });

    it("answers AuthFailure for another owner's image and NotFound for an unknown one", async () => {
      const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
      const mine = await imageNamed(me, 'shared-base-for-partner-1.4');
      const error = await errorOf(() =>
        partner.send(
          new DescribeImageAttributeCommand({
            ImageId: mine.ImageId,
            Attribute: 'launchPermission',
          }),
        ),
      );
      assert.equal(error.name, 'AuthFailure');
      const missing = await errorOf(() =>
        me.send(
          new DescribeImageAttributeCommand({
            ImageId: 'ami-0123456789abcdef0',
            Attribute: 'description',
          }),
        ),
      );
      assert.equal(missing.name, 'InvalidAMIID.NotFound');
    });
  });

  it('DescribeInstances filters by tag:Name', async () => {
    assert.equal((await instanceNamed(me, 'web-1')).State?.Name, 'running');
  });
});
