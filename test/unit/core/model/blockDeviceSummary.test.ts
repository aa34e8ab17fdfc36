import assert from 'node:assert/strict';
import type { BlockDevice } from '../../../../src/core/model/ami';
import {
  encryptionSummary,
  summarizeBlockDevices,
} from '../../../../src/core/model/blockDeviceSummary';
import { shortKmsKey } from '../../../../src/core/model/snapshot';

const KEY_A = 'arn:aws:kms:us-east-1:111111111111:key/1a2b3c4d-1111-4a4a-8b8b-0000000000a1';
const KEY_B = 'arn:aws:kms:us-east-1:111111111111:key/1a2b3c4d-2222-4b4b-9c9c-0000000000b2';

describe('core/model/blockDeviceSummary', () => {
  it('marks the root device and classifies EBS, instance store and suppressed devices', () => {
    const devices: BlockDevice[] = [
      { deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-0123456789abcdef0', volumeSize: 8 } },
      { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
      { deviceName: '/dev/sdc', noDevice: true },
    ];
    const { rows, totals } = summarizeBlockDevices({
      blockDevices: devices,
      rootDeviceName: '/dev/xvda',
    });
    assert.deepEqual(
      rows.map((r) => [r.deviceName, r.isRoot, r.kind, r.virtualName]),
      [
        ['/dev/xvda', true, 'ebs', undefined],
        ['/dev/sdb', false, 'instance-store', 'ephemeral0'],
        ['/dev/sdc', false, 'no-device', undefined],
      ],
    );
    assert.equal(totals.volumes, 2, 'suppressed devices attach nothing');
    assert.equal(totals.ebsVolumes, 1);
    assert.equal(totals.instanceStoreVolumes, 1);
    assert.equal(totals.totalSizeGiB, 8);
    assert.equal(totals.encryptionSummary, 'none encrypted');
  });

  it('takes KMS keys from the snapshots (EC2 does not report them in DescribeImages)', () => {
    const { rows, totals } = summarizeBlockDevices(
      {
        rootDeviceName: '/dev/xvda',
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            ebs: { snapshotId: 'snap-aaaaaaaa', volumeSize: 20, encrypted: true },
          },
          {
            deviceName: '/dev/xvdb',
            ebs: { snapshotId: 'snap-bbbbbbbb', volumeSize: 50, encrypted: true },
          },
          {
            deviceName: '/dev/xvdc',
            ebs: { snapshotId: 'snap-cccccccc', volumeSize: 10, encrypted: true },
          },
          {
            deviceName: '/dev/xvdd',
            ebs: { snapshotId: 'snap-dddddddd', volumeSize: 5, encrypted: false },
          },
        ],
      },
      new Map([
        ['snap-aaaaaaaa', { encrypted: true, kmsKeyId: KEY_A }],
        ['snap-bbbbbbbb', { encrypted: true, kmsKeyId: KEY_B }],
        ['snap-cccccccc', { encrypted: true, kmsKeyId: KEY_A }],
        ['snap-dddddddd', { encrypted: false }],
      ]),
    );
    assert.equal(rows[0]?.kmsKeyId, KEY_A);
    assert.equal(rows[0]?.kmsKeyShort, 'key/1a2b3c4d…00a1');
    assert.equal(rows[3]?.kmsKeyId, undefined);
    assert.equal(totals.totalSizeGiB, 85);
    assert.equal(totals.encryptedVolumes, 3);
    assert.equal(totals.encryptionSummary, '3 of 4 encrypted');
    assert.deepEqual(totals.kmsKeys, [KEY_A, KEY_B], 'distinct keys, in table order');
  });

  it('says "all encrypted" and "no EBS volumes"', () => {
    assert.equal(encryptionSummary(3, 3), 'all encrypted');
    assert.equal(encryptionSummary(2, 3), '2 of 3 encrypted');
    assert.equal(encryptionSummary(0, 2), 'none encrypted');
    assert.equal(encryptionSummary(0, 0), 'no EBS volumes');
    const instanceStore = summarizeBlockDevices({
      rootDeviceName: '/dev/sda1',
      blockDevices: [
        { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
        { deviceName: '/dev/sdc', virtualName: 'ephemeral1' },
      ],
    });
    assert.equal(instanceStore.totals.encryptionSummary, 'no EBS volumes');
    assert.equal(instanceStore.totals.volumes, 2);
    assert.equal(instanceStore.totals.totalSizeGiB, 0);
  });

  it('keeps IOPS, throughput, volume type and delete-on-termination as given', () => {
    const [row] = summarizeBlockDevices({
      rootDeviceName: '/dev/xvda',
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: 30,
            volumeType: 'gp3',
            iops: 3000,
            throughput: 125,
            deleteOnTermination: true,
          },
        },
      ],
    }).rows;
    assert.deepEqual(
      [row?.volumeType, row?.iops, row?.throughput, row?.deleteOnTermination, row?.encrypted],
      ['gp3', 3000, 125, true, false],
    );
  });

  it('shortens key and alias ARNs and leaves other values alone', () => {
    assert.equal(shortKmsKey(KEY_B), 'key/1a2b3c4d…00b2', 'keys sharing a prefix stay apart');
    assert.equal(shortKmsKey('arn:aws:kms:eu-west-1:111111111111:alias/data'), 'alias/data');
    assert.equal(shortKmsKey('arn:aws:kms:eu-west-1:111111111111:key/mrk-1'), 'key/mrk-1');
    assert.equal(shortKmsKey('alias/aws/ebs'), 'alias/aws/ebs');
  });
});
