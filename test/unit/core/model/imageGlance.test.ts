import assert from 'node:assert/strict';
import {
  allowedText,
  badgeOfQuery,
  badgeQuery,
  findingsText,
  glanceFacts,
  imageBadge,
  lastLaunchedText,
  relativeTime,
} from '../../../../src/core/model/imageGlance';
import { compareImages, sortImages } from '../../../../src/core/model/grouping';
import { instanceAmiSummary, instanceAmiText } from '../../../../src/core/model/instanceAmi';
import { leaveRefusal } from '../../../../src/core/model/leaveShared';
import { makeAmi } from '../../helpers/fixtures';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('core/model/imageGlance', () => {
  describe('relativeTime', () => {
    it('says how long ago in the largest whole unit, singular or plural', () => {
      assert.equal(relativeTime(ago(10_000), NOW), 'just now');
      assert.equal(relativeTime(ago(MIN), NOW), '1 minute ago');
      assert.equal(relativeTime(ago(59 * MIN), NOW), '59 minutes ago');
      assert.equal(relativeTime(ago(3 * 60 * MIN), NOW), '3 hours ago');
      assert.equal(relativeTime(ago(DAY), NOW), '1 day ago');
      assert.equal(relativeTime(ago(3 * DAY + 5 * MIN), NOW), '3 days ago');
      assert.equal(relativeTime(ago(65 * DAY), NOW), '2 months ago');
      assert.equal(relativeTime(ago(800 * DAY), NOW), '2 years ago');
    });

    it('calls a time in the future "just now" and an unreadable one unknown', () => {
      assert.equal(relativeTime(new Date(NOW.getTime() + DAY).toISOString(), NOW), 'just now');
      assert.equal(relativeTime('not a date', NOW), undefined);
    });
  });

  describe('lastLaunchedText', () => {
    it('says "never" for an own AMI EC2 reports no launch for, nothing for someone else\'s', () => {
      assert.equal(lastLaunchedText({}, true, NOW), 'never');
      assert.equal(lastLaunchedText({}, false, NOW), undefined);
    });

    it('says how long ago, with the date', () => {
      const at = ago(3 * DAY);
      assert.equal(
        lastLaunchedText({ lastLaunchedTime: at }, true, NOW),
        `3 days ago (${at.slice(0, 10)})`,
      );
    });
  });

  it('describes findings by highest severity and scan date, or a clean scan, or nothing', () => {
    assert.equal(
      findingsText({ highestFindingSeverity: 'critical', findingScanDate: '2024-12-05T06:00:00Z' }),
      'highest severity Critical (Amazon Inspector, scanned 2024-12-05)',
    );
    assert.equal(
      findingsText({ findingScanDate: '2024-12-05T06:00:00Z' }),
      'none found (Amazon Inspector, scanned 2024-12-05)',
    );
    assert.equal(findingsText({}), undefined);
  });

  it('says a not-allowed AMI would be blocked if Allowed AMIs were enabled (audit mode)', () => {
    assert.match(
      allowedText({ imageAllowed: false }, false) ?? '',
      /would be blocked if .*enabled/,
    );
    assert.match(allowedText({ imageAllowed: false }, true) ?? '', /never blocked/);
    assert.equal(allowedText({ imageAllowed: true }, false), undefined);
    assert.equal(allowedText({}, false), undefined);
  });

  it('adds the glance rows to the tooltip in order, leaving out what EC2 did not say', () => {
    const ami = makeAmi({
      imageId: 'ami-0aaaaaaaaaaaaaaa1',
      lastLaunchedTime: ago(3 * DAY),
      imageAllowed: false,
      findingScanDate: '2024-12-05T06:00:00.000Z',
      highestFindingSeverity: 'high',
      freeTierEligible: true,
      publicSsmParameterName: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      sourceImageId: 'ami-0bbbbbbbbbbbbbbb2',
      sourceImageRegion: 'us-east-1',
    });
    assert.deepEqual(
      glanceFacts(ami, false, NOW).map((f) => f.label),
      [
        'Last launched',
        'Allowed AMIs',
        'Findings',
        'Free tier',
        'Public SSM parameter',
        'Source AMI',
      ],
    );
    assert.equal(
      glanceFacts(ami, false, NOW).find((f) => f.label === 'Source AMI')?.value,
      'ami-0bbbbbbbbbbbbbbb2 (us-east-1)',
    );
    assert.deepEqual(glanceFacts(makeAmi({ imageId: 'ami-1' }), false, NOW), []);
    assert.deepEqual(glanceFacts(makeAmi({ imageId: 'ami-1' }), true, NOW), [
      { label: 'Last launched', value: 'never' },
    ]);
  });

  describe('imageBadge', () => {
    it('shows the highest severity letter in its colour', () => {
      assert.deepEqual(imageBadge({ highestFindingSeverity: 'critical' }, true), {
        badge: 'C',
        color: 'problemsErrorIcon.foreground',
        tooltip: 'Critical vulnerability findings',
      });
      assert.equal(imageBadge({ highestFindingSeverity: 'HIGH' }, true)?.badge, 'H');
      assert.equal(
        imageBadge({ highestFindingSeverity: 'medium' }, true)?.color,
        'problemsWarningIcon.foreground',
      );
      assert.equal(
        imageBadge({ highestFindingSeverity: 'low' }, true)?.color,
        'problemsInfoIcon.foreground',
      );
    });

    it('shows "!" for someone else\'s AMI that Allowed AMIs does not allow, never for an own one', () => {
      assert.deepEqual(imageBadge({ imageAllowed: false }, false), {
        badge: '!',
        color: 'problemsWarningIcon.foreground',
        tooltip: 'Not allowed by Allowed AMIs (would be blocked if enabled)',
      });
      assert.equal(imageBadge({ imageAllowed: false }, true), undefined);
      assert.equal(imageBadge({ imageAllowed: true }, false), undefined);
      assert.equal(imageBadge({}, false), undefined);
    });

    it('combines both, in the worse colour', () => {
      const both = imageBadge({ imageAllowed: false, highestFindingSeverity: 'critical' }, false);
      assert.equal(both?.badge, 'C!');
      assert.equal(both?.color, 'problemsErrorIcon.foreground');
      const low = imageBadge({ imageAllowed: false, highestFindingSeverity: 'low' }, false);
      assert.equal(low?.badge, 'L!');
      assert.equal(low?.color, 'problemsWarningIcon.foreground');
    });

    it('round-trips through the decoration URI query, which is absent without a badge', () => {
      for (const [ami, owned] of [
        [{ highestFindingSeverity: 'critical' }, false],
        [{ imageAllowed: false }, false],
        [{ imageAllowed: false, highestFindingSeverity: 'medium' }, false],
        [{ imageAllowed: false, highestFindingSeverity: 'high' }, true],
      ] as const) {
        const query = badgeQuery(ami, owned);
        assert.ok(query !== undefined);
        assert.deepEqual(badgeOfQuery(query), imageBadge(ami, owned));
      }
      assert.equal(badgeQuery({ imageAllowed: false }, true), undefined);
      assert.equal(badgeQuery({}, false), undefined);
    });
  });

  describe("sort by last launched (grouping's 'lastLaunched')", () => {
    const launched = (id: string, at?: string, created?: string) =>
      makeAmi({
        imageId: id,
        ...(at ? { lastLaunchedTime: at } : {}),
        ...(created ? { creationDate: created } : {}),
      });
    const images = [
      launched('ami-never-old', undefined, '2020-01-01T00:00:00Z'),
      launched('ami-week', ago(7 * DAY)),
      launched('ami-never-new', undefined, '2024-01-01T00:00:00Z'),
      launched('ami-hour', ago(60 * MIN)),
      launched('ami-garbled', 'garbled'),
    ];

    it('puts the most recently launched first and never-launched last, newest created first', () => {
      assert.deepEqual(
        sortImages(images, 'lastLaunched').map((i) => i.imageId),
        ['ami-hour', 'ami-week', 'ami-never-new', 'ami-never-old', 'ami-garbled'],
      );
    });

    it('compareImages agrees with sortImages', () => {
      const sorted = [...images].sort((a, b) => compareImages(a, b, 'lastLaunched'));
      assert.deepEqual(sorted, sortImages(images, 'lastLaunched'));
    });
  });
});

