import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { amiDisplayName, isDeprecated } from '../core/model/ami';
import { imageFacts, imageStateIcon, imageStateLabel } from '../core/model/imagePresentation';
import type { ContextToken } from './contextValues';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { TreeNode } from './treeNode';

/**
 * Builds the contextValue of an image: kind, backing, ownership, visibility, state, and the
 * capabilities that decide which actions its menu offers (EC2's own rules: only the owner modifies an
 * image; only available images can be copied or shared; a disabled image can only be re-enabled or
 * deregistered).
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
  const available = ami.state === 'available';
  const disabled = ami.state === 'disabled';
  const protectedNow =
    ami.deregistrationProtection !== undefined &&
    ami.deregistrationProtection.startsWith('enabled');
  const deprecationScheduled = ami.deprecationTime !== undefined;
  return contextValue(
    T.image,
    ami.rootDeviceType === 'ebs' ? T.ebs : T.instanceStore,
    owned ? T.owned : T.notOwned,
    ami.isPublic && T.public,
    state,
    isDeprecated(ami, now) && T.deprecated,
    ami.name !== undefined && ami.name.length > 0 && T.hasName,
    available && T.canCopy,
    owned && ami.state !== 'pending' && T.canDeregister,
    owned && ami.rootDeviceType === 'instance-store' && available && T.canReregister,
    owned && T.canEditTags,
    owned && !disabled && T.canEditDescription,
    owned && !disabled && T.canDeprecate,
    owned && deprecationScheduled && T.canCancelDeprecation,
    owned && !protectedNow && T.canProtect,
    owned && protectedNow && T.canUnprotect,
    owned && available && T.canDisable,
    owned && disabled && T.canEnable,
    owned && available && T.canEditPermissions,
    T.canViewBlockDevices,
  );
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
    item.description = ami.name
      ? `${ami.imageId} · ${imageStateLabel(ami, now)}`
      : imageStateLabel(ami, now);
    const icon = imageStateIcon(ami, now);
    item.iconPath = new vscode.ThemeIcon(
      icon.codicon,
      icon.color ? new vscode.ThemeColor(icon.color) : undefined,
    );
    item.tooltip = imageTooltip(ami, now);
    item.contextValue = imageContextValue(ami, this.owned, now);
    item.accessibilityInformation = {
      label: `${amiDisplayName(ami)}, ${ami.imageId}, ${imageStateLabel(ami, now)}`,
    };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

/** A Markdown tooltip with the image's facts as a table. */
export function imageTooltip(ami: Ami, now: Date): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(amiDisplayName(ami))}**\n\n`);
  md.appendMarkdown('| | |\n|---|---|\n');
  for (const fact of imageFacts(ami, now)) {
    md.appendMarkdown(`| ${fact.label} | ${escapeMarkdown(fact.value)} |\n`);
  }
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\r?\n/g, ' ');
}
