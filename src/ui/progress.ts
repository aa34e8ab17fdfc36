import * as vscode from 'vscode';

/** The signals of the progress notifications now running (what their Cancel buttons abort). */
const running = new Set<AbortController>();

/**
 * Does what the Cancel button of every running progress notification does; returns how many were
 * cancelled. Only for the test API: integration tests cannot click the notification.
 */
export function cancelRunningProgress(): number {
  const n = running.size;
  for (const controller of running) controller.abort();
  return n;
}

/** Runs long work under a progress notification whose Cancel button aborts the signal. */
export function withProgress<T>(
  title: string,
  task: (
    signal: AbortSignal,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
  ) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      running.add(controller);
      try {
        return await task(controller.signal, progress);
      } finally {
        running.delete(controller);
        subscription.dispose();
      }
    },
  );
}
