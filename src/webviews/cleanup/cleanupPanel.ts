import type * as vscode from 'vscode';
import type { CleanupRules } from '../../core/model/cleanupPlan';
import { cleanupPlanCsv, cleanupPlanJson } from '../../core/model/cleanupPlan';
import { errorSentence } from '../../core/model/errorSentence';
import { isCancellation } from '../../core/model/errors';
import type { OperationReport } from '../../core/model/operationReport';
import { summarizeReport } from '../../core/model/operationReport';
import type { RegionalCleanupPlan } from '../../core/services/cleanupService';
import { logError } from '../../log';
import { PanelController } from '../panelHost';
import type { CleanupToHost, HostToCleanup, PlanView } from './protocol';
import { isCleanupToHost } from './protocol';
import * as l10n from '@vscode/l10n';

/** What the assistant needs; the command that opens it builds these over the command deps. */
export interface CleanupPanelDeps {
  log: vscode.LogOutputChannel;
  /** The regions the Images view lists. */
  regions: () => Promise<string[]>;
  /** The rules and price the form opens with. */
  defaults: () => { rules: CleanupRules; pricePerGbMonth: number };
  /** Plans for the regions with the rules (the price comes from the settings). */
  plan: (
    regions: string[],
    rules: CleanupRules,
    signal: AbortSignal,
  ) => Promise<RegionalCleanupPlan>;
  /**
   * Deregisters the plan's candidates through the deregister command path (its confirmations and
   * report); `undefined` when there was nothing to do. Throws `CancelledError` when declined.
   */
  deregister: (plan: RegionalCleanupPlan) => Promise<OperationReport | undefined>;
  /** Opens text in a new untitled editor. */
  openDocument: (content: string, language: 'json' | 'csv') => Promise<void>;
}

/** The host side of the cleanup assistant (one panel). */
export class CleanupPanel extends PanelController<CleanupToHost, HostToCleanup> {
  private planning: AbortController | undefined;
  /** The plan the preview shows; only it is ever deregistered. */
  private shown: RegionalCleanupPlan | undefined;
  private lastRequest: { regions: string[]; rules: CleanupRules } | undefined;
  private busy = false;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: CleanupPanelDeps,
    private selected: string[] | undefined,
  ) {
    super(panel, deps.log, isCleanupToHost);
  }

  /** The plan shown (tests read it). */
  get plan(): RegionalCleanupPlan | undefined {
    return this.shown;
  }

  /** Run again from a region node: that region is ticked. */
  select(regions: string[] | undefined): void {
    this.selected = regions;
    void this.init();
  }

  protected async handle(message: CleanupToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.init();
      case 'plan':
        this.lastRequest = { regions: message.regions, rules: message.rules };
        return this.makePlan(message.regions, message.rules);
      case 'deregister':
        return this.deregister();
      case 'export':
        return this.export(message.format);
    }
  }

  private async init(): Promise<void> {
    const { rules, pricePerGbMonth } = this.deps.defaults();
    let regions: string[];
    try {
      regions = await this.deps.regions();
    } catch (error) {
      logError(this.log, 'Cleanup assistant: regions', error);
      this.post({ type: 'planFailed', message: errorSentence(error) });
      return;
    }
    const selected = (this.selected ?? regions).filter((r) => regions.includes(r));
    this.post({ type: 'init', regions, selected, rules, pricePerGbMonth });
  }

  private async makePlan(regions: string[], rules: CleanupRules): Promise<void> {
    if (this.busy) return;
    this.planning?.abort();
    const controller = new AbortController();
    this.planning = controller;
    this.shown = undefined;
    this.post({ type: 'planning' });
    try {
      const plan = await this.deps.plan(regions, rules, controller.signal);
      if (controller.signal.aborted) return;
      this.shown = plan;
      this.post({ type: 'plan', plan: planView(plan) });
    } catch (error) {
      if (controller.signal.aborted || isCancellation(error)) return;
      logError(this.log, 'Cleanup assistant: planning', error);
      this.post({ type: 'planFailed', message: errorSentence(error) });
    }
  }

  private async deregister(): Promise<void> {
    const plan = this.shown;
    if (!plan || this.busy) return;
    if (plan.candidates.length === 0) {
      this.post({
        type: 'notice',
        message: l10n.t('Nothing to deregister: the preview has no candidates.'),
      });
      return;
    }
    this.busy = true;
    this.post({
      type: 'running',
      message: l10n.t('Deregistering {0} AMIs: confirm in the dialog…', plan.candidates.length),
    });
    try {
      const report = await this.deps.deregister(plan);
      if (report) {
        this.post({
          type: 'report',
          title: report.title,
          summary: summarizeReport(report),
          items: report.items,
        });
      }
    } catch (error) {
      if (isCancellation(error)) {
        this.post({ type: 'notice', message: l10n.t('Cancelled: nothing was deregistered.') });
        if (this.shown) this.post({ type: 'plan', plan: planView(this.shown) });
        return;
      }
      logError(this.log, 'Cleanup assistant: deregistering', error);
      this.post({
        type: 'notice',
        message: l10n.t('Deregistering failed: {0}', errorSentence(error)),
      });
      return;
    } finally {
      this.busy = false;
    }
    // What EC2 now has: plan again with the same rules, below the report.
    if (this.lastRequest) await this.makePlan(this.lastRequest.regions, this.lastRequest.rules);
  }

  private async export(format: 'json' | 'csv'): Promise<void> {
    const plan = this.shown;
    if (!plan) {
      this.post({ type: 'notice', message: l10n.t('Preview a plan first.') });
      return;
    }
    try {
      await this.deps.openDocument(
        format === 'json' ? cleanupPlanJson(plan) : cleanupPlanCsv(plan),
        format,
      );
      this.post({
        type: 'notice',
        message: l10n.t('Opened the plan as {0} in a new editor.', format.toUpperCase()),
      });
    } catch (error) {
      logError(this.log, `Cleanup assistant: export ${format}`, error);
      this.post({ type: 'notice', message: l10n.t('Could not export: {0}', errorSentence(error)) });
    }
  }

  override dispose(): void {
    this.planning?.abort();
    super.dispose();
  }
}

/** The plan as the webview shows it (plain data, no AMI records). */
export function planView(plan: RegionalCleanupPlan): PlanView {
  return {
    regions: plan.regions,
    candidates: plan.candidates.map((c) => ({
      region: c.ami.region,
      imageId: c.ami.imageId,
      ...(c.ami.name ? { name: c.ami.name } : {}),
      family: c.family,
      ...(c.ami.creationDate ? { creationDate: c.ami.creationDate } : {}),
      chosenBy: c.chosenBy,
      snapshots: c.snapshots.map((s) => ({
        snapshotId: s.snapshotId,
        ...(s.sizeGiB !== undefined ? { sizeGiB: s.sizeGiB } : {}),
        ...(s.keptFor ? { keptFor: s.keptFor } : {}),
      })),
      totalGiB: c.totalGiB,
      monthlyCost: c.monthlyCostUpperBound,
      references: c.references.map((r) => `${r.resourceType} ${r.arn}`),
    })),
    refused: plan.refused.map((r) => ({
      region: r.ami.region,
      imageId: r.ami.imageId,
      ...(r.ami.name ? { name: r.ami.name } : {}),
      family: r.family,
      kinds: r.refusals.map((x) => x.kind),
      reasons: r.refusals.map((x) => x.reason),
    })),
    totals: plan.totals,
    pricePerGbMonth: plan.pricePerGbMonth,
    failedRegions: plan.failedRegions,
  };
}
