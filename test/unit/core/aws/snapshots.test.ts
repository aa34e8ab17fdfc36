import assert from 'node:assert/strict';
import {
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/snapshots', () => {
  const mocked = useMockedEc2('dev');
  const api = mocked.snapshots;
  const record = {
    SnapshotId: 'snap-1',
    OwnerId: '111111111111',
    VolumeSize: 30,
    Encrypted: true,
    KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
    State: 'completed' as const,
  };

  describe('byId', () => {
    it("with 'omit' uses a snapshot-id filter (a deleted one must not fail the call) and maps the record", async () => {
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [record] });
      assert.deepEqual(await api.byId('us-east-1', ['snap-1', 'snap-gone'], 'omit'), [
        {
          snapshotId: 'snap-1',
          region: 'us-east-1',
          ownerId: '111111111111',
          volumeSizeGiB: 30,
          encrypted: true,
          kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
          state: 'completed',
          raw: record,
        },
      ]);
      assert.deepEqual(mocked.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input, {
        Filters: [{ Name: 'snapshot-id', Values: ['snap-1', 'snap-gone'] }],
        MaxResults: 1000,
      });
    });

    it("with 'fail' sends SnapshotIds, so EC2's InvalidSnapshot.NotFound reaches the caller", async () => {
      mocked.ec2
        .on(DescribeSnapshotsCommand)
        .rejects(ec2Error('InvalidSnapshot.NotFound', "The snapshot 'snap-gone' does not exist."));
      await assert.rejects(api.byId('eu-west-1', ['snap-1', 'snap-gone'], 'fail'), {
        name: 'AwsApiError',
        code: 'InvalidSnapshot.NotFound',
      });
      assert.deepEqual(mocked.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input, {
        SnapshotIds: ['snap-1', 'snap-gone'],
      });
    });

    it('sends ids in chunks of 200 and no call for no ids', async () => {
      const ids = Array.from({ length: 250 }, (_, i) => `snap-${i.toString(16).padStart(8, '0')}`);
      mocked.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
      assert.deepEqual(await api.byId('us-east-1', [], 'fail'), []);
      await api.byId('us-east-1', ids, 'fail');
      assert.deepEqual(
        mocked.ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input),
        [{ SnapshotIds: ids.slice(0, 200) }, { SnapshotIds: ids.slice(200) }],
      );
    });
  });

  it('own lists OwnerIds=self page by page', async () => {
    mocked.ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [record], NextToken: 't1' })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-2' }] });
    const own = await api.own('us-east-1');
    assert.deepEqual(
      own.map((s) => [s.snapshotId, s.state, s.encrypted]),
      [
        ['snap-1', 'completed', true],
        ['snap-2', 'unknown', false],
      ],
    );
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input),
      [
        { OwnerIds: ['self'], MaxResults: 1000 },
        { OwnerIds: ['self'], MaxResults: 1000, NextToken: 't1' },
      ],
    );
  });

  it('reads and changes createVolumePermission', async () => {
    mocked.ec2.on(DescribeSnapshotAttributeCommand).resolves({
      CreateVolumePermissions: [{ UserId: '222222222222' }, { Group: 'all' }],
    });
    mocked.ec2.on(ModifySnapshotAttributeCommand).resolves({});
    assert.deepEqual(await api.createVolumePermissions('us-east-1', 'snap-1'), [
      { userId: '222222222222' },
      { group: 'all' },
    ]);
    await api.modifyCreateVolumePermissions('us-east-1', 'snap-1', {
      add: ['333333333333'],
      remove: [],
    });
    assert.deepEqual(mocked.ec2.commandCalls(DescribeSnapshotAttributeCommand)[0]?.args[0].input, {
      SnapshotId: 'snap-1',
      Attribute: 'createVolumePermission',
    });
    assert.deepEqual(mocked.ec2.commandCalls(ModifySnapshotAttributeCommand)[0]?.args[0].input, {
      SnapshotId: 'snap-1',
      Attribute: 'createVolumePermission',
      CreateVolumePermission: { Add: [{ UserId: '333333333333' }] },
    });
  });
});
