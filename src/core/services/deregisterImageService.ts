import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Instances } from '../aws/instances';
import type { Snapshots } from '../aws/snapshots';
import type { Ami } from '../model/ami';
import type {
  DeregisterFacts,
  DeregisterOutcome,
  DeregisterPlan,
  SnapshotFact,
  UsageFact,
} from '../model/deregisterPlan';
import { AwsApiError, isCancellation, throwIfAborted } from '../model/errors';

/** Codes meaning DescribeImageReferences cannot be used here; DescribeInstances answers instead. */
const REFERENCES_UNAVAILABLE = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidAction',
  'UnsupportedOperation',
  'NotImplemented',
]);

/** Where an AMI to deregister is. */
export interface ImageRef {
  region: string;
  imageId: string;
}

/** Finds out what deregistering AMIs would touch, then deregisters them as planned. */
export class DeregisterImageService {
  constructor(
    private readonly images: Pick<
      Images,
      | 'byId'
      | 'instanceReferences'
      | 'ownUsingSnapshots'
      | 'deregister'
      | 'disableDeregistrationProtection'
    >,
    private readonly instances: Pick<Instances, 'launchedFrom'>,
    private readonly snapshots: Pick<Snapshots, 'byId'>,
  ) {}

  /**
   * For each AMI (in the given order): its current record, whether instances use it, its
   * protection, its snapshots with sizes and the other AMIs sharing them. Regions are asked in
   * parallel; a region that fails marks its AMIs with the error instead of failing the rest.
   */
  async gatherFacts(
    targets: readonly ImageRef[],
    signal?: AbortSignal,
  ): Promise<DeregisterFacts[]> {
    const regions = [...new Set(targets.map((t) => t.region))];
    const byRegion = new Map<string, Map<string, DeregisterFacts>>();
    await Promise.all(
      regions.map(async (region) => {
        const ids = targets.filter((t) => t.region === region).map((t) => t.imageId);
        byRegion.set(region, await this.regionFacts(region, ids, signal));
      }),
    );
    throwIfAborted(signal);
    return targets.map(
      (t) =>
        byRegion.get(t.region)?.get(t.imageId) ?? {
          image: unknownImage(t),
          usage: { known: false, reason: 'not inspected' },
          snapshots: [],
          error: 'not inspected',
        },
    );
  }

