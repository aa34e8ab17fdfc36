import assert from 'node:assert/strict';
import type {
  DeregisterFacts,
  DeregisterOptions,
  SnapshotFact,
} from '../../../../src/core/model/deregisterPlan';
import {
  deregisterReport,
  describeDeregisterPlan,
  parseProtection,
  planDeregister,
  secondConfirmation,
} from '../../../../src/core/model/deregisterPlan';

const NOW = new Date('2026-11-26T12:00:00Z');
const ME = '111111111111';

function snap(id: string, overrides: Partial<SnapshotFact> = {}): SnapshotFact {
  return {
    snapshotId: id,
    deviceName: '/dev/xvda',
    sizeGiB: 8,
    found: true,
    ownerId: ME,
    usedBy: [],
    ...overrides,
  };
}

function facts(
  imageId: string,
  overrides: Partial<DeregisterFacts> = {},
  image: Partial<DeregisterFacts['image']> = {},
): DeregisterFacts {
  return {
    image: {
      imageId,
      region: 'us-east-1',
      name: `name-${imageId}`,
      state: 'available',
      rootDeviceType: 'ebs',
      blockDevices: [],
      ownerId: ME,
      deregistrationProtection: 'disabled',
      ...image,
    },
    usage: { known: true, instanceIds: [], source: 'DescribeImageReferences' },
    snapshots: [],
    ...overrides,
  };
}

const DELETE: DeregisterOptions = { deleteSnapshots: true, disableProtection: false };

