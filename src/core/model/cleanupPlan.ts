import type { Ami, LaunchPermission } from './ami';
import { amiDisplayName, isDeprecated } from './ami';
import { parseProtection } from './deregisterPlan';
import * as l10n from '@vscode/l10n';

/**
 * The cleanup assistant's rules. An AMI is a candidate when every rule that is on chooses it
 * (newest-N, age, last launch), or when it is deprecated/disabled and those are included; then
 * the safety rules (tag, deregistration protection, references, shared, public, not owned) may
 * still refuse it. Every AMI looked at ends up either a candidate or refused, with why.
 */
export interface CleanupRules {
  /** Keep the newest N AMIs of each family (by creation date); 0 turns the rule off. */
  keepNewest: number;
  /** Only AMIs created more than this many days ago; `undefined`: rule off. */
  olderThanDays?: number;
  /**
   * Only AMIs no instance was launched from for this many days (`LastLaunchedTime`; an AMI EC2
   * has no launch time for counts when it was created that long ago); `undefined`: rule off.
   */
  notLaunchedForDays?: number;
  /** Refuse AMIs that DescribeImageReferences finds in use (and those it could not check). */
  requireUnreferenced: boolean;
  /** Choose deprecated AMIs whatever their rank or age. */
  includeDeprecated: boolean;
  /** Choose disabled AMIs whatever their rank or age. */
  includeDisabled: boolean;
  /** Never touch AMIs with this tag (and value, when given). */
  protectTag?: { key: string; value?: string };
  /** Allow AMIs shared with other accounts, organizations or OUs. */
  includeShared: boolean;
  /** Allow public AMIs. */
  includePublic: boolean;
}

/** The defaults the assistant opens with. */
export const DEFAULT_CLEANUP_RULES: CleanupRules = {
  keepNewest: 3,
  requireUnreferenced: true,
  includeDeprecated: false,
  includeDisabled: false,
  protectTag: { key: 'keep', value: 'true' },
  includeShared: false,
  includePublic: false,
};

/** One resource DescribeImageReferences says uses an image. */
export interface ImageReferenceFact {
  /** `ec2:Instance`, `ec2:LaunchTemplate`, `ssm:Parameter`, `imagebuilder:ImageRecipe`… */
  resourceType: string;
  arn: string;
}

/** What is known of an AMI's references: the resources, or why they could not be read. */
export type ReferenceCheck =
  { known: true; references: ImageReferenceFact[] } | { known: false; reason: string };

/** What is known of an AMI's launch permissions (only read for AMIs that may be shared). */
export type SharingCheck =
  { known: true; permissions: LaunchPermission[] } | { known: false; reason: string };

/** Why an AMI is not a candidate. */
export type RefusalKind =
  | 'not-owned'
  | 'not-settled'
  | 'tag'
  | 'protection'
  | 'referenced'
  | 'references-unknown'
  | 'public'
  | 'shared'
  | 'sharing-unknown'
  | 'newest'
  | 'too-young'
  | 'launched-recently'
  | 'no-rule'
  | 'unchecked';

/** One reason, in words. */
export interface Refusal {
  kind: RefusalKind;
  reason: string;
}

/** A snapshot of a candidate: what deregistering with DeleteAssociatedSnapshots may delete. */
export interface CleanupSnapshot {
  snapshotId: string;
  deviceName: string;
  sizeGiB?: number;
  /**
   * Other AMIs listed here that use it and are not candidates: EC2 keeps it with them, so it is
   * not counted in the total.
   */
  keptFor?: string[];
}

/** An AMI the rules chose. */
export interface CleanupCandidate {
  ami: Ami;
  family: string;
  /** The rules that chose it, in words ("5th newest of web-*: keeps 3; created 120 days ago"). */
  chosenBy: string[];
  snapshots: CleanupSnapshot[];
  /** Sum of the sizes of the snapshots that go with it (not those kept for other AMIs). */
  totalGiB: number;
  /** Upper bound: totalGiB × price; snapshots are incremental, so they usually cost less. */
  monthlyCostUpperBound: number;
  /** References found when the not-referenced rule is off (the deregister path asks again). */
  references: ImageReferenceFact[];
}

