import type * as vscode from 'vscode';
import type { Ami, BackingType } from '../core/model/ami';
import { throwIfAborted } from '../core/model/errors';
import type { ImageSortOrder } from '../core/model/grouping';
import { RegionImages } from '../core/model/regionImages';
import type { ListingScope } from '../core/model/scope';
import type { BackingGroupParent } from './backingGroupNode';
import { BackingGroupNode } from './backingGroupNode';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { ImageNode } from './imageNode';
import { MessageNode } from './messageNode';
import type { RecycleBinHost } from './recycleBinNode';
import { RecycleBinNode } from './recycleBinNode';
import type { Progress, RegionNodeHost } from './regionNode';
import { RegionNode } from './regionNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What an Images region needs from its tree beyond loading. */
export interface ImagesRegionHost extends RegionNodeHost, RecycleBinHost {
  /** The region's AMIs in the current scope, page by page as EC2 answers. */
  imagePages(region: string, signal: AbortSignal): AsyncIterable<Ami[]>;
  readonly scope: ListingScope;
  readonly sortBy: ImageSortOrder;
  /** The caller's account id when known, to tell owned images apart in other scopes. */
  readonly accountId: string | undefined;
  /** Starts polling the region's pending images. */
  trackPending(region: string, images: readonly Ami[]): void;
  /**
   * Whether the user has rows of this region selected: its rows then keep their places when the
   * last page arrives, until the selection moves elsewhere (`sortIfFree`).
   */
  holdsOrder(region: ImagesRegionNode): boolean;
}

const count = (n: number): string => (n === 1 ? l10n.t('{0} AMI', n) : l10n.t('{0} AMIs', n));

/**
 * A region in the Images view: its AMIs grouped by backing type. They show page by page as EC2
 * answers, with a "Loading more…" row and the count so far, and are put in their real order once
 * every page is in (see `RegionImages`).
 */
export class ImagesRegionNode extends RegionNode<RegionImages> implements BackingGroupParent {
  protected readonly contextValue = contextValue(T.region, T.imagesRegion);
  /** One node per group and per image for as long as a load's data lives (VS Code keeps selection). */
  private readonly groupNodes = new Map<BackingType, BackingGroupNode>();
  private readonly imageNodes = new Map<string, ImageNode>();
  /** The region's Recycle Bin, listed after the region's first rows (see `RecycleBinNode`). */
  readonly recycleBin: RecycleBinNode;

  constructor(
    region: string,
    private readonly imagesHost: ImagesRegionHost,
    expanded: boolean,
  ) {
    super(`images/${region}`, region, imagesHost, expanded);
    this.recycleBin = new RecycleBinNode(`${this.id}/recycle-bin`, this, imagesHost);
  }

  protected async fetch(
    signal: AbortSignal,
    progress: Progress<RegionImages>,
  ): Promise<RegionImages> {
    const listing = new RegionImages(this.imagesHost.sortBy);
    this.imageNodes.clear();
    this.groupNodes.clear();
    // Nothing to show yet, but an image the user creates meanwhile is listed from now on.
    progress(listing, 'silent');
    // Alongside the listing (its own action, its own request-rate bucket): one call per region
    // load, which has almost always answered by the time the last page is in.
    if (this.recycleBin.applies) void this.recycleBin.load();
    for await (const page of this.imagesHost.imagePages(this.region, signal)) {
      throwIfAborted(signal);
      listing.addPage(page);
      this.imagesHost.trackPending(this.region, page);
      // The first rows show at once; later pages at the tree's pace.
      progress(listing, listing.pages === 1 ? 'now' : 'soon');
    }
    // The region renders once with its bin (which never fails the region: see RecycleBinNode).
    if (this.recycleBin.applies) await this.recycleBin.load();
    throwIfAborted(signal);
    listing.finish();
    return listing;
  }

  protected override onLoaded(listing: RegionImages): void {
    if (listing.isSorted) return;
    if (this.imagesHost.holdsOrder(this)) {
      this.host.trace(`${this.region}: every page is in; rows stay in place while selected`);
    } else listing.sort();
  }

  /**
   * Puts the rows in their real order if every page is in and the user has no rows of this region
   * selected any more; re-renders the region if that changed anything.
   */
  sortIfFree(): void {
    const listing = this.data;
    if (!listing || listing.isSorted || this.imagesHost.holdsOrder(this)) return;
    listing.sort();
    this.host.changed(this);
  }

  /** The AMIs listed so far (all of them once loaded), or none before the first page. */
  get listing(): RegionImages | undefined {
    return this.current;
  }

  imagesOf(backingType: BackingType): readonly Ami[] {
    return this.current?.imagesOf(backingType) ?? [];
  }

  get isSorted(): boolean {
    return this.current?.isSorted ?? true;
  }

