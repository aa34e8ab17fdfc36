import * as vscode from 'vscode';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

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
    item.description = l10n.t('not enabled');
    item.iconPath = new vscode.ThemeIcon(
      'circle-slash',
      new vscode.ThemeColor('disabledForeground'),
    );
    item.tooltip = l10n.t(
      '{0} is an opt-in region that is not enabled for this account.',
      this.region,
    );
    item.contextValue = contextValue(T.notEnabledRegion);
    return item;
  }

  getChildren(): TreeNode[] {
    return [
      new MessageNode(`${this.id}/explanation`, this, {
        kind: 'info',
        label: l10n.t('{0} is an opt-in region that is not enabled for this account.', this.region),
        tooltip: l10n.t(
          'Enable {0} in the AWS console (Account → AWS Regions), or remove it from the amiExplorer.regions setting.',
          this.region,
        ),
        command: {
          command: 'workbench.action.openSettings',
          title: l10n.t('Open Settings'),
          arguments: ['amiExplorer.regions'],
        },
      }),
    ];
  }
}
