import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  DisableImageDeregistrationProtectionCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { AwsApiError, InputError } from '../../../../src/core/model/errors';
import { ImageLifecycleService } from '../../../../src/core/services/imageLifecycleService';
import { ImageService } from '../../../../src/core/services/imageService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';
import { makeAmi } from '../../helpers/fixtures';

const AMI = 'ami-0abcdef1234567890';
const REGION = 'eu-west-1';

describe('core/services/imageLifecycleService', () => {
  const mocked = useMockedEc2();
  const service = new ImageLifecycleService(
    mocked.images,
    mocked.tags,
    new ImageService(mocked.images),
  );

  /** Every mutating call EC2 received, in order, as [command name, input]. */
  function mutations(): [string, unknown][] {
    return mocked.ec2
      .calls()
      .map((c) => c.args[0] as { constructor: { name: string }; input: unknown })
      .filter((c) => !c.constructor.name.startsWith('Describe'))
      .map((c) => [c.constructor.name, c.input]);
  }

  beforeEach(() => {
    mocked.ec2.on(DescribeImagesCommand).resolves({
      Images: [{ ImageId: AMI, Name: 'web', State: 'available', Tags: [{ Key: 'a', Value: '1' }] }],
    });
  });

  it('a cancel that comes once EC2 made the change does not turn it into "cancelled": the image is still re-read', async () => {
    const controller = new AbortController();
    mocked.ec2.on(EnableImageCommand).callsFake(() => {
      controller.abort();
      return Promise.resolve({ Return: true });
    });
    const image = await service.enableImage(REGION, AMI, controller.signal);
    assert.equal(image.imageId, AMI);
    assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 1);
  });

  describe('changeTags', () => {
    const ami = makeAmi({
      imageId: AMI,
      region: REGION,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'temp', value: 'x' },
      ],
      blockDevices: [
        { deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-0aaa' } },
        { deviceName: '/dev/sdb', ebs: { snapshotId: 'snap-0bbb' } },
        { deviceName: '/dev/sdc', virtualName: 'ephemeral0' },
      ],
    });

    it('sends one CreateTags and one DeleteTags on the image and its snapshots, then re-reads it', async () => {
      const result = await service.changeTags(
        ami,
        {
          set: [
            { key: 'env', value: 'staging' },
            { key: 'owner', value: 'ops' },
          ],
          remove: ['temp'],
        },
        true,
      );
      assert.deepEqual(mutations(), [
        [
          'CreateTagsCommand',
          {
            Resources: [AMI, 'snap-0aaa', 'snap-0bbb'],
            Tags: [
              { Key: 'env', Value: 'staging' },
              { Key: 'owner', Value: 'ops' },
            ],
          },
        ],
        [
          'DeleteTagsCommand',
          { Resources: [AMI, 'snap-0aaa', 'snap-0bbb'], Tags: [{ Key: 'temp' }] },
        ],
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input),
        [{ ImageIds: [AMI], IncludeDeprecated: true, IncludeDisabled: true }],
      );
      assert.deepEqual(result.resourceIds, [AMI, 'snap-0aaa', 'snap-0bbb']);
      assert.deepEqual(result.image.tags, [{ key: 'a', value: '1' }]);
      assert.equal(result.image.region, REGION);
    });

    it('tags the image alone unless snapshots are chosen; no DeleteTags without removals', async () => {
      await service.changeTags(ami, { set: [{ key: 'owner', value: 'ops' }], remove: [] }, false);
      assert.deepEqual(mutations(), [
        ['CreateTagsCommand', { Resources: [AMI], Tags: [{ Key: 'owner', Value: 'ops' }] }],
      ]);
    });

    it('only removes when nothing is set', async () => {
      await service.changeTags(ami, { set: [], remove: ['env', 'temp'] }, false);
      assert.deepEqual(mutations(), [
        ['DeleteTagsCommand', { Resources: [AMI], Tags: [{ Key: 'env' }, { Key: 'temp' }] }],
      ]);
    });

    it('refuses invalid or empty changes before any call', async () => {
      for (const changes of [
        { set: [{ key: 'aws:owner', value: 'x' }], remove: [] },
        { set: [{ key: 'k', value: 'v'.repeat(257) }], remove: [] },
        { set: [], remove: [] },
      ]) {
        await assert.rejects(service.changeTags(ami, changes, true), InputError);
      }
      assert.deepEqual(mocked.ec2.calls(), []);
    });

    it('stops at a failing CreateTags with a typed error and does not delete', async () => {
      mocked.ec2
        .on(CreateTagsCommand)
        .rejects(ec2Error('TagLimitExceeded', 'The maximum number of tags for a resource is 50.'));
      await assert.rejects(
        service.changeTags(ami, { set: [{ key: 'x', value: '1' }], remove: ['temp'] }, false),
        (error: unknown) =>
          error instanceof AwsApiError &&
          error.code === 'TagLimitExceeded' &&
          error.context.action === 'CreateTags',
      );
      assert.equal(mocked.ec2.commandCalls(DeleteTagsCommand).length, 0);
    });
  });

  it('setDescription sends Description.Value and refuses more than 255 characters', async () => {
    const image = await service.setDescription(REGION, AMI, 'Nightly web build');
    assert.equal(image.imageId, AMI);
    assert.deepEqual(
      mocked.ec2.commandCalls(ModifyImageAttributeCommand).map((c) => c.args[0].input),
      [{ ImageId: AMI, Description: { Value: 'Nightly web build' } }],
    );
    mocked.ec2.resetHistory();
    await assert.rejects(service.setDescription(REGION, AMI, 'x'.repeat(256)), InputError);
    await assert.rejects(service.setDescription(REGION, 'ami-nope', 'x'), InputError);
    assert.deepEqual(mocked.ec2.calls(), []);
  });

  describe('deprecation', () => {
    const now = new Date('2025-03-10T12:00:00Z');

    it('sends DeprecateAt as the chosen instant', async () => {
      await service.scheduleDeprecation(REGION, AMI, new Date('2025-04-09T12:00:00Z'), now);
      const [call] = mocked.ec2.commandCalls(EnableImageDeprecationCommand);
      assert.equal(call?.args[0].input.ImageId, AMI);
      assert.equal(call?.args[0].input.DeprecateAt?.toISOString(), '2025-04-09T12:00:00.000Z');
    });

    it('refuses a past time or one more than 10 years ahead before any call', async () => {
      await assert.rejects(
        service.scheduleDeprecation(REGION, AMI, new Date('2025-03-10T11:59:00Z'), now),
        /Cannot deprecate at 2025-03-10 11:59 UTC: The time must be in the future/,
      );
      await assert.rejects(
        service.scheduleDeprecation(REGION, AMI, new Date('2035-03-11T00:00:00Z'), now),
        InputError,
      );
      await assert.rejects(
        service.scheduleDeprecation(REGION, AMI, new Date(Number.NaN), now),
        InputError,
      );
      assert.deepEqual(mocked.ec2.calls(), []);
    });

    it('cancels with DisableImageDeprecation', async () => {
      await service.cancelDeprecation(REGION, AMI);
      assert.deepEqual(mutations(), [['DisableImageDeprecationCommand', { ImageId: AMI }]]);
    });
  });

  describe('deregistration protection', () => {
    it('enables with or without cooldown', async () => {
      await service.enableProtection(REGION, AMI, true);
      await service.enableProtection(REGION, AMI, false);
      assert.deepEqual(
        mocked.ec2
          .commandCalls(EnableImageDeregistrationProtectionCommand)
          .map((c) => c.args[0].input),
        [
          { ImageId: AMI, WithCooldown: true },
          { ImageId: AMI, WithCooldown: false },
        ],
      );
    });

    it('disables and reports the cooldown EC2 reports afterwards', async () => {
      // The real SDK always resolves an output; the image protection's Return is read from it.
      mocked.ec2.on(DisableImageDeregistrationProtectionCommand).resolves({});
      mocked.ec2.on(DescribeImagesCommand).resolves({
        Images: [
          {
            ImageId: AMI,
            State: 'available',
            DeregistrationProtection: 'disabled-until-2025-03-11T12:00:00Z',
          },
        ],
      });
      const result = await service.disableProtection(REGION, AMI);
      assert.deepEqual(mutations(), [
        ['DisableImageDeregistrationProtectionCommand', { ImageId: AMI }],
      ]);
      assert.deepEqual(result.protection, { kind: 'cooldown', until: '2025-03-11T12:00:00Z' });
    });
  });

  describe('disable and enable', () => {
    it('reads launch permissions with DescribeImageAttribute launchPermission', async () => {
      mocked.ec2.on(DescribeImageAttributeCommand).resolves({
        LaunchPermissions: [{ Group: 'all' }, { UserId: '222222222222' }],
      });
      assert.deepEqual(await service.launchPermissions(REGION, AMI), [
        { group: 'all' },
        { userId: '222222222222' },
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeImageAttributeCommand).map((c) => c.args[0].input),
        [{ ImageId: AMI, Attribute: 'launchPermission' }],
      );
    });

    it('sends DisableImage and EnableImage', async () => {
      await service.disableImage(REGION, AMI);
      await service.enableImage(REGION, AMI);
      assert.deepEqual(mutations(), [
        ['DisableImageCommand', { ImageId: AMI }],
        ['EnableImageCommand', { ImageId: AMI }],
      ]);
      assert.equal(mocked.ec2.commandCalls(DisableImageCommand).length, 1);
      assert.equal(mocked.ec2.commandCalls(EnableImageCommand).length, 1);
    });

    it('turns EC2 refusals into typed errors', async () => {
      mocked.ec2
        .on(DisableImageDeregistrationProtectionCommand)
        .rejects(ec2Error('UnauthorizedOperation', 'You are not authorized'));
      await assert.rejects(
        service.disableProtection(REGION, AMI),
        (error: unknown) =>
          error instanceof AwsApiError &&
          error.code === 'UnauthorizedOperation' &&
          /DisableImageDeregistrationProtection/.test(error.message),
      );
      mocked.ec2.on(DisableImageDeprecationCommand).rejects(ec2Error('InvalidAMIID.NotFound', 'x'));
      await assert.rejects(
        service.cancelDeprecation(REGION, AMI),
        (error: unknown) => error instanceof AwsApiError && error.code === 'InvalidAMIID.NotFound',
      );
    });
  });
});
