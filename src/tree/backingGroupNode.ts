import * as vscode from 'vscode';
import type { BackingGroup } from '../core/model/grouping';
import { backingGroupLabel } from '../core/model/grouping';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { ImageNode } from './imageNode';
import type { TreeNode } from './treeNode';

/** "EBS-backed" or "Instance store-backed" under a region; only shown when it has images. */
export class BackingGroupNode implements TreeNode {
  children: ImageNode[] = [];

  constructor(
    readonly id: string,
    readonly parent: TreeNode,
    public group: BackingGroup,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      backingGroupLabel(this.group.backingType),
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    const count = this.group.images.length;
    item.description = `${count}`;
    item.tooltip =
      this.group.backingType === 'ebs'
        ? `${count} EBS-backed AMI${count === 1 ? '' : 's'}: the root volume is an EBS snapshot.`
        : `${count} instance store-backed AMI${count === 1 ? '' : 's'}: the image is a bundle in S3; instance-store volumes exist only while an instance runs.`;
    item.iconPath = new vscode.ThemeIcon(this.group.backingType === 'ebs' ? 'database' : 'package');
    item.contextValue = contextValue(
      T.backingGroup,
      this.group.backingType === 'ebs' ? T.ebs : T.instanceStore,
    );
    return item;
  }

  getChildren(): TreeNode[] {
    return this.children;
  }
}
