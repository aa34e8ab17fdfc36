import type { XmlChild } from '../protocol/xmlWriter';
import { el, optionalEl } from '../protocol/xmlWriter';
import type { SnapshotRecord } from '../state/snapshotRecord';
import { snapshotStatusAt } from '../state/snapshotRecord';
import { isoTime } from './isoTime';
import { tagSetXml } from './tagSetXml';

/** The children of one `<snapshotSet><item>`. */
export function snapshotXml(
  snapshot: SnapshotRecord,
  now: number,
  ownerAlias: string | undefined,
): XmlChild[] {
  const status = snapshotStatusAt(snapshot, now);
  return [
    el('snapshotId', snapshot.snapshotId),
    el('volumeId', snapshot.volumeId),
    el('status', status.state),
    el('startTime', isoTime(snapshot.startedAt)),
    el('progress', status.progress),
    el('ownerId', snapshot.ownerId),
    el('volumeSize', snapshot.volumeSize),
    el('description', snapshot.description),
    el('encrypted', snapshot.encrypted),
    optionalEl('kmsKeyId', snapshot.kmsKeyId),
    optionalEl('ownerAlias', ownerAlias),
    tagSetXml(snapshot.tags),
    el('storageTier', 'standard'),
  ];
}
