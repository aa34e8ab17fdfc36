import { ImagesRegionNode } from '../tree/imagesRegionNode';
import { InstancesRegionNode } from '../tree/instancesRegionNode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandDeps } from './commandDeps';

/** `amiExplorer.images.refresh`: the Images view and open AMI documents, with fresh credentials. */
export function refreshImages(deps: CommandDeps): Promise<void> {
  // Fresh credentials too: the user may have just fixed ~/.aws/credentials or signed in.
  deps.connections.reset();
  deps.imagesTree.refresh();
  deps.documents.refresh();
  deps.references.refresh();
  return Promise.resolve();
}

/** `amiExplorer.instances.refresh`: the Instances view, with fresh credentials. */
export function refreshInstances(deps: CommandDeps): Promise<void> {
  deps.connections.reset();
  deps.instancesTree.refresh();
  return Promise.resolve();
}

/** `amiExplorer.region.refresh`: one region, from its node or from a message node under it. */
export function refreshRegion(deps: CommandDeps, node: unknown): Promise<void> {
  let current = node as TreeNode | undefined;
  while (
    current &&
    !(current instanceof ImagesRegionNode || current instanceof InstancesRegionNode)
  ) {
    current = current.parent;
  }
  if (current instanceof ImagesRegionNode) {
    deps.imagesTree.refreshRegion(current);
    deps.documents.refresh(current.region);
  } else if (current instanceof InstancesRegionNode) {
    deps.instancesTree.refreshRegion(current);
  }
  return Promise.resolve();
}
