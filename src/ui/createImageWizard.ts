import type * as vscode from 'vscode';
import type { Tag } from '../core/model/ami';
import type { InstanceForImage } from '../core/model/instance';
import type {
  AttachedVolume,
  Consistency,
  CreateImageInput,
  VolumeChoice,
} from '../core/model/imageCreation';
import {
  copyableTags,
  defaultImageName,
  describeVolume,
  mergeTags,
  parseTagList,
} from '../core/model/imageCreation';
import { validateAmiName, validateDescription } from '../core/model/imageInputs';
import type { VolumeReview } from '../core/services/imageCreationService';
import type { InputStep } from './multiStepInput';
import { MultiStepInput } from './multiStepInput';
import type { Ask } from './userInput';
import { debouncedCheck } from './debouncedCheck';
import * as l10n from '@vscode/l10n';

/** What the Create Image wizard needs to know before it asks anything. */
export interface CreateImageWizardContext {
  ask: Ask;
  region: string;
  instance: InstanceForImage;
  review: VolumeReview;
  /** DescribeImages Owners=self + name: a sentence when the name is taken. */
  nameProblem: (name: string) => Promise<string | undefined>;
  now: Date;
}

interface State {
  name: string;
  description: string;
  copiedTags: Tag[];
  typedTags: Tag[];
  typedTagsText: string;
  consistency: Consistency;
  included: Set<string>;
  deleteOnTermination: Set<string>;
}

interface ConsistencyItem extends vscode.QuickPickItem {
  value: Consistency;
}

interface TagItem extends vscode.QuickPickItem {
  tag: Tag;
}

interface VolumeItem extends vscode.QuickPickItem {
  volume: AttachedVolume;
}

/**
 * Asks for everything CreateImage needs in one multi-step input: name (checked for duplicates as
 * you type), description, tags (copy the instance's, add more), consistency, and the block-device
 * mapping review. Throws CancelledError on Escape.
 */
