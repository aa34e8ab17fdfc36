import { Ec2Error, invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import type { LaunchPermissionEntry } from '../state/imageRecord';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { ownedImage } from './imageAccess';

// AWS Organizations ids are o- plus 10–32 lowercase letters or digits, as EC2 validates them.
const orgArnPattern = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const ouArnPattern =
  /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

function invalidItem(type: string, value: string): Ec2Error {
  return new Ec2Error(
    'InvalidAMIAttributeItemValue',
    `Invalid attribute item value "${value}" for ${type} item type.`,
  );
}

/** Launch permission entries of `LaunchPermission.Add.N` / `.Remove.N`, validated. */
function readPermissionList(input: QueryInput, which: 'Add' | 'Remove'): LaunchPermissionEntry[] {
  return input
    .scope('LaunchPermission')
    .structList(which)
    .map((p) =>
      entry(
        p.string('UserId'),
        p.string('Group'),
        p.string('OrganizationArn'),
        p.string('OrganizationalUnitArn'),
      ),
    );
}

function entry(
  userId?: string,
  group?: string,
  organizationArn?: string,
  organizationalUnitArn?: string,
): LaunchPermissionEntry {
  if (userId !== undefined && !/^\d{12}$/.test(userId)) {
    throw invalidItem('userId', userId);
  }
  if (group !== undefined && group !== 'all') {
    throw invalidItem('UserGroup', group);
  }
  if (organizationArn !== undefined && !orgArnPattern.test(organizationArn)) {
    throw invalidItem('organizationArn', organizationArn);
  }
  if (organizationalUnitArn !== undefined && !ouArnPattern.test(organizationalUnitArn)) {
    throw invalidItem('organizationalUnitArn', organizationalUnitArn);
  }
  const present = [userId, group, organizationArn, organizationalUnitArn].filter(
    (x) => x !== undefined,
  );
  if (present.length !== 1) {
    throw invalidParameterValue(
      'Each launch permission must name exactly one of UserId, Group, OrganizationArn, OrganizationalUnitArn.',
    );
  }
  return {
    ...(userId !== undefined ? { userId } : {}),
    ...(group !== undefined ? { group: 'all' as const } : {}),
    ...(organizationArn !== undefined ? { organizationArn } : {}),
    ...(organizationalUnitArn !== undefined ? { organizationalUnitArn } : {}),
  };
}

function sameEntry(a: LaunchPermissionEntry, b: LaunchPermissionEntry): boolean {
  return (
    a.userId === b.userId &&
    a.group === b.group &&
    a.organizationArn === b.organizationArn &&
    a.organizationalUnitArn === b.organizationalUnitArn
  );
}

/**
 * ModifyImageAttribute: launch permissions (structured Add/Remove or the older
 * Attribute=launchPermission + OperationType + UserId.N/UserGroup.N/OrganizationArn.N/OrganizationalUnitArn.N),
 * Description, and ImdsSupport (only `v2.0`, and it cannot be undone).
 */
export const modifyImageAttribute: ActionHandler = (ctx) => {
  const { input, world } = ctx;
  const image = ownedImage(ctx, input.requiredString('ImageId'));
  const attribute = input.string('Attribute');
  let add = readPermissionList(input, 'Add');
  let remove = readPermissionList(input, 'Remove');
  if (attribute === 'launchPermission' && input.has('OperationType')) {
    const operation = input.string('OperationType');
    const legacy = [
      ...input.stringList('UserId').map((u) => entry(u)),
      ...input.stringList('UserGroup').map((g) => entry(undefined, g)),
      ...input.stringList('OrganizationArn').map((o) => entry(undefined, undefined, o)),
      ...input
        .stringList('OrganizationalUnitArn')
        .map((o) => entry(undefined, undefined, undefined, o)),
    ];
    if (operation === 'add') {
      add = [...add, ...legacy];
    } else if (operation === 'remove') {
      remove = [...remove, ...legacy];
    } else {
      throw invalidParameterValue(
        `Value (${operation ?? ''}) for parameter operationType is invalid.`,
      );
    }
  }
  const description = input.has('Description.Value')
    ? input.string('Description.Value')
    : attribute === 'description'
      ? input.string('Value')
      : undefined;
  const imds =
    input.string('ImdsSupport.Value') ??
    (attribute === 'imdsSupport' ? input.string('Value') : undefined);
  if (add.length === 0 && remove.length === 0 && description === undefined && imds === undefined) {
    throw missingParameter('Attribute');
  }
  if (add.length > 0) {
    if (image.disabled) {
      throw new Ec2Error(
        'OperationNotPermitted',
        `Image ${image.imageId} is disabled and cannot be shared.`,
      );
    }
    if (add.some((p) => p.group === 'all')) {
      if (world.store.blockPublicAccessFor(image.ownerId, image.region) === 'block-new-sharing') {
        throw new Ec2Error(
          'OperationNotPermitted',
          'Image block public access is enabled for this account and Region; the image cannot be made public.',
        );
      }
      if (image.blockDevices.some((d) => d.ebs?.encrypted)) {
        throw invalidParameterValue('Images with encrypted snapshots cannot be made public.');
      }
    }
  }
  if (imds !== undefined && imds !== 'v2.0') {
    throw invalidParameterValue(
      `Value (${imds}) for parameter imdsSupport is invalid. Only v2.0 is supported.`,
    );
  }
  image.launchPermissions = image.launchPermissions.filter(
    (p) => !remove.some((r) => sameEntry(p, r)),
  );
  for (const p of add) {
    if (!image.launchPermissions.some((q) => sameEntry(p, q))) {
      image.launchPermissions.push(p);
    }
  }
  if (description !== undefined) {
    image.description = description;
  }
  if (imds !== undefined) {
    image.imdsSupport = imds;
  }
  return returnTrue();
};
