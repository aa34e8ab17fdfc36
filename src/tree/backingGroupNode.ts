import * as vscode from 'vscode';
import type { Ami, BackingType } from '../core/model/ami';
import { backingGroupLabel } from '../core/model/grouping';
import { GROUP_ROWS_SHOWN } from '../core/model/regionImages';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { ImageNode } from './imageNode';
import type { TreeNode } from './treeNode';

/** What a backing group reads from its region. */
export interface BackingGroupParent extends TreeNode {
  /** The group's AMIs in the order shown. */
  imagesOf(backingType: BackingType): readonly Ami[];
  /** Whether the order shown is the real one (see `RegionImages`). */
  readonly isSorted: boolean;
  /** The one node of an image of this group. */
  nodeFor(ami: Ami, group: BackingGroupNode): ImageNode;
}

/**
 * "EBS-backed" or "Instance store-backed" under a region; only shown when it has images. A large
 * group lists its first `GROUP_ROWS_SHOWN` rows (the newest, once sorted) and a "Show … more" row.
 */
export class BackingGroupNode implements TreeNode {
  /** How many rows are listed; "Show … more" adds `GROUP_ROWS_SHOWN`. */
  private shown = GROUP_ROWS_SHOWN;

  constructor(
    readonly id: string,
    readonly parent: BackingGroupParent,
    readonly backingType: BackingType,
  ) {}

  /** The group's AMIs in the order shown, listed or not. */
  get images(): readonly Ami[] {
    return this.parent.imagesOf(this.backingType);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      backingGroupLabel(this.backingType),
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    const count = this.images.length;
    const sorted = this.parent.isSorted;
    item.description = sorted ? `${count}` : `${count} · not sorted yet`;
    item.tooltip =
      (this.backingType === 'ebs'
        ? `${count} EBS-backed AMI${count === 1 ? '' : 's'}: the root volume is an EBS snapshot.`
        : `${count} instance store-backed AMI${count === 1 ? '' : 's'}: the image is a bundle in S3; instance-store volumes exist only while an instance runs.`) +
      (sorted
        ? ''
        : ' Rows are in the order they arrived until every page is in (and, while you have rows of this region selected, until you select elsewhere), so that nothing moves under your cursor.');
    item.iconPath = new vscode.ThemeIcon(this.backingType === 'ebs' ? 'database' : 'package');
    item.contextValue = contextValue(
      T.backingGroup,
      this.backingType === 'ebs' ? T.ebs : T.instanceStore,
    );
    return item;
  }

  getChildren(): TreeNode[] {
    const images = this.images;
    const rows: TreeNode[] = images
      .slice(0, this.shown)
      .map((ami) => this.parent.nodeFor(ami, this));
    const hidden = images.length - rows.length;
    if (hidden > 0) rows.push(new ShowMoreNode(this, Math.min(GROUP_ROWS_SHOWN, hidden), hidden));
    return rows;
  }

  /** Lists `GROUP_ROWS_SHOWN` more rows ("Show … more"). */
  showMore(): void {
    this.shown += GROUP_ROWS_SHOWN;
  }

  /**
   * Lists rows down to the one at `index` at least (to reveal it); returns whether more rows are
   * listed now.
   */
  showRowAt(index: number): boolean {
    if (index < this.shown) return false;
    this.shown = (Math.floor(index / GROUP_ROWS_SHOWN) + 1) * GROUP_ROWS_SHOWN;
    return true;
  }
}

/** The command behind "Show … more" (not on the Command Palette). */
export const SHOW_MORE_COMMAND = 'amiExplorer.images.showMore';

/** "Show 1000 more" under a group that lists only its first rows; clicking lists more. */
export class ShowMoreNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: BackingGroupNode,
    private readonly more: number,
    private readonly hidden: number,
  ) {
    this.id = `${parent.id}/more`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      `Show ${this.more} more`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = `${this.hidden} not listed`;
    item.tooltip = `This group lists its first ${this.parent.images.length - this.hidden} AMIs. Click to list ${this.more} more.`;
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = contextValue(T.message, T.showMore);
    item.command = { command: SHOW_MORE_COMMAND, title: 'Show More', arguments: [this.parent] };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
