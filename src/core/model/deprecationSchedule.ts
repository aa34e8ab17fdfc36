import { parseFutureUtcTime } from './imageInputs';
import { shown } from './inputText';
import * as l10n from '@vscode/l10n';

/** A ready-made deprecation time offered next to "Custom…". */
export interface DeprecationPreset {
  /** E.g. "In 30 days". */
  label: string;
  /** The time, rounded up to the whole minute (EC2 keeps minutes only). */
  time: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Rounds up to the next whole minute, so a preset never lands in the past or on a second. */
export function ceilToMinute(time: Date): Date {
  return new Date(Math.ceil(time.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * The presets relative to `now`: in 30, 90 and 180 days, in one year, and the end of this year
 * (23:59 UTC on 31 December; next year's when less than a day of this one is left).
 */
export function deprecationPresets(now: Date): DeprecationPreset[] {
  const inDays = (days: number): Date => ceilToMinute(new Date(now.getTime() + days * DAY_MS));
  let year = now.getUTCFullYear();
  let endOfYear = new Date(Date.UTC(year, 11, 31, 23, 59));
  if (endOfYear.getTime() - now.getTime() < DAY_MS) {
    year += 1;
    endOfYear = new Date(Date.UTC(year, 11, 31, 23, 59));
  }
  const oneYear = new Date(now.getTime());
  oneYear.setUTCFullYear(oneYear.getUTCFullYear() + 1);
  return [
    { label: l10n.t('In 30 days'), time: inDays(30) },
    { label: l10n.t('In 90 days'), time: inDays(90) },
    { label: l10n.t('In 180 days'), time: inDays(180) },
    { label: l10n.t('In 1 year'), time: ceilToMinute(oneYear) },
    {
      label:
        year === now.getUTCFullYear() ? l10n.t('End of this year') : l10n.t('End of {0}', year),
      time: endOfYear,
    },
  ];
}

/** `YYYY-MM-DD HH:MM` in UTC: how times are typed and shown. */
export function formatUtcMinute(time: Date): string {
  return time.toISOString().slice(0, 16).replace('T', ' ');
}

/** What decides how late an AMI may be deprecated: whether it is public, and when it was made. */
export interface DeprecationSubject {
  /** Named in the message when the AMI's own limit refuses a time. */
  imageId?: string;
  isPublic: boolean;
  /** ISO 8601, as DescribeImages reports it. */
  creationDate?: string;
}

/** EC2's upper limit for a public AMI's deprecation time, in years from its creation date. */
export const MAX_PUBLIC_DEPRECATION_YEARS = 2;

/**
 * The latest deprecation time EC2 accepts for a public AMI: 2 years after its creation date (10
 * years from now applies to every AMI, see `parseFutureUtcTime`). Without a readable creation date,
 * now stands in for it, the latest it can be. Undefined for an AMI that is not public.
 */
export function publicDeprecationLimit(subject: DeprecationSubject, now: Date): Date | undefined {
  if (!subject.isPublic) return undefined;
  const created = Date.parse(subject.creationDate ?? '');
  const limit = new Date(Number.isNaN(created) ? now.getTime() : created);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PUBLIC_DEPRECATION_YEARS);
  return limit;
}

/**
 * What EC2 would say about deprecating `subject` at `time` beyond the general rules: for a public
 * AMI, a time more than 2 years after its creation date. A sentence, or undefined.
 */
export function publicDeprecationProblem(
  time: Date,
  subject: DeprecationSubject,
  now: Date,
): string | undefined {
  const limit = publicDeprecationLimit(subject, now);
  if (limit === undefined || time.getTime() <= limit.getTime()) return undefined;
  const which =
    subject.imageId !== undefined
      ? l10n.t('{0} is public', shown(subject.imageId))
      : l10n.t('The AMI is public');
  const latest = l10n.t('{0} UTC', formatUtcMinute(limit));
  return limit.getTime() <= now.getTime()
    ? l10n.t(
        '{0}: EC2 accepts a deprecation time up to {1} years after its creation date, and that was {2}.',
        which,
        MAX_PUBLIC_DEPRECATION_YEARS,
        latest,
      )
    : l10n.t(
        '{0}: EC2 accepts a deprecation time up to {1} years after its creation date, so at most {2}.',
        which,
        MAX_PUBLIC_DEPRECATION_YEARS,
        latest,
      );
}

/**
 * Parses a deprecation time for the given AMIs (one time for all of them): a real UTC time,
 * rounded to the minute, in the future, at most 10 years ahead, and for each public AMI at most 2
 * years after its creation date.
 */
export function parseDeprecationTime(
  input: string,
  now: Date,
  subjects: readonly DeprecationSubject[],
): { time: Date } | { error: string } {
  const parsed = parseFutureUtcTime(input, now);
  if ('error' in parsed) return parsed;
  for (const subject of subjects) {
    const problem = publicDeprecationProblem(parsed.time, subject, now);
    if (problem !== undefined) return { error: problem };
  }
  return parsed;
}

/** Validator for the custom time input: a sentence, or undefined when acceptable for every AMI. */
export function validateDeprecationTime(
  input: string,
  now: Date,
  subjects: readonly DeprecationSubject[],
): string | undefined {
  const parsed = parseDeprecationTime(input, now, subjects);
  return 'error' in parsed ? parsed.error : undefined;
}

/** What deprecation means, for the quick pick and the confirmation (one sentence each). */
export const DEPRECATION_EXPLAINED = l10n.t(
  'A deprecated AMI is hidden from other accounts’ DescribeImages listings unless they ask for deprecated images; it can still be launched by anyone who has its id and launch permission, and you keep seeing it.',
);
