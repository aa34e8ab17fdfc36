import * as vscode from 'vscode';
import { CancelledError, isCancellation } from '../core/model/errors';
import type { ConcurrencyLimiter } from '../core/services/concurrency';
import { errorNode, MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';

/** What a region node needs from its tree. */
export interface RegionNodeHost {
  readonly limiter: ConcurrencyLimiter;
  /** Asks the tree to re-render this node (description, children). */
  changed(node: TreeNode): void;
  /** Logs a failed load with its full error. */
  logFailure(what: string, error: unknown): void;
}

type LoadState<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; promise: Promise<void>; controller: AbortController }
  | { kind: 'loaded'; data: T }
  | { kind: 'failed'; error: unknown };

/**
 * A region in a tree. It loads its data once (bounded by the tree's limiter), shows how many items it
 * holds once loaded, and turns a failure into one error node: other regions are unaffected.
 */
export abstract class RegionNode<T> implements TreeNode {
  readonly parent = undefined;
  private state: LoadState<T> = { kind: 'idle' };

  constructor(
    readonly id: string,
    readonly region: string,
    protected readonly host: RegionNodeHost,
    private readonly expanded: boolean,
  ) {}

  /** Fetches this region's data. */
  protected abstract fetch(signal: AbortSignal): Promise<T>;
  /** The nodes under a loaded region (never empty: return a placeholder instead). */
  protected abstract childrenOf(data: T): TreeNode[];
  /** The description once loaded, e.g. "12 AMIs". */
  protected abstract describe(data: T): string;
  /** contextValue of the node. */
  protected abstract readonly contextValue: string;

  /** Starts loading if it has not started yet. */
  load(): Promise<void> {
    if (this.state.kind === 'loading') return this.state.promise;
    if (this.state.kind !== 'idle') return Promise.resolve();
    const controller = new AbortController();
    const promise = this.host.limiter
      .run(() =>
        controller.signal.aborted
          ? Promise.reject(new CancelledError())
          : this.fetch(controller.signal),
      )
      .then(
        (data) => {
          if (this.state.kind === 'loading' && this.state.controller === controller) {
            this.state = { kind: 'loaded', data };
            this.onLoaded(data);
            this.host.changed(this);
          }
        },
        (error: unknown) => {
          if (this.state.kind === 'loading' && this.state.controller === controller) {
            this.state = { kind: 'failed', error };
            if (!isCancellation(error)) this.host.logFailure(`Loading ${this.region}`, error);
            this.host.changed(this);
          }
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

  /** Stops any work in flight. */
  dispose(): void {
    if (this.state.kind === 'loading') this.state.controller.abort();
  }

  /** The loaded data, if any. */
  get data(): T | undefined {
    return this.state.kind === 'loaded' ? this.state.data : undefined;
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
        item.description = 'failed to load';
        item.iconPath = new vscode.ThemeIcon(
          'warning',
          new vscode.ThemeColor('problemsWarningIcon.foreground'),
        );
        break;
      default:
        item.description = 'loading…';
        item.iconPath = new vscode.ThemeIcon('globe');
    }
    item.tooltip = `Region ${this.region}`;
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    await this.load();
    const state = this.state;
    if (state.kind === 'loaded') return this.childrenOf(state.data);
    if (state.kind === 'failed') {
      if (isCancellation(state.error)) {
        return [
          new MessageNode(`${this.id}/cancelled`, this, {
            kind: 'info',
            label: 'Cancelled. Refresh to load again.',
          }),
        ];
      }
      return [errorNode(`${this.id}/error`, this, state.error)];
    }
    // Reset while we were waiting: the refresh that caused it renders this node again.
    return [];
  }
}
