import * as vscode from 'vscode';
import { AwsApiError } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import type { ContextToken } from './contextValues';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { TreeNode } from './treeNode';

/** What a message node says and what clicking it does. */
export interface MessageSpec {
  kind: 'info' | 'empty' | 'error';
  label: string;
  tooltip?: string | vscode.MarkdownString;
  command?: vscode.Command;
}

/** A leaf that says something instead of listing resources: empty, error, or information. */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    readonly spec: MessageSpec,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath =
      this.spec.kind === 'error'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : new vscode.ThemeIcon(this.spec.kind === 'empty' ? 'circle-outline' : 'info');
    if (this.spec.tooltip) item.tooltip = this.spec.tooltip;
    if (this.spec.command) item.command = this.spec.command;
    const tokens: ContextToken[] = [T.message];
    if (this.spec.kind === 'error') tokens.push(T.error, T.retryable);
    item.contextValue = contextValue(...tokens);
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

const SHOW_LOG: vscode.Command = { command: 'amiExplorer.log.show', title: 'Show Log' };

/** An error node with a plain sentence; clicking it opens the log with the full error. */
export function errorNode(id: string, parent: TreeNode | undefined, error: unknown): MessageNode {
  const message = errorSentence(error);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(message);
  if (error instanceof AwsApiError) {
    tooltip.appendMarkdown(`\n\nError code: \`${error.code}\``);
    if (error.details.requestId)
      tooltip.appendMarkdown(`  \nRequest id: \`${error.details.requestId}\``);
  }
  tooltip.appendMarkdown('\n\nClick to show the log.');
  return new MessageNode(id, parent, { kind: 'error', label: message, tooltip, command: SHOW_LOG });
}
