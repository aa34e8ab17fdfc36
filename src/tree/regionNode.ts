import * as vscode from 'vscode';
import { CancelledError, isCancellation } from '../core/model/errors';
import type { ConcurrencyLimiter } from '../core/services/concurrency';
import { errorNode, MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What a region node needs from its tree. */
export interface RegionNodeHost {
  readonly limiter: ConcurrencyLimiter;
  /** Asks the tree to re-render this node (description, children) now. */
  changed(node: TreeNode): void;
  /**
   * Asks the tree to re-render this node soon: a region that grows page by page calls this for each
   * page, and the tree renders at most a few times a second however fast pages come.
   */
  progressed(node: TreeNode): void;
  /** Logs a failed load with its full error. */
  logFailure(what: string, error: unknown): void;
  /** A region's load has succeeded (the walkthrough counts it). */
  listed?(region: string): void;
  /** Logs a detail of how the tree behaves, for a bug report (trace level). */
  trace(message: string): void;
}

/** How a fetch reports what it has so far (see `RegionNode.fetch`). */
export type Progress<T> = (partial: T, render: 'now' | 'soon' | 'silent') => void;

type LoadState<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; promise: Promise<void>; controller: AbortController; partial?: T }
  | { kind: 'loaded'; data: T }
  | { kind: 'failed'; error: unknown };

/**
 * A region in a tree. It loads its data once (bounded by the tree's limiter), shows how many items it
 * holds once loaded, and turns a failure into one error node: other regions are unaffected.
 *
 * `getChildren` answers at once from what is in memory and never waits for EC2: while loading it
 * shows a "Loading…" row (or, for data that arrives in pages, what has arrived so far), and the load
 * asks the tree to render the region again when there is more. VS Code's tree registers the
 * children of a request when it completes; a request still waiting while the same node is
 * re-rendered would register the same ids a second time ("Element with id … is already
 * registered") and lose the region's rows, which is what a slow region used to cause.
 */
export abstract class RegionNode<T> implements TreeNode {
  readonly parent = undefined;
  private state: LoadState<T> = { kind: 'idle' };
  private disposed = false;

  constructor(
    readonly id: string,
    readonly region: string,
    protected readonly host: RegionNodeHost,
    private readonly expanded: boolean,
  ) {}

  /**
   * Fetches this region's data. A fetch that gets its data in parts calls `progress` with what it
   * has so far (the same object each time is fine): the region shows it while the rest loads,
   * rendered `now` (the first rows), `soon` (throttled, for later parts) or not at all (`silent`:
   * nothing to show yet, but changes may already be applied to it).
   */
  protected abstract fetch(signal: AbortSignal, progress: Progress<T>): Promise<T>;
  /** The nodes under a loaded region (never empty: return a placeholder instead). */
  protected abstract childrenOf(data: T): TreeNode[];
  /** The description once loaded, e.g. "12 AMIs". */
  protected abstract describe(data: T): string;
  /** contextValue of the node. */
  protected abstract readonly contextValue: string;

  /** The nodes under a region still loading, given what has arrived (if anything). */
  protected childrenWhileLoading(_partial: T | undefined): TreeNode[] {
    return [this.loadingRow(l10n.t('Loading…'))];
  }

  /** The description while loading, given what has arrived (if anything). */
  protected describeWhileLoading(_partial: T | undefined): string {
    return l10n.t('loading…');
  }

