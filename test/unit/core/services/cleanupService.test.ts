import assert from 'node:assert/strict';
import type { Ami, LaunchPermission } from '../../../../src/core/model/ami';
import type { ImageReferenceFact } from '../../../../src/core/model/cleanupPlan';
import { DEFAULT_CLEANUP_RULES } from '../../../../src/core/model/cleanupPlan';
import type {
  AmiDecision,
  DeregisterOutcome,
  DeregisterPlan,
} from '../../../../src/core/model/deregisterPlan';
import { AwsApiError } from '../../../../src/core/model/errors';
import { familyPattern } from '../../../../src/core/model/imageFamily';
import type { DescribeImagesParams } from '../../../../src/core/model/scope';
import { CLEANUP_BATCH_SIZE, CleanupService } from '../../../../src/core/services/cleanupService';
import { FakeClock } from '../../helpers/fakeClock';
import { makeAmi } from '../../helpers/fixtures';

const NOW = new Date('2026-11-30T12:00:00Z');
const ME = '111111111111';

function version(region: string, n: number): Ami {
  return makeAmi({
    imageId: `ami-${region === 'us-east-1' ? 'a' : 'b'}${String(n).padStart(16, '0')}`,
    region,
    name: `web-1.0.${n}`,
    ownerId: ME,
    creationDate: new Date(NOW.getTime() - (100 - n) * 86_400_000).toISOString(),
  });
}

/** A fake of the EC2 image module that records what it was asked. */
class FakeImages {
  readonly calls: string[] = [];
  constructor(
    private readonly byRegion: Record<string, Ami[] | Error>,
    private readonly refs: Record<string, ImageReferenceFact[]> = {},
    private readonly shared: Record<string, LaunchPermission[]> = {},
  ) {}

  // eslint-disable-next-line @typescript-eslint/require-await
  async *pages(region: string, params: DescribeImagesParams): AsyncGenerator<Ami[]> {
    this.calls.push(
      `DescribeImages ${region} ${JSON.stringify(params.Owners)} deprecated=${String(params.IncludeDeprecated)} disabled=${String(params.IncludeDisabled)}`,
    );
    const amis = this.byRegion[region];
    if (amis instanceof Error) throw amis;
    yield amis ?? [];
  }

  references(region: string, ids: readonly string[]): Promise<Map<string, ImageReferenceFact[]>> {
    this.calls.push(`DescribeImageReferences ${region} ${ids.length}`);
    return Promise.resolve(new Map(ids.map((id) => [id, this.refs[id] ?? []])));
  }

  launchPermissions(region: string, id: string): Promise<LaunchPermission[]> {
    this.calls.push(`DescribeImageAttribute ${region} ${id}`);
    return Promise.resolve(this.shared[id] ?? []);
  }
}

const request = {
  rules: DEFAULT_CLEANUP_RULES,
  familyOf: (ami: Ami) => (ami.name ? familyPattern(ami.name) : undefined),
  pricePerGbMonth: 0.05,
  now: NOW,
};

