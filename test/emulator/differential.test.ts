import { strict as assert } from 'node:assert';
import type { Image } from '@aws-sdk/client-ec2';
import {
  CreateImageCommand,
  DeregisterImageCommand,
  EC2Client,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { demoAccessKeyId } from '../ec2-emulator/seeds/demoAccounts';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { errorOf } from './support/emulatorClient';
import type { MotoServer } from './support/motoServer';
import { motoAvailable, startMoto } from './support/motoServer';

/** What one scenario observed on one endpoint. */
interface Observation {
  readonly accountId: string;
  readonly runState?: string;
  readonly instanceId?: string;
  readonly created: Image;
  readonly duplicateName: string;
  readonly launchPermissions: unknown;
  readonly notFound: { name: string; message: string };
  readonly pagedCount: number;
  readonly pagedHasToken: boolean;
  readonly maxResults2: string;
  readonly registered: Image;
  readonly deregister: { returned?: boolean; results?: unknown };
}

/** The same read/write scenario against any EC2 endpoint, recording what a client would see. */
async function runScenario(client: EC2Client, accountId: string): Promise<Observation> {
  const amazon = await client.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [
        { Name: 'root-device-type', Values: ['ebs'] },
        { Name: 'architecture', Values: ['x86_64'] },
      ],
    }),
  );
  const source = amazon.Images?.[0];
  assert.ok(source?.ImageId, 'the endpoint has a public Amazon EBS image');
  const paged = await client.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }));
  const run = await client.send(
    new RunInstancesCommand({ ImageId: source.ImageId, MinCount: 1, MaxCount: 1 }),
  );
  const instance = run.Instances?.[0];
  // Both endpoints need the instance to leave `pending` before imaging; moto is immediate.
  await new Promise((resolve) => setTimeout(resolve, 120));
  const { ImageId } = await client.send(
    new CreateImageCommand({
      InstanceId: instance?.InstanceId,
      Name: 'differential-image',
      TagSpecifications: [
        { ResourceType: 'image', Tags: [{ Key: 'Scenario', Value: 'differential' }] },
      ],
    }),
  );
  const created = (await client.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] })))
    .Images?.[0];
  assert.ok(created);
  let duplicateName = 'accepted';
  try {
    await client.send(
      new CreateImageCommand({ InstanceId: instance?.InstanceId, Name: 'differential-image' }),
    );
  } catch (error) {
    duplicateName = (error as Error).name;
  }
  await client.send(
    new ModifyImageAttributeCommand({
      ImageId,
      LaunchPermission: { Add: [{ UserId: '222222222222' }] },
    }),
  );
  const attribute = await client.send(
    new DescribeImageAttributeCommand({ ImageId, Attribute: 'launchPermission' }),
  );
  const notFound = await errorOf(() =>
    client.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })),
  );
  let maxResults2 = 'accepted';
  try {
    await client.send(new DescribeImagesCommand({ Owners: ['self'], MaxResults: 2 }));
  } catch (error) {
    maxResults2 = (error as Error).name;
  }
  const reg = await client.send(
    new RegisterImageCommand({
      Name: 'differential-s3',
      ImageLocation: 'bucket/x/image.manifest.xml',
    }),
  );
  const registered = (
    await client.send(new DescribeImagesCommand({ ImageIds: [reg.ImageId ?? ''] }))
  ).Images?.[0];
  assert.ok(registered);
  const dereg = await client.send(
    new DeregisterImageCommand({ ImageId, DeleteAssociatedSnapshots: true }),
  );
  return {
    accountId,
    runState: instance?.State?.Name,
    instanceId: instance?.InstanceId,
    created,
    duplicateName,
    launchPermissions: attribute.LaunchPermissions,
    notFound: { name: notFound.name, message: notFound.message },
    pagedCount: paged.Images?.length ?? 0,
    pagedHasToken: paged.NextToken !== undefined,
    maxResults2,
    registered,
    deregister: { returned: dereg.Return, results: dereg.DeleteSnapshotResults },
  };
}

