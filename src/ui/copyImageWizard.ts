import type * as vscode from 'vscode';
import type { CopyDestination, CopySource } from '../core/model/copyPlan';
import { copyIsEncrypted, encryptionNote } from '../core/model/copyPlan';
import { amiDisplayName } from '../core/model/ami';
import { validateAmiName, validateDescription, validateKmsKey } from '../core/model/imageInputs';
import type { InputStep } from './multiStepInput';
import { MultiStepInput } from './multiStepInput';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/** What the copy wizard collects. */
export interface CopyWizardState {
  destinations: CopyDestination[];
  name?: string;
  description?: string;
  copyTags: boolean;
  encrypt: boolean;
}

/** What a caller already knows; the user still sees and can change every step. */
export interface CopyWizardPrefill {
  /** Destination regions ticked when the wizard opens (listed even when not configured). */
  readonly destinations?: readonly string[];
}

interface RegionItem extends vscode.QuickPickItem {
  region: string;
}
interface ChoiceItem<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * The Copy Image wizard in one quick input: destination regions (several; the source's own region
 * too), name and description (one source only), copy tags, encryption, then a KMS key per
 * destination when encrypting. Validated as you type; Back on every step after the first. A
 * prefill (the quick fix of a region map that lacks the AMI) only ticks destinations.
 */
export async function runCopyWizard(
  ask: Ask,
  sources: readonly CopySource[],
  regions: readonly string[],
  prefill: CopyWizardPrefill = {},
): Promise<CopyWizardState> {
  const single = sources.length === 1 ? sources[0] : undefined;
  const encryptable = sources.some((s) => s.rootDeviceType === 'ebs');
  const forced = sources.some((s) => s.encrypted);
  const title = single
    ? l10n.t('Copy {0} ({1})', amiDisplayName(single), single.imageId)
    : l10n.t('Copy {0} AMIs', sources.length);
  const prefilled = prefill.destinations ?? [];
  const state: CopyWizardState = {
    destinations: prefilled.map((region) => ({ region })),
    ...(single?.name !== undefined ? { name: single.name } : {}),
    ...(single?.description !== undefined ? { description: single.description } : {}),
    copyTags: true,
    encrypt: forced,
  };
  const sourceRegions = new Set(sources.map((s) => s.region));
  const fixedSteps = (single ? 4 : 2) + (encryptable ? 1 : 0);
  const totalSteps = (): number =>
    fixedSteps + (state.encrypt || forced ? state.destinations.length : 0);

  const pickRegions: InputStep<CopyWizardState> = async (input) => {
    input.totalSteps = totalSteps();
    const listed = [...regions, ...prefilled.filter((r) => !regions.includes(r))];
    const items: RegionItem[] = listed.map((region) => ({
      label: region,
      region,
      ...(sourceRegions.has(region)
        ? { description: l10n.t('source region (needs a new name)') }
        : {}),
    }));
    const chosen = new Set(state.destinations.map((d) => d.region));
    const picked = await input.pickMany({
      placeholder: l10n.t('Destination regions (one or several; CopyImage is called in each)'),
      items,
      active: items.filter((i) => chosen.has(i.region)),
      requireSelection: l10n.t('Choose at least one destination region'),
    });
    const keys = new Map(state.destinations.map((d) => [d.region, d.kmsKey]));
    state.destinations = picked.map((i) => ({
      region: i.region,
      ...(keys.get(i.region) !== undefined ? { kmsKey: keys.get(i.region) ?? '' } : {}),
    }));
    return single ? askName : askCopyTags;
  };

  const askName: InputStep<CopyWizardState> = async (input) => {
    input.totalSteps = totalSteps();
    state.name = await input.text({
      prompt: l10n.t(
        "Name of the copy (3–128 characters: letters, digits, spaces and ( ) [ ] . / - ' @ _)",
      ),
      value: state.name ?? '',
      validate: (v) => {
        const problem = validateAmiName(v);
        if (problem) return problem;
        if (
          single &&
          v.trim() === single.name &&
          state.destinations.some((d) => d.region === single.region)
        ) {
          return l10n.t(
            "The copy in {0} (the source's region) needs a different name.",
            single.region,
          );
        }
        return undefined;
      },
    });
    return askDescription;
  };

  const askDescription: InputStep<CopyWizardState> = async (input) => {
    input.totalSteps = totalSteps();
    state.description = await input.text({
      prompt: l10n.t('Description of the copy (optional, at most 255 characters)'),
      value: state.description ?? '',
      validate: validateDescription,
    });
    return askCopyTags;
  };

  const askCopyTags: InputStep<CopyWizardState> = async (input) => {
    input.totalSteps = totalSteps();
    const items: ChoiceItem<boolean>[] = [
      {
        label: l10n.t('Copy tags'),
        description: l10n.t("the source AMI's tags (CopyImageTags)"),
        value: true,
      },
      { label: l10n.t("Don't copy tags"), value: false },
    ];
    const choice = await input.pick({
      placeholder: l10n.t('Copy the tags of the source AMI?'),
      items,
      active: items.filter((i) => i.value === state.copyTags),
    });
    state.copyTags = choice.value;
    return encryptable ? askEncrypt : undefined;
  };

  const askEncrypt: InputStep<CopyWizardState> = async (input) => {
    input.totalSteps = totalSteps();
    const note = sources.map(encryptionNote).filter((n, i, all) => all.indexOf(n) === i);
    const items: ChoiceItem<boolean>[] = forced
      ? [
          {
            label: l10n.t('Encrypt the copies (required)'),
            detail: note.join(' '),
            value: true,
          },
        ]
      : [
          {
            label: l10n.t('Keep encryption as in the source'),
            detail: note.join(' '),
            value: false,
          },
          {
            label: l10n.t('Encrypt the copies'),
            detail: l10n.t('Choose a KMS key for each destination region next.'),
            value: true,
          },
        ];
    const choice = await input.pick({
      placeholder: forced
        ? l10n.t('An encrypted AMI can only be copied encrypted')
        : l10n.t('Encrypt the copied volumes?'),
      items,
      active: items.filter((i) => i.value === state.encrypt),
    });
    state.encrypt = choice.value;
    const encrypting = sources.some((s) => copyIsEncrypted(s, state.encrypt));
    if (!encrypting) {
      state.destinations = state.destinations.map((d) => ({ region: d.region }));
      return undefined;
    }
    return askKey(0);
  };

  const askKey =
    (index: number): InputStep<CopyWizardState> =>
    async (input) => {
      input.totalSteps = totalSteps();
      const destination = state.destinations[index];
      if (!destination) return undefined;
      const value = await input.text({
        prompt: l10n.t(
          'KMS key for the copy in {0}: empty or alias/aws/ebs for the default EBS key, or an alias, key id or key ARN. The key must exist in {1}.',
          destination.region,
          destination.region,
        ),
        // eslint-disable-next-line l10n/user-text -- a KMS alias, typed as it is
        placeholder: 'alias/aws/ebs',
        value: destination.kmsKey ?? '',
        validate: (v) => validateKmsKey(v, destination.region),
      });
      state.destinations[index] = {
        region: destination.region,
        ...(value.length > 0 ? { kmsKey: value } : {}),
      };
      return index + 1 < state.destinations.length ? askKey(index + 1) : undefined;
    };

  return MultiStepInput.run(ask, title, totalSteps(), pickRegions, state);
}
