/** An EBS snapshot in one region. */
export interface SnapshotRecord {
  readonly snapshotId: string;
  readonly region: string;
  readonly ownerId: string;
  readonly volumeId: string;
  readonly volumeSize: number;
  description: string;
  readonly encrypted: boolean;
  /** Full KMS key ARN when encrypted, as DescribeSnapshots reports it. */
  readonly kmsKeyId?: string;
  readonly startedAt: number;
  /** When the snapshot stops being `pending`. */
  readyAt: number;
  outcome: 'completed' | 'error';
  tags: Map<string, string>;
  /** Public snapshots (Amazon's) are restorable by everyone (ModifySnapshotAttribute Group=all). */
  public: boolean;
  /** Accounts given createVolumePermission by ModifySnapshotAttribute (sorted). */
  createVolumePermissions?: string[];
}

/** EC2 snapshot states. */
export type SnapshotState = 'pending' | 'completed' | 'error';

/** State and progress (`"42%"`) at `now`; progress advances linearly while pending. */
export function snapshotStatusAt(
  snapshot: SnapshotRecord,
  now: number,
): { state: SnapshotState; progress: string } {
  if (now >= snapshot.readyAt) {
    return { state: snapshot.outcome, progress: snapshot.outcome === 'completed' ? '100%' : '0%' };
  }
  const span = Math.max(1, snapshot.readyAt - snapshot.startedAt);
  const done = Math.max(0, Math.min(99, Math.floor(((now - snapshot.startedAt) / span) * 100)));
  return { state: 'pending', progress: `${done}%` };
}