describe('differential: moto vs the emulator', function () {
  this.timeout(60_000);
  let moto: MotoServer | undefined;
  let emulator: RunningEc2Emulator | undefined;
  let fromMoto: Observation;
  let fromEmulator: Observation;

  before(async function () {
    if (!motoAvailable()) {
      console.log('      moto is not importable by python3 here: differential tests skipped');
      this.skip();
    }
    moto = await startMoto();
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50 });
    const client = (endpoint: string, accessKeyId: string) =>
      new EC2Client({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey: 'x' },
        maxAttempts: 1,
      });
    fromMoto = await runScenario(client(moto.url, 'AKIAMOTOTESTING00000'), '123456789012');
    fromEmulator = await runScenario(client(emulator.url, demoAccessKeyId), '111111111111');
  });
  after(async () => {
    await moto?.stop();
    await emulator?.close();
  });

  describe('shapes both model agree', () => {
    it('RunInstances starts instances pending', () => {
      assert.equal(fromMoto.runState, 'pending');
      assert.equal(fromEmulator.runState, fromMoto.runState);
    });

    it('CreateImage: same identity fields, tags, source instance and mapping shape', () => {
      for (const o of [fromMoto, fromEmulator]) {
        assert.equal(o.created.Name, 'differential-image');
        assert.equal(o.created.OwnerId, o.accountId);
        assert.equal(o.created.SourceInstanceId, o.instanceId);
        assert.equal(o.created.ImageType, 'machine');
        assert.equal(o.created.Public, false);
        assert.deepEqual(o.created.Tags, [{ Key: 'Scenario', Value: 'differential' }]);
        assert.match(o.created.ImageId ?? '', /^ami-[0-9a-f]{17}$/);
        assert.match(o.created.CreationDate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.ok(
          (o.created.BlockDeviceMappings ?? []).every((m) =>
            /^snap-[0-9a-f]{17}$/.test(m.Ebs?.SnapshotId ?? ''),
          ),
        );
      }
      const sharedKeys = [
        'Architecture',
        'BlockDeviceMappings',
        'ImageId',
        'Name',
        'OwnerId',
        'RootDeviceName',
        'State',
        'Tags',
        'VirtualizationType',
      ];
      for (const key of sharedKeys) {
        assert.ok(key in fromMoto.created && key in fromEmulator.created, key);
      }
    });

    it('launch permissions read back identically', () => {
      assert.deepEqual(fromMoto.launchPermissions, [{ UserId: '222222222222' }]);
      assert.deepEqual(fromEmulator.launchPermissions, fromMoto.launchPermissions);
    });

    it('an unknown image id is InvalidAMIID.NotFound with the same message', () => {
      assert.deepEqual(fromEmulator.notFound, fromMoto.notFound);
    });

    it('DeregisterImage returns true', () => {
      assert.equal(fromMoto.deregister.returned, true);
      assert.equal(fromEmulator.deregister.returned, true);
    });
  });

  // Each of these pins a difference; all are moto shortcuts against the EC2 API reference.
  describe('known differences (moto shortcuts)', () => {
    it('new images: moto is available at once, EC2 (and the emulator) start pending', () => {
      assert.equal(fromMoto.created.State, 'available');
      assert.equal(fromEmulator.created.State, 'pending');
    });

    it('CreateImage root device type: moto says standard, EC2 says ebs', () => {
      assert.equal(fromMoto.created.RootDeviceType, 'standard');
      assert.equal(fromEmulator.created.RootDeviceType, 'ebs');
    });

    it('duplicate AMI names: moto accepts them, EC2 answers InvalidAMIName.Duplicate', () => {
      assert.equal(fromMoto.duplicateName, 'accepted');
      assert.equal(fromEmulator.duplicateName, 'InvalidAMIName.Duplicate');
    });

    it('paging: moto ignores MaxResults (no NextToken) and accepts values below 5', () => {
      assert.ok(fromMoto.pagedCount > 5 && !fromMoto.pagedHasToken);
      assert.equal(fromEmulator.pagedCount, 4);
      assert.equal(fromMoto.maxResults2, 'accepted');
      assert.equal(fromEmulator.maxResults2, 'InvalidParameterValue');
    });

    it('RegisterImage with ImageLocation: moto drops the location and says standard', () => {
      assert.equal(fromMoto.registered.ImageLocation, undefined);
      assert.equal(fromMoto.registered.RootDeviceType, 'standard');
      assert.equal(fromEmulator.registered.ImageLocation, 'bucket/x/image.manifest.xml');
      assert.equal(fromEmulator.registered.RootDeviceType, 'instance-store');
    });

    it('DeleteAssociatedSnapshots: moto reports no per-snapshot results', () => {
      assert.equal(fromMoto.deregister.results, undefined);
      assert.deepEqual(
        (fromEmulator.deregister.results as { ReturnCode?: string }[]).map((r) => r.ReturnCode),
        ['success'],
      );
    });

    it('fields EC2 always sends that moto omits on created images', () => {
      for (const key of [
        'EnaSupport',
        'Hypervisor',
        'PlatformDetails',
        'UsageOperation',
        'ImageLocation',
        'DeregistrationProtection',
      ] as const) {
        assert.equal(fromMoto.created[key], undefined, key);
        assert.notEqual(fromEmulator.created[key], undefined, key);
      }
    });
  });
});
