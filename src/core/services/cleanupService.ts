import type { Images } from '../aws/images';
import type { Clock } from '../aws/requestRate';
import { EC2_MUTATING_LIMITS, TokenBucket, systemClock } from '../aws/requestRate';
import type { Ami } from '../model/ami';
import type { CleanupPlan, CleanupRules, ReferenceCheck, SharingCheck } from '../model/cleanupPlan';
import { planCleanup } from '../model/cleanupPlan';
import type { DeregisterOutcome, DeregisterPlan } from '../model/deregisterPlan';
import { errorSentence } from '../model/errorSentence';
import { CancelledError, isCancellation, throwIfAborted } from '../model/errors';
import { LIST_PAGE_SIZE } from '../model/scope';
import type { DeregisterImageService } from './deregisterImageService';
import * as l10n from '@vscode/l10n';

/** AMIs per execution batch: well inside the mutating bucket (an AMI may take two calls). */
export const CLEANUP_BATCH_SIZE = 20;

/** Launch permissions read at once per region (DescribeImageAttribute takes one image). */
const SHARING_READS_AT_ONCE = 5;

/** A region that could not be listed, and why. */
export interface RegionFailure {
  region: string;
  error: string;
}

/** A plan, with the regions it could not look at. */
export interface RegionalCleanupPlan extends CleanupPlan {
  regions: string[];
  failedRegions: RegionFailure[];
}

/** What a plan is made from, besides the regions. */
export interface CleanupRequest {
  rules: CleanupRules;
  familyOf: (ami: Ami) => string | undefined;
  pricePerGbMonth: number;
  now: Date;
}

/**
 * Plans a cleanup from what EC2 says: the account's own AMIs in each region (one listing, 1,000
 * per page, deprecated and disabled included), then — only for the AMIs the rules would choose —
 * DescribeImageReferences (10 ids per request, EC2's maximum) and, unless shared AMIs are
 * included, their launch permissions (DescribeImageAttribute, one per AMI: EC2 has no batch form).
 * Carries plans out in batches paced by EC2's mutating-call bucket.
 */
export class CleanupService {
  constructor(
    private readonly images: Pick<Images, 'pages' | 'references' | 'launchPermissions'>,
    /** The caller's account, when known (else the owner of the AMIs listed with Owners=self). */
    private readonly accountId: () => string | undefined,
    private readonly clock: Clock = systemClock,
  ) {}

  async plan(
    regions: readonly string[],
    request: CleanupRequest,
    signal?: AbortSignal,
  ): Promise<RegionalCleanupPlan> {
    const failedRegions: RegionFailure[] = [];
    const listed = await Promise.all(
      regions.map(async (region) => {
        try {
          const out: Ami[] = [];
          for await (const page of this.images.pages(
            region,
            {
              Owners: ['self'],
              IncludeDeprecated: true,
              IncludeDisabled: true,
              MaxResults: LIST_PAGE_SIZE,
            },
            signal,
          ))
            out.push(...page);
          return out;
        } catch (error) {
          if (isCancellation(error)) throw error;
          failedRegions.push({ region, error: errorSentence(error) });
          return [];
        }
      }),
    );
    throwIfAborted(signal);
    const amis = listed.flat();
    const accountId = this.accountId() ?? amis.find((a) => a.ownerId)?.ownerId;
    const references = new Map<string, ReferenceCheck>();
    const sharing = new Map<string, SharingCheck>();
    const input = {
      amis,
      familyOf: request.familyOf,
      references,
      sharing,
      ...(accountId ? { accountId } : {}),
      rules: request.rules,
      pricePerGbMonth: request.pricePerGbMonth,
      now: request.now,
    };
    const first = planCleanup(input);
    await Promise.all(
      regions.map(async (region) => {
        const here = first.unchecked.filter((u) => u.region === region);
        const forReferences = here.filter((u) => u.needs.includes('references'));
        const forSharing = here.filter((u) => u.needs.includes('sharing'));
        await Promise.all([
          this.readReferences(
            region,
            forReferences.map((u) => u.imageId),
            references,
            signal,
          ),
          this.readSharing(
            region,
            forSharing.map((u) => u.imageId),
            sharing,
            signal,
          ),
        ]);
      }),
    );
    throwIfAborted(signal);
    return { ...planCleanup(input), regions: [...regions], failedRegions };
  }

  private async readReferences(
    region: string,
    imageIds: string[],
    into: Map<string, ReferenceCheck>,
    signal?: AbortSignal,
  ): Promise<void> {
    if (imageIds.length === 0) return;
    try {
      const found = await this.images.references(region, imageIds, signal);
      for (const id of imageIds) into.set(id, { known: true, references: found.get(id) ?? [] });
    } catch (error) {
      if (isCancellation(error)) throw error;
      const reason = errorSentence(error);
      for (const id of imageIds) into.set(id, { known: false, reason });
    }
  }

  private async readSharing(
    region: string,
    imageIds: string[],
    into: Map<string, SharingCheck>,
    signal?: AbortSignal,
  ): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < imageIds.length) {
        const id = imageIds[next++];
        if (id === undefined) return;
        try {
          const permissions = await this.images.launchPermissions(region, id, signal);
          into.set(id, { known: true, permissions });
        } catch (error) {
          if (isCancellation(error)) throw error;
          into.set(id, { known: false, reason: errorSentence(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: SHARING_READS_AT_ONCE }, worker));
  }

  /**
   * Runs a deregister plan in batches of `CLEANUP_BATCH_SIZE` AMIs, each waiting for tokens of a
   * per-region bucket the size of EC2's mutating-call bucket (one per call the batch will make),
   * so a cleanup of hundreds of AMIs never runs into RequestLimitExceeded. Returns one outcome per
   * decision; AMIs not started when the signal fired are `cancelled`.
   */
  async execute(
    deregister: Pick<DeregisterImageService, 'execute'>,
    plan: DeregisterPlan,
    signal?: AbortSignal,
    onOutcome?: (index: number, outcome: DeregisterOutcome) => void,
    onBatch?: (batch: number, of: number) => void,
  ): Promise<DeregisterOutcome[]> {
    const buckets = new Map<string, TokenBucket>();
    const outcomes: DeregisterOutcome[] = [];
    const batches = Math.ceil(plan.decisions.length / CLEANUP_BATCH_SIZE);
    for (let b = 0; b < batches; b++) {
      const start = b * CLEANUP_BATCH_SIZE;
      const decisions = plan.decisions.slice(start, start + CLEANUP_BATCH_SIZE);
      onBatch?.(b + 1, batches);
      try {
        for (const d of decisions) {
          if (d.action === 'skip') continue;
          const region = d.facts.image.region;
          let bucket = buckets.get(region);
          if (!bucket) {
            bucket = new TokenBucket(EC2_MUTATING_LIMITS, this.clock);
            buckets.set(region, bucket);
          }
          const calls = d.disableProtectionFirst ? 2 : 1;
          for (let i = 0; i < calls; i++) await bucket.take(signal);
        }
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
      }
      if (signal?.aborted) break;
      const done = await deregister.execute(
        { decisions, options: plan.options },
        signal,
        (index, outcome) => onOutcome?.(start + index, outcome),
      );
      outcomes.push(...done);
    }
    for (let i = outcomes.length; i < plan.decisions.length; i++) {
      const d = plan.decisions[i];
      const outcome: DeregisterOutcome =
        d?.action === 'skip'
          ? { kind: 'skipped', reason: d.reason ?? l10n.t('skipped') }
          : { kind: 'cancelled' };
      outcomes.push(outcome);
      onOutcome?.(i, outcome);
    }
    return outcomes;
  }
}
