import { Ec2Error, authFailure } from '../protocol/ec2Error';
import type { AccountInfo } from '../state/accountDirectory';
import type { ImageRecord } from '../state/imageRecord';
import { isPublic } from '../state/imageRecord';
import type { ActionContext } from './actionContext';

const imageIdPattern = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Throws InvalidAMIID.Malformed for ids EC2 would not parse. */
export function assertImageIdWellFormed(imageId: string): void {
  if (!imageIdPattern.test(imageId)) {
    throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  }
}

/** InvalidAMIID.NotFound with EC2's wording. */
export function imageNotFound(imageIds: readonly string[]): Ec2Error {
  return new Ec2Error(
    'InvalidAMIID.NotFound',
    imageIds.length > 1
      ? `The image ids '[${imageIds.join(', ')}]' do not exist`
      : `The image id '[${imageIds[0] ?? ''}]' does not exist`,
  );
}

/**
 * True when the image is shared with the account explicitly: by account id, through the
 * account's organization, or through one of its OUs (which covers child OUs).
 */
export function isSharedExplicitlyWith(image: ImageRecord, account: AccountInfo): boolean {
  return image.launchPermissions.some(
    (p) =>
      p.userId === account.accountId ||
      (p.organizationArn !== undefined && p.organizationArn === account.organizationArn) ||
      (p.organizationalUnitArn !== undefined &&
        (account.organizationalUnitArns ?? []).includes(p.organizationalUnitArn)),
  );
}

/** True when the account may launch (and therefore describe) the image. */
export function canLaunch(image: ImageRecord, account: AccountInfo): boolean {
  return (
    image.ownerId === account.accountId || isPublic(image) || isSharedExplicitlyWith(image, account)
  );
}

/**
 * An image in the caller's region that the caller can see; InvalidAMIID.Malformed / NotFound
 * otherwise (other accounts' private images are indistinguishable from missing ones).
 */
export function visibleImage(ctx: ActionContext, imageId: string): ImageRecord {
  assertImageIdWellFormed(imageId);
  const image = ctx.world.store.images.get(imageId);
  if (!image || image.region !== ctx.region || !canLaunch(image, ctx.caller.account)) {
    throw imageNotFound([imageId]);
  }
  return image;
}

/** An image the caller owns; a visible image owned by someone else answers AuthFailure. */
export function ownedImage(ctx: ActionContext, imageId: string): ImageRecord {
  const image = visibleImage(ctx, imageId);
  if (image.ownerId !== ctx.caller.account.accountId) {
    throw authFailure(`Not authorized for image:${imageId}`);
  }
  return image;
}
