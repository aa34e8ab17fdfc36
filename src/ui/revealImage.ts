import type * as vscode from 'vscode';
import type { ImagesTreeProvider } from '../tree/imagesTreeProvider';
import type { TreeNode } from '../tree/treeNode';

/**
 * Reveals and selects an image in the Images view. Returns false when its region is not loaded or
 * the image is not in the current scope (the caller can then say so).
 */
export async function revealImage(
  view: vscode.TreeView<TreeNode>,
  tree: ImagesTreeProvider,
  region: string,
  imageId: string,
): Promise<boolean> {
  let node = tree.findImage(region, imageId);
  if (!node) {
    const regionNode = tree.regionNode(region);
    if (!regionNode) return false;
    await regionNode.load();
    node = tree.findImage(region, imageId);
  }
  if (!node) return false;
  tree.prepareReveal(node);
  await tree.holdingRenders(() => view.reveal(node, { select: true, focus: true, expand: true }));
  return true;
}
