import { amiDisplayName } from '../core/model/ami';
import {
  describeProtection,
  parseProtection,
  PROTECTION_CHOICES,
} from '../core/model/deregistrationProtection';
import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Enable Deregistration Protection');

/**
 * `amiExplorer.image.enableProtection`: with or without the 24-hour cooldown (explained), then
 * EnableImageDeregistrationProtection for each AMI.
 */
export async function enableProtection(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'protect',
    many: true,
  });
  const [first] = targets;
  const picked = await deps.ui.pick({
    title:
      targets.length === 1 && first
        ? `${TITLE}: ${amiDisplayName(first.ami)}`
        : l10n.t('{0}: {1} AMIs', TITLE, targets.length),
    placeholder: l10n.t('A protected AMI cannot be deregistered until protection is disabled'),
    items: PROTECTION_CHOICES.map((c) => ({
      label: c.label,
      detail: c.detail,
      withCooldown: c.withCooldown,
    })),
  });
  const cooldown = picked.withCooldown;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'protect',
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
