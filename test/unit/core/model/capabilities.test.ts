import assert from 'node:assert/strict';
import type { ImageCapability } from '../../../../src/core/model/capabilities';
import {
  allowedCapabilities,
  IMAGE_CAPABILITIES,
  refusal,
} from '../../../../src/core/model/capabilities';
import { makeAmi } from '../../helpers/fixtures';

const ID = 'ami-0123456789abcdef0';

describe('core/model/capabilities', () => {
  it('an available AMI of mine allows everything but enable, cancel deprecation, unprotect and re-register (EBS)', () => {
    assert.deepEqual(allowedCapabilities({ ami: makeAmi({ imageId: ID }), owned: true }), [
      'copy',
      'deregister',
      'editTags',
      'editDescription',
      'deprecate',
      'protect',
      'disable',
      'editPermissions',
      'viewBlockDevices',
    ]);
  });

  it('an AMI of another account may only be copied (when available) and inspected; each refusal says who may', () => {
    const ami = makeAmi({ imageId: ID });
    assert.deepEqual(allowedCapabilities({ ami, owned: false }), ['copy', 'viewBlockDevices']);
    assert.equal(refusal({ ami, owned: false }, 'deregister'), 'only its owner can deregister it');
    for (const capability of IMAGE_CAPABILITIES) {
      const why = refusal({ ami, owned: false }, capability);
      if (capability === 'copy' || capability === 'viewBlockDevices') assert.equal(why, undefined);
      else assert.match(why ?? '', /^only its owner can /, capability);
    }
  });

  it('follows EC2 state rules: pending cannot be deregistered, disabled only enabled, tagged or deregistered', () => {
    const pending = { ami: makeAmi({ imageId: ID, state: 'pending' }), owned: true };
    assert.equal(refusal(pending, 'deregister'), 'it is still pending');
    assert.equal(refusal(pending, 'copy'), 'it is pending: only available AMIs can be copied');
    const disabled = { ami: makeAmi({ imageId: ID, state: 'disabled' }), owned: true };
    assert.deepEqual(allowedCapabilities(disabled), [
      'deregister',
      'editTags',
      'protect',
      'enable',
      'viewBlockDevices',
    ]);
    assert.equal(refusal(disabled, 'editDescription'), 'it is disabled: enable it first');
    assert.equal(
      refusal(disabled, 'editPermissions'),
      'it is disabled: only available AMIs can be shared',
    );
  });

  it('protection and deprecation decide which of each pair is offered', () => {
    const on = (protection: string): ImageCapability[] =>
      allowedCapabilities({
        ami: makeAmi({ imageId: ID, deregistrationProtection: protection }),
        owned: true,
      }).filter((c) => c === 'protect' || c === 'unprotect');
    assert.deepEqual(on('enabled-with-cooldown'), ['unprotect']);
    assert.deepEqual(on('enabled-without-cooldown'), ['unprotect']);
    assert.deepEqual(on('disabled-until-2030-01-01T00:00:00Z'), ['protect']);
    const scheduled = {
      ami: makeAmi({ imageId: ID, deprecationTime: '2030-01-01T00:00:00.000Z' }),
      owned: true,
    };
    assert.equal(refusal(scheduled, 'cancelDeprecation'), undefined);
    assert.equal(
      refusal({ ami: makeAmi({ imageId: ID }), owned: true }, 'cancelDeprecation'),
      'it has no deprecation time',
    );
  });

  it('only instance store-backed, available AMIs are re-registered', () => {
    const s3 = makeAmi({ imageId: ID, rootDeviceType: 'instance-store' });
    assert.equal(refusal({ ami: s3, owned: true }, 'reregister'), undefined);
    assert.match(
      refusal({ ami: makeAmi({ imageId: ID }), owned: true }, 'reregister') ?? '',
      /only instance store-backed AMIs are re-registered/,
    );
    assert.equal(
      refusal({ ami: { ...s3, state: 'failed' }, owned: true }, 'reregister'),
      'it is failed: only available AMIs can be re-registered',
    );
  });
});
