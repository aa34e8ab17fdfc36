import type { Ami } from './ami';
import type { AmiReference, RegionRule } from './amiReferences';
import * as l10n from '@vscode/l10n';

/** Stable codes of the problems reported on AMI ids in code (shown in the Problems view). */
export type ReferenceCode =
  | 'ami-not-found'
  | 'ami-deregistered'
  | 'ami-deprecated'
  | 'ami-deprecation-soon'
  | 'ami-disabled'
  | 'ami-failed'
  | 'ami-pending'
  | 'ami-not-allowed'
  | 'ami-region-map-gap';

export interface ReferenceFinding {
  readonly code: ReferenceCode;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  /** For `ami-region-map-gap`: the regions of the map whose entry lacks the id. */
  readonly lackingRegions?: readonly string[];
}

/** What one region said about the id: its image, nothing, or that it could not be asked. */
export type RegionAnswer =
  | { readonly region: string; readonly kind: 'found'; readonly image: Ami }
  | { readonly region: string; readonly kind: 'missing' }
  | { readonly region: string; readonly kind: 'failed'; readonly reason: string };

export interface ReferenceVerdict {
  /** The images found, one per region. */
  readonly found: readonly Ami[];
  /** Regions whose answer is unknown, with why. */
  readonly unknown: readonly { region: string; reason: string }[];
  readonly findings: readonly ReferenceFinding[];
}

