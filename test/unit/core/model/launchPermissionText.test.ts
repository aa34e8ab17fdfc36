import assert from 'node:assert/strict';
import {
  describeLaunchPermission,
  describePermissionsLost,
} from '../../../../src/core/model/launchPermissionText';

describe('core/model/launchPermissionText', () => {
  it('names every kind of principal', () => {
    assert.equal(describeLaunchPermission({ group: 'all' }), 'everyone (public)');
    assert.equal(describeLaunchPermission({ userId: '222222222222' }), 'account 222222222222');
    assert.equal(
      describeLaunchPermission({ organizationArn: 'arn:aws:organizations::1:organization/o-x' }),
      'organization arn:aws:organizations::1:organization/o-x',
    );
    assert.match(describeLaunchPermission({ organizationalUnitArn: 'arn:ou' }), /unit arn:ou/);
  });

  it('lists what disabling takes away', () => {
    assert.equal(
      describePermissionsLost([{ group: 'all' }, { userId: '222222222222' }]),
      'It loses 2 launch permissions: everyone (public); account 222222222222.',
    );
    assert.match(describePermissionsLost([]), /no launch permissions/);
  });
});
