import assert from 'node:assert/strict';
import {
  imageFacts,
  imageStateIcon,
  imageStateLabel,
} from '../../../../src/core/model/imagePresentation';
import { makeAmi } from '../../helpers/fixtures';

const now = new Date('2025-06-01T12:00:00.000Z');
const PAST = '2025-01-01T00:00:00.000Z';
const FUTURE = '2026-01-01T00:00:00.000Z';

describe('core/model/imagePresentation', () => {
  describe('imageStateIcon', () => {
    it('spins for pending and transient images', () => {
      assert.deepEqual(imageStateIcon({ state: 'pending' }, now), { codicon: 'loading~spin' });
      assert.deepEqual(imageStateIcon({ state: 'transient' }, now), { codicon: 'loading~spin' });
    });

    it('passes for available, warns once deprecated (not before)', () => {
      assert.deepEqual(imageStateIcon({ state: 'available' }, now), {
        codicon: 'pass',
        color: 'testing.iconPassed',
      });
      assert.deepEqual(imageStateIcon({ state: 'available', deprecationTime: FUTURE }, now), {
        codicon: 'pass',
        color: 'testing.iconPassed',
      });
      assert.deepEqual(imageStateIcon({ state: 'available', deprecationTime: PAST }, now), {
        codicon: 'warning',
        color: 'problemsWarningIcon.foreground',
      });
    });

    it('shows errors, disabled and deregistered images distinctly', () => {
      for (const state of ['failed', 'error', 'invalid']) {
        assert.deepEqual(
          imageStateIcon({ state }, now),
          { codicon: 'error', color: 'problemsErrorIcon.foreground' },
          state,
        );
      }
      assert.deepEqual(imageStateIcon({ state: 'disabled', deprecationTime: PAST }, now), {
        codicon: 'circle-slash',
        color: 'disabledForeground',
      });
      assert.deepEqual(imageStateIcon({ state: 'deregistered' }, now), {
        codicon: 'trash',
        color: 'disabledForeground',
      });
    });

    it('uses a question mark for states it does not know', () => {
      assert.deepEqual(imageStateIcon({ state: 'unknown' }, now), { codicon: 'question' });
    });
  });

  it('imageStateLabel says deprecated only for available images past their deprecation time', () => {
    assert.equal(imageStateLabel({ state: 'available', deprecationTime: PAST }, now), 'deprecated');
    assert.equal(
      imageStateLabel({ state: 'available', deprecationTime: FUTURE }, now),
      'available',
    );
    assert.equal(imageStateLabel({ state: 'pending', deprecationTime: PAST }, now), 'pending');
    assert.equal(imageStateLabel({ state: 'disabled' }, now), 'disabled');
  });

  describe('imageFacts', () => {
    it('lists every fact of a complete image, in order', () => {
      const ami = makeAmi({
        imageId: 'ami-0abcdef1234567890',
        state: 'failed',
        stateReason: 'Snapshot copy failed',
        ownerId: '111111111111',
        ownerAlias: 'amazon',
        creationDate: '2024-05-01T10:00:00.000Z',
        architecture: 'arm64',
        platform: 'windows',
        platformDetails: 'Windows',
        virtualizationType: 'hvm',
        rootDeviceName: '/dev/sda1',
        rootDeviceType: 'ebs',
        isPublic: true,
        blockDevices: [
          { deviceName: '/dev/sda1', ebs: { encrypted: true } },
          { deviceName: '/dev/sdb', ebs: { encrypted: false } },
        ],
        deprecationTime: PAST,
        deregistrationProtection: 'enabled-with-cooldown',
        imageLocation: 'amazon/windows-2022',
        description: 'Windows Server 2022',
      });
      assert.deepEqual(imageFacts(ami, now), [
        { label: 'ID', value: 'ami-0abcdef1234567890' },
        { label: 'State', value: 'failed (Snapshot copy failed)' },
        { label: 'Owner', value: '111111111111 (amazon)' },
        { label: 'Created', value: '2024-05-01T10:00:00.000Z' },
        { label: 'Architecture', value: 'arm64' },
        { label: 'Platform', value: 'Windows' },
        { label: 'Virtualization', value: 'hvm' },
        { label: 'Root device', value: '/dev/sda1 · ebs' },
        { label: 'Visibility', value: 'Public' },
        { label: 'Encryption', value: 'Not all volumes encrypted' },
        { label: 'Deprecation', value: `Deprecated since ${PAST}` },
        { label: 'Deregistration protection', value: 'enabled-with-cooldown' },
        { label: 'Image location', value: 'amazon/windows-2022' },
        { label: 'Description', value: 'Windows Server 2022' },
      ]);
    });

    it('leaves out empty rows and fills the defaults of a minimal image', () => {
      const ami = makeAmi({
        imageId: 'ami-12345678',
        rootDeviceType: 'instance-store',
        blockDevices: [{ deviceName: 'sda2', virtualName: 'ephemeral0' }],
      });
      assert.deepEqual(imageFacts(ami, now), [
        { label: 'ID', value: 'ami-12345678' },
        { label: 'State', value: 'available' },
        { label: 'Platform', value: 'Linux/UNIX' },
        { label: 'Root device', value: 'instance-store' },
        { label: 'Visibility', value: 'Private' },
        { label: 'Encryption', value: 'No EBS volumes' },
        { label: 'Deprecation', value: 'Not scheduled' },
        { label: 'Deregistration protection', value: 'disabled' },
      ]);
    });

    it('words a future deprecation, all-encrypted volumes and an alias-only owner', () => {
      const facts = imageFacts(
        makeAmi({
          imageId: 'ami-12345678',
          ownerAlias: 'self',
          platform: 'windows',
          deprecationTime: FUTURE,
          blockDevices: [{ deviceName: '/dev/xvda', ebs: { encrypted: true } }],
        }),
        now,
      );
      const byLabel = new Map(facts.map((f) => [f.label, f.value]));
      assert.equal(byLabel.get('Deprecation'), `Deprecates on ${FUTURE}`);
      assert.equal(byLabel.get('Encryption'), 'All volumes encrypted');
      assert.equal(byLabel.get('Owner'), 'self');
      assert.equal(byLabel.get('Platform'), 'windows');
    });
  });
});
