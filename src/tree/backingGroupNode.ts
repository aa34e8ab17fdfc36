import * as vscode from 'vscode';
import type { Ami, BackingType } from '../core/model/ami';
import { backingGroupLabel } from '../core/model/grouping';
import { GROUP_ROWS_SHOWN } from '../core/model/regionImages';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { ImageNode } from './imageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

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
    item.description = sorted ? `${count}` : l10n.t('{0} · not sorted yet', count);
    item.tooltip =
      (this.backingType === 'ebs'
        ? count === 1
          ? l10n.t('{0} EBS-backed AMI: the root volume is an EBS snapshot.', count)
          : l10n.t('{0} EBS-backed AMIs: the root volume is an EBS snapshot.', count)
        : count === 1
          ? l10n.t(
              '{0} instance store-backed AMI: the image is a bundle in S3; instance-store volumes exist only while an instance runs.',
              count,
            )
          : l10n.t(
              '{0} instance store-backed AMIs: the image is a bundle in S3; instance-store volumes exist only while an instance runs.',
              count,
            )) +
      (sorted
        ? ''
        : l10n.t(
            ' Rows are in the order they arrived until every page is in (and, while you have rows of this region selected, until you select elsewhere), so that nothing moves under your cursor.',
          ));
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
      l10n.t('Show {0} more', this.more),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = l10n.t('{0} not listed', this.hidden);
    item.tooltip = l10n.t(
      'This group lists its first {0} AMIs. Click to list {1} more.',
      this.parent.images.length - this.hidden,
      this.more,
    );
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = contextValue(T.message, T.showMore);
    item.command = {
      command: SHOW_MORE_COMMAND,
      title: l10n.t('Show More'),
      arguments: [this.parent],
    };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
