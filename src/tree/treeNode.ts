import type * as vscode from 'vscode';

/** One node of an AMI Explorer tree. Each kind is a small class of its own. */
export interface TreeNode {
  /** Stable id, so VS Code keeps expansion and selection across refreshes. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] | Promise<TreeNode[]>;
  /**
   * Fills in what `getTreeItem` left out because it is only needed on hover (a tooltip that costs
   * more to build than the row): VS Code asks when the pointer rests on the row.
   */
  resolveTreeItem?(item: vscode.TreeItem): vscode.TreeItem;
}
