import { strict as assert } from 'node:assert';
import { AwsApiError } from '../../../../src/core/model/errors';
import type { RecycledSnapshot } from '../../../../src/core/model/imageInsights';
import {
  recycledImageDescription,
  relativeDays,
  retentionSentence,
  snapshotsOfRecycledImage,
} from '../../../../src/core/model/recycleBin';

describe('core/model/recycleBin', () => {
  describe('retentionSentence', () => {
    it('names the retention period and the rule when one rule keeps AMIs', () => {
      const s = retentionSentence('AMIs', 'us-east-1', {
        kind: 'rules',
        rules: [{ identifier: 'r1', retentionDays: 14, description: 'Keep AMIs' }],
      });
      assert.match(s, /deregistered AMIs go to the Recycle Bin for 14 days/);
      assert.match(s, /rule “Keep AMIs”/);
      assert.match(s, /can be restored/);
    });

    it('gives the range when several rules keep for different periods', () => {
      const s = retentionSentence('snapshots', 'eu-west-1', {
        kind: 'rules',
        rules: [
          { identifier: 'a', retentionDays: 30 },
          { identifier: 'b', retentionDays: 7 },
        ],
      });
      assert.match(s, /deleted snapshots go to the Recycle Bin for 7 to 30 days \(by rule\)/);
      assert.match(s, /2 rules/);
    });

    it('says they cannot be restored when no rule exists', () => {
      assert.equal(
        retentionSentence('AMIs', 'eu-west-1', { kind: 'rules', rules: [] }),
        'Recycle Bin: no retention rule in eu-west-1 keeps deregistered AMIs, so they cannot be restored.',
      );
    });

    it('says it is unknown, with the reason, when the rules could not be read', () => {
      const error = new AwsApiError(
        'AccessDeniedException',
        'You are not allowed to list the Recycle Bin’s retention rules in us-east-1 (rbin:ListRules).',
        { region: 'us-east-1' },
        {},
      );
      const s = retentionSentence('AMIs', 'us-east-1', { kind: 'unknown', error });
      assert.match(s, /whether the deregistered AMIs can be restored is unknown/);
      assert.match(s, /rbin:ListRules/);
    });
  });

  describe('snapshotsOfRecycledImage', () => {
    const snap = (snapshotId: string, description?: string): RecycledSnapshot => ({
      region: 'us-east-1',
      snapshotId,
      ...(description ? { description } : {}),
    });
    it('finds the snapshots EC2 made for the AMI, and no other AMI’s', () => {
      const found = snapshotsOfRecycledImage('ami-0123456789abcdef0', [
        snap('snap-1', 'Created by CreateImage(i-1) for ami-0123456789abcdef0'),
        snap('snap-2', 'Created by CreateImage(i-1) for ami-0123456789abcdef01'),
        snap('snap-3', 'Copied for DestinationAmi ami-0123456789abcdef0 from SourceAmi ami-1'),
        snap('snap-4'),
      ]);
      assert.deepEqual(
        found.map((s) => s.snapshotId),
        ['snap-1'],
      );
    });
  });

  describe('dates', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    it('says when an AMI entered and leaves the bin relative to now', () => {
      assert.equal(relativeDays('2026-11-28T12:00:00Z', now), '2 days ago');
      assert.equal(relativeDays('2026-12-12T12:00:00Z', now), 'in 12 days');
      assert.equal(relativeDays('2026-11-30T10:00:00Z', now), 'today');
      assert.equal(relativeDays('not a date', now), undefined);
      assert.equal(
        recycledImageDescription(
          {
            region: 'us-east-1',
            imageId: 'ami-1',
            enteredAt: '2026-11-28T12:00:00Z',
            exitsAt: '2026-12-12T12:00:00Z',
          },
          now,
        ),
        'ami-1 · recycled 2 days ago · deleted in 12 days',
      );
    });
  });
});
