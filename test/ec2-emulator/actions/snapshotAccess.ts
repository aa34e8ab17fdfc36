import { Ec2Error } from '../protocol/ec2Error';
import type { SnapshotRecord } from '../state/snapshotRecord';
import type { ActionContext } from './actionContext';

const snapshotIdPattern = /^snap-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Throws InvalidSnapshotID.Malformed for ids EC2 would not parse. */
export function assertSnapshotIdWellFormed(snapshotId: string): void {
  if (!snapshotIdPattern.test(snapshotId)) {
    throw new Ec2Error(
      'InvalidSnapshotID.Malformed',
      `Invalid id: "${snapshotId}" (expecting "snap-...")`,
    );
  }
}

/** InvalidSnapshot.NotFound with EC2's wording. */
export function snapshotNotFound(snapshotId: string): Ec2Error {
  return new Ec2Error('InvalidSnapshot.NotFound', `The snapshot '${snapshotId}' does not exist.`);
}

/** True when the account can restore (and so describe or register from) the snapshot. */
export function canRestore(snapshot: SnapshotRecord, accountId: string): boolean {
  return snapshot.ownerId === accountId || snapshot.public;
}

/** A snapshot in the caller's region the caller can use; Malformed / NotFound otherwise. */
export function usableSnapshot(ctx: ActionContext, snapshotId: string): SnapshotRecord {
  assertSnapshotIdWellFormed(snapshotId);
  const snapshot = ctx.world.store.snapshots.get(snapshotId);
  if (
    !snapshot ||
    snapshot.region !== ctx.region ||
    !canRestore(snapshot, ctx.caller.account.accountId)
  ) {
    throw snapshotNotFound(snapshotId);
  }
  return snapshot;
}
