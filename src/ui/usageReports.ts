import type * as vscode from 'vscode';
import { errorSentence } from '../core/model/errorSentence';
import type {
  PendingUsageReport,
  PendingUsageReportStore,
  UsageReportOutcome,
} from '../core/services/usageReportWatch';
import type { Ask } from './userInput';
import { workspaceList } from './workspaceList';

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
  const what = `The usage report of ${pending.label} (${pending.imageId}) in ${pending.region}`;
  if (outcome.kind === 'gone') {
    deps.log.warn(`${what} (${pending.reportId}) is no longer there.`);
    await deps.ui.notify('warning', `${what} is no longer there; run Show Usage again.`);
    return;
  }
  if (outcome.kind === 'given-up') {
    const last = outcome.lastError ? ` Last error: ${errorSentence(outcome.lastError)}` : '';
    deps.log.warn(`${what} (${pending.reportId}) was still not ready after a day.${last}`);
    await deps.ui.notify(
      'warning',
      `${what} was still not ready after a day; AMI Explorer stopped watching it.${last}`,
    );
    return;
  }
  const ready = outcome.report.state === 'available';
  deps.log.info(`${what} (${pending.reportId}) is ${outcome.report.state}.`);
  const choice = await deps.ui.notify(
    ready ? 'info' : 'error',
    ready
      ? `${what} is ready.`
      : `${what} failed: ${outcome.report.stateReason ?? outcome.report.state}.`,
    ...(ready ? ['Show Usage'] : []),
  );
  if (choice === 'Show Usage') {
    await open({ region: pending.region, imageId: pending.imageId, reportId: pending.reportId });
  }
}
