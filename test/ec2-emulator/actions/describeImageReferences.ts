import { invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import { requireNonEmpty } from '../protocol/queryInput';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import { settleInstance } from '../state/instanceRecord';
import type { ActionHandler } from './actionContext';
import { visibleImage } from './imageAccess';
import { readPageRequest, takePage } from './pagination';

const resourceTypes = [
  'ec2:Instance',
  'ec2:LaunchTemplate',
  'ssm:Parameter',
  'imagebuilder:ImageRecipe',
  'imagebuilder:ContainerRecipe',
] as const;

interface Reference {
  readonly imageId: string;
  readonly resourceType: string;
  readonly arn: string;
}

/**
 * DescribeImageReferences: the caller's resources in the region that reference the given images:
 * instances (optionally limited by the `state-name` option) and the launch templates, SSM
 * parameters and Image Builder recipes the estate records (the `version-depth` option of launch
 * templates is accepted; the emulator records one version per reference). Ordered by ARN.
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
  const wanted = new Set<string>(includeAll ? resourceTypes : []);
  for (const t of types) {
    const type = t.requiredString('ResourceType');
    if (!(resourceTypes as readonly string[]).includes(type)) {
      throw invalidParameterValue(`Value (${type}) for parameter ResourceType is invalid.`);
    }
    wanted.add(type);
  }
  const instanceType = types.find((t) => t.string('ResourceType') === 'ec2:Instance');
  const states =
    instanceType
      ?.structList('ResourceTypeOption')
      .filter((o) => o.string('OptionName') === 'state-name')
      .flatMap((o) => o.stringList('OptionValue')) ?? [];
  const page = readPageRequest(input, 'DescribeImageReferences', undefined);
  const images = new Set(imageIds);
  const me = ctx.caller.account.accountId;
  const references: Reference[] = [];
  if (wanted.has('ec2:Instance')) {
    for (const i of world.store.instancesIn(ctx.region)) {
      if (
        i.ownerId === me &&
        images.has(i.imageId) &&
        (states.length === 0 || states.includes(settleInstance(i, now).state))
      ) {
        references.push({
          imageId: i.imageId,
          resourceType: 'ec2:Instance',
          arn: `arn:aws:ec2:${i.region}:${i.ownerId}:instance/${i.instanceId}`,
        });
      }
    }
  }
  for (const r of world.store.imageReferences) {
    if (
      r.region === ctx.region &&
      r.ownerId === me &&
      images.has(r.imageId) &&
      wanted.has(r.resourceType)
    ) {
      references.push(r);
    }
  }
  references.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const { items, nextToken } = takePage(
    references,
    (r) => r.arn,
    () => true,
    page,
    'DescribeImageReferences',
  );
  return [
    listEl('imageReferenceSet', items, (r) => [
      el('imageId', r.imageId),
      el('resourceType', r.resourceType),
      el('arn', r.arn),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};
