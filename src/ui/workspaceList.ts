import type * as vscode from 'vscode';

/**
 * A list of records kept in the workspace state, for work that outlives a window reload (tracked
 * operations, copies looked for, usage reports waited for). What `isItem` rejects (a record of an
 * older shape, or damaged) is dropped on load.
 */
export function workspaceList<T>(
  state: vscode.Memento,
  key: string,
  isItem: (value: unknown) => value is T,
): { load(): T[]; save(items: T[]): Thenable<void> } {
  return {
    load: () => {
      const value = state.get<unknown>(key);
      return Array.isArray(value) ? value.filter(isItem) : [];
    },
    save: (items) => state.update(key, items),
  };
}
