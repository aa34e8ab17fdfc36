import type { ImageRecord } from './imageRecord';
import type { SnapshotRecord } from './snapshotRecord';

/** Allowed AMIs state per account and region (EC2's default is `disabled`). */
export type AllowedImagesState = 'disabled' | 'enabled' | 'audit-mode';

/** One ImageCriterion of the Allowed AMIs settings (the parts the emulator evaluates). */
export interface ImageCriterionRecord {
  readonly imageProviders?: readonly string[];
  readonly marketplaceProductCodes?: readonly string[];
  readonly imageNames?: readonly string[];
  readonly maximumDaysSinceCreated?: number;
  readonly maximumDaysSinceDeprecated?: number;
}

/** The Allowed AMIs settings of an account in a region. */
export interface AllowedImagesSettings {
  state: AllowedImagesState;
  criteria: ImageCriterionRecord[];
}

/** Snapshot block public access state (read-only in the emulator; seeds may set it). */
export type SnapshotBlockPublicAccessState =
  'unblocked' | 'block-new-sharing' | 'block-all-sharing';

/** A Recycle Bin retention rule (the `rbin` service's rule, reduced to what EC2 consults). */
export interface RetentionRuleRecord {
  readonly identifier: string;
  readonly resourceType: 'EC2_IMAGE' | 'EBS_SNAPSHOT';
  readonly retentionDays: number;
  readonly description?: string;
}

/** A deregistered image kept by a retention rule. */
export interface RecycledImage {
  readonly image: ImageRecord;
  readonly enteredAt: number;
  readonly exitAt: number;
}

/** A deleted snapshot kept by a retention rule. */
export interface RecycledSnapshot {
  readonly snapshot: SnapshotRecord;
  readonly enteredAt: number;
  readonly exitAt: number;
}

/** One Amazon Inspector finding for an image (GetImageFindings). */
export interface ImageFindingRecord {
  readonly title: string;
  readonly severity: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  readonly score: number;
  readonly fixAvailable: boolean;
  readonly firstObservedAt: number;
  readonly updatedAt: number;
  readonly paths: readonly string[];
  readonly snapshotId?: string;
}

/** How another account uses an image (what an image usage report counts). */
export interface ImageUsageRecord {
  readonly accountId: string;
  readonly resourceType: 'ec2:Instance' | 'ec2:LaunchTemplate';
  readonly count: number;
}

/** A reference to an image from a resource the emulator does not model as an API resource. */
export interface ImageReferenceRecord {
  readonly imageId: string;
  readonly region: string;
  readonly ownerId: string;
  readonly resourceType:
    | 'ec2:LaunchTemplate'
    | 'ssm:Parameter'
    | 'imagebuilder:ImageRecipe'
    | 'imagebuilder:ContainerRecipe';
  readonly arn: string;
}

/** An image usage report (CreateImageUsageReport). */
export interface ImageUsageReportRecord {
  readonly reportId: string;
  readonly region: string;
  readonly ownerId: string;
  readonly imageId: string;
  readonly resourceTypes: readonly {
    readonly resourceType: string;
    readonly options: readonly { readonly name: string; readonly values: readonly string[] }[];
  }[];
  readonly accountIds: readonly string[];
  readonly createdAt: number;
  /** When the report leaves `pending`. */
  readonly readyAt: number;
  /** The entries, computed when the report was requested. */
  readonly entries: readonly ImageUsageRecord[];
  readonly tags: Map<string, string>;
  readonly clientToken?: string;
}

/** EC2 deletes an image usage report 30 days after it was created. */
export const usageReportLifetimeMs = 30 * 24 * 60 * 60 * 1000;

const dayMs = 24 * 60 * 60 * 1000;

/** Glob match for Allowed AMIs image names (`*` and `?`). */
function nameMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/**
 * Whether one criterion allows the image: every parameter the criterion sets must match (AND);
 * values within a parameter are alternatives (OR).
 */
export function criterionAllows(
  criterion: ImageCriterionRecord,
  image: ImageRecord,
  ownerAlias: string | undefined,
  me: string,
  now: number,
): boolean {
  const providers = criterion.imageProviders;
  if (providers && providers.length > 0) {
    const ok = providers.some((p) =>
      p === 'none'
        ? image.ownerId === me
        : /^\d{12}$/.test(p)
          ? image.ownerId === p
          : ownerAlias === p,
    );
    if (!ok) {
      return false;
    }
  }
  const codes = criterion.marketplaceProductCodes;
  if (codes && codes.length > 0 && !image.productCodes.some((c) => codes.includes(c.id))) {
    return false;
  }
  const names = criterion.imageNames;
  if (names && names.length > 0 && !names.some((n) => nameMatches(n, image.name))) {
    return false;
  }
  if (
    criterion.maximumDaysSinceCreated !== undefined &&
    now - image.createdAt > criterion.maximumDaysSinceCreated * dayMs
  ) {
    return false;
  }
  if (
    criterion.maximumDaysSinceDeprecated !== undefined &&
    image.deprecateAt !== undefined &&
    image.deprecateAt <= now &&
    now - image.deprecateAt > criterion.maximumDaysSinceDeprecated * dayMs
  ) {
    return false;
  }
  return true;
}

/**
 * ImageAllowed as DescribeImages reports it: undefined while Allowed AMIs is disabled; otherwise
 * true for the caller's own images (Allowed AMIs never restricts them) and for images at least one
 * criterion allows.
 */
export function imageAllowedFor(
  settings: AllowedImagesSettings,
  image: ImageRecord,
  ownerAlias: string | undefined,
  me: string,
  now: number,
): boolean | undefined {
  if (settings.state === 'disabled') {
    return undefined;
  }
  if (image.ownerId === me) {
    return true;
  }
  return settings.criteria.some((c) => criterionAllows(c, image, ownerAlias, me, now));
}
