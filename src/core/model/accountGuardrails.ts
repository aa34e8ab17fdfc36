// The account's AMI guardrails per region, as AMI Explorer shows and edits them: Allowed AMIs
// (state and criteria), image and snapshot block public access.
import type { AllowedImagesState, ImageCriterion } from './imageInsights';
import * as l10n from '@vscode/l10n';

/** What each Allowed AMIs state means, for the pick and the confirmation. */
export const ALLOWED_STATES: readonly {
  state: 'enabled' | 'audit-mode' | 'disabled';
  label: string;
  explained: string;
}[] = [
  {
    state: 'enabled',
    label: l10n.t('Enabled'),
    explained: l10n.t(
      'Only AMIs that match a criterion can be discovered and launched in this region. Instances already running are not affected.',
    ),
  },
  {
    state: 'audit-mode',
    label: l10n.t('Audit mode'),
    explained: l10n.t(
      'Nothing is blocked: every AMI can still be launched, and each AMI says whether the criteria would allow it (ImageAllowed), so the effect can be checked before enforcing it.',
    ),
  },
  {
    state: 'disabled',
    label: l10n.t('Disabled'),
    explained: l10n.t('Every AMI can be discovered and launched. The criteria are kept.'),
  },
];

/** "enabled" → "Enabled", "audit-mode" → "Audit mode". */
export function allowedStateLabel(state: AllowedImagesState): string {
  return ALLOWED_STATES.find((s) => s.state === state)?.label ?? state;
}

/** One line per criterion: what an AMI must match. */
export function describeCriterion(c: ImageCriterion): string {
  const parts: string[] = [];
  if (c.imageProviders?.length) parts.push(l10n.t('providers {0}', c.imageProviders.join(', ')));
  if (c.imageNames?.length) parts.push(l10n.t('names {0}', c.imageNames.join(', ')));
  if (c.marketplaceProductCodes?.length)
    parts.push(l10n.t('product codes {0}', c.marketplaceProductCodes.join(', ')));
  if (c.maximumDaysSinceCreated !== undefined)
    parts.push(l10n.t('created at most {0} days ago', c.maximumDaysSinceCreated));
  if (c.maximumDaysSinceDeprecated !== undefined)
    parts.push(l10n.t('deprecated at most {0} days ago', c.maximumDaysSinceDeprecated));
  return parts.length > 0 ? parts.join(' · ') : l10n.t('matches every AMI');
}

/** The criteria as a summary: "none", or one per line. */
export function describeCriteria(criteria: readonly ImageCriterion[]): string {
  if (criteria.length === 0) return l10n.t('no criteria');
  return criteria.map((c, i) => `${i + 1}. ${describeCriterion(c)}`).join('\n');
}