export async function askCreateImageInput(
  ctx: CreateImageWizardContext,
): Promise<CreateImageInput> {
  const { instance, review } = ctx;
  const instanceTags = copyableTags(instance.tags);
  const nonRoot = review.volumes.filter((v) => !v.isRoot);
  const state: State = {
    name: defaultImageName(instance, ctx.now),
    description: '',
    copiedTags: instanceTags.filter((t) => t.key !== 'Name'),
    typedTags: [],
    typedTagsText: '',
    consistency: instance.state === 'running' ? 'reboot' : 'noReboot',
    included: new Set(review.volumes.map((v) => v.deviceName)),
    deleteOnTermination: new Set(
      review.volumes.filter((v) => v.deleteOnTermination).map((v) => v.deviceName),
    ),
  };
  const checkName = debouncedCheck(ctx.nameProblem, 300);
  const total =
    3 +
    (instanceTags.length > 0 ? 1 : 0) +
    (instance.state === 'running' ? 1 : 0) +
    (nonRoot.length > 0 ? 2 : 1);

  const askName: InputStep<State> = async (input, s) => {
    s.name = await input.text({
      prompt: l10n.t(
        'Name of the new AMI (unique among your AMIs in {0}; it cannot be changed later)',
        ctx.region,
      ),
      value: s.name,
      validate: async (value) => validateAmiName(value) ?? (await checkName(value.trim())),
    });
    return askDescription;
  };
  const askDescription: InputStep<State> = async (input, s) => {
    s.description = await input.text({
      prompt: l10n.t('Description (optional)'),
      value: s.description,
      placeholder: l10n.t(
        'e.g. {0} with the November patches',
        instance.name ?? instance.instanceId,
      ),
      validate: validateDescription,
    });
    return instanceTags.length > 0 ? askCopyTags : askTypedTags;
  };
  const askCopyTags: InputStep<State> = async (input, s) => {
    const items: TagItem[] = instanceTags.map((tag) => ({
      label: tag.key,
      description: tag.value,
      tag,
    }));
    const chosen = await input.pickMany({
      placeholder: l10n.t(
        'Copy tags of {0} to the image and its snapshots',
        instance.name ?? instance.instanceId,
      ),
      items,
      active: items.filter((i) => s.copiedTags.some((t) => t.key === i.tag.key)),
    });
    s.copiedTags = chosen.map((i) => i.tag);
    return askTypedTags;
  };
  const askTypedTags: InputStep<State> = async (input, s) => {
    s.typedTagsText = await input.text({
      prompt: l10n.t(
        'More tags for the image and its snapshots (optional): key=value, separated by commas; a comma not followed by key= stays in the value (Owner=Smith, John)',
      ),
      value: s.typedTagsText,
      placeholder: l10n.t('team=platform, purpose=release'),
      validate: (value) => {
        const parsed = parseTagList(value);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    const parsed = parseTagList(s.typedTagsText);
    s.typedTags = 'tags' in parsed ? parsed.tags : [];
    return instance.state === 'running' ? askConsistency : volumesStep;
  };
  const askConsistency: InputStep<State> = async (input, s) => {
    const items: ConsistencyItem[] = [
      {
        value: 'stop',
        label: l10n.t('$(debug-stop) Stop the instance first'),
        description: l10n.t('consistent'),
        detail: l10n.t(
          'Stops it, waits until stopped, creates the image, then offers to start it again.',
        ),
      },
      {
        value: 'reboot',
        label: l10n.t('$(debug-restart) Reboot'),
        description: l10n.t("EC2's default"),
        detail: l10n.t(
          'EC2 shuts it down, snapshots the volumes, starts it again: a short outage.',
        ),
      },
      {
        value: 'noReboot',
        label: l10n.t('$(pulse) No reboot'),
        description: l10n.t('crash-consistent'),
        detail: l10n.t(
          'Snapshots it running: data not yet on disk is missing, as after a power cut.',
        ),
      },
    ];
    const chosen = await input.pick({
      placeholder: l10n.t('How should the image be made consistent?'),
      items,
      active: items.filter((i) => i.value === s.consistency),
      matchOnDetail: true,
    });
    s.consistency = chosen.value;
    return volumesStep;
  };
  // Shown under each volume: where its size and encryption come from, when not from the volume itself.
  const origin =
    review.source === 'sourceImage'
      ? l10n.t(
          'size and encryption from {0} (DescribeVolumes unavailable)',
          instance.imageId ?? l10n.t('the source AMI'),
        )
      : review.source === 'none'
        ? l10n.t('size and encryption unknown')
        : undefined;
  const volumeDetail = (volume: AttachedVolume): string | undefined =>
    [volume.volumeId, origin].filter(Boolean).join(' · ') || undefined;
  const askVolumes: InputStep<State> = async (input, s) => {
    const items: VolumeItem[] = review.volumes.map((volume) => ({
      label: `${volume.deviceName}${volume.isRoot ? l10n.t(' (root, always included)') : ''}`,
      description: describeVolume(volume),
      ...(volumeDetail(volume) ? { detail: volumeDetail(volume) } : {}),
      volume,
    }));
    const chosen = await input.pickMany({
      placeholder: l10n.t('Volumes in the image (uncheck a data volume to leave it out)'),
      items,
      active: items.filter((i) => s.included.has(i.volume.deviceName)),
    });
    s.included = new Set([
      ...review.volumes.filter((v) => v.isRoot).map((v) => v.deviceName),
      ...chosen.map((i) => i.volume.deviceName),
    ]);
    return askDeleteOnTermination;
  };
  const askDeleteOnTermination: InputStep<State> = async (input, s) => {
    const items: VolumeItem[] = review.volumes
      .filter((v) => s.included.has(v.deviceName))
      .map((volume) => ({
        label: `${volume.deviceName}${volume.isRoot ? l10n.t(' (root)') : ''}`,
        description: describeVolume(volume),
        ...(volumeDetail(volume) ? { detail: volumeDetail(volume) } : {}),
        volume,
      }));
    const chosen = await input.pickMany({
      placeholder: l10n.t('Delete on termination: checked volumes go when the instance does'),
      items,
      active: items.filter((i) => s.deleteOnTermination.has(i.volume.deviceName)),
    });
    s.deleteOnTermination = new Set(chosen.map((i) => i.volume.deviceName));
    return undefined;
  };

  // Only a root volume: nothing to leave out, straight to DeleteOnTermination.
  const volumesStep = nonRoot.length > 0 ? askVolumes : askDeleteOnTermination;

  const title = l10n.t('Create Image from {0}', instance.name ?? instance.instanceId);
  const filled = await MultiStepInput.run(ctx.ask, title, total, askName, state);
  const volumes: VolumeChoice[] = review.volumes.map((v) => ({
    deviceName: v.deviceName,
    include: filled.included.has(v.deviceName),
    deleteOnTermination: filled.deleteOnTermination.has(v.deviceName),
  }));
  return {
    region: ctx.region,
    instanceId: instance.instanceId,
    name: filled.name,
    ...(filled.description.trim() ? { description: filled.description.trim() } : {}),
    tags: mergeTags(filled.copiedTags, filled.typedTags),
    consistency: filled.consistency,
    volumes,
  };
}
