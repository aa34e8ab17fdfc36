import assert from 'node:assert/strict';
import {
  CancelImageLaunchPermissionCommand,
  DescribeInstanceImageMetadataCommand,
  DisableAllowedImagesSettingsCommand,
  DisableImageBlockPublicAccessCommand,
  EnableAllowedImagesSettingsCommand,
  EnableImageBlockPublicAccessCommand,
  GetAllowedImagesSettingsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  ListImagesInRecycleBinCommand,
  ListSnapshotsInRecycleBinCommand,
  ReplaceImageCriteriaInAllowedImagesSettingsCommand,
  RestoreImageFromRecycleBinCommand,
  RestoreSnapshotFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { AwsApiError } from '../../../../src/core/model/errors';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/recycleBin, accountSettings, leaveShared, imageMetadata', () => {
  const mocked = useMockedEc2('dev');

  describe('RecycleBin', () => {
    it('lists recycled AMIs page by page with enter and exit times', async () => {
      mocked.ec2
        .on(ListImagesInRecycleBinCommand)
        .resolvesOnce({
          Images: [
            {
              ImageId: 'ami-00000001',
              Name: 'old',
              RecycleBinEnterTime: new Date('2026-01-01T00:00:00.000Z'),
              RecycleBinExitTime: new Date('2026-01-15T00:00:00.000Z'),
            },
          ],
          NextToken: 't',
        })
        .resolvesOnce({ Images: [{ ImageId: 'ami-00000002' }] });
      const images = await mocked.recycleBin.images('us-east-1');
      assert.deepEqual(images, [
        {
          region: 'us-east-1',
          imageId: 'ami-00000001',
          name: 'old',
          enteredAt: '2026-01-01T00:00:00.000Z',
          exitsAt: '2026-01-15T00:00:00.000Z',
        },
        { region: 'us-east-1', imageId: 'ami-00000002' },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(ListImagesInRecycleBinCommand).map((c) => c.args[0].input),
        [{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't' }],
      );
    });

    it('lists recycled snapshots, optionally by id', async () => {
      mocked.ec2.on(ListSnapshotsInRecycleBinCommand).resolves({
        Snapshots: [{ SnapshotId: 'snap-00000001', VolumeId: 'vol-00000001', Description: 'd' }],
      });
      assert.deepEqual(await mocked.recycleBin.snapshots('us-east-1', ['snap-00000001']), [
        {
          region: 'us-east-1',
          snapshotId: 'snap-00000001',
          description: 'd',
          volumeId: 'vol-00000001',
        },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(ListSnapshotsInRecycleBinCommand)[0]?.args[0].input,
        {
          MaxResults: 1000,
          SnapshotIds: ['snap-00000001'],
        },
      );
    });

    it('restores an AMI and a snapshot; a refusal is a typed error', async () => {
      mocked.ec2.on(RestoreImageFromRecycleBinCommand).resolves({ Return: true });
      mocked.ec2
        .on(RestoreSnapshotFromRecycleBinCommand)
        .resolves({ SnapshotId: 'snap-00000001', State: 'completed' });
      await mocked.recycleBin.restoreImage('us-east-1', 'ami-00000001');
      assert.deepEqual(await mocked.recycleBin.restoreSnapshot('us-east-1', 'snap-00000001'), {
        snapshotId: 'snap-00000001',
        state: 'completed',
      });
      assert.deepEqual(
        mocked.ec2.commandCalls(RestoreImageFromRecycleBinCommand)[0]?.args[0].input,
        { ImageId: 'ami-00000001' },
      );
      mocked.ec2
        .on(RestoreImageFromRecycleBinCommand)
        .rejects(ec2Error('InvalidAMIID.NotFound', 'gone'));
      await assert.rejects(
        mocked.recycleBin.restoreImage('us-east-1', 'ami-00000009'),
        (e: unknown) => e instanceof AwsApiError && e.code === 'InvalidAMIID.NotFound',
      );
    });
  });

  describe('AccountSettings', () => {
    it('reads Allowed AMIs settings into criteria', async () => {
      mocked.ec2.on(GetAllowedImagesSettingsCommand).resolves({
        State: 'audit-mode',
        ManagedBy: 'account',
        ImageCriteria: [
          { ImageProviders: ['amazon'] },
          {
            ImageNames: ['web-*'],
            CreationDateCondition: { MaximumDaysSinceCreated: 300 },
            DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 0 },
          },
        ],
      });
      assert.deepEqual(await mocked.accountSettings.allowedImages('us-east-1'), {
        state: 'audit-mode',
        managedBy: 'account',
        criteria: [
          { imageProviders: ['amazon'] },
          { imageNames: ['web-*'], maximumDaysSinceCreated: 300, maximumDaysSinceDeprecated: 0 },
        ],
      });
    });

    it('an account that never set Allowed AMIs reads as disabled with no criteria', async () => {
      mocked.ec2.on(GetAllowedImagesSettingsCommand).resolves({});
      assert.deepEqual(await mocked.accountSettings.allowedImages('us-east-1'), {
        state: 'disabled',
        criteria: [],
      });
    });

    it('sends criteria, state changes and block public access changes as EC2 expects', async () => {
      mocked.ec2
        .on(ReplaceImageCriteriaInAllowedImagesSettingsCommand)
        .resolves({ ReturnValue: true });
      mocked.ec2.on(EnableAllowedImagesSettingsCommand).resolves({});
      mocked.ec2.on(DisableAllowedImagesSettingsCommand).resolves({});
      mocked.ec2.on(EnableImageBlockPublicAccessCommand).resolves({});
      mocked.ec2.on(DisableImageBlockPublicAccessCommand).resolves({});
      const settings = mocked.accountSettings;
      await settings.replaceImageCriteria('us-east-1', [
        { imageProviders: ['amazon', '123456789012'], maximumDaysSinceCreated: 30 },
        { marketplaceProductCodes: ['abc'], imageNames: [], maximumDaysSinceDeprecated: 7 },
      ]);
      await settings.enableAllowedImages('us-east-1', 'audit-mode');
      await settings.disableAllowedImages('us-east-1');
      await settings.enableImageBlockPublicAccess('us-east-1');
      await settings.disableImageBlockPublicAccess('us-east-1');
      const inputOf = (command: Parameters<typeof mocked.ec2.commandCalls>[0]): unknown =>
        mocked.ec2.commandCalls(command)[0]?.args[0].input as unknown;
      assert.deepEqual(inputOf(ReplaceImageCriteriaInAllowedImagesSettingsCommand), {
        ImageCriteria: [
          {
            ImageProviders: ['amazon', '123456789012'],
            CreationDateCondition: { MaximumDaysSinceCreated: 30 },
          },
          {
            MarketplaceProductCodes: ['abc'],
            DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 7 },
          },
        ],
      });
      assert.deepEqual(inputOf(EnableAllowedImagesSettingsCommand), {
        AllowedImagesSettingsState: 'audit-mode',
      });
      assert.deepEqual(inputOf(DisableAllowedImagesSettingsCommand), {});
      assert.deepEqual(inputOf(EnableImageBlockPublicAccessCommand), {
        ImageBlockPublicAccessState: 'block-new-sharing',
      });
      assert.deepEqual(inputOf(DisableImageBlockPublicAccessCommand), {});
    });

    it('reads snapshot block public access (unblocked when EC2 says nothing)', async () => {
      mocked.ec2
        .on(GetSnapshotBlockPublicAccessStateCommand)
        .resolvesOnce({ State: 'block-all-sharing', ManagedBy: 'account' })
        .resolvesOnce({});
      assert.equal(
        await mocked.accountSettings.snapshotBlockPublicAccess('us-east-1'),
        'block-all-sharing',
      );
      assert.equal(
        await mocked.accountSettings.snapshotBlockPublicAccess('us-east-1'),
        'unblocked',
      );
    });
  });

  it('leaveShared sends CancelImageLaunchPermission for the image', async () => {
    mocked.ec2.on(CancelImageLaunchPermissionCommand).resolves({ Return: true });
    await mocked.images.leaveShared('us-east-1', 'ami-00000001');
    assert.deepEqual(
      mocked.ec2.commandCalls(CancelImageLaunchPermissionCommand)[0]?.args[0].input,
      {
        ImageId: 'ami-00000001',
      },
    );
  });

  describe('Instances.imageMetadata', () => {
    it('pages every instance, and maps a deregistered image', async () => {
      mocked.ec2
        .on(DescribeInstanceImageMetadataCommand)
        .resolvesOnce({
          InstanceImageMetadata: [
            {
              InstanceId: 'i-00000001',
              State: { Name: 'running', Code: 16 },
              ImageMetadata: {
                ImageId: 'ami-00000001',
                Name: 'web',
                State: 'available',
                OwnerId: '111111111111',
                ImageAllowed: true,
                IsPublic: false,
              },
            },
          ],
          NextToken: 't',
        })
        .resolvesOnce({
          InstanceImageMetadata: [
            {
              InstanceId: 'i-00000002',
              ImageMetadata: { ImageId: 'ami-00000002', State: 'deregistered' },
            },
          ],
        });
      assert.deepEqual(await mocked.instances.imageMetadata('us-east-1'), [
        {
          instanceId: 'i-00000001',
          instanceState: 'running',
          imageId: 'ami-00000001',
          name: 'web',
          ownerId: '111111111111',
          state: 'available',
          imageAllowed: true,
          isPublic: false,
        },
        { instanceId: 'i-00000002', imageId: 'ami-00000002', state: 'deregistered' },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeInstanceImageMetadataCommand).map((c) => c.args[0].input),
        [{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't' }],
      );
    });

    it('asks by id without MaxResults (EC2 refuses both together)', async () => {
      mocked.ec2.on(DescribeInstanceImageMetadataCommand).resolves({ InstanceImageMetadata: [] });
      await mocked.instances.imageMetadata('us-east-1', ['i-00000001']);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeInstanceImageMetadataCommand)[0]?.args[0].input,
        { InstanceIds: ['i-00000001'] },
      );
    });
  });
});
