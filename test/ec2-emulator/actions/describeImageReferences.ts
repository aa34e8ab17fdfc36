import { invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import { requireNonEmpty } from '../protocol/queryInput';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import { settleInstance } from '../state/instanceRecord';
import type { ActionHandler } from './actionContext';
import { visibleImage } from './imageAccess';
import { readPageRequest, takePage } from './pagination';

/**
 * DescribeImageReferences for instances (`ec2:Instance`, the only resource type emulated): the
 * caller's instances launched from the given images, optionally limited by `state-name`.
 */
export const describeImageReferences: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const imageIds = requireNonEmpty(input.stringList('ImageId'), 'ImageId');
  // EC2's API Reference: ImageId.N takes 1 to 10 items.
  if (imageIds.length > 10) {
    throw invalidParameterValue(
      `The maximum number of image IDs is 10, but ${imageIds.length} were specified.`,
    );
  }
  imageIds.forEach((id) => visibleImage(ctx, id));
  const includeAll = input.boolean('IncludeAllResourceTypes') ?? false;
  const types = input.structList('ResourceType');
  if (!includeAll && types.length === 0) {
    throw missingParameter('ResourceType');
  }
  const instanceType = types.find((t) => t.string('ResourceType') === 'ec2:Instance');
  const wantInstances = includeAll || instanceType !== undefined;
  const states =
    instanceType
      ?.structList('ResourceTypeOption')
      .filter((o) => o.string('OptionName') === 'state-name')
      .flatMap((o) => o.stringList('OptionValue')) ?? [];
  const page = readPageRequest(input, 'DescribeImageReferences', undefined);
  const wanted = new Set(imageIds);
  const me = ctx.caller.account.accountId;
  const source = wantInstances ? world.store.instancesIn(ctx.region) : [];
  const { items, nextToken } = takePage(
    source,
    (i) => i.instanceId,
    (i) =>
      i.ownerId === me &&
      wanted.has(i.imageId) &&
      (states.length === 0 || states.includes(settleInstance(i, now).state)),
    page,
    'DescribeImageReferences',
  );
  return [
    listEl('imageReferenceSet', items, (i) => [
      el('imageId', i.imageId),
      el('resourceType', 'ec2:Instance'),
      el('arn', `arn:aws:ec2:${i.region}:${i.ownerId}:instance/${i.instanceId}`),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};
