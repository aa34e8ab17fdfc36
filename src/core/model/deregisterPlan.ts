import type { Ami } from './ami';
import type { OperationReport, ReportItem } from './operationReport';
import * as l10n from '@vscode/l10n';

/** Deregistration protection as EC2 reports it (`DeregistrationProtection`). */
export type ProtectionState =
  | { kind: 'off' }
  /** On; `cooldown`: disabling it keeps the image protected for another 24 hours. */
  | { kind: 'on'; cooldown: boolean }
  /** Disabled with a cooldown that has not run out: still protected until `until`. */
  | { kind: 'cooldown'; until: string };

/**
 * Reads EC2's text: `disabled`, `enabled`, `enabled-with-cooldown`, `enabled-without-cooldown`, or
 * `disabled-until-<ISO time>`. A cooldown that has run out at `now` counts as off.
 */
export function parseProtection(value: string | undefined, now: Date): ProtectionState {
  if (value === undefined || value === '' || value === 'disabled') return { kind: 'off' };
  const until = /^disabled-until-(.+)$/.exec(value)?.[1];
  if (until !== undefined) {
    const at = Date.parse(until);
    return !Number.isNaN(at) && at <= now.getTime() ? { kind: 'off' } : { kind: 'cooldown', until };
  }
  return { kind: 'on', cooldown: value === 'enabled-with-cooldown' };
}

/** One snapshot of an AMI's block-device mapping, with what DescribeSnapshots/Images said of it. */
export interface SnapshotFact {
  snapshotId: string;
  deviceName: string;
  /** GiB, from DescribeSnapshots (or the mapping when the snapshot is not visible). */
  sizeGiB?: number;
  encrypted?: boolean;
  /** Whether DescribeSnapshots returned it (a deleted or foreign snapshot is not). */
  found: boolean;
  ownerId?: string;
  /** Other registered AMIs whose mapping uses this snapshot. */
  usedBy: string[];
}

/** Whether instances were launched from the AMI. */
export type UsageFact =
  | {
      known: true;
      instanceIds: string[];
      /** Which call answered: DescribeImageReferences, or DescribeInstances as a fallback. */
      source: 'DescribeImageReferences' | 'DescribeInstances';
    }
  | { known: false; reason: string };

/** What was found out about one AMI before deregistering it. */
export interface DeregisterFacts {
  image: Pick<
    Ami,
    | 'imageId'
    | 'region'
    | 'name'
    | 'state'
    | 'rootDeviceType'
    | 'imageLocation'
    | 'deregistrationProtection'
    | 'blockDevices'
    | 'ownerId'
  >;
  usage: UsageFact;
  snapshots: SnapshotFact[];
  /** Set when the AMI could not be inspected (then it is skipped). */
  error?: string;
}

/** The user's choices. */
export interface DeregisterOptions {
  /** DeregisterImage with DeleteAssociatedSnapshots. */
  deleteSnapshots: boolean;
  /** Call DisableImageDeregistrationProtection first on protected AMIs. */
  disableProtection: boolean;
  /** The caller's account, when known (snapshots of other accounts cannot be deleted). */
  accountId?: string;
}

/** A reason to ask a second time before deregistering an AMI. */
export type DeregisterRisk =
  | { kind: 'in-use'; instanceIds: string[] }
  | { kind: 'protected' }
  /** DescribeImageReferences and DescribeInstances both failed: `reason` says why. */
  | { kind: 'usage-unknown'; reason: string };

/** What happens to one AMI. */
export type AmiAction =
  /** DeregisterImage (after DisableImageDeregistrationProtection when `disableProtectionFirst`). */
  | 'deregister'
  /** Only DisableImageDeregistrationProtection: the cooldown keeps it protected for 24 hours. */
  | 'disable-protection-only'
  | 'skip';

/** A snapshot that will not be deleted, and why. */
export interface KeptSnapshot {
  snapshot: SnapshotFact;
  reason: string;
}

