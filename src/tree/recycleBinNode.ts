import * as vscode from 'vscode';
import { isCancellation } from '../core/model/errors';
import type { RecycledImage } from '../core/model/imageInsights';
import { recycledImageDescription, utcTime } from '../core/model/recycleBin';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { errorNode, MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';

/** What a region's Recycle Bin node needs from its region and tree. */
export interface RecycleBinHost {
  /** The region's recycled AMIs (one ListImagesInRecycleBin, all pages). */
  recycledImages(region: string, signal: AbortSignal): Promise<RecycledImage[]>;
  /** Whether the node shows also when the bin holds no AMI (the view-title toggle). */
  readonly showRecycleBinAlways: boolean;
  /** Re-renders a node (the region, when the bin node appears or goes). */
  changed(node: TreeNode): void;
  logFailure(what: string, error: unknown): void;
}

type BinState =
  | { kind: 'idle' }
  | { kind: 'loading'; controller: AbortController }
  | { kind: 'loaded'; images: RecycledImage[] }
  | { kind: 'failed'; error: unknown };

/**
 * "Recycle Bin" under an Images region: the AMIs a retention rule kept after they were
 * deregistered, with when they entered and when they will be deleted. Loaded once per region load,
 * after the region's first rows, by its region; a failure is an error row here, never the region's.
 * Shown when it holds AMIs (or failed to say), or always when the user asked for that.
 */
export class RecycleBinNode implements TreeNode {
  private state: BinState = { kind: 'idle' };

  constructor(
    readonly id: string,
    readonly parent: TreeNode & { readonly region: string },
    private readonly host: RecycleBinHost,
  ) {}

  get region(): string {
    return this.parent.region;
  }

  /** Whether the region lists this node now. */
  get visible(): boolean {
    if (this.host.showRecycleBinAlways) return true;
    return (
      (this.state.kind === 'loaded' && this.state.images.length > 0) ||
      (this.state.kind === 'failed' && !isCancellation(this.state.error))
    );
  }

  /** The recycled AMIs, once loaded. */
  get images(): readonly RecycledImage[] | undefined {
    return this.state.kind === 'loaded' ? this.state.images : undefined;
  }

  /** Starts the one listing call if it has not started; the region re-renders when it ends. */
  load(): void {
    if (this.state.kind !== 'idle') return;
    const controller = new AbortController();
    this.state = { kind: 'loading', controller };
    const current = (): boolean =>
      this.state.kind === 'loading' && this.state.controller === controller;
    this.host.recycledImages(this.region, controller.signal).then(
      (images) => {
        if (!current()) return;
        this.state = { kind: 'loaded', images };
        this.host.changed(this.parent);
      },
      (error: unknown) => {
        if (!current()) return;
        this.state = { kind: 'failed', error };
        if (!isCancellation(error))
          this.host.logFailure(`Listing the Recycle Bin of ${this.region}`, error);
        this.host.changed(this.parent);
      },
    );
  }

  /** Forgets what was loaded (a refresh, a restore); the next region load lists it again. */
  reset(): void {
    if (this.state.kind === 'loading') this.state.controller.abort();
    this.state = { kind: 'idle' };
  }

  /** Takes a restored AMI out of the bin without listing it again. */
  remove(imageId: string): void {
    if (this.state.kind !== 'loaded') return;
    this.state = {
      kind: 'loaded',
      images: this.state.images.filter((i) => i.imageId !== imageId),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Recycle Bin', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('trash');
    item.contextValue = contextValue(T.recycleBin);
    switch (this.state.kind) {
      case 'loaded': {
        const n = this.state.images.length;
        item.description = n === 0 ? 'empty' : `${n} AMI${n === 1 ? '' : 's'}`;
        break;
      }
      case 'failed':
        item.description = 'could not be listed';
        break;
      default:
        item.description = 'loading…';
    }
    item.tooltip = `Deregistered AMIs that a Recycle Bin retention rule keeps in ${this.region}; restore them before they are deleted.`;
    return item;
  }

  getChildren(): TreeNode[] {
    switch (this.state.kind) {
      case 'loaded':
        if (this.state.images.length === 0) {
          return [
            new MessageNode(`${this.id}/empty`, this, {
              kind: 'empty',
              label: 'No AMIs in the Recycle Bin',
              tooltip:
                'Deregistered AMIs go to the Recycle Bin only when a retention rule covers them.',
            }),
          ];
        }
        return this.state.images.map(
          (image) => new RecycledImageNode(`${this.id}/${image.imageId}`, this, image),
        );
      case 'failed':
        return [errorNode(`${this.id}/error`, this, this.state.error)];
      default:
        return [
          new MessageNode(`${this.id}/loading`, this, {
            kind: 'loading',
            label: 'Loading…',
          }),
        ];
    }
  }
}

/** An AMI in a region's Recycle Bin. */
export class RecycledImageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: RecycleBinNode,
    readonly image: RecycledImage,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const image = this.image;
    const item = new vscode.TreeItem(
      image.name ?? image.imageId,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = recycledImageDescription(image, new Date());
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = contextValue(T.recycledImage);
    item.tooltip = [
      `${image.name ?? image.imageId} (${image.imageId})`,
      ...(image.description ? [image.description] : []),
      `In the Recycle Bin since ${utcTime(image.enteredAt)}; deleted for good at ${utcTime(image.exitsAt)}.`,
    ].join('\n');
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
