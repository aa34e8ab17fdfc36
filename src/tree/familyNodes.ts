import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { shortImageId } from '../core/model/ami';
import { allows } from '../core/model/capabilities';
import type { FamilyVersion, ImageFamily } from '../core/model/imageFamily';
import { missingRegions } from '../core/model/imageFamily';
import { imageStateLabel } from '../core/model/imagePresentation';
import { CONTEXT_TOKENS as T, contextValue } from './contextValues';
import { ImageNode } from './imageNode';
import type { TreeNode } from './treeNode';
import * as l10n from '@vscode/l10n';

/** What family rows need from their tree. */
export interface FamilyNodeHost {
  /** The regions whose AMIs are all listed: where a version's absence means it is missing. */
  readonly listedRegions: readonly string[];
  /** Whether the caller's account owns an image (decides which actions apply). */
  isOwned(ami: Pick<Ami, 'ownerId'>): boolean;
}

/**
 * A family in the AMI Families view: its versions newest first. Its tooltip is the region matrix
 * (which version exists in which region); "Copy Newest to Missing Regions…" is on its menu when the
 * newest version is missing somewhere.
 */
export class FamilyNode implements TreeNode {
  readonly parent = undefined;
  private readonly versionNodes = new Map<string, FamilyVersionNode>();

  constructor(
    readonly id: string,
    public family: ImageFamily,
    private readonly host: FamilyNodeHost,
  ) {}

  /** The listed regions the newest version is not in. */
  get missing(): string[] {
    return missingRegions(this.family, this.host.listedRegions);
  }

  getTreeItem(): vscode.TreeItem {
    const family = this.family;
    const item = new vscode.TreeItem(family.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const newest = family.versions[0];
    const missing = this.missing;
    item.description = [
      family.versions.length === 1
        ? l10n.t('{0} version', family.versions.length)
        : l10n.t('{0} versions', family.versions.length),
      newest ? l10n.t('newest {0}', newest.version) : undefined,
      missing.length > 0
        ? l10n.t('not in {0}', missing.join(', '))
        : family.regions.length === 1
          ? l10n.t('in {0} region', family.regions.length)
          : l10n.t('in {0} regions', family.regions.length),
    ]
      .filter((part) => part !== undefined)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon('versions');
    const copyable =
      newest !== undefined &&
      missing.length > 0 &&
      newest.images.some((ami) => allows({ ami, owned: this.host.isOwned(ami) }, 'copy'));
    item.contextValue = contextValue(T.family, copyable && T.canCopyNewest);
    item.tooltip = familyMatrix(family, this.host.listedRegions);
    return item;
  }

  getChildren(): TreeNode[] {
    const shown = new Map<string, FamilyVersionNode>();
    const rows = this.family.versions.map((version, index) => {
      let node = this.versionNodes.get(version.name);
      if (node) node.version = version;
      else node = new FamilyVersionNode(`${this.id}/${version.name}`, this, version, this.host);
      node.hasPrevious = index + 1 < this.family.versions.length;
      shown.set(version.name, node);
      return node;
    });
    this.versionNodes.clear();
    for (const [name, node] of shown) this.versionNodes.set(name, node);
    return rows;
  }
}

/** One version of a family: the regions it exists in (and is missing from), its AMI per region. */
export class FamilyVersionNode implements TreeNode {
  hasPrevious = false;
  private readonly imageNodes = new Map<string, FamilyImageNode>();

  constructor(
    readonly id: string,
    readonly parent: FamilyNode,
    public version: FamilyVersion,
    private readonly host: FamilyNodeHost,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const version = this.version;
    const item = new vscode.TreeItem(version.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const missing = this.host.listedRegions.filter((r) => !version.regions.includes(r));
    item.description = [
      version.builtAt?.slice(0, 10),
      version.regions.join(', '),
      missing.length > 0 ? l10n.t('not in {0}', missing.join(', ')) : undefined,
    ]
      .filter((part) => part !== undefined && part.length > 0)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon('tag');
    item.contextValue = contextValue(T.familyVersion, this.hasPrevious && T.hasPrevious);
    item.tooltip = l10n.t(
      '{0}: version {1}, in {2}',
      version.name,
      version.version,
      version.regions.join(', '),
    );
    return item;
  }

  /** The version's AMI in a region, else its first one. */
  imageIn(region?: string): Ami | undefined {
    return this.version.images.find((i) => i.region === region) ?? this.version.images[0];
  }

  getChildren(): TreeNode[] {
    return this.version.images.map((ami) => {
      let node = this.imageNodes.get(ami.imageId);
      if (node) node.ami = ami;
      else {
        node = new FamilyImageNode(`${this.id}/${ami.imageId}`, this, ami, this.host.isOwned(ami));
        this.imageNodes.set(ami.imageId, node);
      }
      node.hasPrevious = this.hasPrevious;
      return node;
    });
  }
}

/**
 * A version's AMI in one region. It is an `ImageNode`, so the image commands (JSON, copy, compare…)
 * act on it as on a row of the Images view; its row is labelled by its region.
 */
export class FamilyImageNode extends ImageNode {
  hasPrevious = false;

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    const now = new Date();
    item.label = this.ami.region;
    item.description = `${imageStateLabel(this.ami, now)} · ${shortImageId(this.ami.imageId)}`;
    item.contextValue = contextValue(T.familyImage, this.hasPrevious && T.hasPrevious).concat(
      `;${item.contextValue ?? ''}`,
    );
    return item;
  }

  /** The family this AMI belongs to. */
  get family(): ImageFamily {
    return (this.parent as FamilyVersionNode).parent.family;
  }
}

/** The region matrix of a family: one row per version, one column per region, ✓ where it exists. */
export function familyMatrix(
  family: ImageFamily,
  listedRegions: readonly string[],
): vscode.MarkdownString {
  const regions = [...new Set([...listedRegions, ...family.regions])].sort();
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(
    l10n.t('**{0}**: versions by region, newest first\n\n', escapeMarkdown(family.label)),
  );
  md.appendMarkdown(l10n.t('| Version | {0} |\n', regions.map(escapeMarkdown).join(' | ')));
  md.appendMarkdown(`|---|${regions.map(() => ':-:').join('|')}|\n`);
  for (const version of family.versions) {
    const cells = regions.map((r) => (version.regions.includes(r) ? '✓' : '—'));
    md.appendMarkdown(`| ${escapeMarkdown(version.version)} | ${cells.join(' | ')} |\n`);
  }
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\r?\n/g, ' ');
}