/** The decision for one AMI. */
export interface AmiDecision {
  facts: DeregisterFacts;
  action: AmiAction;
  disableProtectionFirst: boolean;
  /** Why it is skipped, or why only protection is disabled. */
  reason?: string;
  /** Things the user must know and accept (in use, protected, usage unknown). */
  warnings: string[];
  /** Things worth saying that need no extra consent (instance-store bundle stays in S3). */
  notes: string[];
  /** Deregistering it needs the explicit second confirmation (in use, protected, usage unknown). */
  needsSecondConfirmation: boolean;
  /** Why it needs the second confirmation, one entry per reason. */
  risks: DeregisterRisk[];
  /** Snapshots EC2 is expected to delete with it (DeleteAssociatedSnapshots). */
  snapshotsToDelete: SnapshotFact[];
  snapshotsKept: KeptSnapshot[];
}

/** The whole plan of a deregister action. */
export interface DeregisterPlan {
  decisions: AmiDecision[];
  options: DeregisterOptions;
}

const label = (image: Pick<Ami, 'imageId' | 'name'>): string =>
  image.name ? `${image.imageId} (${image.name})` : image.imageId;

/**
 * Decides, for each AMI, whether and how it is deregistered and which snapshots go with it. Pure:
 * the facts come from the service. A snapshot shared by several AMIs of this action is expected
 * to go with the last of them (EC2 skips it while another registered AMI uses it).
 */
export function planDeregister(
  facts: readonly DeregisterFacts[],
  options: DeregisterOptions,
  now: Date,
): DeregisterPlan {
  const decisions = facts.map((f) => decideAmi(f, options, now));
  const deregistering = decisions
    .map((d, index) => ({ id: d.facts.image.imageId, index, d }))
    .filter((x) => x.d.action === 'deregister');
  const indexOf = new Map(deregistering.map((x) => [x.id, x.index]));
  decisions.forEach((decision, index) => {
    for (const snapshot of decision.facts.snapshots) {
      const keep = (reason: string): void => {
        decision.snapshotsKept.push({ snapshot, reason });
      };
      if (decision.action !== 'deregister') {
        keep(l10n.t('the AMI is not deregistered'));
        continue;
      }
      if (!options.deleteSnapshots) {
        keep(l10n.t('you chose to keep snapshots'));
        continue;
      }
      if (!snapshot.found) {
        keep(l10n.t('not found (already deleted, or not visible to this account)'));
        continue;
      }
      const account = options.accountId ?? decision.facts.image.ownerId;
      if (account && snapshot.ownerId && snapshot.ownerId !== account) {
        keep(l10n.t('owned by account {0}', snapshot.ownerId));
        continue;
      }
      const others = snapshot.usedBy.filter((id) => id !== decision.facts.image.imageId);
      const staying = others.filter((id) => !indexOf.has(id));
      if (staying.length > 0) {
        keep(l10n.t('shared: also used by {0}, so EC2 keeps it', staying.join(', ')));
        continue;
      }
      const later = others.filter((id) => (indexOf.get(id) ?? -1) > index);
      if (later.length > 0) {
        keep(l10n.t('also used by {0}; deleted with that AMI', later.join(', ')));
        continue;
      }
      decision.snapshotsToDelete.push(snapshot);
    }
  });
  return { decisions, options };
}

