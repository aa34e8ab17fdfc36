import assert from 'node:assert/strict';
import { selectedNodes } from '../../../src/ui/selection';
import type { TreeNode } from '../../../src/tree/treeNode';

interface FakeNode extends TreeNode {
  kind: 'image' | 'instance';
}

const node = (id: string, kind: FakeNode['kind']): FakeNode => ({
  id,
  kind,
  parent: undefined,
  getTreeItem: () => ({}),
  getChildren: () => [],
});

const isImage = (n: unknown): n is FakeNode =>
  typeof n === 'object' && n !== null && (n as Partial<FakeNode>).kind === 'image';

describe('commands/selection selectedNodes', () => {
  const a = node('a', 'image');
  const b = node('b', 'image');
  const i = node('i', 'instance');

  it('acts on the whole multi-selection (of the right kind) when the clicked node is in it', () => {
    assert.deepEqual(selectedNodes(a, [a, i, b], isImage), [a, b]);
  });

  it('acts on the clicked node alone when it is outside the selection', () => {
    assert.deepEqual(selectedNodes(a, [b], isImage), [a]);
    assert.deepEqual(selectedNodes(a, undefined, isImage), [a]);
    assert.deepEqual(selectedNodes(a, 'not an array', isImage), [a]);
  });

  it('acts on nothing when the clicked node is not of the kind (or when run from the palette)', () => {
    assert.deepEqual(selectedNodes(i, [i, a], isImage), []);
    assert.deepEqual(selectedNodes(undefined, undefined, isImage), []);
  });
});
