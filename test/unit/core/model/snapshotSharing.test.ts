import assert from 'node:assert/strict';
import type { SnapshotSharing } from '../../../../src/core/model/snapshotSharing';
import {
  snapshotAccessFor,
  snapshotPermissionChanges,
  snapshotSharingWarning,
} from '../../../../src/core/model/snapshotSharing';

const snap = (
  id: string,
  accounts?: string[],
  extra: Partial<SnapshotSharing> = {},
): SnapshotSharing => ({
  snapshotId: id,
  deviceName: '/dev/xvda',
  encrypted: false,
  ...(accounts ? { accounts } : {}),
  ...extra,
});

describe('core/model/snapshotSharing', () => {
  it('grants every listed account and revokes removed ones, per snapshot', () => {
    const changes = snapshotPermissionChanges(
      [
        snap('snap-1', ['222222222222']),
        snap('snap-2', []),
        snap('snap-3', undefined, { error: 'denied' }),
      ],
      ['222222222222', '333333333333'],
      ['444444444444'],
    );
    assert.deepEqual(changes, [
      { snapshotId: 'snap-1', add: ['333333333333'], remove: [] },
      { snapshotId: 'snap-2', add: ['222222222222', '333333333333'], remove: [] },
    ]);
    assert.deepEqual(
      snapshotPermissionChanges([snap('snap-1', ['444444444444'])], [], ['444444444444']),
      [{ snapshotId: 'snap-1', add: [], remove: ['444444444444'] }],
    );
  });

  it('counts on how many snapshots an account may create volumes', () => {
    const list = [snap('snap-1', ['222222222222']), snap('snap-2', []), snap('snap-3')];
    assert.deepEqual(snapshotAccessFor('222222222222', list), { granted: 1, of: 2 });
    assert.deepEqual(snapshotAccessFor('333333333333', [snap('s', [], { public: true })]), {
      granted: 1,
      of: 1,
    });
  });

  it('warns about encrypted snapshots only, naming the key', () => {
    assert.equal(snapshotSharingWarning({ encrypted: false }), undefined);
    const warning = snapshotSharingWarning({
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k',
    });
    assert.match(warning ?? '', /arn:aws:kms:us-east-1:111111111111:key\/k/);
    assert.match(warning ?? '', /AWS managed key \(aws\/ebs\), the snapshot cannot be shared/);
    assert.match(warning ?? '', /recipient account also needs access to the key/);
  });
});
