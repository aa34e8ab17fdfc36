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
import * as l10n from '@vscode/l10n';

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
  const plan = await withProgress(
    l10n.t('Looking for the snapshots of {0}…', image.imageId),
    (signal) => deps.recycleBin.planRestore(image, signal),
  );
  const label = image.name ? `${image.name} (${image.imageId})` : image.imageId;
  const snapshots =
    plan.snapshots.length > 0
      ? l10n.t(
          'Restored first, so that it can launch: {0}.',
          plan.snapshots
            .map((s) => `${s.snapshotId}${s.description ? ` (${s.description})` : ''}`)
            .join('; '),
        )
      : l10n.t(
          'No snapshot made for this AMI is in the Recycle Bin (its snapshots were kept, or are gone for good).',
        );
  await deps.ui.confirm(
    l10n.t('Restore {0} from the Recycle Bin in {1}?', label, image.region),
    [
      l10n.t('It becomes a registered AMI again, with the same id.'),
      snapshots,
      l10n.t(
        'Any other snapshot its block devices name that is still in the Recycle Bin is restored after it.',
      ),
      l10n.t('Otherwise the Recycle Bin deletes it at {0}.', utcTime(image.exitsAt)),
    ].join('\n\n'),
    l10n.t('Restore'),
  );
  const result = await withProgress(l10n.t('Restoring {0}…', image.imageId), (signal) =>
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
  const back = result.restoredSnapshots;
  const restored =
    back.length === 0
      ? ''
      : back.length === 1
        ? l10n.t(' with 1 snapshot ({0})', back.join(', '))
        : l10n.t(' with {0} snapshots ({1})', back.length, back.join(', '));
  for (const f of result.failedSnapshots) {
    deps.log.error(`Restoring ${f.snapshotId} from the Recycle Bin failed`, f.error);
  }
  const failed = result.failedSnapshots.map(
    (f) =>
      `${f.snapshotId} (${
        f.unknown
          ? l10n.t(
              'not known whether restored: {0}',
              unknownCause(f.error, l10n.t('its restore')).replace(/\.$/, ''),
            )
          : errorSentence(f.error).replace(/\.$/, '')
      })`,
  );
  const notTried =
    result.notAttempted.length > 0
      ? l10n.t(' Cancelled before restoring {0}.', result.notAttempted.join(', '))
      : '';
  if (outcome.kind !== 'restored') {
    const snapshotsBack =
      result.restoredSnapshots.length > 0
        ? l10n.t(
            ' Restored before that: {0} (now ordinary snapshots).',
            result.restoredSnapshots.join(', '),
          )
        : '';
    const notBack = failed.length > 0 ? l10n.t(' Not restored: {0}.', failed.join('; ')) : '';
    if (outcome.kind === 'not-restored' && outcome.cancelled) {
      void deps.ui.notify(
        result.restoredSnapshots.length > 0 ? 'warning' : 'info',
        l10n.t(
          'Cancelled: {0} is still in the Recycle Bin.{1}{2}{3}',
          label,
          snapshotsBack,
          notBack,
          notTried,
        ),
      );
    } else if (outcome.kind === 'not-restored') {
      deps.log.error(`Restoring ${image.imageId} from the Recycle Bin failed`, outcome.error);
      void deps.ui.notify(
        'error',
        l10n.t(
          '{0} was not restored: {1}{2}{3}{4}',
          label,
          errorSentence(outcome.error),
          snapshotsBack,
          notBack,
          notTried,
        ),
      );
    } else {
      deps.log.warn(`Restoring ${image.imageId}: outcome unknown (${whyUnknown(outcome.error)}).`);
      const reread =
        outcome.rereadError === undefined
          ? l10n.t('EC2 does not list it as registered yet, but may still restore it.')
          : l10n.t(
              'EC2 could not be re-read either ("{0}").',
              errorSentence(outcome.rereadError).replace(/\.$/, ''),
            );
      void deps.ui.notify(
        'warning',
        l10n.t(
          '{0} Whether {1} was restored is not known: {2} Refresh {3} in a minute to check.{4}{5}{6}',
          unknownCause(outcome.error, l10n.t('the restore of {0}', image.imageId)),
          label,
          reread,
          image.region,
          snapshotsBack,
          notBack,
          notTried,
        ),
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
    ? l10n.t(" (EC2's answer was unclear; a re-read shows it registered)")
    : '';
  if (failed.length > 0 || result.notAttempted.length > 0) {
    const missing = [
      ...(failed.length > 0 ? [l10n.t('not {0}', failed.join('; '))] : []),
      ...(result.notAttempted.length > 0
        ? [l10n.t('not {0} (cancelled before it was asked for)', result.notAttempted.join(', '))]
        : []),
    ].join('; ');
    void deps.ui.notify(
      'warning',
      l10n.t(
        'Restored {0}{1}{2}, but {3}: the AMI cannot launch until its snapshots are back.',
        label,
        restored,
        confirmed,
        missing,
      ),
    );
  } else if (!result.image) {
    void deps.ui.notify(
      'warning',
      l10n.t(
        'Restored {0}{1}{2}; EC2 does not list it yet. Refresh {3} in a moment.',
        label,
        restored,
        confirmed,
        image.region,
      ),
    );
  } else {
    void deps.ui.notify('info', l10n.t('Restored {0}{1}{2}.', label, restored, confirmed));
  }
}

/** The clicked recycled AMI, or one picked from a region's Recycle Bin. */
async function recycledTarget(deps: CommandDeps, clicked: unknown): Promise<RecycledImage> {
  if (clicked instanceof RecycledImageNode) return clicked.image;
  const region =
    clicked instanceof RecycleBinNode
      ? clicked.region
      : await regionTarget(deps, clicked, l10n.t('Restore from Recycle Bin'));
  const chosen = await deps.ui.pick({
    title: l10n.t('Restore from Recycle Bin: {0}', region),
    placeholder: l10n.t('AMI to restore'),
    matchOnDescription: true,
    items: deps.ec2.recycleBin.images(region).then((images) =>
      images.map((image) => ({
        label: image.name ?? image.imageId,
        description: l10n.t('{0} · deleted at {1}', image.imageId, utcTime(image.exitsAt)),
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
