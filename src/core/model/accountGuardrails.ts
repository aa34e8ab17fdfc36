// The account's AMI guardrails per region, as AMI Explorer shows and edits them: Allowed AMIs
// (state and criteria), image and snapshot block public access.
import type { AllowedImagesState, ImageCriterion } from './imageInsights';

/** What each Allowed AMIs state means, for the pick and the confirmation. */
export const ALLOWED_STATES: readonly {
  state: 'enabled' | 'audit-mode' | 'disabled';
  label: string;
  explained: string;
}[] = [
  {
    state: 'enabled',
    label: 'Enabled',
    explained:
      'Only AMIs that match a criterion can be discovered and launched in this region. Instances already running are not affected.',
  },
  {
    state: 'audit-mode',
    label: 'Audit mode',
    explained:
      'Nothing is blocked: every AMI can still be launched, and each AMI says whether the criteria would allow it (ImageAllowed), so the effect can be checked before enforcing it.',
  },
  {
    state: 'disabled',
    label: 'Disabled',
    explained: 'Every AMI can be discovered and launched. The criteria are kept.',
  },
];

/** "enabled" → "Enabled", "audit-mode" → "Audit mode". */
export function allowedStateLabel(state: AllowedImagesState): string {
  return ALLOWED_STATES.find((s) => s.state === state)?.label ?? state;
}

/** One line per criterion: what an AMI must match. */
export function describeCriterion(c: ImageCriterion): string {
  const parts: string[] = [];
  if (c.imageProviders?.length) parts.push(`providers ${c.imageProviders.join(', ')}`);
  if (c.imageNames?.length) parts.push(`names ${c.imageNames.join(', ')}`);
  if (c.marketplaceProductCodes?.length)
    parts.push(`product codes ${c.marketplaceProductCodes.join(', ')}`);
  if (c.maximumDaysSinceCreated !== undefined)
    parts.push(`created at most ${c.maximumDaysSinceCreated} days ago`);
  if (c.maximumDaysSinceDeprecated !== undefined)
    parts.push(`deprecated at most ${c.maximumDaysSinceDeprecated} days ago`);
  return parts.length > 0 ? parts.join(' · ') : 'matches every AMI';
}

/** The criteria as a summary: "none", or one per line. */
export function describeCriteria(criteria: readonly ImageCriterion[]): string {
  if (criteria.length === 0) return 'no criteria';
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
      problem:
        'Not valid JSON. Example: [{"imageProviders":["amazon"],"imageNames":["al2023-ami-*"]}]',
    };
  }
  if (!Array.isArray(value)) return { problem: 'The criteria are a JSON array: [ {…}, {…} ].' };
  if (value.length > CRITERIA_LIMITS.criteria)
    return { problem: `At most ${CRITERIA_LIMITS.criteria} criteria (${value.length} given).` };
  const criteria: ImageCriterion[] = [];
  let providers = 0;
  for (const [index, raw] of value.entries()) {
    const n = index + 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { problem: `Criterion ${n} is not an object.` };
    const entry = raw as Record<string, unknown>;
    const unknown = Object.keys(entry).find((k) => !KEYS.has(k));
    if (unknown !== undefined)
      return {
        problem: `Criterion ${n}: unknown field "${unknown}" (use ${[...KEYS].join(', ')}).`,
      };
    const c: ImageCriterion = {};
    for (const key of ['imageProviders', 'imageNames', 'marketplaceProductCodes'] as const) {
      const list = entry[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
        return { problem: `Criterion ${n}: ${key} is a list of strings.` };
      c[key] = list as string[];
    }
    for (const p of c.imageProviders ?? []) {
      if (!PROVIDER_ALIASES.has(p) && !/^\d{12}$/.test(p))
        return {
          problem: `Criterion ${n}: "${p}" is not a provider (amazon, aws-marketplace, aws-backup-vault, none, or a 12-digit account id).`,
        };
    }
    if (c.imageProviders?.includes('none') && c.imageProviders.length > 1)
      return { problem: `Criterion ${n}: provider "none" cannot be combined with others.` };
    providers += c.imageProviders?.length ?? 0;
    if (providers > CRITERIA_LIMITS.providers)
      return { problem: `At most ${CRITERIA_LIMITS.providers} providers in all.` };
    if ((c.imageNames?.length ?? 0) > CRITERIA_LIMITS.names)
      return { problem: `Criterion ${n}: at most ${CRITERIA_LIMITS.names} names.` };
    for (const name of c.imageNames ?? []) {
      if (!IMAGE_NAME.test(name) || (name.includes('?') && name.length < 3))
        return {
          problem: `Criterion ${n}: "${name}" is not a valid name pattern (1–128 of A–Z a–z 0–9 ( ) [ ] . / - ' @ _ space, with * and ?).`,
        };
    }
    if ((c.marketplaceProductCodes?.length ?? 0) > CRITERIA_LIMITS.productCodes)
      return { problem: `Criterion ${n}: at most ${CRITERIA_LIMITS.productCodes} product codes.` };
    for (const code of c.marketplaceProductCodes ?? []) {
      if (!PRODUCT_CODE.test(code))
        return {
          problem: `Criterion ${n}: "${code}" is not a product code (1–25 letters or digits).`,
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
        return { problem: `Criterion ${n}: ${key} is a whole number of days (0 or more).` };
      c[key] = days;
    }
    if (Object.keys(c).length === 0)
      return { problem: `Criterion ${n} is empty: give at least one field.` };
    criteria.push(c);
  }
  return { criteria };
}

/** Image block public access, in words. */
export function imageBlockLabel(state: string): string {
  return state === 'block-new-sharing'
    ? 'On: new public sharing of AMIs is blocked'
    : state === 'unblocked'
      ? 'Off: AMIs can be made public'
      : state;
}

/** Snapshot block public access, in words. */
export function snapshotBlockLabel(state: string): string {
  switch (state) {
    case 'block-all-sharing':
      return 'All public sharing of snapshots is blocked';
    case 'block-new-sharing':
      return 'New public sharing of snapshots is blocked';
    case 'unblocked':
      return 'Off: snapshots can be made public';
    default:
      return state;
  }
}
