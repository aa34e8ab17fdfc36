import {
  Ec2Error,
  invalidParameterValue,
  missingParameter,
  unauthorizedOperation,
} from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import { el, listEl } from '../protocol/xmlWriter';
import { defaultEbsKeyArn } from '../state/kmsKeys';
import type { SnapshotRecord } from '../state/snapshotRecord';
import type { ActionContext, ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { isAccountId, malformedUserId } from './ownerAndUserIds';
import { usableSnapshot } from './snapshotAccess';

/** A snapshot the caller owns (only the owner reads or changes its attributes). */
function ownedSnapshot(ctx: ActionContext): SnapshotRecord {
  const snapshot = usableSnapshot(ctx, ctx.input.requiredString('SnapshotId'));
  if (snapshot.ownerId !== ctx.caller.account.accountId) {
    throw unauthorizedOperation();
  }
  return snapshot;
}

/** DescribeSnapshotAttribute: createVolumePermission and productCodes of an owned snapshot. */
export const describeSnapshotAttribute: ActionHandler = (ctx) => {
  const attribute = ctx.input.requiredString('Attribute');
  const snapshot = ownedSnapshot(ctx);
  switch (attribute) {
    case 'createVolumePermission': {
      const entries = [
        ...(snapshot.public ? [{ group: 'all' }] : []),
        ...(snapshot.createVolumePermissions ?? []).map((userId) => ({ userId })),
      ];
      return [
        el('snapshotId', snapshot.snapshotId),
        listEl('createVolumePermission', entries, (p) =>
          'group' in p ? [el('group', p.group)] : [el('userId', p.userId)],
        ),
      ];
    }
    case 'productCodes':
      return [el('snapshotId', snapshot.snapshotId), listEl('productCodes', [], () => [])];
    default:
      throw invalidParameterValue(
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
};

/** `CreateVolumePermission.Add.N` / `.Remove.N` items: UserId or Group=all. */
function readList(input: QueryInput, which: 'Add' | 'Remove'): { userId?: string; all?: true }[] {
  return input
    .scope('CreateVolumePermission')
    .structList(which)
    .map((p) => {
      const userId = p.string('UserId');
      const group = p.string('Group');
      if (userId !== undefined) {
        if (!isAccountId(userId)) throw malformedUserId(userId);
        return { userId };
      }
      if (group === 'all') return { all: true as const };
      throw invalidParameterValue(`Value (${group ?? ''}) for parameter group is invalid.`);
    });
}

/**
 * ModifySnapshotAttribute createVolumePermission, structured (`CreateVolumePermission.Add/Remove`)
 * or legacy (`OperationType` + `UserId.N` / `UserGroup.N`). Snapshots encrypted with the account's
 * default `aws/ebs` key cannot be shared, and encrypted snapshots cannot be made public.
 */
export const modifySnapshotAttribute: ActionHandler = (ctx) => {
  const { input } = ctx;
  const snapshot = ownedSnapshot(ctx);
  const attribute = input.string('Attribute');
  if (attribute !== undefined && attribute !== 'createVolumePermission') {
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid.`);
  }
  let add = readList(input, 'Add');
  let remove = readList(input, 'Remove');
  if (input.has('OperationType')) {
    const legacy = [
      ...input.stringList('UserId').map((userId) => {
        if (!isAccountId(userId)) throw malformedUserId(userId);
        return { userId };
      }),
      ...input.stringList('UserGroup').map((g) => {
        if (g !== 'all')
          throw invalidParameterValue(`Value (${g}) for parameter group is invalid.`);
        return { all: true as const };
      }),
    ];
    const operation = input.string('OperationType');
    if (operation === 'add') add = [...add, ...legacy];
    else if (operation === 'remove') remove = [...remove, ...legacy];
    else
      throw invalidParameterValue(
        `Value (${operation ?? ''}) for parameter operationType is invalid.`,
      );
  }
  if (add.length === 0 && remove.length === 0) {
    throw missingParameter('CreateVolumePermission');
  }
  if (add.length > 0 && snapshot.encrypted) {
    if (snapshot.kmsKeyId === defaultEbsKeyArn(snapshot.ownerId, snapshot.region)) {
      throw new Ec2Error(
        'OperationNotPermitted',
        'Encrypted snapshots with EBS default key cannot be shared',
      );
    }
    if (add.some((p) => p.all)) {
      throw invalidParameterValue('Encrypted snapshots cannot be made public.');
    }
  }
  const accounts = new Set(snapshot.createVolumePermissions ?? []);
  let isPublic = snapshot.public;
  for (const p of remove) {
    if (p.all) isPublic = false;
    else if (p.userId) accounts.delete(p.userId);
  }
  for (const p of add) {
    if (p.all) isPublic = true;
    else if (p.userId) accounts.add(p.userId);
  }
  snapshot.createVolumePermissions = [...accounts].sort();
  snapshot.public = isPublic;
  return returnTrue();
};
