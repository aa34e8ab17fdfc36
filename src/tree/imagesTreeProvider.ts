import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import type { ImageSortOrder } from '../core/model/grouping';
import type { ListingScope } from '../core/model/scope';
import { validateScope } from '../core/model/scope';
import type { ImageService } from '../core/services/imageService';
import { PendingImagePoller } from '../core/services/pendingPoller';
import { logError } from '../log';
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
  accountId: () => string | undefined;
}

/** The Images view: Region → EBS-backed / Instance store-backed → AMIs. */
export class ImagesTreeProvider
  extends RegionTreeProvider<ImagesRegionNode>
  implements ImagesRegionHost
{
  private readonly poller: PendingImagePoller;
  private readonly settledEmitter = new vscode.EventEmitter<Ami[]>();
  /** Fires with images that left `pending` (for documents and notifications). */
  readonly onDidUpdateImages = this.settledEmitter.event;

  constructor(private readonly imageDeps: ImagesTreeDeps) {
    super(imageDeps);
    this.poller = new PendingImagePoller(
      (region, ids) => imageDeps.images.getImages(region, ids),
      (result) => {
        const node = this.regionNode(result.region);
        if (!node) return;
        if (result.missing.length > 0) {
          // An image vanished (deregistered meanwhile): the region's groups and counts change.
          this.refreshRegion(node);
          return;
        }
        for (const ami of result.updated) {
          const imageNode = node.imageNode(ami.imageId);
          if (!imageNode) continue;
          imageNode.ami = ami;
          this.changed(imageNode);
        }
        this.settledEmitter.fire(result.updated);
      },
      (region, error) => logError(imageDeps.log, `Polling pending images in ${region}`, error),
    );
  }

  get scope(): ListingScope {
    return this.imageDeps.scope();
  }

  get sortBy(): ImageSortOrder {
    return this.imageDeps.sortBy();
  }

  get accountId(): string | undefined {
    return this.imageDeps.accountId();
  }

  listImages(region: string, signal: AbortSignal): Promise<Ami[]> {
    return this.imageDeps.images.listImages(region, this.scope, signal);
  }

  trackPending(region: string, images: readonly Ami[]): void {
    this.poller.track(region, images);
  }

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

  override refresh(): void {
    for (const node of this.regions) this.poller.forget(node.region);
    super.refresh();
  }

  override refreshRegion(node: ImagesRegionNode): void {
    this.poller.forget(node.region);
    super.refreshRegion(node);
  }

  override dispose(): void {
    this.poller.dispose();
    this.settledEmitter.dispose();
    super.dispose();
  }
}
