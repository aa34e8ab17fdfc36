import * as vscode from 'vscode';

/** What the tree view shows for one node, read through the TreeDataProvider as VS Code does. */
export interface RenderedNode<T> {
  readonly node: T;
  readonly label: string;
  readonly description: string | undefined;
  readonly tooltip: string | undefined;
  readonly contextValue: string | undefined;
  readonly collapsible: boolean;
  readonly command: string | undefined;
  /** The codicon and theme colour of the row's icon, when it is a theme icon. */
  readonly icon: { readonly id: string; readonly color: string | undefined } | undefined;
}

/** Markdown tooltips escape punctuation (`web\\-server`); tests compare the text a user reads. */
function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

/**
 * Renders the children of `parent` (the roots when omitted) once they have loaded: a region answers
 * at once with a "Loading…" row, or the rows so far and "Loading more…" (rows with the `loading`
 * context token), and renders again when there is more; this asks again until no such row is left,
 * as a user waits. `renderChildrenNow` reads what the view shows at this moment.
 */
export async function renderChildren<T>(
  provider: vscode.TreeDataProvider<T>,
  parent?: T,
): Promise<RenderedNode<T>[]> {
  for (;;) {
    const children = await renderChildrenNow(provider, parent);
    if (!children.some(isLoadingRow)) return children;
    // Mocha's timeout turns a region that never finishes into a failure.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Renders the children of `parent` as they are now, loading or not. */
export async function renderChildrenNow<T>(
  provider: vscode.TreeDataProvider<T>,
  parent?: T,
): Promise<RenderedNode<T>[]> {
  const children = (await provider.getChildren(parent)) ?? [];
  return Promise.all(children.map((child) => render(provider, child)));
}

/**
 * The full id of an AMI row, as its tooltip shows it: the row itself shows the state and a short id
 * (`available · ami-…89abcdef`).
 */
export function imageIdOf(row: RenderedNode<unknown>): string | undefined {
  return /\| ID \| (ami-[0-9a-f]+) \|/.exec(row.tooltip ?? '')?.[1];
}

/** Whether a row is there only while its region loads ("Loading…", "Loading more…"). */
export function isLoadingRow(row: RenderedNode<unknown>): boolean {
  return /\bloading\b/.test(row.contextValue ?? '');
}

/** Renders one node, with what VS Code fills in on hover (`resolveTreeItem`: the tooltip). */
export async function render<T>(
  provider: vscode.TreeDataProvider<T>,
  node: T,
): Promise<RenderedNode<T>> {
  let item = await provider.getTreeItem(node);
  if (item.tooltip === undefined && provider.resolveTreeItem) {
    const hover = new vscode.CancellationTokenSource();
    item = (await provider.resolveTreeItem(item, node, hover.token)) ?? item;
    hover.dispose();
  }
  return {
    node,
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : undefined,
    tooltip:
      typeof item.tooltip === 'string'
        ? item.tooltip
        : item.tooltip !== undefined
          ? unescapeMarkdown(item.tooltip.value)
          : undefined,
    contextValue: item.contextValue,
    // 0 is TreeItemCollapsibleState.None; the enum lives on the vscode module value.
    collapsible: (item.collapsibleState ?? 0) !== 0,
    command: item.command?.command,
    icon: themeIcon(item.iconPath),
  };
}

/** A ThemeIcon's id and colour; checked structurally, as the vscode module's classes are values. */
function themeIcon(iconPath: vscode.TreeItem['iconPath']): RenderedNode<unknown>['icon'] {
  const icon = iconPath as { id?: unknown; color?: { id?: unknown } } | undefined;
  if (typeof icon?.id !== 'string') return undefined;
  return { id: icon.id, color: typeof icon.color?.id === 'string' ? icon.color.id : undefined };
}

/** The child labelled `label`; fails with the labels there are, to make a failure readable. */
export async function childNamed<T>(
  provider: vscode.TreeDataProvider<T>,
  parent: T | undefined,
  label: string,
): Promise<RenderedNode<T>> {
  const children = await renderChildren(provider, parent);
  const found = children.find((child) => child.label === label);
  if (found === undefined) {
    throw new Error(
      `no child "${label}"; there are: ${children.map((c) => JSON.stringify(c.label)).join(', ')}`,
    );
  }
  return found;
}

/** Every node of the tree, depth first. */
export async function renderAll<T>(
  provider: vscode.TreeDataProvider<T>,
  parent?: T,
): Promise<RenderedNode<T>[]> {
  const all: RenderedNode<T>[] = [];
  for (const child of await renderChildren(provider, parent)) {
    all.push(child);
    if (child.collapsible) {
      all.push(...(await renderAll(provider, child.node)));
    }
  }
  return all;
}
