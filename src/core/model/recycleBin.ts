// The Recycle Bin, as AMI Explorer tells it: retention rules in a confirmation, which recycled
// snapshots a recycled AMI needs, and when a recycled AMI entered and leaves the bin.
import { errorSentence } from './errorSentence';
import type { RecycledImage, RecycledSnapshot } from './imageInsights';

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

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/**
 * One sentence for a confirmation: whether what is about to be deregistered (`AMIs`) or deleted
 * (`snapshots`) goes to the Recycle Bin in `region`, and for how long.
 */
export function retentionSentence(
  what: 'AMIs' | 'snapshots',
  region: string,
  lookup: RetentionLookup,
): string {
  const gone = what === 'AMIs' ? 'deregistered AMIs' : 'deleted snapshots';
  if (lookup.kind === 'unknown') {
    return `Recycle Bin: whether the ${gone} can be restored is unknown, the retention rules in ${region} could not be read (${errorSentence(lookup.error).replace(/\.$/, '')}).`;
  }
  const periods = [...new Set(lookup.rules.map((r) => r.retentionDays))].sort((a, b) => a - b);
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) {
    return `Recycle Bin: no retention rule in ${region} keeps ${gone}, so they cannot be restored.`;
  }
  const span = first === last ? days(first) : `${first} to ${days(last)} (by rule)`;
  const rules =
    lookup.rules.length === 1
      ? `rule ${quoteRule(lookup.rules[0])}`
      : `${lookup.rules.length} rules`;
  return `Recycle Bin: ${gone} go to the Recycle Bin for ${span} (${rules}; a rule limited to tags keeps only what carries them) and can be restored until then.`;
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
  return diff < 0 ? `${-diff} days ago` : `in ${diff} days`;
}

/** The row description of a recycled AMI: when it entered the bin and when it will be deleted. */
export function recycledImageDescription(image: RecycledImage, now: Date): string {
  const parts = [image.imageId];
  const entered = image.enteredAt ? relativeDays(image.enteredAt, now) : undefined;
  const exits = image.exitsAt ? relativeDays(image.exitsAt, now) : undefined;
  if (entered) parts.push(`recycled ${entered}`);
  if (exits) parts.push(`deleted ${exits}`);
  return parts.join(' · ');
}

/** The date part of an ISO time, for tooltips and confirmations ("2026-12-12 09:00 UTC"). */
export function utcTime(iso: string | undefined): string {
  if (!iso) return 'unknown';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
