import type * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import type { ImageSortOrder } from '../core/model/grouping';
import { groupByBackingType } from '../core/model/grouping';
import type { ListingScope } from '../core/model/scope';
import { BackingGroupNode } from './backingGroupNode';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { ImageNode } from './imageNode';
import { MessageNode } from './messageNode';
import type { RegionNodeHost } from './regionNode';
import { RegionNode } from './regionNode';
import type { TreeNode } from './treeNode';

/** What an Images region needs from its tree beyond loading. */
export interface ImagesRegionHost extends RegionNodeHost {
  listImages(region: string, signal: AbortSignal): Promise<Ami[]>;
  readonly scope: ListingScope;
  readonly sortBy: ImageSortOrder;
  /** The caller's account id when known, to tell owned images apart in other scopes. */
  readonly accountId: string | undefined;
  /** Starts polling the region's pending images. */
  trackPending(region: string, images: readonly Ami[]): void;
}

/** A region in the Images view: its AMIs grouped by backing type. */
export class ImagesRegionNode extends RegionNode<Ami[]> {
  protected readonly contextValue = contextValue(T.region, T.imagesRegion);
  private groups: BackingGroupNode[] = [];
  private readonly imageNodes = new Map<string, ImageNode>();

  constructor(
    region: string,
    private readonly imagesHost: ImagesRegionHost,
    expanded: boolean,
  ) {
    super(`images/${region}`, region, imagesHost, expanded);
  }

  protected fetch(signal: AbortSignal): Promise<Ami[]> {
    return this.imagesHost.listImages(this.region, signal);
  }

  protected override onLoaded(images: Ami[]): void {
    // Nodes are built once per load so that polling can update them in place.
    this.imageNodes.clear();
    const scopeOwned = this.imagesHost.scope.kind === 'owned';
    const accountId = this.imagesHost.accountId;
    this.groups = groupByBackingType(images, this.imagesHost.sortBy).map((group) => {
      const groupNode = new BackingGroupNode(`${this.id}/${group.backingType}`, this, group);
      groupNode.children = group.images.map((ami) => {
        const owned = scopeOwned || (accountId !== undefined && ami.ownerId === accountId);
        const node = new ImageNode(`${this.id}/${ami.imageId}`, groupNode, ami, owned);
        this.imageNodes.set(ami.imageId, node);
        return node;
      });
      return groupNode;
    });
    this.imagesHost.trackPending(this.region, images);
  }

  protected childrenOf(images: Ami[]): TreeNode[] {
    if (images.length === 0) {
      return [
        new MessageNode(`${this.id}/empty`, this, {
          kind: 'empty',
          label: 'No AMIs in this scope',
          tooltip: 'No images match the current scope and filter in this region.',
          command: { command: 'amiExplorer.scope.select', title: 'Choose Scope…' },
        }),
      ];
    }
    return this.groups;
  }

  protected describe(images: Ami[]): string {
    return `${images.length} AMI${images.length === 1 ? '' : 's'}`;
  }

  /** The node of an image in this region, if it is listed. */
  imageNode(imageId: string): ImageNode | undefined {
    return this.imageNodes.get(imageId);
  }

  /** All image nodes of the region (for commands acting on the whole tree). */
  allImageNodes(): ImageNode[] {
    return [...this.imageNodes.values()];
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    item.tooltip = `Region ${this.region}: AMIs in scope, grouped by backing type`;
    return item;
  }
}
