import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError, InputError } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import { unknownCause } from '../core/services/rereadOutcome';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/**
 * `amiExplorer.image.showUsage` on an AMI the account owns: what in this account references it
 * (DescribeImageReferences) and, when it is shared (launch permissions or public), which accounts
 * use it: an image usage report, waited for under progress with Cancel (EC2 keeps preparing it
 * and AMI Explorer says when it is ready, also after a reload), shown in a markdown document. A
 * report EC2 is already preparing for the AMI is followed, not asked for twice; when the request's
 * outcome is unknown, EC2 is re-read and what it shows is followed or said.
 */
export async function showUsage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const [target] = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Show Usage'),
    many: false,
  });
  if (!target) return;
  const { ami } = target;
  const label = amiDisplayName(ami);
  if (!target.owned) {
    throw new InputError(
      l10n.t(
        'Show Usage is for AMIs you own: {0} ({1}) belongs to {2}.',
        label,
        ami.imageId,
        ami.ownerAlias ?? ami.ownerId ?? l10n.t('another account'),
      ),
    );
  }
  // One progress notification for the whole wait, so a Cancel at any moment is handled once.
  const asked = await withProgress(l10n.t('Show Usage: {0}', label), async (signal, progress) => {
    progress.report({ message: l10n.t('reading who may launch it…') });
    const shared =
      ami.isPublic ||
      (await deps.ec2.images.launchPermissions(ami.region, ami.imageId, signal)).length > 0;
    if (!shared) return undefined;
    progress.report({ message: l10n.t('asking EC2 for a usage report…') });
    const request = await deps.usageReports.request(
      { region: ami.region, imageId: ami.imageId, label },
      { resourceTypes: ['ec2:Instance', 'ec2:LaunchTemplate'], clientToken: randomUUID() },
      signal,
    );
    if (request.kind !== 'following' || request.cancelled) return request;
    progress.report({
      message: l10n.t("waiting for EC2's usage report {0}…", request.pending.reportId),
    });
    try {
      await deps.usageReports.wait(request.pending, signal);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      return { ...request, cancelled: true };
    }
    return request;
  });
  if (asked && asked.kind !== 'following') {
    // Not seen: EC2 may still make it; Show Usage follows a report EC2 is preparing for the AMI.
    const cause = unknownCause(asked.error, l10n.t('the request for a usage report'));
    void deps.ui.notify(
      'warning',
      asked.kind === 'not-seen'
        ? l10n.t(
            '{0} EC2 shows no new usage report of {1} ({2}); it may still make one. Run Show Usage again in a minute: it follows a report EC2 is preparing.',
            cause,
            label,
            ami.imageId,
          )
        : l10n.t(
            '{0} EC2 could not be re-read either ("{1}"), so whether a usage report of {2} ({3}) is being prepared is not known. Run Show Usage again in a minute: it follows a report EC2 is preparing.',
            cause,
            errorSentence(asked.rereadError),
            label,
            ami.imageId,
          ),
    );
    return;
  }
  if (asked?.cancelled) {
    void deps.ui.notify(
      'info',
      l10n.t(
        'EC2 keeps preparing the usage report of {0} ({1}); AMI Explorer says when it is ready.',
        label,
        asked.pending.reportId,
      ),
    );
    return;
  }
  const pending = asked?.pending;
  await openUsage(deps, {
    region: ami.region,
    imageId: ami.imageId,
    ...(pending ? { reportId: pending.reportId } : {}),
  });
}

/** Renders the usage document of an AMI (with this report, if any) and opens it. */
export async function openUsage(
  deps: Pick<CommandDeps, 'insightDocuments'>,
  ref: { region: string; imageId: string; reportId?: string },
): Promise<void> {
  const uri = await withProgress(l10n.t('Reading what uses {0}…', ref.imageId), (signal) =>
    deps.insightDocuments.load({ kind: 'usage', ...ref }, signal),
  );
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    preview: true,
  });
}
