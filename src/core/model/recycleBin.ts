// The Recycle Bin, as AMI Explorer tells it: retention rules in a confirmation, which recycled
// snapshots a recycled AMI needs, and when a recycled AMI entered and leaves the bin.
import { errorSentence } from './errorSentence';
import type { RecycledImage, RecycledSnapshot } from './imageInsights';
import * as l10n from '@vscode/l10n';

/** A Recycle Bin retention rule (rbin ListRules' summary: tag conditions are not part of it). */
export interface RetentionRule {
  identifier: string;
  retentionDays: number;
  description?: string;
  /** `locked`, `pending_unlock` or `unlocked`. */
  lockState?: string;
}

/** What is known of the retention rules for one resource type in a region. */
export type RetentionLookup =
  | { kind: 'rules'; rules: RetentionRule[] }
  /** The rules could not be read (not allowed, unreachable): say so, never guess. */
  | { kind: 'unknown'; error: unknown };

const days = (n: number): string => (n === 1 ? l10n.t('{0} day', n) : l10n.t('{0} days', n));

/**
 * One sentence for a confirmation: whether what is about to be deregistered (`AMIs`) or deleted
 * (`snapshots`) goes to the Recycle Bin in `region`, and for how long.
 */
export function retentionSentence(
  what: 'AMIs' | 'snapshots',
  region: string,
  lookup: RetentionLookup,
): string {
  const gone = what === 'AMIs' ? l10n.t('deregistered AMIs') : l10n.t('deleted snapshots');
  if (lookup.kind === 'unknown') {
    return l10n.t(
      'Recycle Bin: whether the {0} can be restored is unknown, the retention rules in {1} could not be read ({2}).',
      gone,
      region,
      errorSentence(lookup.error).replace(/\.$/, ''),
    );
  }
  const periods = [...new Set(lookup.rules.map((r) => r.retentionDays))].sort((a, b) => a - b);
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) {
    return l10n.t(
      'Recycle Bin: no retention rule in {0} keeps {1}, so they cannot be restored.',
      region,
      gone,
    );
  }
  const span = first === last ? days(first) : l10n.t('{0} to {1} (by rule)', first, days(last));
  const rules =
    lookup.rules.length === 1
      ? l10n.t('rule {0}', quoteRule(lookup.rules[0]))
      : l10n.t('{0} rules', lookup.rules.length);
  return l10n.t(
    'Recycle Bin: {0} go to the Recycle Bin for {1} ({2}; a rule limited to tags keeps only what carries them) and can be restored until then.',
    gone,
    span,
    rules,
  );
}

function quoteRule(rule: RetentionRule | undefined): string {
  if (!rule) return '';
  return rule.description ? `“${rule.description}”` : rule.identifier;
}

/**
 * The recycled snapshots EC2 made for a recycled AMI: CreateImage and CopyImage describe each
 * snapshot as "… for ami-…". Snapshots of other origins (RegisterImage) carry no such link: they are
 * found after the AMI is restored, from its block devices.
 */
export function snapshotsOfRecycledImage(
  imageId: string,
  snapshots: readonly RecycledSnapshot[],
): RecycledSnapshot[] {
  const mention = new RegExp(`\\bfor ${imageId.replace(/[^a-z0-9-]/gi, '')}\\b`);
  return snapshots.filter((s) => s.description !== undefined && mention.test(s.description));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "today", "yesterday", "3 days ago", "in 12 days", "tomorrow" relative to `now`. */
export function relativeDays(iso: string, now: Date): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const diff = Math.round((at - now.getTime()) / DAY_MS);
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  return diff < 0 ? l10n.t('{0} days ago', -diff) : l10n.t('in {0} days', diff);
}

/** The row description of a recycled AMI: when it entered the bin and when it will be deleted. */
export function recycledImageDescription(image: RecycledImage, now: Date): string {
  const parts = [image.imageId];
  const entered = image.enteredAt ? relativeDays(image.enteredAt, now) : undefined;
  const exits = image.exitsAt ? relativeDays(image.exitsAt, now) : undefined;
  if (entered) parts.push(l10n.t('recycled {0}', entered));
  if (exits) parts.push(l10n.t('deleted {0}', exits));
  return parts.join(' · ');
}

/** The date part of an ISO time, for tooltips and confirmations ("2026-12-12 09:00 UTC"). */
export function utcTime(iso: string | undefined): string {
  if (!iso) return 'unknown';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return l10n.t('{0} UTC', at.toISOString().slice(0, 16).replace('T', ' '));
}
