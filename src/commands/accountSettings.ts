import type * as vscode from 'vscode';
import type { ImageBlockPublicAccessState } from '../core/model/ami';
import {
  ALLOWED_STATES,
  allowedStateLabel,
  criteriaText,
  describeCriteria,
  imageBlockLabel,
  parseCriteria,
  snapshotBlockLabel,
} from '../core/model/accountGuardrails';
import { errorSentence } from '../core/model/errorSentence';
import { InputError } from '../core/model/errors';
import type {
  AllowedImagesSettings,
  ImageCriterion,
  SnapshotBlockPublicAccessState,
} from '../core/model/imageInsights';
import { withProgress } from '../ui/progress';
import { regionTarget } from '../ui/targets';
import type { CommandDeps } from './commandDeps';
import * as l10n from '@vscode/l10n';

/** A setting as read, or why it could not be read. */
type Read<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The account's guardrails in a region, as read (each on its own: one failing hides no other). */
export interface GuardrailsRead {
  region: string;
  allowedImages: Read<AllowedImagesSettings>;
  imageBlockPublicAccess: Read<ImageBlockPublicAccessState>;
  snapshotBlockPublicAccess: Read<SnapshotBlockPublicAccessState>;
}

/** What the command resolves to: what it showed, what it changed and what EC2 said after. */
export interface AccountSettingsOutcome {
  shown: GuardrailsRead;
  changed?: 'allowedState' | 'criteria' | 'imageBlock';
  after?: GuardrailsRead;
}

type Choice = 'allowedState' | 'criteria' | 'imageBlock' | 'snapshotBlock';
interface ChoiceItem extends vscode.QuickPickItem {
  choice: Choice;
}

const settled = <T>(p: Promise<T>): Promise<Read<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

const unreadable = (error: unknown): string =>
  l10n.t('could not be read: {0}', errorSentence(error).replace(/\.$/, ''));

/**
 * `amiExplorer.account.showSettings` ("Account Settings…"): for a region, shows Allowed AMIs (state,
 * criteria), image block public access and snapshot block public access in one pick; picking one
 * changes it (validated, confirmed), and the setting is read again from EC2 after the change.
 */