describe('core/model/instanceAmi', () => {
  const base = { instanceId: 'i-0123456789abcdef0', imageId: 'ami-0aaaaaaaaaaaaaaa1' };

  it('names the AMI, and says nothing when EC2 said nothing', () => {
    const s = instanceAmiSummary({ ...base, name: 'web', state: 'available' }, NOW);
    assert.deepEqual(s, { label: 'web', imageId: base.imageId, hidden: false });
    assert.equal(instanceAmiText(s), 'web');
    assert.equal(instanceAmiSummary(undefined, NOW), undefined);
  });

  it('warns of a deregistered, disabled or deprecated AMI', () => {
    const text = (image: Parameters<typeof instanceAmiSummary>[0]) => {
      const s = instanceAmiSummary(image, NOW);
      return s && [s.problem, instanceAmiText(s)];
    };
    assert.deepEqual(text({ ...base, name: 'web', state: 'deregistered' }), [
      'deregistered',
      'web (deregistered)',
    ]);
    assert.deepEqual(text({ ...base, state: 'deregistered' }), [
      'deregistered',
      `${base.imageId} (deregistered)`,
    ]);
    assert.deepEqual(text({ ...base, name: 'web', state: 'disabled' }), [
      'disabled',
      'web (disabled)',
    ]);
    assert.deepEqual(
      text({ ...base, name: 'web', state: 'available', deprecationTime: ago(DAY) }),
      ['deprecated', 'web (deprecated)'],
    );
    assert.deepEqual(
      text({
        ...base,
        name: 'web',
        state: 'available',
        deprecationTime: new Date(NOW.getTime() + DAY).toISOString(),
      }),
      [undefined, 'web'],
    );
  });

  it('says when only the id is known: the AMI is no longer visible', () => {
    assert.equal(
      instanceAmiText(instanceAmiSummary(base, NOW)!),
      `${base.imageId} (not visible to you)`,
    );
  });
});

describe('core/model/leaveShared', () => {
  it('refuses own and public AMIs, allows one shared with the account', () => {
    assert.match(leaveRefusal({ ami: { isPublic: false }, owned: true }) ?? '', /owns it/);
    assert.match(leaveRefusal({ ami: { isPublic: true }, owned: false }) ?? '', /public/);
    assert.equal(leaveRefusal({ ami: { isPublic: false }, owned: false }), undefined);
  });
});
