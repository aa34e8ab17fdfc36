import * as vscode from 'vscode';
import { amiDisplayName } from '../core/model/ami';
import { CancelledError } from '../core/model/errors';
import { validateDescription } from '../core/model/imageInputs';
import type { CommandDeps } from './commandDeps';
import { applyToImages, imageTargets } from './imageActions';

/** Input given instead of asking (tests, other commands). */
export interface EditDescriptionInput {
  description: string;
}

const TITLE = 'Edit Description';

/**
 * `amiExplorer.image.editDescription`: an input prefilled with the current description, validated
 * as you type (at most 255 characters), then ModifyImageAttribute Description.Value. Acts on the
 * clicked AMI only: one description rarely fits several AMIs.
 */
export async function editDescription(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  input?: EditDescriptionInput,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canEditDescription',
    multi: false,
  });
  const ami = targets[0].ami;
  const description =
    input?.description ??
    (await vscode.window.showInputBox({
      title: `${TITLE}: ${amiDisplayName(ami)} (${ami.imageId})`,
      prompt: 'Description (up to 255 characters; empty clears it)',
      value: ami.description ?? '',
      ignoreFocusOut: true,
      validateInput: validateDescription,
    }));
  if (description === undefined) throw new CancelledError();
  if (description === (ami.description ?? '')) return;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canEditDescription',
    skipReason: 'only the owner can change the description of an AMI that is not disabled',
    apply: async (target, signal) => ({
      image: await deps.lifecycle.setDescription(
        target.ami.region,
        target.ami.imageId,
        description,
        signal,
      ),
      detail:
        description.length > 0 ? `description set to "${description}".` : 'description cleared.',
    }),
  });
}
