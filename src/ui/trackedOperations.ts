import type * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import type {
  OperationOutcome,
  OperationStore,
  TrackedOperation,
} from '../core/services/operationTracker';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { TreeNode } from '../tree/treeNode';
import type { GiveUpReason, UnknownCopy, UnknownCopyStore } from '../core/services/unknownCopies';
import { givenUpSentence } from '../core/services/unknownCopies';
import { revealImage } from './revealImage';
import type { Ask } from './userInput';
import { workspaceList } from './workspaceList';
import * as l10n from '@vscode/l10n';

const STORE_KEY = 'amiExplorer.trackedOperations';

/** Keeps in-flight operations in the workspace state so polling resumes after a reload. */
export function workspaceOperationStore(state: vscode.Memento): OperationStore {
  return workspaceList(state, STORE_KEY, isTrackedOperation);
}

const UNKNOWN_COPIES_KEY = 'amiExplorer.unknownCopies';

/** Keeps copies whose outcome is unknown in the workspace state so the search resumes after a reload. */
export function workspaceUnknownCopyStore(state: vscode.Memento): UnknownCopyStore {
  return workspaceList(state, UNKNOWN_COPIES_KEY, isUnknownCopy);
}

function isUnknownCopy(value: unknown): value is UnknownCopy {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.region === 'string' &&
    typeof v.name === 'string' &&
    typeof v.sourceImageId === 'string' &&
    typeof v.sourceRegion === 'string' &&
    typeof v.startedAt === 'string' &&
    !Number.isNaN(Date.parse(v.startedAt)) &&
    (v.clientToken === undefined || typeof v.clientToken === 'string')
  );
}

/** Tells the user that a copy whose outcome was unknown is no longer looked for, and what to check. */
export async function announceCopyGivenUp(
  deps: { ui: Ask; log: vscode.LogOutputChannel },
  copy: UnknownCopy,
  reason: GiveUpReason,
): Promise<void> {
  const sentence = givenUpSentence(copy, reason);
  deps.log.warn(sentence);
  await deps.ui.notify('warning', sentence);
}

function isTrackedOperation(value: unknown): value is TrackedOperation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.region === 'string' &&
    typeof v.imageId === 'string' &&
    typeof v.label === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.startedAt === 'string'
  );
}

const VERBS: Record<TrackedOperation['kind'], string> = {
  create: l10n.t('Image'),
  copy: l10n.t('Copy'),
  register: l10n.t('Registered image'),
  reregister: l10n.t('Re-registered image'),
};

/** Tells the user how a tracked operation ended, with "Reveal in Tree" when it worked. */
export async function announceSettled(
  deps: {
    ui: Ask;
    view: vscode.TreeView<TreeNode>;
    tree: ImagesTreeProvider;
    log: vscode.LogOutputChannel;
  },
  operation: TrackedOperation,
  outcome: OperationOutcome,
): Promise<void> {
  const { ui, view, tree, log } = deps;
  const what = l10n.t(
    '{0} {1} ({2}) in {3}',
    VERBS[operation.kind],
    operation.label,
    operation.imageId,
    operation.region,
  );
  if (outcome.kind === 'gone') {
    log.warn(`${what} disappeared while pending (deregistered?).`);
    await ui.notify(
      'warning',
      l10n.t('{0} is no longer there: it was deregistered while pending.', what),
    );
    return;
  }
  if (outcome.kind === 'failed') {
    const reason = outcome.image.stateReason ? `: ${outcome.image.stateReason}` : '.';
    log.error(`${what} ended ${outcome.image.state}${reason}`);
    const choice = await ui.notify(
      'error',
      l10n.t('{0} ended {1}{2}', what, String(outcome.image.state), reason),
      l10n.t('Show Log'),
    );
    if (choice === l10n.t('Show Log')) log.show(true);
    return;
  }
  log.info(`${what} is available.`);
  const choice = await ui.notify(
    'info',
    l10n.t(
      '{0} {1} ({2}) is available in {3}.',
      VERBS[operation.kind],
      amiDisplayName(outcome.image),
      operation.imageId,
      operation.region,
    ),
    l10n.t('Reveal in Tree'),
  );
  if (choice === l10n.t('Reveal in Tree')) {
    tree.showImage(outcome.image);
    if (!(await revealImage(view, tree, operation.region, operation.imageId))) {
      await ui.notify(
        'info',
        l10n.t(
          '{0} is not shown in the Images view: its region is not listed or it is outside the current scope.',
          operation.imageId,
        ),
      );
    }
  }
}
