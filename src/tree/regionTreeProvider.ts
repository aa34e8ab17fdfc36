import * as vscode from 'vscode';
import { CredentialsError } from '../core/model/errors';
import { ConcurrencyLimiter } from '../core/services/concurrency';
import type { CredentialsStatus } from '../credentialsStatus';
import { logError } from '../log';
import { errorNode, MessageNode } from './messageNode';
import { NotEnabledRegionNode } from './notEnabledRegionNode';
import { CheckingRegionNode } from './checkingRegionNode';
import type { RegionNode, RegionNodeHost } from './regionNode';
import type { RegionSource } from '../core/services/regionSource';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What every region tree needs from the composition root. */
export interface RegionTreeDeps {
  regions: RegionSource;
  credentials: CredentialsStatus;
  log: vscode.LogOutputChannel;
  maxConcurrentRegions: () => number;
  /** Told each time a region's load succeeds. */
  onRegionListed?: (region: string) => void;
}

/**
 * How often, at most, a region that grows page by page is rendered again: 50 pages arriving in a
 * few seconds make a handful of renders, not 50 that VS Code would have to queue.
 */
export const PROGRESS_RENDER_INTERVAL_MS = 500;

/**
 * A tree whose roots are regions. Regions load eagerly with bounded concurrency so each shows its
 * count; a failing region becomes an error node while the others keep working. `getChildren` never
 * shows dialogs, and below the roots it never waits for EC2 (see `RegionNode`).
 */
