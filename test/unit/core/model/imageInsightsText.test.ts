import assert from 'node:assert/strict';
import type { AncestryEntry, ImageFinding } from '../../../../src/core/model/imageInsights';
import {
  findingsMarkdown,
  lineageIdsByRegion,
  lineageRow,
  lineageSteps,
  notVisibleSentence,
  resourceNameOf,
  sortFindings,
  splitFindingTitle,
  usageMarkdown,
} from '../../../../src/core/model/imageInsightsText';
import { makeAmi } from '../../helpers/fixtures';

const chain: AncestryEntry[] = [
  {
    imageId: 'ami-0000000000000000c',
    creationDate: '2024-12-02T09:00:00.000Z',
    sourceImageId: 'ami-0000000000000000b',
    sourceImageRegion: 'eu-west-1',
  },
  {
    imageId: 'ami-0000000000000000b',
    sourceImageId: 'ami-0000000000000000a',
    sourceImageRegion: 'us-east-1',
  },
  { imageId: 'ami-0000000000000000a', ownerAlias: 'self' },
];

const finding = (over: Partial<ImageFinding> & Pick<ImageFinding, 'title'>): ImageFinding => ({
  paths: [],
  ...over,
});

describe('core/model/imageInsightsText', () => {
  describe('lineage', () => {
    it('gives each generation the region its child names as the source region', () => {
      const steps = lineageSteps('ap-south-1', chain);
      assert.deepEqual(
        steps.map((s) => [s.generation, s.imageId, s.region]),
        [
          [0, 'ami-0000000000000000c', 'ap-south-1'],
          [1, 'ami-0000000000000000b', 'eu-west-1'],
          [2, 'ami-0000000000000000a', 'us-east-1'],
        ],
      );
      assert.deepEqual(
        [...lineageIdsByRegion(steps)],
        [
          ['ap-south-1', ['ami-0000000000000000c']],
          ['eu-west-1', ['ami-0000000000000000b']],
          ['us-east-1', ['ami-0000000000000000a']],
        ],
      );
    });

    it('names visible AMIs and says plainly which are not visible', () => {
      const visible = new Map([
        [
          'ap-south-1/ami-0000000000000000c',
          makeAmi({ imageId: 'ami-0000000000000000c', region: 'ap-south-1', name: 'leaf' }),
        ],
      ]);
      const steps = lineageSteps('ap-south-1', chain, visible);
      const [leaf, middle, root] = steps.map((s) => lineageRow(s, steps.length));
      assert.equal(leaf?.label, 'leaf');
      assert.equal(leaf?.description, 'ami-0000000000000000c · ap-south-1');
      assert.match(leaf?.detail ?? '', /^this AMI · created 2024-12-02 09:00 UTC/);
      assert.match(leaf?.detail ?? '', /copied from ami-0000000000000000b \(eu-west-1\)/);
      assert.doesNotMatch(leaf?.detail ?? '', /not visible/);
      assert.equal(middle?.label, 'ami-0000000000000000b');
      assert.match(middle?.detail ?? '', /^generation 1 .*not visible to you/);
      assert.match(
        root?.detail ?? '',
        /^root \(generation 2\) · not visible to you.* · owner self$/,
      );
      const [, hidden] = steps;
      assert.ok(hidden);
      assert.match(notVisibleSentence(hidden), /ami-0000000000000000b in eu-west-1 is not visible/);
    });

    it('says when the AMI is its own root', () => {
      const [only] = lineageSteps('us-east-1', [{ imageId: 'ami-0000000000000000a' }]);
      assert.ok(only);
      assert.match(lineageRow(only, 1).detail, /its own root/);
    });
  });

  describe('findings', () => {
    const image = makeAmi({ imageId: 'ami-0000000000000000c', region: 'eu-west-1', name: 'app' });

    it('explains an AMI Inspector has not scanned', () => {
      const text = findingsMarkdown(image, []);
      assert.match(text, /has not scanned this AMI/);
      assert.doesNotMatch(text, /\| Severity/);
    });

    it('says a scanned AMI has no findings', () => {
      const text = findingsMarkdown({ ...image, findingScanDate: '2024-12-05T06:00:00Z' }, []);
      assert.match(text, /Last scanned 2024-12-05 06:00 UTC\. \*\*No findings\*\*/);
    });

    it('lists findings most severe first with package, paths and fix', () => {
      const text = findingsMarkdown({ ...image, findingScanDate: '2024-12-05T06:00:00Z' }, [
        finding({ title: 'CVE-2024-0727 - openssl', severity: 'medium', fixAvailable: false }),
        finding({
          title: 'CVE-2024-6387 - openssh',
          severity: 'critical',
          score: 9.8,
          fixAvailable: true,
          paths: ['/usr/sbin/sshd'],
          firstObservedAt: '2024-12-03T00:00:00Z',
        }),
      ]);
      assert.match(text, /2 findings: 1 critical, 1 medium; a fix is available for 1\./);
      const rows = text.split('\n').filter((l) => l.startsWith('| ') && /CVE/.test(l));
      assert.deepEqual(rows, [
        '| critical | CVE-2024-6387 | openssh | /usr/sbin/sshd | 9.8 | yes | 2024-12-03 00:00 UTC |',
        '| medium | CVE-2024-0727 | openssl | — | — | no | — |',
      ]);
    });

    it('keeps EC2 text from breaking the table or adding markup', () => {
      const text = findingsMarkdown({ ...image, findingScanDate: '2024-12-05T06:00:00Z' }, [
        finding({ title: 'weird | <b>title</b>\nsecond line', severity: 'low' }),
      ]);
      assert.match(text, /weird \\\| \\<b\\>title\\<\/b\\> second line/);
    });

    it('sorts by severity, then score, and splits titles', () => {
      const sorted = sortFindings([
        finding({ title: 'b', severity: 'high', score: 7 }),
        finding({ title: 'a', severity: 'low' }),
        finding({ title: 'c', severity: 'high', score: 8 }),
        finding({ title: 'd', severity: 'CRITICAL' }),
      ]);
      assert.deepEqual(
        sorted.map((f) => f.title),
        ['d', 'c', 'b', 'a'],
      );
      assert.deepEqual(splitFindingTitle('CVE-1 - pkg'), {
        vulnerability: 'CVE-1',
        packageName: 'pkg',
      });
      assert.deepEqual(splitFindingTitle('just a title'), { vulnerability: 'just a title' });
    });
  });

  describe('usage', () => {
    const image = makeAmi({ imageId: 'ami-0000000000000000c', region: 'eu-west-1', name: 'app' });
    const lt = 'arn:aws:ec2:eu-west-1:111111111111:launch-template/lt-0a1b2c3d4e5f60001';
    const ssm = 'arn:aws:ssm:eu-west-1:111111111111:parameter/golden/app/latest';

    it('names the resource of an ARN', () => {
      assert.equal(resourceNameOf(lt), 'lt-0a1b2c3d4e5f60001');
      assert.equal(resourceNameOf(ssm), '/golden/app/latest');
      assert.equal(
        resourceNameOf('arn:aws:imagebuilder:eu-west-1:1:image-recipe/app/1.0.0'),
        'app/1.0.0',
      );
    });

    it('groups references by kind and says when an AMI is not shared', () => {
      const text = usageMarkdown(
        image,
        [
          { imageId: image.imageId, resourceType: 'ssm:Parameter', arn: ssm },
          { imageId: image.imageId, resourceType: 'ec2:LaunchTemplate', arn: lt },
        ],
        { kind: 'not-shared' },
      );
      assert.match(text, /2 resources reference it/);
      assert.ok(text.indexOf('### Launch templates (1)') < text.indexOf('### SSM parameters (1)'));
      assert.match(text, /\| lt-0a1b2c3d4e5f60001 \| arn:aws:ec2:/);
      assert.match(text, /Not shared: its launch permissions are empty/);
    });

    it('says nothing references it, and lists the accounts of an available report', () => {
      const report = {
        reportId: 'amiur-1',
        imageId: image.imageId,
        state: 'available',
        resourceTypes: ['ec2:Instance', 'ec2:LaunchTemplate'],
        accountIds: [],
      };
      const text = usageMarkdown(image, [], {
        kind: 'report',
        report,
        entries: [
          {
            reportId: 'amiur-1',
            imageId: image.imageId,
            accountId: '222222222222',
            resourceType: 'ec2:LaunchTemplate',
            usageCount: 1,
          },
          {
            reportId: 'amiur-1',
            imageId: image.imageId,
            accountId: '222222222222',
            resourceType: 'ec2:Instance',
            usageCount: 3,
          },
        ],
      });
      assert.match(text, /Nothing in this account references it/);
      assert.match(text, /1 account uses it\./);
      const rows = text.split('\n').filter((l) => l.startsWith('| 2222'));
      assert.deepEqual(rows, [
        '| 222222222222 | instances | 3 |',
        '| 222222222222 | launch templates | 1 |',
      ]);
    });

    it('says a report is pending, failed, empty or gone', () => {
      const base = {
        reportId: 'amiur-1',
        imageId: image.imageId,
        resourceTypes: ['ec2:Instance'],
        accountIds: [],
      };
      const of = (state: string, stateReason?: string): string =>
        usageMarkdown(image, [], {
          kind: 'report',
          report: { ...base, state, ...(stateReason ? { stateReason } : {}) },
          entries: [],
        });
      assert.match(of('pending'), /still preparing this report/);
      assert.match(of('error', 'boom'), /could not make this report \(error\): boom/);
      assert.match(of('available'), /No other account uses it/);
      assert.match(
        usageMarkdown(image, [], { kind: 'report-gone', reportId: 'amiur-1' }),
        /amiur-1 is no longer there/,
      );
    });
  });
});
