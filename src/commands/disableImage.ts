import type { LaunchPermission } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { allows } from '../core/model/capabilities';
import { isCancellation } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import {
  describeLaunchPermission,
  describePermissionsLost,
} from '../core/model/launchPermissionText';
import { applyToImages, imageSubject } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import { withProgress } from '../ui/progress';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Disable AMI');

const CONSEQUENCES = l10n.t(
  'Disabling removes ALL launch permissions (the AMI becomes private) and hides it from DescribeImages for everyone but you; nobody can launch it until it is re-enabled. Re-enabling does NOT restore the launch permissions: they must be shared again. Instances already running are not affected.',
);

/**
 * `amiExplorer.image.disable`: reads each AMI's launch permissions (DescribeImageAttribute
 * launchPermission) and writes them to the log, confirms in a modal that lists what will be lost,
 * then DisableImage.
 */
export async function disableImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'disable',
    many: true,
  });
  const eligible = targets.filter((t) => allows(t, 'disable'));
  /** Each AMI's launch permissions, or why they could not be read. */
  const permissions = new Map<string, LaunchPermission[] | string>();
  await withProgress(l10n.t('{0}: reading launch permissions', TITLE), async (signal) => {
    for (const { ami } of eligible) {
      try {
        const list = await deps.lifecycle.launchPermissions(ami.region, ami.imageId, signal);
        permissions.set(ami.imageId, list);
        deps.log.info(
          `Launch permissions of ${imageSubject(ami)} in ${ami.region} before disabling: ${
            list.length > 0 ? list.map(describeLaunchPermission).join('; ') : 'none (private)'
          }`,
        );
      } catch (error) {
        if (isCancellation(error)) throw error;
        permissions.set(ami.imageId, errorSentence(error));
      }
    }
  });
  if (eligible.length > 0) {
    const lines = eligible.map(({ ami }) => {
      const found = permissions.get(ami.imageId);
      const what =
        typeof found === 'string'
          ? l10n.t('its launch permissions could not be read ({0}); it will not be disabled', found)
          : describePermissionsLost(found ?? []);
      return `• ${amiDisplayName(ami)} (${ami.imageId}): ${what}`;
    });
    const [only] = eligible;
    await deps.ui.confirm(
      eligible.length === 1 && only
        ? l10n.t('Disable {0}?', amiDisplayName(only.ami))
        : l10n.t('Disable {0} AMIs?', eligible.length),
      l10n.t(
        '{0}\n\n{1}\n\nThe current launch permissions are written to the AMI Explorer log.',
        lines.join('\n'),
        CONSEQUENCES,
      ),
      l10n.t('Disable'),
    );
  }
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'disable',
    apply: async (target, signal) => {
      const found = permissions.get(target.ami.imageId);
      if (typeof found === 'string') {
        throw new Error(`Not disabled: its launch permissions could not be read first (${found}).`);
      }
      const image = await deps.lifecycle.disableImage(
        target.ami.region,
        target.ami.imageId,
        signal,
      );
      const lost = found ?? [];
      const hidden = deps.imagesTree.scope.includeDisabled
        ? ''
        : l10n.t(
            ' The Images view drops it on the next refresh unless Listing Options include disabled AMIs.',
          );
      return {
        image,
        detail: l10n.t(
          'disabled. {0}{1}',
          lost.length > 0
            ? l10n.t(
                'Removed launch permissions (also in the log): {0}.',
                lost.map(describeLaunchPermission).join('; '),
              )
            : l10n.t('It had no launch permissions.'),
          hidden,
        ),
      };
    },
  });
}
