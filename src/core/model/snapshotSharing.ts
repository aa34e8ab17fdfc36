import * as l10n from '@vscode/l10n';
/** What the launch-permission panel knows about one snapshot of an EBS-backed image. */
export interface SnapshotSharing {
  snapshotId: string;
  deviceName: string;
  encrypted: boolean;
  kmsKeyId?: string;
  /** Accounts with createVolumePermission; undefined when it could not be read. */
  accounts?: string[];
  /** createVolumePermission includes group `all`. */
  public?: boolean;
  /** Why `accounts` is missing. */
  error?: string;
}

/** ModifySnapshotAttribute changes for one snapshot. */
export interface SnapshotPermissionChange {
  snapshotId: string;
  add: string[];
  remove: string[];
}

/**
 * The create-volume permission changes that go with a launch-permission change: every account that
 * may launch the image also gets to create volumes from its snapshots (needed to copy the AMI), and
 * accounts removed from the launch permissions lose it. Snapshots whose permissions could not be read
 * are left alone.
 */
export function snapshotPermissionChanges(
  snapshots: readonly SnapshotSharing[],
  desiredAccounts: readonly string[],
  removedAccounts: readonly string[],
): SnapshotPermissionChange[] {
  const changes: SnapshotPermissionChange[] = [];
  for (const s of snapshots) {
    if (s.accounts === undefined) continue;
    const has = new Set(s.accounts);
    const add = desiredAccounts.filter((a) => !has.has(a));
    const remove = removedAccounts.filter((a) => has.has(a) && !desiredAccounts.includes(a));
    if (add.length > 0 || remove.length > 0)
      changes.push({ snapshotId: s.snapshotId, add, remove });
  }
  return changes;
}

/**
 * For each account: on how many of the image's snapshots it may create volumes (`of` is the number
 * of snapshots whose permissions are known).
 */
export function snapshotAccessFor(
  account: string,
  snapshots: readonly SnapshotSharing[],
): { granted: number; of: number } {
  const known = snapshots.filter((s) => s.accounts !== undefined);
  return {
    granted: known.filter((s) => s.public === true || (s.accounts ?? []).includes(account)).length,
    of: known.length,
  };
}

/**
 * Warnings about sharing an encrypted snapshot. EC2 cannot tell whether a key is the AWS managed
 * `aws/ebs` key or a customer managed key (that takes KMS DescribeKey), so the warning covers both.
 */
export function snapshotSharingWarning(
  s: Pick<SnapshotSharing, 'encrypted' | 'kmsKeyId'>,
): string | undefined {
  if (!s.encrypted) return undefined;
  const key = s.kmsKeyId ? l10n.t(' with KMS key {0}', s.kmsKeyId) : '';
  return l10n.t(
    'Encrypted{0}. If this is the AWS managed key (aws/ebs), the snapshot cannot be shared: copy the AMI re-encrypted with a customer managed key first. With a customer managed key, each recipient account also needs access to the key (kms:DescribeKey, kms:CreateGrant, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*) through the key policy.',
    key,
  );
}
