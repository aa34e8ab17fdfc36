import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import type { ImageSortOrder } from '../core/model/grouping';
import type { ListingScope } from '../core/model/scope';
import { ownImageMatchesScope, validateScope } from '../core/model/scope';
import type { AccountIdentity } from '../core/services/accountIdentity';
import type { ImageService } from '../core/services/imageService';
import type { PendingImagePoller, PollResult } from '../core/services/pendingPoller';
import type { ImageNode } from './imageNode';
import type { ImagesRegionHost } from './imagesRegionNode';
import { ImagesRegionNode } from './imagesRegionNode';
import { MessageNode } from './messageNode';
import type { RegionTreeDeps } from './regionTreeProvider';
import { RegionTreeProvider } from './regionTreeProvider';
import type { TreeNode } from './treeNode';

/** What the Images tree needs beyond the common region-tree dependencies. */
export interface ImagesTreeDeps extends RegionTreeDeps {
  images: ImageService;
  scope: () => ListingScope;
  sortBy: () => ImageSortOrder;
  /** The caller's account, learnt from credentials and owned listings. */
  identity: AccountIdentity;
  /** Re-describes pending images; its results come back through `applyPollResult`. */
  poller: PendingImagePoller;
}

/** The Images view: Region → EBS-backed / Instance store-backed → AMIs. */
export class ImagesTreeProvider
  extends RegionTreeProvider<ImagesRegionNode>
  implements ImagesRegionHost
{
  private readonly settledEmitter = new vscode.EventEmitter<Ami[]>();
  /** Fires with images that left `pending` (for documents and notifications). */
  readonly onDidUpdateImages = this.settledEmitter.event;

  constructor(private readonly imageDeps: ImagesTreeDeps) {
    super(imageDeps);
  }

  /** Applies a poll round: updates changed images in place, reloads a region that lost images. */
  applyPollResult(result: PollResult): void {
    const node = this.regionNode(result.region);
    if (!node) return;
    if (result.missing.length > 0) node.remove(result.missing);
    for (const ami of result.updated) {
      const imageNode = node.imageNode(ami.imageId);
      if (!imageNode) continue;
      imageNode.ami = ami;
      this.changed(imageNode);
    }
    if (result.updated.length > 0) this.settledEmitter.fire(result.updated);
  }

  /**
   * Shows an image the user just created, copied or registered under its region and group, if the
   * region is loaded and the image belongs in the current scope; polls it while it is pending.
   * Returns its node (for "Reveal in tree").
   */
  showImage(ami: Ami): ImageNode | undefined {
    this.imageDeps.poller.track(ami.region, [ami]);
    if (!ownImageMatchesScope(ami, this.scope)) return undefined;
    return this.regionNode(ami.region)?.upsert(ami);
  }

  /**
   * Shows what EC2 now reports for an image the user just changed (tags, description, deprecation,
   * protection, disabled…): a listed image's row is re-rendered in place, even when the change takes
   * it out of the current scope (a disabled AMI stays visible, so it can be re-enabled, until the
   * next refresh); an image not listed yet goes through `showImage`.
   */
  updateImage(ami: Ami): ImageNode | undefined {
    const node = this.regionNode(ami.region)?.replace(ami);
    if (!node) return this.showImage(ami);
    this.changed(node);
    return node;
  }

  /** Removes deregistered images from the tree without reloading their region. */
  removeImages(region: string, imageIds: readonly string[]): void {
    this.regionNode(region)?.remove(imageIds);
  }

  /** The node of an image, when its region is loaded and lists it. */
  findImage(region: string, imageId: string): ImageNode | undefined {
    return this.regionNode(region)?.imageNode(imageId);
  }

  get scope(): ListingScope {
    return this.imageDeps.scope();
  }

  get sortBy(): ImageSortOrder {
    return this.imageDeps.sortBy();
  }

  get accountId(): string | undefined {
    return this.imageDeps.identity.get();
  }

  async listImages(region: string, signal: AbortSignal): Promise<Ami[]> {
    const scope = this.scope;
    const images = await this.imageDeps.images.listImages(region, scope, signal);
    // Owners=self answers only the caller's images: their owner is the caller's account.
    if (scope.kind === 'owned') this.imageDeps.identity.learn(images[0]?.ownerId);
    return images;
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
      command: { command: 'amiExplorer.scope.setNameFilter', title: 'Set Name Filter…' },
    });
  }

  // Refreshing does not stop polling: the poller is shared with the operation tracker (a copy in
  // flight must keep being followed), and a reloaded region tracks its pending images again.

  override dispose(): void {
    this.settledEmitter.dispose();
    super.dispose();
  }
}
