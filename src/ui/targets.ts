import type { ImageCapability } from '../core/model/capabilities';
import { isRegionName } from '../core/model/validation';
import { ImageNode } from '../tree/imageNode';
import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstanceNode } from '../tree/instanceNode';
import type { ImageTarget, PickerDeps } from './pickers';
import { pickImages, pickInstance, pickRegion } from './pickers';
import { selectedNodes } from './selection';
import * as l10n from '@vscode/l10n';
import { IMAGES_VIEW_SELECTION } from '../contextKeys';

/**
 * The one way commands find what they act on: the clicked node, the multi-selection it belongs to,
 * or — from the Command Palette — a picker. VS Code passes (clicked, selection) to context-menu
 * commands and nothing to palette runs.
 */

const isImageNode = (n: unknown): n is ImageNode => n instanceof ImageNode;
const isInstanceNode = (n: unknown): n is InstanceNode => n instanceof InstanceNode;

/**
 * The AMIs a command acts on: with `many`, the whole multi-selection the clicked node belongs to;
 * from the palette, one AMI picked by region (several with `pickMany`, for batch actions).
 */
export async function imageTargets(
  deps: PickerDeps,
  clicked: unknown,
  selection: unknown,
  options: { title: string; capability?: ImageCapability; many: boolean; pickMany?: boolean },
): Promise<ImageTarget[]> {
  const nodes = options.many
    ? selectedNodes(clicked, selection, isImageNode)
    : isImageNode(clicked)
      ? [clicked]
      : [];
  if (nodes.length > 0) return nodes.map((n) => ({ ami: n.ami, owned: n.owned }));
  return pickImages(deps, {
    title: options.title,
    many: options.pickMany ?? false,
    ...(options.capability ? { capability: options.capability } : {}),
  });
}

/** The instance a command acts on: the clicked one, else a region and one of its instances. */
export async function instanceTarget(
  deps: PickerDeps,
  clicked: unknown,
  title: string,
): Promise<{ region: string; instanceId: string }> {
  if (isInstanceNode(clicked)) {
    return { region: clicked.instance.region, instanceId: clicked.instance.instanceId };
  }
  return pickInstance(deps, title);
}

/** The instances a command acts on (the multi-selection); none from the palette. */
export function selectedInstances(clicked: unknown, selection: unknown): InstanceNode[] {
  return selectedNodes(clicked, selection, isInstanceNode);
}

/**
 * What a command run from an Images view key acts on: the AMI rows selected there (the first as the
 * clicked one). `undefined` when the command was not run from those keys.
 */
export function keyboardTarget(
  argument: unknown,
  imagesView: { readonly selection: readonly unknown[] },
): { clicked: ImageNode | undefined; selection: ImageNode[] } | undefined {
  if (argument !== IMAGES_VIEW_SELECTION) return undefined;
  const images = imagesView.selection.filter(isImageNode);
  return { clicked: images[0], selection: images };
}

/** Whether a selection of the Images view holds an AMI row (the keybindings' context key). */
export function selectionHasImage(selection: readonly unknown[]): boolean {
  return selection.some(isImageNode);
}

/** The selected image nodes (for commands that need no picker, like Copy AMI ID). */
export function selectedImages(clicked: unknown, selection: unknown): ImageNode[] {
  return selectedNodes(clicked, selection, isImageNode);
}

/**
 * The region a command acts on: a clicked region node of the Images view, a region name passed by
 * another command, else picked.
 */
export async function regionTarget(
  deps: Pick<PickerDeps, 'ui' | 'regions'>,
  clicked: unknown,
  title: string,
): Promise<string> {
  if (clicked instanceof ImagesRegionNode) return clicked.region;
  if (typeof clicked === 'string' && isRegionName(clicked)) return clicked;
  return pickRegion(deps, l10n.t('{0}: region', title));
}
