import type { Ami } from './ami';
import type { Fact } from './imagePresentation';
import * as l10n from '@vscode/l10n';

/**
 * What an Images row tells at a glance beyond its state (issue 13 item 1): last launched, Allowed
 * AMIs, Inspector findings, free tier, the public SSM parameter and the source AMI. Everything
 * comes from the DescribeImages record the listing already has; nothing here asks EC2.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 days ago", "2 months ago", "1 year ago" (a future time: "just now"). */
export function relativeTime(iso: string, now: Date): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const ago = now.getTime() - at;
  if (ago < MINUTE) return l10n.t('just now');
  if (ago < HOUR) {
    const n = Math.floor(ago / MINUTE);
    return n === 1 ? l10n.t('{0} minute ago', n) : l10n.t('{0} minutes ago', n);
  }
  if (ago < DAY) {
    const n = Math.floor(ago / HOUR);
    return n === 1 ? l10n.t('{0} hour ago', n) : l10n.t('{0} hours ago', n);
  }
  if (ago < 30 * DAY) {
    const n = Math.floor(ago / DAY);
    return n === 1 ? l10n.t('{0} day ago', n) : l10n.t('{0} days ago', n);
  }
  if (ago < 365 * DAY) {
    const n = Math.floor(ago / (30 * DAY));
    return n === 1 ? l10n.t('{0} month ago', n) : l10n.t('{0} months ago', n);
  }
  const n = Math.floor(ago / (365 * DAY));
  return n === 1 ? l10n.t('{0} year ago', n) : l10n.t('{0} years ago', n);
}

/**
 * When the AMI was last launched: "3 days ago (2024-12-05)", or "never" for an AMI of the
 * caller's own that EC2 reports no launch for. EC2 reports LastLaunchedTime to the owner, so for
 * someone else's AMI an absent time says nothing (undefined).
 */
export function lastLaunchedText(
  ami: Pick<Ami, 'lastLaunchedTime'>,
  owned: boolean,
  now: Date,
): string | undefined {
  if (ami.lastLaunchedTime === undefined) return owned ? l10n.t('never') : undefined;
  const ago = relativeTime(ami.lastLaunchedTime, now);
  return ago ? `${ago} (${ami.lastLaunchedTime.slice(0, 10)})` : ami.lastLaunchedTime;
}

/** Inspector's severities, worst first. */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;

function severityRank(severity: string | undefined): number {
  const i = SEVERITIES.indexOf((severity ?? '').toLowerCase() as (typeof SEVERITIES)[number]);
  return i < 0 ? SEVERITIES.length : i;
}

/** "Critical" from "critical"/"CRITICAL". */
function capitalized(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** What the tooltip says about Inspector's scan of the AMI, or undefined when it was not scanned. */
export function findingsText(
  ami: Pick<Ami, 'findingScanDate' | 'highestFindingSeverity'>,
): string | undefined {
  if (ami.findingScanDate === undefined && ami.highestFindingSeverity === undefined) {
    return undefined;
  }
  const scanned = ami.findingScanDate
    ? l10n.t('scanned {0}', ami.findingScanDate.slice(0, 10))
    : l10n.t('scanned');
  return ami.highestFindingSeverity
    ? l10n.t(
        'highest severity {0} (Amazon Inspector, {1})',
        capitalized(ami.highestFindingSeverity),
        scanned,
      )
    : l10n.t('none found (Amazon Inspector, {0})', scanned);
}

/**
 * What EC2's ImageAllowed=false means for the row. With Allowed AMIs `enabled`, EC2 shows no AMI
 * it does not allow except the account's own (which Allowed AMIs never restricts); so a listed
 * AMI reported as not allowed means audit mode: launches work now and would be blocked once
 * Allowed AMIs is enabled.
 */
export function allowedText(ami: Pick<Ami, 'imageAllowed'>, owned: boolean): string | undefined {
  if (ami.imageAllowed !== false) return undefined;
  return owned
    ? l10n.t('outside the Allowed AMIs criteria (your own AMIs are never blocked)')
    : l10n.t(
        'not allowed by Allowed AMIs: would be blocked if Allowed AMIs were enabled (audit mode)',
      );
}

/** The tooltip rows this module adds to an image's facts, in order; rows without a value left out. */
export function glanceFacts(ami: Ami, owned: boolean, now: Date): Fact[] {
  const facts: Fact[] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.length > 0) facts.push({ label, value });
  };
  add(l10n.t('Last launched'), lastLaunchedText(ami, owned, now));
  add(l10n.t('Allowed AMIs'), allowedText(ami, owned));
  add(l10n.t('Findings'), findingsText(ami));
  add(l10n.t('Free tier'), ami.freeTierEligible === true ? 'eligible' : undefined);
  add(l10n.t('Public SSM parameter'), ami.publicSsmParameterName);
  if (ami.sourceImageId !== undefined) {
    add(
      l10n.t('Source AMI'),
      ami.sourceImageRegion ? `${ami.sourceImageId} (${ami.sourceImageRegion})` : ami.sourceImageId,
    );
  }
  return facts;
}

