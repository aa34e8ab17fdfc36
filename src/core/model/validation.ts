import { quoted } from './inputText';
import * as l10n from '@vscode/l10n';

/** AMI ids: `ami-` and 8 (older) or 17 lowercase hex digits. */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** Instance ids: `i-` and 8 or 17 hex digits. */
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The AWS partitions and the region prefixes of each, as the partition table of the AWS SDK
 * defines them (its `regionRegex` per partition): the standard partition's geographic prefixes,
 * China, GovCloud, the ISO partitions and the European Sovereign Cloud. `arn` is the partition's
 * name in ARNs (`arn:aws-cn:…`).
 */
const PARTITIONS: readonly { arn: string; prefixes: readonly string[] }[] = [
  { arn: 'aws', prefixes: ['us', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx'] },
  { arn: 'aws-cn', prefixes: ['cn'] },
  { arn: 'aws-us-gov', prefixes: ['us-gov'] },
  { arn: 'aws-iso', prefixes: ['us-iso'] },
  { arn: 'aws-iso-b', prefixes: ['us-isob'] },
  { arn: 'aws-iso-e', prefixes: ['eu-isoe'] },
  { arn: 'aws-iso-f', prefixes: ['us-isof'] },
  { arn: 'aws-eusc', prefixes: ['eusc-de'] },
];

/** The partition names ARNs use (`aws`, `aws-cn`, `aws-us-gov`, …). */
export const ARN_PARTITIONS: readonly string[] = PARTITIONS.map((p) => p.arn);

/** The compass word in the middle of every region name (`ap-northeast-1`, `ca-central-1`). */
const DIRECTIONS = [
  'central',
  'north',
  'south',
  'east',
  'west',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
];

/**
 * Region names: a partition's prefix, a direction and a number from 1 without a leading zero
 * (`us-east-1`, `ap-southeast-12`, `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1`). A name that only
 * looks like one (`xx-fake-1`, `us-east-01`) is refused; zones (`us-east-1a`) are not regions.
 */
const REGION = new RegExp(
  `^(${PARTITIONS.flatMap((p) => p.prefixes)
    .sort((a, b) => b.length - a.length)
    .join('|')})-(?:${DIRECTIONS.join('|')})-[1-9]\\d?$`,
);

/** Each character a name pattern may use: those of AMI names plus the `*` and `?` wildcards. */
const NAME_PATTERN = /^[a-zA-Z0-9 ()[\]./\-'@_*?]+$/;
/** EC2's limit for one name pattern, the length of an AMI name. */
export const MAX_NAME_PATTERN_LENGTH = 128;

export function isAmiId(value: string): boolean {
  return AMI_ID.test(value);
}

export function isInstanceId(value: string): boolean {
  return INSTANCE_ID.test(value);
}

export function isRegionName(value: string): boolean {
  return REGION.test(value);
}

/** The ARN partition of a region (`aws-cn` for `cn-north-1`), or undefined for a non-region. */
export function partitionOfRegion(region: string): string | undefined {
  const prefix = REGION.exec(region)?.[1];
  return prefix === undefined
    ? undefined
    : PARTITIONS.find((p) => p.prefixes.includes(prefix))?.arn;
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** Returns a message explaining what is wrong with an AMI id, or `undefined` when it is valid. */
export function validateAmiId(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return l10n.t('Enter an AMI id, for example ami-0abcdef1234567890.');
  if (!value.startsWith('ami-')) return l10n.t('An AMI id starts with "ami-".');
  if (/[A-F]/.test(value)) return l10n.t('AMI ids are lowercase.');
  if (!isAmiId(value)) return l10n.t('An AMI id is "ami-" followed by 8 or 17 hexadecimal digits.');
  return undefined;
}

/** Returns a message explaining what is wrong with a region name, or `undefined` when it is valid. */
export function validateRegionName(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return l10n.t('Enter a region, for example us-east-1.');
  if (!isRegionName(value))
    return l10n.t('{0} is not a region name such as us-east-1.', quoted(value));
  return undefined;
}

/**
 * A region name that must also be one of the account's regions, when those are known
 * (`accountRegions` as DescribeRegions lists them for the account; empty means unknown, and then
 * only the name's shape is checked).
 */
export function validateAccountRegion(
  input: string,
  accountRegions: readonly string[],
): string | undefined {
  const problem = validateRegionName(input);
  if (problem !== undefined) return problem;
  const value = input.trim();
  if (accountRegions.length > 0 && !accountRegions.includes(value)) {
    return l10n.t('{0} is not one of the regions enabled for this account.', value);
  }
  return undefined;
}

/** Returns a message explaining what is wrong with an account id, or `undefined` when it is valid. */
export function validateAccountId(input: string): string | undefined {
  const value = input.trim();
  if (!isAccountId(value))
    return l10n.t('{0} is not an AWS account id (12 digits).', quoted(value));
  return undefined;
}

/** Splits a list of account ids typed or pasted with commas, spaces or newlines. */
export function parseAccountIds(input: string): { ids: string[]; errors: string[] } {
  const ids: string[] = [];
  const errors: string[] = [];
  for (const part of input.split(/[\s,;]+/)) {
    if (part.length === 0) continue;
    const problem = validateAccountId(part);
    if (problem) errors.push(problem);
    else if (!ids.includes(part)) ids.push(part);
  }
  return { ids, errors };
}

/**
 * Validates an image-name filter (EC2 wildcards `*` and `?`); empty is allowed and means "no filter".
 * Several patterns may be given separated by commas; EC2 matches any of them, and its limits apply
 * to each pattern, not to the list.
 */
export function validateNameFilter(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return undefined;
  const patterns = splitNameFilter(value);
  if (patterns.length === 0) return l10n.t('The name filter has no pattern in it.');
  for (const pattern of patterns) {
    if (!NAME_PATTERN.test(pattern)) {
      return l10n.t(
        "A name filter uses the characters of AMI names (letters, digits, spaces and ( ) [ ] . / - ' @ _) plus the wildcards * and ?; {0} has others.",
        quoted(pattern),
      );
    }
    if (pattern.length > MAX_NAME_PATTERN_LENGTH) {
      return l10n.t(
        'A name pattern has at most {0} characters; {1} has {2}. Separate several patterns with commas.',
        MAX_NAME_PATTERN_LENGTH,
        quoted(pattern, 24),
        pattern.length,
      );
    }
  }
  return undefined;
}

/** The individual patterns of a name filter (comma separated). */
export function splitNameFilter(input: string): string[] {
  return input
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
