import * as vscode from 'vscode';
import { amiDisplayName, isDeprecated } from '../core/model/ami';
import {
  DEPRECATION_EXPLAINED,
  deprecationPresets,
  formatUtcMinute,
  validateDeprecationTime,
} from '../core/model/deprecationSchedule';
import { CancelledError, InputError } from '../core/model/errors';
import { parseFutureUtcTime } from '../core/model/imageInputs';
import type { CommandDeps } from './commandDeps';
import type { ImageTarget } from './pickImage';
import { applyToImages, imageTargets } from './imageActions';

/** Input given instead of asking (tests, other commands). */
export interface DeprecateInput {
  /** UTC time as typed: `YYYY-MM-DD HH:MM` (or ISO 8601); checked like typed input. */
  at: string;
}

const TITLE = 'Schedule Deprecation';

/**
 * `amiExplorer.image.deprecate`: a time (presets such as "in 30 days" or a custom UTC time, which
 * must be in the future and at most 10 years ahead), then EnableImageDeprecation for each AMI.
 */
export async function deprecateImage(
  deps: CommandDeps,
  clicked?: unknown,
  selection?: unknown,
  input?: DeprecateInput,
): Promise<void> {
  const targets = await imageTargets(deps, clicked, selection, {
    title: TITLE,
    capability: 'canDeprecate',
    multi: true,
  });
  const now = new Date();
  const typed = input?.at ?? (await askTime(targets, now));
  const parsed = parseFutureUtcTime(typed, now);
  if ('error' in parsed) throw new InputError(`${TITLE}: ${parsed.error}`);
  const at = parsed.time;
  await applyToImages(deps, {
    title: TITLE,
    targets,
    capability: 'canDeprecate',
    skipReason: 'only the owner can deprecate an AMI that is not disabled',
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
        detail: `deprecates on ${image.deprecationTime ?? `${formatUtcMinute(at)} UTC`}. It stays launchable; other accounts no longer see it in listings unless they include deprecated AMIs.`,
      };
    },
  });
}

interface TimeItem extends vscode.QuickPickItem {
  value?: string;
}

async function askTime(targets: readonly ImageTarget[], now: Date): Promise<string> {
  const single = targets.length === 1 ? targets[0].ami : undefined;
  const current =
    single?.deprecationTime !== undefined
      ? ` — ${isDeprecated(single, now) ? 'deprecated since' : 'deprecates on'} ${single.deprecationTime}`
      : '';
  const title = single
    ? `${TITLE}: ${amiDisplayName(single)}${current}`
    : `${TITLE}: ${targets.length} AMIs`;
  const items: TimeItem[] = [
    ...deprecationPresets(now).map((p) => ({
      label: p.label,
      description: `${formatUtcMinute(p.time)} UTC`,
      value: formatUtcMinute(p.time),
    })),
    { label: 'Custom…', description: 'Enter a UTC date and time' },
    { label: 'What deprecation does', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(info) Deprecated AMIs stay launchable', detail: DEPRECATION_EXPLAINED },
  ];
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'When should EC2 deprecate it? (UTC)',
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    if (!picked) throw new CancelledError();
    if (picked.value !== undefined) return picked.value;
    if (picked.label !== 'Custom…') continue;
    const typed = await vscode.window.showInputBox({
      title,
      prompt: `UTC date and time, YYYY-MM-DD HH:MM: in the future, at most 10 years ahead. ${DEPRECATION_EXPLAINED}`,
      placeHolder: formatUtcMinute(deprecationPresets(now)[0].time),
      ignoreFocusOut: true,
      validateInput: (value) => validateDeprecationTime(value, new Date()),
    });
    if (typed !== undefined) return typed;
  }
}