export abstract class RegionTreeProvider<N extends RegionNode<unknown>>
  implements vscode.TreeDataProvider<TreeNode>, RegionNodeHost, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** Made on first use: reading the setting is not free at activation (see extension.ts). */
  private currentLimiter: ConcurrencyLimiter | undefined;
  protected regionNodes: N[] = [];
  /**
   * The root rows: loadable regions, configured regions that are not enabled, and configured opt-in
   * regions whose status is still being asked.
   */
  private rootRegions: (N | NotEnabledRegionNode | CheckingRegionNode)[] = [];
  /** Nodes that grew since they were last rendered, rendered together (`progressed`). */
  private readonly grown = new Set<TreeNode>();
  private grownTimer: ReturnType<typeof setTimeout> | undefined;
  private lastGrownRender = 0;
  /** Reveals in progress: renders of grown nodes wait for them (`holdingRenders`). */
  private revealing = 0;

  private readonly regionChanges: { dispose(): void };

  constructor(protected readonly deps: RegionTreeDeps) {
    // The region source may answer at once (the setting, or the list remembered from the last
    // session) and check in the background; what the check finds is rendered here.
    this.regionChanges = deps.regions.onDidChange((change) => {
      if (change.kind === 'failed' && !(change.error instanceof CredentialsError)) {
        // The regions shown stay; the next refresh asks again.
        this.logFailure('Checking the region list', change.error);
        return;
      }
      this.emitter.fire(undefined);
    });
  }

  /** Bounds the regions loading at once; a refresh starts a new one with the current setting. */
  get limiter(): ConcurrencyLimiter {
    return (this.currentLimiter ??= new ConcurrencyLimiter(this.deps.maxConcurrentRegions()));
  }

  /** Creates the node for one region. */
  protected abstract createRegionNode(region: string, expanded: boolean): N;
  /** Prefix of this tree's node ids (`images`, `instances`). */
  protected abstract readonly idPrefix: string;

  /** A message shown instead of regions (e.g. the scope cannot be listed), if any. */
  protected precheck(): TreeNode | undefined {
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return node.resolveTreeItem?.(item) ?? item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren();
    const blocked = this.precheck();
    if (blocked) return [blocked];
    try {
      const resolved = await this.deps.regions.get();
      await this.deps.credentials.set(undefined);
      const notEnabled = new Set(resolved.notEnabled ?? []);
      const unconfirmed = new Set(resolved.unconfirmed ?? []);
      const kindOf = (n: N | NotEnabledRegionNode | CheckingRegionNode): string =>
        n instanceof NotEnabledRegionNode
          ? 'notEnabled'
          : n instanceof CheckingRegionNode
            ? 'unconfirmed'
            : 'listed';
      const wantedKind = (r: string): string =>
        notEnabled.has(r) ? 'notEnabled' : unconfirmed.has(r) ? 'unconfirmed' : 'listed';
      const same =
        this.rootRegions.length === resolved.regions.length &&
        this.rootRegions.every(
          (n, i) => n.region === resolved.regions[i] && kindOf(n) === wantedKind(n.region),
        );
      // VS Code may ask for the roots again without a refresh: keep what is loaded.
      if (same && this.rootRegions.length > 0) return this.rootRegions;
      const single = resolved.regions.length - notEnabled.size - unconfirmed.size === 1;
      // A region list corrected in the background keeps the regions it still lists as they are.
      const previous = new Map(this.regionNodes.map((n) => [n.region, n]));
      this.rootRegions = resolved.regions.map((r) => {
        const id = `${this.idPrefix}/${r}`;
        if (notEnabled.has(r)) return new NotEnabledRegionNode(id, r);
        if (unconfirmed.has(r)) return new CheckingRegionNode(id, r);
        return previous.get(r) ?? this.createRegionNode(r, single);
      });
      this.regionNodes = this.rootRegions.filter(
        (n): n is N => !(n instanceof NotEnabledRegionNode || n instanceof CheckingRegionNode),
      );
      for (const gone of previous.values()) {
        if (!this.regionNodes.includes(gone)) gone.dispose();
      }
      // Start every region now (bounded by the limiter) so each shows its count without expanding.
      for (const regionNode of this.regionNodes) void regionNode.load();
      if (this.rootRegions.length === 0) {
        return [
          new MessageNode('root/no-regions', undefined, {
            kind: 'info',
            label: l10n.t('No regions to list. Check amiExplorer.regions.'),
          }),
        ];
      }
      return this.rootRegions;
    } catch (error) {
      if (error instanceof CredentialsError) {
        this.deps.log.warn(error.message);
        this.disposeRegions();
        // An empty tree lets the welcome content (Select Profile, docs) show.
        await this.deps.credentials.set(error);
        return [];
      }
      // Credentials were found (AWS refused them or something else failed): no welcome content.
      await this.deps.credentials.set(undefined);
      this.logFailure('Listing regions', error);
      return [errorNode('root/error', undefined, error)];
    }
  }

  /** Reloads everything: regions, then every region's contents. */
  refresh(): void {
    this.deps.regions.invalidate();
    this.currentLimiter = undefined;
    this.disposeRegions();
    this.forgetGrown();
    this.emitter.fire(undefined);
  }

  /** Reloads one region without touching the others. */
  refreshRegion(node: N): void {
    node.reset();
    this.changed(node);
  }

  /**
   * Runs `reveal` (a `TreeView.reveal`) while regions that grow page by page wait to be rendered:
   * VS Code's reveal walks the rows down to the node and fails (quietly) when they are re-rendered
   * under it. What grew meanwhile is rendered right after.
   */
  async holdingRenders<T>(reveal: () => Thenable<T>): Promise<T> {
    this.revealing += 1;
    try {
      return await reveal();
    } finally {
      this.revealing -= 1;
      const [first] = this.grown;
      if (this.revealing === 0 && first !== undefined) this.progressed(first);
    }
  }

  /** The region node for a region name, if shown. */
  regionNode(region: string): N | undefined {
    return this.regionNodes.find((n) => n.region === region);
  }

  /** The region nodes currently shown. */
  get regions(): readonly N[] {
    return this.regionNodes;
  }

  listed(region: string): void {
    this.deps.onRegionListed?.(region);
  }

  changed(node: TreeNode): void {
    // This render shows whatever the node had grown to as well.
    this.grown.delete(node);
    this.emitter.fire(node);
  }

  progressed(node: TreeNode): void {
    this.grown.add(node);
    if (this.grownTimer !== undefined || this.revealing > 0) return;
    // The first page of a quiet tree renders at once; later ones at most every interval.
    const wait = Math.max(0, this.lastGrownRender + PROGRESS_RENDER_INTERVAL_MS - Date.now());
    this.grownTimer = setTimeout(() => {
      this.grownTimer = undefined;
      this.lastGrownRender = Date.now();
      const nodes = [...this.grown];
      this.grown.clear();
      for (const n of nodes) this.emitter.fire(n);
    }, wait);
  }

  logFailure(what: string, error: unknown): void {
    logError(this.deps.log, `${what} failed`, error);
  }

  trace(message: string): void {
    this.deps.log.trace(message);
  }

  dispose(): void {
    this.regionChanges.dispose();
    this.disposeRegions();
    this.forgetGrown();
    this.emitter.dispose();
  }

  private forgetGrown(): void {
    if (this.grownTimer !== undefined) clearTimeout(this.grownTimer);
    this.grownTimer = undefined;
    this.grown.clear();
  }

  private disposeRegions(): void {
    for (const n of this.regionNodes) n.dispose();
    this.regionNodes = [];
    this.rootRegions = [];
  }
}
