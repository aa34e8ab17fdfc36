import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName } from '../core/model/ami';
import type { ImageCapability } from '../core/model/capabilities';
import { refusal } from '../core/model/capabilities';
import { AwsApiError, InputError } from '../core/model/errors';
import { backingGroupLabel, groupByBackingType } from '../core/model/grouping';
import { imageStateLabel } from '../core/model/imagePresentation';
import type { Ec2Instance } from '../core/model/instance';
import { instanceDisplayName } from '../core/model/instance';
import { isAmiId, isInstanceId, validateAccountRegion } from '../core/model/validation';
import type { ImageService } from '../core/services/imageService';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { InstancesTreeProvider } from '../tree/instancesTreeProvider';
import type { RegionSource } from '../core/services/regionSource';
import { withProgress } from './progress';
import type { Ask } from './userInput';
import * as l10n from '@vscode/l10n';

/** What the pickers need. */
export interface PickerDeps {
  ui: Ask;
  regions: RegionSource;
  imagesTree: ImagesTreeProvider;
  instancesTree: InstancesTreeProvider;
  images: ImageService;
}

/** An AMI a command acts on, and whether the caller owns it (decides what may be done). */
export interface ImageTarget {
  ami: Ami;
  owned: boolean;
}

interface RegionItem extends vscode.QuickPickItem {
  region: string;
}

/**
 * Asks for a region: the account's regions, or a typed name that is not listed (validated).
 * Throws CancelledError on Escape.
 */
export async function pickRegion(
  deps: Pick<PickerDeps, 'ui' | 'regions'>,
  title: string,
): Promise<string> {
  // Only DescribeRegions' answer is the account's list; a configured or fallback list is not.
  let accountRegions: readonly string[] = [];
  const listed = deps.regions.get().then(
    (resolved) => {
      if (resolved.source === 'account') accountRegions = resolved.regions;
      return resolved.regions.map((region): RegionItem => ({ label: region, region }));
    },
    // Without a list (e.g. no credentials yet) the user can still type a region.
    () => [] as RegionItem[],
  );
  const chosen = await deps.ui.pick<RegionItem>({
    title,
    placeholder: l10n.t('Region, e.g. us-east-1'),
    items: listed,
    typedItem: (value) =>
      validateAccountRegion(value, accountRegions) === undefined
        ? { label: value, description: l10n.t('not in the list'), region: value }
        : undefined,
  });
  return chosen.region;
}

interface ImageItem extends vscode.QuickPickItem {
  ami?: Ami;
  /** An id the user typed or pasted; looked up after it is accepted. */
  typedId?: string;
}

/**
 * The Command Palette's way to choose AMIs: a region, then the AMIs the Images view lists there (its
 * scope, in its order and groups) that allow `capability`, in one pick that shows it is loading. A
 * typed or pasted AMI id that is not listed is offered too, and looked up when accepted. Throws
 * CancelledError on Escape, InputError when a chosen AMI does not allow the capability.
 */
