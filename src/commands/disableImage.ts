import * as vscode from 'vscode';
import type { LaunchPermission } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError } from '../core/model/errors';
import {
  describeLaunchPermission,
  describePermissionsLost,
} from '../core/model/launchPermissionText';
import type { CommandDeps } from './commandDeps';
import { applyToImages, hasCapability, imageSubject, imageTargets } from './imageActions';
import { withProgress } from './runCommand';

/** Input given instead of asking (tests, other commands). */
export interface DisableImageInput {
  /** Skips the modal confirmation; the permissions are still read and logged. */
  confirmed: true;
}

const TITLE = 'Disable AMI';

const CONSEQUENCES =
  'Disabling removes ALL launch permissions (the AMI becomes private) and hides it from DescribeImages for everyone but you; nobody can launch it until it is re-enabled. Re-enabling does NOT restore the launch permissions: they must be shared again. Instances already running are not affected.';

/**
 * `amiExplorer.image.disable`: reads each AMI's launch permissions (DescribeImageAttribute
 * launchPermission) and writes them to the log, confirms in a modal that lists what will be lost,
 * then DisableImage.
 */
export async function disableImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  input?: DisableImageInput,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canDisable',
    multi: true,
  });
  const eligible = targets.filter((t) => hasCapability(t, 'canDisable'));
  const permissions = new Map<string, LaunchPermission[] | Error>();
  await withProgress(`${TITLE}: reading launch permissions`, async (signal) => {
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
        if (error instanceof CancelledError) throw error;
        permissions.set(ami.imageId, error instanceof Error ? error : new Error(String(error)));
      }
    }
  });
  if (!input?.confirmed && eligible.length > 0) {
    const lines = eligible.map(({ ami }) => {
      const found = permissions.get(ami.imageId);
      const what =
        found instanceof Error
          ? `its launch permissions could not be read (${found.message}); it will not be disabled`
          : describePermissionsLost(found ?? []);
      return `• ${amiDisplayName(ami)} (${ami.imageId}): ${what}`;
    });
    const choice = await vscode.window.showWarningMessage(
      eligible.length === 1
        ? `Disable ${amiDisplayName(eligible[0].ami)}?`
        : `Disable ${eligible.length} AMIs?`,
      {
        modal: true,
        detail: `${lines.join('\n')}\n\n${CONSEQUENCES}\n\nThe current launch permissions are written to the AMI Explorer log.`,
      },
      'Disable',
    );
    if (choice !== 'Disable') throw new CancelledError();
  }
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canDisable',
    skipReason: 'only the owner can disable an available AMI',
    apply: async (target, signal) => {
      const found = permissions.get(target.ami.imageId);
      if (found instanceof Error) {
        throw new Error(
          `Not disabled: its launch permissions could not be read first (${found.message}).`,
        );
      }
      const image = await deps.lifecycle.disableImage(
        target.ami.region,
        target.ami.imageId,
        signal,
      );
      const lost = found ?? [];
      const hidden = deps.imagesTree.scope.includeDisabled
        ? ''
        : ' The Images view drops it on the next refresh unless Listing Options include disabled AMIs.';
      return {
        image,
        detail: `disabled. ${
          lost.length > 0
            ? `Removed launch permissions (also in the log): ${lost.map(describeLaunchPermission).join('; ')}.`
            : 'It had no launch permissions.'
        }${hidden}`,
      };
    },
  });
}
