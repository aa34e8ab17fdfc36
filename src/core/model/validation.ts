import { quoted } from './inputText';

/** AMI ids: `ami-` and 8 (older) or 17 lowercase hex digits. */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** Instance ids: `i-` and 8 or 17 hex digits. */
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** Region names such as `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `eu-isoe-west-1`. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** What EC2 accepts in image-name filters: name characters plus the `*` and `?` wildcards. */
const NAME_FILTER = /^[a-zA-Z0-9 ()[\]./\-'@_*?,]{1,128}$/;

export function isAmiId(value: string): boolean {
  return AMI_ID.test(value);
}

export function isInstanceId(value: string): boolean {
  return INSTANCE_ID.test(value);
}

export function isRegionName(value: string): boolean {
  return REGION.test(value);
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** Returns a message explaining what is wrong with an AMI id, or `undefined` when it is valid. */
export function validateAmiId(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return 'Enter an AMI id, for example ami-0abcdef1234567890.';
  if (!value.startsWith('ami-')) return 'An AMI id starts with "ami-".';
  if (/[A-F]/.test(value)) return 'AMI ids are lowercase.';
  if (!isAmiId(value)) return 'An AMI id is "ami-" followed by 8 or 17 hexadecimal digits.';
  return undefined;
}

/** Returns a message explaining what is wrong with a region name, or `undefined` when it is valid. */
export function validateRegionName(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return 'Enter a region, for example us-east-1.';
  if (!isRegionName(value)) return `${quoted(value)} is not a region name such as us-east-1.`;
  return undefined;
}

/** Returns a message explaining what is wrong with an account id, or `undefined` when it is valid. */
export function validateAccountId(input: string): string | undefined {
  const value = input.trim();
  if (!isAccountId(value)) return `${quoted(value)} is not an AWS account id (12 digits).`;
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
 * Several patterns may be given separated by commas; EC2 matches any of them.
 */
export function validateNameFilter(input: string): string | undefined {
  const value = input.trim();
  if (value.length === 0) return undefined;
  if (!NAME_FILTER.test(value)) {
    return "A name filter uses the characters of AMI names (letters, digits, spaces and ( ) [ ] . / - ' @ _) plus the wildcards * and ?, up to 128 characters.";
  }
  if (splitNameFilter(value).length === 0) return 'The name filter has no pattern in it.';
  return undefined;
}

/** The individual patterns of a name filter (comma separated). */
export function splitNameFilter(input: string): string[] {
  return input
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
