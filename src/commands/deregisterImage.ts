import type * as vscode from 'vscode';
import type { DeregisterOutcome, DeregisterPlan } from '../core/model/deregisterPlan';
import {
  deregisterReport,
  describeDeregisterPlan,
  parseProtection,
  planDeregister,
  secondConfirmation,
} from '../core/model/deregisterPlan';
import type { OperationReport } from '../core/model/operationReport';
import type { RetentionLookup } from '../core/model/recycleBin';
import { retentionSentence } from '../core/model/recycleBin';
import { requireAllowed } from '../ui/pickers';
import { withProgress } from '../ui/progress';
import { reportResults } from '../ui/reportResults';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** What the command resolves to (what `executeCommand` returns). */
export interface DeregisterImageOutcome {
  plan: DeregisterPlan;
  outcomes: DeregisterOutcome[];
  report: OperationReport;
}

/**
 * `amiExplorer.image.deregister`: inspects the AMIs (in use, protection, snapshots and who else
 * uses them), asks for options, confirms in a modal that names everything that will happen (twice,
 * naming the reason, for AMIs in use, protected, or whose usage could not be checked), deregisters,
 * removes them from the tree and reports per AMI and per snapshot — also after Cancel.
 */
export async function deregisterImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<DeregisterImageOutcome> {
  const picked = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Deregister'),
    capability: 'deregister',
    many: true,
    pickMany: true,
  });
  requireAllowed(picked, 'deregister', l10n.t('Deregister'));
  return deregisterTargets(
    deps,
    picked.map((t) => ({ region: t.ami.region, imageId: t.ami.imageId })),
  );
}

/** How a caller other than the command runs the deregister path (the cleanup assistant). */
export interface DeregisterRun {
  /** Fixed options instead of asking (protected AMIs are then skipped unless `disableProtection`). */
  options?: { deleteSnapshots: boolean; disableProtection: boolean };
  /** A line added to the first confirmation's detail. */
  note?: string;
  /** Carries the plan out (default: the deregister service, AMI by AMI). */
  execute?: (
    plan: DeregisterPlan,
    signal: AbortSignal,
    onOutcome: (index: number, outcome: DeregisterOutcome) => void,
    onBatch: (batch: number, of: number) => void,
  ) => Promise<DeregisterOutcome[]>;
}

/**
 * The deregister path for AMIs already chosen: inspect them (in use, protection, snapshots and who
 * else uses them), ask for options (unless the caller fixed them), confirm naming everything,
 * confirm again for AMIs in use, protected or whose usage is unknown, deregister, publish `gone`,
 * and report per AMI and per snapshot — also after Cancel.
 */
export async function deregisterTargets(
  deps: CommandDeps,
  targets: { region: string; imageId: string }[],
  run: DeregisterRun = {},
): Promise<DeregisterImageOutcome> {
  const regions = [...new Set(targets.map((t) => t.region))];
  const [facts, retention] = await withProgress(
    targets.length === 1
      ? l10n.t('Checking {0} before deregistering…', targets[0]?.imageId ?? '')
      : l10n.t('Checking {0} AMIs before deregistering…', targets.length),
    (signal) =>
      Promise.all([
        deps.deregisterImages.gatherFacts(targets, signal),
        // Alongside the facts: whether what goes can come back (the Recycle Bin's rules).
        Promise.all(
          regions.map(async (region) => {
            const [images, snapshots] = await Promise.all([
              deps.recycleBin.retention(region, 'EC2_IMAGE', signal),
              deps.recycleBin.retention(region, 'EBS_SNAPSHOT', signal),
            ]);
            return { region, images, snapshots };
          }),
        ),
      ]),
  );
  const now = new Date();
  const options = run.options ?? (await askOptions(deps, facts, now));
  const plan = planDeregister(facts, options, now);

  if (plan.decisions.every((d) => d.action === 'skip')) {
    const report = deregisterReport(plan, []);
    void reportResults(deps.ui, deps.log, report);
    return { plan, outcomes: [], report };
  }
  const { message, detail } = describeDeregisterPlan(plan);
  const fullDetail = `${detail}\n\n${recycleBinNote(plan, retention)}`;
  await deps.ui.confirm(
    message,
    run.note ? `${run.note}\n\n${fullDetail}` : fullDetail,
    l10n.t('Deregister'),
  );
  const second = secondConfirmation(plan);
  if (second) await deps.ui.confirm(second.message, second.detail, l10n.t('Deregister Anyway'));

  const execute =
    run.execute ??
    ((
      p: DeregisterPlan,
      signal: AbortSignal,
      onOutcome: (i: number, o: DeregisterOutcome) => void,
    ) => deps.deregisterImages.execute(p, signal, onOutcome));
  const outcomes = await withProgress(l10n.t('Deregistering…'), (signal, progress) =>
    execute(
      plan,
      signal,
      (index, outcome) => {
        const image = plan.decisions[index]?.facts.image;
        if (!image) return;
        progress.report({
          increment: 100 / plan.decisions.length,
          message: `${image.imageId}: ${outcome.kind}`,
        });
        if (outcome.kind === 'deregistered') {
          deps.events.publish({ kind: 'gone', region: image.region, imageId: image.imageId });
        }
      },
      (batch, of) => {
        if (of > 1) progress.report({ message: l10n.t('batch {0} of {1}', batch, of) });
      },
    ),
  );
  const report = deregisterReport(plan, outcomes);
  // Always, also after Cancel: every planned item with what EC2 (or a re-read) showed of it.
  void reportResults(deps.ui, deps.log, report);
  return { plan, outcomes, report };
}

