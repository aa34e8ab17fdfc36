import * as vscode from 'vscode';
import type { DeregisterOutcome, DeregisterPlan } from '../core/model/deregisterPlan';
import {
  deregisterReport,
  describeDeregisterPlan,
  parseProtection,
  planDeregister,
  secondConfirmationReasons,
} from '../core/model/deregisterPlan';
import { CancelledError, InputError } from '../core/model/errors';
import type { OperationReport } from '../core/model/operationReport';
import type { ImageRef } from '../core/services/deregisterImageService';
import { ImageNode } from '../tree/imageNode';
import { reportResults } from '../ui/reportResults';
import type { CommandDeps } from './commandDeps';
import { pickImages } from './imagePicker';
import { withProgress } from './runCommand';
import { selectedNodes } from './selection';

/**
 * Pre-filled answers instead of the options pick and the modal confirmations (integration tests;
 * only honoured outside production mode).
 */
export interface DeregisterAnswers {
  /** The AMIs when no tree node is given. */
  targets?: ImageRef[];
  deleteSnapshots: boolean;
  disableProtection: boolean;
  /** Answer to the modal confirmation. */
  confirm: boolean;
  /** Answer to the second confirmation (AMIs in use or protected). */
  confirmRisky: boolean;
}

/** What the command resolves to (for scripted callers). */
export interface DeregisterImageOutcome {
  plan: DeregisterPlan;
  outcomes: DeregisterOutcome[];
  report: OperationReport;
}

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;

/**
 * `amiExplorer.image.deregister`: inspects the AMIs (in use, protection, snapshots and who else
 * uses them), asks for options, confirms in a modal that names everything that will happen (twice
 * for AMIs in use or protected), deregisters, removes them from the tree and reports per AMI and
 * per snapshot.
 */
export async function deregisterImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  scripted?: unknown,
): Promise<DeregisterImageOutcome | undefined> {
  const answers = scripted as DeregisterAnswers | undefined;
  const targets = await targetsOf(deps, clicked, selection, answers);
  if (targets.length === 0) throw new InputError('Select an AMI you own first.');
  const facts = await withProgress(
    targets.length === 1
      ? `Checking ${targets[0]?.imageId ?? ''} before deregistering…`
      : `Checking ${targets.length} AMIs before deregistering…`,
    (signal) => deps.deregisterImages.gatherFacts(targets, signal),
  );
  const now = new Date();
  const options = answers
    ? { deleteSnapshots: answers.deleteSnapshots, disableProtection: answers.disableProtection }
    : await askOptions(facts, now);
  const plan = planDeregister(facts, options, now);

  if (plan.decisions.every((d) => d.action === 'skip')) {
    const report = deregisterReport(plan, []);
    void reportResults(report, deps.log);
    return { plan, outcomes: [], report };
  }
  const { message, detail } = describeDeregisterPlan(plan);
  const confirmed = answers
    ? answers.confirm
    : (await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Deregister')) ===
      'Deregister';
  if (!confirmed) throw new CancelledError();
  const risky = secondConfirmationReasons(plan);
  if (risky.length > 0) {
    const again = answers
      ? answers.confirmRisky
      : (await vscode.window.showWarningMessage(
          risky.length === 1
            ? 'This AMI is in use or protected. Deregister it anyway?'
            : `${risky.length} of these AMIs are in use or protected. Deregister them anyway?`,
          {
            modal: true,
            detail: `${risky.join('\n')}\n\nInstances already running keep running; deregistering never affects them. No new instance can be launched from a deregistered AMI.`,
          },
          'Deregister Anyway',
        )) === 'Deregister Anyway';
    if (!again) throw new CancelledError();
  }

  const outcomes = await withProgress('Deregistering…', (signal, progress) =>
    deps.deregisterImages.execute(plan, signal, (index, outcome) => {
      const image = plan.decisions[index]?.facts.image;
      if (!image) return;
      progress.report({
        increment: 100 / plan.decisions.length,
        message: `${image.imageId}: ${outcome.kind}`,
      });
      if (outcome.kind === 'deregistered') {
        deps.imagesTree.removeImages(image.region, [image.imageId]);
        deps.documents.refresh(image.region);
      }
    }),
  );
  const report = deregisterReport(plan, outcomes);
  // Even after a cancel, what was already done must be said; only a no-op cancel stays silent.
  const didSomething = outcomes.some((o) => o.kind !== 'cancelled' && o.kind !== 'skipped');
  if (didSomething || outcomes.every((o) => o.kind !== 'cancelled'))
    void reportResults(report, deps.log);
  return { plan, outcomes, report };
}

async function targetsOf(
  deps: CommandDeps,
  clicked: unknown,
  selection: unknown,
  answers: DeregisterAnswers | undefined,
): Promise<ImageRef[]> {
  const nodes = selectedNodes(clicked, selection, isImageNode);
  if (nodes.length > 0) {
    return nodes.map((n) => ({ region: n.ami.region, imageId: n.ami.imageId }));
  }
  if (answers?.targets) return answers.targets;
  const picked = await pickImages(deps, 'Deregister', {
    canPickMany: true,
    usable: (a) => a.state !== 'pending',
    noneMessage: 'There is no AMI to deregister',
  });
  return picked.map((a) => ({ region: a.region, imageId: a.imageId }));
}

interface OptionItem extends vscode.QuickPickItem {
  option: 'deleteSnapshots' | 'disableProtection';
}

/** One multi-select pick for the options, each explained with what it would touch. */
async function askOptions(
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
      label: 'Also delete the associated snapshots',
      description: `${snapshots.size} snapshot${snapshots.size === 1 ? '' : 's'}, ${gib} GiB`,
      detail:
        shared.length > 0
          ? `Shared with other AMIs, so EC2 keeps them: ${shared.map((s) => `${s.snapshotId} (used by ${s.usedBy.join(', ')})`).join('; ')}`
          : 'Snapshots another AMI still uses are kept (EC2 skips them).',
    });
  }
  if (protectedOnes.length > 0) {
    items.push({
      option: 'disableProtection',
      label: 'Disable deregistration protection first',
      description: `${protectedOnes.length} protected AMI${protectedOnes.length === 1 ? '' : 's'}`,
      detail:
        withCooldown.length > 0
          ? `With a cooldown (${withCooldown.map((f) => f.image.imageId).join(', ')}), EC2 keeps the AMI protected for 24 hours after disabling: those are not deregistered now.`
          : 'Otherwise protected AMIs are skipped.',
    });
  }
  if (items.length === 0) return { deleteSnapshots: false, disableProtection: false };
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Deregister: options (the next step shows exactly what will happen)',
    placeHolder: 'Tick what to do as well, then press Enter',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (picked === undefined) throw new CancelledError();
  return {
    deleteSnapshots: picked.some((i) => i.option === 'deleteSnapshots'),
    disableProtection: picked.some((i) => i.option === 'disableProtection'),
  };
}