/** An AMI the rules did not choose or a safety rule refused, with every reason. */
export interface RefusedAmi {
  ami: Ami;
  family: string;
  refusals: Refusal[];
}

/** What the planner needs. */
export interface CleanupInput {
  amis: readonly Ami[];
  /** The family of an AMI (undefined: it is a family of its own, so the newest-N rule keeps it). */
  familyOf: (ami: Ami) => string | undefined;
  /** By image id; an AMI missing here is refused as `unchecked` when the rule needs it. */
  references: ReadonlyMap<string, ReferenceCheck>;
  /** By image id; an AMI missing here is refused as `unchecked` when shared ones are skipped. */
  sharing: ReadonlyMap<string, SharingCheck>;
  /** The caller's account; AMIs owned by others can never be deregistered by it. */
  accountId?: string;
  rules: CleanupRules;
  /** USD per GB-month of snapshot storage. */
  pricePerGbMonth: number;
  now: Date;
}

/**
 * The plan: candidates and refused AMIs (each by region, family, oldest first), and what still
 * needs a check.
 */
export interface CleanupPlan {
  candidates: CleanupCandidate[];
  refused: RefusedAmi[];
  /** AMIs that every other rule chose but whose references or sharing are not known yet. */
  unchecked: { region: string; imageId: string; needs: ('references' | 'sharing')[] }[];
  totals: { amis: number; snapshots: number; gib: number; monthlyCostUpperBound: number };
  rules: CleanupRules;
  pricePerGbMonth: number;
  now: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to `now` (`undefined` when the time is missing or unreadable). */
function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : Math.floor((now.getTime() - at) / DAY_MS);
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Whether the AMI carries the protecting tag (a tag without value matches any value). */
export function hasProtectTag(ami: Pick<Ami, 'tags'>, tag: CleanupRules['protectTag']): boolean {
  if (!tag || tag.key.length === 0) return false;
  return ami.tags.some(
    (t) => t.key === tag.key && (tag.value === undefined || t.value === tag.value),
  );
}

/** The snapshots of an AMI's block-device mapping (each once). */
export function amiSnapshots(ami: Pick<Ami, 'blockDevices'>): CleanupSnapshot[] {
  const seen = new Set<string>();
  const out: CleanupSnapshot[] = [];
  for (const d of ami.blockDevices) {
    const snapshotId = d.ebs?.snapshotId;
    if (!snapshotId || seen.has(snapshotId)) continue;
    seen.add(snapshotId);
    out.push({
      snapshotId,
      deviceName: d.deviceName,
      ...(d.ebs?.volumeSize !== undefined ? { sizeGiB: d.ebs.volumeSize } : {}),
    });
  }
  return out;
}

/** Rounds money to cents for display and export (the estimate is an upper bound anyway). */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Plans a cleanup. Pure: the AMIs, references and launch permissions come from the service.
 * Families are ranked per region (a copy in another region is another AMI to keep).
 */
export function planCleanup(input: CleanupInput): CleanupPlan {
  const { rules, now } = input;
  const familyKey = (ami: Ami): string =>
    input.familyOf(ami) ?? l10n.t('{0} (no family)', ami.name ?? ami.imageId);
  const sweptByState = (ami: Ami): string | undefined => {
    if (rules.includeDisabled && ami.state === 'disabled')
      return l10n.t('disabled (disabled AMIs included)');
    if (rules.includeDeprecated && isDeprecated(ami, now))
      return l10n.t('deprecated since {0} (deprecated AMIs included)', ami.deprecationTime ?? '?');
    return undefined;
  };

  // Rank within each region's family, newest first; AMIs chosen by their state do not count
  // among the ones kept, so N usable versions stay.
  const rank = new Map<string, { position: number; of: number }>();
  const groups = new Map<string, Ami[]>();
  for (const ami of input.amis) {
    if (sweptByState(ami)) continue;
    const key = `${ami.region}\u0000${familyKey(ami)}`;
    const group = groups.get(key);
    if (group) group.push(ami);
    else groups.set(key, [ami]);
  }
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        (Date.parse(b.creationDate ?? '') || 0) - (Date.parse(a.creationDate ?? '') || 0) ||
        b.imageId.localeCompare(a.imageId),
    );
    group.forEach((ami, i) => rank.set(ami.imageId, { position: i + 1, of: group.length }));
  }

  const candidates: CleanupCandidate[] = [];
  const refused: RefusedAmi[] = [];
  const unchecked: CleanupPlan['unchecked'] = [];

  for (const ami of input.amis) {
    const family = familyKey(ami);
    const chosenBy: string[] = [];
    const notChosen: Refusal[] = [];
    const swept = sweptByState(ami);
    if (swept) {
      chosenBy.push(swept);
    } else {
      const r = rank.get(ami.imageId);
      if (rules.keepNewest > 0 && r) {
        if (r.position <= rules.keepNewest)
          notChosen.push({
            kind: 'newest',
            reason: l10n.t(
              '{0} of {1} in {2}: the newest {3} are kept',
              r.position === 1 ? l10n.t('newest') : l10n.t('{0} newest', ordinal(r.position)),
              family,
              ami.region,
              rules.keepNewest,
            ),
          });
        else
          chosenBy.push(
            l10n.t(
              '{0} newest of {1} in {2} ({3}): beyond the newest {4}',
              ordinal(r.position),
              r.of,
              family,
              ami.region,
              rules.keepNewest,
            ),
          );
      }
      const age = daysSince(ami.creationDate, now);
      if (rules.olderThanDays !== undefined) {
        if (age !== undefined && age > rules.olderThanDays)
          chosenBy.push(l10n.t('created {0} days ago (older than {1})', age, rules.olderThanDays));
        else
          notChosen.push({
            kind: 'too-young',
            reason:
              age === undefined
                ? l10n.t('creation date unknown')
                : l10n.t('created {0} days ago (not older than {1})', age, rules.olderThanDays),
          });
      }
      if (rules.notLaunchedForDays !== undefined) {
        const launched = daysSince(ami.lastLaunchedTime, now);
        if (launched !== undefined) {
          if (launched >= rules.notLaunchedForDays)
            chosenBy.push(l10n.t('last launched {0} days ago', launched));
          else
            notChosen.push({
              kind: 'launched-recently',
              reason: l10n.t(
                'launched {0} days ago (within {1})',
                launched,
                rules.notLaunchedForDays,
              ),
            });
        } else if (age !== undefined && age >= rules.notLaunchedForDays) {
          chosenBy.push(l10n.t('no launch recorded, created {0} days ago', age));
        } else {
          notChosen.push({
            kind: 'launched-recently',
            reason: l10n.t(
              'no launch recorded, but created {0}: too recent to tell ({1} days)',
              age === undefined ? l10n.t('at an unknown date') : l10n.t('{0} days ago', age),
              rules.notLaunchedForDays,
            ),
          });
        }
      }
      if (chosenBy.length === 0 && notChosen.length === 0) {
        notChosen.push({
          kind: 'no-rule',
          reason: l10n.t('no rule chose it (every choosing rule is off)'),
        });
      }
    }

    // Safety rules: always checked, so the refused list says everything that protects an AMI.
    const safety: Refusal[] = [];
    if (input.accountId && ami.ownerId && ami.ownerId !== input.accountId)
      safety.push({
        kind: 'not-owned',
        reason: l10n.t('owned by account {0}: only its owner can deregister it', ami.ownerId),
      });
    if (ami.state === 'pending' || ami.state === 'transient')
      safety.push({ kind: 'not-settled', reason: l10n.t('still {0}', String(ami.state)) });
    if (hasProtectTag(ami, rules.protectTag))
      safety.push({
        kind: 'tag',
        reason: l10n.t(
          'protected by its tag {0}{1}',
          rules.protectTag?.key ?? '',
          rules.protectTag?.value !== undefined ? `=${rules.protectTag.value}` : '',
        ),
      });
    const protection = parseProtection(ami.deregistrationProtection, now);
    if (protection.kind !== 'off')
      safety.push({
        kind: 'protection',
        reason:
          protection.kind === 'cooldown'
            ? l10n.t('deregistration protection: protected until {0}', protection.until)
            : l10n.t('deregistration protection is on'),
      });
    if (ami.isPublic && !rules.includePublic)
      safety.push({
        kind: 'public',
        reason: l10n.t('public (public AMIs are skipped unless included)'),
      });

    const needs: ('references' | 'sharing')[] = [];
    const refs = input.references.get(ami.imageId);
    const references: ImageReferenceFact[] = refs?.known ? refs.references : [];
    if (rules.requireUnreferenced) {
      if (!refs) needs.push('references');
      else if (!refs.known)
        safety.push({
          kind: 'references-unknown',
          reason: l10n.t('could not check references: {0}', refs.reason),
        });
      else if (refs.references.length > 0)
        safety.push({ kind: 'referenced', reason: describeReferences(refs.references) });
    }
    if (!rules.includeShared && !ami.isPublic) {
      const sharing = input.sharing.get(ami.imageId);
      if (!sharing) needs.push('sharing');
      else if (!sharing.known)
        safety.push({
          kind: 'sharing-unknown',
          reason: l10n.t('could not read its launch permissions: {0}', sharing.reason),
        });
      else if (sharing.permissions.length > 0)
        safety.push({
          kind: 'shared',
          reason: l10n.t(
            'shared with {0} (shared AMIs are skipped unless included)',
            describeSharing(sharing.permissions),
          ),
        });
    }

    const chosen = notChosen.length === 0 && chosenBy.length > 0;
    if (chosen && safety.length === 0 && needs.length > 0) {
      // Chosen, nothing refuses it yet, but a check is missing: never a candidate unchecked.
      unchecked.push({ region: ami.region, imageId: ami.imageId, needs });
      safety.push({
        kind: 'unchecked',
        reason: l10n.t('not checked yet: {0}', needs.join(' and ')),
      });
    }
    if (!chosen || safety.length > 0) {
      refused.push({ ami, family, refusals: [...safety, ...notChosen] });
      continue;
    }
    candidates.push({
      ami,
      family,
      chosenBy,
      snapshots: amiSnapshots(ami),
      totalGiB: 0,
      monthlyCostUpperBound: 0,
      references,
    });
  }

  // Grouped for reading: regions in the order given, then family, oldest first.
  const regionOrder = new Map<string, number>();
  for (const ami of input.amis)
    if (!regionOrder.has(ami.region)) regionOrder.set(ami.region, regionOrder.size);
  const byPlace = (a: { ami: Ami; family: string }, b: { ami: Ami; family: string }): number =>
    (regionOrder.get(a.ami.region) ?? 0) - (regionOrder.get(b.ami.region) ?? 0) ||
    a.family.localeCompare(b.family) ||
    (Date.parse(a.ami.creationDate ?? '') || 0) - (Date.parse(b.ami.creationDate ?? '') || 0) ||
    a.ami.imageId.localeCompare(b.ami.imageId);
  candidates.sort(byPlace);
  refused.sort(byPlace);

  // A snapshot another AMI keeps using stays (EC2 skips it with DeleteAssociatedSnapshots).
  const chosenIds = new Set(candidates.map((c) => c.ami.imageId));
  const users = new Map<string, string[]>();
  for (const ami of input.amis)
    for (const s of amiSnapshots(ami)) {
      const list = users.get(s.snapshotId);
      if (list) list.push(ami.imageId);
      else users.set(s.snapshotId, [ami.imageId]);
    }
  for (const c of candidates) {
    for (const s of c.snapshots) {
      const keptFor = (users.get(s.snapshotId) ?? []).filter(
        (id) => id !== c.ami.imageId && !chosenIds.has(id),
      );
      if (keptFor.length > 0) s.keptFor = keptFor;
    }
    c.totalGiB = c.snapshots.reduce((n, s) => n + (s.keptFor ? 0 : (s.sizeGiB ?? 0)), 0);
    c.monthlyCostUpperBound = cents(c.totalGiB * input.pricePerGbMonth);
  }

  // Two candidates sharing a snapshot free it once.
  const freed = new Map<string, number>();
  for (const c of candidates)
    for (const s of c.snapshots) if (!s.keptFor) freed.set(s.snapshotId, s.sizeGiB ?? 0);
  const gib = [...freed.values()].reduce((n, v) => n + v, 0);
  return {
    candidates,
    refused,
    unchecked,
    totals: {
      amis: candidates.length,
      snapshots: freed.size,
      gib,
      monthlyCostUpperBound: cents(gib * input.pricePerGbMonth),
    },
    rules,
    pricePerGbMonth: input.pricePerGbMonth,
    now: now.toISOString(),
  };
}

