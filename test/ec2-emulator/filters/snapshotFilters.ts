import type { SnapshotRecord } from '../state/snapshotRecord';
import { snapshotStatusAt } from '../state/snapshotRecord';
import { isoTime } from '../views/isoTime';
import type { FilterDefinition } from './filterSet';

/** The DescribeSnapshots filters the emulator models. */
export function snapshotFilterDefinition(
  now: number,
  aliasOf: (accountId: string) => string | undefined,
): FilterDefinition<SnapshotRecord> {
  return {
    tagsOf: (s) => s.tags,
    accessors: {
      description: (s) => s.description,
      encrypted: (s) => String(s.encrypted),
      'owner-alias': (s) => aliasOf(s.ownerId),
      'owner-id': (s) => s.ownerId,
      progress: (s) => snapshotStatusAt(s, now).progress,
      'snapshot-id': (s) => s.snapshotId,
      'start-time': (s) => isoTime(s.startedAt),
      status: (s) => snapshotStatusAt(s, now).state,
      'storage-tier': () => 'standard',
      'volume-id': (s) => s.volumeId,
      'volume-size': (s) => String(s.volumeSize),
    },
  };
}
