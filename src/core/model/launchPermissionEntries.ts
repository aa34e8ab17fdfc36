import type { LaunchPermission } from './ami';
import { quoted } from './inputText';
import { ARN_PARTITIONS } from './validation';
import * as l10n from '@vscode/l10n';

/** Who may launch an image, one principal per entry. */
export type PermissionEntry =
  | { kind: 'public' }
  | { kind: 'account'; value: string }
  | { kind: 'organization'; value: string }
  | { kind: 'ou'; value: string };

/** One token of typed or pasted input, classified. */
export type ParsedToken =
  | { ok: true; entry: Exclude<PermissionEntry, { kind: 'public' }> }
  | { ok: false; token: string; message: string };

/** The result of parsing the add box: valid entries (deduplicated) and the tokens that are not. */
export interface ParsedPermissionInput {
  entries: Exclude<PermissionEntry, { kind: 'public' }>[];
  invalid: { token: string; message: string }[];
}

const ACCOUNT_ID = /^\d{12}$/;
/** `arn:<partition>:organizations::<management account>:` in one of the AWS partitions. */
const ORGANIZATIONS_ARN_PREFIX = `^arn:(?:${ARN_PARTITIONS.join('|')}):organizations::\\d{12}:`;
const ORGANIZATIONS_ARN = new RegExp(ORGANIZATIONS_ARN_PREFIX);
// AWS Organizations ids as EC2 validates them: o- plus 10–32 lowercase letters or digits; OU ids
// ou-<4–32 root chars>-<8–32 chars>.
const ORGANIZATION_ARN = new RegExp(`${ORGANIZATIONS_ARN_PREFIX}organization/o-[a-z0-9]{10,32}$`);
const OU_ARN = new RegExp(
  `${ORGANIZATIONS_ARN_PREFIX}ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$`,
);
/** What people type meaning "everyone": public is a switch of its own, not a token. */
const PUBLIC_WORDS = new Set(['all', 'public', 'everyone', '*']);

/**
 * Classifies one token: a 12-digit account id, an organization ARN or an OU ARN. Messages say what
 * the expected shape is, so the user can fix the token as they type.
 */
export function parsePermissionToken(input: string): ParsedToken {
  const token = input.trim();
  if (ACCOUNT_ID.test(token)) return { ok: true, entry: { kind: 'account', value: token } };
  if (ORGANIZATION_ARN.test(token)) {
    return { ok: true, entry: { kind: 'organization', value: token } };
  }
  if (OU_ARN.test(token)) return { ok: true, entry: { kind: 'ou', value: token } };
  return { ok: false, token, message: explainInvalidToken(token) };
}

function explainInvalidToken(token: string): string {
  const shown = quoted(token);
  if (PUBLIC_WORDS.has(token.toLowerCase())) {
    return l10n.t(
      '{0}: to share with everyone, use Make Public… (a token is an account id, an organization ARN or an OU ARN).',
      shown,
    );
  }
  if (/^[\d-]+$/.test(token)) {
    const digits = token.replace(/-/g, '');
    if (digits.length === 12 && token.includes('-')) {
      return l10n.t('{0}: write the account id without dashes ({1}).', shown, digits);
    }
    return l10n.t(
      '{0} is not an account id: an account id has exactly 12 digits (this has {1}).',
      shown,
      digits.length,
    );
  }
  if (token.startsWith('arn:')) {
    if (!ORGANIZATIONS_ARN.test(token)) {
      return l10n.t(
        '{0} is not an AWS Organizations ARN: expected arn:aws:organizations::<management account id>:organization/o-… or …:ou/o-…/ou-…-….',
        shown,
      );
    }
    if (token.includes(':organization/')) {
      return l10n.t(
        '{0}: an organization ARN ends with organization/o- and 10–32 lowercase letters or digits.',
        shown,
      );
    }
    if (token.includes(':ou/')) {
      return l10n.t(
        '{0}: an OU ARN ends with ou/o-<organization id>/ou-<root id>-<8–32 lowercase letters or digits>.',
        shown,
      );
    }
    return l10n.t('{0}: expected …:organization/o-… or …:ou/o-…/ou-…-….', shown);
  }
  return l10n.t('{0} is neither a 12-digit account id nor an organization or OU ARN.', shown);
}