function decideAmi(facts: DeregisterFacts, options: DeregisterOptions, now: Date): AmiDecision {
  const decision: AmiDecision = {
    facts,
    action: 'deregister',
    disableProtectionFirst: false,
    warnings: [],
    notes: [],
    needsSecondConfirmation: false,
    risks: [],
    snapshotsToDelete: [],
    snapshotsKept: [],
  };
  if (facts.error !== undefined) {
    return {
      ...decision,
      action: 'skip',
      reason: l10n.t('could not be inspected: {0}', facts.error),
    };
  }
  const image = facts.image;
  if (image.rootDeviceType === 'instance-store') {
    decision.notes.push(
      l10n.t(
        'Instance store-backed: its bundle{0} stays in the S3 bucket; delete it there when you no longer need it.',
        image.imageLocation ? ` (${image.imageLocation})` : '',
      ),
    );
  }
  if (facts.usage.known) {
    const n = facts.usage.instanceIds.length;
    if (n > 0) {
      decision.warnings.push(
        n === 1
          ? l10n.t(
              'In use: {0} instance launched from it ({1}); they keep running, but no new instance can be launched from it.',
              n,
              facts.usage.instanceIds.join(', '),
            )
          : l10n.t(
              'In use: {0} instances launched from it ({1}); they keep running, but no new instance can be launched from it.',
              n,
              facts.usage.instanceIds.join(', '),
            ),
      );
      decision.needsSecondConfirmation = true;
      decision.risks.push({ kind: 'in-use', instanceIds: facts.usage.instanceIds });
    }
  } else {
    decision.warnings.push(l10n.t('Could not check whether it is in use: {0}', facts.usage.reason));
    decision.needsSecondConfirmation = true;
    decision.risks.push({ kind: 'usage-unknown', reason: facts.usage.reason });
  }
  const protection = parseProtection(image.deregistrationProtection, now);
  if (protection.kind === 'cooldown') {
    return {
      ...decision,
      action: 'skip',
      reason: l10n.t(
        'deregistration protection was disabled with a cooldown; EC2 keeps it protected until {0}',
        protection.until,
      ),
    };
  }
  if (protection.kind === 'on') {
    if (!options.disableProtection) {
      return {
        ...decision,
        action: 'skip',
        reason: l10n.t('deregistration protection is on (choose to disable it first)'),
      };
    }
    decision.needsSecondConfirmation = true;
    decision.risks.push({ kind: 'protected' });
    if (protection.cooldown) {
      return {
        ...decision,
        action: 'disable-protection-only',
        disableProtectionFirst: true,
        reason: l10n.t(
          'protection has a 24-hour cooldown: it is disabled now, but EC2 keeps the AMI protected for 24 hours; deregister it after that',
        ),
      };
    }
    decision.disableProtectionFirst = true;
    decision.warnings.push(l10n.t('Deregistration protection is on: it is disabled first.'));
  }
  return decision;
}

/** One risk as a phrase after the AMI's label ("ami-1 (web): in use by 2 instances"). */
function riskPhrase(risk: DeregisterRisk): string {
  switch (risk.kind) {
    case 'in-use': {
      const n = risk.instanceIds.length;
      return n === 1 ? l10n.t('in use by {0} instance', n) : l10n.t('in use by {0} instances', n);
    }
    case 'protected':
      return l10n.t('protected (deregistration protection is disabled first)');
    case 'usage-unknown':
      return l10n.t('could not check usage: {0}', risk.reason.replace(/\.$/, ''));
  }
}

/**
 * The second modal confirmation, naming each AMI's reason (in use by N instances, protected, could
 * not check usage and why); `undefined` when no AMI of the plan needs it.
 */
export function secondConfirmation(
  plan: DeregisterPlan,
): { message: string; detail: string } | undefined {
  const risky = plan.decisions.filter((d) => d.action !== 'skip' && d.needsSecondConfirmation);
  if (risky.length === 0) return undefined;
  const after = l10n.t(
    '\n\nInstances already running keep running; deregistering never affects them. No new instance can be launched from a deregistered AMI.',
  );
  const [only] = risky;
  if (risky.length === 1 && only) {
    return {
      message: l10n.t(
        '{0}: {1}. Deregister it anyway?',
        label(only.facts.image),
        only.risks.map(riskPhrase).join('; '),
      ),
      detail: `${only.warnings.join('\n')}${after}`,
    };
  }
  const count = (kind: DeregisterRisk['kind']): number =>
    risky.filter((d) => d.risks.some((r) => r.kind === kind)).length;
  const parts = [
    count('in-use') > 0 ? l10n.t('{0} in use', count('in-use')) : '',
    count('protected') > 0 ? l10n.t('{0} protected', count('protected')) : '',
    count('usage-unknown') > 0
      ? l10n.t('{0} whose usage could not be checked', count('usage-unknown'))
      : '',
  ].filter((p) => p.length > 0);
  return {
    message: l10n.t(
      '{0} of these AMIs need a second confirmation ({1}). Deregister them anyway?',
      risky.length,
      parts.join(', '),
    ),
    detail: `${risky.map((d) => `${label(d.facts.image)}: ${d.risks.map(riskPhrase).join('; ')}`).join('\n')}${after}`,
  };
}

function size(s: SnapshotFact): string {
  return s.sizeGiB !== undefined ? l10n.t('{0} GiB', s.sizeGiB) : l10n.t('size unknown');
}

