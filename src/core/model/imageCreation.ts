import type { Tag } from './ami';
import {
  validateAmiName,
  validateDescription,
  validateTagKey,
  validateTagValue,
} from './imageInputs';
import { quoted } from './inputText';
import * as l10n from '@vscode/l10n';

/**
 * How the image is made consistent. `stop`: the extension stops the instance, waits until it is
 * stopped, then creates the image (consistent). `reboot`: EC2 reboots the instance to take the
 * snapshots (EC2's default). `noReboot`: snapshots of a running instance (crash-consistent).
 */
export type Consistency = 'stop' | 'reboot' | 'noReboot';

/** One EBS volume attached to the instance, as the block-device mapping review shows it. */
export interface AttachedVolume {
  deviceName: string;
  volumeId?: string;
  /** Whether this is the instance's root device (it cannot be left out). */
  isRoot: boolean;
  deleteOnTermination: boolean;
  sizeGiB?: number;
  volumeType?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
}

/** Where the sizes, types and encryption of the review came from. */
export type VolumeDetailsSource =
  /** DescribeVolumes: the volumes as they are now. */
  | 'volumes'
  /** DescribeVolumes was not available; the AMI the instance was launched from (sizes may differ). */
  | 'sourceImage'
  /** Neither: only device names and DeleteOnTermination are known. */
  | 'none';

/** What the user decided for one volume in the review. */
export interface VolumeChoice {
  deviceName: string;
  include: boolean;
  deleteOnTermination: boolean;
}

/** Everything the user chose for CreateImage (the wizard's answers, or a test's). */
export interface CreateImageInput {
  region: string;
  instanceId: string;
  name: string;
  description?: string;
  /** Tags for the image and its snapshots (already merged: copied instance tags + typed ones). */
  tags: Tag[];
  consistency: Consistency;
  /** Decisions about attached volumes; volumes not listed keep their mapping as it is. */
  volumes?: VolumeChoice[];
}

/** One entry of CreateImage's BlockDeviceMappings: leave a device out, or change DeleteOnTermination. */
export type CreateImageMapping =
  { deviceName: string; noDevice: true } | { deviceName: string; deleteOnTermination: boolean };

/** The CreateImage request in domain terms (the API class turns it into SDK input). */
export interface CreateImageRequest {
  instanceId: string;
  name: string;
  description?: string;
  noReboot: boolean;
  blockDeviceMappings: CreateImageMapping[];
  /** Tags applied to the image and to every snapshot it creates (TagSpecifications). */
  tags: Tag[];
}

/** The ordered work for one CreateImage: whether to stop first, and the request. */
export interface CreateImagePlan {
  stopFirst: boolean;
  request: CreateImageRequest;
}

/** EC2 accepts at most 50 tags per resource. */
export const MAX_TAGS = 50;

/**
 * The name the wizard proposes: the instance's Name tag (or id) and the date, e.g.
 * `web-1 2026-11-26`, with characters EC2 refuses in AMI names replaced by `-`.
 */
export function defaultImageName(
  instance: { instanceId: string; name?: string | undefined },
  now: Date,
): string {
  const base = (
    instance.name && instance.name.trim().length > 0 ? instance.name : instance.instanceId
  )
    .trim()
    .replace(/[^a-zA-Z0-9 ()[\]./\-'@_]/g, '-');
  const date = now.toISOString().slice(0, 10);
  return `${base.slice(0, 128 - date.length - 1)} ${date}`;
}

/**
 * Where a typed tag list is cut into tags: every new line, and a comma only when what follows it
 * (after optional spaces) is `key=`, another comma or the end of the line. A comma inside a value,
 * as in `Owner=Smith, John`, therefore stays in the value; a value that itself contains `, x=` has
 * to be typed on its own line.
 */
const TAG_SEPARATOR = /\r?\n|,(?=[ \t]*(?:[^,=\r\n]+=|,|\r?\n|$))/;

/**
 * Parses tags typed as `key=value` pairs separated by commas or new lines (`key=` gives an empty
 * value; see `TAG_SEPARATOR` for commas inside values). Returns the first problem found.
 */
export function parseTagList(input: string): { tags: Tag[] } | { error: string } {
  const tags: Tag[] = [];
  for (const raw of input.split(TAG_SEPARATOR)) {
    const part = raw.trim();
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    if (eq < 0) return { error: l10n.t('{0} is not key=value.', quoted(part)) };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const problem = validateTagKey(key) ?? validateTagValue(value);
    if (problem) return { error: `${problem} (${quoted(part)})` };
    if (tags.some((t) => t.key === key)) {
      return { error: l10n.t('The tag key {0} is given twice.', quoted(key)) };
    }
    tags.push({ key, value });
  }
  if (tags.length > MAX_TAGS) return { error: l10n.t('EC2 allows at most {0} tags.', MAX_TAGS) };
  return { tags };
}

/**
 * Tags that may be copied from an instance: EC2 refuses keys starting with `aws:` (CloudFormation,
 * Auto Scaling and other services set those).
 */
export function copyableTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => validateTagKey(t.key) === undefined);
}