/** Per region: whether the AMIs (and the snapshots deleted with them) go to the Recycle Bin. */
function recycleBinNote(
  plan: DeregisterPlan,
  retention: { region: string; images: RetentionLookup; snapshots: RetentionLookup }[],
): string {
  const acting = plan.decisions.filter((d) => d.action !== 'skip');
  const lines: string[] = [];
  for (const r of retention) {
    const here = acting.filter((d) => d.facts.image.region === r.region);
    if (here.length === 0) continue;
    const prefix = retention.length > 1 ? `${r.region}: ` : '';
    lines.push(prefix + retentionSentence('AMIs', r.region, r.images));
    if (here.some((d) => d.snapshotsToDelete.length > 0))
      lines.push(prefix + retentionSentence('snapshots', r.region, r.snapshots));
  }
  return lines.join('\n');
}

interface OptionItem extends vscode.QuickPickItem {
  option: 'deleteSnapshots' | 'disableProtection';
}

/** One multi-select pick for the options, each explained with what it would touch. */
async function askOptions(
  deps: CommandDeps,
  facts: Awaited<ReturnType<CommandDeps['deregisterImages']['gatherFacts']>>,
  now: Date,
): Promise<{ deleteSnapshots: boolean; disableProtection: boolean }> {
  const snapshots = new Map(facts.flatMap((f) => f.snapshots).map((s) => [s.snapshotId, s]));
  const shared = [...snapshots.values()].filter((s) => s.usedBy.length > 0);
  const gib = [...snapshots.values()].reduce((n, s) => n + (s.sizeGiB ?? 0), 0);
  const protectedOnes = facts.filter(
    (f) => parseProtection(f.image.deregistrationProtection, now).kind === 'on',
  );
  const withCooldown = protectedOnes.filter(
    (f) => f.image.deregistrationProtection === 'enabled-with-cooldown',
  );
  const items: OptionItem[] = [];
  if (snapshots.size > 0) {
    items.push({
      option: 'deleteSnapshots',
      label: l10n.t('Also delete the associated snapshots'),
      description:
        snapshots.size === 1
          ? l10n.t('{0} snapshot, {1} GiB', snapshots.size, gib)
          : l10n.t('{0} snapshots, {1} GiB', snapshots.size, gib),
      detail:
        shared.length > 0
          ? l10n.t(
              'Shared with other AMIs, so EC2 keeps them: {0}',
              shared
                .map((s) => l10n.t('{0} (used by {1})', s.snapshotId, s.usedBy.join(', ')))
                .join('; '),
            )
          : l10n.t('Snapshots another AMI still uses are kept (EC2 skips them).'),
    });
  }
  if (protectedOnes.length > 0) {
    items.push({
      option: 'disableProtection',
      label: l10n.t('Disable deregistration protection first'),
      description:
        protectedOnes.length === 1
          ? l10n.t('{0} protected AMI', protectedOnes.length)
          : l10n.t('{0} protected AMIs', protectedOnes.length),
      detail:
        withCooldown.length > 0
          ? l10n.t(
              'With a cooldown ({0}), EC2 keeps the AMI protected for 24 hours after disabling: those are not deregistered now.',
              withCooldown.map((f) => f.image.imageId).join(', '),
            )
          : l10n.t('Otherwise protected AMIs are skipped.'),
    });
  }
  if (items.length === 0) return { deleteSnapshots: false, disableProtection: false };
  const picked = await deps.ui.pickMany({
    title: l10n.t('Deregister: options (the next step shows exactly what will happen)'),
    placeholder: l10n.t('Tick what to do as well, then press Enter'),
    items,
  });
  return {
    deleteSnapshots: picked.some((i) => i.option === 'deleteSnapshots'),
    disableProtection: picked.some((i) => i.option === 'disableProtection'),
  };
}
