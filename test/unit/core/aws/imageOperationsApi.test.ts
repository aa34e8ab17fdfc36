import assert from 'node:assert/strict';
import {
  CopyImageCommand,
  DeregisterImageCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DisableImageDeregistrationProtectionCommand,
} from '@aws-sdk/client-ec2';
import { Ec2Caller } from '../../../../src/core/aws/ec2Caller';
import { ImageOperationsApi } from '../../../../src/core/aws/imageOperationsApi';
import { AwsApiError } from '../../../../src/core/model/errors';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/imageOperationsApi', () => {
  const mocked = useMockedEc2('dev');
  const api = new ImageOperationsApi(new Ec2Caller(mocked.factory, () => 'dev'));

  it('copyImage sends the planned params in the destination region and returns the id', async () => {
    mocked.ec2.on(CopyImageCommand).resolves({ ImageId: 'ami-0new' });
    const params = {
      SourceImageId: 'ami-0src',
      SourceRegion: 'us-east-1',
      Name: 'copy',
      CopyImageTags: true,
      Encrypted: true,
      KmsKeyId: 'alias/k',
      ClientToken: 'ami-explorer-copy-abc',
    };
    assert.equal(await api.copyImage('eu-west-1', params), 'ami-0new');
    const [call] = mocked.ec2.commandCalls(CopyImageCommand);
    assert.deepEqual(call?.args[0].input, params);
    assert.equal(await (await mocked.factory.client('eu-west-1')).config.region(), 'eu-west-1');
  });

  it('copyImage turns EC2 errors into typed errors naming the region', async () => {
    mocked.ec2
      .on(CopyImageCommand)
      .rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
    await assert.rejects(
      api.copyImage('ap-southeast-2', {
        SourceImageId: 'ami-1',
        SourceRegion: 'us-east-1',
        Name: 'n',
        CopyImageTags: false,
        ClientToken: 't',
      }),
      (e: unknown) =>
        e instanceof AwsApiError &&
        e.code === 'RequestLimitExceeded' &&
        e.context.region === 'ap-southeast-2' &&
        e.context.action === 'CopyImage',
    );
  });

  it('deregisterImage asks for DeleteAssociatedSnapshots only when wanted and maps the results', async () => {
    mocked.ec2.on(DeregisterImageCommand).resolves({
      Return: true,
      DeleteSnapshotResults: [
        { SnapshotId: 'snap-1', ReturnCode: 'success' },
        { SnapshotId: 'snap-2', ReturnCode: 'skipped' },
      ],
    });
    const result = await api.deregisterImage('us-east-1', 'ami-1', true);
    assert.deepEqual(result.snapshotResults, [
      { snapshotId: 'snap-1', returnCode: 'success' },
      { snapshotId: 'snap-2', returnCode: 'skipped' },
    ]);
    await api.deregisterImage('us-east-1', 'ami-2', false);
    assert.deepEqual(
      mocked.ec2.commandCalls(DeregisterImageCommand).map((c) => c.args[0].input),
      [{ ImageId: 'ami-1', DeleteAssociatedSnapshots: true }, { ImageId: 'ami-2' }],
    );
  });

  it('disableDeregistrationProtection sends the image id', async () => {
    mocked.ec2.on(DisableImageDeregistrationProtectionCommand).resolves({ Return: 'disabled' });
    assert.equal(await api.disableDeregistrationProtection('us-east-1', 'ami-1'), 'disabled');
    assert.deepEqual(
      mocked.ec2.commandCalls(DisableImageDeregistrationProtectionCommand)[0]?.args[0].input,
      { ImageId: 'ami-1' },
    );
  });

  it('instancesUsingImages asks DescribeImageReferences for live instances, following NextToken', async () => {
    mocked.ec2
      .on(DescribeImageReferencesCommand)
      .resolvesOnce({
        ImageReferences: [
          {
            ImageId: 'ami-1',
            ResourceType: 'ec2:Instance',
            Arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
          },
        ],
        NextToken: 'n1',
      })
      .resolvesOnce({
        ImageReferences: [
          {
            ImageId: 'ami-1',
            ResourceType: 'ec2:Instance',
            Arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-2',
          },
        ],
      });
    const used = await api.instancesUsingImages('us-east-1', ['ami-1', 'ami-2']);
    assert.deepEqual(
      [...used],
      [
        ['ami-1', ['i-1', 'i-2']],
        ['ami-2', []],
      ],
    );
    const inputs = mocked.ec2
      .commandCalls(DescribeImageReferencesCommand)
      .map((c) => c.args[0].input);
    assert.deepEqual(inputs[0], {
      ImageIds: ['ami-1', 'ami-2'],
      ResourceTypes: [
        {
          ResourceType: 'ec2:Instance',
          ResourceTypeOptions: [
            {
              OptionName: 'state-name',
              OptionValues: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
            },
          ],
        },
      ],
      MaxResults: 1000,
    });
    assert.equal(inputs[1]?.NextToken, 'n1');
  });

  it('instancesLaunchedFrom filters DescribeInstances by image-id and live states', async () => {
    mocked.ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-9', ImageId: 'ami-2' }] }],
    });
    const used = await api.instancesLaunchedFrom('eu-west-1', ['ami-1', 'ami-2']);
    assert.deepEqual(
      [...used],
      [
        ['ami-1', []],
        ['ami-2', ['i-9']],
      ],
    );
    assert.deepEqual(mocked.ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input, {
      Filters: [
        { Name: 'image-id', Values: ['ami-1', 'ami-2'] },
        {
          Name: 'instance-state-name',
          Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
        },
      ],
      MaxResults: 1000,
    });
  });

  it('describeSnapshots uses a snapshot-id filter (a deleted one must not fail the call) and maps sizes', async () => {
    mocked.ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        {
          SnapshotId: 'snap-1',
          OwnerId: '111111111111',
          VolumeSize: 30,
          Encrypted: true,
          State: 'completed',
        },
      ],
    });
    assert.deepEqual(await api.describeSnapshots('us-east-1', ['snap-1', 'snap-gone']), [
      {
        snapshotId: 'snap-1',
        ownerId: '111111111111',
        sizeGiB: 30,
        encrypted: true,
        state: 'completed',
      },
    ]);
    assert.deepEqual(mocked.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input, {
      Filters: [{ Name: 'snapshot-id', Values: ['snap-1', 'snap-gone'] }],
      MaxResults: 1000,
    });
    assert.deepEqual(await api.describeSnapshots('us-east-1', []), []);
    assert.equal(mocked.ec2.commandCalls(DescribeSnapshotsCommand).length, 1, 'no call for no ids');
  });

  it('ownImagesUsingSnapshots finds my images by block-device-mapping.snapshot-id', async () => {
    mocked.ec2.on(DescribeImagesCommand).resolves({
      Images: [
        {
          ImageId: 'ami-9',
          State: 'available',
          RootDeviceType: 'ebs',
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1' } }],
        },
      ],
    });
    const images = await api.ownImagesUsingSnapshots('us-east-1', ['snap-1']);
    assert.deepEqual(
      images.map((i) => [i.imageId, i.blockDevices[0]?.ebs?.snapshotId]),
      [['ami-9', 'snap-1']],
    );
    assert.deepEqual(mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input, {
      Owners: ['self'],
      Filters: [{ Name: 'block-device-mapping.snapshot-id', Values: ['snap-1'] }],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      MaxResults: 1000,
    });
  });
});