/**
 * The modal confirmation: a question and a detail naming each AMI and each snapshot, and that
 * running instances are not affected.
 */
export function describeDeregisterPlan(plan: DeregisterPlan): { message: string; detail: string } {
  const acting = plan.decisions.filter((d) => d.action !== 'skip');
  const deleting = acting.reduce((n, d) => n + d.snapshotsToDelete.length, 0);
  const message =
    acting.length === 1 && acting[0]
      ? l10n.t(
          'Deregister {0}{1}?',
          label(acting[0].facts.image),
          deleting > 0
            ? deleting === 1
              ? l10n.t(' and delete {0} snapshot', deleting)
              : l10n.t(' and delete {0} snapshots', deleting)
            : '',
        )
      : l10n.t(
          'Deregister {0} AMIs{1}?',
          acting.length,
          deleting > 0
            ? deleting === 1
              ? l10n.t(' and delete {0} snapshot', deleting)
              : l10n.t(' and delete {0} snapshots', deleting)
            : '',
        );
  const lines: string[] = [
    l10n.t('Deregistering never affects instances already running from these AMIs.'),
    '',
  ];
  for (const d of plan.decisions) {
    const image = d.facts.image;
    const head =
      d.action === 'skip'
        ? l10n.t('{0} in {1}: skipped — {2}', label(image), image.region, d.reason ?? '')
        : d.action === 'disable-protection-only'
          ? l10n.t(
              '{0} in {1}: only disable deregistration protection — {2}',
              label(image),
              image.region,
              d.reason ?? '',
            )
          : l10n.t(
              '{0} in {1}: {2}',
              label(image),
              image.region,
              d.disableProtectionFirst
                ? l10n.t('disable deregistration protection, then deregister')
                : l10n.t('deregister'),
            );
    lines.push(head);
    for (const w of d.warnings) lines.push(`  ⚠ ${w}`);
    for (const n of d.notes) lines.push(`  • ${n}`);
    if (d.action !== 'deregister') continue;
    for (const s of d.snapshotsToDelete)
      lines.push(l10n.t('  − delete snapshot {0} ({1}, {2})', s.snapshotId, size(s), s.deviceName));
    for (const k of d.snapshotsKept)
      lines.push(
        l10n.t(
          '  = keep snapshot {0} ({1}): {2}',
          k.snapshot.snapshotId,
          size(k.snapshot),
          k.reason,
        ),
      );
  }
  if (plan.options.deleteSnapshots) {
    lines.push(
      '',
      l10n.t(
        'Snapshots that another AMI still uses are kept: EC2 skips them when deleting associated snapshots.',
      ),
    );
  }
  return { message, detail: lines.join('\n') };
}

/** What EC2 did to one snapshot when DeregisterImage deleted the associated snapshots. */
export interface SnapshotDeleteResult {
  snapshotId: string;
  returnCode: string;
}

/**
 * What a re-read showed of a snapshot that was to be deleted with its AMI when EC2's answer did not
 * say (no DeleteSnapshotResults for it, or no answer at all).
 */
export interface SnapshotReread {
  snapshotId: string;
  /** `deleted`: DescribeSnapshots no longer returns it; `exists`: it does; `unknown`: not readable. */
  state: 'deleted' | 'exists' | 'unknown';
  /** Why it could not be read (`unknown`). */
  error?: string;
}

/** How deregistering one AMI went (what the service did, and what EC2 showed of it). */
export type DeregisterOutcome =
  | {
      kind: 'deregistered';
      protectionDisabled: boolean;
      /** DeregisterImage's DeleteSnapshotResults (empty without DeleteAssociatedSnapshots). */
      snapshotResults: SnapshotDeleteResult[];
      /**
       * Set when the outcome was unknown and a re-read showed the AMI gone: why it was unknown
       * ("the request was cancelled while it was under way", …).
       */
      confirmedByRereading?: string;
      /** Planned snapshot deletions that EC2's answer did not mention, as a re-read showed them. */
      snapshotRereads: SnapshotReread[];
    }
  /** Protection disabled, deregistration left for after the cooldown; `protection` is EC2's new text. */
  | { kind: 'protection-disabled'; protection?: string }
  | { kind: 'skipped'; reason: string }
  /** EC2 refused the step: nothing of it was applied. */
  | {
      kind: 'failed';
      step: 'disable-protection' | 'deregister';
      error: string;
      protectionDisabled: boolean;
    }
  /**
   * Neither EC2's answer nor a re-read established the step's outcome: `why` it was unknown, and
   * what the re-read `seen` (e.g. "a re-read still shows it registered").
   */
  | {
      kind: 'unknown';
      step: 'disable-protection' | 'deregister';
      why: string;
      seen: string;
      protectionDisabled: boolean;
    }
  /** Cancelled before this AMI's request was sent (after disabling its protection, if so). */
  | { kind: 'cancelled'; protectionDisabled?: boolean };

