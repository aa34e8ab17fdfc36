import assert from 'node:assert/strict';
import type { Ami } from '../../../../src/core/model/ami';
import type {
  CleanupInput,
  CleanupPlan,
  CleanupRules,
  ReferenceCheck,
  SharingCheck,
} from '../../../../src/core/model/cleanupPlan';
import {
  DEFAULT_CLEANUP_RULES,
  cleanupPlanCsv,
  cleanupPlanJson,
  planCleanup,
} from '../../../../src/core/model/cleanupPlan';
import { familyPattern } from '../../../../src/core/model/imageFamily';
import { makeAmi } from '../../helpers/fixtures';

const NOW = new Date('2026-11-30T12:00:00Z');
const ME = '111111111111';

function daysAgo(n: number): string {
  return new Date(NOW.getTime() - n * 86_400_000).toISOString();
}

/** `web-1.0.N` created N0 days ago… `web-1.0.1` is the oldest. */
function version(n: number, overrides: Partial<Ami> = {}): Ami {
  return makeAmi({
    imageId: `ami-0000000000000000${n}`,
    name: `web-1.0.${n}`,
    ownerId: ME,
    creationDate: daysAgo(100 - n * 10),
    blockDevices: [
      { deviceName: '/dev/xvda', ebs: { snapshotId: `snap-0000000000000000${n}`, volumeSize: 8 } },
    ],
    ...overrides,
  });
}

const familyOf = (ami: Ami): string | undefined => (ami.name ? familyPattern(ami.name) : undefined);

/** Every AMI checked: no references, not shared. */
function checked(amis: readonly Ami[]): {
  references: Map<string, ReferenceCheck>;
  sharing: Map<string, SharingCheck>;
} {
  return {
    references: new Map(amis.map((a) => [a.imageId, { known: true, references: [] }])),
    sharing: new Map(amis.map((a) => [a.imageId, { known: true, permissions: [] }])),
  };
}

function plan(
  amis: Ami[],
  rules: Partial<CleanupRules> = {},
  extra: Partial<CleanupInput> = {},
): CleanupPlan {
  return planCleanup({
    amis,
    familyOf,
    ...checked(amis),
    accountId: ME,
    rules: { ...DEFAULT_CLEANUP_RULES, ...rules },
    pricePerGbMonth: 0.05,
    now: NOW,
    ...extra,
  });
}

const ids = (p: CleanupPlan): string[] => p.candidates.map((c) => c.ami.name ?? c.ami.imageId);
const refusedKinds = (p: CleanupPlan, name: string): string[] =>
  p.refused.find((r) => r.ami.name === name)?.refusals.map((r) => r.kind) ?? [];