/** How the hover and the problems say where the region came from. */
export function describeRegionRule(rule: RegionRule | undefined, region?: string): string {
  switch (rule) {
    case 'region-key':
      return l10n.t('the region key {0} it is listed under', region ?? '');
    case 'nearby-key':
      return l10n.t('the region {0} set next to it', region ?? '');
    case 'provider':
      return l10n.t('the region {0} of the AWS provider its resource uses', region ?? '');
    case 'command-line':
      return l10n.t('--region {0} on its command line', region ?? '');
    default:
      return l10n.t('no region stated nearby: every configured region');
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The verdict on one AMI id in code, from what each region it was looked for in answered. Nothing
 * is claimed about a region that could not be asked.
 */
export function judgeReference(
  reference: AmiReference,
  answers: readonly RegionAnswer[],
  now: Date,
  deprecationWarningDays: number,
): ReferenceVerdict {
  const found = answers.flatMap((a) => (a.kind === 'found' ? [a.image] : []));
  const unknown = answers.flatMap((a) =>
    a.kind === 'failed' ? [{ region: a.region, reason: a.reason }] : [],
  );
  const findings: ReferenceFinding[] = [];
  const id = reference.imageId;
  if (found.length === 0) {
    if (unknown.length === 0 && answers.length > 0) {
      const where =
        reference.region === undefined
          ? answers.length === 1
            ? l10n.t(
                'any of the {0} configured region ({1})',
                answers.length,
                answers.map((a) => a.region).join(', '),
              )
            : l10n.t(
                'any of the {0} configured regions ({1})',
                answers.length,
                answers.map((a) => a.region).join(', '),
              )
          : l10n.t(
              '{0} (from {1})',
              reference.region.region,
              describeRegionRule(reference.region.rule, reference.region.region),
            );
      findings.push({
        code: 'ami-not-found',
        severity: 'error',
        message: l10n.t(
          '{0} was not found in {1}. It may have been deregistered, or it belongs to another region or account, or it is not shared with you.',
          id,
          where,
        ),
      });
    }
    return { found, unknown, findings };
  }
  for (const image of found) {
    const at = found.length > 1 ? l10n.t(' in {0}', image.region) : '';
    const state = image.state;
    if (state === 'deregistered') {
      findings.push({
        code: 'ami-deregistered',
        severity: 'error',
        message: l10n.t('{0}{1} is deregistered: nothing can be launched from it.', id, at),
      });
    } else if (state === 'disabled') {
      findings.push({
        code: 'ami-disabled',
        severity: 'error',
        message: l10n.t(
          '{0}{1} is disabled: it cannot be launched until its owner enables it again.',
          id,
          at,
        ),
      });
    } else if (state === 'failed' || state === 'error' || state === 'invalid') {
      findings.push({
        code: 'ami-failed',
        severity: 'error',
        message: l10n.t(
          '{0}{1} is {2}{3}: it cannot be launched.',
          id,
          at,
          String(state),
          image.stateReason ? ` (${image.stateReason})` : '',
        ),
      });
    } else if (state === 'pending') {
      findings.push({
        code: 'ami-pending',
        severity: 'information',
        message: l10n.t(
          '{0}{1} is still pending: it cannot be launched until it is available.',
          id,
          at,
        ),
      });
    }
    const deprecation = image.deprecationTime ? new Date(image.deprecationTime) : undefined;
    if (deprecation !== undefined && !Number.isNaN(deprecation.getTime())) {
      const date = deprecation.toISOString().slice(0, 10);
      if (deprecation.getTime() <= now.getTime()) {
        findings.push({
          code: 'ami-deprecated',
          severity: 'warning',
          message: l10n.t('{0}{1} is deprecated since {2}.', id, at, date),
        });
      } else if (deprecation.getTime() - now.getTime() <= deprecationWarningDays * DAY_MS) {
        const days = Math.ceil((deprecation.getTime() - now.getTime()) / DAY_MS);
        findings.push({
          code: 'ami-deprecation-soon',
          severity: 'warning',
          message:
            days === 1
              ? l10n.t('{0}{1} will be deprecated on {2} (in {3} day).', id, at, date, days)
              : l10n.t('{0}{1} will be deprecated on {2} (in {3} days).', id, at, date, days),
        });
      }
    }
    // With Allowed AMIs enabled, EC2 does not show AMIs it would block (only the account's own,
    // which it never blocks); one it shows as not allowed means audit mode: it still launches.
    if (image.imageAllowed === false) {
      findings.push({
        code: 'ami-not-allowed',
        severity: 'warning',
        message: l10n.t(
          "{0}{1} does not meet this account's Allowed AMIs criteria: it launches now (audit mode), but would be blocked if Allowed AMIs were enabled.",
          id,
          at,
        ),
      });
    }
  }
  return { found, unknown, findings };
}

/**
 * Entries of a region map that some regions have and others lack (`GPU` under `us-east-1` but not
 * under `us-west-1`): a stack deployed in the region that lacks it finds no AMI. Found from the
 * text alone; reported on each id of the entry.
 */
export function regionMapGaps(
  references: readonly AmiReference[],
): Map<AmiReference, ReferenceFinding> {
  const gaps = new Map<AmiReference, ReferenceFinding>();
  const maps = new Map<number, AmiReference[]>();
  for (const r of references) {
    if (r.regionMap === undefined || r.mapEntry === undefined || r.mapEntry === '') continue;
    maps.set(r.regionMap.id, [...(maps.get(r.regionMap.id) ?? []), r]);
  }
  for (const entries of maps.values()) {
    const allRegions = entries[0]?.regionMap?.regions ?? [];
    const byEntry = new Map<string, AmiReference[]>();
    for (const r of entries)
      byEntry.set(r.mapEntry ?? '', [...(byEntry.get(r.mapEntry ?? '') ?? []), r]);
    for (const [entry, held] of byEntry) {
      const having = new Set(held.map((r) => r.region?.region));
      const lacking = allRegions.filter((region) => !having.has(region));
      if (lacking.length === 0) continue;
      for (const r of held) {
        gaps.set(r, {
          code: 'ami-region-map-gap',
          severity: 'warning',
          message: l10n.t(
            'This region map has no AMI id under {0} for {1} (it has one for {2}): a stack deployed there finds none.',
            entry,
            lacking.join(', '),
            [...having].join(', '),
          ),
          lackingRegions: lacking,
        });
      }
    }
  }
  return gaps;
}

/** A copy that would give a region map's entry the AMI in a region it lacks. */
export interface GapCopy {
  /** The AMI as written in the map, and the region key it is under. */
  readonly region: string;
  readonly imageId: string;
  /** A region of the same map whose entry has no id. */
  readonly toRegion: string;
}

/**
 * The copies that fill the region-map gap of the id written at `start` (the quick fixes of an
 * `ami-region-map-gap` problem): one per region the entry lacks, from the id's own region.
 */
export function gapCopiesAt(references: readonly AmiReference[], start: number): GapCopy[] {
  for (const [reference, finding] of regionMapGaps(references)) {
    if (reference.start !== start || reference.region === undefined) continue;
    const { region } = reference.region;
    return (finding.lackingRegions ?? []).map((toRegion) => ({
      region,
      imageId: reference.imageId,
      toRegion,
    }));
  }
  return [];
}