const RETURN_CODES: Record<string, { outcome: ReportItem['outcome']; detail: string }> = {
  success: { outcome: 'succeeded', detail: l10n.t('deleted') },
  skipped: { outcome: 'skipped', detail: l10n.t('kept: another AMI still uses it') },
  'missing-permissions': {
    outcome: 'failed',
    detail: l10n.t(
      'not deleted: missing permission (ec2:DeleteSnapshot, or the snapshot belongs to another account)',
    ),
  },
  'internal-error': { outcome: 'failed', detail: l10n.t('not deleted: EC2 had an internal error') },
  'client-error': { outcome: 'failed', detail: l10n.t('not deleted: EC2 refused the request') },
};

const REREAD: Record<SnapshotReread['state'], { outcome: ReportItem['outcome']; detail: string }> =
  {
    deleted: { outcome: 'succeeded', detail: l10n.t('deleted (confirmed by re-reading)') },
    exists: {
      outcome: 'failed',
      detail: l10n.t("not deleted: it still exists when re-read (EC2's answer did not mention it)"),
    },
    unknown: { outcome: 'unknown', detail: l10n.t('unknown: it could not be re-read') },
  };

const PROTECTION_NOTE = l10n.t(' (deregistration protection disabled first)');

/**
 * The report of a deregister action: one line per AMI, then one per snapshot of its plan — EC2's
 * result for it, what a re-read showed where EC2 did not say, or why it was not deleted. Every
 * planned item has a line, also after a cancel or a failure.
 */
