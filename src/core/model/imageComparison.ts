import * as l10n from '@vscode/l10n';
/**
 * The AMI JSON documents shown side by side by "Compare with…", normalised so that VS Code's diff
 * shows what differs between two images rather than how EC2 happened to order its answer:
 *
 * - every object's keys are sorted, at every depth (EC2 and the SDK do not promise an order);
 * - block devices are matched by device name: `BlockDeviceMappings` becomes an object keyed by
 *   `DeviceName`, sorted, so `/dev/xvdb` lines up with `/dev/xvdb` whatever its place in the list;
 * - tags become one `Key: Value` object sorted by key, product codes and launch permissions are
 *   sorted;
 * - what differs for every AMI by construction (its id, region, creation date, snapshot ids, image
 *   location of an EBS image, last launch, source image or instance) is not dropped but moved to
 *   an `Identity` section at the top, so the rest of the diff is about what the images are.
 *
 * Input is an `ImageDocument` (`{ Region, Image, LaunchPermissions?, … }`); anything else is
 * returned with its keys sorted.
 */

/** Fields of the DescribeImages record that differ for every AMI, moved to `Identity`. */
const IDENTITY_FIELDS = [
  'ImageId',
  'Name',
  'CreationDate',
  'OwnerId',
  'LastLaunchedTime',
  'SourceImageId',
  'SourceImageRegion',
  'SourceInstanceId',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function normalizeImageDocument(document: unknown): unknown {
  if (!isObject(document) || !isObject(document.Image)) return sortKeys(document);
  const image: Record<string, unknown> = { ...document.Image };
  const identity: Record<string, unknown> = {};
  if (typeof document.Region === 'string') identity.Region = document.Region;
  for (const field of IDENTITY_FIELDS) {
    if (field in image) {
      identity[field] = image[field];
      delete image[field];
    }
  }
  // An EBS image's location is `owner/name`: as volatile as its name. An S3 manifest path is not.
  if (image.RootDeviceType === 'ebs' && 'ImageLocation' in image) {
    identity.ImageLocation = image.ImageLocation;
    delete image.ImageLocation;
  }
  if (Array.isArray(image.BlockDeviceMappings)) {
    const { devices, snapshots } = devicesByName(image.BlockDeviceMappings);
    image.BlockDeviceMappings = devices;
    if (Object.keys(snapshots).length > 0) identity.SnapshotIds = snapshots;
  }
  if (Array.isArray(image.Tags)) image.Tags = tagObject(image.Tags);
  if (Array.isArray(image.ProductCodes)) image.ProductCodes = sortedByText(image.ProductCodes);
  const rest: Record<string, unknown> = { ...document };
  delete rest.Region;
  delete rest.Image;
  if (Array.isArray(rest.LaunchPermissions)) {
    rest.LaunchPermissions = sortedByText(rest.LaunchPermissions);
  }
  return { Identity: sortKeys(identity), Image: sortKeys(image), ...sortKeysOf(rest) };
}

/** Block devices keyed by device name (sorted), without their snapshot ids (returned apart). */
function devicesByName(mappings: unknown[]): {
  devices: Record<string, unknown>;
  snapshots: Record<string, unknown>;
} {
  const entries: [string, unknown][] = [];
  const snapshots: [string, unknown][] = [];
  mappings.forEach((mapping, index) => {
    const name =
      isObject(mapping) && typeof mapping.DeviceName === 'string'
        ? mapping.DeviceName
        : l10n.t('(no device name {0})', index + 1);
    if (!isObject(mapping)) {
      entries.push([name, mapping]);
      return;
    }
    const device: Record<string, unknown> = { ...mapping };
    delete device.DeviceName;
    if (isObject(device.Ebs) && 'SnapshotId' in device.Ebs) {
      const ebs: Record<string, unknown> = { ...device.Ebs };
      snapshots.push([name, ebs.SnapshotId]);
      delete ebs.SnapshotId;
      device.Ebs = ebs;
    }
    entries.push([name, device]);
  });
  const byName = (a: [string, unknown], b: [string, unknown]): number => compareText(a[0], b[0]);
  return {
    devices: Object.fromEntries(entries.sort(byName).map(([k, v]) => [k, sortKeys(v)])),
    snapshots: Object.fromEntries(snapshots.sort(byName)),
  };
}

/** `[{ Key, Value }]` → `{ Key: Value }`, sorted by key (a tag key is unique per resource). */
function tagObject(tags: unknown[]): Record<string, unknown> {
  const pairs = tags
    .filter(isObject)
    .map((t): [string, unknown] => [typeof t.Key === 'string' ? t.Key : '', t.Value ?? '']);
  return Object.fromEntries(pairs.sort((a, b) => compareText(a[0], b[0])));
}

/** A list whose order means nothing, sorted by each entry's normalised JSON. */
function sortedByText(items: unknown[]): unknown[] {
  return items
    .map((item) => sortKeys(item))
    .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
}

/** A copy with every object's keys in sorted order, at every depth. */
export function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (isObject(value)) return sortKeysOf(value);
  if (value === undefined) return null;
  return value as Json;
}

function sortKeysOf(value: Record<string, unknown>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort(compareText)) {
    if (value[key] !== undefined) out[key] = sortKeys(value[key]);
  }
  return out;
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
