import * as l10n from '@vscode/l10n';
/**
 * How one item of a multi-item operation ended. `unknown`: neither EC2's answer nor a re-read could
 * tell whether it was done; the detail says what was seen and what to check.
 */
export type ItemOutcome = 'succeeded' | 'skipped' | 'failed' | 'unknown';

/** One line of an operation report: what it was about, how it ended, and why. */
export interface ReportItem {
  /** E.g. `ami-0123… (web-2024)` or `snap-0abc…`. */
  subject: string;
  outcome: ItemOutcome;
  /** Why it was skipped or failed, or what was done. */
  detail?: string;
}

/** The result of an operation over several items: nothing is lost silently. */
export interface OperationReport {
  /** E.g. "Deregister 3 AMIs". */
  title: string;
  items: ReportItem[];
}

/** Counts per outcome. */
export function countOutcomes(report: OperationReport): Record<ItemOutcome, number> {
  const counts: Record<ItemOutcome, number> = { succeeded: 0, skipped: 0, failed: 0, unknown: 0 };
  for (const item of report.items) counts[item.outcome]++;
  return counts;
}

/** One sentence summing a report up, e.g. "Deregister 3 AMIs: 2 succeeded, 1 failed." */
export function summarizeReport(report: OperationReport): string {
  const c = countOutcomes(report);
  const parts: string[] = [];
  if (c.succeeded > 0) parts.push(l10n.t('{0} succeeded', c.succeeded));
  if (c.skipped > 0) parts.push(l10n.t('{0} skipped', c.skipped));
  if (c.failed > 0) parts.push(l10n.t('{0} failed', c.failed));
  if (c.unknown > 0) parts.push(l10n.t('{0} unknown', c.unknown));
  return `${report.title}: ${parts.length > 0 ? parts.join(', ') : l10n.t('nothing to do')}.`;
}

/** The report as plain lines, one per item, for the log and the details view. */
export function formatReport(report: OperationReport): string[] {
  return [
    summarizeReport(report),
    ...report.items.map(
      (i) => `  ${i.outcome.padEnd(9)} ${i.subject}${i.detail ? ` — ${i.detail}` : ''}`,
    ),
  ];
}
