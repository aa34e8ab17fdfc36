import * as vscode from 'vscode';
import type { RecycledImage } from '../core/model/imageInsights';
import { errorSentence } from '../core/model/errorSentence';
import { utcTime } from '../core/model/recycleBin';
import { unknownCause, whyUnknown } from '../core/services/rereadOutcome';
import type { RestorePlan, RestoreResult } from '../core/services/recycleBinService';
import { SETTINGS_SECTION, SHOW_RECYCLE_BIN_ALWAYS } from '../settings';
import { RecycleBinNode, RecycledImageNode } from '../tree/recycleBinNode';
import { withProgress } from '../ui/progress';
import { regionTarget } from '../ui/targets';
import type { CommandDeps } from './commandDeps';

/** What Restore resolves to (what `executeCommand` returns). */
export interface RestoreOutcome {
  plan: RestorePlan;
  result: RestoreResult;
}

/**
 * `amiExplorer.image.restoreFromRecycleBin`: restores a recycled AMI and the recycled snapshots it needs
 * (named in the confirmation first, so the restored AMI can launch), re-reads it and publishes it
 * (`appeared`), so the tree lists it again. From the palette or a region: pick a region, then the AMI.
 */
export async function restoreFromRecycleBin(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<RestoreOutcome> {
  const image = await recycledTarget(deps, clicked);
  const plan = await withProgress(`Looking for the snapshots of ${image.imageId}…`, (signal) =>
    deps.recycleBin.planRestore(image, signal),
  );
  const label = image.name ? `${image.name} (${image.imageId})` : image.imageId;
  const snapshots =
    plan.snapshots.length > 0
      ? `Restored first, so that it can launch: ${plan.snapshots
          .map((s) => `${s.snapshotId}${s.description ? ` (${s.description})` : ''}`)
          .join('; ')}.`
      : 'No snapshot made for this AMI is in the Recycle Bin (its snapshots were kept, or are gone for good).';
  await deps.ui.confirm(
    `Restore ${label} from the Recycle Bin in ${image.region}?`,
    [
      'It becomes a registered AMI again, with the same id.',
      snapshots,
      'Any other snapshot its block devices name that is still in the Recycle Bin is restored after it.',
      `Otherwise the Recycle Bin deletes it at ${utcTime(image.exitsAt)}.`,
    ].join('\n\n'),
    'Restore',
  );
  const result = await withProgress(`Restoring ${image.imageId}…`, (signal) =>
    deps.recycleBin.restore(plan, signal),
  );
  reportRestore(deps, image, label, result);
  return { plan, result };
}

/** Says what the restore did: the AMI, every snapshot, what Cancel left undone, what is unknown. */
function reportRestore(
  deps: CommandDeps,
  image: RecycledImage,
  label: string,
  result: RestoreResult,
): void {
  const outcome = result.imageOutcome;
  const plural = (n: number): string => (n === 1 ? '' : 's');
  const restored =
    result.restoredSnapshots.length > 0
      ? ` with ${result.restoredSnapshots.length} snapshot${plural(result.restoredSnapshots.length)} (${result.restoredSnapshots.join(', ')})`
      : '';
  for (const f of result.failedSnapshots) {
    deps.log.error(`Restoring ${f.snapshotId} from the Recycle Bin failed`, f.error);
  }
  const failed = result.failedSnapshots.map(
    (f) =>
      `${f.snapshotId} (${
        f.unknown
          ? `not known whether restored: ${unknownCause(f.error, 'its restore').replace(/\.$/, '')}`
          : errorSentence(f.error).replace(/\.$/, '')
      })`,
  );
  const notTried =
    result.notAttempted.length > 0
      ? ` Cancelled before restoring ${result.notAttempted.join(', ')}.`
      : '';
  if (outcome.kind !== 'restored') {
    const snapshotsBack =
      result.restoredSnapshots.length > 0
        ? ` Restored before that: ${result.restoredSnapshots.join(', ')} (now ordinary snapshots).`
        : '';
    const notBack = failed.length > 0 ? ` Not restored: ${failed.join('; ')}.` : '';
    if (outcome.kind === 'not-restored' && outcome.cancelled) {
      void deps.ui.notify(
        result.restoredSnapshots.length > 0 ? 'warning' : 'info',
        `Cancelled: ${label} is still in the Recycle Bin.${snapshotsBack}${notBack}${notTried}`,
      );
    } else if (outcome.kind === 'not-restored') {
      deps.log.error(`Restoring ${image.imageId} from the Recycle Bin failed`, outcome.error);
      void deps.ui.notify(
        'error',
        `${label} was not restored: ${errorSentence(outcome.error)}${snapshotsBack}${notBack}${notTried}`,
      );
    } else {
      deps.log.warn(`Restoring ${image.imageId}: outcome unknown (${whyUnknown(outcome.error)}).`);
      const reread =
        outcome.rereadError === undefined
          ? `EC2 does not list it as registered yet, but may still restore it.`
          : `EC2 could not be re-read either ("${errorSentence(outcome.rereadError).replace(/\.$/, '')}").`;
      void deps.ui.notify(
        'warning',
        `${unknownCause(outcome.error, 'the restore of ' + image.imageId)} Whether ${label} was restored is not known: ${reread} Refresh ${image.region} in a minute to check.${snapshotsBack}${notBack}${notTried}`,
      );
    }
    return;
  }
  deps.imagesTree.restoredFromRecycleBin(image.region, image.imageId);
  if (result.image) deps.events.publish({ kind: 'appeared', image: result.image });
  if (outcome.unknownBecause) {
    deps.log.warn(
      `Restoring ${image.imageId}: ${outcome.unknownBecause}; a re-read shows it registered.`,
    );
  }
  const confirmed = outcome.unknownBecause
    ? ` (EC2's answer was unclear; a re-read shows it registered)`
    : '';
  if (failed.length > 0 || result.notAttempted.length > 0) {
    const missing = [
      ...(failed.length > 0 ? [`not ${failed.join('; ')}`] : []),
      ...(result.notAttempted.length > 0
        ? [`not ${result.notAttempted.join(', ')} (cancelled before it was asked for)`]
        : []),
    ].join('; ');
    void deps.ui.notify(
      'warning',
      `Restored ${label}${restored}${confirmed}, but ${missing}: the AMI cannot launch until its snapshots are back.`,
    );
  } else if (!result.image) {
    void deps.ui.notify(
      'warning',
      `Restored ${label}${restored}${confirmed}; EC2 does not list it yet. Refresh ${image.region} in a moment.`,
    );
  } else {
    void deps.ui.notify('info', `Restored ${label}${restored}${confirmed}.`);
  }
}

/** The clicked recycled AMI, or one picked from a region's Recycle Bin. */
async function recycledTarget(deps: CommandDeps, clicked: unknown): Promise<RecycledImage> {
  if (clicked instanceof RecycledImageNode) return clicked.image;
  const region =
    clicked instanceof RecycleBinNode
      ? clicked.region
      : await regionTarget(deps, clicked, 'Restore from Recycle Bin');
  const chosen = await deps.ui.pick({
    title: `Restore from Recycle Bin: ${region}`,
    placeholder: 'AMI to restore',
    matchOnDescription: true,
    items: deps.ec2.recycleBin.images(region).then((images) =>
      images.map((image) => ({
        label: image.name ?? image.imageId,
        description: `${image.imageId} · deleted at ${utcTime(image.exitsAt)}`,
        image,
      })),
    ),
    loadFailed: (error) => errorSentence(error),
  });
  return chosen.image;
}

/** `amiExplorer.images.showRecycleBinAlways` / `…WhenNotEmpty`: the view-title toggle (a setting). */
export async function setRecycleBinAlways(show: boolean): Promise<void> {
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update(SHOW_RECYCLE_BIN_ALWAYS, show, vscode.ConfigurationTarget.Global);
}
