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
  private readonly groupNodes = new Map<string, BackingGroupNode>();
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
    this.imageNodes.clear();
    this.groupNodes.clear();
    this.rebuild(images);
    this.imagesHost.trackPending(this.region, images);
  }

  /**
   * Regroups the region's images, reusing existing nodes so that VS Code keeps selection and so that
   * polling can update them in place.
   */
  private rebuild(images: readonly Ami[]): void {
    const scopeOwned = this.imagesHost.scope.kind === 'owned';
    const accountId = this.imagesHost.accountId;
    const present = new Set<string>();
    this.groups = groupByBackingType(images, this.imagesHost.sortBy).map((group) => {
      let groupNode = this.groupNodes.get(group.backingType);
      if (groupNode) groupNode.group = group;
      else {
        groupNode = new BackingGroupNode(`${this.id}/${group.backingType}`, this, group);
        this.groupNodes.set(group.backingType, groupNode);
      }
      const parent = groupNode;
      groupNode.children = group.images.map((ami) => {
        present.add(ami.imageId);
        const existing = this.imageNodes.get(ami.imageId);
        if (existing) {
          existing.ami = ami;
          return existing;
        }
        const owned = scopeOwned || (accountId !== undefined && ami.ownerId === accountId);
        const node = new ImageNode(`${this.id}/${ami.imageId}`, parent, ami, owned);
        this.imageNodes.set(ami.imageId, node);
        return node;
      });
      return groupNode;
    });
    for (const id of [...this.imageNodes.keys()]) if (!present.has(id)) this.imageNodes.delete(id);
    for (const [type, node] of [...this.groupNodes]) {
      if (!this.groups.includes(node)) this.groupNodes.delete(type);
    }
  }

  /**
   * Shows a new or changed image without reloading the region (e.g. a copy that just started).
   * Returns its node, or `undefined` when the region has not loaded yet (it will list the image when
   * it does).
   */
  upsert(ami: Ami): ImageNode | undefined {
    const images = this.data;
    if (!images) return undefined;
    const index = images.findIndex((i) => i.imageId === ami.imageId);
    if (index >= 0) images[index] = ami;
    else images.push(ami);
    this.rebuild(images);
    this.host.changed(this);
    return this.imageNodes.get(ami.imageId);
  }

  /**
   * Replaces the record of a listed image whose grouping cannot have changed (tags, description,
   * deprecation, protection, disabled state), so a later regroup keeps it. Returns its node.
   */
  replace(ami: Ami): ImageNode | undefined {
    const node = this.imageNodes.get(ami.imageId);
    const images = this.data;
    if (!node || !images) return undefined;
    const index = images.findIndex((i) => i.imageId === ami.imageId);
    if (index >= 0) images[index] = ami;
    node.ami = ami;
    return node;
  }

  /** Removes images (e.g. deregistered) without reloading the region. */
  remove(imageIds: readonly string[]): void {
    const images = this.data;
    if (!images) return;
    const gone = new Set(imageIds);
    const kept = images.filter((i) => !gone.has(i.imageId));
    if (kept.length === images.length) return;
    images.splice(0, images.length, ...kept);
    this.rebuild(images);
    this.host.changed(this);
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
