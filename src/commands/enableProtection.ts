import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import {
  describeProtection,
  parseProtection,
  PROTECTION_CHOICES,
} from '../core/model/deregistrationProtection';
import { CancelledError } from '../core/model/errors';
import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

/** Input given instead of asking (tests, other commands). */
export interface EnableProtectionInput {
  withCooldown: boolean;
}

const TITLE = 'Enable Deregistration Protection';

/**
 * `amiExplorer.image.enableProtection`: with or without the 24-hour cooldown (explained), then
 * EnableImageDeregistrationProtection for each AMI.
 */
export async function enableProtection(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  input?: EnableProtectionInput,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canProtect',
    multi: true,
  });
  let withCooldown = input?.withCooldown;
  if (withCooldown === undefined) {
    const picked = await vscode.window.showQuickPick(
      PROTECTION_CHOICES.map((c) => ({
        label: c.label,
        detail: c.detail,
        withCooldown: c.withCooldown,
      })),
      {
        title:
          targets.length === 1
            ? `${TITLE}: ${amiDisplayName(targets[0].ami)}`
            : `${TITLE}: ${targets.length} AMIs`,
        placeHolder: 'A protected AMI cannot be deregistered until protection is disabled',
        ignoreFocusOut: true,
      },
    );
    if (!picked) throw new CancelledError();
    withCooldown = picked.withCooldown;
  }
  const cooldown = withCooldown;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canProtect',
    skipReason: 'it is already protected, or you do not own it',
    apply: async (target, signal) => {
      const image = await deps.lifecycle.enableProtection(
        target.ami.region,
        target.ami.imageId,
        cooldown,
        signal,
      );
      return { image, detail: describeProtection(parseProtection(image.deregistrationProtection)) };
    },
  });
}