export function deregisterReport(
  plan: DeregisterPlan,
  outcomes: readonly DeregisterOutcome[],
): OperationReport {
  const items: ReportItem[] = [];
  plan.decisions.forEach((d, i) => {
    const image = d.facts.image;
    const subject = l10n.t('{0} in {1}', label(image), image.region);
    const outcome: DeregisterOutcome = outcomes[i] ?? {
      kind: 'skipped',
      reason: d.reason ?? l10n.t('not attempted'),
    };
    const snapshotSubject = (id: string): string => {
      const fact = d.facts.snapshots.find((s) => s.snapshotId === id);
      return l10n.t(
        '  snapshot {0}{1}',
        id,
        fact?.sizeGiB !== undefined ? l10n.t(' ({0} GiB)', fact.sizeGiB) : '',
      );
    };
    /** The planned deletions, when the AMI was not (or not knowingly) deregistered. */
    const plannedDeletions = (line: Omit<ReportItem, 'subject'>): void => {
      for (const s of d.snapshotsToDelete)
        items.push({ subject: snapshotSubject(s.snapshotId), ...line });
    };
    switch (outcome.kind) {
      case 'deregistered': {
        const how = outcome.confirmedByRereading
          ? l10n.t(' (confirmed by re-reading: {0})', outcome.confirmedByRereading)
          : '';
        items.push({
          subject,
          outcome: 'succeeded',
          detail: l10n.t(
            'deregistered{0}{1}',
            outcome.protectionDisabled ? PROTECTION_NOTE : '',
            how,
          ),
        });
        const results = new Map(outcome.snapshotResults.map((r) => [r.snapshotId, r.returnCode]));
        for (const [snapshotId, code] of results) {
          const known = RETURN_CODES[code] ?? {
            outcome: 'failed' as const,
            detail: l10n.t('not deleted: {0}', code),
          };
          const fact = d.facts.snapshots.find((s) => s.snapshotId === snapshotId);
          const shared =
            code === 'skipped' && fact && fact.usedBy.length > 0
              ? l10n.t('kept: shared with {0}', fact.usedBy.join(', '))
              : known.detail;
          items.push({
            subject: snapshotSubject(snapshotId),
            outcome: known.outcome,
            detail: shared,
          });
        }
        const reread = new Set<string>();
        for (const r of outcome.snapshotRereads) {
          if (results.has(r.snapshotId)) continue;
          reread.add(r.snapshotId);
          const line = REREAD[r.state];
          items.push({
            subject: snapshotSubject(r.snapshotId),
            outcome: line.outcome,
            detail:
              r.state === 'unknown'
                ? l10n.t(
                    '{0}{1}; check it in the EC2 console',
                    line.detail,
                    r.error ? ` (${r.error})` : '',
                  )
                : line.detail,
          });
        }
        // A planned deletion neither EC2 nor a re-read spoke of (the service re-reads them all).
        for (const s of d.snapshotsToDelete) {
          if (results.has(s.snapshotId) || reread.has(s.snapshotId)) continue;
          items.push({
            subject: snapshotSubject(s.snapshotId),
            outcome: 'unknown',
            detail: l10n.t("unknown: EC2's answer did not mention it; check it in the EC2 console"),
          });
        }
        if (plan.options.deleteSnapshots) {
          // Snapshots EC2 did not report on (e.g. not owned): say why they stay.
          for (const k of d.snapshotsKept) {
            if (results.has(k.snapshot.snapshotId)) continue;
            items.push({
              subject: l10n.t('  snapshot {0}', k.snapshot.snapshotId),
              outcome: 'skipped',
              detail: l10n.t('kept: {0}', k.reason),
            });
          }
        }
        break;
      }
      case 'protection-disabled':
        items.push({
          subject,
          outcome: 'skipped',
          detail: l10n.t(
            'not deregistered: deregistration protection is disabled, but with its cooldown EC2 keeps the AMI protected for 24 hours{0}; deregister it after that',
            outcome.protection ? ` (${outcome.protection})` : '',
          ),
        });
        break;
      case 'skipped':
        items.push({ subject, outcome: 'skipped', detail: outcome.reason });
        break;
      case 'cancelled':
        items.push({
          subject,
          outcome: 'skipped',
          detail: l10n.t(
            'not deregistered: cancelled before its request was sent{0}',
            outcome.protectionDisabled
              ? l10n.t(' (its deregistration protection had already been disabled)')
              : '',
          ),
        });
        plannedDeletions({
          outcome: 'skipped',
          detail: l10n.t('not deleted: its AMI was not deregistered'),
        });
        break;
      case 'failed':
        items.push({
          subject,
          outcome: 'failed',
          detail:
            outcome.step === 'disable-protection'
              ? l10n.t('could not disable deregistration protection: {0}', outcome.error)
              : `${outcome.protectionDisabled ? l10n.t('protection was disabled, but deregistering failed') : l10n.t('deregistering failed')}: ${outcome.error}`,
        });
        plannedDeletions({
          outcome: 'skipped',
          detail: l10n.t('not deleted: its AMI was not deregistered'),
        });
        break;
      case 'unknown':
        items.push({
          subject,
          outcome: 'unknown',
          detail:
            outcome.step === 'disable-protection'
              ? l10n.t(
                  'unknown whether deregistration protection was disabled: {0}; {1}. It was not deregistered.',
                  outcome.why,
                  outcome.seen,
                )
              : l10n.t(
                  'unknown whether it was deregistered{0}: {1}; {2}.',
                  outcome.protectionDisabled ? PROTECTION_NOTE : '',
                  outcome.why,
                  outcome.seen,
                ),
        });
        plannedDeletions(
          outcome.step === 'disable-protection'
            ? { outcome: 'skipped', detail: l10n.t('not deleted: its AMI was not deregistered') }
            : {
                outcome: 'unknown',
                detail: l10n.t(
                  'unknown: deleted only if its AMI was deregistered; check it after a refresh',
                ),
              },
        );
        break;
    }
  });
  const n = plan.decisions.length;
  return { title: n === 1 ? l10n.t('Deregister AMI') : l10n.t('Deregister {0} AMIs', n), items };
}
