import { compileFilters, readFilters } from '../filters/filterSet';
import { invalidParameterValue, missingParameter } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import { el, listEl, optionalEl } from '../protocol/xmlWriter';
import type { ImageUsageRecord, ImageUsageReportRecord } from '../state/imageGovernance';
import { imageAllowedFor, usageReportLifetimeMs } from '../state/imageGovernance';
import type { ImageRecord } from '../state/imageRecord';
import { imageStateAt, isPublic } from '../state/imageRecord';
import { instanceStateCodes, settleInstance } from '../state/instanceRecord';
import type { InstanceRecord } from '../state/instanceRecord';
import { isoTime } from '../views/isoTime';
import { tagSetXml } from '../views/tagSetXml';
import type { ActionContext, ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';
import { assertImageIdWellFormed, canLaunch, ownedImage, visibleImage } from './imageAccess';
import { ownedInstances } from './instanceAccess';
import type { PageRequest } from './pagination';
import { readPageRequest, takePage } from './pagination';
import { readTagSpecifications } from './tagInput';

/** Any image the emulator knows by id, registered or deregistered (any region, any owner). */
function knownImage(ctx: ActionContext, imageId: string): ImageRecord | undefined {
  return ctx.world.store.images.get(imageId) ?? ctx.world.store.deregisteredImages.get(imageId);
}

/**
 * GetImageAncestry: from the given image (visible to the caller in this region) back through
 * SourceImageId/SourceImageRegion to the root, across regions. The chain ends at an image with no
 * source, or at a source the emulator does not know (the last entry still names it).
 */
export const getImageAncestry: ActionHandler = (ctx) => {
  const start = visibleImage(ctx, ctx.input.requiredString('ImageId'));
  const chain: ImageRecord[] = [start];
  const seen = new Set([start.imageId]);
  let current: ImageRecord | undefined = start;
  while (current?.sourceImageId !== undefined) {
    const next = knownImage(ctx, current.sourceImageId);
    if (!next || seen.has(next.imageId)) {
      break;
    }
    chain.push(next);
    seen.add(next.imageId);
    current = next;
  }
  return [
    listEl('imageAncestryEntrySet', chain, (image) => [
      el('creationDate', isoTime(image.createdAt)),
      el('imageId', image.imageId),
      optionalEl('imageOwnerAlias', ctx.world.accounts.aliasOf(image.ownerId)),
      optionalEl('sourceImageId', image.sourceImageId),
      optionalEl('sourceImageRegion', image.sourceImageRegion),
    ]),
  ];
};

/** MaxResults 1–1000 for the newer list actions (any combination with ids). */
function readLoosePage(input: QueryInput, action: string): PageRequest {
  const maxResults = input.integer('MaxResults');
  if (maxResults !== undefined && (maxResults < 1 || maxResults > 1000)) {
    throw invalidParameterValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 1 and 1000.`,
    );
  }
  const { after } = readPageRequest(input.withoutMaxResults(), action, undefined);
  return { maxResults, after };
}

/**
 * GetImageFindings: Amazon Inspector's findings for an image the caller can see. An image
 * Inspector never scanned has no findings (DescribeImages' ScanResults tells the two apart).
 */
export const getImageFindings: ActionHandler = (ctx) => {
  const image = visibleImage(ctx, ctx.input.requiredString('ImageId'));
  const page = readLoosePage(ctx.input, 'GetImageFindings');
  const findings = (image.scannedAt !== undefined ? (image.findings ?? []) : []).map((f, i) => ({
    key: String(i).padStart(6, '0'),
    f,
  }));
  const { items, nextToken } = takePage(
    findings,
    (x) => x.key,
    () => true,
    page,
    'GetImageFindings',
  );
  return [
    listEl('imageFindingSet', items, ({ f }) => [
      el('fixAvailable', f.fixAvailable),
      el('score', f.score),
      el('firstObservedAt', isoTime(f.firstObservedAt)),
      el('updatedAt', isoTime(f.updatedAt)),
      el('title', f.title),
      listEl('pathSet', f.paths, (p) => [p]),
      el('severityLabel', f.severity),
      optionalEl('snapshotId', f.snapshotId),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};

const usageResourceTypes = new Set([
  'ec2:Instance',
  'ec2:LaunchTemplate',
  'imagebuilder:ImageRecipe',
  'imagebuilder:ContainerRecipe',
]);

/** Usage of an image by other accounts: seeded usage plus their instances launched from it. */
function usageOf(ctx: ActionContext, image: ImageRecord): ImageUsageRecord[] {
  const counts = new Map<string, ImageUsageRecord>();
  const add = (u: ImageUsageRecord) => {
    const key = `${u.accountId}|${u.resourceType}`;
    const prev = counts.get(key);
    counts.set(key, { ...u, count: (prev?.count ?? 0) + u.count });
  };
  (image.usage ?? []).forEach(add);
  for (const instance of ctx.world.store.instancesIn(image.region)) {
    if (instance.imageId === image.imageId && instance.ownerId !== image.ownerId) {
      const state = settleInstance(instance, ctx.now).state;
      if (state !== 'terminated') {
        add({ accountId: instance.ownerId, resourceType: 'ec2:Instance', count: 1 });
      }
    }
  }
  return [...counts.values()].sort((a, b) =>
    a.accountId === b.accountId
      ? a.resourceType.localeCompare(b.resourceType)
      : a.accountId.localeCompare(b.accountId),
  );
}

/**
 * CreateImageUsageReport: a report on which accounts use one of the caller's images. It is
 * `pending` for the emulator's pending delay, then `available`; entries are counted at creation.
 * A repeated ClientToken answers the first report.
 */
export const createImageUsageReport: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const image = ownedImage(ctx, input.requiredString('ImageId'));
  const resourceTypes = input.structList('ResourceType').map((r) => {
    const resourceType = r.requiredString('ResourceType');
    if (!usageResourceTypes.has(resourceType)) {
      throw invalidParameterValue(`Value (${resourceType}) for parameter ResourceType is invalid.`);
    }
    const options = r.structList('ResourceTypeOption').map((o) => ({
      name: o.requiredString('OptionName'),
      values: o.stringList('OptionValue'),
    }));
    if (options.length > 0 && resourceType !== 'ec2:LaunchTemplate') {
      throw invalidParameterValue('ResourceTypeOptions are valid only for ec2:LaunchTemplate.');
    }
    return { resourceType, options };
  });
  if (resourceTypes.length === 0) {
    throw missingParameter('ResourceTypes');
  }
  const accountIds = input.stringList('AccountId');
  if (accountIds.length > 200) {
    throw invalidParameterValue('The report can include up to 200 account IDs.');
  }
  for (const id of accountIds) {
    if (!/^\d{12}$/.test(id)) {
      throw invalidParameterValue(`Value (${id}) for parameter AccountId is invalid.`);
    }
  }
  const tags = readTagSpecifications(input, ['image-usage-report']).get('image-usage-report');
  const clientToken = input.string('ClientToken');
  if (clientToken !== undefined) {
    for (const r of world.store.usageReports.values()) {
      if (r.clientToken === clientToken && r.ownerId === ctx.caller.account.accountId) {
        return [el('reportId', r.reportId)];
      }
    }
  }
  const wantedTypes = new Set(resourceTypes.map((r) => r.resourceType));
  const wantedAccounts = new Set(accountIds);
  const entries = usageOf(ctx, image).filter(
    (u) =>
      wantedTypes.has(u.resourceType) &&
      (wantedAccounts.size === 0 || wantedAccounts.has(u.accountId)),
  );
  const report: ImageUsageReportRecord = {
    reportId: world.ids.next('amiusage'),
    region: ctx.region,
    ownerId: ctx.caller.account.accountId,
    imageId: image.imageId,
    resourceTypes: resourceTypes.map((r) => ({ resourceType: r.resourceType, options: r.options })),
    accountIds,
    createdAt: now,
    readyAt: now + world.settings.pendingMs,
    entries,
    tags: new Map(Object.entries(tags ?? {})),
    clientToken,
  };
  world.store.usageReports.set(report.reportId, report);
  return [el('reportId', report.reportId)];
};

/** The caller's unexpired reports in the region, narrowed by ImageId.N and ReportId.N. */
function reportsFor(ctx: ActionContext): ImageUsageReportRecord[] {
  const imageIds = ctx.input.stringList('ImageId');
  imageIds.forEach(assertImageIdWellFormed);
  const reportIds = new Set(ctx.input.stringList('ReportId'));
  const images = new Set(imageIds);
  return [...ctx.world.store.usageReports.values()]
    .filter(
      (r) =>
        r.region === ctx.region &&
        r.ownerId === ctx.caller.account.accountId &&
        r.createdAt + usageReportLifetimeMs > ctx.now &&
        (images.size === 0 || images.has(r.imageId)) &&
        (reportIds.size === 0 || reportIds.has(r.reportId)),
    )
    .sort((a, b) => (a.reportId < b.reportId ? -1 : 1));
}

function reportState(report: ImageUsageReportRecord, now: number): 'pending' | 'available' {
  return now < report.readyAt ? 'pending' : 'available';
}

/** DescribeImageUsageReports: the caller's reports with their state; filter `state`, tags. */
export const describeImageUsageReports: ActionHandler = (ctx) => {
  const page = readLoosePage(ctx.input, 'DescribeImageUsageReports');
  const matches = compileFilters(readFilters(ctx.input), {
    tagsOf: (r: ImageUsageReportRecord) => r.tags,
    accessors: {
      state: (r) => reportState(r, ctx.now),
      'creation-time': (r) => isoTime(r.createdAt),
    },
  });
  const { items, nextToken } = takePage(
    reportsFor(ctx),
    (r) => r.reportId,
    matches,
    page,
    'DescribeImageUsageReports',
  );
  return [
    listEl('imageUsageReportSet', items, (r) => [
      el('imageId', r.imageId),
      el('reportId', r.reportId),
      listEl('resourceTypeSet', r.resourceTypes, (t) => [
        el('resourceType', t.resourceType),
        t.options.length > 0
          ? listEl('resourceTypeOptionSet', t.options, (o) => [
              el('optionName', o.name),
              listEl('optionValueSet', o.values, (v) => [v]),
            ])
          : undefined,
      ]),
      r.accountIds.length > 0 ? listEl('accountIdSet', r.accountIds, (a) => [a]) : undefined,
      el('state', reportState(r, ctx.now)),
      el('creationTime', isoTime(r.createdAt)),
      el('expirationTime', isoTime(r.createdAt + usageReportLifetimeMs)),
      tagSetXml(r.tags),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};

/** DescribeImageUsageReportEntries: entries of available reports; filters account-id, resource-type. */
export const describeImageUsageReportEntries: ActionHandler = (ctx) => {
  const page = readLoosePage(ctx.input, 'DescribeImageUsageReportEntries');
  type Row = { key: string; report: ImageUsageReportRecord; entry: ImageUsageRecord };
  const matches = compileFilters<Row>(readFilters(ctx.input), {
    accessors: {
      'account-id': (r) => r.entry.accountId,
      'resource-type': (r) => r.entry.resourceType,
    },
  });
  const rows: Row[] = reportsFor(ctx)
    .filter((r) => reportState(r, ctx.now) === 'available')
    .flatMap((report) =>
      report.entries.map((entry) => ({
        key: `${report.reportId}|${entry.accountId}|${entry.resourceType}`,
        report,
        entry,
      })),
    );
  const { items, nextToken } = takePage(
    rows,
    (r) => r.key,
    matches,
    page,
    'DescribeImageUsageReportEntries',
  );
  return [
    listEl('imageUsageReportEntrySet', items, ({ report, entry }) => [
      el('resourceType', entry.resourceType),
      el('reportId', report.reportId),
      el('usageCount', entry.count),
      el('accountId', entry.accountId),
      el('imageId', report.imageId),
      el('reportCreationTime', isoTime(report.createdAt)),
    ]),
    optionalEl('nextToken', nextToken),
  ];
};

/**
 * CancelImageLaunchPermission: removes the caller's account from an image shared with it by
 * account id. The owner cannot; a share through the organization, an OU or `all` is not the
 * caller's to remove.
 */
export const cancelImageLaunchPermission: ActionHandler = (ctx) => {
  const image = visibleImage(ctx, ctx.input.requiredString('ImageId'));
  const me = ctx.caller.account.accountId;
  if (image.ownerId === me) {
    throw invalidParameterValue(
      `You cannot cancel launch permission for image ${image.imageId} because you own it.`,
    );
  }
  const before = image.launchPermissions.length;
  image.launchPermissions = image.launchPermissions.filter((p) => p.userId !== me);
  if (image.launchPermissions.length === before) {
    throw invalidParameterValue(
      `Image ${image.imageId} is not shared with your account by account ID.`,
    );
  }
  return returnTrue();
};

/**
 * DescribeInstanceImageMetadata: for each of the caller's instances, the image it was launched
 * from, also when that image is deregistered (state `deregistered`) or no longer visible (only
 * its id).
 */
export const describeInstanceImageMetadata: ActionHandler = (ctx) => {
  const { input, world, now } = ctx;
  const ids = input.stringList('InstanceId');
  const page = readPageRequest(input, 'DescribeInstanceImageMetadata', 'InstanceId');
  const me = ctx.caller.account;
  const matches = compileFilters(readFilters(input), {
    tagsOf: (i: InstanceRecord) => i.tags,
    accessors: {
      'availability-zone': (i) => i.availabilityZone,
      'instance-id': (i) => i.instanceId,
      'instance-state-name': (i) => i.state,
      'instance-type': (i) => i.instanceType,
      'launch-time': (i) => isoTime(i.launchedAt),
      'owner-id': (i) => i.ownerId,
    },
  });
  const source =
    ids.length > 0
      ? ownedInstances(ctx, ids).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))
      : world.store
          .instancesIn(ctx.region)
          .filter((i) => i.ownerId === me.accountId)
          .map((i) => settleInstance(i, now));
  const { items, nextToken } = takePage(
    source,
    (i) => i.instanceId,
    matches,
    page,
    'DescribeInstanceImageMetadata',
  );
  const allowed = world.store.allowedImagesFor(me.accountId, ctx.region);
  return [
    listEl('instanceImageMetadataSet', items, (i) => {
      const live = world.store.images.get(i.imageId);
      const gone = live ? undefined : world.store.deregisteredImages.get(i.imageId);
      const image = live ?? gone;
      const visible = image !== undefined && canLaunch(image, me);
      const alias = image ? world.accounts.aliasOf(image.ownerId) : undefined;
      return [
        el('instanceId', i.instanceId),
        el('instanceType', i.instanceType),
        el('launchTime', isoTime(i.launchedAt)),
        el('availabilityZone', i.availabilityZone),
        el('instanceState', el('code', instanceStateCodes[i.state]), el('name', i.state)),
        el('instanceOwnerId', i.ownerId),
        tagSetXml(i.tags),
        el(
          'imageMetadata',
          el('imageId', i.imageId),
          ...(image && visible
            ? [
                el('name', image.name),
                el('imageOwnerId', image.ownerId),
                el('imageState', gone ? 'deregistered' : imageStateAt(image, now)),
                optionalEl('imageOwnerAlias', alias),
                el('creationDate', isoTime(image.createdAt)),
                image.deprecateAt !== undefined
                  ? el('deprecationTime', isoTime(image.deprecateAt))
                  : undefined,
                optionalEl(
                  'imageAllowed',
                  imageAllowedFor(allowed, image, alias, me.accountId, now),
                ),
                el('isPublic', isPublic(image)),
              ]
            : gone
              ? [el('imageState', 'deregistered')]
              : []),
        ),
      ];
    }),
    optionalEl('nextToken', nextToken),
  ];
};