describe('cleanup planner', () => {
  const five = [1, 2, 3, 4, 5].map((n) => version(n));

  it('keeps the newest N per family and chooses the rest, saying which rule chose them', () => {
    const p = plan(five);
    assert.deepEqual(ids(p), ['web-1.0.1', 'web-1.0.2']);
    assert.match(p.candidates[0]?.chosenBy.join() ?? '', /5th newest of 5 in web-\*/);
    assert.match(p.candidates[0]?.chosenBy.join() ?? '', /beyond the newest 3/);
    for (const n of [3, 4, 5]) assert.deepEqual(refusedKinds(p, `web-1.0.${n}`), ['newest']);
    assert.match(p.refused[0]?.refusals[0]?.reason ?? '', /newest .*the newest 3 are kept/);
    // Every AMI is accounted for, once.
    assert.equal(p.candidates.length + p.refused.length, 5);
  });

  it('ranks each family in each region on its own', () => {
    const other = [1, 2].map((n) =>
      version(n, { region: 'eu-west-1', imageId: `ami-1000000000000000${n}` }),
    );
    const p = plan([...five, ...other], { keepNewest: 1 });
    assert.deepEqual(
      p.candidates.map((c) => `${c.ami.region}/${c.ami.name ?? ''}`),
      [
        'us-east-1/web-1.0.1',
        'us-east-1/web-1.0.2',
        'us-east-1/web-1.0.3',
        'us-east-1/web-1.0.4',
        'eu-west-1/web-1.0.1',
      ],
    );
  });

  it('an AMI without a family is a family of its own, kept by the newest-N rule', () => {
    const p = plan([makeAmi({ imageId: 'ami-0aaaaaaaaaaaaaaa1', ownerId: ME, name: 'scratch' })]);
    assert.deepEqual(ids(p), []);
    assert.deepEqual(
      p.refused[0]?.refusals.map((r) => r.kind),
      ['newest'],
    );
    assert.match(p.refused[0]?.family ?? '', /scratch \(no family\)/);
  });

  it('older than D days: only AMIs created longer ago, with their age as the reason', () => {
    // Ages: 90, 80, 70, 60, 50 days.
    const p = plan(five, { keepNewest: 0, olderThanDays: 65 });
    assert.deepEqual(ids(p), ['web-1.0.1', 'web-1.0.2', 'web-1.0.3']);
    assert.match(p.candidates[0]?.chosenBy[0] ?? '', /created 90 days ago \(older than 65\)/);
    assert.deepEqual(refusedKinds(p, 'web-1.0.4'), ['too-young']);
  });

  it('combines rules: chosen only when every rule that is on chooses it', () => {
    const p = plan(five, { keepNewest: 1, olderThanDays: 75 });
    assert.deepEqual(ids(p), ['web-1.0.1', 'web-1.0.2']);
    assert.equal(p.candidates[0]?.chosenBy.length, 2);
    assert.deepEqual(refusedKinds(p, 'web-1.0.3'), ['too-young']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.5'), ['newest', 'too-young']);
  });

  it('not launched for D days reads LastLaunchedTime; an AMI never launched counts by its age', () => {
    const amis = [
      version(1, { lastLaunchedTime: daysAgo(5) }),
      version(2, { lastLaunchedTime: daysAgo(40) }),
      version(3), // never launched, 70 days old
      version(9), // never launched, 10 days old
    ];
    const p = plan(amis, { keepNewest: 0, notLaunchedForDays: 30 });
    assert.deepEqual(ids(p), ['web-1.0.2', 'web-1.0.3']);
    assert.match(p.candidates[0]?.chosenBy[0] ?? '', /last launched 40 days ago/);
    assert.match(p.candidates[1]?.chosenBy[0] ?? '', /no launch recorded, created 70 days ago/);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['launched-recently']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.9'), ['launched-recently']);
  });

  it('with every choosing rule off, nothing is chosen', () => {
    const p = plan(five, { keepNewest: 0 });
    assert.deepEqual(ids(p), []);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['no-rule']);
  });

  it('deprecated and disabled AMIs are chosen only when included, and do not count among the kept', () => {
    const amis = [
      ...five.slice(0, 4),
      version(5, { deprecationTime: daysAgo(1) }),
      version(6, { state: 'disabled' }),
      version(7, { deprecationTime: daysAgo(-10) }), // deprecation still ahead
    ];
    const off = plan(amis, { keepNewest: 3 });
    assert.deepEqual(ids(off), ['web-1.0.1', 'web-1.0.2', 'web-1.0.3', 'web-1.0.4']);
    const on = plan(amis, { keepNewest: 3, includeDeprecated: true, includeDisabled: true });
    assert.deepEqual(ids(on), ['web-1.0.1', 'web-1.0.2', 'web-1.0.5', 'web-1.0.6']);
    assert.match(on.candidates[2]?.chosenBy[0] ?? '', /deprecated since/);
    assert.match(on.candidates[3]?.chosenBy[0] ?? '', /^disabled/);
    // The three newest usable versions (7, 4, 3) are kept.
    for (const n of [7, 4, 3]) assert.deepEqual(refusedKinds(on, `web-1.0.${n}`), ['newest']);
  });

  it('never touches an AMI with the protecting tag (key and value, or key alone)', () => {
    const amis = [
      version(1, { tags: [{ key: 'keep', value: 'true' }] }),
      version(2, { tags: [{ key: 'keep', value: 'no' }] }),
      ...five.slice(2),
    ];
    const p = plan(amis);
    assert.deepEqual(ids(p), ['web-1.0.2']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['tag']);
    assert.match(p.refused[0]?.refusals[0]?.reason ?? '', /protected by its tag keep=true/);
    const anyValue = plan(amis, { protectTag: { key: 'keep' } });
    assert.deepEqual(ids(anyValue), []);
    const noTag = plan(amis, { protectTag: { key: '' } });
    assert.deepEqual(ids(noTag), ['web-1.0.1', 'web-1.0.2']);
  });

  it('refuses AMIs with deregistration protection, on or in its cooldown', () => {
    const amis = [
      version(1, { deregistrationProtection: 'enabled-with-cooldown' }),
      version(2, { deregistrationProtection: `disabled-until-${daysAgo(-1)}` }),
      version(3, { deregistrationProtection: `disabled-until-${daysAgo(1)}` }),
      ...five.slice(3),
    ];
    const p = plan(amis, { keepNewest: 2 });
    assert.deepEqual(ids(p), ['web-1.0.3']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['protection']);
    assert.match(p.refused[1]?.refusals[0]?.reason ?? '', /protected until/);
  });

  it('refuses referenced AMIs, naming what uses them, and AMIs whose references are unknown', () => {
    const references = new Map<string, ReferenceCheck>([
      [
        five[0]?.imageId ?? '',
        {
          known: true,
          references: [
            {
              resourceType: 'ec2:LaunchTemplate',
              arn: 'arn:aws:ec2:us-east-1:111111111111:launch-template/lt-0123',
            },
            {
              resourceType: 'ec2:Instance',
              arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc',
            },
          ],
        },
      ],
      [five[1]?.imageId ?? '', { known: false, reason: 'You are not allowed to do that.' }],
    ]);
    const p = plan(five, {}, { references });
    assert.deepEqual(ids(p), []);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['referenced']);
    assert.match(
      p.refused[0]?.refusals[0]?.reason ?? '',
      /referenced \(in use\): 1 ec2:LaunchTemplate, 1 ec2:Instance \(lt-0123, i-0abc\)/,
    );
    assert.deepEqual(refusedKinds(p, 'web-1.0.2'), ['references-unknown']);
    // With the rule off, a referenced AMI is a candidate that carries its references along.
    const off = plan(five, { requireUnreferenced: false }, { references });
    assert.deepEqual(ids(off), ['web-1.0.1', 'web-1.0.2']);
    assert.equal(off.candidates[0]?.references.length, 2);
  });

  it('an AMI chosen before its references or sharing were read is never a candidate', () => {
    const p = plan(five, {}, { references: new Map(), sharing: new Map() });
    assert.deepEqual(ids(p), []);
    assert.deepEqual(
      p.unchecked.map((u) => [u.imageId, u.needs]),
      [
        [five[0]?.imageId, ['references', 'sharing']],
        [five[1]?.imageId, ['references', 'sharing']],
      ],
    );
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['unchecked']);
    // AMIs the rules keep anyway need no checks.
    assert.equal(
      p.unchecked.some((u) => u.imageId === five[4]?.imageId),
      false,
    );
    // Nothing to check when the rules do not need it.
    const none = plan(
      five,
      { requireUnreferenced: false, includeShared: true },
      { references: new Map(), sharing: new Map() },
    );
    assert.deepEqual(ids(none), ['web-1.0.1', 'web-1.0.2']);
    assert.deepEqual(none.unchecked, []);
  });

  it('skips shared and public AMIs unless asked', () => {
    const amis = [version(1, { isPublic: true }), ...five.slice(1)];
    const sharing = new Map<string, SharingCheck>([
      [five[1]?.imageId ?? '', { known: true, permissions: [{ userId: '222222222222' }] }],
      [five[2]?.imageId ?? '', { known: false, reason: 'Access denied.' }],
    ]);
    const p = plan(amis, { keepNewest: 2 }, { sharing });
    assert.deepEqual(ids(p), []);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['public']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.2'), ['shared']);
    assert.match(p.refused[1]?.refusals[0]?.reason ?? '', /shared with 222222222222/);
    assert.deepEqual(refusedKinds(p, 'web-1.0.3'), ['sharing-unknown']);
    const asked = plan(
      amis,
      { keepNewest: 2, includeShared: true, includePublic: true },
      { sharing },
    );
    assert.deepEqual(ids(asked), ['web-1.0.1', 'web-1.0.2', 'web-1.0.3']);
  });

  it('refuses AMIs of other accounts and AMIs still pending', () => {
    const amis = [version(1, { ownerId: '999999999999' }), version(2, { state: 'pending' })];
    const p = plan(amis, { keepNewest: 0, olderThanDays: 1 });
    assert.deepEqual(ids(p), []);
    assert.deepEqual(refusedKinds(p, 'web-1.0.1'), ['not-owned']);
    assert.deepEqual(refusedKinds(p, 'web-1.0.2'), ['not-settled']);
  });

  it('lists every reason a refused AMI has, safety rules first', () => {
    const p = plan([version(5, { tags: [{ key: 'keep', value: 'true' }], isPublic: true })], {
      olderThanDays: 60,
    });
    assert.deepEqual(refusedKinds(p, 'web-1.0.5'), ['tag', 'public', 'newest', 'too-young']);
  });

  it('counts snapshots, GiB and the monthly cost upper bound, not snapshots kept for other AMIs', () => {
    const shared = 'snap-0shared0000000001';
    const amis = [
      version(1, {
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            ebs: { snapshotId: 'snap-0aaaaaaaaaaaaaaa1', volumeSize: 30 },
          },
          { deviceName: '/dev/xvdb', ebs: { snapshotId: shared, volumeSize: 100 } },
          { deviceName: '/dev/xvdc', virtualName: 'ephemeral0' },
        ],
      }),
      version(2, {
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            ebs: { snapshotId: 'snap-0aaaaaaaaaaaaaaa2', volumeSize: 20 },
          },
        ],
      }),
      ...five.slice(2, 4),
      version(5, {
        blockDevices: [{ deviceName: '/dev/xvda', ebs: { snapshotId: shared, volumeSize: 100 } }],
      }),
    ];
    const p = plan(amis);
    const first = p.candidates[0];
    assert.deepEqual(
      first?.snapshots.map((s) => [s.snapshotId, s.sizeGiB, s.keptFor]),
      [
        ['snap-0aaaaaaaaaaaaaaa1', 30, undefined],
        [shared, 100, [amis[4]?.imageId]],
      ],
    );
    assert.equal(first?.totalGiB, 30);
    assert.equal(first?.monthlyCostUpperBound, 1.5);
    assert.deepEqual(p.totals, { amis: 2, snapshots: 2, gib: 50, monthlyCostUpperBound: 2.5 });
    // When the AMI keeping it goes too, the snapshot counts (once).
    const all = plan(amis, { keepNewest: 0, olderThanDays: 1 });
    assert.equal(all.totals.gib, 30 + 100 + 20 + 8 + 8);
    assert.equal(all.totals.snapshots, 5);
  });

  it('exports JSON with the rules, the cost note, candidates and refusals', () => {
    const p = plan(five);
    const json = JSON.parse(cleanupPlanJson(p)) as {
      rules: CleanupRules;
      costNote: string;
      candidates: { imageId: string; chosenBy: string[]; snapshots: { snapshotId: string }[] }[];
      refused: { imageId: string; refusals: { kind: string }[] }[];
      totals: CleanupPlan['totals'];
    };
    assert.equal(json.rules.keepNewest, 3);
    assert.match(json.costNote, /Upper bound.*incremental/);
    assert.deepEqual(
      json.candidates.map((c) => c.imageId),
      [five[0]?.imageId, five[1]?.imageId],
    );
    assert.equal(json.candidates[0]?.snapshots[0]?.snapshotId, 'snap-00000000000000001');
    assert.equal(json.refused.length, 3);
    assert.equal(json.refused[0]?.refusals[0]?.kind, 'newest');
    assert.deepEqual(json.totals, p.totals);
  });

  it('exports CSV with one row per AMI, quoting and neutralising formulas', () => {
    const amis = [version(1, { name: '=cmd,"x"-1.0.1' }), ...five.slice(1)];
    const csv = cleanupPlanCsv(plan(amis, { keepNewest: 0, olderThanDays: 75 }));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'decision,region,imageId,name,family,creationDate,lastLaunchedTime,why,snapshots,totalGiB,monthlyCostUpperBoundUsd',
    );
    assert.equal(lines.length, 6);
    assert.match(
      lines[1] ?? '',
      /^deregister,us-east-1,ami-00000000000000001,"'=cmd,""x""-1.0.1",/,
    );
    assert.match(lines[2] ?? '', /,snap-00000000000000002,8,0\.40$/);
    assert.match(lines[3] ?? '', /^keep,.*created 70 days ago \(not older than 75\)/);
  });
});