  nodeFor(ami: Ami, group: BackingGroupNode): ImageNode {
    let node = this.imageNodes.get(ami.imageId);
    if (node) {
      node.ami = ami;
      node.parent = group;
      return node;
    }
    const scopeOwned = this.imagesHost.scope.kind === 'owned';
    const accountId = this.imagesHost.accountId;
    const owned = scopeOwned || (accountId !== undefined && ami.ownerId === accountId);
    node = new ImageNode(`${this.id}/${ami.imageId}`, group, ami, owned);
    this.imageNodes.set(ami.imageId, node);
    return node;
  }

  /**
   * Shows a new or changed image without reloading the region (e.g. a copy that just started), also
   * while pages still arrive. Returns its node, or `undefined` when the region's listing has not
   * started (it will list the image when it does).
   */
  upsert(ami: Ami, placement: 'made' | 'changed' = 'made'): ImageNode | undefined {
    const listing = this.current;
    if (!listing) return undefined;
    listing.upsert(ami, placement);
    this.host.changed(this);
    return this.imageNode(ami.imageId);
  }

  /**
   * Replaces the record of a listed image whose grouping cannot have changed (tags, description,
   * deprecation, protection, disabled state), so a later regroup keeps it. Returns its node.
   */
  replace(ami: Ami): ImageNode | undefined {
    if (!this.current?.replace(ami)) return undefined;
    return this.imageNode(ami.imageId);
  }

  /** Removes images (e.g. deregistered) without reloading the region. */
  remove(imageIds: readonly string[]): void {
    if (!this.current?.remove(imageIds)) return;
    for (const id of imageIds) this.imageNodes.delete(id);
    this.host.changed(this);
  }

  protected childrenOf(listing: RegionImages): TreeNode[] {
    if (listing.size === 0) {
      return [
        new MessageNode(`${this.id}/empty`, this, {
          kind: 'empty',
          label: l10n.t('No AMIs in this scope'),
          tooltip: l10n.t('No images match the current scope and filter in this region.'),
          command: { command: 'amiExplorer.scope.select', title: l10n.t('Choose Scope…') },
        }),
        ...this.binRow(),
      ];
    }
    return [...this.groupRows(listing), ...this.binRow()];
  }

  protected override childrenWhileLoading(listing: RegionImages | undefined): TreeNode[] {
    if (!listing || listing.pages === 0) return super.childrenWhileLoading(listing);
    return [
      ...this.groupRows(listing),
      ...this.binRow(),
      this.loadingRow(l10n.t('Loading more…'), l10n.t('{0} so far', listing.size)),
    ];
  }

  /** The Recycle Bin row, when it is shown (it holds AMIs, failed, or the user wants it always). */
  private binRow(): TreeNode[] {
    return this.recycleBin.visible ? [this.recycleBin] : [];
  }

  override reset(): void {
    this.recycleBin.reset();
    super.reset();
  }

  override dispose(): void {
    this.recycleBin.reset();
    super.dispose();
  }

  protected describe(listing: RegionImages): string {
    return count(listing.size);
  }

  protected override describeWhileLoading(listing: RegionImages | undefined): string {
    if (!listing || listing.pages === 0) return super.describeWhileLoading(listing);
    return l10n.t('{0}, loading…', count(listing.size));
  }

  /** The group nodes of the groups that have AMIs, in the order shown. */
  private groupRows(listing: RegionImages): BackingGroupNode[] {
    const rows = listing.groups().map(({ backingType }) => this.groupNode(backingType));
    for (const backingType of [...this.groupNodes.keys()]) {
      if (listing.imagesOf(backingType).length === 0) this.groupNodes.delete(backingType);
    }
    return rows;
  }

  private groupNode(backingType: BackingType): BackingGroupNode {
    let node = this.groupNodes.get(backingType);
    if (!node) {
      node = new BackingGroupNode(`${this.id}/${backingType}`, this, backingType);
      this.groupNodes.set(backingType, node);
    }
    return node;
  }

  /** The node of an image in this region, if it is listed (listed under its group or not). */
  imageNode(imageId: string): ImageNode | undefined {
    const ami = this.current?.get(imageId);
    return ami ? this.nodeFor(ami, this.groupNode(ami.rootDeviceType)) : undefined;
  }

  /**
   * Makes sure the image's row is listed under its group (a large group lists its first rows
   * only), so that it can be revealed. Returns the group when it lists more rows now.
   */
  listRowOf(node: ImageNode): BackingGroupNode | undefined {
    const group = this.groupNode(node.ami.rootDeviceType);
    const index = group.images.findIndex((ami) => ami.imageId === node.ami.imageId);
    return index >= 0 && group.showRowAt(index) ? group : undefined;
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    item.tooltip = l10n.t('Region {0}: AMIs in scope, grouped by backing type', this.region);
    return item;
  }
}
