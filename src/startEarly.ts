/** A view that can be visible (a `vscode.TreeView`), as far as starting early needs it. */
export interface VisibleView {
  readonly visible: boolean;
  onDidChangeVisibility(listener: (event: { readonly visible: boolean }) => unknown): {
    dispose(): void;
  };
}

/**
 * Runs `start` once, soon after the first of `views` is visible (now, if one already is): used to
 * load the SDK chunk while VS Code is still setting the view up, instead of when its first EC2 call
 * needs it. `later` puts `start` in a task of its own, after activation has returned, so that its
 * cost is never counted as activation.
 */
export function whenFirstVisible(
  views: readonly VisibleView[],
  start: () => void,
  later: (run: () => void) => void = (run) => void setTimeout(run, 0),
): { dispose(): void } {
  let started = false;
  const subscriptions: { dispose(): void }[] = [];
  const dispose = (): void => {
    for (const s of subscriptions.splice(0)) s.dispose();
  };
  const go = (): void => {
    if (started) return;
    started = true;
    dispose();
    later(start);
  };
  if (views.some((v) => v.visible)) {
    go();
    return { dispose };
  }
  for (const view of views) {
    subscriptions.push(
      view.onDidChangeVisibility((event) => {
        if (event.visible) go();
      }),
    );
  }
  return { dispose };
}
