import type { PermissionDiff, PermissionEntry } from './launchPermissionEntries';
import { describeEntry, entryKey } from './launchPermissionEntries';
import type { SnapshotPermissionChange, SnapshotSharing } from './snapshotSharing';

/** What EC2 accepted in one Apply of the launch-permission panel. */
export interface AcceptedSharingChange {
  diff: PermissionDiff;
  /** Create-volume permission changes EC2 accepted (ModifySnapshotAttribute answered). */
  snapshotChanges: readonly SnapshotPermissionChange[];
}

/** What the panel's own re-read after Apply shows. */
export interface SharingReread {
  entries: readonly PermissionEntry[];
  snapshots: readonly SnapshotSharing[];
}

/**
 * The status line after Apply, claiming only what the re-read shows: each accepted change the
 * re-read confirms goes into `notice`; each it does not (or could not read) becomes a warning that
 * says what the re-read shows instead.
 */
export function confirmAppliedSharing(
  accepted: AcceptedSharingChange,
  reread: SharingReread,
): { notice: string; warnings: string[] } {
  const has = new Set(reread.entries.map(entryKey));
  const parts: string[] = [];
  const warnings: string[] = [];
  for (const e of accepted.diff.add) {
    if (has.has(entryKey(e))) parts.push(`added ${describeEntry(e)}`);
    else
      warnings.push(
        `EC2 accepted adding ${describeEntry(e)}, but the re-read does not show it: it may not be applied yet; refresh to check.`,
      );
  }
  for (const e of accepted.diff.remove) {
    if (!has.has(entryKey(e))) parts.push(`removed ${describeEntry(e)}`);
    else
      warnings.push(
        `EC2 accepted removing ${describeEntry(e)}, but the re-read still shows it: it may not be applied yet; refresh to check.`,
      );
  }
  let granted = 0;
  let revoked = 0;
  for (const change of accepted.snapshotChanges) {
    const snapshot = reread.snapshots.find((s) => s.snapshotId === change.snapshotId);
    if (!snapshot || snapshot.accounts === undefined) {
      warnings.push(
        `${change.snapshotId}: EC2 accepted the create-volume permission change, but it could not be re-read${snapshot?.error ? ` (${snapshot.error.replace(/\.$/, '')})` : ''}; refresh to check.`,
      );
      continue;
    }
    const accounts = new Set(snapshot.accounts);
    const missing = change.add.filter((a) => !accounts.has(a));
    const left = change.remove.filter((a) => accounts.has(a));
    if (missing.length === 0 && change.add.length > 0) granted++;
    if (left.length === 0 && change.remove.length > 0) revoked++;
    if (missing.length > 0)
      warnings.push(
        `${change.snapshotId}: EC2 accepted granting create-volume permission to ${missing.join(', ')}, but the re-read does not show it; refresh to check.`,
      );
    if (left.length > 0)
      warnings.push(
        `${change.snapshotId}: EC2 accepted revoking create-volume permission from ${left.join(', ')}, but the re-read still shows it; refresh to check.`,
      );
  }
  if (granted > 0) parts.push(`create-volume permission granted on ${granted} snapshot(s)`);
  if (revoked > 0) parts.push(`create-volume permission revoked on ${revoked} snapshot(s)`);
  const notice =
    parts.length > 0
      ? `Applied: ${parts.join('; ')}.`
      : warnings.length > 0
        ? 'Applied, but the re-read does not confirm it (see below).'
        : 'Applied: nothing needed changing.';
  return { notice, warnings };
}
