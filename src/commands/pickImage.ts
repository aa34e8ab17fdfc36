import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError, InputError } from '../core/model/errors';
import { imageStateLabel } from '../core/model/imagePresentation';
import type { ListingScope } from '../core/model/scope';
import type { CommandDeps } from './commandDeps';
import { pickRegion } from './pickers';

/** An AMI a command acts on, and whether the caller owns it (decides what may be done). */
export interface ImageTarget {
  ami: Ami;
  owned: boolean;
}

/** The caller's own images, whatever their state: what the lifecycle actions apply to. */
const OWNED_EVERYTHING: ListingScope = {
  kind: 'owned',
  accountIds: [],
  nameFilter: '',
  includeDeprecated: true,
  includeDisabled: true,
};

interface ImageItem extends vscode.QuickPickItem {
  ami: Ami;
}

/**
 * The Command Palette's way to choose an AMI: a region, then one of the caller's own AMIs there
 * (listed with DescribeImages Owners=self, deprecated and disabled included) that `filter` accepts.
 * Throws CancelledError on Escape, InputError when no AMI qualifies.
 */
export async function pickImage(
  deps: Pick<CommandDeps, 'regions' | 'images'>,
  title: string,
  filter: (ami: Ami) => boolean,
): Promise<ImageTarget> {
  const region = await pickRegion(deps.regions, `${title}: region`);
  const pick = vscode.window.createQuickPick<ImageItem>();
  pick.title = `${title}: AMI in ${region}`;
  pick.placeholder = 'Loading your AMIs…';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.enabled = false;
  const controller = new AbortController();
  return new Promise<ImageTarget>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      controller.abort();
      for (const d of disposables) d.dispose();
      pick.dispose();
      fn();
    };
    const disposables: vscode.Disposable[] = [
      pick.onDidAccept(() => {
        const chosen = pick.activeItems[0];
        if (chosen) settle(() => resolve({ ami: chosen.ami, owned: true }));
      }),
      pick.onDidHide(() => settle(() => reject(new CancelledError()))),
    ];
    pick.show();
    deps.images.listImages(region, OWNED_EVERYTHING, controller.signal).then(
      (images) => {
        if (settled) return;
        const now = new Date();
        const items = images.filter(filter).map((ami): ImageItem => ({
          ami,
          label: amiDisplayName(ami),
          description: `${ami.imageId} · ${imageStateLabel(ami, now)}`,
          ...(ami.description ? { detail: ami.description } : {}),
        }));
        if (items.length === 0) {
          settle(() =>
            reject(
              new InputError(`${title}: none of your AMIs in ${region} qualifies for this action.`),
            ),
          );
          return;
        }
        pick.items = items;
        pick.placeholder = 'Choose an AMI (type to filter by name, id or description)';
        pick.busy = false;
        pick.enabled = true;
      },
      (error: unknown) =>
        settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
