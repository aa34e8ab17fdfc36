import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName, isDeprecated, shortImageId } from '../core/model/ami';
import { imageFacts, imageStateIcon, imageStateLabel } from '../core/model/imagePresentation';
import type { ContextToken } from './contextValues';
import { CAPABILITY_TOKENS, CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { allowedCapabilities } from '../core/model/capabilities';
import type { TreeNode } from './treeNode';
import { badgeQuery, glanceFacts } from '../core/model/imageGlance';
import { imageDecorationUri } from './imageDecorations';

/**
 * Builds the contextValue of an image: kind, backing, ownership, visibility, state, and a token per
 * capability it allows now (`core/model/capabilities`, the same rules commands apply), which decide
 * what its menu offers.
 */
export function imageContextValue(ami: Ami, owned: boolean, now: Date): string {
  const state: ContextToken | undefined =
    ami.state === 'available'
      ? T.available
      : ami.state === 'pending'
        ? T.pending
        : ami.state === 'disabled'
          ? T.disabled
          : ami.state === 'failed' || ami.state === 'error'
            ? T.failed
            : undefined;
  return contextValue(
    T.image,
    ami.rootDeviceType === 'ebs' ? T.ebs : T.instanceStore,
    owned ? T.owned : T.notOwned,
    ami.isPublic && T.public,
    state,
    isDeprecated(ami, now) && T.deprecated,
    ami.name !== undefined && ami.name.length > 0 && T.hasName,
    ...allowedCapabilities({ ami, owned }).map((c) => CAPABILITY_TOKENS[c]),
  );
}

/**
 * What an AMI row says after its label, in the order the eye reads a narrow sidebar: the state,
 * then the short id (`shortImageId`) when the label is the name (an unnamed AMI's label is its id).
 */
export function imageRowDescription(ami: Ami, now: Date): string {
  const state = imageStateLabel(ami, now);
  return ami.name ? `${state} · ${shortImageId(ami.imageId)}` : state;
}

/** An AMI in the Images tree. Its `ami` is replaced in place when polling sees a new state. */
export class ImageNode implements TreeNode {
  constructor(
    readonly id: string,
    public parent: TreeNode,
    public ami: Ami,
    /** Whether the caller's account owns the image (decides which actions apply). */
    readonly owned: boolean,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const now = new Date();
    const ami = this.ami;
    const item = new vscode.TreeItem(amiDisplayName(ami), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = imageRowDescription(ami, now);
    const icon = imageStateIcon(ami, now);
    item.iconPath = new vscode.ThemeIcon(
      icon.codicon,
      icon.color ? new vscode.ThemeColor(icon.color) : undefined,
    );
    // The tooltip comes on hover (`resolveTreeItem`): it is most of the cost and the size of a row,
    // and a region of 50,000 AMIs renders 1,000 rows per group each time it grows.
    item.contextValue = imageContextValue(ami, this.owned, now);
    // Findings and Allowed AMIs as a badge (tree/imageDecorations.ts), only on rows that have one.
    const badge = badgeQuery(ami, this.owned);
    if (badge !== undefined) item.resourceUri = imageDecorationUri(ami, badge);
    item.accessibilityInformation = {
      label: `${amiDisplayName(ami)}, ${ami.imageId}, ${imageStateLabel(ami, now)}`,
    };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    item.tooltip = imageTooltip(this.ami, new Date(), this.owned);
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

/** A Markdown tooltip with the image's facts as a table. */
export function imageTooltip(ami: Ami, now: Date, owned?: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(amiDisplayName(ami))}**\n\n`);
  md.appendMarkdown('| | |\n|---|---|\n');
  const glance = owned === undefined ? [] : glanceFacts(ami, owned, now);
  for (const fact of [...imageFacts(ami, now), ...glance]) {
    md.appendMarkdown(`| ${fact.label} | ${escapeMarkdown(fact.value)} |\n`);
  }
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\r?\n/g, ' ');
}
