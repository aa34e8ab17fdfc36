import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError, InputError } from '../core/model/errors';
import type { PendingUsageReport } from '../core/services/usageReportWatch';
import { withProgress } from '../ui/progress';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';

/**
 * `amiExplorer.image.showUsage` on an AMI the account owns: what in this account references it
 * (DescribeImageReferences) and, when it is shared (launch permissions or public), which accounts
 * use it: an image usage report, waited for under progress with Cancel (EC2 keeps preparing it
 * and AMI Explorer says when it is ready, also after a reload), shown in a markdown document.
 */
export async function showUsage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const [target] = await imageTargets(deps, clicked, selection, {
    title: 'Show Usage',
    many: false,
  });
  if (!target) return;
  const { ami } = target;
  const label = amiDisplayName(ami);
  if (!target.owned) {
    throw new InputError(
      `Show Usage is for AMIs you own: ${label} (${ami.imageId}) belongs to ${
        ami.ownerAlias ?? ami.ownerId ?? 'another account'
      }.`,
    );
  }
  const pending = await withProgress(`Reading who may launch ${label}…`, async (signal) => {
    const shared =
      ami.isPublic ||
      (await deps.ec2.images.launchPermissions(ami.region, ami.imageId, signal)).length > 0;
    if (!shared) return undefined;
    // A report already in progress for this AMI is followed rather than asked for twice.
    const remembered = deps.usageReports.pendingFor(ami.region, ami.imageId);
    if (remembered) return remembered;
    const reportId = await deps.ec2.insights.createUsageReport(
      ami.region,
      ami.imageId,
      { resourceTypes: ['ec2:Instance', 'ec2:LaunchTemplate'], clientToken: randomUUID() },
      signal,
    );
    const report: PendingUsageReport = {
      region: ami.region,
      imageId: ami.imageId,
      label,
      reportId,
      startedAt: new Date().toISOString(),
    };
    await deps.usageReports.remember(report);
    return report;
  });
  if (pending) {
    try {
      await withProgress(
        `Waiting for EC2's usage report of ${label} (${pending.reportId})…`,
        (signal) => deps.usageReports.wait(pending, signal),
      );
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      void deps.ui.notify(
        'info',
        `EC2 keeps preparing the usage report of ${label} (${pending.reportId}); AMI Explorer ` +
          'says when it is ready.',
      );
      return;
    }
  }
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
  const uri = await withProgress(`Reading what uses ${ref.imageId}…`, (signal) =>
    deps.insightDocuments.load({ kind: 'usage', ...ref }, signal),
  );
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    preview: true,
  });
}
