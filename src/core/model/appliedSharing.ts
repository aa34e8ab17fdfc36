import type { PermissionDiff, PermissionEntry } from './launchPermissionEntries';
import { describeEntry, entryKey } from './launchPermissionEntries';
import type { SnapshotPermissionChange, SnapshotSharing } from './snapshotSharing';
import * as l10n from '@vscode/l10n';

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
    if (has.has(entryKey(e))) parts.push(l10n.t('added {0}', describeEntry(e)));
    else
      warnings.push(
        l10n.t(
          'EC2 accepted adding {0}, but the re-read does not show it: it may not be applied yet; refresh to check.',
          describeEntry(e),
        ),
      );
  }
  for (const e of accepted.diff.remove) {
    if (!has.has(entryKey(e))) parts.push(l10n.t('removed {0}', describeEntry(e)));
    else
      warnings.push(
        l10n.t(
          'EC2 accepted removing {0}, but the re-read still shows it: it may not be applied yet; refresh to check.',
          describeEntry(e),
        ),
      );
  }
  let granted = 0;
  let revoked = 0;
  for (const change of accepted.snapshotChanges) {
    const snapshot = reread.snapshots.find((s) => s.snapshotId === change.snapshotId);
    if (!snapshot || snapshot.accounts === undefined) {
      warnings.push(
        l10n.t(
          '{0}: EC2 accepted the create-volume permission change, but it could not be re-read{1}; refresh to check.',
          change.snapshotId,
          snapshot?.error ? ` (${snapshot.error.replace(/\.$/, '')})` : '',
        ),
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
        l10n.t(
          '{0}: EC2 accepted granting create-volume permission to {1}, but the re-read does not show it; refresh to check.',
          change.snapshotId,
          missing.join(', '),
        ),
      );
    if (left.length > 0)
      warnings.push(
        l10n.t(
          '{0}: EC2 accepted revoking create-volume permission from {1}, but the re-read still shows it; refresh to check.',
          change.snapshotId,
          left.join(', '),
        ),
      );
  }
  if (granted > 0)
    parts.push(l10n.t('create-volume permission granted on {0} snapshot(s)', granted));
  if (revoked > 0)
    parts.push(l10n.t('create-volume permission revoked on {0} snapshot(s)', revoked));
  const notice =
    parts.length > 0
      ? l10n.t('Applied: {0}.', parts.join('; '))
      : warnings.length > 0
        ? l10n.t('Applied, but the re-read does not confirm it (see below).')
        : l10n.t('Applied: nothing needed changing.');
  return { notice, warnings };
}