describe('core/services/cleanupService', () => {
  it('lists each region once, then checks references and sharing only for AMIs the rules chose', async () => {
    const east = [1, 2, 3, 4, 5].map((n) => version('us-east-1', n));
    const west = [1, 2].map((n) => version('eu-west-1', n));
    const images = new FakeImages(
      { 'us-east-1': east, 'eu-west-1': west },
      {
        [east[0]?.imageId ?? '']: [
          { resourceType: 'ec2:Instance', arn: 'arn:aws:ec2:us-east-1:1:instance/i-1' },
        ],
      },
      { [east[1]?.imageId ?? '']: [{ userId: '222222222222' }] },
    );
    const service = new CleanupService(images, () => ME);
    const plan = await service.plan(['us-east-1', 'eu-west-1'], request);
    assert.deepEqual(images.calls.filter((c) => c.startsWith('DescribeImages ')).sort(), [
      'DescribeImages eu-west-1 ["self"] deprecated=true disabled=true',
      'DescribeImages us-east-1 ["self"] deprecated=true disabled=true',
    ]);
    // Only the two beyond the newest 3 in us-east-1 were checked; eu-west-1 keeps both.
    assert.deepEqual(images.calls.filter((c) => !c.startsWith('DescribeImages ')).sort(), [
      `DescribeImageAttribute us-east-1 ${east[0]?.imageId ?? ''}`,
      `DescribeImageAttribute us-east-1 ${east[1]?.imageId ?? ''}`,
      'DescribeImageReferences us-east-1 2',
    ]);
    assert.deepEqual(plan.candidates, []);
    assert.deepEqual(
      plan.refused
        .filter((r) => r.refusals[0]?.kind !== 'newest')
        .map((r) => [r.ami.name, r.refusals[0]?.kind]),
      [
        ['web-1.0.1', 'referenced'],
        ['web-1.0.2', 'shared'],
      ],
    );
    assert.deepEqual(plan.failedRegions, []);
  });

  it('a region that cannot be listed is reported; the others are planned', async () => {
    const east = [1, 2, 3, 4].map((n) => version('us-east-1', n));
    const images = new FakeImages({
      'us-east-1': east,
      'eu-west-1': new AwsApiError(
        'AuthFailure',
        'AWS could not validate these credentials in eu-west-1.',
        { region: 'eu-west-1', action: 'DescribeImages' },
        {},
      ),
    });
    const service = new CleanupService(images, () => undefined);
    const plan = await service.plan(['us-east-1', 'eu-west-1'], request);
    assert.deepEqual(
      plan.candidates.map((c) => c.ami.name),
      ['web-1.0.1'],
    );
    assert.equal(plan.failedRegions[0]?.region, 'eu-west-1');
    assert.match(plan.failedRegions[0]?.error ?? '', /could not validate/);
  });

  describe('execute', () => {
    const decision = (n: number): AmiDecision => ({
      facts: {
        image: { ...version('us-east-1', n) },
        usage: { known: true, instanceIds: [], source: 'DescribeImageReferences' },
        snapshots: [],
      },
      action: 'deregister',
      disableProtectionFirst: false,
      warnings: [],
      notes: [],
      needsSecondConfirmation: false,
      risks: [],
      snapshotsToDelete: [],
      snapshotsKept: [],
    });

    it('runs in batches paced by the mutating bucket: 50 calls at once, then 5 per second', async () => {
      const clock = new FakeClock();
      const plan: DeregisterPlan = {
        decisions: Array.from({ length: 60 }, (_, i) => decision(i + 1)),
        options: { deleteSnapshots: true, disableProtection: false },
      };
      const batches: number[] = [];
      const deregister = {
        execute: (
          p: DeregisterPlan,
          _signal?: AbortSignal,
          onOutcome?: (index: number, outcome: DeregisterOutcome) => void,
        ): Promise<DeregisterOutcome[]> => {
          batches.push(p.decisions.length);
          const outcomes = p.decisions.map(() => ({
            kind: 'deregistered' as const,
            protectionDisabled: false,
            snapshotResults: [],
            snapshotRereads: [],
          }));
          outcomes.forEach((o, i) => onOutcome?.(i, o));
          return Promise.resolve(outcomes);
        },
      };
      const service = new CleanupService(new FakeImages({}), () => ME, clock);
      const seen: number[] = [];
      const running = service.execute(deregister, plan, undefined, (i) => seen.push(i));
      await new Promise((r) => setImmediate(r));
      // 50 tokens: two batches of 20 and half of the third have their tokens.
      assert.deepEqual(batches, [CLEANUP_BATCH_SIZE, CLEANUP_BATCH_SIZE]);
      await clock.advance(1000); // 5 more tokens
      assert.deepEqual(batches, [20, 20]);
      await clock.advance(1000);
      const outcomes = await running;
      assert.deepEqual(batches, [20, 20, 20]);
      assert.equal(outcomes.length, 60);
      assert.deepEqual(
        seen,
        Array.from({ length: 60 }, (_, i) => i),
      );
    });

    it('reports AMIs not started before a cancel as cancelled', async () => {
      const clock = new FakeClock();
      const plan: DeregisterPlan = {
        decisions: Array.from({ length: 60 }, (_, i) => decision(i + 1)),
        options: { deleteSnapshots: true, disableProtection: false },
      };
      const controller = new AbortController();
      const deregister = {
        execute: (p: DeregisterPlan): Promise<DeregisterOutcome[]> =>
          Promise.resolve(
            p.decisions.map(() => ({
              kind: 'deregistered' as const,
              protectionDisabled: false,
              snapshotResults: [],
              snapshotRereads: [],
            })),
          ),
      };
      const service = new CleanupService(new FakeImages({}), () => ME, clock);
      const running = service.execute(deregister, plan, controller.signal);
      await new Promise((r) => setImmediate(r));
      controller.abort();
      const outcomes = await running;
      assert.deepEqual(outcomes.map((o) => o.kind).filter((k) => k === 'deregistered').length, 40);
      assert.deepEqual(
        outcomes.slice(40).map((o) => o.kind),
        Array(20).fill('cancelled'),
      );
    });
  });
});