  /** Starts loading if it has not started yet; resolves when that load has ended, however. */
  load(): Promise<void> {
    if (this.state.kind === 'loading') return this.state.promise;
    if (this.state.kind !== 'idle' || this.disposed) return Promise.resolve();
    const controller = new AbortController();
    const current = (): boolean =>
      this.state.kind === 'loading' && this.state.controller === controller;
    const progress: Progress<T> = (partial, render) => {
      if (this.state.kind !== 'loading' || this.state.controller !== controller) return;
      this.state.partial = partial;
      if (render === 'now') {
        // After what is already due: a listing of one page has ended by then and renders once.
        setTimeout(() => {
          if (current()) this.host.changed(this);
        }, 0);
      } else if (render === 'soon') this.host.progressed(this);
    };
    const promise = this.host.limiter
      .run(() =>
        controller.signal.aborted
          ? Promise.reject(new CancelledError())
          : this.fetch(controller.signal, progress),
      )
      .then(
        (data) => {
          if (!current()) return;
          this.state = { kind: 'loaded', data };
          this.onLoaded(data);
          this.host.changed(this);
          this.host.listed?.(this.region);
        },
        (error: unknown) => {
          if (!current()) return;
          this.state = { kind: 'failed', error };
          if (!isCancellation(error)) this.host.logFailure(`Loading ${this.region}`, error);
          this.host.changed(this);
        },
      );
    this.state = { kind: 'loading', promise, controller };
    return promise;
  }

  /** Forgets loaded data and cancels a load in flight; the next render loads again. */
  reset(): void {
    if (this.state.kind === 'loading') this.state.controller.abort();
    this.state = { kind: 'idle' };
  }

  /** Stops any work in flight; the node is not shown any more and reports nothing after this. */
  dispose(): void {
    if (this.state.kind === 'loading') this.state.controller.abort();
    this.state = { kind: 'idle' };
    this.disposed = true;
  }

  /** The loaded data, if any. */
  get data(): T | undefined {
    return this.state.kind === 'loaded' ? this.state.data : undefined;
  }

  /** What has arrived while loading (for a fetch that reports progress), else the loaded data. */
  protected get current(): T | undefined {
    if (this.state.kind === 'loaded') return this.state.data;
    if (this.state.kind === 'loading') return this.state.partial;
    return undefined;
  }

  /** Whether a load is running (or waiting for its turn). */
  get loading(): boolean {
    return this.state.kind === 'loading';
  }

  /** Called once when data arrives (e.g. to start polling pending images). */
  protected onLoaded(_data: T): void {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.region,
      this.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.contextValue = this.contextValue;
    switch (this.state.kind) {
      case 'loaded':
        item.description = this.describe(this.state.data);
        item.iconPath = new vscode.ThemeIcon('globe');
        break;
      case 'failed':
        item.description = l10n.t('failed to load');
        item.iconPath = new vscode.ThemeIcon(
          'warning',
          new vscode.ThemeColor('problemsWarningIcon.foreground'),
        );
        break;
      case 'loading':
        item.description = this.describeWhileLoading(this.state.partial);
        item.iconPath = new vscode.ThemeIcon('globe');
        break;
      default:
        item.description = l10n.t('loading…');
        item.iconPath = new vscode.ThemeIcon('globe');
    }
    item.tooltip = l10n.t('Region {0}', this.region);
    return item;
  }

  /** Answers from memory at once (see the class comment); starts the load if it has not started. */
  getChildren(): TreeNode[] {
    if (this.state.kind === 'idle') void this.load();
    const state = this.state;
    switch (state.kind) {
      case 'loaded':
        return this.childrenOf(state.data);
      case 'failed':
        if (isCancellation(state.error)) {
          return [
            new MessageNode(`${this.id}/cancelled`, this, {
              kind: 'info',
              label: l10n.t('Cancelled. Refresh to load again.'),
            }),
          ];
        }
        return [errorNode(`${this.id}/error`, this, state.error)];
      case 'loading':
        return this.childrenWhileLoading(state.partial);
      default:
        // A region of an earlier render, replaced by a refresh: it shows (and loads) nothing.
        return [];
    }
  }

  /** The row that says the region is still loading (one id per region, whatever it says). */
  protected loadingRow(label: string, description?: string): MessageNode {
    return new MessageNode(`${this.id}/loading`, this, {
      kind: 'loading',
      label,
      ...(description !== undefined ? { description } : {}),
      tooltip: l10n.t('Listing {0}…', this.region),
    });
  }
}
