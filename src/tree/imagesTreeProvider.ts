import type { Ami } from '../core/model/ami';
import type { ImageSortOrder } from '../core/model/grouping';
import type { ListingScope } from '../core/model/scope';
import { ownImageMatchesScope, validateScope } from '../core/model/scope';
import type { RecycleBin } from '../core/aws/recycleBin';
import type { RecycledImage } from '../core/model/imageInsights';
import type { AccountIdentity } from '../core/services/accountIdentity';
import type { ImageService } from '../core/services/imageService';
import type { ImageEvents } from '../core/services/imageEvents';
import type { PendingImagePoller } from '../core/services/pendingPoller';
import type { BackingGroupNode } from './backingGroupNode';
import type { ImageNode } from './imageNode';
import type { ImagesRegionHost } from './imagesRegionNode';
import type { RecycleBinNode } from './recycleBinNode';
import { ImagesRegionNode } from './imagesRegionNode';
import { MessageNode } from './messageNode';
import type { RegionTreeDeps } from './regionTreeProvider';
import { RegionTreeProvider } from './regionTreeProvider';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What the Images tree needs beyond the common region-tree dependencies. */
export interface ImagesTreeDeps extends RegionTreeDeps {
  images: ImageService;
  scope: () => ListingScope;
  sortBy: () => ImageSortOrder;
  /** The caller's account, learnt from credentials and owned listings. */
  identity: AccountIdentity;
  /** Re-describes pending images; what it finds comes back as image events. */
  poller: Pick<PendingImagePoller, 'track'>;
  /** Image changes: the tree shows what commands, panels and polling publish. */
  events: ImageEvents;
  /** ListImagesInRecycleBin for a region (the Recycle Bin row under each region). */
  recycleBin: Pick<RecycleBin, 'images'>;
  /** Whether the Recycle Bin row shows also when empty (`amiExplorer.recycleBin.showAlways`). */
  showRecycleBinAlways: () => boolean;
}