export async function pickImages(
  deps: PickerDeps,
  options: {
    title: string;
    many: boolean;
    /** Only AMIs that allow this are listed; any AMI when absent. */
    capability?: ImageCapability;
  },
): Promise<ImageTarget[]> {
  const region = await pickRegion(deps, l10n.t('{0}: region', options.title));
  const controller = new AbortController();
  const now = new Date();
  const owned = (ami: Ami): boolean => deps.imagesTree.isOwned(ami);
  const items = deps.imagesTree.listImages(region, controller.signal).then((images) => {
    const { capability } = options;
    const usable = capability
      ? images.filter((ami) => refusal({ ami, owned: owned(ami) }, capability) === undefined)
      : images;
    if (usable.length === 0) {
      return [
        {
          label: l10n.t('No AMI listed here allows this'),
          description: l10n.t(
            "{0} listed in the Images view's scope; type or paste an AMI id",
            images.length,
          ),
        },
      ];
    }
    return groupByBackingType(usable, deps.imagesTree.sortBy).flatMap((group): ImageItem[] => [
      { label: backingGroupLabel(group.backingType), kind: vscode.QuickPickItemKind.Separator },
      ...group.images.map((ami) => ({
        label: amiDisplayName(ami),
        description: `${ami.name ? `${ami.imageId} · ` : ''}${imageStateLabel(ami, now)}`,
        ...(ami.description ? { detail: ami.description } : {}),
        ami,
      })),
    ]);
  });
  const request = {
    title: l10n.t(
      '{0}: {1} in {2}',
      options.title,
      options.many ? l10n.t('AMIs') : l10n.t('AMI'),
      region,
    ),
    placeholder: l10n.t('Choose an AMI, or type or paste an AMI id (ami-…)'),
    items,
    matchOnDescription: true,
    matchOnDetail: true,
    typedItem: (value: string): ImageItem | undefined =>
      isAmiId(value)
        ? { label: value, description: l10n.t('look up this AMI id'), typedId: value }
        : undefined,
    loadFailed: () => l10n.t('Could not list the AMIs of this region; type or paste an AMI id'),
  };
  let chosen: ImageItem[];
  try {
    chosen = options.many
      ? await deps.ui.pickMany({ ...request, requireSelection: l10n.t('Choose at least one AMI') })
      : [await deps.ui.pick(request)];
  } finally {
    controller.abort();
  }
  if (chosen.every((i) => i.ami === undefined && i.typedId === undefined)) {
    throw new InputError(
      l10n.t(
        "{0}: none of the AMIs listed in {1} allows it. Type or paste an AMI id, or change the Images view's scope.",
        options.title,
        region,
      ),
    );
  }
  const typed = chosen.flatMap((i) => (i.typedId !== undefined ? [i.typedId] : []));
  const found = typed.length
    ? await withProgress(l10n.t('Looking up {0} in {1}…', typed.join(', '), region), (signal) =>
        Promise.all(typed.map((id) => lookUp(deps, region, id, signal, options.title))),
      )
    : [];
  const targets = [...chosen.flatMap((i) => (i.ami ? [i.ami] : [])), ...found].map((ami) => ({
    ami,
    owned: owned(ami),
  }));
  if (options.capability) requireAllowed(targets, options.capability, options.title);
  return targets;
}

/** Throws InputError, naming each AMI and why, unless every target allows the capability. */
export function requireAllowed(
  targets: readonly ImageTarget[],
  capability: ImageCapability,
  title: string,
): void {
  const refused = targets.flatMap((t) => {
    const why = refusal(t, capability);
    return why ? [`${t.ami.imageId} — ${why}`] : [];
  });
  if (refused.length > 0) throw new InputError(`${title}: ${refused.join('; ')}.`);
}

/** An AMI id the user typed, described; "not found" says which id and where it was looked for. */
async function lookUp(
  deps: PickerDeps,
  region: string,
  imageId: string,
  signal: AbortSignal,
  title: string,
): Promise<Ami> {
  try {
    return await deps.images.getImage(region, imageId, signal);
  } catch (error) {
    if (error instanceof AwsApiError && error.code === 'InvalidAMIID.NotFound') {
      throw new InputError(
        l10n.t(
          '{0}: {1} was not found in {2}. It may have been deregistered, or it belongs to another region or account that does not share it with you.',
          title,
          imageId,
          region,
        ),
      );
    }
    throw error;
  }
}

interface InstanceItem extends vscode.QuickPickItem {
  instance?: Ec2Instance;
  typedId?: string;
}

/** A region, then one of its instances (listed in the pick itself); a typed instance id works too. */
export async function pickInstance(
  deps: PickerDeps,
  title: string,
): Promise<{ region: string; instanceId: string }> {
  const region = await pickRegion(deps, l10n.t('{0}: region', title));
  const controller = new AbortController();
  const items = deps.instancesTree.listInstances(region, controller.signal).then((instances) =>
    instances.map((i): InstanceItem => ({
      label: instanceDisplayName(i),
      description: [i.name ? i.instanceId : undefined, i.state, i.rootDeviceType]
        .filter(Boolean)
        .join(' · '),
      instance: i,
    })),
  );
  try {
    const chosen = await deps.ui.pick<InstanceItem>({
      title: l10n.t('{0}: instance in {1}', title, region),
      placeholder: l10n.t('Instance to create the image from (or type an instance id)'),
      items,
      matchOnDescription: true,
      typedItem: (value) =>
        isInstanceId(value)
          ? { label: value, description: l10n.t('use this instance id'), typedId: value }
          : undefined,
      loadFailed: () => l10n.t('Could not list the instances of this region; type an instance id'),
    });
    const instanceId = chosen.instance?.instanceId ?? chosen.typedId;
    if (instanceId === undefined) throw new InputError(l10n.t('{0}: choose an instance.', title));
    return { region, instanceId };
  } finally {
    controller.abort();
  }
}