  private async regionFacts(
    region: string,
    imageIds: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, DeregisterFacts>> {
    const result = new Map<string, DeregisterFacts>();
    let images: Ami[];
    try {
      images = await this.images.byId(region, imageIds, signal);
    } catch (error) {
      if (isCancellation(error)) throw error;
      for (const imageId of imageIds) {
        result.set(imageId, {
          image: unknownImage({ region, imageId }),
          usage: { known: false, reason: 'not inspected' },
          snapshots: [],
          error: errorSentence(error),
        });
      }
      return result;
    }
    const found = new Map(images.map((i) => [i.imageId, i]));
    const present = imageIds.filter((id) => found.has(id));
    const usage = await this.usage(region, present, signal);
    const snapshotIds = [
      ...new Set(images.flatMap((i) => i.blockDevices.flatMap((d) => d.ebs?.snapshotId ?? []))),
    ];
    const [snapshots, users] = await Promise.all([
      this.snapshots.byId(region, snapshotIds, 'omit', signal).catch((error: unknown) => {
        if (isCancellation(error)) throw error;
        return undefined;
      }),
      this.images.ownUsingSnapshots(region, snapshotIds, signal).catch((error: unknown) => {
        if (isCancellation(error)) throw error;
        return undefined;
      }),
    ]);
    const snapshotInfo = new Map((snapshots ?? []).map((s) => [s.snapshotId, s]));
    for (const imageId of imageIds) {
      const image = found.get(imageId);
      if (!image) {
        result.set(imageId, {
          image: unknownImage({ region, imageId }),
          usage: { known: false, reason: 'not inspected' },
          snapshots: [],
          error: `not found in ${region} (already deregistered?)`,
        });
        continue;
      }
      const facts: SnapshotFact[] = image.blockDevices.flatMap((d) => {
        const snapshotId = d.ebs?.snapshotId;
        if (!snapshotId) return [];
        const info = snapshotInfo.get(snapshotId);
        const size = info?.volumeSizeGiB ?? d.ebs?.volumeSize;
        const encrypted = info?.encrypted ?? d.ebs?.encrypted;
        return [
          {
            snapshotId,
            deviceName: d.deviceName,
            ...(size !== undefined ? { sizeGiB: size } : {}),
            ...(encrypted !== undefined ? { encrypted } : {}),
            // Unknown when DescribeSnapshots failed: let EC2 decide rather than promise to keep it.
            found: snapshots === undefined || info !== undefined,
            ...(info?.ownerId !== undefined ? { ownerId: info.ownerId } : {}),
            usedBy: (users ?? [])
              .filter(
                (u) =>
                  u.imageId !== imageId &&
                  u.blockDevices.some((b) => b.ebs?.snapshotId === snapshotId),
              )
              .map((u) => u.imageId),
          },
        ];
      });
      result.set(imageId, {
        image,
        usage: usage.get(imageId) ?? { known: false, reason: 'not inspected' },
        snapshots: facts,
      });
    }
    return result;
  }

  /** DescribeImageReferences, or DescribeInstances (image-id filter) when that is not available. */
  private async usage(
    region: string,
    imageIds: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, UsageFact>> {
    const out = new Map<string, UsageFact>();
    if (imageIds.length === 0) return out;
    let referencesProblem: string;
    try {
      const refs = await this.images.instanceReferences(region, imageIds, signal);
      for (const id of imageIds)
        out.set(id, {
          known: true,
          instanceIds: refs.get(id) ?? [],
          source: 'DescribeImageReferences',
        });
      return out;
    } catch (error) {
      if (isCancellation(error)) throw error;
      if (!(error instanceof AwsApiError && REFERENCES_UNAVAILABLE.has(error.code))) {
        for (const id of imageIds) out.set(id, { known: false, reason: errorSentence(error) });
        return out;
      }
      referencesProblem = errorSentence(error);
    }
    try {
      const instances = await this.instances.launchedFrom(region, imageIds, signal);
      for (const id of imageIds)
        out.set(id, {
          known: true,
          instanceIds: instances.get(id) ?? [],
          source: 'DescribeInstances',
        });
    } catch (error) {
      if (isCancellation(error)) throw error;
      for (const id of imageIds)
        out.set(id, {
          known: false,
          reason: `${referencesProblem} ${errorSentence(error)}`,
        });
    }
    return out;
  }

  /**
   * Carries the plan out, AMI by AMI in plan order (a snapshot shared within the action goes
   * with the last AMI using it). Stops starting new AMIs when the signal fires; what is left is
   * reported as cancelled.
   */
  async execute(
    plan: DeregisterPlan,
    signal?: AbortSignal,
    onOutcome?: (index: number, outcome: DeregisterOutcome) => void,
  ): Promise<DeregisterOutcome[]> {
    const outcomes: DeregisterOutcome[] = [];
    for (const [index, decision] of plan.decisions.entries()) {
      const outcome = await this.executeOne(decision, plan.options.deleteSnapshots, signal);
      outcomes.push(outcome);
      onOutcome?.(index, outcome);
    }
    return outcomes;
  }

  private async executeOne(
    decision: DeregisterPlan['decisions'][number],
    deleteSnapshots: boolean,
    signal?: AbortSignal,
  ): Promise<DeregisterOutcome> {
    const { region, imageId } = decision.facts.image;
    if (decision.action === 'skip')
      return { kind: 'skipped', reason: decision.reason ?? 'skipped' };
    if (signal?.aborted) return { kind: 'cancelled' };
    let protectionDisabled = false;
    if (decision.disableProtectionFirst) {
      try {
        await this.images.disableDeregistrationProtection(region, imageId, signal);
        protectionDisabled = true;
      } catch (error) {
        if (isCancellation(error)) return { kind: 'cancelled' };
        return {
          kind: 'failed',
          step: 'disable-protection',
          error: errorSentence(error),
          protectionDisabled,
        };
      }
    }
    if (decision.action === 'disable-protection-only') {
      // EC2 answers with the state (e.g. disabled-until-…) only on describe; ask once, best effort.
      const [image] = await this.images.byId(region, [imageId], signal).catch(() => [] as Ami[]);
      return {
        kind: 'protection-disabled',
        ...(image?.deregistrationProtection ? { protection: image.deregistrationProtection } : {}),
      };
    }
    try {
      const snapshotResults = await this.images.deregister(
        region,
        imageId,
        { deleteSnapshots },
        signal,
      );
      return { kind: 'deregistered', protectionDisabled, snapshotResults };
    } catch (error) {
      if (isCancellation(error) && !protectionDisabled) return { kind: 'cancelled' };
      return {
        kind: 'failed',
        step: 'deregister',
        error: errorSentence(error),
        protectionDisabled,
      };
    }
  }
}

function unknownImage(t: ImageRef): DeregisterFacts['image'] {
  return {
    imageId: t.imageId,
    region: t.region,
    state: 'unknown',
    rootDeviceType: 'ebs',
    blockDevices: [],
  };
}
