// What EC2 tells about an AMI beyond its DescribeImages record (issue 13): lineage, findings,
// references and usage, the Recycle Bin, the account's guardrails and where instances came from.
// Plain data, mapped from the SDK in core/aws/mappers.ts.

/** One step of an AMI's lineage (GetImageAncestry), from the AMI asked about to the root. */
export interface AncestryEntry {
  imageId: string;
  /** ISO 8601. */
  creationDate?: string;
  ownerAlias?: string;
  /** The AMI this one was copied from, and its region; absent on the root. */
  sourceImageId?: string;
  sourceImageRegion?: string;
}

/** Amazon Inspector severity labels, lowest first. */
export const FINDING_SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number] | (string & {});

/** One Amazon Inspector finding for an AMI (GetImageFindings). */
export interface ImageFinding {
  /** E.g. `CVE-2024-6387 - openssh`. */
  title: string;
  severity?: FindingSeverity;
  score?: number;
  fixAvailable?: boolean;
  /** ISO 8601. */
  firstObservedAt?: string;
  /** ISO 8601. */
  updatedAt?: string;
  /** Files or packages the finding is about. */
  paths: string[];
  snapshotId?: string;
}

/** Resource types DescribeImageReferences knows. */
export type ImageReferenceType =
  | 'ec2:Instance'
  | 'ec2:LaunchTemplate'
  | 'ssm:Parameter'
  | 'imagebuilder:ImageRecipe'
  | 'imagebuilder:ContainerRecipe'
  | (string & {});

/** A resource in this account that references an AMI (DescribeImageReferences). */
export interface ImageReference {
  imageId: string;
  resourceType: ImageReferenceType;
  arn: string;
}

/** Resource types an image usage report can count. */
export type UsageResourceType = 'ec2:Instance' | 'ec2:LaunchTemplate' | (string & {});

/** An image usage report (CreateImageUsageReport / DescribeImageUsageReports). */
export interface ImageUsageReport {
  reportId: string;
  imageId: string;
  /** `pending`, `available` or `error`. */
  state: string;
  stateReason?: string;
  resourceTypes: UsageResourceType[];
  /** The accounts the report was limited to; empty = all accounts. */
  accountIds: string[];
  /** ISO 8601. */
  creationTime?: string;
  /** ISO 8601: EC2 deletes the report then (30 days after creation). */
  expirationTime?: string;
}

/** One line of an image usage report: how much one account uses the AMI through one resource type. */
export interface ImageUsageEntry {
  reportId: string;
  imageId: string;
  accountId: string;
  resourceType: UsageResourceType;
  usageCount: number;
  /** ISO 8601. */
  reportCreationTime?: string;
}

/** A deregistered AMI a retention rule kept in the Recycle Bin. */
export interface RecycledImage {
  region: string;
  imageId: string;
  name?: string;
  description?: string;
  /** ISO 8601: when it entered the Recycle Bin. */
  enteredAt?: string;
  /** ISO 8601: when the Recycle Bin deletes it for good. */
  exitsAt?: string;
}

/** A deleted snapshot a retention rule kept in the Recycle Bin. */
export interface RecycledSnapshot {
  region: string;
  snapshotId: string;
  description?: string;
  volumeId?: string;
  /** ISO 8601. */
  enteredAt?: string;
  /** ISO 8601. */
  exitsAt?: string;
}

/** Allowed AMIs state: `disabled`, `enabled` (enforced) or `audit-mode` (reported only). */
export type AllowedImagesState = 'disabled' | 'enabled' | 'audit-mode' | (string & {});

/**
 * One Allowed AMIs criterion: an AMI matches when every part that is set matches (values within
 * a part are alternatives); it is allowed when it matches at least one criterion.
 */
export interface ImageCriterion {
  /** `amazon`, `aws-marketplace`, `aws-backup-vault`, `none` or 12-digit account ids. */
  imageProviders?: string[];
  marketplaceProductCodes?: string[];
  /** Names with `*` and `?` wildcards. */
  imageNames?: string[];
  maximumDaysSinceCreated?: number;
  maximumDaysSinceDeprecated?: number;
}

/** The Allowed AMIs settings of the account in a region (GetAllowedImagesSettings). */
export interface AllowedImagesSettings {
  state: AllowedImagesState;
  criteria: ImageCriterion[];
  /** `account` or `declarative-policy` (then the account cannot change them). */
  managedBy?: string;
}

/** Snapshot block public access state of the account in a region. */
export type SnapshotBlockPublicAccessState =
  'unblocked' | 'block-new-sharing' | 'block-all-sharing' | (string & {});

/** The AMI an instance was launched from (DescribeInstanceImageMetadata). */
export interface InstanceImage {
  instanceId: string;
  instanceState?: string;
  imageId: string;
  /** Absent when the AMI is no longer visible to the account. */
  name?: string;
  ownerId?: string;
  ownerAlias?: string;
  /** `available`, `deregistered`, `disabled`… */
  state?: string;
  /** ISO 8601. */
  creationDate?: string;
  /** ISO 8601. */
  deprecationTime?: string;
  imageAllowed?: boolean;
  isPublic?: boolean;
}