export async function showAccountSettings(
  deps: CommandDeps,
  clicked?: unknown,
): Promise<AccountSettingsOutcome> {
  const region = await regionTarget(deps, clicked, l10n.t('Account Settings'));
  const shown = await withProgress(
    l10n.t('Reading the account settings of {0}…', region),
    (signal) => readGuardrails(deps, region, signal),
  );
  const { allowedImages, imageBlockPublicAccess, snapshotBlockPublicAccess } = shown;
  const items: ChoiceItem[] = [
    {
      choice: 'allowedState',
      label: l10n.t(
        'Allowed AMIs: {0}',
        allowedImages.ok ? allowedStateLabel(allowedImages.value.state) : l10n.t('unknown'),
      ),
      description: allowedImages.ok
        ? l10n.t(
            '{0} criteria{1}',
            allowedImages.value.criteria.length,
            allowedImages.value.managedBy === 'declarative-policy'
              ? l10n.t(' · managed by a declarative policy')
              : '',
          )
        : unreadable(allowedImages.error),
      detail: l10n.t('Change the state: enabled, audit mode or disabled'),
    },
    {
      choice: 'criteria',
      label: l10n.t('Allowed AMIs criteria'),
      description: allowedImages.ok
        ? describeCriteria(allowedImages.value.criteria).replace(/\n/g, '  ')
        : unreadable(allowedImages.error),
      detail: l10n.t('Edit the criteria (replaces the whole list)'),
    },
    {
      choice: 'imageBlock',
      label: l10n.t(
        'Image block public access: {0}',
        imageBlockPublicAccess.ok
          ? imageBlockLabel(imageBlockPublicAccess.value)
          : l10n.t('unknown'),
      ),
      ...(imageBlockPublicAccess.ok
        ? { detail: l10n.t('Turn it on or off') }
        : { description: unreadable(imageBlockPublicAccess.error) }),
    },
    {
      choice: 'snapshotBlock',
      label: l10n.t(
        'Snapshot block public access: {0}',
        snapshotBlockPublicAccess.ok
          ? snapshotBlockLabel(snapshotBlockPublicAccess.value)
          : l10n.t('unknown'),
      ),
      ...(snapshotBlockPublicAccess.ok
        ? { detail: l10n.t('Shown only (change it in the EC2 console: EBS › Block public access)') }
        : { description: unreadable(snapshotBlockPublicAccess.error) }),
    },
  ];
  const picked = await deps.ui.pick({
    title: l10n.t('Account Settings: {0}', region),
    placeholder: l10n.t('Pick a setting to change it'),
    items,
  });
  switch (picked.choice) {
    case 'allowedState':
      await changeAllowedState(deps, region, requireChangeable(allowedImages));
      break;
    case 'criteria':
      await changeCriteria(deps, region, requireChangeable(allowedImages));
      break;
    case 'imageBlock':
      if (!imageBlockPublicAccess.ok) throw imageBlockPublicAccess.error;
      await changeImageBlock(deps, region, imageBlockPublicAccess.value);
      break;
    case 'snapshotBlock':
      void deps.ui.notify(
        'info',
        l10n.t(
          'Snapshot block public access in {0}: {1}. AMI Explorer shows it only; change it in the EC2 console (EBS › Block public access).',
          region,
          snapshotBlockPublicAccess.ok
            ? snapshotBlockLabel(snapshotBlockPublicAccess.value)
            : l10n.t('unknown'),
        ),
      );
      return { shown };
  }
  // Re-read: what EC2 says now is what the user is told, whatever was asked.
  const after = await withProgress(
    l10n.t('Reading the account settings of {0} again…', region),
    (signal) => readGuardrails(deps, region, signal),
  );
  void deps.ui.notify('info', summary(picked.choice, after));
  return { shown, changed: picked.choice, after };
}

async function readGuardrails(
  deps: CommandDeps,
  region: string,
  signal: AbortSignal,
): Promise<GuardrailsRead> {
  const settings = deps.ec2.accountSettings;
  const [allowedImages, imageBlockPublicAccess, snapshotBlockPublicAccess] = await Promise.all([
    settled(settings.allowedImages(region, signal)),
    settled(settings.imageBlockPublicAccess(region, signal)),
    settled(settings.snapshotBlockPublicAccess(region, signal)),
  ]);
  return { region, allowedImages, imageBlockPublicAccess, snapshotBlockPublicAccess };
}

/** The Allowed AMIs settings, when the account may change them. */
function requireChangeable(read: Read<AllowedImagesSettings>): AllowedImagesSettings {
  if (!read.ok) throw read.error;
  if (read.value.managedBy === 'declarative-policy') {
    throw new InputError(
      l10n.t(
        'Allowed AMIs in this region are managed by a declarative policy of your AWS Organization: change them there.',
      ),
    );
  }
  return read.value;
}

async function changeAllowedState(
  deps: CommandDeps,
  region: string,
  current: AllowedImagesSettings,
): Promise<void> {
  const chosen = await deps.ui.pick({
    title: l10n.t('Allowed AMIs in {0}', region),
    placeholder: l10n.t('Now: {0}', allowedStateLabel(current.state)),
    items: ALLOWED_STATES.map((s) => ({
      label: s.label,
      ...(s.state === current.state ? { description: l10n.t('(current)') } : {}),
      detail: s.explained,
      state: s.state,
    })),
  });
  if (chosen.state === current.state) return;
  await deps.ui.confirm(
    l10n.t('Set Allowed AMIs in {0} to {1}?', region, chosen.label.toLowerCase()),
    l10n.t('{0}\n\nCriteria: {1}', chosen.detail, describeCriteria(current.criteria)),
    chosen.label,
  );
  await withProgress(l10n.t('Setting Allowed AMIs in {0}…', region), (signal) =>
    chosen.state === 'disabled'
      ? deps.ec2.accountSettings.disableAllowedImages(region, signal)
      : deps.ec2.accountSettings.enableAllowedImages(region, chosen.state, signal),
  );
}

