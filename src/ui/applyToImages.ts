import type * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import type { ImageCapability } from '../core/model/capabilities';
import { refusal } from '../core/model/capabilities';
import {
  InputError,
  OutcomeUnknownError,
  isCancellation,
  outcomeUnknown,
} from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import type { OperationReport, ReportItem } from '../core/model/operationReport';
import type { ImageEvents } from '../core/services/imageEvents';
import { whyUnknown } from '../core/services/rereadOutcome';
import type { ImageTarget } from './pickers';
import { withProgress } from './progress';
import { reportResults } from './reportResults';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/** `ami-… (name)` for reports and dialogs. */
export function imageSubject(ami: Pick<Ami, 'imageId' | 'name'>): string {
  return ami.name ? `${ami.imageId} (${ami.name})` : ami.imageId;
}

/** What one image's change produced. */
export interface AppliedChange {
  /** The image as EC2 describes it after the change. */
  image: Ami;
  /** What was done, in words (the report's detail). */
  detail: string;
}

/** What applying a change needs. */
export interface ApplyDeps {
  ui: Ask;
  log: vscode.LogOutputChannel;
  events: ImageEvents;
}

/**
 * Applies a change to each image in turn under a cancellable progress notification and publishes
 * each image's new record (the tree, documents and panels follow). Images that do not allow the
 * capability are skipped with the reason; failures are reported per image. With one image, a failure
 * is thrown (the command wrapper shows it) and cancelling is silent — unless the cancel (or a lost
 * answer) came while a change was under way: then the outcome is reported as unknown.
 */
export async function applyToImages(
  deps: ApplyDeps,
  options: {
    /** E.g. "Schedule deprecation"; the report says "<title> of N AMIs". */
    title: string;
    targets: readonly ImageTarget[];
    capability: ImageCapability;
    apply: (target: ImageTarget, signal: AbortSignal) => Promise<AppliedChange>;
  },
): Promise<OperationReport> {
  const items: ReportItem[] = [];
  const eligible: ImageTarget[] = [];
  for (const target of options.targets) {
    const why = refusal(target, options.capability);
    if (why) items.push({ subject: imageSubject(target.ami), outcome: 'skipped', detail: why });
    else eligible.push(target);
  }
  if (eligible.length === 0) {
    const [only] = options.targets;
    throw new InputError(
      options.targets.length === 1 && only
        ? `${options.title}: ${imageSubject(only.ami)} — ${refusal(only, options.capability) ?? ''}.`
        : l10n.t(
            '{0}: none of the {1} AMIs allows it ({2}).',
            options.title,
            options.targets.length,
            items.map((i) => `${i.subject}: ${i.detail ?? ''}`).join('; '),
          ),
    );
  }
  const title =
    options.targets.length === 1 && options.targets[0]
      ? `${options.title}: ${amiDisplayName(options.targets[0].ami)}`
      : l10n.t('{0} ({1} AMIs)', options.title, options.targets.length);
  const report: OperationReport = { title, items };
  await withProgress(title, async (signal, progress) => {
    for (const [index, target] of eligible.entries()) {
      const subject = imageSubject(target.ami);
      if (signal.aborted) {
        items.push({ subject, outcome: 'skipped', detail: l10n.t('cancelled') });
        continue;
      }
      progress.report({
        message: `${subject} (${index + 1}/${eligible.length})`,
        increment: 100 / eligible.length,
      });
      try {
        const change = await options.apply(target, signal);
        deps.events.publish({ kind: 'changed', image: change.image });
        items.push({ subject, outcome: 'succeeded', detail: change.detail });
      } catch (error) {
        if (outcomeUnknown(error)) {
          // The change may have been made: never "cancelled" or "failed" without knowing.
          const detail = l10n.t(
            'unknown whether it was applied: {0}; refresh to see what EC2 shows',
            whyUnknown(error),
          );
          if (options.targets.length === 1)
            throw new OutcomeUnknownError(`${options.title}: ${subject} — ${detail}.`);
          items.push({ subject, outcome: 'unknown', detail });
          continue;
        }
        if (options.targets.length === 1) throw error;
        if (isCancellation(error)) {
          items.push({ subject, outcome: 'skipped', detail: l10n.t('cancelled') });
          continue;
        }
        deps.log.error(`${options.title} ${subject}: ${errorSentence(error)}`);
        items.push({ subject, outcome: 'failed', detail: errorSentence(error) });
      }
    }
  });
  if (items.every((i) => i.outcome === 'skipped' && i.detail === 'cancelled')) return report;
  const [only] = report.items;
  if (report.items.length === 1 && only?.outcome === 'succeeded') {
    // One sentence for a single success; the command is done when EC2 is, so nobody waits on it.
    deps.log.info(`${report.title}: ${only.detail ?? 'done'}`);
    void deps.ui.notify('info', `${only.subject}: ${only.detail ?? l10n.t('done')}`);
  } else {
    void reportResults(deps.ui, deps.log, report);
  }
  return report;
}
