import * as vscode from 'vscode';
import { amiDisplayName, isDeprecated } from '../core/model/ami';
import {
  DEPRECATION_EXPLAINED,
  deprecationPresets,
  formatUtcMinute,
  parseDeprecationTime,
  validateDeprecationTime,
} from '../core/model/deprecationSchedule';
import { InputError, isCancellation } from '../core/model/errors';
import { applyToImages } from '../ui/applyToImages';
import { imageTargets } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import type { ImageTarget } from '../ui/pickers';
import * as l10n from '@vscode/l10n';

const TITLE = l10n.t('Schedule Deprecation');

/**
 * `amiExplorer.image.deprecate`: a time (presets such as "in 30 days" or a custom UTC time, which
 * must be in the future and at most 10 years ahead, and for a public AMI at most 2 years after its
 * creation date), then EnableImageDeprecation for each AMI.
 */
export async function deprecateImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'deprecate',
    many: true,
  });
  const now = new Date();
  const typed = await askTime(deps, targets, now);
  const parsed = parseDeprecationTime(
    typed,
    now,
    targets.map((t) => t.ami),
  );
  if ('error' in parsed) throw new InputError(`${TITLE}: ${parsed.error}`);
  const at = parsed.time;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'deprecate',
    apply: async (target, signal) => {
      const image = await deps.lifecycle.scheduleDeprecation(
        target.ami.region,
        target.ami.imageId,
        at,
        now,
        signal,
      );
      return {
        image,
        detail: l10n.t(
          'deprecates on {0}. It stays launchable; other accounts no longer see it in listings unless they include deprecated AMIs.',
          image.deprecationTime ?? l10n.t('{0} UTC', formatUtcMinute(at)),
        ),
      };
    },
  });
}

interface TimeItem extends vscode.QuickPickItem {
  value?: string;
}

async function askTime(
  deps: CommandDeps,
  targets: readonly ImageTarget[],
  now: Date,
): Promise<string> {
  const single = targets.length === 1 ? targets[0].ami : undefined;
  const images = targets.map((t) => t.ami);
  const current =
    single?.deprecationTime !== undefined
      ? ` — ${isDeprecated(single, now) ? l10n.t('deprecated since') : l10n.t('deprecates on')} ${single.deprecationTime}`
      : '';
  const title = single
    ? `${TITLE}: ${amiDisplayName(single)}${current}`
    : l10n.t('{0}: {1} AMIs', TITLE, targets.length);
  const items: TimeItem[] = [
    ...deprecationPresets(now)
      // A preset beyond a public AMI's limit would only be refused.
      .filter((p) => validateDeprecationTime(formatUtcMinute(p.time), now, images) === undefined)
      .map((p) => ({
        label: p.label,
        description: l10n.t('{0} UTC', formatUtcMinute(p.time)),
        value: formatUtcMinute(p.time),
      })),
    { label: l10n.t('Custom…'), description: l10n.t('Enter a UTC date and time') },
    { label: l10n.t('What deprecation does'), kind: vscode.QuickPickItemKind.Separator },
    { label: l10n.t('$(info) Deprecated AMIs stay launchable'), detail: DEPRECATION_EXPLAINED },
  ];
  for (;;) {
    const picked = await deps.ui.pick({
      title,
      placeholder: l10n.t('When should EC2 deprecate it? (UTC)'),
      items,
      matchOnDescription: true,
    });
    if (picked.value !== undefined) return picked.value;
    if (picked.label !== l10n.t('Custom…')) continue;
    try {
      return await deps.ui.text({
        title,
        prompt: l10n.t(
          'UTC date and time, YYYY-MM-DD HH:MM: in the future, at most 10 years ahead (a public AMI: at most 2 years after its creation). {0}',
          DEPRECATION_EXPLAINED,
        ),
        placeholder: formatUtcMinute(deprecationPresets(now)[0].time),
        validate: (value) => validateDeprecationTime(value, new Date(), images),
      });
    } catch (error) {
      // Escape in the time field goes back to the presets.
      if (!isCancellation(error)) throw error;
    }
  }
}
