import * as vscode from 'vscode';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/**
 * A configured opt-in region while DescribeRegions says whether it is enabled: shown at once with
 * the others, and not called until then (a region that is not enabled answers only AuthFailure).
 */
export class CheckingRegionNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly id: string,
    readonly region: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = l10n.t('checking opt-in status…');
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.tooltip = l10n.t(
      '{0} is an opt-in region: AMI Explorer is asking EC2 whether it is enabled for this account.',
      this.region,
    );
    item.contextValue = contextValue(T.checkingRegion);
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
