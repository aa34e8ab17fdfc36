import * as vscode from 'vscode';
import { AwsApiError } from '../core/model/errors';
import { errorSentence } from '../core/model/errorSentence';
import type { ContextToken } from './contextValues';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What a message node says and what clicking it does. */
export interface MessageSpec {
  /** `loading`: a spinner, and the `loading` context token (the row goes away by itself). */
  kind: 'info' | 'empty' | 'error' | 'loading';
  label: string;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  command?: vscode.Command;
}

const ICONS = { info: 'info', empty: 'circle-outline', loading: 'loading~spin' } as const;

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
        : new vscode.ThemeIcon(ICONS[this.spec.kind]);
    if (this.spec.description !== undefined) item.description = this.spec.description;
    if (this.spec.tooltip) item.tooltip = this.spec.tooltip;
    if (this.spec.command) item.command = this.spec.command;
    const tokens: ContextToken[] = [T.message];
    if (this.spec.kind === 'error') tokens.push(T.error, T.retryable);
    if (this.spec.kind === 'loading') tokens.push(T.loading);
    item.contextValue = contextValue(...tokens);
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

const SHOW_LOG: vscode.Command = { command: 'amiExplorer.log.show', title: l10n.t('Show Log') };

/** An error node with a plain sentence; clicking it opens the log with the full error. */
export function errorNode(id: string, parent: TreeNode | undefined, error: unknown): MessageNode {
  const message = errorSentence(error);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(message);
  if (error instanceof AwsApiError) {
    tooltip.appendMarkdown(l10n.t('\n\nError code: `{0}`', error.code));
    if (error.details.requestId)
      tooltip.appendMarkdown(l10n.t('  \nRequest id: `{0}`', error.details.requestId));
  }
  tooltip.appendMarkdown(l10n.t('\n\nClick to show the log.'));
  return new MessageNode(id, parent, { kind: 'error', label: message, tooltip, command: SHOW_LOG });
}