const PROVIDER_ALIASES = new Set(['amazon', 'aws-marketplace', 'aws-backup-vault', 'none']);
const IMAGE_NAME = /^[A-Za-z0-9()[\]./\-'@_*? ]{1,128}$/;
const PRODUCT_CODE = /^[A-Za-z0-9]{1,25}$/;
const KEYS = new Set([
  'imageProviders',
  'imageNames',
  'marketplaceProductCodes',
  'maximumDaysSinceCreated',
  'maximumDaysSinceDeprecated',
]);
/** EC2's limits (ReplaceImageCriteriaInAllowedImagesSettings). */
export const CRITERIA_LIMITS = {
  criteria: 10,
  providers: 200,
  names: 50,
  productCodes: 50,
  maxDays: 2147483647,
};

/** The criteria as the text the user edits: a JSON array, one criterion per object. */
export function criteriaText(criteria: readonly ImageCriterion[]): string {
  return JSON.stringify(criteria);
}

/**
 * Reads and checks the criteria the user typed, with EC2's documented limits, before any call:
 * the criteria or the first problem, as a sentence.
 */
export function parseCriteria(text: string): { criteria: ImageCriterion[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      problem: l10n.t(
        'Not valid JSON. Example: [{"imageProviders":["amazon"],"imageNames":["al2023-ami-*"]}]',
      ),
    };
  }
  if (!Array.isArray(value))
    return { problem: l10n.t('The criteria are a JSON array: [ {…}, {…} ].') };
  if (value.length > CRITERIA_LIMITS.criteria)
    return {
      problem: l10n.t('At most {0} criteria ({1} given).', CRITERIA_LIMITS.criteria, value.length),
    };
  const criteria: ImageCriterion[] = [];
  let providers = 0;
  for (const [index, raw] of value.entries()) {
    const n = index + 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { problem: l10n.t('Criterion {0} is not an object.', n) };
    const entry = raw as Record<string, unknown>;
    const unknown = Object.keys(entry).find((k) => !KEYS.has(k));
    if (unknown !== undefined)
      return {
        problem: l10n.t(
          'Criterion {0}: unknown field "{1}" (use {2}).',
          n,
          unknown,
          [...KEYS].join(', '),
        ),
      };
    const c: ImageCriterion = {};
    for (const key of ['imageProviders', 'imageNames', 'marketplaceProductCodes'] as const) {
      const list = entry[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
        return { problem: l10n.t('Criterion {0}: {1} is a list of strings.', n, key) };
      c[key] = list as string[];
    }
    for (const p of c.imageProviders ?? []) {
      if (!PROVIDER_ALIASES.has(p) && !/^\d{12}$/.test(p))
        return {
          problem: l10n.t(
            'Criterion {0}: "{1}" is not a provider (amazon, aws-marketplace, aws-backup-vault, none, or a 12-digit account id).',
            n,
            p,
          ),
        };
    }
    if (c.imageProviders?.includes('none') && c.imageProviders.length > 1)
      return {
        problem: l10n.t('Criterion {0}: provider "none" cannot be combined with others.', n),
      };
    providers += c.imageProviders?.length ?? 0;
    if (providers > CRITERIA_LIMITS.providers)
      return { problem: l10n.t('At most {0} providers in all.', CRITERIA_LIMITS.providers) };
    if ((c.imageNames?.length ?? 0) > CRITERIA_LIMITS.names)
      return { problem: l10n.t('Criterion {0}: at most {1} names.', n, CRITERIA_LIMITS.names) };
    for (const name of c.imageNames ?? []) {
      if (!IMAGE_NAME.test(name) || (name.includes('?') && name.length < 3))
        return {
          problem: l10n.t(
            'Criterion {0}: "{1}" is not a valid name pattern (1–128 of A–Z a–z 0–9 ( ) [ ] . / - \' @ _ space, with * and ?).',
            n,
            name,
          ),
        };
    }
    if ((c.marketplaceProductCodes?.length ?? 0) > CRITERIA_LIMITS.productCodes)
      return {
        problem: l10n.t(
          'Criterion {0}: at most {1} product codes.',
          n,
          CRITERIA_LIMITS.productCodes,
        ),
      };
    for (const code of c.marketplaceProductCodes ?? []) {
      if (!PRODUCT_CODE.test(code))
        return {
          problem: l10n.t(
            'Criterion {0}: "{1}" is not a product code (1–25 letters or digits).',
            n,
            code,
          ),
        };
    }
    for (const key of ['maximumDaysSinceCreated', 'maximumDaysSinceDeprecated'] as const) {
      const days = entry[key];
      if (days === undefined) continue;
      if (
        typeof days !== 'number' ||
        !Number.isInteger(days) ||
        days < 0 ||
        days > CRITERIA_LIMITS.maxDays
      )
        return {
          problem: l10n.t('Criterion {0}: {1} is a whole number of days (0 or more).', n, key),
        };
      c[key] = days;
    }
    if (Object.keys(c).length === 0)
      return { problem: l10n.t('Criterion {0} is empty: give at least one field.', n) };
    criteria.push(c);
  }
  return { criteria };
}

/** Image block public access, in words. */
export function imageBlockLabel(state: string): string {
  return state === 'block-new-sharing'
    ? l10n.t('On: new public sharing of AMIs is blocked')
    : state === 'unblocked'
      ? l10n.t('Off: AMIs can be made public')
      : state;
}

/** Snapshot block public access, in words. */
export function snapshotBlockLabel(state: string): string {
  switch (state) {
    case 'block-all-sharing':
      return l10n.t('All public sharing of snapshots is blocked');
    case 'block-new-sharing':
      return l10n.t('New public sharing of snapshots is blocked');
    case 'unblocked':
      return l10n.t('Off: snapshots can be made public');
    default:
      return state;
  }
}
