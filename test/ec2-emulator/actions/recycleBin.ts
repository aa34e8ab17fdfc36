import { Ec2Error, invalidParameterValue } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import type { ImageRecord } from '../state/imageRecord';
import type { SnapshotRecord } from '../state/snapshotRecord';
import { snapshotStatusAt } from '../state/snapshotRecord';
import { isoTime } from '../views/isoTime';
import type { ActionContext, ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { assertImageIdWellFormed, imageNotFound } from './imageAccess';
import type { PageRequest } from './pagination';
import { readPageRequest, takePage } from './pagination';
import { assertSnapshotIdWellFormed, snapshotNotFound } from './snapshotAccess';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * DeregisterImage's last step: into the Recycle Bin when an EC2_IMAGE retention rule covers the
 * account and region, otherwise gone (only the id is remembered). True when it was recycled.
 */
export function deregisterOrRecycle(ctx: ActionContext, image: ImageRecord): boolean {
  const days = ctx.world.store.retentionDaysFor(image.ownerId, ctx.region, 'EC2_IMAGE');
  if (days === undefined) {
    ctx.world.store.deregisterImage(image);
    return false;
  }
  ctx.world.store.recycleImage(image, ctx.now, ctx.now + days * dayMs);
  return true;
}

/** DeleteSnapshot's last step: into the Recycle Bin under an EBS_SNAPSHOT rule, else gone. */
export function deleteOrRecycleSnapshot(ctx: ActionContext, snapshot: SnapshotRecord): boolean {
  const days = ctx.world.store.retentionDaysFor(snapshot.ownerId, ctx.region, 'EBS_SNAPSHOT');
  if (days === undefined) {
    ctx.world.store.deleteSnapshot(snapshot);
    return false;
  }
  ctx.world.store.recycleSnapshot(snapshot, ctx.now, ctx.now + days * dayMs);
  return true;
}

/** MaxResults 1–1000 (these actions accept smaller pages than Describe* do), with ids or not. */
function readBinPage(input: QueryInput, action: string): PageRequest {
  const maxResults = input.integer('MaxResults');
  if (maxResults !== undefined && (maxResults < 1 || maxResults > 1000)) {
    throw invalidParameterValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 1 and 1000.`,
    );
  }
  const { after } = readPageRequest(input.withoutMaxResults(), action, undefined);
  return { maxResults: maxResults ?? 1000, after };
}

/** ListImagesInRecycleBin: the caller's recycled images in the region, optionally by id. */
export const listImagesInRecycleBin: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const ids = input.stringList('ImageId');
  ids.forEach(assertImageIdWellFormed);
  const page = readBinPage(input, 'ListImagesInRecycleBin');
  world.store.expireRecycleBin(now);
  const wanted = new Set(ids);
  const entries = [...world.store.recycledImages.values()]
    .filter(
      (e) =>
        e.image.region === ctx.region &&
        e.image.ownerId === ctx.caller.account.accountId &&
        (wanted.size === 0 || wanted.has(e.image.imageId)),
    )
    .sort((a, b) => (a.image.imageId < b.image.imageId ? -1 : 1));
  const { items, nextToken } = takePage(
    entries,
    (e) => e.image.imageId,
    () => true,
    page,
    'ListImagesInRecycleBin',
  );
  return [
    listEl('imageSet', items, (e) => [
      el('imageId', e.image.imageId),
      el('name', e.image.name),
      optionalEl('description', e.image.description),
      el('recycleBinEnterTime', isoTime(e.enteredAt)),
      el('recycleBinExitTime', isoTime(e.exitAt)),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};

/** RestoreImageFromRecycleBin: the image is registered again with the same id. */
export const restoreImageFromRecycleBin: ActionHandler = (ctx) => {
  const imageId = ctx.input.requiredString('ImageId');
  assertImageIdWellFormed(imageId);
  ctx.world.store.expireRecycleBin(ctx.now);
  const entry = ctx.world.store.recycledImages.get(imageId);
  if (
    !entry ||
    entry.image.region !== ctx.region ||
    entry.image.ownerId !== ctx.caller.account.accountId
  ) {
    throw imageNotFound([imageId]);
  }
  if (ctx.world.store.images.has(imageId)) {
    throw new Ec2Error('InvalidAMIID.Duplicate', `The image id '[${imageId}]' already exists`);
  }
  ctx.world.store.restoreImage(entry.image);
  return returnTrue();
};

/** ListSnapshotsInRecycleBin: the caller's recycled snapshots in the region, optionally by id. */
export const listSnapshotsInRecycleBin: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const ids = input.stringList('SnapshotId');
  ids.forEach(assertSnapshotIdWellFormed);
  const page = readBinPage(input, 'ListSnapshotsInRecycleBin');
  world.store.expireRecycleBin(now);
  const wanted = new Set(ids);
  const entries = [...world.store.recycledSnapshots.values()]
    .filter(
      (e) =>
        e.snapshot.region === ctx.region &&
        e.snapshot.ownerId === ctx.caller.account.accountId &&
        (wanted.size === 0 || wanted.has(e.snapshot.snapshotId)),
    )
    .sort((a, b) => (a.snapshot.snapshotId < b.snapshot.snapshotId ? -1 : 1));
  const { items, nextToken } = takePage(
    entries,
    (e) => e.snapshot.snapshotId,
    () => true,
    page,
    'ListSnapshotsInRecycleBin',
  );
  return [
    listEl('snapshotSet', items, (e) => [
      el('snapshotId', e.snapshot.snapshotId),
      el('recycleBinEnterTime', isoTime(e.enteredAt)),
      el('recycleBinExitTime', isoTime(e.exitAt)),
      el('description', e.snapshot.description),
      el('volumeId', e.snapshot.volumeId),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};

/** RestoreSnapshotFromRecycleBin: the snapshot is back with the same id; its fields answer. */
export const restoreSnapshotFromRecycleBin: ActionHandler = (ctx) => {
  const snapshotId = ctx.input.requiredString('SnapshotId');
  assertSnapshotIdWellFormed(snapshotId);
  ctx.world.store.expireRecycleBin(ctx.now);
  const entry = ctx.world.store.recycledSnapshots.get(snapshotId);
  if (
    !entry ||
    entry.snapshot.region !== ctx.region ||
    entry.snapshot.ownerId !== ctx.caller.account.accountId
  ) {
    throw snapshotNotFound(snapshotId);
  }
  const snapshot = entry.snapshot;
  ctx.world.store.restoreSnapshot(snapshot);
  const status = snapshotStatusAt(snapshot, ctx.now);
  return [
    el('snapshotId', snapshot.snapshotId),
    el('description', snapshot.description),
    el('encrypted', snapshot.encrypted),
    el('ownerId', snapshot.ownerId),
    el('progress', status.progress),
    el('startTime', isoTime(snapshot.startedAt)),
    el('status', status.state),
    el('volumeId', snapshot.volumeId),
    el('volumeSize', snapshot.volumeSize),
    el('sseType', snapshot.encrypted ? 'sse-ebs' : 'none'),
  ];
};
