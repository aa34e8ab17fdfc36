import assert from 'node:assert/strict';
import { confirmAppliedSharing } from '../../../../src/core/model/appliedSharing';

const snapshot = (snapshotId: string, accounts?: string[], error?: string) => ({
  snapshotId,
  deviceName: '/dev/xvda',
  encrypted: false,
  ...(accounts ? { accounts } : {}),
  ...(error ? { error } : {}),
});

describe('core/model/appliedSharing', () => {
  it('claims what the re-read confirms', () => {
    const { notice, warnings } = confirmAppliedSharing(
      {
        diff: {
          add: [{ kind: 'account', value: '222222222222' }],
          remove: [{ kind: 'account', value: '333333333333' }],
        },
        snapshotChanges: [
          { snapshotId: 'snap-1', add: ['222222222222'], remove: ['333333333333'] },
        ],
      },
      {
        entries: [{ kind: 'account', value: '222222222222' }],
        snapshots: [snapshot('snap-1', ['222222222222'])],
      },
    );
    assert.equal(
      notice,
      'Applied: added account 222222222222; removed account 333333333333; create-volume permission granted on 1 snapshot(s); create-volume permission revoked on 1 snapshot(s).',
    );
    assert.deepEqual(warnings, []);
  });

  it('never says "granted" when the re-read shows the permission missing, or could not read it', () => {
    const { notice, warnings } = confirmAppliedSharing(
      {
        diff: { add: [{ kind: 'account', value: '222222222222' }], remove: [] },
        snapshotChanges: [
          { snapshotId: 'snap-1', add: ['222222222222'], remove: [] },
          { snapshotId: 'snap-2', add: ['222222222222'], remove: [] },
        ],
      },
      {
        entries: [{ kind: 'account', value: '222222222222' }],
        snapshots: [
          snapshot('snap-1', []),
          snapshot('snap-2', undefined, 'EC2 did not answer in time in us-east-1.'),
        ],
      },
    );
    assert.equal(notice, 'Applied: added account 222222222222.');
    assert.doesNotMatch(notice, /granted/);
    assert.deepEqual(warnings, [
      'snap-1: EC2 accepted granting create-volume permission to 222222222222, but the re-read does not show it; refresh to check.',
      'snap-2: EC2 accepted the create-volume permission change, but it could not be re-read (EC2 did not answer in time in us-east-1); refresh to check.',
    ]);
  });

  it('a launch permission the re-read does not show is a warning, not a claim', () => {
    const { notice, warnings } = confirmAppliedSharing(
      { diff: { add: [{ kind: 'public' }], remove: [] }, snapshotChanges: [] },
      { entries: [], snapshots: [] },
    );
    assert.equal(notice, 'Applied, but the re-read does not confirm it (see below).');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^EC2 accepted adding .*, but the re-read does not show it/);
  });
});
