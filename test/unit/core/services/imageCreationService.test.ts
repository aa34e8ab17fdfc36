import assert from 'node:assert/strict';
import type { Instance } from '@aws-sdk/client-ec2';
import {
  CreateImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CancelledError, InputError, OutcomeUnknownError } from '../../../../src/core/model/errors';
import type { CreateImageInput } from '../../../../src/core/model/imageCreation';
import {
  ImageCreationService,
  InstanceStoreBackedError,
} from '../../../../src/core/services/imageCreationService';
import { noteEarlierAttempts } from '../../../../src/core/aws/requestOutcome';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const INSTANCE_ID = 'i-0123456789abcdef0';

function instance(state: string, overrides: Partial<Instance> = {}): Instance {
  return {
    InstanceId: INSTANCE_ID,
    ImageId: 'ami-0000000000000src0',
    State: { Name: state as 'running' },
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    Tags: [{ Key: 'Name', Value: 'web-1' }],
    BlockDeviceMappings: [
      { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', DeleteOnTermination: true } },
      { DeviceName: '/dev/sdf', Ebs: { VolumeId: 'vol-2', DeleteOnTermination: false } },
    ],
    ...overrides,
  };
}

const reservations = (i: Instance) => ({ Reservations: [{ Instances: [i] }] });

const input = (overrides: Partial<CreateImageInput> = {}): CreateImageInput => ({
  region: 'us-east-1',
  instanceId: INSTANCE_ID,
  name: 'web-1 2026-11-26',
  description: 'nightly',
  tags: [{ key: 'team', value: 'web' }],
  consistency: 'reboot',
  ...overrides,
});

/** The SDK command names sent, in order. */
function sent(mocked: ReturnType<typeof useMockedEc2>): string[] {
  return mocked.ec2.calls().map((c) => (c.args[0] as object).constructor.name);
}

describe('core/services/imageCreationService', () => {
  const mocked = useMockedEc2();
  const fast = { minDelaySeconds: 1, maxDelaySeconds: 1, maxWaitSeconds: 10 };
  const service = () =>
    new ImageCreationService(mocked.images, mocked.instances, fast, {
      sleep: () => Promise.resolve(),
    });

  function newImage(): void {
    mocked.ec2.on(DescribeImagesCommand, { ImageIds: ['ami-0000000000000new0'] }).resolves({
      Images: [
        {
          ImageId: 'ami-0000000000000new0',
          Name: 'web-1 2026-11-26',
          State: 'pending',
          RootDeviceType: 'ebs',
        },
      ],
    });
  }

  it('reboot: checks the name, then CreateImage with NoReboot false, tags on image and snapshots', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-0000000000000new0' });
    newImage();

    const result = await service().create(
      input({
        volumes: [
          { deviceName: '/dev/xvda', include: true, deleteOnTermination: true },
          { deviceName: '/dev/sdf', include: false, deleteOnTermination: false },
        ],
      }),
    );

    assert.equal(result.image.imageId, 'ami-0000000000000new0');
    assert.equal(result.image.state, 'pending');
    assert.equal(result.stoppedInstance, false);
    assert.deepEqual(sent(mocked), [
      'DescribeInstancesCommand',
      'DescribeImagesCommand',
      'CreateImageCommand',
      'DescribeImagesCommand',
    ]);
    assert.deepEqual(mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input, {
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: ['web-1 2026-11-26'] }],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      MaxResults: 1000,
    });
    const tags = [{ Key: 'team', Value: 'web' }];
    assert.deepEqual(mocked.ec2.commandCalls(CreateImageCommand)[0]?.args[0].input, {
      InstanceId: INSTANCE_ID,
      Name: 'web-1 2026-11-26',
      Description: 'nightly',
      NoReboot: false,
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', NoDevice: '' }],
      TagSpecifications: [
        { ResourceType: 'image', Tags: tags },
        { ResourceType: 'snapshot', Tags: tags },
      ],
    });
  });

  it('no reboot: NoReboot true, no BlockDeviceMappings or TagSpecifications when nothing changes', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-0000000000000new0' });
    await service().create(input({ consistency: 'noReboot', tags: [], description: '' }));
    assert.deepEqual(mocked.ec2.commandCalls(CreateImageCommand)[0]?.args[0].input, {
      InstanceId: INSTANCE_ID,
      Name: 'web-1 2026-11-26',
      NoReboot: true,
    });
  });

  it('stop first: StopInstances, waits for stopped, then CreateImage without a reboot', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance('running')))
      .resolvesOnce(reservations(instance('stopping')))
      .resolves(reservations(instance('stopped')));
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(StopInstancesCommand).resolves({});
    mocked.ec2.on(CreateImageCommand).resolves({ ImageId: 'ami-0000000000000new0' });
    const steps: string[] = [];
    let stopped = false;

    const result = await service().create(input({ consistency: 'stop' }), undefined, {
      step: (m) => steps.push(m),
      stopped: () => (stopped = true),
    });

    assert.equal(result.stoppedInstance, true);
    assert.ok(stopped);
    assert.deepEqual(sent(mocked), [
      'DescribeInstancesCommand',
      'DescribeImagesCommand',
      'StopInstancesCommand',
      'DescribeInstancesCommand',
      'DescribeInstancesCommand',
      'CreateImageCommand',
      'DescribeImagesCommand',
    ]);
    assert.deepEqual(mocked.ec2.commandCalls(StopInstancesCommand)[0]?.args[0].input, {
      InstanceIds: [INSTANCE_ID],
    });
    assert.equal(mocked.ec2.commandCalls(CreateImageCommand)[0]?.args[0].input.NoReboot, true);
    assert.deepEqual(steps, [
      'Checking that the name "web-1 2026-11-26" is free in us-east-1…',
      `Stopping web-1 (${INSTANCE_ID})…`,
      `Waiting until web-1 (${INSTANCE_ID}) is stopped…`,
      'Creating the image "web-1 2026-11-26"…',
    ]);
  });

  it('refuses a duplicate name before any change, naming the AMI that has it', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
    mocked.ec2.on(DescribeImagesCommand).resolves({
      Images: [{ ImageId: 'ami-0000000000000dup0', Name: 'web-1 2026-11-26', State: 'available' }],
    });
    await assert.rejects(
      service().create(input({ consistency: 'stop' })),
      (e: unknown) =>
        e instanceof InputError &&
        e.message ===
          'An AMI named "web-1 2026-11-26" already exists in us-east-1 (ami-0000000000000dup0). AMI names are unique per account and region; choose another name.',
    );
    assert.equal(mocked.ec2.commandCalls(StopInstancesCommand).length, 0);
    assert.equal(mocked.ec2.commandCalls(CreateImageCommand).length, 0);
  });

  it('refuses an instance store-backed instance with the explanation, before any other call', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolves(
        reservations(
          instance('running', { RootDeviceType: 'instance-store', BlockDeviceMappings: [] }),
        ),
      );
    await assert.rejects(service().create(input()), (e: unknown) => {
      assert.ok(e instanceof InstanceStoreBackedError);
      assert.ok(e instanceof InputError);
      assert.match(e.message, /ec2-bundle-vol.*ec2-upload-bundle.*Register Image/s);
      return true;
    });
    assert.deepEqual(sent(mocked), ['DescribeInstancesCommand']);
  });

  it('refuses invalid input before the name check', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
    await assert.rejects(service().create(input({ name: 'x' })), InputError);
    assert.deepEqual(sent(mocked), ['DescribeInstancesCommand']);
  });

  it('cancelling while waiting for the stop: no CreateImage, and the caller knows it stopped the instance', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance('running')))
      .resolves(reservations(instance('stopping')));
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    mocked.ec2.on(StopInstancesCommand).resolves({});
    const controller = new AbortController();
    let stopped = false;
    await assert.rejects(
      service().create(input({ consistency: 'stop' }), controller.signal, {
        stopped: () => {
          stopped = true;
          setTimeout(() => controller.abort(), 50);
        },
      }),
      CancelledError,
    );
    assert.ok(stopped);
    assert.equal(mocked.ec2.commandCalls(CreateImageCommand).length, 0);
  });

  describe('an unknown CreateImage outcome is settled by looking the image up by name and instance', () => {
    const byName = {
      Owners: ['self'],
      Filters: [{ Name: 'name', Values: ['web-1 2026-11-26'] }],
    };
    const made = (id: string, instanceId = INSTANCE_ID) => ({
      ImageId: id,
      Name: 'web-1 2026-11-26',
      State: 'pending' as const,
      RootDeviceType: 'ebs' as const,
      SourceInstanceId: instanceId,
      CreationDate: new Date().toISOString(),
    });

    it('a lost CreateImage answer (not retried): the image is found and adopted, not "no image was created"', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
      mocked.ec2
        .on(DescribeImagesCommand, byName)
        .resolvesOnce({ Images: [] })
        .resolves({ Images: [made('ami-0000000000000new0')] });
      mocked.ec2
        .on(CreateImageCommand)
        .rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const result = await service().create(input());
      assert.equal(result.image.imageId, 'ami-0000000000000new0');
      assert.match(
        result.confirmedByRereading ?? '',
        /^the request ended without a clear answer \("Could not reach EC2 in us-east-1 \(ECONNRESET\)/,
      );
      assert.deepEqual(result.alsoCreated, []);
    });

    it('InvalidAMIName.Duplicate after retries of throttled attempts only is EC2’s real answer: refused', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      const duplicate = ec2Error('InvalidAMIName.Duplicate', 'AMI name is already in use');
      duplicate.$metadata.attempts = 2;
      // What the retry strategy notes when the attempt before was throttled.
      noteEarlierAttempts(duplicate, false);
      mocked.ec2.on(CreateImageCommand).rejects(duplicate);
      await assert.rejects(service().create(input()), {
        name: 'AwsApiError',
        code: 'InvalidAMIName.Duplicate',
      });
      assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 1, 'no re-read');
    });

    it('on an endpoint that accepted duplicate names, every image of this attempt is returned, none left untracked', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
      mocked.ec2
        .on(DescribeImagesCommand, byName)
        .resolvesOnce({ Images: [] })
        .resolves({
          Images: [
            made('ami-0000000000000two0'),
            made('ami-0000000000000one0'),
            made('ami-0000000000000oth0', 'i-0ffffffffffffffff'),
          ],
        });
      mocked.ec2
        .on(CreateImageCommand)
        .rejects(ec2Error('InternalError', 'boom', { httpStatusCode: 500, fault: 'server' }));
      const result = await service().create(input());
      assert.deepEqual(
        [result.image.imageId, ...result.alsoCreated.map((i) => i.imageId)].sort(),
        ['ami-0000000000000one0', 'ami-0000000000000two0'],
        'the image from another instance is not this attempt’s',
      );
    });

    it('cancel while CreateImage is under way and nothing shows: OutcomeUnknownError, never "no image was created"', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
      mocked.ec2.on(DescribeImagesCommand, byName).resolves({ Images: [] });
      const controller = new AbortController();
      mocked.ec2.on(CreateImageCommand).callsFake(() => {
        controller.abort();
        return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
      await assert.rejects(
        service().create(input(), controller.signal),
        (e: unknown) =>
          e instanceof OutcomeUnknownError &&
          /^Cancelled while CreateImage was under way\. It is not known whether the image "web-1 2026-11-26" was created: no image of that name from i-0123456789abcdef0 shows in us-east-1 yet/.test(
            e.message,
          ),
      );
      // The name check and three re-reads.
      assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 4);
    });

    it('EC2 refusing CreateImage on its only attempt is a plain failure (no re-read)', async () => {
      mocked.ec2.on(DescribeInstancesCommand).resolves(reservations(instance('running')));
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      mocked.ec2
        .on(CreateImageCommand)
        .rejects(ec2Error('InvalidParameterValue', 'bad', { httpStatusCode: 400 }));
      await assert.rejects(service().create(input()), {
        name: 'AwsApiError',
        code: 'InvalidParameterValue',
      });
      assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 1);
    });
  });

  it('cancel while StopInstances is under way and EC2 stopped it: the caller knows it stopped the instance; no CreateImage', async () => {
    mocked.ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(reservations(instance('running')))
      .resolves(reservations(instance('stopping')));
    mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    const controller = new AbortController();
    mocked.ec2.on(StopInstancesCommand).callsFake(() => {
      controller.abort();
      return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    });
    let stopped = false;
    await assert.rejects(
      service().create(input({ consistency: 'stop' }), controller.signal, {
        stopped: () => {
          stopped = true;
        },
      }),
      CancelledError,
    );
    assert.ok(stopped, 'told that the instance was stopped for it');
    assert.equal(mocked.ec2.commandCalls(CreateImageCommand).length, 0);
  });

  describe('reviewVolumes', () => {
    it('uses DescribeVolumes for size, type and encryption', async () => {
      mocked.ec2.on(DescribeVolumesCommand).resolves({
        Volumes: [
          { VolumeId: 'vol-1', Size: 8, VolumeType: 'gp3', Encrypted: false },
          { VolumeId: 'vol-2', Size: 100, VolumeType: 'io2', Encrypted: true, KmsKeyId: 'arn:key' },
        ],
      });
      const review = await service().reviewVolumes('us-east-1', {
        instanceId: INSTANCE_ID,
        state: 'running',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        tags: [],
        mappings: [
          { deviceName: '/dev/xvda', volumeId: 'vol-1', deleteOnTermination: true },
          { deviceName: '/dev/sdf', volumeId: 'vol-2', deleteOnTermination: false },
        ],
      });
      assert.deepEqual(review, {
        source: 'volumes',
        volumes: [
          {
            deviceName: '/dev/xvda',
            volumeId: 'vol-1',
            isRoot: true,
            deleteOnTermination: true,
            sizeGiB: 8,
            volumeType: 'gp3',
            encrypted: false,
          },
          {
            deviceName: '/dev/sdf',
            volumeId: 'vol-2',
            isRoot: false,
            deleteOnTermination: false,
            sizeGiB: 100,
            volumeType: 'io2',
            encrypted: true,
            kmsKeyId: 'arn:key',
          },
        ],
      });
      assert.deepEqual(mocked.ec2.commandCalls(DescribeVolumesCommand)[0]?.args[0].input, {
        VolumeIds: ['vol-1', 'vol-2'],
      });
    });

    it('falls back to the source AMI when DescribeVolumes is not available, and says why', async () => {
      mocked.ec2
        .on(DescribeVolumesCommand)
        .rejects(
          ec2Error(
            'InvalidAction',
            'The action DescribeVolumes is not valid for this web service.',
          ),
        );
      mocked.ec2.on(DescribeImagesCommand).resolves({
        Images: [
          {
            ImageId: 'ami-0000000000000src0',
            State: 'available',
            BlockDeviceMappings: [
              {
                DeviceName: '/dev/xvda',
                Ebs: { VolumeSize: 8, VolumeType: 'gp3', Encrypted: true },
              },
            ],
          },
        ],
      });
      const review = await service().reviewVolumes('us-east-1', {
        instanceId: INSTANCE_ID,
        state: 'running',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        imageId: 'ami-0000000000000src0',
        tags: [],
        mappings: [
          { deviceName: '/dev/xvda', volumeId: 'vol-1', deleteOnTermination: true },
          { deviceName: '/dev/sdf', volumeId: 'vol-2', deleteOnTermination: false },
        ],
      });
      assert.equal(review.source, 'sourceImage');
      assert.match(review.fallbackReason ?? '', /InvalidAction/);
      assert.deepEqual(review.volumes, [
        {
          deviceName: '/dev/xvda',
          volumeId: 'vol-1',
          isRoot: true,
          deleteOnTermination: true,
          sizeGiB: 8,
          volumeType: 'gp3',
          encrypted: true,
        },
        { deviceName: '/dev/sdf', volumeId: 'vol-2', isRoot: false, deleteOnTermination: false },
      ]);
    });
  });
});