/** Copied tags plus typed ones; a typed tag wins over a copied tag with the same key. */
export function mergeTags(copied: readonly Tag[], typed: readonly Tag[]): Tag[] {
  const typedKeys = new Set(typed.map((t) => t.key));
  return [...copied.filter((t) => !typedKeys.has(t.key)), ...typed];
}

/** One line describing a volume for the review, e.g. `8 GiB gp3 · encrypted (key …) · deleted on termination`. */
export function describeVolume(volume: AttachedVolume): string {
  const parts: string[] = [];
  if (volume.sizeGiB !== undefined || volume.volumeType !== undefined) {
    parts.push(
      [
        volume.sizeGiB !== undefined ? l10n.t('{0} GiB', volume.sizeGiB) : undefined,
        volume.volumeType,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  if (volume.encrypted !== undefined) {
    parts.push(
      volume.encrypted
        ? `encrypted${volume.kmsKeyId ? ` (${volume.kmsKeyId})` : ''}`
        : l10n.t('not encrypted'),
    );
  }
  parts.push(
    volume.deleteOnTermination ? l10n.t('deleted on termination') : l10n.t('kept on termination'),
  );
  return parts.join(' · ');
}

/**
 * Turns the user's choices into the CreateImage plan, or says what is wrong (before any call).
 * `instanceState` decides whether "stop first" needs a stop; `volumes` are the attached volumes.
 */
export function planCreateImage(
  input: CreateImageInput,
  instance: { state: string; rootDeviceType: string },
  volumes: readonly AttachedVolume[],
): CreateImagePlan | { error: string } {
  if (instance.rootDeviceType !== 'ebs') return { error: INSTANCE_STORE_EXPLANATION };
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    return {
      error: l10n.t(
        'The instance is {0}; EC2 creates images only from running or stopped instances.',
        instance.state,
      ),
    };
  }
  const problem =
    validateAmiName(input.name) ??
    validateDescription(input.description ?? '') ??
    tagsProblem(input.tags);
  if (problem) return { error: problem };
  const mappings: CreateImageMapping[] = [];
  for (const choice of input.volumes ?? []) {
    const volume = volumes.find((v) => v.deviceName === choice.deviceName);
    if (!volume) return { error: l10n.t('The instance has no volume at {0}.', choice.deviceName) };
    if (!choice.include) {
      if (volume.isRoot)
        return { error: l10n.t('The root volume {0} cannot be left out.', volume.deviceName) };
      mappings.push({ deviceName: volume.deviceName, noDevice: true });
    } else if (choice.deleteOnTermination !== volume.deleteOnTermination) {
      mappings.push({
        deviceName: volume.deviceName,
        deleteOnTermination: choice.deleteOnTermination,
      });
    }
  }
  const stopFirst = input.consistency === 'stop' && instance.state === 'running';
  const description = input.description?.trim();
  return {
    stopFirst,
    request: {
      instanceId: input.instanceId,
      name: input.name.trim(),
      ...(description ? { description } : {}),
      // A stopped instance needs no reboot; "no reboot" on a running one is crash-consistent.
      noReboot: input.consistency !== 'reboot' || instance.state === 'stopped',
      blockDeviceMappings: mappings,
      tags: input.tags,
    },
  };
}

function tagsProblem(tags: readonly Tag[]): string | undefined {
  if (tags.length > MAX_TAGS) return l10n.t('EC2 allows at most {0} tags.', MAX_TAGS);
  const seen = new Set<string>();
  for (const tag of tags) {
    const problem = validateTagKey(tag.key) ?? validateTagValue(tag.value);
    if (problem) return `${problem} (${quoted(tag.key)})`;
    if (seen.has(tag.key)) return l10n.t('The tag key {0} is given twice.', quoted(tag.key));
    seen.add(tag.key);
  }
  return undefined;
}

/** What the user reads when they try to create an image from an instance store-backed instance. */
export const INSTANCE_STORE_EXPLANATION =
  l10n.t(
    'This instance is instance store-backed: EC2 cannot create an image from it with CreateImage. ',
  ) +
  l10n.t(
    'Instance store-backed AMIs are made on the instance itself: bundle its root volume with ',
  ) +
  l10n.t(
    'ec2-bundle-vol (AMI tools), upload the bundle to an S3 bucket with ec2-upload-bundle, then ',
  ) +
  l10n.t(
    'register the uploaded manifest (bucket/path/image.manifest.xml) as a new AMI with Register Image….',
  );