/** The Images view: Region → EBS-backed / Instance store-backed → AMIs. */
export class ImagesTreeProvider
  extends RegionTreeProvider<ImagesRegionNode>
  implements ImagesRegionHost
{
  private readonly subscription: { dispose(): void };
  /** Regions the user has rows of selected in the view (their rows keep their places). */
  private selectedIn = new Set<ImagesRegionNode>();

  constructor(private readonly imageDeps: ImagesTreeDeps) {
    super(imageDeps);
    this.subscription = imageDeps.events.subscribe((event) => {
      switch (event.kind) {
        case 'appeared':
          this.showImage(event.image);
          return;
        case 'changed':
          this.updateImage(event.image);
          return;
        case 'gone':
          this.removeImages(event.region, [event.imageId]);
          return;
        case 'touched':
          // Nothing the tree shows (launch permissions) changed.
          return;
      }
    });
  }

  /**
   * Shows an image the user just created, copied or registered under its region and group, if the
   * region is loaded and the image belongs in the current scope; polls it while it is pending.
   * Returns its node (for "Reveal in tree").
   */
  showImage(ami: Ami, placement: 'made' | 'changed' = 'made'): ImageNode | undefined {
    if (!ownImageMatchesScope(ami, this.scope)) return undefined;
    return this.regionNode(ami.region)?.upsert(ami, placement);
  }

  /**
   * Shows what EC2 now reports for an image the user just changed (tags, description, deprecation,
   * protection, disabled…): a listed image's row is re-rendered in place, even when the change takes
   * it out of the current scope (a disabled AMI stays visible, so it can be re-enabled, until the
   * next refresh); an image not listed yet goes through `showImage`, after the rows a loading
   * region shows (a change is not a new AMI: no row moves under the user's cursor for it).
   */
  updateImage(ami: Ami): ImageNode | undefined {
    const node = this.regionNode(ami.region)?.replace(ami);
    if (!node) return this.showImage(ami, 'changed');
    this.changed(node);
    return node;
  }

  /** Removes deregistered images from the tree without reloading their region. */
  removeImages(region: string, imageIds: readonly string[]): void {
    this.regionNode(region)?.remove(imageIds);
  }

  /** The node of an image, when its region lists it (also while the region is still loading). */
  findImage(region: string, imageId: string): ImageNode | undefined {
    return this.regionNode(region)?.imageNode(imageId);
  }

  /**
   * Gets an image's row ready to be revealed: a large group lists its first rows only, so it lists
   * down to this one, and VS Code hears of that before the reveal asks for the group's rows.
   */
  prepareReveal(node: ImageNode): void {
    const region = this.regionNode(node.ami.region);
    const group = region?.listRowOf(node);
    if (group) this.changed(group);
  }

  /** "Show … more" under a group: lists more of its rows. */
  showMore(group: BackingGroupNode): void {
    group.showMore();
    this.changed(group);
  }

  /**
   * Follows the view's selection: a region with rows selected keeps its rows in place when its last
   * page arrives; one the selection has left is put in order if it was waiting for that.
   */
  selectionChanged(selection: readonly TreeNode[]): void {
    const regions = new Set<ImagesRegionNode>();
    for (const node of selection) {
      let current: TreeNode | undefined = node;
      while (current?.parent) current = current.parent;
      // The region row itself never moves; rows under it might.
      if (current instanceof ImagesRegionNode && current !== node) regions.add(current);
    }
    const left = [...this.selectedIn].filter((r) => !regions.has(r));
    this.selectedIn = regions;
    this.deps.log.trace(
      `Images view selection: ${selection.length} row(s); rows held in place in ${
        [...regions].map((r) => r.region).join(', ') || 'no region'
      }`,
    );
    for (const region of left) region.sortIfFree();
  }

  holdsOrder(region: ImagesRegionNode): boolean {
    return this.selectedIn.has(region);
  }

  get scope(): ListingScope {
    return this.imageDeps.scope();
  }

  get sortBy(): ImageSortOrder {
    return this.imageDeps.sortBy();
  }

  /** Whether the caller's account owns an image (decides what may be done to it). */
  isOwned(ami: Pick<Ami, 'ownerId'>): boolean {
    const accountId = this.accountId;
    // Owners=self listings answer only the caller's images; otherwise the owner id decides.
    return accountId !== undefined ? ami.ownerId === accountId : this.scope.kind === 'owned';
  }

  get accountId(): string | undefined {
    return this.imageDeps.identity.get();
  }

  /** The AMIs of a region in the view's scope, all pages (the pickers list them). */
  async listImages(region: string, signal: AbortSignal): Promise<Ami[]> {
    const images: Ami[] = [];
    for await (const page of this.imagePages(region, signal)) images.push(...page);
    return images;
  }

  async *imagePages(region: string, signal: AbortSignal): AsyncIterable<Ami[]> {
    const scope = this.scope;
    let learnt = false;
    for await (const page of this.imageDeps.images.listImagePages(region, scope, signal)) {
      // Owners=self answers only the caller's images: their owner is the caller's account.
      if (!learnt && scope.kind === 'owned' && page.length > 0) {
        this.imageDeps.identity.learn(page[0]?.ownerId);
        learnt = true;
      }
      yield page;
    }
  }

  recycledImages(region: string, signal: AbortSignal): Promise<RecycledImage[]> {
    return this.imageDeps.recycleBin.images(region, signal);
  }

  get showRecycleBinAlways(): boolean {
    return this.imageDeps.showRecycleBinAlways();
  }

  /** The Recycle Bin node of a region, when the region is listed. */
  recycleBinOf(region: string): RecycleBinNode | undefined {
    return this.regionNode(region)?.recycleBin;
  }

  /**
   * A restored AMI left a region's Recycle Bin: its row goes without listing the bin again (the
   * `appeared` event puts the AMI under its group).
   */
  restoredFromRecycleBin(region: string, imageId: string): void {
    const node = this.regionNode(region);
    if (!node) return;
    node.recycleBin.remove(imageId);
    this.changed(node);
  }

  /** Re-renders the regions (the Recycle Bin toggle changed). */
  rerenderRegions(): void {
    for (const region of this.regions) this.changed(region);
  }

  trackPending(region: string, images: readonly Ami[]): void {
    this.imageDeps.poller.track(region, images);
  }

  protected readonly idPrefix = 'images';

  protected createRegionNode(region: string, expanded: boolean): ImagesRegionNode {
    return new ImagesRegionNode(region, this, expanded);
  }

  protected override precheck(): TreeNode | undefined {
    const problem = validateScope(this.scope);
    if (!problem) return undefined;
    return new MessageNode('root/scope', undefined, {
      kind: 'info',
      label: problem,
      tooltip: problem,
      command: { command: 'amiExplorer.scope.setNameFilter', title: l10n.t('Set Name Filter…') },
    });
  }

  // Refreshing does not stop polling: the poller is shared with the operation tracker (a copy in
  // flight must keep being followed), and a reloaded region tracks its pending images again.

  override refresh(): void {
    this.selectedIn.clear();
    super.refresh();
  }

  override dispose(): void {
    this.subscription.dispose();
    super.dispose();
  }
}