/** A badge for an Images row: at most two characters, a theme colour id and what it means. */
export interface ImageBadge {
  badge: string;
  color: string;
  tooltip: string;
}

/** The letter and colour of each severity's badge. */
const SEVERITY_BADGES: Record<(typeof SEVERITIES)[number], [string, string]> = {
  critical: ['C', 'problemsErrorIcon.foreground'],
  high: ['H', 'problemsErrorIcon.foreground'],
  medium: ['M', 'problemsWarningIcon.foreground'],
  low: ['L', 'problemsInfoIcon.foreground'],
  informational: ['I', 'problemsInfoIcon.foreground'],
};

/**
 * The badge of an Images row, or undefined: the highest finding severity's letter (C, H, M, L, I)
 * and "!" when Allowed AMIs does not allow it (someone else's AMI only: the account's own are never
 * blocked). Both together read "C!"; the colour is the worse of the two.
 */
export function imageBadge(
  ami: Pick<Ami, 'imageAllowed' | 'highestFindingSeverity'>,
  owned: boolean,
): ImageBadge | undefined {
  const rank = severityRank(ami.highestFindingSeverity);
  const severity = SEVERITIES[rank];
  const notAllowed = ami.imageAllowed === false && !owned;
  if (severity === undefined && !notAllowed) return undefined;
  const [letter, severityColor] = severity ? SEVERITY_BADGES[severity] : ['', ''];
  const parts: string[] = [];
  if (severity) parts.push(l10n.t('{0} vulnerability findings', capitalized(severity)));
  if (notAllowed) parts.push(l10n.t('Not allowed by Allowed AMIs (would be blocked if enabled)'));
  const color =
    severityColor === 'problemsErrorIcon.foreground' || !notAllowed
      ? severityColor
      : 'problemsWarningIcon.foreground';
  return { badge: `${letter}${notAllowed ? '!' : ''}`, color, tooltip: parts.join(' · ') };
}

/**
 * The query of an image row's decoration URI: only what decides the badge, so the URI (and the
 * badge VS Code caches for it) changes exactly when the badge does.
 */
export function badgeQuery(
  ami: Pick<Ami, 'imageAllowed' | 'highestFindingSeverity'>,
  owned: boolean,
): string | undefined {
  const badge = imageBadge(ami, owned);
  if (badge === undefined) return undefined;
  const parts: string[] = [];
  if (ami.highestFindingSeverity)
    parts.push(`severity=${ami.highestFindingSeverity.toLowerCase()}`);
  if (ami.imageAllowed === false && !owned) parts.push('allowed=false');
  return parts.join('&');
}

/** The badge a decoration URI's query stands for (the inverse of `badgeQuery`). */
export function badgeOfQuery(query: string): ImageBadge | undefined {
  const params = new Map(
    query
      .split('&')
      .filter((p) => p.includes('='))
      .map((p) => p.split('=', 2) as [string, string]),
  );
  const severity = params.get('severity');
  return imageBadge(
    {
      ...(severity ? { highestFindingSeverity: severity } : {}),
      ...(params.get('allowed') === 'false' ? { imageAllowed: false } : {}),
    },
    false,
  );
}
