import { compileFilters, readFilters } from '../filters/filterSet';
import { imageFilterDefinition } from '../filters/imageFilters';
import { listEl, optionalEl } from '../protocol/xmlWriter';
import { imageAllowedFor } from '../state/imageGovernance';
import type { ImageRecord } from '../state/imageRecord';
import { isDeprecatedAt, isPublic } from '../state/imageRecord';
import { imageXml } from '../views/imageXml';
import type { ActionHandler } from './actionContext';
import {
  assertImageIdWellFormed,
  canLaunch,
  imageNotFound,
  isSharedExplicitlyWith,
} from './imageAccess';
import { isAccountId, malformedUserId } from './ownerAndUserIds';
import { readPageRequest, takePage } from './pagination';

const ownerAliases = new Set(['amazon', 'aws-marketplace', 'aws-backup-vault']);

/**
 * DescribeImages: images the caller may launch (own, public, explicitly shared), scoped by
 * Owners, ExecutableUsers, ImageIds and Filters (intersection), with deprecated and disabled
 * images hidden unless asked for, and MaxResults/NextToken paging.
 */
export const describeImages: ActionHandler = (ctx) => {
  const { input, caller, world, now } = ctx;
  const me = caller.account;
  const imageIds = input.stringList('ImageId');
  const owners = input.stringList('Owner');
  const executableBy = input.stringList('ExecutableBy');
  const includeDeprecated = input.boolean('IncludeDeprecated') ?? false;
  const includeDisabled = input.boolean('IncludeDisabled') ?? false;
  const page = readPageRequest(input, 'DescribeImages', 'ImageId');
  const matchesFilters = compileFilters(
    readFilters(input),
    imageFilterDefinition(now, (id) => world.accounts.aliasOf(id)),
  );

  const ownerIds = new Set<string>();
  for (const owner of owners) {
    if (owner === 'self') {
      ownerIds.add(me.accountId);
    } else if (ownerAliases.has(owner)) {
      world.accounts.accountIdsForAlias(owner).forEach((id) => ownerIds.add(id));
    } else if (isAccountId(owner)) {
      ownerIds.add(owner);
    } else {
      throw malformedUserId(owner);
    }
  }
  for (const user of executableBy) {
    if (user !== 'self' && user !== 'all' && !isAccountId(user)) {
      throw malformedUserId(user);
    }
  }
  const executableMatch = (image: ImageRecord): boolean =>
    executableBy.some((user) => {
      if (user === 'all') {
        return isPublic(image);
      }
      if (user === 'self' || user === me.accountId) {
        return isSharedExplicitlyWith(image, me);
      }
      // Another account: only shares naming that account, not its organization or OUs.
      return image.launchPermissions.some((p) => p.userId === user);
    });

  const allowedSettings = world.store.allowedImagesFor(me.accountId, ctx.region);
  const allowedOf = (image: ImageRecord): boolean | undefined =>
    imageAllowedFor(
      allowedSettings,
      image,
      world.accounts.aliasOf(image.ownerId),
      me.accountId,
      now,
    );

  const requested = new Set(imageIds);
  if (imageIds.length > 0) {
    imageIds.forEach(assertImageIdWellFormed);
    const missing = imageIds.filter((id) => {
      const image = world.store.images.get(id);
      const existsHere = image !== undefined && image.region === ctx.region;
      return !existsHere && !world.store.deregisteredImageIds.has(id);
    });
    if (missing.length > 0) {
      throw imageNotFound(missing);
    }
  }

  const accept = (image: ImageRecord): boolean => {
    if (!canLaunch(image, me)) {
      return false;
    }
    if (requested.size > 0 && !requested.has(image.imageId)) {
      return false;
    }
    if (ownerIds.size > 0 && !ownerIds.has(image.ownerId)) {
      return false;
    }
    if (executableBy.length > 0 && !executableMatch(image)) {
      return false;
    }
    // Owners always see their own deprecated images; others need IncludeDeprecated or the id.
    if (
      isDeprecatedAt(image, now) &&
      !includeDeprecated &&
      image.ownerId !== me.accountId &&
      !requested.has(image.imageId)
    ) {
      return false;
    }
    if (image.disabled && !includeDisabled) {
      return false;
    }
    // Enabled Allowed AMIs makes images that no criterion allows undiscoverable (audit mode
    // only reports ImageAllowed=false).
    if (allowedSettings.state === 'enabled' && allowedOf(image) === false) {
      return false;
    }
    return matchesFilters(image);
  };

  const source =
    requested.size > 0
      ? [...requested]
          .map((id) => world.store.images.get(id))
          .filter((i): i is ImageRecord => i !== undefined && i.region === ctx.region)
          .sort((a, b) => (a.imageId < b.imageId ? -1 : 1))
      : world.store.imagesIn(ctx.region);
  const { items, nextToken } = takePage(source, (i) => i.imageId, accept, page, 'DescribeImages');
  return [
    listEl('imagesSet', items, (image) =>
      imageXml(image, now, world.accounts.aliasOf(image.ownerId), allowedOf(image)),
    ),
    optionalEl('nextToken', nextToken),
  ];
};
