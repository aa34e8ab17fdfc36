import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** `amiExplorer.image.showBlockDevices`: one panel per selected AMI, or one picked. */
export async function showBlockDevices(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Show Block Devices'),
    capability: 'viewBlockDevices',
    many: true,
  });
  for (const { ami } of targets) {
    deps.panels.showBlockDevices({ region: ami.region, imageId: ami.imageId });
  }
}

/** `amiExplorer.image.editPermissions`: one panel per selected AMI, or one picked. */
export async function editPermissions(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  // Any AMI: the panel itself explains what may not be changed (not yours, disabled…).
  const targets = await imageTargets(deps, clicked, selection, {
    title: l10n.t('Edit Launch Permissions'),
    many: true,
  });
  for (const { ami } of targets) {
    deps.panels.showLaunchPermissions({ region: ami.region, imageId: ami.imageId });
  }
}
