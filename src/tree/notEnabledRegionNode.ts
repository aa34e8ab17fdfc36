import * as vscode from 'vscode';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';

/**
 * A configured opt-in region that is not enabled for the account: shown as such, with
 * what to do about it, and never called.
 */
export class NotEnabledRegionNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly id: string,
    readonly region: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = 'not enabled';
    item.iconPath = new vscode.ThemeIcon(
      'circle-slash',
      new vscode.ThemeColor('disabledForeground'),
    );
    item.tooltip = `${this.region} is an opt-in region that is not enabled for this account.`;
    item.contextValue = contextValue(T.notEnabledRegion);
    return item;
  }

  getChildren(): TreeNode[] {
    return [
      new MessageNode(`${this.id}/explanation`, this, {
        kind: 'info',
        label: `${this.region} is an opt-in region that is not enabled for this account.`,
        tooltip: `Enable ${this.region} in the AWS console (Account → AWS Regions), or remove it from the amiExplorer.regions setting.`,
        command: {
          command: 'workbench.action.openSettings',
          title: 'Open Settings',
          arguments: ['amiExplorer.regions'],
        },
      }),
    ];
  }
}
