import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { GROUP_ORDER } from '../core/model/grouping';
import type { FamilyRule, ImageFamily } from '../core/model/imageFamily';
import { groupFamilies } from '../core/model/imageFamily';
import type { FamilyNodeHost } from './familyNodes';
import { FamilyNode } from './familyNodes';
import type { ImagesTreeProvider } from './imagesTreeProvider';
import { MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** How long the view waits after the Images tree changed before it groups again. */
const REGROUP_DELAY_MS = 300;

/**
 * The AMI Families view: family → versions newest first → the version's AMI in each region.
 *
 * It lists nothing of its own: it groups the AMIs the Images view has listed (its regions, scope
 * and filter, page by page as they arrive) and follows that view's changes, so it makes no EC2
 * call at all. When the Images view has not started listing yet, it starts it.
 */
export class FamiliesTreeProvider
  implements vscode.TreeDataProvider<TreeNode>, FamilyNodeHost, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** One node per family key while it exists (VS Code keeps expansion and selection). */
  private familyNodes = new Map<string, FamilyNode>();

  constructor(
    private readonly images: ImagesTreeProvider,
    private readonly rule: () => FamilyRule,
  ) {
    this.subscription = images.onDidChangeTreeData(() => this.regroupSoon());
  }

  /** Groups again at once (the family rule changed). */
  regroup(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.emitter.fire(undefined);
  }

  get listedRegions(): readonly string[] {
    return this.images.regions
      .filter((r) => !r.loading && r.listing?.isComplete === true)
      .map((r) => r.region);
  }

  isOwned(ami: Pick<Ami, 'ownerId'>): boolean {
    return this.images.isOwned(ami);
  }

  /** The node of a family by its label (the first of that label), as shown. */
  familyNamed(label: string): FamilyNode | undefined {
    return [...this.familyNodes.values()].find((n) => n.family.label === label);
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
    // The Images view lists the regions; if it has not been shown yet, start it now.
    if (this.images.regions.length === 0) await this.images.getChildren();
    const { families, loading, unlisted, rule } = this.current();
    const previous = this.familyNodes;
    this.familyNodes = new Map();
    const rows: TreeNode[] = families.map((family) => {
      const id = `families/${encodeURIComponent(family.key)}`;
      const node = previous.get(family.key) ?? new FamilyNode(id, family, this);
      node.family = family;
      this.familyNodes.set(family.key, node);
      return node;
    });
    const notes: TreeNode[] = [];
    if (loading.length > 0) {
      notes.push(
        new MessageNode('families/loading', undefined, {
          kind: 'loading',
          label: l10n.t('Listing {0}…', loading.join(', ')),
          tooltip: l10n.t('Families fill in as the Images view lists these regions.'),
        }),
      );
    }
    if (unlisted.length > 0) {
      notes.push(
        new MessageNode('families/unlisted', undefined, {
          kind: 'info',
          label: l10n.t('Not listed: {0}', unlisted.join(', ')),
          tooltip: l10n.t(
            'These regions failed to load in the Images view (or were cancelled): their AMIs are not in any family, and no version counts as missing there. Refresh the Images view to try again.',
          ),
        }),
      );
    }
    if (rows.length === 0 && loading.length === 0 && this.images.regions.length > 0) {
      const how =
        rule.kind === 'tag'
          ? l10n.t('No listed AMI has the tag {0} (amiExplorer.families.tag).', rule.key)
          : l10n.t('No listed AMI has a version, date or build number in its name.');
      notes.push(
        new MessageNode('families/none', undefined, {
          kind: 'empty',
          label: l10n.t('No AMI families'),
          tooltip: l10n.t(
            '{0} The view groups what the Images view lists (its scope and filter).',
            how,
          ),
        }),
      );
    }
    return [...notes, ...rows];
  }

  /**
   * The families of what the Images view lists now, under the current rule, and which regions are
   * listed in full, still loading, or not listed (failed or cancelled).
   */
  current(): {
    families: ImageFamily[];
    listed: string[];
    loading: string[];
    unlisted: string[];
    rule: FamilyRule;
  } {
    const amis: Ami[] = [];
    const loading: string[] = [];
    const unlisted: string[] = [];
    const listed: string[] = [];
    for (const region of this.images.regions) {
      const listing = region.listing;
      if (listing) {
        for (const backingType of GROUP_ORDER) amis.push(...listing.imagesOf(backingType));
      }
      if (region.loading) loading.push(region.region);
      else if (listing?.isComplete) listed.push(region.region);
      else unlisted.push(region.region);
    }
    const rule = this.rule();
    return { families: groupFamilies(amis, rule), listed, loading, unlisted, rule };
  }

  /** The family an AMI belongs to among what the Images view lists now. */
  familyOf(ami: Pick<Ami, 'imageId'>): ImageFamily | undefined {
    return this.current().families.find((f) =>
      f.versions.some((v) => v.images.some((i) => i.imageId === ami.imageId)),
    );
  }

  private regroupSoon(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire(undefined);
    }, REGROUP_DELAY_MS);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