/**
 * Parses what the user typed or pasted: tokens separated by commas, semicolons, spaces or newlines.
 * Duplicates are dropped (first occurrence wins); invalid tokens are reported, not dropped silently.
 */
export function parsePermissionInput(input: string): ParsedPermissionInput {
  const entries: ParsedPermissionInput['entries'] = [];
  const invalid: ParsedPermissionInput['invalid'] = [];
  for (const part of input.split(/[\s,;]+/)) {
    if (part.length === 0) continue;
    const parsed = parsePermissionToken(part);
    if (!parsed.ok) invalid.push({ token: parsed.token, message: parsed.message });
    else if (!entries.some((e) => entryKey(e) === entryKey(parsed.entry))) {
      entries.push(parsed.entry);
    }
  }
  return { entries, invalid };
}

/** A stable identity for comparing entries. */
export function entryKey(entry: PermissionEntry): string {
  return entry.kind === 'public' ? 'public' : `${entry.kind}:${entry.value}`;
}

/** The entries of DescribeImageAttribute's launch permission list. Unknown shapes are skipped. */
export function entriesFromLaunchPermissions(list: readonly LaunchPermission[]): PermissionEntry[] {
  const out: PermissionEntry[] = [];
  for (const p of list) {
    const entry: PermissionEntry | undefined =
      p.group === 'all'
        ? { kind: 'public' }
        : p.userId !== undefined
          ? { kind: 'account', value: p.userId }
          : p.organizationArn !== undefined
            ? { kind: 'organization', value: p.organizationArn }
            : p.organizationalUnitArn !== undefined
              ? { kind: 'ou', value: p.organizationalUnitArn }
              : undefined;
    if (entry && !out.some((e) => entryKey(e) === entryKey(entry))) out.push(entry);
  }
  return out;
}

/** The launch permission EC2 takes for an entry (ModifyImageAttribute Add/Remove items). */
export function toLaunchPermission(entry: PermissionEntry): LaunchPermission {
  switch (entry.kind) {
    case 'public':
      return { group: 'all' };
    case 'account':
      return { userId: entry.value };
    case 'organization':
      return { organizationArn: entry.value };
    case 'ou':
      return { organizationalUnitArn: entry.value };
  }
}

/** What Apply sends: entries to add and entries to remove. */
export interface PermissionDiff {
  add: PermissionEntry[];
  remove: PermissionEntry[];
}

/** The difference between what EC2 has and what the user wants, in the order the user sees. */
export function diffPermissions(
  current: readonly PermissionEntry[],
  desired: readonly PermissionEntry[],
): PermissionDiff {
  const currentKeys = new Set(current.map(entryKey));
  const desiredKeys = new Set(desired.map(entryKey));
  const add: PermissionEntry[] = [];
  for (const e of desired) {
    if (!currentKeys.has(entryKey(e)) && !add.some((a) => entryKey(a) === entryKey(e))) add.push(e);
  }
  return { add, remove: current.filter((e) => !desiredKeys.has(entryKey(e))) };
}

/** Whether a diff changes nothing. */
export function isEmptyDiff(diff: PermissionDiff): boolean {
  return diff.add.length === 0 && diff.remove.length === 0;
}

/**
 * Which entry an EC2 error is about: EC2 quotes the offending value in its message (e.g.
 * `Invalid attribute item value "1234" for userId item type.`), so the first entry of the diff whose
 * value appears in the message is the one that failed.
 */
export function entryNamedInError(
  diff: PermissionDiff,
  awsMessage: string | undefined,
): PermissionEntry | undefined {
  if (!awsMessage) return undefined;
  return [...diff.add, ...diff.remove].find(
    (e) => e.kind !== 'public' && awsMessage.includes(e.value),
  );
}

/** A human label of an entry, for messages. */
export function describeEntry(entry: PermissionEntry): string {
  switch (entry.kind) {
    case 'public':
      return l10n.t('everyone (public)');
    case 'account':
      return l10n.t('account {0}', entry.value);
    case 'organization':
      return l10n.t('organization {0}', entry.value);
    case 'ou':
      return l10n.t('organizational unit {0}', entry.value);
  }
}
