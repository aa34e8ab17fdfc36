import assert from 'node:assert/strict';
import {
  allVolumesEncrypted,
  amiDisplayName,
  isDeprecated,
  isSettledState,
  shortImageId,
} from '../../../../src/core/model/ami';

const now = new Date('2025-06-01T12:00:00.000Z');

describe('core/model/ami', () => {
  describe('isDeprecated', () => {
    it('is true once the deprecation time has passed (or is exactly now)', () => {
      assert.equal(isDeprecated({ deprecationTime: '2025-06-01T11:59:59.000Z' }, now), true);
      assert.equal(isDeprecated({ deprecationTime: '2025-06-01T12:00:00.000Z' }, now), true);
      assert.equal(isDeprecated({ deprecationTime: '2020-01-01T00:00:00Z' }, now), true);
    });

    it('is false for a deprecation scheduled in the future', () => {
      assert.equal(isDeprecated({ deprecationTime: '2025-06-01T12:00:01.000Z' }, now), false);
      assert.equal(isDeprecated({ deprecationTime: '2030-01-01T00:00:00Z' }, now), false);
    });

    it('is false without a deprecation time, or with an unparsable one', () => {
      assert.equal(isDeprecated({}, now), false);
      assert.equal(isDeprecated({ deprecationTime: '' }, now), false);
      assert.equal(isDeprecated({ deprecationTime: 'soon' }, now), false);
    });
  });

  describe('allVolumesEncrypted', () => {
    it('is true when every EBS volume is encrypted, ignoring ephemeral and NoDevice entries', () => {
      assert.equal(
        allVolumesEncrypted({
          blockDevices: [
            { deviceName: '/dev/xvda', ebs: { encrypted: true, kmsKeyId: 'k1' } },
            { deviceName: '/dev/xvdb', ebs: { encrypted: true, kmsKeyId: 'k2' } },
            { deviceName: '/dev/xvdc', virtualName: 'ephemeral0' },
            { deviceName: '/dev/xvdd', noDevice: true },
          ],
        }),
        true,
      );
    });

    it('is false when one volume is unencrypted or does not say', () => {
      assert.equal(
        allVolumesEncrypted({
          blockDevices: [
            { deviceName: '/dev/xvda', ebs: { encrypted: true } },
            { deviceName: '/dev/xvdb', ebs: { encrypted: false } },
          ],
        }),
        false,
      );
      assert.equal(
        allVolumesEncrypted({ blockDevices: [{ deviceName: '/dev/xvda', ebs: {} }] }),
        false,
      );
    });

    it('is undefined without EBS volumes (instance-store images)', () => {
      assert.equal(allVolumesEncrypted({ blockDevices: [] }), undefined);
      assert.equal(
        allVolumesEncrypted({ blockDevices: [{ deviceName: 'sda2', virtualName: 'ephemeral0' }] }),
        undefined,
      );
    });
  });

  it('amiDisplayName uses the name, or the id when there is none', () => {
    assert.equal(amiDisplayName({ imageId: 'ami-12345678', name: 'web' }), 'web');
    assert.equal(amiDisplayName({ imageId: 'ami-12345678', name: '' }), 'ami-12345678');
    assert.equal(amiDisplayName({ imageId: 'ami-12345678' }), 'ami-12345678');
  });

  it('isSettledState: only pending and transient still change by themselves', () => {
    assert.equal(isSettledState('pending'), false);
    assert.equal(isSettledState('transient'), false);
    for (const state of ['available', 'failed', 'error', 'invalid', 'deregistered', 'disabled']) {
      assert.equal(isSettledState(state), true, state);
    }
  });

  describe('shortImageId', () => {
    it('keeps the prefix and the last 8 hex digits of a 17-digit id', () => {
      assert.equal(shortImageId('ami-0123456789abcdef0'), 'ami-…9abcdef0');
    });

    it('leaves an old 8-digit id, and anything that is not an AMI id, whole', () => {
      assert.equal(shortImageId('ami-12345678'), 'ami-12345678');
      assert.equal(shortImageId('web-server'), 'web-server');
    });
  });
});
