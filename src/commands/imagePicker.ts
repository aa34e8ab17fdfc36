import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError, InputError } from '../core/model/errors';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';
import { withProgress } from './runCommand';

/**
 * For the Command Palette: asks for a region, then for one or several AMIs of it (listed in the
 * Images view's scope) that `usable` accepts. Throws CancelledError on Escape.
 */
export async function pickImages(
  deps: CommandDeps,
  title: string,
  options: { canPickMany: boolean; usable: (ami: Ami) => boolean; noneMessage: string },
): Promise<Ami[]> {
  const region = await pickRegion(deps.regions, `${title}: region`);
  const listed = await withProgress(`Listing AMIs in ${region}…`, (signal) =>
    deps.images.listImages(region, deps.imagesTree.scope, signal),
  );
  const usable = listed.filter(options.usable);
  if (usable.length === 0) throw new InputError(`${options.noneMessage} in ${region}.`);
  const items = usable.map((ami) => ({
    label: amiDisplayName(ami),
    description: `${ami.imageId} · ${ami.state}`,
    detail: ami.description,
    ami,
  }));
  const picked = options.canPickMany
    ? await vscode.window.showQuickPick(items, {
        title: `${title}: AMIs in ${region}`,
        placeHolder: 'Choose AMIs',
        canPickMany: true,
        matchOnDescription: true,
        ignoreFocusOut: true,
      })
    : await vscode.window.showQuickPick(items, {
        title: `${title}: AMI in ${region}`,
        placeHolder: 'Choose an AMI',
        matchOnDescription: true,
        ignoreFocusOut: true,
      });
  if (picked === undefined) throw new CancelledError();
  const chosen = Array.isArray(picked) ? picked : [picked];
  if (chosen.length === 0) throw new CancelledError();
  return chosen.map((i) => i.ami);
}