function describeReferences(refs: readonly ImageReferenceFact[]): string {
  const byType = new Map<string, number>();
  for (const r of refs) byType.set(r.resourceType, (byType.get(r.resourceType) ?? 0) + 1);
  const parts = [...byType].map(([type, n]) => `${n} ${type}`);
  const first = refs
    .slice(0, 3)
    .map((r) => r.arn.split(/[:/]/).pop() ?? r.arn)
    .join(', ');
  return l10n.t(
    'referenced (in use): {0} ({1}{2})',
    parts.join(', '),
    first,
    refs.length > 3 ? ', …' : '',
  );
}

function describeSharing(permissions: readonly LaunchPermission[]): string {
  return permissions
    .map(
      (p) =>
        p.userId ??
        p.organizationArn ??
        p.organizationalUnitArn ??
        (p.group === 'all' ? 'everyone' : '?'),
    )
    .join(', ');
}

/** One refused AMI's reasons as one line. */
export function refusalText(refused: RefusedAmi): string {
  return refused.refusals.map((r) => r.reason).join('; ');
}

/** The plan as JSON (what Export JSON writes): plain data, stable keys. */
export function cleanupPlanJson(plan: CleanupPlan): string {
  const ami = (a: Ami): Record<string, unknown> => ({
    region: a.region,
    imageId: a.imageId,
    name: a.name ?? null,
    creationDate: a.creationDate ?? null,
    lastLaunchedTime: a.lastLaunchedTime ?? null,
    state: a.state,
  });
  return `${JSON.stringify(
    {
      generatedAt: plan.now,
      rules: plan.rules,
      pricePerGbMonth: plan.pricePerGbMonth,
      costNote: l10n.t(
        'Upper bound: snapshot size × price. Snapshots are incremental, so deleting them usually saves less.',
      ),
      totals: plan.totals,
      candidates: plan.candidates.map((c) => ({
        ...ami(c.ami),
        family: c.family,
        chosenBy: c.chosenBy,
        snapshots: c.snapshots.map((s) => ({
          snapshotId: s.snapshotId,
          deviceName: s.deviceName,
          sizeGiB: s.sizeGiB ?? null,
          keptFor: s.keptFor ?? [],
        })),
        totalGiB: c.totalGiB,
        monthlyCostUpperBound: c.monthlyCostUpperBound,
      })),
      refused: plan.refused.map((r) => ({
        ...ami(r.ami),
        family: r.family,
        refusals: r.refusals.map((x) => ({ kind: x.kind, reason: x.reason })),
      })),
    },
    null,
    2,
  )}\n`;
}

