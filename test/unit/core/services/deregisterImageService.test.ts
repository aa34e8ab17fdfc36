import assert from 'node:assert/strict';
import type { Image } from '@aws-sdk/client-ec2';
import {
  DeregisterImageCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DisableImageDeregistrationProtectionCommand,
} from '@aws-sdk/client-ec2';
import { planDeregister } from '../../../../src/core/model/deregisterPlan';
import { DeregisterImageService } from '../../../../src/core/services/deregisterImageService';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

const NOW = new Date('2026-11-26T12:00:00Z');

const image = (id: string, snapshots: string[], extra: Partial<Image> = {}): Image => ({
  ImageId: id,
  Name: `name-${id}`,
  State: 'available',
  OwnerId: '111111111111',
  RootDeviceType: 'ebs',
  DeregistrationProtection: 'disabled',
  BlockDeviceMappings: snapshots.map((s, i) => ({
    DeviceName: `/dev/xvd${String.fromCharCode(97 + i)}`,
    Ebs: { SnapshotId: s, VolumeSize: 8 },
  })),
  ...extra,
});

describe('core/services/deregisterImageService', () => {
  const mocked = useMockedEc2();
  const service = new DeregisterImageService(mocked.images, mocked.instances, mocked.snapshots, {
    sleep: () => Promise.resolve(),
  });

  describe('gatherFacts', () => {
    it('gathers usage, protection, snapshot sizes and AMIs sharing the snapshots', async () => {
      const ami1 = image('ami-1', ['snap-1', 'snap-s']);
      const ami9 = image('ami-9', ['snap-s']);
      mocked.ec2
        .on(DescribeImagesCommand, { ImageIds: ['ami-1'] })
        .resolves({ Images: [ami1] })
        .on(DescribeImagesCommand, { Owners: ['self'] })
        .resolves({ Images: [ami1, ami9] });
      mocked.ec2.on(DescribeImageReferencesCommand).resolves({
        ImageReferences: [
          {
            ImageId: 'ami-1',
            ResourceType: 'ec2:Instance',
            Arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
          },
        ],
      });
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({
        Snapshots: [
          { SnapshotId: 'snap-1', VolumeSize: 30, OwnerId: '111111111111' },
          { SnapshotId: 'snap-s', VolumeSize: 8, OwnerId: '111111111111' },
        ],
      });
      const [facts] = await service.gatherFacts([{ region: 'us-east-1', imageId: 'ami-1' }]);
      assert.deepEqual(facts?.usage, {
        known: true,
        instanceIds: ['i-1'],
        source: 'DescribeImageReferences',
      });
      assert.deepEqual(
        facts?.snapshots.map((s) => [s.snapshotId, s.sizeGiB, s.found, s.usedBy]),
        [
          ['snap-1', 30, true, []],
          ['snap-s', 8, true, ['ami-9']],
        ],
      );
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input.Filters,
        [{ Name: 'snapshot-id', Values: ['snap-1', 'snap-s'] }],
      );
      assert.equal(mocked.ec2.commandCalls(DescribeInstancesCommand).length, 0);
    });

    it('falls back to DescribeInstances when DescribeImageReferences is not allowed', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [image('ami-1', [])] });
      mocked.ec2.on(DescribeImageReferencesCommand).rejects(
        ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', {
          httpStatusCode: 403,
        }),
      );
      mocked.ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [{ Instances: [{ InstanceId: 'i-7', ImageId: 'ami-1' }] }],
      });
      const [facts] = await service.gatherFacts([{ region: 'eu-west-1', imageId: 'ami-1' }]);
      assert.deepEqual(facts?.usage, {
        known: true,
        instanceIds: ['i-7'],
        source: 'DescribeInstances',
      });
    });

    it('says usage is unknown when both calls fail, and marks a region that fails as such', async () => {
      mocked.ec2
        .on(DescribeImagesCommand, { ImageIds: ['ami-1'] })
        .resolves({ Images: [image('ami-1', [])] })
        .on(DescribeImagesCommand, { ImageIds: ['ami-2'] })
        .rejects(
          ec2Error('RequestLimitExceeded', 'Request limit exceeded.', { httpStatusCode: 503 }),
        );
      mocked.ec2.on(DescribeImageReferencesCommand).rejects(ec2Error('InvalidAction', 'nope'));
      mocked.ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'denied'));
      const [one, two] = await service.gatherFacts([
        { region: 'us-east-1', imageId: 'ami-1' },
        { region: 'eu-west-1', imageId: 'ami-2' },
      ]);
      assert.equal(one?.usage.known, false);
      assert.equal(two?.error?.includes('throttling requests in eu-west-1'), true, two?.error);
    });

    it('an AMI that is gone is reported as not found', async () => {
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      const [facts] = await service.gatherFacts([{ region: 'us-east-1', imageId: 'ami-1' }]);
      assert.match(facts?.error ?? '', /not found in us-east-1/);
    });
  });

  describe('execute', () => {
    it('disables protection first when planned, then deregisters with DeleteAssociatedSnapshots', async () => {
      mocked.ec2.on(DisableImageDeregistrationProtectionCommand).resolves({ Return: 'disabled' });
      mocked.ec2.on(DeregisterImageCommand).resolves({
        Return: true,
        DeleteSnapshotResults: [{ SnapshotId: 'snap-1', ReturnCode: 'success' }],
      });
      const plan = planDeregister(
        [
          {
            image: {
              imageId: 'ami-1',
              region: 'us-east-1',
              state: 'available',
              rootDeviceType: 'ebs',
              blockDevices: [],
              deregistrationProtection: 'enabled',
            },
            usage: { known: true, instanceIds: [], source: 'DescribeImageReferences' },
            snapshots: [],
          },
        ],
        { deleteSnapshots: true, disableProtection: true },
        NOW,
      );
      const outcomes = await service.execute(plan);
      assert.deepEqual(outcomes, [
        {
          kind: 'deregistered',
          protectionDisabled: true,
          snapshotResults: [{ snapshotId: 'snap-1', returnCode: 'success' }],
          snapshotRereads: [],
        },
      ]);
      assert.deepEqual(mocked.ec2.commandCalls(DeregisterImageCommand)[0]?.args[0].input, {
        ImageId: 'ami-1',
        DeleteAssociatedSnapshots: true,
      });
    });

    it('with a cooldown: disables protection, does not deregister, and reports EC2’s new state', async () => {
      mocked.ec2.on(DisableImageDeregistrationProtectionCommand).resolves({ Return: 'disabled' });
      mocked.ec2.on(DescribeImagesCommand).resolves({
        Images: [
          image('ami-1', [], { DeregistrationProtection: 'disabled-until-2026-11-27T12:00:00Z' }),
        ],
      });
      const plan = planDeregister(
        [
          {
            image: {
              imageId: 'ami-1',
              region: 'us-east-1',
              state: 'available',
              rootDeviceType: 'ebs',
              blockDevices: [],
              deregistrationProtection: 'enabled-with-cooldown',
            },
            usage: { known: true, instanceIds: [], source: 'DescribeImageReferences' },
            snapshots: [],
          },
        ],
        { deleteSnapshots: false, disableProtection: true },
        NOW,
      );
      assert.deepEqual(await service.execute(plan), [
        { kind: 'protection-disabled', protection: 'disabled-until-2026-11-27T12:00:00Z' },
      ]);
      assert.equal(mocked.ec2.commandCalls(DeregisterImageCommand).length, 0);
    });

    it('goes on after a failure, and reports what is left as cancelled once the signal fires', async () => {
      const controller = new AbortController();
      mocked.ec2.on(DeregisterImageCommand, { ImageId: 'ami-1' }).callsFake(() => {
        controller.abort();
        return Promise.reject(ec2Error('OperationNotPermitted', 'protected'));
      });
      const facts = (id: string) => ({
        image: {
          imageId: id,
          region: 'us-east-1',
          state: 'available',
          rootDeviceType: 'ebs' as const,
          blockDevices: [],
        },
        usage: {
          known: true as const,
          instanceIds: [],
          source: 'DescribeImageReferences' as const,
        },
        snapshots: [],
      });
      const plan = planDeregister(
        [facts('ami-1'), facts('ami-2')],
        { deleteSnapshots: false, disableProtection: false },
        NOW,
      );
      const outcomes = await service.execute(plan, controller.signal);
      assert.equal(outcomes[0]?.kind, 'failed');
      assert.deepEqual(outcomes[1], { kind: 'cancelled' });
      assert.equal(mocked.ec2.commandCalls(DeregisterImageCommand).length, 1);
    });
  });
  describe('execute: an unknown outcome is settled by re-reading EC2', () => {
    /** A plan deregistering ami-1 (snapshots snap-1, snap-2) and ami-2, deleting snapshots. */
    function planOf(ids: string[] = ['ami-1', 'ami-2']) {
      return planDeregister(
        ids.map((id) => ({
          image: {
            imageId: id,
            region: 'us-east-1',
            state: 'available',
            rootDeviceType: 'ebs' as const,
            blockDevices: [],
            ownerId: '111111111111',
          },
          usage: { known: true as const, instanceIds: [], source: 'DescribeInstances' as const },
          snapshots: (id === 'ami-1' ? ['snap-1', 'snap-2'] : []).map((snapshotId) => ({
            snapshotId,
            deviceName: '/dev/xvda',
            found: true,
            ownerId: '111111111111',
            usedBy: [],
          })),
        })),
        { deleteSnapshots: true, disableProtection: false },
        NOW,
      );
    }

    /** The SDK's error after it retried an attempt whose answer was lost. */
    function afterRetry(code: string, message: string) {
      const error = ec2Error(code, message);
      error.$metadata.attempts = 2;
      return error;
    }

    it('a retried DeregisterImage answering InvalidAMIID.NotFound is confirmed by DescribeImages, and the snapshots by DescribeSnapshots', async () => {
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(afterRetry('InvalidAMIID.NotFound', "The image id '[ami-1]' does not exist"));
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({
        Snapshots: [{ SnapshotId: 'snap-2', OwnerId: '111111111111' }],
      });
      const [outcome] = await service.execute(planOf(['ami-1']));
      assert.equal(outcome?.kind, 'deregistered');
      assert.match(
        outcome?.kind === 'deregistered' ? (outcome.confirmedByRereading ?? '') : '',
        /^the request ended without a clear answer \("The AMI was not found in us-east-1/,
      );
      assert.deepEqual(outcome?.kind === 'deregistered' ? outcome.snapshotRereads : [], [
        { snapshotId: 'snap-1', state: 'deleted' },
        { snapshotId: 'snap-2', state: 'exists' },
      ]);
      assert.deepEqual(mocked.ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input.ImageIds, [
        'ami-1',
      ]);
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input.Filters,
        [{ Name: 'snapshot-id', Values: ['snap-1', 'snap-2'] }],
      );
    });

    it('InvalidAMIID.NotFound on the only attempt is EC2’s answer: failed, no re-read', async () => {
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(ec2Error('InvalidAMIID.NotFound', "The image id '[ami-1]' does not exist"));
      const [outcome] = await service.execute(planOf(['ami-1']));
      assert.equal(outcome?.kind, 'failed');
      assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 0);
    });

    it('cancel while DeregisterImage is under way: re-read shows it gone, so it is deregistered; the rest is cancelled', async () => {
      const controller = new AbortController();
      mocked.ec2.on(DeregisterImageCommand).callsFake(() => {
        controller.abort();
        return Promise.reject(
          Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }),
        );
      });
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
      const outcomes = await service.execute(planOf(), controller.signal);
      assert.deepEqual(outcomes, [
        {
          kind: 'deregistered',
          protectionDisabled: false,
          snapshotResults: [],
          confirmedByRereading: 'the request was cancelled while it was under way',
          snapshotRereads: [
            { snapshotId: 'snap-1', state: 'deleted' },
            { snapshotId: 'snap-2', state: 'deleted' },
          ],
        },
        { kind: 'cancelled' },
      ]);
      assert.equal(mocked.ec2.commandCalls(DeregisterImageCommand).length, 1);
    });

    it('a timeout whose re-reads still show the AMI registered is unknown, not "not deregistered"', async () => {
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }));
      mocked.ec2.on(DescribeImagesCommand).resolves({ Images: [image('ami-1', [])] });
      const [outcome] = await service.execute(planOf(['ami-1']));
      assert.equal(outcome?.kind, 'unknown');
      assert.match(
        outcome?.kind === 'unknown' ? `${outcome.why}; ${outcome.seen}` : '',
        /^the request ended without a clear answer \("EC2 did not answer in time in us-east-1.*"\); a re-read still shows it registered/,
      );
      assert.equal(mocked.ec2.commandCalls(DescribeImagesCommand).length, 3, 'three re-reads');
    });

    it('when EC2 cannot be re-read either, says so', async () => {
      mocked.ec2
        .on(DeregisterImageCommand)
        .rejects(ec2Error('InternalError', 'boom', { httpStatusCode: 500, fault: 'server' }));
      mocked.ec2
        .on(DescribeImagesCommand)
        .rejects(ec2Error('Unavailable', 'down', { httpStatusCode: 503, fault: 'server' }));
      const [outcome] = await service.execute(planOf(['ami-1']));
      assert.equal(outcome?.kind, 'unknown');
      assert.match(
        outcome?.kind === 'unknown' ? outcome.seen : '',
        /^EC2 could not be re-read either \("EC2 had an internal error in us-east-1/,
      );
    });

    it('an answer without DeleteSnapshotResults: the planned snapshots are re-read', async () => {
      mocked.ec2.on(DeregisterImageCommand).resolves({ Return: true });
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({
        Snapshots: [{ SnapshotId: 'snap-1', OwnerId: '111111111111' }],
      });
      const [outcome] = await service.execute(planOf(['ami-1']));
      assert.deepEqual(outcome, {
        kind: 'deregistered',
        protectionDisabled: false,
        snapshotResults: [],
        snapshotRereads: [
          { snapshotId: 'snap-1', state: 'exists' },
          { snapshotId: 'snap-2', state: 'deleted' },
        ],
      });
    });
  });
});
