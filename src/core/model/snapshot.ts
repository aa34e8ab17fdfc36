/**
 * One EBS snapshot as DescribeSnapshots reports it (the parts AMI Explorer uses): the deregister
 * preview, the register wizard's list, the block-device and launch-permission panels and the
 * snapshot JSON tab all read this one type.
 */
export interface Snapshot {
  snapshotId: string;
  region: string;
  ownerId?: string;
  /** `pending`, `completed`, `error`… (`unknown` when EC2 does not say). */
  state: string;
  /** Size of the volume the snapshot was taken from, in GiB; absent when EC2 does not say. */
  volumeSizeGiB?: number;
  encrypted: boolean;
  /** Full KMS key ARN when encrypted. EC2 reports keys on snapshots, not in AMI mappings. */
  kmsKeyId?: string;
  description?: string;
  /** The Name tag, if any. */
  name?: string;
  /** When the snapshot was started (ISO 8601). */
  startTime?: string;
  /** The record exactly as DescribeSnapshots returned it (for the JSON tab). */
  raw: Record<string, unknown>;
}

/** A principal allowed to create volumes from a snapshot (createVolumePermission). */
export interface CreateVolumePermission {
  userId?: string;
  group?: 'all';
}

/** Snapshot ids: `snap-` and 8 or 17 lowercase hex digits. */
const SNAPSHOT_ID = /^snap-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function isSnapshotId(value: string): boolean {
  return SNAPSHOT_ID.test(value);
}

/**
 * A KMS key id shortened for a table cell: `key/1a2b3c4d…00a1` (start and end of the key id, so
 * keys that share a prefix stay apart) from a key ARN, `alias/name` from an alias ARN; anything
 * else is returned as is. The full ARN goes into the tooltip.
 */
export function shortKmsKey(keyId: string): string {
  const arn = /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:(key|alias)\/(.+)$/.exec(keyId);
  if (!arn) return keyId;
  const [, kind, rest = ''] = arn;
  if (kind === 'alias') return `alias/${rest}`;
  return rest.length > 14 ? `key/${rest.slice(0, 8)}…${rest.slice(-4)}` : `key/${rest}`;
}
