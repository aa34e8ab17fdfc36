import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { DEFAULT_CLEANUP_RULES } from '../core/model/cleanupPlan';
import type { FamilyRule } from '../core/model/imageFamily';
import { familyOf } from '../core/model/imageFamily';
import { CLEANUP_BATCH_SIZE } from '../core/services/cleanupService';
import { readFamilyRule, readSnapshotPrice } from '../settings';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import type { CleanupPanel } from '../webviews/cleanup/cleanupPanel';
import type { CommandDeps } from './commandDeps';
import { deregisterTargets } from './deregisterImage';
import * as l10n from '@vscode/l10n';

/**
 * The family an AMI belongs to in the assistant, under the same rule as the AMI Families view
 * (`amiExplorer.families.tag`, else the name with its version replaced by `*`).
 */
export function cleanupFamilyOf(rule: FamilyRule): (ami: Ami) => string | undefined {
  return (ami) => familyOf(ami, rule)?.label;
}

/**
 * `amiExplorer.cleanup.open`: opens the cleanup assistant (from a region node with that region
 * ticked). The panel plans; deregistering goes through the deregister command's path.
 */
export function openCleanupAssistant(deps: CommandDeps, clicked?: unknown): Promise<CleanupPanel> {
  const selected = clicked instanceof ImagesRegionNode ? [clicked.region] : undefined;
  const panel = deps.panels.showCleanup(
    {
      log: deps.log,
      regions: async () => [...(await deps.regions.get()).regions],
      defaults: () => ({ rules: DEFAULT_CLEANUP_RULES, pricePerGbMonth: readSnapshotPrice() }),
      plan: (regions, rules, signal) =>
        deps.cleanup.plan(
          regions,
          {
            rules,
            familyOf: cleanupFamilyOf(readFamilyRule()),
            pricePerGbMonth: readSnapshotPrice(),
            now: new Date(),
          },
          signal,
        ),
      deregister: async (plan) => {
        const outcome = await deregisterTargets(
          deps,
          plan.candidates.map((c) => ({ region: c.ami.region, imageId: c.ami.imageId })),
          {
            // Snapshots go with their AMI (that is what the plan's cost counts); protected AMIs
            // were refused by the plan and stay skipped if protection was turned on since.
            options: { deleteSnapshots: true, disableProtection: false },
            note: l10n.t(
              "Cleanup Assistant: {0} AMIs chosen by the rules, with their snapshots; deregistered in batches of {1} at EC2's request rate.",
              plan.candidates.length,
              CLEANUP_BATCH_SIZE,
            ),
            execute: (p, signal, onOutcome, onBatch) =>
              deps.cleanup.execute(deps.deregisterImages, p, signal, onOutcome, onBatch),
          },
        );
        return outcome.report;
      },
      openDocument: async (content, language) => {
        const document = await vscode.workspace.openTextDocument({ content, language });
        // Beside the assistant, which stays visible (hiding it would discard its page).
        await vscode.window.showTextDocument(document, {
          preview: false,
          viewColumn: vscode.ViewColumn.Beside,
        });
      },
    },
    selected,
  );
  return Promise.resolve(panel);
}
