import type { Images } from '../aws/images';
import { errorSentence } from '../model/errorSentence';
import type { Instances } from '../aws/instances';
import type { Snapshots } from '../aws/snapshots';
import type { Ami } from '../model/ami';
import type {
  AmiDecision,
  DeregisterFacts,
  DeregisterOutcome,
  DeregisterPlan,
  SnapshotFact,
  SnapshotReread,
  UsageFact,
} from '../model/deregisterPlan';
import { parseProtection } from '../model/deregisterPlan';
import { AwsApiError, isCancellation, throwIfAborted } from '../model/errors';
import type { RereadOptions, Settled } from './rereadOutcome';
import { settle, whyUnknown } from './rereadOutcome';
import * as l10n from '@vscode/l10n';

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
    /** How re-reads after an unknown outcome wait (tests make them immediate). */
    private readonly reread: RereadOptions = {},
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
          usage: { known: false, reason: l10n.t('not inspected') },
          snapshots: [],
          error: l10n.t('not inspected'),
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
          usage: { known: false, reason: l10n.t('not inspected') },
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
          usage: { known: false, reason: l10n.t('not inspected') },
          snapshots: [],
          error: l10n.t('not found in {0} (already deregistered?)', region),
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
        usage: usage.get(imageId) ?? { known: false, reason: l10n.t('not inspected') },
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
   * reported as cancelled. A step whose outcome is unknown (lost answer, cancel while it was under
   * way) is settled by re-reading EC2 (`settle`), and planned snapshot deletions EC2's answer does
   * not mention are re-read too.
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
    decision: AmiDecision,
    deleteSnapshots: boolean,
    signal?: AbortSignal,
  ): Promise<DeregisterOutcome> {
    const { region, imageId } = decision.facts.image;
    if (decision.action === 'skip')
      return { kind: 'skipped', reason: decision.reason ?? l10n.t('skipped') };
    if (signal?.aborted) return { kind: 'cancelled' };
    let protectionDisabled = false;
    if (decision.disableProtectionFirst) {
      const step = 'disable-protection';
      const settled = await settle(
        () => this.images.disableDeregistrationProtection(region, imageId, signal),
        () => this.protectionOff(region, imageId),
        this.reread,
      );
      switch (settled.kind) {
        case 'answered':
        case 'confirmed':
          protectionDisabled = true;
          break;
        default:
          return notConfirmed(
            settled,
            step,
            l10n.t('a re-read still shows the protection on'),
            protectionDisabled,
          );
      }
    }
    if (decision.action === 'disable-protection-only') {
      // EC2 answers with the state (e.g. disabled-until-…) only on describe; ask once, best effort.
      const [image] = await this.images.byId(region, [imageId]).catch(() => [] as Ami[]);
      return {
        kind: 'protection-disabled',
        ...(image?.deregistrationProtection ? { protection: image.deregistrationProtection } : {}),
      };
    }
    if (signal?.aborted) return { kind: 'cancelled', protectionDisabled };
    const settled = await settle(
      () => this.images.deregister(region, imageId, { deleteSnapshots }, signal),
      () => this.gone(region, imageId),
      this.reread,
    );
    const step = 'deregister';
    switch (settled.kind) {
      case 'answered':
        return {
          kind: 'deregistered',
          protectionDisabled,
          snapshotResults: settled.value,
          snapshotRereads: await this.rereadSnapshots(
            region,
            decision.snapshotsToDelete
              .map((s) => s.snapshotId)
              .filter((id) => !settled.value.some((r) => r.snapshotId === id)),
          ),
        };
      case 'confirmed':
        return {
          kind: 'deregistered',
          protectionDisabled,
          snapshotResults: [],
          confirmedByRereading: whyUnknown(settled.error),
          snapshotRereads: await this.rereadSnapshots(
            region,
            decision.snapshotsToDelete.map((s) => s.snapshotId),
          ),
        };
      default:
        return notConfirmed(
          settled,
          step,
          l10n.t(
            'a re-read still shows it registered, but EC2 may still deregister it: refresh the region to check',
          ),
          protectionDisabled,
        );
    }
  }

  /** `true` when EC2 no longer describes the AMI as registered; `undefined` when it does. */
  private async gone(region: string, imageId: string): Promise<true | undefined> {
    const [image] = await this.images.byId(region, [imageId]);
    return !image || image.state === 'deregistered' ? true : undefined;
  }

  /** `true` when EC2 describes the AMI's deregistration protection as no longer on. */
  private async protectionOff(region: string, imageId: string): Promise<true | undefined> {
    const [image] = await this.images.byId(region, [imageId]);
    return image && parseProtection(image.deregistrationProtection, new Date()).kind !== 'on'
      ? true
      : undefined;
  }

  /** What DescribeSnapshots now shows of these snapshots (not cancellable: it is the report). */
  private async rereadSnapshots(
    region: string,
    snapshotIds: readonly string[],
  ): Promise<SnapshotReread[]> {
    if (snapshotIds.length === 0) return [];
    try {
      const present = new Set(
        (await this.snapshots.byId(region, snapshotIds, 'omit')).map((s) => s.snapshotId),
      );
      return snapshotIds.map((snapshotId) => ({
        snapshotId,
        state: present.has(snapshotId) ? 'exists' : 'deleted',
      }));
    } catch (error) {
      return snapshotIds.map((snapshotId) => ({
        snapshotId,
        state: 'unknown',
        error: errorSentence(error),
      }));
    }
  }
}

/**
 * A step EC2 did not confirm: refused (cancelled, when that was a cancel before it was sent), or
 * unknown, with what the re-read saw (`notSeen`) or that EC2 could not be re-read.
 */
function notConfirmed(
  settled: Exclude<Settled<unknown, unknown>, { kind: 'answered' | 'confirmed' }>,
  step: 'disable-protection' | 'deregister',
  notSeen: string,
  protectionDisabled: boolean,
): DeregisterOutcome {
  switch (settled.kind) {
    case 'refused':
      if (!isCancellation(settled.error))
        return { kind: 'failed', step, error: errorSentence(settled.error), protectionDisabled };
      // Cancelled before DeregisterImage was sent says whether the protection was disabled first.
      return step === 'deregister'
        ? { kind: 'cancelled', protectionDisabled }
        : { kind: 'cancelled' };
    case 'not-seen':
      return {
        kind: 'unknown',
        step,
        why: whyUnknown(settled.error),
        seen: notSeen,
        protectionDisabled,
      };
    case 'unknown':
      return {
        kind: 'unknown',
        step,
        why: whyUnknown(settled.error),
        seen: couldNotReread(settled.rereadError),
        protectionDisabled,
      };
  }
}

function couldNotReread(error: unknown): string {
  return l10n.t(
    'EC2 could not be re-read either ("{0}"): refresh the region to check',
    errorSentence(error),
  );
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