const CSV_COLUMNS = [
  'decision',
  'region',
  'imageId',
  'name',
  'family',
  'creationDate',
  'lastLaunchedTime',
  'why',
  'snapshots',
  'totalGiB',
  'monthlyCostUpperBoundUsd',
];

/** A CSV field: quoted when it holds a comma, quote or line break; formula starts neutralised. */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A spreadsheet runs a cell starting with = + - @ as a formula; names come from EC2 users.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The plan as CSV (what Export CSV writes): one row per candidate, then one per refused AMI. */
export function cleanupPlanCsv(plan: CleanupPlan): string {
  const rows: (string | number | undefined)[][] = [CSV_COLUMNS];
  for (const c of plan.candidates)
    rows.push([
      'deregister',
      c.ami.region,
      c.ami.imageId,
      c.ami.name,
      c.family,
      c.ami.creationDate,
      c.ami.lastLaunchedTime,
      c.chosenBy.join('; '),
      c.snapshots.map((s) => s.snapshotId).join(' '),
      c.totalGiB,
      c.monthlyCostUpperBound.toFixed(2),
    ]);
  for (const r of plan.refused)
    rows.push([
      'keep',
      r.ami.region,
      r.ami.imageId,
      r.ami.name,
      r.family,
      r.ami.creationDate,
      r.ami.lastLaunchedTime,
      refusalText(r),
      '',
      '',
      '',
    ]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A one-line label of an AMI for lists. */
export function cleanupLabel(ami: Pick<Ami, 'imageId' | 'name'>): string {
  return ami.name ? `${amiDisplayName(ami)} (${ami.imageId})` : ami.imageId;
}
