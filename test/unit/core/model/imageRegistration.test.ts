import assert from 'node:assert/strict';
import type {
  EbsSnapshotRegistrationInput,
  InstanceStoreRegistrationInput,
} from '../../../../src/core/model/imageRegistration';
import {
  describeSnapshot,
  nextDeviceName,
  planRegisterImage,
  validateKernelId,
  validateRamdiskId,
} from '../../../../src/core/model/imageRegistration';
import type { Snapshot } from '../../../../src/core/model/snapshot';

const snap = (id: string, overrides: Partial<Snapshot> = {}): Snapshot => ({
  snapshotId: id,
  region: 'us-east-1',
  raw: { SnapshotId: id },
  volumeSizeGiB: 8,
  encrypted: false,
  state: 'completed',
  ...overrides,
});

const s3 = (
  overrides: Partial<InstanceStoreRegistrationInput> = {},
): InstanceStoreRegistrationInput => ({
  kind: 'instance-store',
  manifestPath: 's3://my-bucket/web/image.manifest.xml',
  name: 'legacy-web',
  architecture: 'x86_64',
  virtualizationType: 'paravirtual',
  ...overrides,
});

const ebs = (
  overrides: Partial<EbsSnapshotRegistrationInput> = {},
): EbsSnapshotRegistrationInput => ({
  kind: 'ebs-snapshot',
  name: 'from-snapshot',
  architecture: 'x86_64',
  rootDeviceName: '/dev/xvda',
  rootSnapshot: snap('snap-00000001'),
  enaSupport: true,
  additionalVolumes: [],
  ...overrides,
});

const errorOf = (r: ReturnType<typeof planRegisterImage>): string =>
  'error' in r ? r.error : 'no error';

describe('core/model/imageRegistration', () => {
  it('validateKernelId / validateRamdiskId: empty or aki-/ari- with 8 or 17 hex digits', () => {
    assert.equal(validateKernelId(''), undefined);
    assert.equal(validateKernelId('aki-0123abcd'), undefined);
    assert.equal(validateKernelId('aki-0123456789abcdef0'), undefined);
    assert.match(validateKernelId('ari-0123abcd') ?? '', /"aki-"/);
    assert.equal(validateRamdiskId(' ari-0123abcd '), undefined);
    assert.match(validateRamdiskId('ari-xyz') ?? '', /"ari-"/);
  });

  it('describeSnapshot shows size, encryption with its key, and state', () => {
    assert.equal(describeSnapshot(snap('s')), '8 GiB · not encrypted · completed');
    assert.equal(
      describeSnapshot(snap('s', { encrypted: true, kmsKeyId: 'arn:k', volumeSizeGiB: 100 })),
      '100 GiB · encrypted (arn:k) · completed',
    );
  });

  it('nextDeviceName counts up from /dev/sdf past taken names', () => {
    assert.equal(nextDeviceName(['/dev/xvda']), '/dev/sdf');
    assert.equal(nextDeviceName(['/dev/sdf', '/dev/sdg']), '/dev/sdh');
  });

  describe('instance store-backed', () => {
    it('registers the normalized manifest with architecture, virtualization, kernel and RAM disk', () => {
      assert.deepEqual(
        planRegisterImage(
          s3({ description: ' old web ', kernelId: 'aki-0123abcd', ramdiskId: 'ari-0123abcd' }),
        ),
        {
          name: 'legacy-web',
          description: 'old web',
          architecture: 'x86_64',
          imageLocation: 'my-bucket/web/image.manifest.xml',
          virtualizationType: 'paravirtual',
          kernelId: 'aki-0123abcd',
          ramdiskId: 'ari-0123abcd',
          blockDeviceMappings: [],
        },
      );
    });
    it('sends no kernel or RAM disk when none is given', () => {
      const plan = planRegisterImage(s3({ virtualizationType: 'hvm', kernelId: ' ' }));
      assert.ok(!('error' in plan));
      assert.equal(plan.kernelId, undefined);
      assert.equal(plan.virtualizationType, 'hvm');
    });
    it('refuses a bad manifest, kernel ids on HVM, malformed ids, bad names', () => {
      assert.match(
        errorOf(planRegisterImage(s3({ manifestPath: 'bucket/image.xml' }))),
        /manifest\.xml/,
      );
      assert.match(
        errorOf(planRegisterImage(s3({ virtualizationType: 'hvm', kernelId: 'aki-0123abcd' }))),
        /paravirtual images only/,
      );
      assert.match(errorOf(planRegisterImage(s3({ ramdiskId: 'aki-0123abcd' }))), /"ari-"/);
      assert.match(errorOf(planRegisterImage(s3({ name: 'a:b' }))), /may only use/);
    });
  });

  describe('EBS-backed from snapshots', () => {
    it('maps the root snapshot and each additional one by snapshot id only, so each keeps its encryption', () => {
      const encrypted = snap('snap-00000002', {
        encrypted: true,
        kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/x',
      });
      const plan = planRegisterImage(
        ebs({
          bootMode: 'uefi',
          additionalVolumes: [
            { deviceName: '/dev/sdf', snapshot: encrypted, deleteOnTermination: false },
          ],
        }),
      );
      assert.deepEqual(plan, {
        name: 'from-snapshot',
        architecture: 'x86_64',
        virtualizationType: 'hvm',
        rootDeviceName: '/dev/xvda',
        bootMode: 'uefi',
        enaSupport: true,
        blockDeviceMappings: [
          {
            deviceName: '/dev/xvda',
            ebs: { snapshotId: 'snap-00000001', deleteOnTermination: true },
          },
          {
            deviceName: '/dev/sdf',
            ebs: { snapshotId: 'snap-00000002', deleteOnTermination: false },
          },
        ],
      });
    });
    it('maps the device names EC2 documents, xvdh (Windows, no /dev/) included', () => {
      const plan = planRegisterImage(
        ebs({
          rootDeviceName: '/dev/sda1',
          additionalVolumes: [
            { deviceName: 'xvdh', snapshot: snap('snap-2'), deleteOnTermination: true },
          ],
        }),
      );
      assert.ok(!('error' in plan), errorOf(plan));
      assert.deepEqual(
        plan.blockDeviceMappings.map((m) => m.deviceName),
        ['/dev/sda1', 'xvdh'],
      );
      assert.match(
        errorOf(planRegisterImage(ebs({ rootDeviceName: '/dev/nvme0n1' }))),
        /NVMe name the instance assigns/,
      );
    });
    it('refuses a manifest in a bucket named like an IP address', () => {
      assert.match(
        errorOf(planRegisterImage(s3({ manifestPath: '192.168.5.4/x.manifest.xml' }))),
        /not formatted as IP addresses/,
      );
    });
    it('refuses bad or duplicate devices, unfinished snapshots, arm64 with legacy BIOS', () => {
      assert.match(
        errorOf(planRegisterImage(ebs({ rootDeviceName: '/dev/xvdq1' }))),
        /not a device name/,
      );
      assert.equal(
        errorOf(
          planRegisterImage(
            ebs({
              additionalVolumes: [
                { deviceName: '/dev/xvda', snapshot: snap('snap-2'), deleteOnTermination: true },
              ],
            }),
          ),
        ),
        'The device /dev/xvda is mapped twice.',
      );
      assert.match(
        errorOf(planRegisterImage(ebs({ rootSnapshot: snap('snap-3', { state: 'pending' }) }))),
        /snap-3 is pending; only completed snapshots/,
      );
      assert.match(
        errorOf(planRegisterImage(ebs({ architecture: 'arm64', bootMode: 'legacy-bios' }))),
        /UEFI only/,
      );
    });
  });
});
