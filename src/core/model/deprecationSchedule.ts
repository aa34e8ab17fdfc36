import { parseFutureUtcTime } from './imageInputs';

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
    { label: 'In 30 days', time: inDays(30) },
    { label: 'In 90 days', time: inDays(90) },
    { label: 'In 180 days', time: inDays(180) },
    { label: 'In 1 year', time: ceilToMinute(oneYear) },
    {
      label: year === now.getUTCFullYear() ? 'End of this year' : `End of ${year}`,
      time: endOfYear,
    },
  ];
}

/** `YYYY-MM-DD HH:MM` in UTC: how times are typed and shown. */
export function formatUtcMinute(time: Date): string {
  return time.toISOString().slice(0, 16).replace('T', ' ');
}

/** Validator for the custom time input: a sentence, or undefined when acceptable. */
export function validateDeprecationTime(input: string, now: Date): string | undefined {
  const parsed = parseFutureUtcTime(input, now);
  return 'error' in parsed ? parsed.error : undefined;
}

/** What deprecation means, for the quick pick and the confirmation (one sentence each). */
export const DEPRECATION_EXPLAINED =
  'A deprecated AMI is hidden from other accounts’ DescribeImages listings unless they ask for deprecated images; it can still be launched by anyone who has its id and launch permission, and you keep seeing it.';