describe('core/model/deregisterPlan', () => {
  describe('parseProtection', () => {
    it('reads every EC2 form', () => {
      assert.deepEqual(parseProtection(undefined, NOW), { kind: 'off' });
      assert.deepEqual(parseProtection('disabled', NOW), { kind: 'off' });
      assert.deepEqual(parseProtection('enabled', NOW), { kind: 'on', cooldown: false });
      assert.deepEqual(parseProtection('enabled-without-cooldown', NOW), {
        kind: 'on',
        cooldown: false,
      });
      assert.deepEqual(parseProtection('enabled-with-cooldown', NOW), {
        kind: 'on',
        cooldown: true,
      });
      assert.deepEqual(parseProtection('disabled-until-2026-11-27T12:00:00Z', NOW), {
        kind: 'cooldown',
        until: '2026-11-27T12:00:00Z',
      });
      assert.deepEqual(parseProtection('disabled-until-2026-11-25T12:00:00Z', NOW), {
        kind: 'off',
      });
    });
  });

  describe('planDeregister', () => {
    it('deletes the snapshots of a plain AMI and needs no second confirmation', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            snapshots: [snap('snap-1'), snap('snap-2', { deviceName: '/dev/xvdb' })],
          }),
        ],
        DELETE,
        NOW,
      );
      const [d] = plan.decisions;
      assert.equal(d?.action, 'deregister');
      assert.deepEqual(
        d?.snapshotsToDelete.map((s) => s.snapshotId),
        ['snap-1', 'snap-2'],
      );
      assert.equal(d?.needsSecondConfirmation, false);
      assert.equal(secondConfirmation(plan), undefined);
    });

    it('keeps every snapshot when the user keeps snapshots', () => {
      const plan = planDeregister(
        [facts('ami-1', { snapshots: [snap('snap-1')] })],
        { ...DELETE, deleteSnapshots: false },
        NOW,
      );
      assert.deepEqual(plan.decisions[0]?.snapshotsToDelete, []);
      assert.equal(plan.decisions[0]?.snapshotsKept[0]?.reason, 'you chose to keep snapshots');
    });

    it('keeps a snapshot another AMI uses and says which', () => {
      const plan = planDeregister(
        [facts('ami-1', { snapshots: [snap('snap-1', { usedBy: ['ami-9'] }), snap('snap-2')] })],
        DELETE,
        NOW,
      );
      const d = plan.decisions[0];
      assert.deepEqual(
        d?.snapshotsToDelete.map((s) => s.snapshotId),
        ['snap-2'],
      );
      assert.deepEqual(
        d?.snapshotsKept.map((k) => [k.snapshot.snapshotId, k.reason]),
        [['snap-1', 'shared: also used by ami-9, so EC2 keeps it']],
      );
    });

    it('a snapshot shared by two AMIs of the same action goes with the last one', () => {
      const plan = planDeregister(
        [
          facts('ami-1', { snapshots: [snap('snap-s', { usedBy: ['ami-2'] })] }),
          facts('ami-2', { snapshots: [snap('snap-s', { usedBy: ['ami-1'] })] }),
        ],
        DELETE,
        NOW,
      );
      assert.deepEqual(plan.decisions[0]?.snapshotsToDelete, []);
      assert.match(plan.decisions[0]?.snapshotsKept[0]?.reason ?? '', /deleted with that AMI/);
      assert.deepEqual(
        plan.decisions[1]?.snapshotsToDelete.map((s) => s.snapshotId),
        ['snap-s'],
      );
    });

    it('keeps snapshots that are missing or belong to another account', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            snapshots: [
              snap('snap-gone', { found: false }),
              snap('snap-other', { ownerId: '222222222222' }),
            ],
          }),
        ],
        DELETE,
        NOW,
      );
      assert.deepEqual(
        plan.decisions[0]?.snapshotsKept.map((k) => k.reason),
        [
          'not found (already deleted, or not visible to this account)',
          'owned by account 222222222222',
        ],
      );
    });

    it('an AMI in use is deregistered only after a second confirmation, naming the instances', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            usage: { known: true, instanceIds: ['i-1', 'i-2'], source: 'DescribeInstances' },
          }),
        ],
        DELETE,
        NOW,
      );
      const d = plan.decisions[0];
      assert.equal(d?.action, 'deregister');
      assert.equal(d?.needsSecondConfirmation, true);
      assert.match(
        d?.warnings[0] ?? '',
        /2 instances launched from it \(i-1, i-2\); they keep running/,
      );
      assert.equal(
        secondConfirmation(plan)?.message,
        'ami-1 (name-ami-1): in use by 2 instances. Deregister it anyway?',
      );
    });

    it('unknown usage also needs the second confirmation', () => {
      const plan = planDeregister(
        [facts('ami-1', { usage: { known: false, reason: 'denied' } })],
        DELETE,
        NOW,
      );
      assert.equal(plan.decisions[0]?.needsSecondConfirmation, true);
      assert.match(
        plan.decisions[0]?.warnings[0] ?? '',
        /Could not check whether it is in use: denied/,
      );
      const second = secondConfirmation(plan);
      assert.equal(
        second?.message,
        'ami-1 (name-ami-1): could not check usage: denied. Deregister it anyway?',
      );
      assert.doesNotMatch(second?.message ?? '', /in use or protected/);
    });

    it('the second confirmation names each AMI’s reason, and counts them for several', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            usage: { known: true, instanceIds: ['i-1'], source: 'DescribeImageReferences' },
          }),
          facts('ami-2', {}, { deregistrationProtection: 'enabled' }),
          facts('ami-3', {
            usage: { known: false, reason: 'EC2 did not answer in time in us-east-1.' },
          }),
          facts('ami-4'),
        ],
        { ...DELETE, disableProtection: true },
        NOW,
      );
      const second = secondConfirmation(plan);
      assert.equal(
        second?.message,
        '3 of these AMIs need a second confirmation (1 in use, 1 protected, 1 whose usage could not be checked). Deregister them anyway?',
      );
      assert.deepEqual(second?.detail.split('\n').slice(0, 3), [
        'ami-1 (name-ami-1): in use by 1 instance',
        'ami-2 (name-ami-2): protected (deregistration protection is disabled first)',
        'ami-3 (name-ami-3): could not check usage: EC2 did not answer in time in us-east-1',
      ]);
      assert.match(second?.detail ?? '', /Instances already running keep running/);
    });

    it('a protected AMI is skipped unless the user disables protection first', () => {
      const protectedAmi = facts(
        'ami-1',
        {},
        { deregistrationProtection: 'enabled-without-cooldown' },
      );
      const skipped = planDeregister([protectedAmi], DELETE, NOW).decisions[0];
      assert.equal(skipped?.action, 'skip');
      assert.match(skipped?.reason ?? '', /protection is on/);
      const disabled = planDeregister([protectedAmi], { ...DELETE, disableProtection: true }, NOW)
        .decisions[0];
      assert.equal(disabled?.action, 'deregister');
      assert.equal(disabled?.disableProtectionFirst, true);
      assert.equal(disabled?.needsSecondConfirmation, true);
    });

    it('protection with cooldown: only disables it and says the AMI stays protected for 24 hours', () => {
      const d = planDeregister(
        [
          facts(
            'ami-1',
            { snapshots: [snap('snap-1')] },
            { deregistrationProtection: 'enabled-with-cooldown' },
          ),
        ],
        { ...DELETE, disableProtection: true },
        NOW,
      ).decisions[0];
      assert.equal(d?.action, 'disable-protection-only');
      assert.equal(d?.disableProtectionFirst, true);
      assert.match(d?.reason ?? '', /24 hours/);
      assert.deepEqual(d?.snapshotsToDelete, []);
    });

    it('a cooldown in progress is skipped with its end time', () => {
      const d = planDeregister(
        [facts('ami-1', {}, { deregistrationProtection: 'disabled-until-2026-11-27T08:00:00Z' })],
        { ...DELETE, disableProtection: true },
        NOW,
      ).decisions[0];
      assert.equal(d?.action, 'skip');
      assert.match(d?.reason ?? '', /until 2026-11-27T08:00:00Z/);
    });

    it('says that the S3 bundle of an instance-store AMI stays in the bucket', () => {
      const d = planDeregister(
        [
          facts(
            'ami-1',
            {},
            { rootDeviceType: 'instance-store', imageLocation: 'bucket/legacy.manifest.xml' },
          ),
        ],
        DELETE,
        NOW,
      ).decisions[0];
      assert.match(
        d?.notes[0] ?? '',
        /bundle \(bucket\/legacy\.manifest\.xml\) stays in the S3 bucket/,
      );
    });

    it('skips an AMI that could not be inspected', () => {
      const d = planDeregister([facts('ami-1', { error: 'throttled' })], DELETE, NOW).decisions[0];
      assert.equal(d?.action, 'skip');
      assert.equal(d?.reason, 'could not be inspected: throttled');
    });
  });

  describe('describeDeregisterPlan', () => {
    it('names each AMI and snapshot, and says running instances are not affected', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            snapshots: [snap('snap-1', { sizeGiB: 30 }), snap('snap-2', { usedBy: ['ami-9'] })],
          }),
          facts('ami-2', {}, { deregistrationProtection: 'enabled' }),
        ],
        DELETE,
        NOW,
      );
      const { message, detail } = describeDeregisterPlan(plan);
      assert.equal(message, 'Deregister ami-1 (name-ami-1) and delete 1 snapshot?');
      assert.match(
        detail,
        /^Deregistering never affects instances already running from these AMIs\./,
      );
      assert.match(detail, /ami-1 \(name-ami-1\) in us-east-1: deregister\n/);
      assert.match(detail, /− delete snapshot snap-1 \(30 GiB, \/dev\/xvda\)/);
      assert.match(detail, /= keep snapshot snap-2 \(8 GiB\): shared: also used by ami-9/);
      assert.match(
        detail,
        /ami-2 \(name-ami-2\) in us-east-1: skipped — deregistration protection is on/,
      );
      assert.match(detail, /Snapshots that another AMI still uses are kept/);
    });
  });

  describe('deregisterReport', () => {
    it('reports per AMI and per snapshot: succeeded, skipped (shared) and failed', () => {
      const plan = planDeregister(
        [
          facts('ami-1', {
            snapshots: [snap('snap-1'), snap('snap-2', { usedBy: ['ami-9'] }), snap('snap-3')],
          }),
          facts('ami-2'),
          facts('ami-3', {}, { deregistrationProtection: 'enabled' }),
        ],
        DELETE,
        NOW,
      );
      const report = deregisterReport(plan, [
        {
          kind: 'deregistered',
          protectionDisabled: false,
          snapshotResults: [
            { snapshotId: 'snap-1', returnCode: 'success' },
            { snapshotId: 'snap-2', returnCode: 'skipped' },
            { snapshotId: 'snap-3', returnCode: 'internal-error' },
          ],
          snapshotRereads: [],
        },
        {
          kind: 'failed',
          step: 'deregister',
          error: 'EC2 is throttling requests in us-east-1.',
          protectionDisabled: false,
        },
        { kind: 'skipped', reason: 'deregistration protection is on (choose to disable it first)' },
      ]);
      assert.equal(report.title, 'Deregister 3 AMIs');
      assert.deepEqual(
        report.items.map((i) => [i.subject, i.outcome, i.detail]),
        [
          ['ami-1 (name-ami-1) in us-east-1', 'succeeded', 'deregistered'],
          ['  snapshot snap-1 (8 GiB)', 'succeeded', 'deleted'],
          ['  snapshot snap-2 (8 GiB)', 'skipped', 'kept: shared with ami-9'],
          ['  snapshot snap-3 (8 GiB)', 'failed', 'not deleted: EC2 had an internal error'],
          [
            'ami-2 (name-ami-2) in us-east-1',
            'failed',
            'deregistering failed: EC2 is throttling requests in us-east-1.',
          ],
          [
            'ami-3 (name-ami-3) in us-east-1',
            'skipped',
            'deregistration protection is on (choose to disable it first)',
          ],
        ],
      );
    });

    it('reports protection disabled under cooldown as skipped with EC2’s state, and cancels as skipped', () => {
      const plan = planDeregister(
        [facts('ami-1', {}, { deregistrationProtection: 'enabled-with-cooldown' }), facts('ami-2')],
        { ...DELETE, disableProtection: true },
        NOW,
      );
      const report = deregisterReport(plan, [
        { kind: 'protection-disabled', protection: 'disabled-until-2026-11-27T12:00:00Z' },
        { kind: 'cancelled' },
      ]);
      assert.equal(report.items[0]?.outcome, 'skipped');
      assert.match(
        report.items[0]?.detail ?? '',
        /protected for 24 hours \(disabled-until-2026-11-27T12:00:00Z\)/,
      );
      assert.deepEqual(
        [report.items[1]?.outcome, report.items[1]?.detail],
        ['skipped', 'not deregistered: cancelled before its request was sent'],
      );
    });

    it('says when protection was disabled but deregistering failed, and lists kept snapshots EC2 did not report', () => {
      const plan = planDeregister(
        [
          facts(
            'ami-1',
            { snapshots: [snap('snap-x', { ownerId: '222222222222' })] },
            { deregistrationProtection: 'enabled' },
          ),
        ],
        { ...DELETE, disableProtection: true },
        NOW,
      );
      const failed = deregisterReport(plan, [
        { kind: 'failed', step: 'deregister', error: 'boom', protectionDisabled: true },
      ]);
      assert.equal(
        failed.items[0]?.detail,
        'protection was disabled, but deregistering failed: boom',
      );
      const ok = deregisterReport(plan, [
        {
          kind: 'deregistered',
          protectionDisabled: true,
          snapshotResults: [],
          snapshotRereads: [],
        },
      ]);
      assert.deepEqual(
        ok.items.map((i) => [i.outcome, i.detail]),
        [
          ['succeeded', 'deregistered (deregistration protection disabled first)'],
          ['skipped', 'kept: owned by account 222222222222'],
        ],
      );
    });
    it('reports what the re-read showed: confirmed deregistration and each planned snapshot', () => {
      const plan = planDeregister(
        [facts('ami-1', { snapshots: [snap('snap-1'), snap('snap-2'), snap('snap-3')] })],
        DELETE,
        NOW,
      );
      const report = deregisterReport(plan, [
        {
          kind: 'deregistered',
          protectionDisabled: false,
          snapshotResults: [],
          confirmedByRereading: 'the request was cancelled while it was under way',
          snapshotRereads: [
            { snapshotId: 'snap-1', state: 'deleted' },
            { snapshotId: 'snap-2', state: 'exists' },
            { snapshotId: 'snap-3', state: 'unknown', error: 'EC2 did not answer in time.' },
          ],
        },
      ]);
      assert.deepEqual(
        report.items.map((i) => [i.subject.trim(), i.outcome, i.detail]),
        [
          [
            'ami-1 (name-ami-1) in us-east-1',
            'succeeded',
            'deregistered (confirmed by re-reading: the request was cancelled while it was under way)',
          ],
          ['snapshot snap-1 (8 GiB)', 'succeeded', 'deleted (confirmed by re-reading)'],
          [
            'snapshot snap-2 (8 GiB)',
            'failed',
            "not deleted: it still exists when re-read (EC2's answer did not mention it)",
          ],
          [
            'snapshot snap-3 (8 GiB)',
            'unknown',
            'unknown: it could not be re-read (EC2 did not answer in time.); check it in the EC2 console',
          ],
        ],
      );
    });

    it('an answer without DeleteSnapshotResults still gets a line per planned snapshot', () => {
      const plan = planDeregister(
        [facts('ami-1', { snapshots: [snap('snap-1'), snap('snap-2')] })],
        DELETE,
        NOW,
      );
      const report = deregisterReport(plan, [
        {
          kind: 'deregistered',
          protectionDisabled: false,
          snapshotResults: [{ snapshotId: 'snap-1', returnCode: 'success' }],
          snapshotRereads: [{ snapshotId: 'snap-2', state: 'deleted' }],
        },
      ]);
      assert.deepEqual(
        report.items.map((i) => [i.subject.trim(), i.outcome, i.detail]),
        [
          ['ami-1 (name-ami-1) in us-east-1', 'succeeded', 'deregistered'],
          ['snapshot snap-1 (8 GiB)', 'succeeded', 'deleted'],
          ['snapshot snap-2 (8 GiB)', 'succeeded', 'deleted (confirmed by re-reading)'],
        ],
      );
    });

    it('an unknown outcome says why and what the re-read saw, and never "not deregistered"', () => {
      const plan = planDeregister(
        [
          facts('ami-1', { snapshots: [snap('snap-1')] }),
          facts('ami-2', { snapshots: [snap('snap-2')] }),
        ],
        DELETE,
        NOW,
      );
      const report = deregisterReport(plan, [
        {
          kind: 'unknown',
          step: 'deregister',
          why: 'the request was cancelled while it was under way',
          seen: 'a re-read still shows it registered, but EC2 may still deregister it: refresh the region to check',
          protectionDisabled: false,
        },
        { kind: 'cancelled' },
      ]);
      assert.deepEqual(
        report.items.map((i) => [i.subject.trim(), i.outcome, i.detail]),
        [
          [
            'ami-1 (name-ami-1) in us-east-1',
            'unknown',
            'unknown whether it was deregistered: the request was cancelled while it was under way; a re-read still shows it registered, but EC2 may still deregister it: refresh the region to check.',
          ],
          [
            'snapshot snap-1 (8 GiB)',
            'unknown',
            'unknown: deleted only if its AMI was deregistered; check it after a refresh',
          ],
          [
            'ami-2 (name-ami-2) in us-east-1',
            'skipped',
            'not deregistered: cancelled before its request was sent',
          ],
          ['snapshot snap-2 (8 GiB)', 'skipped', 'not deleted: its AMI was not deregistered'],
        ],
      );
    });
  });
});
