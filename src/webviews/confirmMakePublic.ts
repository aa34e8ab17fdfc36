import type { Ask } from '../ui/userInput';
import * as l10n from '@vscode/l10n';

/**
 * The modal that stands between the user and a public AMI. It says exactly what making an image
 * public means, because it cannot be taken back for anyone who copied it meanwhile.
 */
export async function confirmMakePublic(
  ui: Ask,
  image: { name: string; imageId: string; region: string },
): Promise<boolean> {
  const action = l10n.t('Make Public');
  const answer = await ui
    .choose(
      l10n.t('Make {0} ({1}) public in {2}?', image.name, image.imageId, image.region),
      l10n.t(
        'Every AWS account will be able to find this AMI, launch instances from it and copy it. Anything on its volumes (files, keys, credentials, history) becomes readable by anyone. You can make it private again later, but copies made meanwhile stay with their owners.',
      ),
      [action],
    )
    .catch(() => undefined);
  return answer === action;
}
