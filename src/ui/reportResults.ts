import type * as vscode from 'vscode';
import type { OperationReport } from '../core/model/operationReport';
import { countOutcomes, formatReport, summarizeReport } from '../core/model/operationReport';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/**
 * Shows the outcome of a multi-item operation: one message (error when anything failed, warning
 * when anything was skipped), every item written to the log, and "Show Details" opening it.
 */
export async function reportResults(
  ui: Ask,
  log: vscode.LogOutputChannel,
  report: OperationReport,
  extraActions: string[] = [],
): Promise<string | undefined> {
  const lines = formatReport(report);
  const counts = countOutcomes(report);
  if (counts.failed > 0 || counts.unknown > 0) for (const line of lines) log.error(line);
  else for (const line of lines) log.info(line);
  const message = summarizeReport(report);
  const single = report.items.length === 1 ? report.items[0] : undefined;
  const text =
    single?.detail && single.outcome !== 'succeeded' ? `${message} ${single.detail}` : message;
  const severity =
    counts.failed > 0 ? 'error' : counts.skipped > 0 || counts.unknown > 0 ? 'warning' : 'info';
  const choice = await ui.notify(severity, text, ...extraActions, l10n.t('Show Details'));
  if (choice === l10n.t('Show Details')) log.show(true);
  return choice;
}
