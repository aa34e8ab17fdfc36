/**
 * Validators for what users type when operating on AMIs. Each returns a sentence saying what is
 * wrong, or `undefined` when the value is acceptable. Nothing is sent to AWS until they all pass.
 * A message that repeats what was typed shows it through `quoted`/`shown`: control characters
 * escaped, long input shortened.
 */

import { charLength, quoted, shown } from './inputText';
import { ARN_PARTITIONS, partitionOfRegion } from './validation';
import * as l10n from '@vscode/l10n';

/** EC2's rule for AMI names: 3–128 characters of letters, digits, spaces and ( ) [ ] . / - ' @ _. */
const AMI_NAME = /^[a-zA-Z0-9 ()[\]./\-'@_]{3,128}$/;

export function validateAmiName(input: string): string | undefined {
  const value = input.trim();
  if (value.length < 3) return l10n.t('An AMI name has at least 3 characters.');
  if (value.length > 128)
    return l10n.t('An AMI name has at most 128 characters (this one has {0}).', value.length);
  if (!AMI_NAME.test(value)) {
    const bad = [...new Set(value.replace(/[a-zA-Z0-9 ()[\]./\-'@_]/g, ''))]
      .slice(0, 10)
      .map((c) => shown(c))
      .join(' ');
    return l10n.t(
      "An AMI name may only use letters, digits, spaces and ( ) [ ] . / - ' @ _ (not: {0}).",
      bad,
    );
  }
  return undefined;
}

/** EC2 allows up to 255 characters of description. */
export function validateDescription(input: string): string | undefined {
  return input.length > 255
    ? l10n.t('A description has at most 255 characters (this one has {0}).', input.length)
    : undefined;
}

const KEY_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
/**
 * Key and alias ARNs in any partition: `arn:<partition>:kms:<region>:<account>:key/<id>` or
 * `…:alias/<name>`. The region must be a region of that partition (checked after the match).
 */
const KEY_ARN = new RegExp(
  `^arn:(${ARN_PARTITIONS.join('|')}):kms:([a-z0-9-]+):(\\d{12}):(?:key/(?:${KEY_ID.source.slice(1, -1)})|alias/[a-zA-Z0-9/_-]{1,250})$`,
);

/** What a KMS key reference is, once its shape is known. */
export type KmsKeyRef =
  | { kind: 'default' }
  | { kind: 'alias'; value: string }
  | { kind: 'keyId'; value: string }
  | { kind: 'arn'; value: string; region: string; accountId: string };

/** The AWS-managed EBS key. */
export const DEFAULT_EBS_KEY_ALIAS = 'alias/aws/ebs';

/**
 * Parses a KMS key reference as EC2 accepts it for encryption: a key id (UUID or `mrk-…`), an alias
 * (`alias/name`), or a key/alias ARN. Empty or `alias/aws/ebs` means the AWS-managed default key.
 */
export function parseKmsKey(input: string): KmsKeyRef | { error: string } {
  const value = input.trim();
  if (value.length === 0 || value === DEFAULT_EBS_KEY_ALIAS) return { kind: 'default' };
  if (KEY_ID.test(value)) return { kind: 'keyId', value };
  if (ALIAS.test(value)) {
    if (value.startsWith('alias/aws/') && value !== DEFAULT_EBS_KEY_ALIAS) {
      return {
        error: l10n.t(
          '{0} is an AWS-managed alias for another service; use alias/aws/ebs or your own key.',
          shown(value),
        ),
      };
    }
    return { kind: 'alias', value };
  }
  const arn = KEY_ARN.exec(value);
  if (arn) {
    const [, partition = '', region = '', accountId = ''] = arn;
    const regionPartition = partitionOfRegion(region);
    if (regionPartition === undefined) {
      return {
        error: l10n.t(
          '{0} in that key ARN is not a region name such as us-east-1.',
          quoted(region),
        ),
      };
    }
    if (regionPartition !== partition) {
      return {
        error: l10n.t(
          'That key ARN names partition {0}, but {1} is in {2} (arn:{3}:kms:{4}:…).',
          partition,
          region,
          regionPartition,
          regionPartition,
          region,
        ),
      };
    }
    return { kind: 'arn', value, region, accountId };
  }
  return {
    error: l10n.t(
      'Enter a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…), an alias (alias/my-key), or a key ARN (arn:aws:kms:region:account:key/…).',
    ),
  };
}

/** Validates a KMS key reference for use in `region` (an ARN must name that region). */
export function validateKmsKey(input: string, region?: string): string | undefined {
  const parsed = parseKmsKey(input);
  if ('error' in parsed) return parsed.error;
  if (parsed.kind === 'arn' && region !== undefined && parsed.region !== region) {
    return l10n.t(
      'That key is in {0}; the copy in {1} needs a key that exists in {2}.',
      parsed.region,
      region,
      region,
    );
  }
  return undefined;
}

/** EC2's tag limits, in Unicode characters (not UTF-16 code units: an emoji counts once). */
export const MAX_TAG_KEY_CHARACTERS = 128;
export const MAX_TAG_VALUE_CHARACTERS = 256;

/** Tag keys: 1–128 Unicode characters, not starting with the reserved `aws:` prefix. */
export function validateTagKey(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return l10n.t('A tag key cannot be empty.');
  const length = charLength(value);
  if (length > MAX_TAG_KEY_CHARACTERS) {
    return l10n.t(
      'A tag key has at most {0} characters (this one has {1}).',
      MAX_TAG_KEY_CHARACTERS,
      length,
    );
  }
  if (value.toLowerCase().startsWith('aws:'))
    return l10n.t('Tag keys starting with "aws:" are reserved for AWS.');
  return undefined;
}

/** Tag values: up to 256 Unicode characters, empty included. */
export function validateTagValue(input: string): string | undefined {
  const length = charLength(input);
  return length > MAX_TAG_VALUE_CHARACTERS
    ? l10n.t(
        'A tag value has at most {0} characters (this one has {1}).',
        MAX_TAG_VALUE_CHARACTERS,
        length,
      )
    : undefined;
}

/**
 * S3's naming rules for general purpose buckets: 3–63 characters; only lowercase letters, numbers,
 * periods and hyphens; begin and end with a letter or number; no two adjacent periods; not
 * formatted as an IP address (for example, 192.168.5.4); not starting with the reserved prefixes
 * `xn--`, `sthree-` (which covers `sthree-configurator`) or `amzn-s3-demo-`; not ending with the
 * suffixes reserved for access point aliases (`-s3alias`), Object Lambda Access Point aliases
 * (`--ol-s3`), Multi-Region Access Points (`.mrap`), directory buckets (`--x-s3`) or table buckets
 * (`--table-s3`).
 */
const BUCKET_CHARACTERS = /^[a-z0-9.-]+$/;
const BUCKET_ENDS = /^[a-z0-9](?:.*[a-z0-9])?$/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** What is wrong with an S3 bucket name under S3's general purpose bucket naming rules. */
export function validateBucketName(bucket: string): string | undefined {
  const name = quoted(bucket);
  const length = charLength(bucket);
  if (length < 3 || length > 63) {
    return l10n.t(
      '{0} is not a valid S3 bucket name: bucket names have 3–63 characters (this one has {1}).',
      name,
      length,
    );
  }
  if (!BUCKET_CHARACTERS.test(bucket)) {
    return l10n.t(
      '{0} is not a valid S3 bucket name: only lowercase letters, digits, dots and hyphens.',
      name,
    );
  }
  if (!BUCKET_ENDS.test(bucket)) {
    return l10n.t(
      '{0} is not a valid S3 bucket name: it must begin and end with a letter or digit.',
      name,
    );
  }
  if (bucket.includes('..')) {
    return l10n.t('{0} is not a valid S3 bucket name: no two adjacent dots.', name);
  }
  if (IP_ADDRESS.test(bucket)) {
    return l10n.t(
      '{0} is not a valid S3 bucket name: bucket names are not formatted as IP addresses.',
      name,
    );
  }
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => bucket.startsWith(p));
  if (prefix !== undefined) {
    return l10n.t('{0} is not a valid S3 bucket name: the prefix {1} is reserved.', name, prefix);
  }
  const suffix = RESERVED_BUCKET_SUFFIXES.find((p) => bucket.endsWith(p));
  if (suffix !== undefined) {
    return l10n.t('{0} is not a valid S3 bucket name: the suffix {1} is reserved.', name, suffix);
  }
  return undefined;
}

/**
 * An instance-store image's S3 manifest: `bucket/path/image.manifest.xml` (an `s3://` prefix is
 * accepted and removed by `normalizeManifestPath`).
 */
export function validateManifestPath(input: string): string | undefined {
  const value = normalizeManifestPath(input);
  const slash = value.indexOf('/');
  if (slash <= 0) return l10n.t('Enter the manifest as bucket/path/image.manifest.xml.');
  const bucketProblem = validateBucketName(value.slice(0, slash));
  if (bucketProblem) return bucketProblem;
  if (!value.endsWith('.manifest.xml'))
    return l10n.t('The manifest file name ends with .manifest.xml.');
  // The file itself needs a name: `bucket/path/.manifest.xml` names a folder, not a manifest.
  const file = value.slice(value.lastIndexOf('/') + 1);
  if (file.length <= '.manifest.xml'.length)
    return l10n.t('Name the manifest file inside the bucket.');
  return undefined;
}

export function normalizeManifestPath(input: string): string {
  return input.trim().replace(/^s3:\/\//, '');
}

/**
 * The device names EC2 documents for block device mappings:
 * - Linux, paravirtual: /dev/sd[a-z], /dev/sd[a-z][1-15], /dev/hd[a-z], /dev/hd[a-z][1-15]
 *   (root /dev/sda1);
 * - Linux, HVM: /dev/sd[a-z], /dev/xvd[a-d][a-z], /dev/xvd[e-z] (root /dev/sda1 or /dev/xvda);
 * - Windows: xvd[a-z], xvd[b-c][a-z] (without /dev/), /dev/sda1 (root) and /dev/sd[b-e].
 * /dev/sd[a-z] with a partition number 1–15 is accepted on HVM too (/dev/sda1 is a common HVM root).
 * NVMe names (/dev/nvme1n1) are what the instance's driver assigns; a mapping cannot name them.
 */
const DEVICE_NAMES: readonly RegExp[] = [
  /^\/dev\/(?:sd|hd)[a-z](?:[1-9]|1[0-5])?$/,
  /^\/dev\/xvd(?:[a-d]?[a-z])$/,
  /^xvd(?:[b-c]?[a-z])$/,
];

/** Block device names as EC2 accepts them for mappings, e.g. /dev/xvda, /dev/sda1, /dev/sdf, xvdh. */
export function validateDeviceName(input: string): string | undefined {
  const value = input.trim();
  if (DEVICE_NAMES.some((pattern) => pattern.test(value))) return undefined;
  if (/^nvme\d+n\d+$/.test(value.replace(/^\/dev\//, ''))) {
    return l10n.t(
      '{0} is an NVMe name the instance assigns; a mapping names the device /dev/sdf…/dev/sdp or /dev/xvdf… instead.',
      quoted(value),
    );
  }
  if (/^(?:sd|hd)[a-z](?:[1-9]|1[0-5])?$/.test(value)) {
    return l10n.t(
      '{0}: write /dev/{1} (only xvd… names may leave out /dev/).',
      quoted(value),
      value,
    );
  }
  return l10n.t(
    '{0} is not a device name such as /dev/xvda, /dev/sda1, /dev/sdf or xvdh.',
    quoted(value),
  );
}

const MINUTE_MS = 60 * 1000;

/**
 * Parses a UTC date and time typed as `YYYY-MM-DD HH:MM` (or ISO 8601, seconds and fraction
 * allowed). The time is rounded to the nearest minute, as EC2 rounds deprecation times, so every
 * later check is about the time EC2 will keep.
 */
export function parseUtcMinute(input: string): { time: Date } | { error: string } {
  const value = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?Z?$/.exec(value);
  if (!m)
    return {
      error: l10n.t('Enter a UTC date and time as YYYY-MM-DD HH:MM, e.g. 2027-01-31 18:00.'),
    };
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = ''] = m;
  const exact = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  );
  if (
    exact.getUTCFullYear() !== Number(y) ||
    exact.getUTCMonth() !== Number(mo) - 1 ||
    exact.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return { error: l10n.t('{0} is not a real date and time.', quoted(value)) };
  }
  const ms = exact.getTime() + Math.floor(Number(`0${fraction}`) * 1000);
  return { time: new Date(Math.round(ms / MINUTE_MS) * MINUTE_MS) };
}

/** EC2's general upper limit for a deprecation time, in years from now. */
export const MAX_DEPRECATION_YEARS = 10;

/**
 * Parses a deprecation time (see `parseUtcMinute`); it must be in the future and at most 10 years
 * ahead, as EC2 requires of every AMI. Public AMIs have a stricter limit: see
 * `parseDeprecationTime` in deprecationSchedule.ts.
 */
export function parseFutureUtcTime(input: string, now: Date): { time: Date } | { error: string } {
  const parsed = parseUtcMinute(input);
  if ('error' in parsed) return parsed;
  const { time } = parsed;
  if (time.getTime() <= now.getTime()) return { error: l10n.t('The time must be in the future.') };
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_DEPRECATION_YEARS);
  if (time.getTime() > limit.getTime())
    return {
      error: l10n.t('EC2 accepts deprecation times up to {0} years ahead.', MAX_DEPRECATION_YEARS),
    };
  return { time };
}
