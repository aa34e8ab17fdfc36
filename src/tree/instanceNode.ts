import * as vscode from 'vscode';
import type { Ec2Instance } from '../core/model/instance';
import { instanceDisplayName } from '../core/model/instance';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import type { TreeNode } from './treeNode';
import type { InstanceImage } from '../core/model/imageInsights';
import { instanceAmiSummary, instanceAmiText } from '../core/model/instanceAmi';
import { errorSentence } from '../core/model/errorSentence';
import * as l10n from '@vscode/l10n';

/** What the Instances listing learned about an instance's AMI (DescribeInstanceImageMetadata). */
export interface InstanceAmiInfo {
  image: InstanceImage | undefined;
  /** Why nothing is known about the AMIs of this region. */
  imagesError?: unknown;
}

/**
 * contextValue of an instance; `canCreateImage` marks EBS-backed ones (CreateImage needs EBS);
 * `canBundleImage` marks running instance store-backed ones, whose image is bundled on the instance
 * (Create Image… explains that path and offers Register Image…).
 */
export function instanceContextValue(instance: Ec2Instance): string {
  const ebs = instance.rootDeviceType === 'ebs';
  return contextValue(
    T.instance,
    ebs ? T.ebs : T.instanceStore,
    instance.state === 'running' && T.running,
    instance.state === 'stopped' && T.stopped,
    ebs && (instance.state === 'running' || instance.state === 'stopped') && T.canCreateImage,
    !ebs && instance.state === 'running' && T.canBundleImage,
  );
}

const STATE_ICONS: Record<string, [string, string?]> = {
  running: ['vm-running', 'testing.iconPassed'],
  stopped: ['vm-outline', 'disabledForeground'],
  pending: ['loading~spin'],
  stopping: ['loading~spin'],
  'shutting-down': ['loading~spin'],
};

/** An EC2 instance in the Instances view. */
export class InstanceNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode,
    readonly instance: Ec2Instance,
    readonly ami: InstanceAmiInfo = { image: undefined },
  ) {}

  getTreeItem(): vscode.TreeItem {
    const i = this.instance;
    const item = new vscode.TreeItem(instanceDisplayName(i), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const ami = instanceAmiSummary(this.ami.image, new Date());
    const parts = [
      i.name ? i.instanceId : undefined,
      i.state,
      i.instanceType,
      i.rootDeviceType,
      ami ? instanceAmiText(ami) : undefined,
    ];
    item.description = parts.filter((p) => p !== undefined).join(' · ');
    // An AMI that can no longer launch (deregistered, disabled, deprecated) shows as a warning.
    const [codicon, color] = ami?.problem
      ? ['warning', 'problemsWarningIcon.foreground']
      : (STATE_ICONS[i.state] ?? ['vm']);
    item.iconPath = new vscode.ThemeIcon(codicon, color ? new vscode.ThemeColor(color) : undefined);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${instanceDisplayName(i)}**\n\n`);
    const rows: [string, string | undefined][] = [
      ['ID', i.instanceId],
      ['State', i.state],
      ['Type', i.instanceType],
      [l10n.t('Root device'), [i.rootDeviceName, i.rootDeviceType].filter(Boolean).join(' · ')],
      [
        'AMI',
        ami
          ? `${ami.imageId}${ami.label !== ami.imageId ? ` ${ami.label}` : ''}${ami.problem ? ` (${ami.problem})` : ami.hidden ? l10n.t(' (not visible to you)') : ''}`
          : this.ami.imagesError !== undefined
            ? l10n.t(
                '{0} (its details are unknown: {1})',
                i.imageId ?? '',
                errorSentence(this.ami.imagesError),
              )
            : i.imageId,
      ],
      ['Platform', i.platform],
      ['Launched', i.launchTime],
      [l10n.t('Private IP'), i.privateIpAddress],
      [l10n.t('Public IP'), i.publicIpAddress],
    ];
    for (const [label, value] of rows) {
      if (value) md.appendMarkdown(`- ${label}: \`${value.replace(/`/g, "'")}\`\n`);
    }
    item.tooltip = md;
    item.contextValue = instanceContextValue(i);
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