async function changeCriteria(
  deps: CommandDeps,
  region: string,
  current: AllowedImagesSettings,
): Promise<void> {
  const text = await deps.ui.text({
    title: l10n.t('Allowed AMIs criteria in {0}', region),
    prompt: l10n.t(
      'A JSON array of criteria; an AMI is allowed when it matches one. Fields: imageProviders (amazon, aws-marketplace, aws-backup-vault, none, account ids), imageNames (with * and ?), marketplaceProductCodes, maximumDaysSinceCreated, maximumDaysSinceDeprecated.',
    ),
    value: criteriaText(current.criteria),
    validate: (value) => {
      const parsed = parseCriteria(value);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  const parsed = parseCriteria(text);
  if ('problem' in parsed) throw new InputError(parsed.problem);
  const criteria: ImageCriterion[] = parsed.criteria;
  await deps.ui.confirm(
    l10n.t('Replace the Allowed AMIs criteria in {0}?', region),
    l10n.t(
      'New criteria:\n{0}\n\nThey apply {1}.',
      describeCriteria(criteria),
      current.state === 'enabled'
        ? l10n.t('at once: AMIs that match none can no longer be discovered or launched here')
        : current.state === 'audit-mode'
          ? l10n.t('in audit mode: nothing is blocked, AMIs only say whether they would be allowed')
          : l10n.t('when Allowed AMIs is enabled (it is disabled now)'),
    ),
    l10n.t('Replace'),
  );
  await withProgress(l10n.t('Replacing the Allowed AMIs criteria in {0}…', region), (signal) =>
    deps.ec2.accountSettings.replaceImageCriteria(region, criteria, signal),
  );
}

async function changeImageBlock(
  deps: CommandDeps,
  region: string,
  current: ImageBlockPublicAccessState,
): Promise<void> {
  const on = current === 'block-new-sharing';
  await deps.ui.confirm(
    on
      ? l10n.t('Turn off image block public access in {0}?', region)
      : l10n.t('Turn on image block public access in {0}?', region),
    on
      ? l10n.t('AMIs of this account in this region can then be made public again.')
      : l10n.t(
          'New public sharing of AMIs is then blocked in this region. AMIs that are public now stay public until you change their launch permissions.',
        ),
    on ? l10n.t('Turn Off') : l10n.t('Turn On'),
  );
  await withProgress(l10n.t('Changing image block public access in {0}…', region), (signal) =>
    on
      ? deps.ec2.accountSettings.disableImageBlockPublicAccess(region, signal)
      : deps.ec2.accountSettings.enableImageBlockPublicAccess(region, signal),
  );
}

/** What EC2 says after the change, in one notification. */
function summary(choice: Choice, after: GuardrailsRead): string {
  const where = after.region;
  switch (choice) {
    case 'imageBlock':
      return l10n.t(
        'Image block public access in {0} (read again): {1}.',
        where,
        after.imageBlockPublicAccess.ok
          ? imageBlockLabel(after.imageBlockPublicAccess.value)
          : unreadable(after.imageBlockPublicAccess.error),
      );
    default:
      return after.allowedImages.ok
        ? l10n.t(
            'Allowed AMIs in {0} (read again): {1}; {2}.',
            where,
            allowedStateLabel(after.allowedImages.value.state),
            describeCriteria(after.allowedImages.value.criteria).replace(/\n/g, '; '),
          )
        : l10n.t('Allowed AMIs in {0}: {1}.', where, unreadable(after.allowedImages.error));
  }
}
