import type * as vscode from 'vscode';
import { errorSentence } from '../core/model/errorSentence';
import type {
  PendingUsageReport,
  PendingUsageReportStore,
  UsageReportOutcome,
} from '../core/services/usageReportWatch';
import type { Ask } from './userInput';
import { workspaceList } from './workspaceList';
import * as l10n from '@vscode/l10n';

const STORE_KEY = 'amiExplorer.pendingUsageReports';

/** Keeps image usage reports in progress in the workspace state, so a reload keeps watching them. */
export function workspaceUsageReportStore(state: vscode.Memento): PendingUsageReportStore {
  return workspaceList(state, STORE_KEY, isPendingUsageReport);
}

function isPendingUsageReport(value: unknown): value is PendingUsageReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.region === 'string' &&
    typeof v.imageId === 'string' &&
    typeof v.label === 'string' &&
    typeof v.reportId === 'string' &&
    typeof v.startedAt === 'string'
  );
}

/**
 * Tells the user how a usage report watched in the background ended; "Show Usage" opens it
 * (`open`).
 */
export async function announceUsageReport(
  deps: { ui: Ask; log: vscode.LogOutputChannel },
  pending: PendingUsageReport,
  outcome: UsageReportOutcome,
  open: (ref: { region: string; imageId: string; reportId: string }) => Promise<void>,
): Promise<void> {
  const what = l10n.t(
    'The usage report of {0} ({1}) in {2}',
    pending.label,
    pending.imageId,
    pending.region,
  );
  if (outcome.kind === 'gone') {
    deps.log.warn(`${what} (${pending.reportId}) is no longer there.`);
    await deps.ui.notify('warning', l10n.t('{0} is no longer there; run Show Usage again.', what));
    return;
  }
  if (outcome.kind === 'given-up') {
    const last = outcome.lastError
      ? l10n.t(' Last error: {0}', errorSentence(outcome.lastError))
      : '';
    deps.log.warn(`${what} (${pending.reportId}) was still not ready after a day.${last}`);
    await deps.ui.notify(
      'warning',
      l10n.t(
        '{0} was still not ready after a day; AMI Explorer stopped watching it.{1}',
        what,
        last,
      ),
    );
    return;
  }
  const ready = outcome.report.state === 'available';
  deps.log.info(`${what} (${pending.reportId}) is ${outcome.report.state}.`);
  const choice = await deps.ui.notify(
    ready ? 'info' : 'error',
    ready
      ? l10n.t('{0} is ready.', what)
      : l10n.t('{0} failed: {1}.', what, outcome.report.stateReason ?? outcome.report.state),
    ...(ready ? [l10n.t('Show Usage')] : []),
  );
  if (choice === l10n.t('Show Usage')) {
    await open({ region: pending.region, imageId: pending.imageId, reportId: pending.reportId });
  }
}
