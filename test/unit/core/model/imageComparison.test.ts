import * as assert from 'node:assert/strict';
import { normalizeImageDocument } from '../../../../src/core/model/imageComparison';

/** A DescribeImages record as EC2 returns it (the order of its lists is EC2's). */
const document = (overrides: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  Region: 'us-east-1',
  Image: {
    ImageId: 'ami-0123456789abcdef0',
    Name: 'web-1.2.3',
    OwnerId: '111111111111',
    CreationDate: '2026-10-01T00:00:00.000Z',
    State: 'available',
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    ImageLocation: '111111111111/web-1.2.3',
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvdb',
        Ebs: { SnapshotId: 'snap-0bbb', VolumeSize: 50, VolumeType: 'gp3' },
      },
      {
        DeviceName: '/dev/xvda',
        Ebs: { VolumeType: 'gp3', SnapshotId: 'snap-0aaa', VolumeSize: 8 },
      },
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
    ],
    Tags: [
      { Key: 'Team', Value: 'platform' },
      { Key: 'Name', Value: 'web' },
    ],
    ...overrides,
  },
  ...rest,
});

describe('normalizeImageDocument', () => {
  it('moves what differs for every AMI to Identity, first, and sorts everything else', () => {
    const normalized = normalizeImageDocument(
      document({}, { LaunchPermissions: [{ UserId: '333333333333' }, { Group: 'all' }] }),
    );
    assert.equal(
      JSON.stringify(normalized, null, 2),
      JSON.stringify(
        {
          Identity: {
            CreationDate: '2026-10-01T00:00:00.000Z',
            ImageId: 'ami-0123456789abcdef0',
            ImageLocation: '111111111111/web-1.2.3',
            Name: 'web-1.2.3',
            OwnerId: '111111111111',
            Region: 'us-east-1',
            SnapshotIds: { '/dev/xvda': 'snap-0aaa', '/dev/xvdb': 'snap-0bbb' },
          },
          Image: {
            Architecture: 'x86_64',
            BlockDeviceMappings: {
              '/dev/sdb': { VirtualName: 'ephemeral0' },
              '/dev/xvda': { Ebs: { VolumeSize: 8, VolumeType: 'gp3' } },
              '/dev/xvdb': { Ebs: { VolumeSize: 50, VolumeType: 'gp3' } },
            },
            RootDeviceName: '/dev/xvda',
            RootDeviceType: 'ebs',
            State: 'available',
            Tags: { Name: 'web', Team: 'platform' },
          },
          LaunchPermissions: [{ Group: 'all' }, { UserId: '333333333333' }],
        },
        null,
        2,
      ),
    );
  });

  it('makes two versions that differ only in identity and EC2 order produce the same Image', () => {
    const older = normalizeImageDocument(document({}));
    const newer = normalizeImageDocument(
      document({
        ImageId: 'ami-0fedcba9876543210',
        Name: 'web-1.2.4',
        CreationDate: '2026-11-01T00:00:00.000Z',
        ImageLocation: '111111111111/web-1.2.4',
        BlockDeviceMappings: [
          { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
          {
            DeviceName: '/dev/xvda',
            Ebs: { VolumeSize: 8, SnapshotId: 'snap-0ccc', VolumeType: 'gp3' },
          },
          {
            DeviceName: '/dev/xvdb',
            Ebs: { VolumeType: 'gp3', VolumeSize: 50, SnapshotId: 'snap-0ddd' },
          },
        ],
        Tags: [
          { Key: 'Name', Value: 'web' },
          { Key: 'Team', Value: 'platform' },
        ],
      }),
    ) as { Image: unknown; Identity: unknown };
    assert.deepEqual(newer.Image, (older as { Image: unknown }).Image);
    assert.notDeepEqual(newer.Identity, (older as { Identity: unknown }).Identity);
  });

  it('matches block devices by name, so a changed volume shows on its own device', () => {
    const changed = normalizeImageDocument(
      document({
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: { SnapshotId: 'snap-1', VolumeSize: 16, VolumeType: 'gp3' },
          },
        ],
      }),
    ) as { Image: { BlockDeviceMappings: unknown } };
    assert.deepEqual(changed.Image.BlockDeviceMappings, {
      '/dev/xvda': { Ebs: { VolumeSize: 16, VolumeType: 'gp3' } },
    });
  });

  it('keeps the S3 manifest of an instance store-backed image (it says what the image is)', () => {
    const s3 = normalizeImageDocument(
      document({
        RootDeviceType: 'instance-store',
        ImageLocation: 'bucket/web/image.manifest.xml',
      }),
    ) as { Image: Record<string, unknown>; Identity: Record<string, unknown> };
    assert.equal(s3.Image.ImageLocation, 'bucket/web/image.manifest.xml');
    assert.equal('ImageLocation' in s3.Identity, false);
  });

  it('keeps why launch permissions are missing, and sorts keys of anything else', () => {
    const normalized = normalizeImageDocument(
      document({}, { LaunchPermissionsUnavailable: 'Only the owner may read them.' }),
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(normalized), [
      'Identity',
      'Image',
      'LaunchPermissionsUnavailable',
    ]);
    assert.equal(
      JSON.stringify(normalizeImageDocument({ b: 1, a: { d: 2, c: 3 } })),
      '{"a":{"c":3,"d":2},"b":1}',
    );
  });
});
