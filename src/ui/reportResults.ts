import * as vscode from 'vscode';
import type { OperationReport } from '../core/model/operationReport';
import { countOutcomes, formatReport, summarizeReport } from '../core/model/operationReport';

/**
 * Shows the outcome of a multi-item operation: one message (error when anything failed, warning
 * when anything was skipped), every item written to the log, and "Show Details" opening it.
 */
export async function reportResults(
  report: OperationReport,
  log: vscode.LogOutputChannel,
  extraActions: string[] = [],
): Promise<string | undefined> {
  const lines = formatReport(report);
  const counts = countOutcomes(report);
  if (counts.failed > 0) for (const line of lines) log.error(line);
  else for (const line of lines) log.info(line);
  const message = summarizeReport(report);
  const single = report.items.length === 1 ? report.items[0] : undefined;
  const text =
    single?.detail && single.outcome !== 'succeeded' ? `${message} ${single.detail}` : message;
  const show =
    counts.failed > 0
      ? vscode.window.showErrorMessage
      : counts.skipped > 0
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const choice = await show(text, ...extraActions, 'Show Details');
  if (choice === 'Show Details') log.show(true);
  return choice;
}
