import type { TreeNode } from '../tree/treeNode';

/**
 * The nodes a context-menu command acts on: the multi-selection when the clicked node is part of it,
 * otherwise the clicked node alone.
 */
export function selectedNodes<N extends TreeNode>(
  clicked: unknown,
  selection: unknown,
  is: (node: unknown) => node is N,
): N[] {
  if (!is(clicked)) return [];
  if (Array.isArray(selection) && selection.includes(clicked)) {
    return selection.filter(is);
  }
  return [clicked];
}
