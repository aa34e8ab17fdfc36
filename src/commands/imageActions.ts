import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { InputError, isCancellation } from '../core/model/errors';
import type { OperationReport, ReportItem } from '../core/model/operationReport';
import type { ContextToken } from '../tree/contextValues';
import { ImageNode, imageContextValue } from '../tree/imageNode';
import { reportResults } from '../ui/reportResults';
import type { CommandDeps } from './commandDeps';
import type { ImageTarget } from './pickImage';
import { pickImage } from './pickImage';
import { withProgress } from './runCommand';
import { selectedNodes } from './selection';

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;

/** Whether an image's menu would offer the capability now (same rules as the tree's menus). */
export function hasCapability(target: ImageTarget, capability: ContextToken): boolean {
  return imageContextValue(target.ami, target.owned, new Date()).split(';').includes(capability);
}

/** `ami-… (name)` for reports and dialogs. */
export function imageSubject(ami: Pick<Ami, 'imageId' | 'name'>): string {
  return ami.name ? `${ami.imageId} (${ami.name})` : ami.imageId;
}

/**
 * The images a command acts on: the clicked node (or the multi-selection it belongs to, when
 * `multi`), else — from the Command Palette — one AMI picked by region among the caller's own that
 * have the capability.
 */
export async function imageTargets(
  deps: CommandDeps,
  clicked: unknown,
  selection: unknown,
  options: { title: string; capability: ContextToken; multi: boolean },
): Promise<ImageTarget[]> {
  const nodes = options.multi
    ? selectedNodes(clicked, selection, isImageNode)
    : isImageNode(clicked)
      ? [clicked]
      : [];
  if (nodes.length > 0) return nodes.map((n) => ({ ami: n.ami, owned: n.owned }));
  const picked = await pickImage(deps, options.title, (ami) =>
    hasCapability({ ami, owned: true }, options.capability),
  );
  return [picked];
}

/** What one image's change produced. */
export interface AppliedChange {
  /** The image as EC2 describes it after the change. */
  image: Ami;
  /** What was done, in words (the report's detail). */
  detail: string;
}

/**
 * Applies a change to each image in turn under a cancellable progress notification, then shows the
 * new state of each changed image in the tree (in place) and in open `ami:` documents of its region.
 * Images without the capability are skipped with `skipReason`; failures are reported per image.
 * With one image, a failure is thrown (the command wrapper shows it) and cancelling is silent.
 */
export async function applyToImages(
  deps: CommandDeps,
  options: {
    /** E.g. "Schedule deprecation"; the report says "<title> of N AMIs". */
    title: string;
    targets: readonly ImageTarget[];
    capability: ContextToken;
    skipReason: string;
    apply: (target: ImageTarget, signal: AbortSignal) => Promise<AppliedChange>;
  },
): Promise<OperationReport> {
  const eligible = options.targets.filter((t) => hasCapability(t, options.capability));
  const items: ReportItem[] = options.targets
    .filter((t) => !eligible.includes(t))
    .map((t) => ({ subject: imageSubject(t.ami), outcome: 'skipped', detail: options.skipReason }));
  if (eligible.length === 0) {
    const which =
      options.targets.length === 1 ? imageSubject(options.targets[0].ami) : 'None of the AMIs';
    throw new InputError(`${options.title}: ${which} — ${options.skipReason}.`);
  }
  const title =
    options.targets.length === 1
      ? `${options.title}: ${amiDisplayName(options.targets[0].ami)}`
      : `${options.title} (${options.targets.length} AMIs)`;
  const report: OperationReport = { title, items };
  const changedRegions = new Set<string>();
  try {
    await withProgress(title, async (signal, progress) => {
      for (const [index, target] of eligible.entries()) {
        const subject = imageSubject(target.ami);
        if (signal.aborted) {
          items.push({ subject, outcome: 'skipped', detail: 'cancelled' });
          continue;
        }
        progress.report({
          message: `${subject} (${index + 1}/${eligible.length})`,
          increment: 100 / eligible.length,
        });
        try {
          const change = await options.apply(target, signal);
          deps.imagesTree.updateImage(change.image);
          changedRegions.add(change.image.region);
          items.push({ subject, outcome: 'succeeded', detail: change.detail });
        } catch (error) {
          if (options.targets.length === 1) throw error;
          if (isCancellation(error)) {
            items.push({ subject, outcome: 'skipped', detail: 'cancelled' });
            continue;
          }
          deps.log.error(`${options.title} ${subject}: ${describeError(error)}`);
          items.push({ subject, outcome: 'failed', detail: describeError(error) });
        }
      }
    });
  } finally {
    for (const region of changedRegions) deps.documents.refresh(region);
  }
  if (items.every((i) => i.outcome === 'skipped' && i.detail === 'cancelled')) return report;
  showReport(report, deps.log);
  return report;
}

/**
 * Shows a report without waiting for the user (the command is done when EC2 is): one sentence for a
 * single success, else the per-item report.
 */
function showReport(report: OperationReport, log: vscode.LogOutputChannel): void {
  const [only] = report.items;
  if (report.items.length === 1 && only?.outcome === 'succeeded') {
    log.info(`${report.title}: ${only.detail ?? 'done'}`);
    void vscode.window.showInformationMessage(`${only.subject}: ${only.detail ?? 'done'}`);
    return;
  }
  void reportResults(report, log);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
