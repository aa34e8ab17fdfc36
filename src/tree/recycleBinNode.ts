import * as vscode from 'vscode';
import { isAccessDenied, isCancellation } from '../core/model/errors';
import type { ListingScope } from '../core/model/scope';
import { matchesNameFilter } from '../core/model/scope';
import type { RecycledImage } from '../core/model/imageInsights';
import { recycledImageDescription, utcTime } from '../core/model/recycleBin';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { errorNode, MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What a region's Recycle Bin node needs from its region and tree. */
export interface RecycleBinHost {
  /** The region's recycled AMIs (one ListImagesInRecycleBin, all pages). */
  recycledImages(region: string, signal: AbortSignal): Promise<RecycledImage[]>;
  /** Whether the node shows also when the bin holds no AMI (the view-title toggle). */
  readonly showRecycleBinAlways: boolean;
  /** The view's scope: the bin (the caller's own AMIs) shows in "My AMIs", by its name filter. */
  readonly scope: ListingScope;
  /** Re-renders a node (the region, when the bin node appears or goes). */
  changed(node: TreeNode): void;
  logFailure(what: string, error: unknown): void;
}

type BinState =
  | { kind: 'idle' }
  | { kind: 'loading'; controller: AbortController; done: Promise<void> }
  | { kind: 'loaded'; images: RecycledImage[] }
  | { kind: 'failed'; error: unknown };

/**
 * "Recycle Bin" under an Images region: the AMIs a retention rule kept after they were
 * deregistered, with when they entered and when they will be deleted. Loaded once per region load,
 * alongside the region's listing, by its region; a failure is an error row here, never the region's.
 * Shown when it holds AMIs (or failed to say, unless for want of permission), or always when the
 * user asked for that.
 */
export class RecycleBinNode implements TreeNode {
  private state: BinState = { kind: 'idle' };

  constructor(
    readonly id: string,
    readonly parent: TreeNode & { readonly region: string; readonly loading: boolean },
    private readonly host: RecycleBinHost,
  ) {}

  get region(): string {
    return this.parent.region;
  }

  /** Whether the bin belongs in the view's scope at all ("My AMIs"). */
  get applies(): boolean {
    return this.host.scope.kind === 'owned';
  }

  /** Whether the region lists this node now. */
  get visible(): boolean {
    if (!this.applies) return false;
    if (this.host.showRecycleBinAlways) return true;
    // A bin the user may not list (no ec2:ListImagesInRecycleBin) is not an error row in every
    // region: it is logged, and shown when the user asks for the bin always.
    return (
      (this.state.kind === 'loaded' && this.shown(this.state.images).length > 0) ||
      (this.state.kind === 'failed' &&
        !isCancellation(this.state.error) &&
        !isAccessDenied(this.state.error))
    );
  }

  /** The recycled AMIs, once loaded (all of them, whatever the name filter). */
  get images(): readonly RecycledImage[] | undefined {
    return this.state.kind === 'loaded' ? this.state.images : undefined;
  }

  private shown(images: readonly RecycledImage[]): RecycledImage[] {
    const filter = this.host.scope.nameFilter;
    return images.filter((i) => matchesNameFilter(i.name, filter));
  }

  /**
   * Starts the one listing call if it has not started. Resolves (never rejects) when it has ended;
   * the region awaits it at the end of its own load, so the region renders once with its bin.
   * A bin that ends after its region re-renders the region itself.
   */
  load(): Promise<void> {
    if (this.state.kind === 'loading') return this.state.done;
    if (this.state.kind !== 'idle') return Promise.resolve();
    const controller = new AbortController();
    const current = (): boolean =>
      this.state.kind === 'loading' && this.state.controller === controller;
    const settled = (): void => {
      if (!this.parent.loading) this.host.changed(this.parent);
    };
    const done = this.host.recycledImages(this.region, controller.signal).then(
      (images) => {
        if (!current()) return;
        this.state = { kind: 'loaded', images };
        settled();
      },
      (error: unknown) => {
        if (!current()) return;
        this.state = { kind: 'failed', error };
        if (!isCancellation(error))
          this.host.logFailure(`Listing the Recycle Bin of ${this.region}`, error);
        settled();
      },
    );
    this.state = { kind: 'loading', controller, done };
    return done;
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
    const item = new vscode.TreeItem(
      l10n.t('Recycle Bin'),
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('trash');
    item.contextValue = contextValue(T.recycleBin);
    switch (this.state.kind) {
      case 'loaded': {
        const n = this.shown(this.state.images).length;
        item.description =
          n === 0 ? l10n.t('empty') : n === 1 ? l10n.t('{0} AMI', n) : l10n.t('{0} AMIs', n);
        break;
      }
      case 'failed':
        item.description = l10n.t('could not be listed');
        break;
      default:
        item.description = l10n.t('loading…');
    }
    item.tooltip = l10n.t(
      'Deregistered AMIs that a Recycle Bin retention rule keeps in {0}; restore them before they are deleted.',
      this.region,
    );
    return item;
  }

  getChildren(): TreeNode[] {
    switch (this.state.kind) {
      case 'loaded': {
        const images = this.shown(this.state.images);
        if (images.length === 0) {
          return [
            new MessageNode(`${this.id}/empty`, this, {
              kind: 'empty',
              label: this.host.scope.nameFilter.trim()
                ? l10n.t('No AMIs in the Recycle Bin match the name filter')
                : l10n.t('No AMIs in the Recycle Bin'),
              tooltip: l10n.t(
                'Deregistered AMIs go to the Recycle Bin only when a retention rule covers them.',
              ),
            }),
          ];
        }
        return images.map(
          (image) => new RecycledImageNode(`${this.id}/${image.imageId}`, this, image),
        );
      }
      case 'failed':
        return [errorNode(`${this.id}/error`, this, this.state.error)];
      default:
        return [
          new MessageNode(`${this.id}/loading`, this, {
            kind: 'loading',
            label: l10n.t('Loading…'),
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
      l10n.t(
        'In the Recycle Bin since {0}; deleted for good at {1}.',
        utcTime(image.enteredAt),
        utcTime(image.exitsAt),
      ),
    ].join('\n');
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
